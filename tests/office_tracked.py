"""Accept or reject every tracked change of .docx files in LibreOffice and save their text.

Run by a Python that has LibreOffice's ``uno`` module (Debian: ``python3-uno``, the system
``python3``), not by the project's virtualenv:

    python3 tests/office_tracked.py SOFFICE PROFILE_DIR DOCX AcceptAll|RejectAll OUT.txt [...]

Starts one headless ``soffice`` listening on a private pipe (its own profile), opens each
file hidden, dispatches ``.uno:AcceptAllTrackedChanges`` or ``.uno:RejectAllTrackedChanges``
and stores the document as UTF-8 text (one line per paragraph). ``tests/test_redline.py``
uses it to check that accepting every change of a redline gives the text and rejecting
every change the base, as LibreOffice itself applies them.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main(soffice: str, profile: str, jobs: list[tuple[str, str, str]]) -> None:
    """Apply each (source, AcceptAll|RejectAll, text file) job in one LibreOffice."""
    pipe = "legiscompare" + uuid.uuid4().hex
    office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(1200):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        else:
            raise SystemExit("soffice did not answer within 120 s")
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for source, command, target in jobs:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (_prop("Hidden", True),))
            frame = doc.getCurrentController().getFrame()
            dispatcher.executeDispatch(frame, f".uno:{command}TrackedChanges", "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(target),
                           (_prop("FilterName", "Text (encoded)"), _prop("FilterOptions", "UTF8")))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes down with the office
            pass
    finally:
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


if __name__ == "__main__":
    soffice, profile, *rest = sys.argv[1:]
    main(soffice, profile, [(rest[i], rest[i + 1], rest[i + 2]) for i in range(0, len(rest), 3)])
