"""Year over year: what changed between two editions' tables.

Facts are matched by what they are about, never by offsets. Documents pair by their
path inside the edition folder (then by title); sections by title similarity, then by
number; amounts, counts and dates by the sentence around them with every number masked
(so 「累計約788億円の出融資」 and 「累計約1,030億円の出融資」 are one fact whose value
changed), the section they sit in and their subject; countries by code; entities by
label and name. A fact in a moved paragraph keeps its sentence and so stays unchanged.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..rules import load_toml
from ..recognize.subjects import subject_of
from ..write.tables import typed

STATUS = ("changed", "added", "removed", "unchanged")
COLUMNS = {
    "diff_sections": ["doc", "section_old", "section_new", "title_old", "title_new", "status", "similarity"],
    "diff_money": ["doc", "section_old", "section_new", "subject", "amount_old", "amount_new", "currency",
                   "status", "surface_old", "surface_new", "context_old", "context_new"],
    "diff_quantities": ["doc", "section_old", "section_new", "subject", "unit", "number_old", "number_new",
                        "status", "surface_old", "surface_new", "context_old", "context_new"],
    "diff_dates": ["doc", "section_old", "section_new", "subject", "value_old", "value_new", "status",
                   "surface_old", "surface_new", "context_old", "context_new"],
    "diff_countries": ["doc", "code", "name", "kind", "mentions_old", "mentions_new", "sections_old",
                       "sections_new", "status", "context_old", "context_new"],
    "diff_entities": ["doc", "label", "name", "mentions_old", "mentions_new", "status", "context_old",
                      "context_new"],
}


def settings() -> dict:
    """Thresholds and weights of the matching: rules/diff.toml."""
    return load_toml("diff.toml")


_DIGITS = re.compile(r"[0-9０-９〇一二三四五六七八九十百千万億兆.,]+")


def diff_tables(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every diff table for two editions' tables (as read from CSV: strings, "" for empty)."""
    rows: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    for doc, old_id, new_id in pair_documents(old["documents"], new["documents"]):
        o = {k: v[v["doc_id"] == old_id] if "doc_id" in v else v for k, v in old.items()}
        n = {k: v[v["doc_id"] == new_id] if "doc_id" in v else v for k, v in new.items()}
        section_rows, mapping = align_sections(doc, o["sections"], n["sections"])
        rows["diff_sections"] += section_rows
        rows["diff_money"] += match_facts(doc, o.get("money"), n.get("money"), mapping, "money")
        rows["diff_quantities"] += match_facts(doc, o.get("quantities"), n.get("quantities"), mapping, "quantities")
        rows["diff_dates"] += match_facts(doc, o.get("dates"), n.get("dates"), mapping, "dates")
        rows["diff_countries"] += compare_countries(doc, o.get("countries"), n.get("countries"))
        rows["diff_entities"] += compare_entities(doc, o.get("entities"), n.get("entities"))
    return {name: _frame(rows[name], COLUMNS[name]) for name in COLUMNS}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    order = {s: i for i, s in enumerate(STATUS)}
    rows = sorted(rows, key=lambda r: (r["doc"], order[r["status"]]))     # stable: keeps reading order
    return typed(pd.DataFrame(rows, columns=columns, dtype=object))


# Documents --------------------------------------------------------------------------

def pair_documents(old: pd.DataFrame, new: pd.DataFrame) -> list[tuple[str, str | None, str | None]]:
    """(doc, old doc_id, new doc_id): by the path inside the edition folder, then by title;
    a document on one side only pairs with None."""
    def inner(doc_id: str) -> str:
        return doc_id.split("/", 1)[1] if "/" in doc_id else doc_id

    old_ids, new_ids = list(old["doc_id"]), list(new["doc_id"])
    pairs, used = [], set()
    titles = dict(zip(new["doc_id"], new["title"]))
    for o_id, o_title in zip(old["doc_id"], old["title"]):
        match = next((n for n in new_ids if n not in used and inner(n) == inner(o_id)), None)
        if match is None:
            match = next((n for n in new_ids if n not in used and o_title and titles[n] == o_title), None)
        if match is None and len(old_ids) == len(new_ids) == 1:
            match = new_ids[0]
        if match is not None:
            used.add(match)
        pairs.append((inner(o_id), o_id, match))
    pairs += [(inner(n), None, n) for n in new_ids if n not in used]
    return pairs


# Sections ---------------------------------------------------------------------------

