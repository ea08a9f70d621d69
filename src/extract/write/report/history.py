"""The history table the report draws: one row per tracked amount or count.

    kind      money | quantity
    subject   what the value is about (出融資, 採用国)
    unit      the currency (ISO 4217) or the counter (か国, 件)
    value_<EDITION>     the exact value in that edition ("" where the fact is absent)
    context_<EDITION>   the sentence it stands in
    surface_<EDITION>   (optional) the mention as written, highlighted in the sentence
    section_<EDITION>   (optional) where it stands

`read_history` turns any table of that shape into series; `chain_history` builds one from
the tables of several editions by matching each edition with the next (the diff's
matching) and following a fact from edition to edition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ...compare.diff import diff_tables
from .facts import document_pairs, place_facts
from .rows import prepare
from ...tables import as_strings, edition_tables

_EDITION_COLUMN = re.compile(r"^(value|context|surface|section)_(\d{4})$")
TRACKED = {"diff_money": ("money", "money", "amount", "currency"),
           "diff_quantities": ("quantity", "quantities", "number", "unit")}


@dataclass
class Point:
    edition: str
    value: str
    context: str
    surface: str = ""
    section: str = ""


@dataclass
class Series:
    kind: str
    subject: str
    unit: str
    points: list[Point]


def read_history(df: pd.DataFrame) -> tuple[list[str], list[Series]]:
    """Editions (in order) and one series per row, with a point where a value is given."""
    editions = sorted({m.group(2) for c in df.columns if (m := _EDITION_COLUMN.match(c))})
    out = []
    for r in df.to_dict("records"):
        points = [Point(e, r.get(f"value_{e}", ""), r.get(f"context_{e}", ""), r.get(f"surface_{e}", ""),
                        r.get(f"section_{e}", "")) for e in editions if r.get(f"value_{e}", "")]
        out.append(Series(r.get("kind", ""), r.get("subject", ""), r.get("unit", ""), points))
    return editions, out


def chain_history(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The history of every amount and count across the editions in `tables`."""
    tables = as_strings(tables)
    editions = sorted({e for e in tables["documents"]["edition"] if e})
    per_edition = {e: edition_tables(tables, e) for e in editions}
    prepared = {e: prepare(t) for e, t in per_edition.items()}
    # next_of[(edition, table, row)] = row of the same fact in the next edition
    next_of: dict[tuple[str, str, int], int] = {}
    subjects: dict[tuple[str, str, int], str] = {}
    for a, b in zip(editions, editions[1:]):
        diff = prepare(diff_tables(per_edition[a], per_edition[b]))
        placed = place_facts(diff, prepared[a], prepared[b], document_pairs(prepared[a], prepared[b]))
        for (diff_name, k), i in placed.old.items():
            j = placed.new.get((diff_name, k))
            if diff_name in TRACKED and j is not None:
                next_of[(a, TRACKED[diff_name][1], i)] = j
        for side, edition in (("old", a), ("new", b)):     # money rows have no subject of their own
            for (diff_name, k), i in getattr(placed, side).items():
                if diff_name in TRACKED:
                    subjects.setdefault((edition, TRACKED[diff_name][1], i), diff[diff_name].records[k]["subject"])
    continued = {(b, t, j) for (a, t, i), j in next_of.items() for b in [editions[editions.index(a) + 1]]}
    rows = []
    for kind, table, value_col, unit_col in TRACKED.values():
        for e in editions:
            for i, r in enumerate(prepared[e][table].records if table in prepared[e] else []):
                if (e, table, i) in continued:
                    continue
                row = {"kind": kind, "subject": "", "unit": r[unit_col]}
                at, here, rec = e, i, r
                while True:
                    row.update({f"value_{at}": rec[value_col], f"context_{at}": rec["context"],
                                f"surface_{at}": rec["surface"], f"section_{at}": rec["section"]})
                    row["subject"] = rec.get("subject") or subjects.get((at, table, here)) or row["subject"]
                    nxt = next_of.get((at, table, here))
                    if nxt is None:
                        break
                    at = editions[editions.index(at) + 1]
                    here, rec = nxt, prepared[at][table].records[nxt]
                rows.append(row)
    columns = ["kind", "subject", "unit"] + [f"{c}_{e}" for e in editions
                                             for c in ("value", "context", "surface", "section")]
    return pd.DataFrame(rows, columns=columns).fillna("")
