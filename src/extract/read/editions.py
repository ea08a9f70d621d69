"""The edition a name stands for: `2022`, `r04`, `R4`, `令和4年版`, `h30` → the Western
year, as file and folder names and the command line give it."""
from __future__ import annotations

import re
import unicodedata

from ..rules import load_toml

_WESTERN_EDITION = re.compile(r"^(\d{4})(?:年版?|年度版|-\d{2})?$")
_ERA_EDITION = re.compile(r"^(?P<era>[^\d\s]+?)[\s_-]?(?P<year>\d{1,2}|元)(?:年版|年度版|年)?$", re.IGNORECASE)
# No white paper is older than the first 経済白書 (July 1947): an earlier "edition" is a
# name that only looks like one (s01.txt for section 1 would be 昭和元年, 1926).
FIRST_EDITION, LAST_EDITION = 1947, 2999


def parse_edition(name: str) -> int | None:
    """`2022`, `r04`, `R4`, `令和4年版`, `h30` → the Western year; None when it names no edition."""
    name = unicodedata.normalize("NFKC", name).strip()
    year = None
    if m := _WESTERN_EDITION.match(name):
        year = int(m.group(1))
    elif m := _ERA_EDITION.match(name):
        label = m.group("era").lower()
        number = 1 if m.group("year") == "元" else int(m.group("year"))
        for era in load_toml("eras.toml")["era"]:
            if label in (era["name"], era["abbr"].lower(), era["id"]) and number >= 1:
                year = era["year_one"] + number - 1
                if era["last_day"] and year > int(era["last_day"][:4]):
                    year = None         # 平成32年版 does not exist
    return year if year is not None and FIRST_EDITION <= year <= LAST_EDITION else None


def edition_value(value) -> int | None:
    """An edition as the API and the command line take it: an int year, or any name
    parse_edition reads (`2022`, `r04`, `令和4年版`); None stays None. Anything else is a
    ValueError that says what is accepted."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value if FIRST_EDITION <= value <= LAST_EDITION else None
    elif isinstance(value, str):
        year = parse_edition(value)
    else:
        year = None
    if year is None:
        raise ValueError(f"edition {value!r} names no edition (try 2022, r04 or 令和4年版)")
    return year
