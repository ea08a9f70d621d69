"""The README's picture of the review page: the seed's page at 1280 px, the pointer on
約788億円 (its value shown). Writes docs/report.png.

    .venv/bin/python scripts/report_screenshot.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Chromium  # noqa: E402

from extract.pipeline import run  # noqa: E402
from extract.write.report import write_report  # noqa: E402
from extract.tables import edition_tables  # noqa: E402
from extract.tables import as_strings  # noqa: E402


def main() -> None:
    tables = edition_tables(as_strings(run(ROOT / "raw")), "2022")
    with tempfile.TemporaryDirectory() as tmp:
        page_file = write_report(tmp, tables, input_root=ROOT / "raw").path
        amount = tables["money"].index[tables["money"]["amount"] == "78800000000"][0]
        with Chromium.start() as browser:
            page = browser.page(1280, 760)
            page.goto(page_file)
            page.hover(f"#money-{amount}")
            page.screenshot(ROOT / "docs" / "report.png")
    print(ROOT / "docs" / "report.png")


if __name__ == "__main__":
    main()
