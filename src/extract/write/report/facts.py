"""Where each row of the diff tables stands in the texts.

The diff tables say what a fact is (its section, surface and sentence on each side), not
where it is, so each diff row is placed on the mention row with the same section, surface
and sentence, taken in reading order. Two mentions identical in all three (the same
amount twice in one sentence) are interchangeable on the page. Countries and entities are
members of statements in the diff, one row per member, placed the same way; a mention the
diff pairs twice (a fact stated twice in one edition) keeps its first place.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ...compare.documents import pair_documents
from .kinds import readable
from .rows import Table

# diff table → mention table, for the facts that are matched one by one
FACT_TABLES = {"diff_money": "money", "diff_quantities": "quantities", "diff_dates": "dates",
               "diff_countries": "countries", "diff_entities": "entities"}
OLD_SIDE = ("changed", "unchanged", "removed")
NEW_SIDE = ("changed", "unchanged", "added")


@dataclass
class Pair:
    doc: str                    # the name the diff tables use (path inside the edition folder)
    old_id: str | None
    new_id: str | None


@dataclass
class Placed:
    """For every diff row, its mention rows (index in the side's table) on each side."""
    old: dict[tuple[str, int], int] = field(default_factory=dict)      # (diff table, k) → old row
    new: dict[tuple[str, int], int] = field(default_factory=dict)
    unplaced: list[tuple[str, int, str]] = field(default_factory=list)  # (diff table, k, side)


def document_pairs(old: dict[str, Table], new: dict[str, Table]) -> list[Pair]:
    import pandas as pd

    def frame(t: Table) -> pd.DataFrame:
        return pd.DataFrame(t.records, columns=t.columns)

    return [Pair(*p) for p in pair_documents(frame(old["documents"]), frame(new["documents"]))]


def fact_key(section: str, surface: str, context: str) -> tuple[str, str, str]:
    return section or "", surface or "", context or ""


def place_facts(diff: dict[str, Table], old: dict[str, Table], new: dict[str, Table], pairs: list[Pair]) -> Placed:
    placed = Placed()
    by_doc = {p.doc: p for p in pairs}
    for diff_name, table in FACT_TABLES.items():
        if diff_name not in diff:
            continue
        queues = {"old": {}, "new": {}}
        last: dict[tuple, int] = {}         # a mention the diff pairs twice keeps its place
        for k, row in enumerate(diff[diff_name].records):
            pair = by_doc.get(row["doc"])
            for side, tables, doc_id, statuses, target in (
                    ("old", old, pair and pair.old_id, OLD_SIDE, placed.old),
                    ("new", new, pair and pair.new_id, NEW_SIDE, placed.new)):
                if row["status"] not in statuses:
                    continue
                if doc_id not in queues[side]:
                    queues[side][doc_id] = _keyed(tables.get(table), doc_id)
                key = fact_key(row[f"section_{side}"], row[f"surface_{side}"], row[f"context_{side}"])
                found = queues[side][doc_id].get(key)
                if found:
                    target[(diff_name, k)] = last[(side, doc_id, key)] = found.popleft()
                elif (side, doc_id, key) in last:
                    target[(diff_name, k)] = last[(side, doc_id, key)]
                else:
                    placed.unplaced.append((diff_name, k, side))
    return placed


def _keyed(table: Table | None, doc_id: str | None) -> dict[tuple, deque]:
    out: dict[tuple, deque] = defaultdict(deque)
    if table is None or doc_id is None:
        return out
    for i, r in table.rows(doc_id):
        out[fact_key(r["section"], r["surface"], r["context"])].append(i)
    return out


def change_note(diff_name: str, row: dict) -> str:
    if row["status"] in ("added", "removed"):
        return row["status"]
    if diff_name == "diff_money":
        old, new = row["amount_old"], row["amount_new"]
        return f"{readable(old)} → {readable(new)} {row['currency']}{_percent(old, new)}"
    if diff_name == "diff_quantities":
        return f"{row['number_old']} → {row['number_new']} {row['unit']}"
    if diff_name == "diff_countries":
        return row["status"] if row["status"] != "unchanged" else ""
    if diff_name == "diff_entities":
        moved = row.get("ordinal_old") and row.get("ordinal_new") and row["ordinal_old"] != row["ordinal_new"]
        if moved:
            return f"{row['ordinal_old']} → {row['ordinal_new']}"
        return f"{row['name_old']} → {row['name']}" if row.get("name_old") else ""
    return f"{row['value_old']} → {row['value_new']}"


def _percent(old: str, new: str) -> str:
    try:
        a, b = Decimal(old), Decimal(new)
        return f" ({(b - a) / a * 100:+.1f}%)" if a else ""
    except (InvalidOperation, ValueError):
        return ""
