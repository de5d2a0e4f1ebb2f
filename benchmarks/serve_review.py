"""Review at real size in the browser: first screen and per-decision times (Playwright).

``python -m benchmarks.serve_review [--rows N]``: two comparisons are stored in a fresh
SQLite database and served by ``legiscompare serve``'s application in this process:

- a synthetic pair of N-article texts (default 2,000, 2 or 4 differences a row: 5,000 in all), and
- a real pair, 最高人民法院关于适用《刑事诉讼法》的解释 2012 / 2021 (681 rows), when the corpus
  is beside the repository.

For each, headless Chromium (Debian's, as the browser tests use) measures: **first screen**,
from navigation to the first row's decision control being usable (cold: the first open
after the server started, which loads and caches the comparison; warm: a second open);
**decision**, from pressing a decision key on the current difference to the decision
shown as saved and the next undecided difference current (10 decisions: median and
slowest). Goals (issue 29): first screen ≤ 2 s, a decision ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from .common import LAWREFBOOK, machine_line, markdown_table

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DECISIONS = 10


def synthetic_pair(folder: Path, rows: int) -> list[str]:
    """Two versions of an N-article regulation in chapters of 100, each article changed in
    two places (an organ, a sum), every other one in two more (a time limit, who rules)."""
    old, new = ["# 示例管理条例", "", "<!-- INFO END -->", ""], ["# 示例管理条例", "", "<!-- INFO END -->", ""]
    for n in range(1, rows + 1):
        if n % 100 == 1:
            heading = f"## 第{_cn(n // 100 + 1)}章 第{n // 100 + 1}部分"
            old += [heading, ""]
            new += [heading, ""]
        text = f"第{_cn(n)}条 本条规定第{n}类事项。有关部门应当在十日内办理，逾期未办理的，处以罚款，具体办法另行规定。"
        changed = text.replace("有关部门", "主管部门").replace("处以罚款", "处一万元以下罚款")
        if n % 2:
            changed = changed.replace("另行规定", "由市人民政府规定").replace("十日内", "十五个工作日内")
        old += [text, ""]
        new += [changed, ""]
    paths = [folder / "示例管理条例(2020-01-01).md", folder / "示例管理条例(2024-01-01).md"]
    for path, lines in zip(paths, (old, new)):
        path.write_text("\n".join(lines), encoding="utf-8")
    return [str(p) for p in paths]


def _cn(n: int) -> str:
    from compare.numerals import cn

    return cn(n)


def stored(url: str, files: list[str]) -> tuple[int, int, int]:
    """(comparison id, rows, differences) of the pair compared and stored at ``url``."""
    from compare.pipeline import Options, compare_files
    from compare.store import open_store

    comparison = compare_files(files, Options(jurisdictions={"*": "全国"}))
    with open_store(url) as store:
        cid = store.save_comparison(comparison).id
    return cid, len(comparison.rows), sum(len(r.differences) for r in comparison.rows)


def serving(url: str) -> str:
    """The review application on ``url`` served in a thread; its base URL."""
    import uvicorn

    from compare.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def first_screen(page, address: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from navigation to the first reviewable difference being visible."""
    start = time.perf_counter()
    page.goto(address, wait_until="commit")
    page.wait_for_selector("li.diff.reviewable", state="visible", timeout=600_000)
    return time.perf_counter() - start


def decisions(page, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds of ``count`` keyboard decisions: the key pressed on the current
    difference until it shows as decided and the next one is current."""
    out = []
    page.keyboard.press("j")
    for _ in range(count):
        current = page.locator("li.diff.current").get_attribute("data-fingerprint")
        start = time.perf_counter()
        page.keyboard.press("a")
        page.wait_for_function("fp => { const c = document.querySelector('li.diff.current');"
                               " const done = document.querySelector(`li[data-fingerprint=\"${fp}\"]`);"
                               " return c && c.dataset.fingerprint !== fp && (!done || done.classList.contains('decided')); }",
                               arg=current, timeout=600_000)
        out.append((time.perf_counter() - start) * 1000)
    return out


def measure(base: str, cid: int) -> dict[str, float]:
    """First-screen (cold, warm) and decision times of comparison ``cid``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_cookies([{"name": "legiscompare_reviewer", "value": "bench", "url": base}])
        page = context.new_page()
        page.set_default_navigation_timeout(900_000)
        cold = first_screen(page, f"{base}/comparisons/{cid}")
        warm = first_screen(page, f"{base}/comparisons/{cid}")
        times = decisions(page, DECISIONS)
        browser.close()
    return {"cold": cold, "warm": warm, "median": statistics.median(times), "max": max(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="articles of the synthetic pair")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    pairs = [("synthetic", synthetic_pair(folder, args.rows))]
    real = [LAWREFBOOK / "司法解释" / f"最高人民法院关于适用《刑事诉讼法》的解释({d}).md" for d in ("2012-12-20", "2021-01-26")]
    if all(p.is_file() for p in real):
        pairs.append(("刑事诉讼法解释 2012/2021", [str(p) for p in real]))
    built = []
    for name, files in pairs:
        started = time.perf_counter()
        cid, rows, diffs = stored(url, files)
        built.append((name, cid, rows, diffs, time.perf_counter() - started))
        print(f"stored {name}: {rows} rows, {diffs} differences", file=sys.stderr)
    base = serving(url)
    table = []
    for name, cid, rows, diffs, _ in built:
        got = measure(base, cid)
        table.append([name, rows, diffs, f"{got['cold']:.2f}", f"{got['warm']:.2f}", f"{got['median']:.0f}",
                      f"{got['max']:.0f}"])
    print(machine_line())
    print(markdown_table(["comparison", "rows", "differences", "first screen cold (s)", "warm (s)",
                          "decision median (ms)", "slowest (ms)"], table))
    print("\nGoals: first screen ≤ 2 s; a decision ≤ 300 ms.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
