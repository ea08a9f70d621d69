"""Year over year: what changed between two editions' tables.

Facts are matched by what they are about, never by offsets (docs/diff.md):
1. documents, and the sections inside whole books, pair by title and text
   (documents.py), so a section file finds its counterpart whatever the file is called;
2. sections inside a pair align by title, then number, then text (sections.py);
3. amounts, counts and dates pair by value and by the sentence around them (facts.py);
4. countries and entities pair statement by statement (members.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..tables import typed
from .documents import MENTION_TABLES, Unit, pair_units
from .facts import fact_item, fact_rows, match_values
from .match import Scorer, number_occurrences, settings
from .members import (carried_by_dates, country_item, country_rows, entity_item, entity_rows, match_members,
                      one_per_statement)
from .names import Names
from .sections import SECTION_STATUS, align_sections
from .sentences import Alignment
from .similarity import TextSpace
from .statements import members_by_sentence, sentences_of, statements, with_anchors

STATUS = ("changed", "added", "removed", "unchanged")
COLUMNS = {
    "diff_sections": ["doc", "section_old", "section_new", "title_old", "title_new", "status", "similarity"],
    "diff_money": ["doc", "section_old", "section_new", "subject", "amount_old", "amount_new", "currency",
                   "status", "surface_old", "surface_new", "context_old", "context_new"],
    "diff_quantities": ["doc", "section_old", "section_new", "subject", "unit", "number_old", "number_new",
                        "status", "surface_old", "surface_new", "context_old", "context_new"],
    "diff_dates": ["doc", "section_old", "section_new", "subject", "value_old", "value_new", "status",
                   "surface_old", "surface_new", "context_old", "context_new"],
    "diff_countries": ["doc", "section_old", "section_new", "code", "name", "kind", "status", "mentions_old",
                       "mentions_new", "surface_old", "surface_new", "context_old", "context_new"],
    "diff_entities": ["doc", "section_old", "section_new", "label", "name", "name_old", "ordinal_old",
                      "ordinal_new", "status", "mentions_old", "mentions_new", "surface_old", "surface_new",
                      "context_old", "context_new"],
}
VALUE_TABLES = {"diff_money": "money", "diff_quantities": "quantities", "diff_dates": "dates"}


def diff_tables(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
                section: str | None = None) -> dict[str, pd.DataFrame]:
    """Every diff table for two editions' tables (as read from CSV: strings, "" for empty).
    `section`: compare only the section of this title in each (a chapter of whole books)."""
    rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    for old_unit, new_unit in pair_units(old, new, section):
        for name, table_rows in diff_units(old_unit, new_unit).items():
            rows[name] += table_rows
    return {name: _frame(rows[name], COLUMNS[name], SECTION_STATUS if name == "diff_sections" else STATUS)
            for name in COLUMNS}


def diff_units(o: Unit | None, n: Unit | None) -> dict[str, list[dict]]:
    """The diff rows of one pair of units (a document or a section of a book); a unit with
    no counterpart gives its facts as added or removed."""
    m = match_units(o, n)
    out: dict[str, list[dict]] = {"diff_sections": m.sections}
    for diff_name, table in VALUE_TABLES.items():
        out[diff_name] = fact_rows(m.doc, table, m.values[table])
    out["diff_countries"] = country_rows(m.doc, *m.countries)
    out["diff_entities"] = entity_rows(m.doc, *m.entities)
    return out


@dataclass
class Matches:
    """What one pair of units gives: the aligned sections, and for each table the pairs
    (old item or None, new item or None, status)."""
    doc: str
    sections: list[dict]
    values: dict[str, list]
    countries: tuple            # (pairs, every old item, every new item)
    entities: tuple


def match_units(o: Unit | None, n: Unit | None) -> Matches:
    empty = Unit.empty()
    o, n = o or empty, n or empty
    for u in (o, n):
        for t in MENTION_TABLES:
            number_occurrences(u.rows(t))
    doc = n.name if n.name and not o.name else o.name
    old_sentences, new_sentences = sentences_of(o), sentences_of(n)
    space = TextSpace(old_sentences + new_sentences + [u.section_text(p) for u in (o, n) for p in u.section_paths()])
    section_rows, mapping = align_sections(doc, o, n, space)
    scorer = Scorer(space, mapping, Alignment(space, old_sentences, new_sentences, settings()))
    names = Names(o.rows("entities"), n.rows("entities"), o.rows("acronyms"), n.rows("acronyms"),
                  old_sentences + new_sentences)
    anchors_old, anchors_new = members_by_sentence(o, names), members_by_sentence(n, names)
    values = {}
    for table in VALUE_TABLES.values():
        olds = [with_anchors(fact_item(r, table), anchors_old) for r in o.rows(table)]
        news = [with_anchors(fact_item(r, table), anchors_new) for r in n.rows(table)]
        values[table] = match_values(olds, news, scorer)
    olds_all = [with_anchors(country_item(r), anchors_old) for r in statements(o, "countries")]
    news_all = [with_anchors(country_item(r), anchors_new) for r in statements(n, "countries")]
    olds, news = one_per_statement(olds_all), one_per_statement(news_all)
    countries = (match_members(olds, news, scorer, entities=False), olds_all, news_all)
    olds_all = [with_anchors(entity_item(r, names), anchors_old) for r in statements(o, "entities")]
    news_all = [with_anchors(entity_item(r, names), anchors_new) for r in statements(n, "entities")]
    olds, news = one_per_statement(olds_all), one_per_statement(news_all)
    entities = (carried_by_dates(match_members(olds, news, scorer, entities=True), values["dates"]),
                olds_all, news_all)
    return Matches(doc, section_rows, values, countries, entities)


def _frame(rows: list[dict], columns: list[str], statuses) -> pd.DataFrame:
    order = {s: i for i, s in enumerate(statuses)}
    rows = sorted(rows, key=lambda r: (r["doc"], order[r["status"]]))     # stable: keeps reading order
    return typed(pd.DataFrame(rows, columns=columns, dtype=object))


# Summary ----------------------------------------------------------------------------

def summary(tables: dict[str, pd.DataFrame], top: int = 20) -> str:
    """Counts per table, then the most important changes first: amounts, counts, series
    that moved on, roles that changed hands, dates, then the countries and events that
    entered or left statements (one line each), then sections."""
    lines = []
    for name, df in tables.items():
        counts = df["status"].value_counts()
        shown = ("renamed", "moved", "added", "removed") if name == "diff_sections" else ("changed", "added", "removed")
        lines.append(f"  {name.removeprefix('diff_'):<11} " + "  ".join(
            f"{counts.get(s, 0):>3} {s}" for s in shown))
    notable = [text for _, text in sorted(_notable(tables), key=lambda x: x[0])][:top]
    if notable:
        lines += ["", "Most important changes:"] + [f"  {text}" for text in notable]
    return "\n".join(lines)


def _notable(tables):
    """(rank, line) for each change; lower rank first."""
    for r in tables["diff_money"].to_dict("records"):
        if r["status"] == "changed":
            yield (0, -_relative(r["amount_old"], r["amount_new"])), \
                f"money     changed  {r['subject'] or '?'}: {_readable(r['amount_old'])} → " \
                f"{_readable(r['amount_new'])} {r['currency']}" \
                f"{_pct(r['amount_old'], r['amount_new'])}  [{r['section_new']}]"
    for r in tables["diff_quantities"].to_dict("records"):
        if r["status"] == "changed":
            yield (1, -_relative(r["number_old"], r["number_new"])), \
                f"count     changed  {r['subject'] or r['unit']}: {r['number_old']} → {r['number_new']} {r['unit']}" \
                f"  [{r['section_new']}]"
    for r in tables["diff_entities"].to_dict("records"):
        if r["status"] == "changed" and r["ordinal_old"] and r["ordinal_new"] and r["ordinal_old"] != r["ordinal_new"]:
            yield (2, 0), f"series    moved on {r['name']}: {r['ordinal_old']} → {r['ordinal_new']}  [{r['section_new']}]"
        elif r["status"] == "changed":
            yield (2, 1), f"entity    renamed  {r['label']} {r['name_old']} → {r['name']}  [{r['section_new']}]"
    for r in tables["diff_dates"].to_dict("records"):
        if r["status"] == "changed":
            yield (3, 0), f"date      changed  {r['value_old']} → {r['value_new']}  {r['subject']}  [{r['section_new']}]"
    for status in ("added", "removed"):
        df = tables["diff_countries"]
        names = [r["name"] for r in df[(df["status"] == status) & (df["kind"] == "country")].to_dict("records")]
        if names:
            yield (4, status), f"countries {status:<8} {_counted(names)}"
        df = tables["diff_entities"]
        names = [r["name"] for r in df[(df["status"] == status) & (df["label"] == "EVENT")].to_dict("records")]
        if names:
            yield (5, status), f"events    {status:<8} {_counted(names)}"
    for r in tables["diff_sections"].to_dict("records"):
        if r["status"] != "unchanged":
            old = f"{r['section_old']} {r['title_old']}" if r["section_old"] else ""
            new = f"{r['section_new']} {r['title_new']}" if r["section_new"] else ""
            yield (6, 0), f"section   {r['status']:<8} " + " → ".join(x for x in (old, new) if x)


def _counted(names: list[str], most: int = 12) -> str:
    """ミャンマー ×2, アンゴラ, … in order of first appearance."""
    seen = list(dict.fromkeys(names))
    parts = [f"{n} ×{names.count(n)}" if names.count(n) > 1 else n for n in seen[:most]]
    return ", ".join(parts) + (f", … ({len(seen) - most} more)" if len(seen) > most else "")


def _readable(amount: str) -> str:
    """78800000000 → 78,800,000,000: readable in a terminal, still exact."""
    whole, _, frac = amount.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def _relative(a: str, b: str) -> float:
    try:
        x, y = Decimal(a), Decimal(b)
        return float(abs(y - x) / x) if x else 1.0
    except (ArithmeticError, TypeError, ValueError):
        return 0.0


def _pct(a: str, b: str) -> str:
    try:
        x, y = Decimal(a), Decimal(b)
        return f" ({(y - x) / x * 100:+.1f}%)" if x else ""
    except (ArithmeticError, TypeError, ValueError):
        return ""
