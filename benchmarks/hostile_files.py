"""Hostile files for the inputs area of the campaign: bombs, bad encodings, deep nesting,
huge numerals and configuration files. Each builder writes into a folder and returns the path."""

from __future__ import annotations

import json
import random
import re
import zipfile
import zlib
from pathlib import Path

from .hostile_common import A

NINES = "第" + "九" * 5000 + "条"  # a numeral far longer than any article number


def law() -> str:
    """The 京津冀 demo's 北京 text (real legislation, a few KB)."""
    return A.read_text(encoding="utf-8")


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """``data`` written to ``folder/name`` (text as UTF-8)."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def random_bytes(folder: Path, name: str, size: int = 200_000) -> Path:
    """``size`` seeded random bytes."""
    return write(folder, name, random.Random(1).randbytes(size))


def pdf(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (already FlateDecode-compressed)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
               b" /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return bytes(out + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)


def docx_bomb(folder: Path) -> Path:
    """A .docx whose document.xml unpacks to 200 MB of spaces."""
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(b" " * (1 << 20))
    return path


def ops_pdf(folder: Path) -> Path:
    """A PDF with two million text operators."""
    return write(folder, "ops.pdf", pdf(zlib.compress(b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj " * 2_000_000 + b"ET")))


def spaces_pdf(folder: Path) -> Path:
    """A PDF whose content stream inflates to 256 MiB of spaces."""
    packer = zlib.compressobj(9)
    return write(folder, "spaces.pdf", pdf(b"".join(packer.compress(b" " * (1 << 24)) for _ in range(16))
                                           + packer.flush()))


def deep_html(folder: Path, depth: int = 5000) -> Path:
    """The demo law in HTML nested ``depth`` levels deep."""
    body = "".join(f"<p>{line}</p>" for line in law().splitlines())
    return write(folder, "deep.html", f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>")


def huge_pair(folder: Path, chars_wanted: int, changes: int) -> tuple[Path, Path]:
    """One-article texts of ``chars_wanted`` characters (340,000 ≈ 1 MB of UTF-8), the second
    with ``changes`` characters replaced at random (seeded)."""
    body = "".join(line.strip() for line in law().splitlines()[3:])
    body = re.sub(r"[一二三四五六七八九十]+、", "", body)
    text = (body * (chars_wanted // len(body) + 1))[:chars_wanted]
    rng, chars = random.Random(1), list(text)
    for _ in range(changes):
        k = rng.randrange(len(chars))
        if chars[k] not in "。；，":
            chars[k] = rng.choice("甲乙丙丁戊己庚辛")
    head = "{}人民代表大会常务委员会关于超长条款的决定\n（2023年11月24日{}第十六届人民代表大会常务委员会第六次会议通过）\n第一条　"
    stem = f"long-{chars_wanted}-{changes}"
    a, b = folder / f"{stem}-a.txt", folder / f"{stem}-b.txt"
    a.write_text(head.format("北京市", "北京市") + text + "\n", encoding="utf-8")
    b.write_text(head.format("天津市", "天津市") + "".join(chars) + "\n", encoding="utf-8")
    return a, b


def deep_keys(folder: Path, name: str, size: int = 50_000) -> Path:
    """A TOML file of one dotted key ``a.a.a…=1`` of ``size`` bytes."""
    return write(folder, name, ".".join(["a"] * (size // 2)) + " = 1\n")


def deep_arrays(folder: Path, name: str, depth: int = 100_000) -> Path:
    """A TOML file ``x = [[[…]]]`` nested ``depth`` deep."""
    return write(folder, name, "x = " + "[" * depth + "]" * depth + "\n")


def big_divisions(folder: Path, size: int = 5 << 20) -> Path:
    """About ``size`` bytes of valid ``[[division]]`` entries (counties under 河北省)."""
    entry = '[[division]]\nname = "测试{}县"\nlevel = "county"\nparent = "河北省"\n\n'
    count = size // len(entry.format(0).encode("utf-8")) + 1
    return write(folder, "big-divisions.toml", "".join(entry.format(n) for n in range(count)))


def big_institutions(folder: Path, size: int = 5 << 20) -> Path:
    """About ``size`` bytes of valid ``[[group]]`` institution equivalences."""
    entry = '[[group]]\nnames = ["测试机构{0}", "测试机关{0}"]\n'
    count = size // len(entry.format(0).encode("utf-8")) + 1
    return write(folder, "big-institutions.toml", "".join(entry.format(n) for n in range(count)))


def decision(body: str) -> str:
    """A 修改决定 of the demo law around ``body`` (its numbered instructions)."""
    title = "北京市人民代表大会常务委员会关于修改《北京市人民代表大会常务委员会关于推进京津冀协同创新共同体建设的决定》的决定"
    return f"{title}\n\n{body}\n"


def nested_json(folder: Path, name: str, opener: str, closer: str, depth: int = 100_000) -> Path:
    """A JSON document nested ``depth`` levels (``opener``/``closer``: ``[``/``]`` or ``{"a":``/``}``)."""
    return write(folder, name, opener * depth + "1" + closer * depth if opener.startswith("{") else
                 opener * depth + closer * depth)


def big_export(folder: Path, records: int = 40_000) -> Path:
    """A decisions export (JSON) of ``records`` decisions on unknown fingerprints (≈ 5 MB)."""
    rows = [{"fingerprint": f"{n:064x}", "status": "accepted", "note": "批量" * 10, "reviewer": "张三"}
            for n in range(records)]
    return write(folder, "big-export.json", json.dumps({"format": "legiscompare-decisions", "version": 1,
                                                        "decisions": rows}, ensure_ascii=False))
