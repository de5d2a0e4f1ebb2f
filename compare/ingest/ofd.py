"""Extract the text of an OFD file (GB/T 33190-2016, the national format of official documents).

An OFD file is a ZIP package: ``OFD.xml`` names each document's root (``DocRoot``), whose
``Document.xml`` lists the pages (``Pages/Page@BaseLoc``); each page's content holds layers
of ``TextObject`` elements (a ``Boundary`` box in millimetres, a font ``Size``) whose
``TextCode`` children carry the characters and their position (``X``, ``Y``: the baseline,
relative to the box). Text objects are gathered into lines by baseline, ordered left to right,
and the lines rejoined into paragraphs by the rules of a text PDF (``lines.join_lines``).
Template pages (running headers, the red 文头) are not read. A page with no text object but
images (a scan saved as OFD) is read by OCR from its images, with the warning ``ocr:N``.

No PyPI library was fit to use: easyofd (the most used) prints log lines at import, decodes
through base64, pulls in PyMuPDF and reportlab, and writes an image-only OFD under a private
namespace; the subset of the standard read here is small and documented. The package is read
under the same limits as a .docx (members, unpacked size) and its XML without entities or DTDs.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..errors import InputError
from .base import Extracted, check_package_size
from .lines import Line, drop_furniture, join_lines, placed_lines

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
KIND = "OFD"


@dataclass
class _Run:
    """Characters of one TextCode, placed on the page (millimetres)."""

    x: float
    baseline: float
    size: float
    text: str
    width: float


def read_ofd(data: bytes, shown: str) -> Extracted:
    """Read an OFD package's text, one paragraph per line, or raise ``InputError``."""
    with _open(data, shown) as package:
        pages = [_page_runs(package, path, shown) for path in _page_paths(package, shown)]
        if not any(runs for runs, _images in pages):
            return _recognised(package, [images for _runs, images in pages], shown)
    lines = [_lines(runs) for runs, _images in pages]
    text = "\n".join(join_lines(drop_furniture(lines)))
    if not text.strip():
        raise InputError(shown, "empty")
    return Extracted(text, "utf-8")


