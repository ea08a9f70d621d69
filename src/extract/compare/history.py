"""A fact across many editions: one row per tracked amount, count or date, a column per
edition.

Each edition is matched with the next as the diff matches them (diff.py): a fact that is
`unchanged` or `changed` from one edition to the next is the same fact, and its row goes
on; a fact `added` in an edition starts a row; one `removed` ends it. So JICT's cumulative
support decisions, the platform's members or the number of countries that adopted ISDB-T
read as one row with their value in every edition that states them.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd

from ..tables import edition_tables, editions_of, typed
from .diff import match_units
from .documents import counterpart, pair_units, pick_section, units_of

# history's kind → (mention table, value column, unit column)
TRACKED = {"money": ("money", "amount", "currency"), "quantity": ("quantities", "number", "unit"),
           "date": ("dates", "value", "granularity")}
FIXED = ["kind", "subject", "unit", "editions", "changes"]
PER_EDITION = ("value", "context", "surface", "section")


def history_columns(editions: list[int]) -> list[str]:
    return FIXED + [f"{c}_{e}" for e in editions for c in PER_EDITION]


def history_table(tables: dict[str, pd.DataFrame], section: str | None = None,
                  kinds: tuple[str, ...] = tuple(TRACKED)) -> pd.DataFrame:
    """The history of every tracked fact across the editions in `tables` (as read from CSV:
    strings, "" for empty). `section`: only the section of this title in each edition."""
    editions = editions_of(tables)
    if len(editions) < 2:
        raise ValueError(f"a history needs at least two editions; found {len(editions)}")
    per_edition = {e: edition_tables(tables, e) for e in editions}
    # chains[k] = [(edition, row), …]; ends[(edition, table, id)] = k for the newest link.
    chains: list[dict] = []
    ends: dict[tuple, int] = {}
    subjects: dict[int, str] = {}

    def start(kind: str, edition: int, row: dict, subject: str) -> None:
        chains.append({"kind": kind, "points": [(edition, row)]})
        ends[(edition, _id(row))] = len(chains) - 1
        subjects.setdefault(len(chains) - 1, subject)

    sections = _section_units(per_edition, editions, section) if section is not None else None
    for a, b in zip(editions, editions[1:]):
        if sections is None:
            pairs = pair_units(per_edition[a], per_edition[b])
        else:
            pairs = [(sections[a], sections[b])] if sections.get(a) or sections.get(b) else []
        for o_unit, n_unit in pairs:
            m = match_units(o_unit, n_unit)
            for kind in kinds:
                table = TRACKED[kind][0]
                for o, n, status in m.values[table]:
                    if o is not None and (a, _id(o.row)) not in ends:
                        start(kind, a, o.row, _subject(o))
                    if n is None:
                        continue
                    if o is None:
                        start(kind, b, n.row, _subject(n))
                        continue
                    k = ends[(a, _id(o.row))]
                    if chains[k]["points"][-1][0] == b:        # one old fact stated twice in b
                        continue
                    chains[k]["points"].append((b, n.row))
                    ends[(b, _id(n.row))] = k
                    subjects[k] = _subject(n) or subjects.get(k, "")
    rows = []
    for k, chain in enumerate(chains):
        kind = chain["kind"]
        _, value_col, unit_col = TRACKED[kind]
        points = chain["points"]
        values = [r.get(value_col) or "" for _, r in points]
        row = {"kind": kind, "subject": subjects.get(k, ""), "unit": points[-1][1].get(unit_col) or "",
               "editions": len(points), "changes": sum(x != y for x, y in zip(values, values[1:]))}
        for e, r in points:
            row.update({f"value_{e}": r.get(value_col), f"context_{e}": r.get("context"),
                        f"surface_{e}": r.get("surface"), f"section_{e}": r.get("section")})
        rows.append(row)
    order = {kind: i for i, kind in enumerate(TRACKED)}
    rows.sort(key=lambda r: (order[r["kind"]], -r["editions"], _first(r, editions)))
    return typed(pd.DataFrame(rows, columns=history_columns(editions), dtype=object))


def _section_units(per_edition: dict, editions: list[int], title: str) -> dict:
    """The section of this title in each edition: where it is titled so, else the
    counterpart (by title and text) of the one in the edition next to it."""
    units = {e: units_of(per_edition[e]) for e in editions}
    found = {e: u for e in editions if (u := pick_section(units[e], title)) is not None}
    if not found:
        raise ValueError(f"no section titled like {title!r} in any edition")
    for order in (editions, editions[::-1]):        # outwards from the editions that have it
        for prev, e in zip(order, order[1:]):
            if e not in found and found.get(prev) is not None:
                found[e] = counterpart(found[prev], units[e])
    return found


def _id(row: dict) -> tuple:
    return row.get("doc_id"), str(row.get("start")), str(row.get("end"))


def _subject(it) -> str:
    from .facts import subject

    table = "money" if "amount" in it.row else "quantities" if "number" in it.row else "dates"
    return subject(it, table)


def _first(row: dict, editions: list[int]) -> int:
    return next((i for i, e in enumerate(editions) if row.get(f"value_{e}")), len(editions))


def history_summary(history: pd.DataFrame, top: int = 12) -> str:
    """Counts per kind, then the amounts and counts that changed, edition by edition: amounts
    first, those followed through the most editions first, then the largest moves."""
    editions = sorted({int(c.split("_", 1)[1]) for c in history.columns if c.startswith("value_")})
    lines = [f"  {len(editions)} editions: " + ", ".join(map(str, editions))]
    for kind in TRACKED:
        df = history[history["kind"] == kind]
        if not len(df):
            continue
        kept = int((df["editions"].astype(int) > 1).sum())
        moved = int((df["changes"].astype(int) > 0).sum())
        lines.append(f"  {kind:<9} {len(df):>5} facts  {kept:>5} in two or more editions  {moved:>4} changed")
    changed = []
    for r in history.to_dict("records"):
        if r["kind"] in ("money", "quantity") and int(r["changes"]) > 0:
            series = [(e, r.get(f"value_{e}")) for e in editions if not _missing(r.get(f"value_{e}"))]
            changed.append(((int(r["kind"] == "quantity"), -len(series), -_spread(series)), r, series))
    changed.sort(key=lambda c: c[0])      # amounts first, the longest followed, the largest moves
    if changed:
        lines += ["", "Amounts and counts that changed:"]
        for _, r, series in changed[:top]:
            unit = r["unit"]
            steps = " → ".join(f"{_readable(v)} ({e})" for e, v in series)
            label = "money   " if r["kind"] == "money" else "count   "
            lines.append(f"  {label}{r['subject'] or unit}: {steps} {unit}")
    return "\n".join(lines)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == ""


def _spread(series) -> float:
    try:
        values = [Decimal(str(v)) for _, v in series]
    except InvalidOperation:
        return 0.0
    low = min(values)
    return float((max(values) - low) / low) if low else float(max(values) > 0)


def _readable(value) -> str:
    text = str(value)
    whole, _, frac = text.partition(".")
    try:
        return f"{int(whole):,}" + (f".{frac}" if frac else "")
    except ValueError:
        return text