def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align_sections(doc: str, old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[dict], dict[str, str]]:
    """Rows of diff_sections and the map from old section paths to new ones."""
    old_s = [(r.section, r.title) for r in old.itertuples() if r.section]
    new_s = [(r.section, r.title) for r in new.itertuples() if r.section]
    scored = sorted(((_ratio(a[1], b[1]) + (0.01 if a[0] == b[0] else 0), i, j)
                     for i, a in enumerate(old_s) for j, b in enumerate(new_s)), reverse=True)
    pair: dict[int, int] = {}
    taken: set[int] = set()
    for score, i, j in scored:          # by title similarity first
        if score >= settings()["title_min"] and i not in pair and j not in taken:
            pair[i] = j
            taken.add(j)
    by_number = {b[0]: j for j, b in enumerate(new_s)}
    for i, a in enumerate(old_s):       # then by number, for titles rewritten beyond recognition
        j = by_number.get(a[0])
        if i not in pair and j is not None and j not in taken:
            pair[i] = j
            taken.add(j)
    rows, mapping = [], {"": ""}
    for i, a in enumerate(old_s):
        if i in pair:
            b = new_s[pair[i]]
            mapping[a[0]] = b[0]
            status = "unchanged" if a == b else "changed"
            rows.append(_section_row(doc, a, b, status))
        else:
            rows.append(_section_row(doc, a, None, "removed"))
    rows += [_section_row(doc, None, b, "added") for j, b in enumerate(new_s) if j not in taken]
    return rows, mapping


def _section_row(doc, a, b, status) -> dict:
    return {"doc": doc, "section_old": a[0] if a else None, "section_new": b[0] if b else None,
            "title_old": a[1] if a else None, "title_new": b[1] if b else None, "status": status,
            "similarity": f"{_ratio(a[1], b[1]):.2f}" if a and b else None}


# Amounts, counts and dates ----------------------------------------------------------

@dataclass
class _Fact:
    row: dict
    section: str
    kind: str           # what must agree for two facts to be one: currency, unit or granularity
    value: str
    local: set[str]     # character bigrams of the masked words around the mention
    context: set[str]   # character bigrams of the masked sentence
    subject: str


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _mask(s: str) -> str:
    return _DIGITS.sub("#", s)


def _fact(row: dict, table: str) -> _Fact:
    context, text = row["context"], row["text"]
    at = context.find(text)
    if at < 0:
        at = 0
    end = at + len(text)
    w = settings()["window"]["chars"]
    local = _mask(context[max(0, at - w):at]) + "|" + _mask(context[end:end + w])
    if table == "money":
        kind, value = row["currency"], f"{row['amount']} {row['currency']}"
        subject = subject_of(context, at, end)
    elif table == "quantities":
        kind, value, subject = row["unit"], f"{row['number']} {row['unit']}", row["subject"]
    else:
        kind, value = row["granularity"], row["value"]
        subject = _event_of(context, end)
    qualifiers = " ".join(row.get(c, "") for c in ("approx", "bound", "mod", "relation"))
    return _Fact(row, row["section"], kind, value + "|" + qualifiers, _bigrams(local),
                 _bigrams(_mask(context)), subject)


_LEAD = re.compile(r"^(?:[)）\s]|現在|時点|から|以降|以来|まで|には|では|にも|に|は|で|、|,)+")


def _event_of(context: str, end: int) -> str:
    """What a date is the date of: the rest of its sentence, from the next word on."""
    rest = _LEAD.sub("", context[end:])
    return re.split(r"[。．]", rest, maxsplit=1)[0][:30]


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _score(o: _Fact, n: _Fact, mapping: dict[str, str]) -> float:
    w = settings()["weights"]
    return (w["local"] * _similarity(o.local, n.local) + w["sentence"] * _similarity(o.context, n.context)
            + w["section"] * (mapping.get(o.section) == n.section) + w["subject"] * (o.subject == n.subject))


def match_facts(doc: str, old: pd.DataFrame | None, new: pd.DataFrame | None,
                mapping: dict[str, str], table: str) -> list[dict]:
    olds = [_fact(r, table) for r in _records(old)]
    news = [_fact(r, table) for r in _records(new)]
    candidates = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            if o.kind != n.kind:
                continue
            score = _score(o, n, mapping)
            same = o.value == n.value
            if score >= settings()["unchanged_min" if same else "changed_min"]:
                candidates.append((same, score, -abs(i - j), i, j))
    # Equal values first (a fact that did not change), then the closest places.
    candidates.sort(reverse=True)
    pair: dict[int, int] = {}
    taken: set[int] = set()
    for same, score, _, i, j in candidates:
        if i not in pair and j not in taken:
            pair[i] = j
            taken.add(j)
    out = []
    for i, o in enumerate(olds):
        if i in pair:
            n = news[pair[i]]
            out.append(_fact_row(doc, table, o, n, "unchanged" if o.value == n.value else "changed"))
        else:
            out.append(_fact_row(doc, table, o, None, "removed"))
    out += [_fact_row(doc, table, None, n, "added") for j, n in enumerate(news) if j not in taken]
    return out


def _records(df: pd.DataFrame | None) -> list[dict]:
    return [] if df is None else df.to_dict("records")


def _fact_row(doc: str, table: str, o: _Fact | None, n: _Fact | None, status: str) -> dict:
    a, b = (o.row if o else {}), (n.row if n else {})
    either = b or a
    row = {"doc": doc, "section_old": a.get("section"), "section_new": b.get("section"),
           "subject": (n or o).subject, "status": status,
           "surface_old": a.get("surface"), "surface_new": b.get("surface"),
           "context_old": a.get("context"), "context_new": b.get("context")}
    if table == "money":
        row.update(amount_old=a.get("amount"), amount_new=b.get("amount"), currency=either["currency"])
    elif table == "quantities":
        row.update(number_old=a.get("number"), number_new=b.get("number"), unit=either["unit"])
    else:
        row.update(value_old=a.get("value"), value_new=b.get("value"))
    return row


