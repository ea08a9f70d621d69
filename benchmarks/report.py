"""The review page on a whole book: how long it takes to make, how large it is, and how a
browser copes (load, the longest main-thread task while loading, scrolling to the end,
switching a filter, sorting the largest table). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/report.py [BOOK.txt ...]

With no argument: the 2019 section ten times over with 5,000 mentions (the test's book)
and, where it is found, the whole 平成16年版 (../shared/corpus/editions/h16.txt).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from book import big_book  # noqa: E402
from chromium import Chromium, find_chromium  # noqa: E402

from extract.pipeline import run  # noqa: E402
from extract.write.report import write_report  # noqa: E402
from extract.write.report.kinds import MENTION_TABLES  # noqa: E402

H16 = ROOT.parent / "shared" / "corpus" / "editions" / "h16.txt"

# Long tasks (over 50 ms) on the page's main thread, from its first script on.
WATCH_LONG_TASKS = """window.__long = []; new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({type: "longtask", buffered: true});"""
SCROLL_TO_END = """(async () => { const t0 = performance.now(); let worst = 0, last = t0;
  while (scrollY + innerHeight < document.documentElement.scrollHeight - 2) {
    scrollBy(0, innerHeight); await new Promise(r => requestAnimationFrame(r));
    const now = performance.now(); worst = Math.max(worst, now - last); last = now; }
  return [performance.now() - t0, worst, document.documentElement.scrollHeight]; })()"""
TOGGLE = """(async () => { const t0 = performance.now(); document.body.classList.toggle("hide-date");
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return performance.now() - t0; })()"""
SORT = """(async () => { const tables = [...document.querySelectorAll(".tbl table")];
  const big = tables.sort((a, b) => b.tBodies[0].rows.length - a.tBodies[0].rows.length)[0];
  const t0 = performance.now(); big.querySelector("th:nth-child(1) button").click();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [big.tBodies[0].rows.length, performance.now() - t0]; })()"""


def book_from_text(path: Path, folder: Path) -> tuple[dict, Path]:
    raw = folder / "raw" / "book"
    raw.mkdir(parents=True)
    shutil.copy(path, raw / path.name)
    t0 = time.perf_counter()
    tables = run(folder / "raw", edition=2004)
    print(f"  extraction: {time.perf_counter() - t0:.1f} s")
    return tables, folder / "raw"


def measure(label: str, tables: dict, root: Path, out: Path, browser: Chromium | None) -> None:
    chars = sum(int(c) for c in tables["documents"]["chars"])
    mentions = sum(len(tables[t]) for t in MENTION_TABLES)
    t0 = time.perf_counter()
    report = write_report(out, tables, input_root=root, name="book.html")
    made = time.perf_counter() - t0
    print(f"{label}: {chars:,} characters, {mentions:,} mentions")
    print(f"  page made in {made:.2f} s; {report.size:,} bytes ({report.size / 1e6:.1f} MB)")
    if browser is None:
        print("  (no Chromium: browser figures skipped)")
        return
    page = browser.page(1280, 900)
    page.call("Page.addScriptToEvaluateOnNewDocument", source=WATCH_LONG_TASKS)
    load = page.goto(report.path)
    fcp = page.eval("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0")
    longest = page.eval("Math.max(0, ...window.__long)")
    print(f"  load event after {load:.2f} s; first paint at {fcp / 1000:.2f} s; longest task while loading "
          f"{longest:.0f} ms")
    seconds, worst, height = page.eval(SCROLL_TO_END)
    print(f"  scrolled {height:,} px to the end in {seconds / 1000:.2f} s, one screen a frame; slowest frame "
          f"{worst:.0f} ms")
    print(f"  switching a kind filter: {page.eval(TOGGLE):.0f} ms to the next frame")
    rows, ms = page.eval(SORT)
    print(f"  sorting the largest table ({rows:,} rows): {ms:.0f} ms")
    print(f"  errors: {page.errors() or 'none'}")
    page.close()


def main(argv: list[str]) -> None:
    exe = find_chromium()
    browser = Chromium.start(exe) if exe else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            books = [Path(a) for a in argv] or ([H16] if H16.is_file() else [])
            if not argv:
                tables = run(ROOT / "raw")
                book, root = big_book(tables, tmp / "synthetic", ROOT / "raw")
                measure("2019 section ten times over", book, root, tmp / "synthetic", browser)
            for n, path in enumerate(books):
                print(f"{path.name}:")
                tables, root = book_from_text(path, tmp / f"book{n}")
                measure(f"  {path.name}", tables, root, tmp / f"book{n}", browser)
    finally:
        if browser:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
