"""The kinds of mention a report highlights, their labels, and the normalized value each
row stands for (what a reader sees on hover or focus)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str        # CSS class suffix and filter name
    label: str      # the text shown beside the colour (never colour alone)
    table: str


# In the order of the legend and the filters.
KINDS = (
    Kind("date", "date", "dates"),
    Kind("money", "money", "money"),
    Kind("quantity", "count", "quantities"),
    Kind("country", "country", "countries"),
    Kind("group", "group", "countries"),
    Kind("region", "region", "countries"),
    Kind("ORG", "org", "entities"),
    Kind("PERSON", "person", "entities"),
    Kind("EVENT", "event", "entities"),
    Kind("LAW", "law", "entities"),
    Kind("POLICY", "policy", "entities"),
)
BY_KEY = {k.key: k for k in KINDS}
MENTION_TABLES = ("dates", "money", "quantities", "countries", "entities")
# Where two mentions cover the same characters, the lower rank is drawn outside.
RANK = {"entities": 0, "countries": 1, "dates": 2, "money": 3, "quantities": 4}
# Columns shown on the page are the table's own; the sentence is the text itself.
HIDDEN_COLUMNS = {"context", "edition", "doc_id", "start", "end", "text"}


def kind_of(table: str, row: dict) -> str:
    if table == "dates":
        return "date"
    if table == "money":
        return "money"
    if table == "quantities":
        return "quantity"
    if table == "countries":
        return row.get("kind") if row.get("kind") in BY_KEY else "country"
    return row.get("label") if row.get("label") in BY_KEY else "ORG"


def value_of(table: str, row: dict) -> str:
    """The normalized value in a few characters: 2021-04-16, 78800000000 JPY ≈, US, 世界貿易機関."""
    if table == "dates":
        return " ".join(x for x in (row.get("value", ""), row.get("mod", "")) if x)
    if table == "money":
        return _bounded(row.get("amount", ""), row.get("currency", ""), row)
    if table == "quantities":
        return _bounded(row.get("number", ""), row.get("unit", ""), row)
    if table == "countries":
        return row.get("code") or row.get("name_ja", "")
    return row.get("name", "")


def detail_of(table: str, row: dict) -> str:
    """A second line for the tooltip: what the value means in words."""
    if table == "dates":
        parts = [f"{row.get('start_date', '')} … {row.get('end_date', '')}" if row.get("start_date") else "",
                 f"{row.get('era', '')}{row.get('era_year', '').removesuffix('.0')}年" if row.get("era") else "",
                 row.get("relation", ""), "anaphoric" if row.get("anaphoric") == "true" else "",
                 "inconsistent" if row.get("consistent") == "false" else "", row.get("role", "")]
    elif table == "money":
        parts = [f"{readable(row.get('amount', ''))} {row.get('currency', '')}"]
    elif table == "quantities":
        parts = [f"subject: {row['subject']}" if row.get("subject") else ""]
    elif table == "countries":
        parts = [row.get("name_en", ""), row.get("name_ja", ""), f"via {row['via']}" if row.get("via") else ""]
    else:
        parts = [row.get("acronym", ""), row.get("english", ""), row.get("role", "")]
    return " · ".join(p for p in parts if p)


def _bounded(number: str, unit: str, row: dict) -> str:
    sign = {"lower": "≥ ", "upper": "≤ "}.get(row.get("bound", ""), "")
    approx = " ≈" if row.get("approx") == "true" else ""
    return f"{sign}{number} {unit}{approx}".strip()


def readable(amount: str) -> str:
    """78800000000 → 78,800,000,000: grouped for reading, still exact."""
    whole, dot, frac = amount.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if not digits.isdigit():
        return amount
    return f"{sign}{int(digits):,}" + (f".{frac}" if dot else "")


def short_amount(amount: str) -> str:
    """78800000000 → 788億: the way a Japanese reader says a large number (chart labels)."""
    try:
        value = float(amount)
    except ValueError:
        return amount
    for scale, word in ((1e12, "兆"), (1e8, "億"), (1e4, "万")):
        if abs(value) >= scale:
            return f"{value / scale:.4g}{word}"
    return f"{value:.6g}"