def _open(data: bytes, shown: str) -> zipfile.ZipFile:
    """The package, checked like a .docx: readable, within the member and size limits."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(shown, "corrupt", kind=KIND) from None
    check_package_size(infos, shown)
    return package


def _xml(package: zipfile.ZipFile, path: str, shown: str) -> Any:
    """The parsed XML member ``path`` (a missing or damaged one makes the file damaged)."""
    try:
        return etree.fromstring(package.read(path.lstrip("/")), _PARSER)
    except KeyError:
        raise InputError(shown, "corrupt", kind=KIND) from None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        if "Excessive depth" in str(exc):
            raise InputError(shown, "too_deep", limit=256) from None
        raise InputError(shown, "corrupt", kind=KIND) from None


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    """Descendants named ``name`` in any namespace (producers differ in prefixes and namespaces)."""
    return [e for e in element.iter() if _local(e) == name]


def _resolve(base_folder: str, location: str) -> str:
    """A location of the package: absolute from the root, or relative to ``base_folder``."""
    location = location.strip().replace("\\", "/")
    joined = location.lstrip("/") if location.startswith("/") else posixpath.join(base_folder, location)
    return posixpath.normpath(joined)


def _page_paths(package: zipfile.ZipFile, shown: str) -> list[str]:
    """The content file of every page, in document order, of the first document."""
    roots = [e.text for e in _children(_xml(package, "OFD.xml", shown), "DocRoot") if e.text]
    if not roots:
        raise InputError(shown, "corrupt", kind=KIND)
    document_path = _resolve("", roots[0])
    document = _xml(package, document_path, shown)
    folder = posixpath.dirname(document_path)
    pages = [_resolve(folder, p.get("BaseLoc", "")) for p in _children(document, "Page") if p.get("BaseLoc")]
    if not pages:
        raise InputError(shown, "empty")
    return pages


def _numbers(text: str | None) -> list[float]:
    try:
        return [float(v) for v in (text or "").split()]
    except ValueError:
        return []


def _page_runs(package: zipfile.ZipFile, path: str, shown: str) -> tuple[list[_Run], list[str]]:
    """The text runs of one page, and the resource ids of its images."""
    page = _xml(package, path, shown)
    runs: list[_Run] = []
    for text_object in _children(page, "TextObject"):
        box = _numbers(text_object.get("Boundary"))
        size = (_numbers(text_object.get("Size")) or [3.5])[0]
        if len(box) < 2 or size <= 0:
            continue
        for code in _children(text_object, "TextCode"):
            text = "".join(code.itertext())
            if text.strip():
                x, y = (_numbers(code.get("X")) or [0.0])[0], (_numbers(code.get("Y")) or [size])[0]
                deltas = _deltas(code.get("DeltaX"), len(text))
                runs.append(_Run(box[0] + x, box[1] + y, size, _spaced(text, deltas, size), sum(deltas) + size))
    images = [o.get("ResourceID", "") for o in _children(page, "ImageObject")]
    return runs, images


def _deltas(spec: str | None, count: int) -> list[float]:
    """The advances of a DeltaX attribute ("g 5 3.5" repeats 3.5 five times), at most ``count - 1``."""
    values: list[float] = []
    parts = (spec or "").split()
    i = 0
    while i < len(parts) and len(values) < count - 1:
        if parts[i] == "g" and i + 2 < len(parts):
            repeat, step = _numbers(parts[i + 1]), _numbers(parts[i + 2])
            values += step * min(int(repeat[0]) if repeat else 0, count - 1 - len(values))
            i += 3
        else:
            values += _numbers(parts[i])
            i += 1
    return values


def _spaced(text: str, deltas: list[float], size: float) -> str:
    """``text`` with a space where the advance to the next character leaves a visible gap (a
    converter places characters apart rather than writing the space)."""
    out = []
    for i, char in enumerate(text):
        out.append(char)
        if i < len(deltas) and deltas[i] > 1.3 * size and not char.isspace():
            out.append(" ")
    return "".join(out)


def _lines(runs: list[_Run]) -> list[Line]:
    """Runs gathered into lines by baseline (within a third of the type size), left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.baseline, r.x)):
        if rows and abs(rows[-1][0].baseline - run.baseline) <= rows[-1][0].size / 3:
            rows[-1].append(run)
        else:
            rows.append([run])
    spans = []
    for row in rows:
        row.sort(key=lambda r: r.x)
        size = max(r.size for r in row)
        text = row[0].text
        for before, run in zip(row, row[1:]):
            text += (" " if run.x > before.x + before.width + 0.5 * size else "") + run.text
        spans.append((row[0].x, max(r.x + r.width for r in row), size, text.strip()))
    return placed_lines(spans)


def _recognised(package: zipfile.ZipFile, page_images: list[list[str]], shown: str) -> Extracted:
    """A scanned OFD: its page images read by OCR, with the warning ``ocr:PAGES``."""
    from PIL import Image, UnidentifiedImageError

    from .ocr import recognised_text

    media = _media_files(package, shown)
    images = []
    try:
        for ids in page_images:
            for resource in ids:
                if resource in media:
                    images.append(Image.open(io.BytesIO(package.read(media[resource]))).convert("L"))
    except (KeyError, OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise InputError(shown, "corrupt", kind=KIND) from None
    if not images:
        raise InputError(shown, "empty")
    return recognised_text(images, shown)


def _media_files(package: zipfile.ZipFile, shown: str) -> dict[str, str]:
    """Resource id → package path of every MultiMedia file declared in a resource file."""
    found: dict[str, str] = {}
    for name in package.namelist():
        if name.endswith("Res.xml"):
            resources = _xml(package, name, shown)
            folder = posixpath.dirname(name)
            base = _resolve(folder, resources.get("BaseLoc")) if resources.get("BaseLoc") else folder
            for medium in _children(resources, "MultiMedia"):
                files = _children(medium, "MediaFile")
                if files and files[0].text:
                    found[medium.get("ID", "")] = _resolve(base, files[0].text)
    return found
