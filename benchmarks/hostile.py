"""Bounds on hostile input: each case ends in one line within bounded time and memory.

``python -m benchmarks.hostile`` builds each hostile file in a temporary folder, runs
``legiscompare compare`` on it (with a small real text as the other input) in a fresh
process, and reports the exit status, the first line of stderr, the wall time and the
process's peak memory. The cases are those of issue 14: a .docx whose document.xml
unpacks to 200 MB, a PDF with 2 M text operators, a PDF stream of 256 MiB of spaces,
HTML nested 5,000 levels deep, and single-article texts of 1 MB and 5 MB against copies
with 2,000 or 10,000 changed characters (which must succeed, in seconds).
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

from .common import machine_line, markdown_table

REPO = Path(__file__).resolve().parents[1]
JJJ = REPO / "texts" / "jjj-innovation-2023"
_RUN = ("import resource, runpy, sys; sys.argv = ['legiscompare'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('compare', run_name='__main__')\n"
        "finally:\n    u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    print('peak_kb', u.ru_maxrss, file=sys.stderr)\n"
        "    print('cpu_s', u.ru_utime + u.ru_stime, file=sys.stderr)")


LONG_ARTICLES = ((1, 2_000), (5, 2_000), (5, 10_000))  # (MB, changed characters) of one-article pairs


def _pdf(stream: bytes) -> bytes:
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


def _docx_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(b" " * (1 << 20))


def _spaces_pdf(path: Path) -> None:
    packer = zlib.compressobj(9)
    path.write_bytes(_pdf(b"".join(packer.compress(b" " * (1 << 24)) for _ in range(16)) + packer.flush()))


def _huge_pair(folder: Path, chars_wanted: int = 340_000, changes: int = 2000) -> tuple[Path, Path]:
    """One-article texts of ``chars_wanted`` characters (340,000 ≈ 1 MB of UTF-8), the second
    with ``changes`` characters replaced at random (seeded)."""
    body = "".join(line.strip() for line in (JJJ / "beijing.txt").read_text(encoding="utf-8").splitlines()[3:])
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


def build_cases(folder: Path) -> list[tuple[str, list[str]]]:
    """(name, compare arguments) of every hostile case, files written under ``folder``."""
    other = str(JJJ / "beijing.txt")
    _docx_bomb(folder / "bomb.docx")
    (folder / "ops.pdf").write_bytes(_pdf(zlib.compress(b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj " * 2_000_000 + b"ET")))
    _spaces_pdf(folder / "spaces.pdf")
    law = "".join(f"<p>{line}</p>" for line in (JJJ / "beijing.txt").read_text(encoding="utf-8").splitlines())
    (folder / "deep.html").write_text(f"<html><body>{'<div>' * 5000}{law}{'</div>' * 5000}</body></html>",
                                      encoding="utf-8")
    cases = [("docx: 200 MB document.xml", [other, str(folder / "bomb.docx")]),
             ("pdf: 2 M text operators", [other, str(folder / "ops.pdf")]),
             ("pdf: 256 MiB of spaces", [other, str(folder / "spaces.pdf")]),
             ("html: 5,000 levels", [other, str(folder / "deep.html")])]
    for megabytes, changes in LONG_ARTICLES:
        a, b = _huge_pair(folder, 340_000 * megabytes, changes)
        cases.append((f"{megabytes} MB article, {changes:,} changes", [str(a), str(b)]))
    return cases


def run_case(args: list[str]) -> tuple[int, str, float, float, float]:
    """(exit status, first stderr line, wall seconds, CPU seconds, peak MB) of one ``compare``
    run. CPU time is what the run costs; wall time also counts waiting for a busy machine."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEGISCOMPARE_LANG": "en"}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUN, "compare", *args, "--no-db"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=900)
    seconds = time.perf_counter() - started
    stats = dict(ln.split()[:2] for ln in proc.stderr.splitlines() if ln.startswith(("peak_kb ", "cpu_s ")))
    lines = [ln for ln in proc.stderr.splitlines() if not ln.startswith(("peak_kb ", "cpu_s "))]
    peak, cpu = int(stats.get("peak_kb", 0)) / 1024, float(stats.get("cpu_s", 0))
    return proc.returncode, (lines[0] if lines else "ok")[:90], seconds, cpu, peak


def main(argv: list[str] | None = None) -> int:
    """Run every case and print the table; status 1 if a case crashed or was not bounded."""
    print(machine_line())
    status, table = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in build_cases(Path(tmp)):
            code, line, seconds, cpu, peak = run_case(args)
            table.append([name, code, line, f"{seconds:.1f}", f"{cpu:.1f}", f"{peak:.0f}"])
            if code not in (0, 2) or "Traceback" in line or seconds > 120:
                status = 1
    print(markdown_table(["case", "exit", "message", "seconds", "CPU s", "peak MB"], table))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
