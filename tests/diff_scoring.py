"""The edition diff against a golden diff made by reading (tests/golden/diff_2019_2020/).

Run as a script to print recall, false alarms and flagged rows per real change:
    python tests/diff_scoring.py          (the figures)
    python tests/diff_scoring.py -v       (and every missed change, alarm and extra row)

The measures (docs/diff.md defines them the same way):
- A diff row is *flagged* when its status is changed, added or removed; only the five
  fact tables count (diff_money, diff_quantities, diff_dates, diff_countries,
  diff_entities), not diff_sections.
- A flagged row is *about* a fact of the golden diff when it is of the same kind and,
  on each side the row has (old for changed/removed, new for changed/added), that side
  is in the fact too, with the same value and the same sentence.
- A real change (a row of changes.tsv) is *found* when a flagged row about it has
  exactly the fact's sides: a changed fact needs a changed row (one removed and one
  added row do not find it), an added fact an added row, a removed fact a removed row.
- A control (a row of unchanged.tsv) is a *false alarm* when a flagged row is about it,
  unless that row finds a real change (the same mention may be the date of one meeting,
  unchanged, and of "the latest meeting", changed).
- recall = found / real changes; false alarms = alarmed controls / controls;
  flagged rows per real change = flagged rows / real changes.
Values compare as the golden writes them (docs/diff.md, "Measured"): dates exactly,
amounts and counts by number and currency or counter, countries by code (regions by
name), entities by name under its forms (label aside), ordinals (第8回) with the row's
ordinal. Sentences compare after width folding with spaces removed: equal, one
inside the other, or close (difflib ratio at least 0.8).
"""
from __future__ import annotations

import csv
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from extract.compare.diff import diff_tables  # noqa: E402
from extract.cli.diff import read_tables  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "diff_2019_2020"
PAIR = (ROOT / "raw" / "2019", ROOT / "raw" / "2020")
KIND = {"diff_money": "amount", "diff_quantities": "count", "diff_dates": "date",
        "diff_countries": "country", "diff_entities": "entity"}
SENTENCE_RATIO = 0.8


@dataclass
class Fact:
    """A row of the golden diff, or a flagged row of the diff, as comparable sides."""
    kind: str
    status: str
    old: tuple[str, str] | None         # (value, sentence)
    new: tuple[str, str] | None
    label: str = ""                     # how it is printed
    extra: dict = field(default_factory=dict)

    @property
    def sides(self) -> tuple[bool, bool]:
        return self.old is not None, self.new is not None


@dataclass
class Figures:
    changes: int
    controls: int
    flagged: int
    found: int
    alarms: int
    missed: list[Fact]
    alarmed: list[Fact]
    unmatched: list[Fact]               # flagged rows about no golden fact

    @property
    def recall(self) -> float:
        return self.found / self.changes if self.changes else 1.0

    @property
    def false_alarms(self) -> float:
        return self.alarms / self.controls if self.controls else 0.0

    @property
    def per_change(self) -> float:
        return self.flagged / self.changes if self.changes else 0.0

    def line(self) -> str:
        return (f"recall {self.recall:.3f} ({self.found}/{self.changes})  "
                f"false alarms {self.false_alarms:.3f} ({self.alarms}/{self.controls})  "
                f"flagged rows per real change {self.per_change:.2f} ({self.flagged}/{self.changes})")


# The golden diff ------------------------------------------------------------------------

