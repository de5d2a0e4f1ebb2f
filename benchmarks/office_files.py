"""The files offices send, made from a corpus text: .doc, .wps, a text PDF, a scanned PDF, OFD.

Used by ``benchmarks.ocr`` and by the tests of reading them (``tests/test_ingest_office.py``).

- ``.doc``: LibreOffice's "MS Word 97" export of the text.
- ``.wps``: the same bytes under Kingsoft WPS's extension. WPS Office has written its .wps
  documents in the Word 97-2003 binary format since WPS 2005 (an OLE compound file, as
  LibreOffice's type detection reports), so this is what such a file holds.
- text PDF: LibreOffice's PDF export; scanned PDF: its pages rendered at 300 dpi in grey and
  stored as JPEG images, as a scanner does (no text layer).
- OFD: each text line of the text PDF as an OFD ``TextObject`` at its place on the page
  (GB/T 33190-2016: millimetres, baseline ``Y``), which is how PDF-to-OFD converters write
  text; and a scanned OFD holding the page images only.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

MM_PER_PT = 25.4 / 72
OFD_NS = "http://www.ofdspec.org/2016"


def plain_text(source: Path) -> str:
    """A corpus text as an office types it: heading marks and comments dropped, every paragraph
    but the title indented by two full-width spaces (as official documents are set)."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^#+\s*", "", line).strip()
        if line and not line.startswith("<!--"):
            lines.append(line if not lines else "\u3000\u3000" + line)
    return "\n".join(lines) + "\n"


def soffice_convert(source: Path, target_filter: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice headless into ``folder`` (its own profile, so runs never clash)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        infilter = ["--infilter=Text (encoded):UTF8"] if source.suffix == ".txt" else []
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", *infilter,
                        "--convert-to", target_filter, "--outdir", str(folder), str(source)],
                       check=True, capture_output=True, timeout=180)
    extension = target_filter.split(":", 1)[0]
    return folder / f"{source.stem}.{extension}"


def office_files(source: Path, folder: Path) -> dict[str, Path]:
    """Every office form of the corpus text ``source``, written into ``folder``: kind → path."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / f"{source.stem}.txt"
    text.write_text(plain_text(source), encoding="utf-8")
    doc = soffice_convert(text, "doc:MS Word 97", folder)
    wps = folder / f"{source.stem}.wps"
    wps.write_bytes(doc.read_bytes())
    pdf = soffice_convert(doc, "pdf", folder)
    scanned = folder / f"{source.stem}-scan.pdf"
    scanned.write_bytes(scanned_pdf(pdf.read_bytes()))
    ofd = folder / f"{source.stem}.ofd"
    ofd.write_bytes(text_ofd(pdf.read_bytes()))
    scanned_ofd = folder / f"{source.stem}-scan.ofd"
    scanned_ofd.write_bytes(image_ofd(pdf.read_bytes()))
    return {"txt": text, "doc": doc, "wps": wps, "pdf": pdf, "scanned-pdf": scanned, "ofd": ofd,
            "scanned-ofd": scanned_ofd}


def page_images(pdf: bytes, dpi: int = 300) -> list[object]:
    """The pages of ``pdf`` as grey PIL images at ``dpi``."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def scanned_pdf(pdf: bytes, dpi: int = 300) -> bytes:
    """An image-only PDF of ``pdf``'s pages (JPEG, as scanners store them)."""
    images = page_images(pdf, dpi)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)  # type: ignore[attr-defined]
    return out.getvalue()


def _package(pages: list[str], page_box: tuple[float, float], media: dict[str, bytes] | None = None) -> bytes:
    """An OFD package with one document of ``pages`` (page content XML) and ``media`` files."""
    width, height = page_box
    page_list = "".join(f'<ofd:Page ID="{i + 100}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
                f'<ofd:MaxUnitID>100000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {width:.2f} {height:.2f}'
                '</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
                + ('<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' if media else "")
                + f'</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
    root = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
            '<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml'
            '</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    public = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
              '<ofd:Font ID="1" FontName="SimSun" FamilyName="SimSun"/></ofd:Fonts></ofd:Res>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", root)
        package.writestr("Doc_0/Document.xml", document)
        package.writestr("Doc_0/PublicRes.xml", public)
        if media:
            items = "".join(f'<ofd:MultiMedia ID="{rid}" Type="Image" Format="PNG"><ofd:MediaFile>{name}'
                            '</ofd:MediaFile></ofd:MultiMedia>' for rid, name in
                            ((str(200 + i), name) for i, name in enumerate(media)))
            package.writestr("Doc_0/DocumentRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res '
                             f'xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:MultiMedias>{items}</ofd:MultiMedias></ofd:Res>')
            for name, data in media.items():
                package.writestr(f"Doc_0/Res/{name}", data)
        for i, content in enumerate(pages):
            package.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", content)
    return out.getvalue()


def _page_xml(objects: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
            f'<ofd:Layer ID="1">{objects}</ofd:Layer></ofd:Content></ofd:Page>')


def text_ofd(pdf: bytes) -> bytes:
    """An OFD with the text lines of ``pdf``, each a TextObject at its place (millimetres)."""
    import pdfplumber
    from xml.sax.saxutils import escape

    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        box = (float(document.pages[0].width) * MM_PER_PT, float(document.pages[0].height) * MM_PER_PT)
        for page in document.pages:
            objects = []
            for n, line in enumerate(page.extract_text_lines(strip=True, return_chars=True)):
                chars = [c for c in line["chars"] if not c["text"].isspace()]
                if not chars:
                    continue
                size = max(c["size"] for c in chars) * MM_PER_PT
                x0, top = line["x0"] * MM_PER_PT, line["top"] * MM_PER_PT
                width = (line["x1"] - line["x0"]) * MM_PER_PT
                text = "".join(c["text"] for c in chars)
                deltas = " ".join(f"{(b['x0'] - a['x0']) * MM_PER_PT:.3f}" for a, b in zip(chars, chars[1:]))
                objects.append(f'<ofd:TextObject ID="{1000 + n}" Boundary="{x0:.3f} {top:.3f} {width + size:.3f} '
                               f'{size * 1.2:.3f}" Font="1" Size="{size:.3f}"><ofd:TextCode X="0" Y="{size:.3f}" '
                               f'DeltaX="{deltas}">{escape(text)}</ofd:TextCode></ofd:TextObject>')
            pages.append(_page_xml("".join(objects)))
    return _package(pages, box)


def image_ofd(pdf: bytes, dpi: int = 300) -> bytes:
    """An OFD whose pages are images only (a scan saved as OFD)."""
    images = page_images(pdf, dpi)
    width, height = (images[0].width * 25.4 / dpi, images[0].height * 25.4 / dpi)  # type: ignore[attr-defined]
    media, pages = {}, []
    for i, image in enumerate(images):
        out = io.BytesIO()
        image.save(out, format="PNG")  # type: ignore[attr-defined]
        media[f"page_{i}.png"] = out.getvalue()
        pages.append(_page_xml(f'<ofd:ImageObject ID="{300 + i}" ResourceID="{200 + i}" '
                               f'Boundary="0 0 {width:.2f} {height:.2f}" CTM="{width:.2f} 0 0 {height:.2f} 0 0"/>'))
    return _package(pages, (width, height), media)