# Countries and entities -------------------------------------------------------------

def _grouped(df: pd.DataFrame | None, key) -> dict:
    out: dict = {}
    for r in _records(df):
        out.setdefault(key(r), []).append(r)
    return out


def _presence_status(a: list, b: list) -> str:
    return "added" if not a else "removed" if not b else "unchanged"


def compare_countries(doc: str, old: pd.DataFrame | None, new: pd.DataFrame | None) -> list[dict]:
    def key(r):
        return r["code"] or r["name_ja"], r["kind"]

    o, n = _grouped(old, key), _grouped(new, key)
    rows = []
    for k in list(o) + [k for k in n if k not in o]:
        a, b = o.get(k, []), n.get(k, [])
        any_row = (b or a)[0]
        rows.append({"doc": doc, "code": any_row["code"], "name": any_row["name_ja"], "kind": any_row["kind"],
                     "mentions_old": len(a), "mentions_new": len(b),
                     "sections_old": _sections(a), "sections_new": _sections(b),
                     "status": _presence_status(a, b),
                     "context_old": a[0]["context"] if a else None, "context_new": b[0]["context"] if b else None})
    return rows


def compare_entities(doc: str, old: pd.DataFrame | None, new: pd.DataFrame | None) -> list[dict]:
    def key(r):
        return r["label"], r["name"]

    o, n = _grouped(old, key), _grouped(new, key)
    rows = []
    for k in list(o) + [k for k in n if k not in o]:
        a, b = o.get(k, []), n.get(k, [])
        rows.append({"doc": doc, "label": k[0], "name": k[1], "mentions_old": len(a),
                     "mentions_new": len(b), "status": _presence_status(a, b),
                     "context_old": a[0]["context"] if a else None, "context_new": b[0]["context"] if b else None})
    return rows


def _sections(rows: list[dict]) -> str | None:
    seen = list(dict.fromkeys(r["section"] for r in rows))
    return " ".join(s or "-" for s in seen) if rows else None


# Summary ----------------------------------------------------------------------------

def summary(tables: dict[str, pd.DataFrame], top: int = 12) -> str:
    """Counts per table, then the most important changes first."""
    lines = []
    for name, df in tables.items():
        counts = df["status"].value_counts()
        lines.append(f"  {name.removeprefix('diff_'):<11} " + "  ".join(
            f"{counts.get(s, 0):>3} {s}" for s in ("changed", "added", "removed")))
    notable = sorted(_notable(tables), key=lambda x: x[0])[:top]
    if notable:
        lines += ["", "Most important changes:"] + [f"  {text}" for _, text in notable]
    return "\n".join(lines)


def _notable(tables):
    """(rank, line) for each change; lower rank first."""
    for r in tables["diff_money"].to_dict("records"):
        if r["status"] == "changed":
            yield -_relative(r["amount_old"], r["amount_new"]), \
                f"money     changed  {r['subject'] or '?'}: {_readable(r['amount_old'])} → " \
                f"{_readable(r['amount_new'])} {r['currency']}" \
                f"{_pct(r['amount_old'], r['amount_new'])}  [{r['section_new']}]"
    for r in tables["diff_quantities"].to_dict("records"):
        if r["status"] == "changed":
            yield 1 - _relative(r["number_old"], r["number_new"]), \
                f"count     changed  {r['subject'] or r['unit']}: {r['number_old']} → {r['number_new']} {r['unit']}" \
                f"  [{r['section_new']}]"
    for r in tables["diff_countries"].to_dict("records"):
        if r["status"] != "unchanged" and r["kind"] == "country":
            n = int(r["mentions_new"] if r["status"] == "added" else r["mentions_old"])
            yield 2, f"country   {r['status']:<8} {r['code']} {r['name']} ({n} mention{'s' * (n != 1)})"
    for r in tables["diff_entities"].to_dict("records"):
        if r["status"] != "unchanged":
            yield (3 if r["label"] == "EVENT" else 5), f"entity    {r['status']:<8} {r['label']} {r['name']}"
    for r in tables["diff_dates"].to_dict("records"):
        if r["status"] == "changed":
            yield 4, f"date      changed  {r['value_old']} → {r['value_new']}  {r['subject']}  [{r['section_new']}]"
    for r in tables["diff_sections"].to_dict("records"):
        if r["status"] != "unchanged":
            what = {"added": "added", "removed": "removed"}.get(
                r["status"], "renamed" if r["title_old"] != r["title_new"] else "moved")
            old = f"{r['section_old']} {r['title_old']}" if r["section_old"] else ""
            new = f"{r['section_new']} {r['title_new']}" if r["section_new"] else ""
            yield 4.5, f"section   {what:<8} " + " → ".join(x for x in (old, new) if x)


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
