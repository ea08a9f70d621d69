"""Exact-match scores of the recognizers against the golden fixtures of each edition.

Run as a script to print precision, recall and F1 per table and fixture:
    python tests/scoring.py            (all fixtures)
    python tests/scoring.py 2019       (one)
A row counts only when every compared column is equal (SPEC: exact F1).
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extract.pipeline import process_text  # noqa: E402
from extract.read.reading import read_document  # noqa: E402

GOLDEN_ROOT = ROOT / "tests" / "golden"
# Each fixture folder and the raw file it was read from.
FIXTURES = {
    "2019": ("2019_ch04_sec08", "raw/2019/2019_r01_ch04-sec08.txt"),
    "2020": ("2020_ch04_sec08", "raw/2020/2020_r02_ch04-sec08.txt"),
    "2022": ("2022_ch04_sec08", "raw/2022/ch04-sec08_ict-international-strategy.txt"),
}
# Columns compared per table (the fixture's columns; quantities' subject is scored apart).
KEYS = {
    "dates": ["start", "end", "surface", "value", "granularity", "start_date", "end_date", "calendar",
              "era", "era_year", "mod", "relation", "anaphoric", "consistent", "role"],
    "money": ["start", "end", "surface", "amount", "currency", "approx", "bound"],
    "quantities": ["start", "end", "surface", "number", "unit", "approx", "bound"],
    "countries": ["start", "end", "surface", "code", "name_ja", "kind", "via"],
    "sections": ["section", "level", "number", "title"],
    "entities": ["label", "name"],
}


@dataclass
class Score:
    got: int
    want: int
    hit: int

    @property
    def precision(self) -> float:
        return self.hit / self.got if self.got else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.want if self.want else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace("\r", "\\r").replace("\n", "\\n")


def read_fixture(folder: str, table: str) -> list[dict] | None:
    path = GOLDEN_ROOT / folder / f"{table}.tsv"
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def extracted(edition: str) -> dict[str, list[dict]]:
    folder, raw = FIXTURES[edition]
    text = read_document(ROOT / raw).text
    return process_text(raw.removeprefix("raw/"), text, int(edition))


def rows_as_keys(rows, table: str) -> set:
    return {tuple(cell(r.get(k)) for k in KEYS[table]) for r in rows}


def score(edition: str, table: str) -> tuple[Score, set, set] | None:
    """The score, the missed rows and the extra rows; None when the fixture has no such table."""
    want_rows = read_fixture(FIXTURES[edition][0], table)
    if want_rows is None:
        return None
    want = rows_as_keys(want_rows, table)
    got = rows_as_keys(extracted(edition)[table], table)
    return Score(len(got), len(want), len(got & want)), want - got, got - want


def main(argv: list[str]) -> None:
    editions = argv or list(FIXTURES)
    for edition in editions:
        for table in KEYS:
            result = score(edition, table)
            if result is None:
                continue
            s, missed, extra = result
            print(f"{edition} {table:<11} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
                  f"  (gold {s.want}, got {s.got}, both {s.hit})")
            if "-v" in sys.argv:
                for row in sorted(missed):
                    print("    missed", row)
                for row in sorted(extra):
                    print("    extra ", row)


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("-")])