def read_golden(folder: Path = GOLDEN) -> tuple[list[Fact], list[Fact]]:
    def rows(name):
        with open(folder / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

    def fact(r):
        old = (r["old_value"], r["old_sentence"]) if r["old_value"] or r["status"] in ("changed", "removed",
                                                                                       "unchanged") else None
        new = (r["new_value"], r["new_sentence"]) if r["new_value"] or r["status"] in ("changed", "added",
                                                                                       "unchanged") else None
        if r["status"] == "added":
            old = None
        if r["status"] == "removed":
            new = None
        return Fact(r["kind"], r["status"], old, new, f"{r['kind']} {r['status']} {r['subject']}: "
                    f"{r['old_value']} → {r['new_value']}")

    return [fact(r) for r in rows("changes.tsv")], [fact(r) for r in rows("unchanged.tsv")]


# The diff's rows -----------------------------------------------------------------------

def flagged_rows(tables: dict, every: bool = False) -> list[Fact]:
    """The flagged rows of the diff (with `every`, its unchanged rows too)."""
    out = []
    for table, kind in KIND.items():
        for r in tables[table].fillna("").to_dict("records"):
            if r["status"] == "unchanged" and not every:
                continue
            sides = {}
            for side in ("old", "new"):
                if r["status"] in (("changed", "removed", "unchanged") if side == "old"
                                   else ("changed", "added", "unchanged")):
                    sides[side] = (_row_value(table, r, side), r[f"context_{side}"])
            out.append(Fact(kind, r["status"], sides.get("old"), sides.get("new"),
                            f"{kind} {r['status']} " + " → ".join(v for v, _ in sides.values())))
    return out


def _row_value(table: str, r: dict, side: str) -> str:
    """A side of a diff row written as the golden diff writes values."""
    if table == "diff_money":
        return f"{r[f'amount_{side}']} {r['currency']}"
    if table == "diff_quantities":
        return f"{r[f'number_{side}']} {r['unit']}"
    if table == "diff_dates":
        return r[f"value_{side}"]
    if table == "diff_countries":
        return f"{r['code'] if r['kind'] != 'region' else 'region'} {r['name']}"
    name = r.get("name_old") if side == "old" and r.get("name_old") else r["name"]
    ordinal = r.get(f"ordinal_{side}", "")
    return f"{r['label']} {name}" + (f" #{ordinal}" if ordinal else "")


# Comparing -------------------------------------------------------------------------------

def fold(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


@cache
def same_sentence(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 12 and (a in b or b in a)):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SENTENCE_RATIO


_ORDINAL = re.compile(r"第\d+回")
_PAREN = re.compile(r"\(([^()]*)\)")
_QUOTES = re.compile(r"[「」『』\"“”]")


def name_forms(name: str) -> set[str]:
    """A name, its parts outside and inside brackets, without quotes and ordinals."""
    name = _QUOTES.sub("", fold(name))
    forms = {name, _PAREN.sub("", name)} | {m for m in _PAREN.findall(name)}
    forms |= {_ORDINAL.sub("", f) for f in forms}
    return {f for f in forms if len(f) >= 2}


LABELS = ("ORG", "PERSON", "EVENT", "LAW", "POLICY")


def same_entity(golden: str, got: str) -> bool:
    """`LABEL name` against a row's label, name and ordinal; an ordinal alone (第8回) against
    the row's ordinal. Labels are not compared (the same body may be read as ORG or EVENT)."""
    got_name, _, ordinal = got.partition(" #")
    _, _, name_r = got_name.partition(" ")
    label_g, _, name_g = golden.partition(" ")
    if label_g not in LABELS:                       # an ordinal alone: 第8回
        return bool(ordinal) and fold(ordinal) == fold(golden)
    a, b = name_forms(name_g), name_forms(name_r)
    if a & b:
        return True
    return any(min(len(x), len(y)) >= 4 and (x in y or y in x) and min(len(x), len(y)) / max(len(x), len(y)) >= 0.6
               for x in a for y in b)


def same_value(kind: str, golden: str, got: str) -> bool:
    """Amounts and counts by number and currency or counter (qualifiers such as approx are
    not compared: the diff's value is the number); countries by code (regions by name)."""
    if kind in ("amount", "count"):
        return golden.split(" ")[:2] == got.split(" ")[:2]
    if kind == "country":
        code, _, name = golden.partition(" ")
        got_code, _, got_name = got.partition(" ")
        return name == got_name if code == "region" else code == got_code
    if kind == "entity":
        return same_entity(golden, got)
    return golden == got


def about(row: Fact, fact: Fact) -> bool:
    """The row is about the fact: same kind, and each side of the row is in the fact with
    the same value and sentence."""
    if row.kind != fact.kind:
        return False
    for r, f in ((row.old, fact.old), (row.new, fact.new)):
        if r is None:
            continue
        if f is None or not same_value(fact.kind, f[0], r[0]) or not same_sentence(f[1], r[1]):
            return False
    return True


def measure(tables: dict, folder: Path = GOLDEN) -> Figures:
    changes, controls = read_golden(folder)
    rows = flagged_rows(tables)
    finding = set()
    missed = []
    for fact in changes:
        hits = [i for i, r in enumerate(rows) if r.sides == fact.sides and about(r, fact)]
        finding.update(hits)
        if not hits:
            missed.append(fact)
    alarmed = []
    for c in controls:
        if any(i not in finding and _about_one_side(r, c) for i, r in enumerate(rows)):
            alarmed.append(c)
    used = finding | {i for i, r in enumerate(rows) if any(about(r, f) for f in changes)} | \
        {i for i, r in enumerate(rows) if any(_about_one_side(r, c) for c in controls)}
    unmatched = [r for i, r in enumerate(rows) if i not in used]
    return Figures(len(changes), len(controls), len(rows), len(changes) - len(missed), len(alarmed),
                   missed, alarmed, unmatched)


def _about_one_side(row: Fact, control: Fact) -> bool:
    """A flagged row says something of a control when one of its sides is the control's:
    a removed or added row, or a changed row that pairs the control with another value."""
    if row.kind != control.kind:
        return False
    return any(r is not None and same_value(control.kind, c[0], r[0]) and same_sentence(c[1], r[1])
               for r, c in ((row.old, control.old), (row.new, control.new)))


SECTION_STATUS = {"unchanged": "same", "moved": "moved", "renamed": "renamed", "added": "added",
                  "removed": "removed"}


def section_agreement(tables: dict, folder: Path = GOLDEN) -> tuple[int, int]:
    """(rows of sections.tsv the diff gives exactly: old path, new path, status; rows)."""
    with open(folder / "sections.tsv", encoding="utf-8", newline="") as f:
        want = {(r["old_path"], r["new_path"], r["status"]) for r in csv.DictReader(f, delimiter="\t")
                if r["old_path"] or r["new_path"]}
    got = {(r["section_old"], r["section_new"], SECTION_STATUS.get(r["status"], r["status"]))
           for r in tables["diff_sections"].fillna("").to_dict("records")}
    return len(want & got), len(want)


@cache
def golden_pair_tables() -> tuple[dict, dict]:
    return read_tables(PAIR[0]), read_tables(PAIR[1])


# The same diff on the hand-read tables of each edition (tests/golden/20xx_ch04_sec08/),
# as if extraction were perfect: what is left missing is the matching's own doing.
READINGS = {"2019": "2019_ch04_sec08", "2020": "2020_ch04_sec08"}


@cache
def reading_pair_tables() -> tuple[dict, dict]:
    return tuple(_reading_tables(e, t) for e, t in zip(READINGS, golden_pair_tables()))


def _reading_tables(edition: str, extracted: dict) -> dict:
    import pandas as pd

    from extract.read.document import Document
    from extract.read.reading import read_document

    folder = ROOT / "tests" / "golden" / READINGS[edition]
    doc_id = extracted["documents"]["doc_id"].iloc[0]
    text = read_document(ROOT / "raw" / doc_id).text
    doc = Document.from_text(doc_id, text, int(edition))
    by_start = {}
    for seg in doc.segments:
        for k, at in enumerate(seg.starts):
            by_start.setdefault(at, (seg, k))

    def rows(name):
        with open(folder / f"{name}.tsv", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

    def placed(r):
        seg, a = by_start.get(int(r["start"]), (None, None))
        if seg is None:
            return None
        b = a
        while b < len(seg.ends) and seg.ends[b] < int(r["end"]):
            b += 1
        base = {"doc_id": doc_id, "edition": edition, "section": seg.section, "start": r["start"],
                "end": r["end"], "surface": r["surface"], "text": seg.text[a:b + 1],
                "context": seg.sentence(a, b + 1)}
        return {**r, **base}

    tables = dict(extracted)
    for name in ("dates", "money", "quantities", "countries"):
        tables[name] = pd.DataFrame([p for p in map(placed, rows(name)) if p]).fillna("")
    found = []
    forms = sorted(((f, r) for r in rows("entities") for f in (r["name"], r["acronym"]) if f),
                   key=lambda x: -len(x[0]))
    for seg in doc.segments:
        used = [False] * len(seg.text)
        for form, r in forms:
            at = seg.text.find(form)
            while at >= 0:
                if not any(used[at:at + len(form)]):
                    used[at:at + len(form)] = [True] * len(form)
                    s, e = seg.span(at, at + len(form))
                    found.append({"doc_id": doc_id, "edition": edition, "section": seg.section, "start": str(s),
                                  "end": str(e), "surface": text[s:e], "text": form, "label": r["label"],
                                  "name": r["name"], "acronym": r["acronym"], "english": r["english"], "role": "",
                                  "context": seg.sentence(at, at + len(form))})
                at = seg.text.find(form, at + 1)
    tables["entities"] = pd.DataFrame(found).fillna("")
    tables["acronyms"] = pd.DataFrame([{**r, "doc_id": doc_id, "start": "", "end": ""} for r in rows("acronyms")])
    return tables


def why_missed(fact: Fact, every: list[Fact]) -> str:
    """What the diff says of a missed change: a row of another status, or nothing (the
    mention was not extracted, or not with this value)."""
    said = sorted({r.status for r in every if r.kind == fact.kind and any(
        f is not None and g is not None and same_value(fact.kind, f[0], g[0]) and same_sentence(f[1], g[1])
        for f, g in ((fact.old, r.old), (fact.new, r.new)))})
    return ("diff says " + "/".join(said)) if said else "not extracted"


def main(argv: list[str]) -> None:
    print(f"diff 2019 → 2020 against {GOLDEN.relative_to(ROOT)}/")
    tables = diff_tables(*golden_pair_tables())
    print("  on the extracted tables:  " + measure(tables).line())
    print("  on the hand-read tables:  " + measure(diff_tables(*reading_pair_tables())).line())
    hit, total = section_agreement(tables)
    print(f"  sections aligned as read: {hit}/{total}")
    for label, pair in (("extracted", golden_pair_tables()), ("hand-read", reading_pair_tables())):
        if f"-v{label[0]}" not in argv and not ("-v" in argv and label == "extracted"):
            continue
        tables = diff_tables(*pair)
        figures = measure(tables)
        print(f"\n{label}:")
        every = flagged_rows(tables, every=True)
        for f in figures.missed:
            print(f"    missed      {f.label}  [{why_missed(f, every)}]")
        for title, items in (("false alarm", figures.alarmed), ("extra row", figures.unmatched)):
            for f in items:
                print(f"    {title:<11} {f.label}")


if __name__ == "__main__":
    main(sys.argv[1:])
