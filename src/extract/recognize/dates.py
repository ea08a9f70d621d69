"""Dates (SPEC §3): Western, 和暦 and fiscal-year dates as ISO intervals.

One regular expression, built from `rules/eras.toml` and `rules/dates.toml`, finds the
written forms in each segment's clean text; then each match is normalized, checked
against the era table, and anaphors (同年, 同月, a bare month, an era-less 8年9月) take
what they leave out from the nearest preceding date in reading order.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..read.document import Document, Mention
from .numbers import NumberError, parse_number
from .resolve import antecedent_streams
from ..rules import alternation, load_toml

TABLE = "dates"
COLUMNS = ["value", "granularity", "start_date", "end_date", "calendar", "era", "era_year",
           "mod", "relation", "anaphoric", "consistent", "role"]

KANJI_DIGITS = "〇一二三四五六七八九"
_NUM = rf"(?:[0-9]{{1,2}}|[{KANJI_DIGITS}十]{{1,3}})"      # month, day, era year
_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")


@dataclass(frozen=True)
class Era:
    name: str
    abbr: str
    year_one: int
    first_day: date
    last_day: date | None

    def western(self, era_year: int) -> int:
        return self.year_one + era_year - 1

    def holds(self, first: date, last: date) -> bool:
        """Whether the interval [first, last] overlaps the era."""
        return last >= self.first_day and (self.last_day is None or first <= self.last_day)


@cache
def eras() -> tuple[Era, ...]:
    return tuple(Era(e["name"], e["abbr"], e["year_one"], date.fromisoformat(e["first_day"]),
                     date.fromisoformat(e["last_day"]) if e["last_day"] else None)
                 for e in load_toml("eras.toml")["era"])


@cache
def vocab() -> dict:
    return load_toml("dates.toml")


@cache
def pattern() -> re.Pattern:
    v = vocab()
    names = alternation(e.name for e in eras())
    abbrs = "".join(e.abbr for e in eras())
    marks = alternation(v["range"]["marks"])
    ana = v["anaphor"]

    def year(i: int) -> str:
        # A Western year is four digits not glued to a name (IMT-2020, ver.2021);
        # an era year is an era name and up to two digits, 元, or kanji.
        return (rf"(?:(?<![0-9A-Za-z.\-/])(?P<w{i}>[0-9]{{4}}|[{KANJI_DIGITS}]{{4}})"
                rf"|(?P<era{i}>{names})\s?(?P<j{i}>[0-9]{{1,2}}|元|[{KANJI_DIGITS}十]{{1,3}}))"
                rf"\s?(?P<u{i}>年度|年)")

    month_day = (rf"(?:\s?(?P<mo>{_NUM})(?:月|(?=\s?(?:{marks})\s?[0-9]{{1,2}}月))"
                 rf"(?:\s?(?P<d>{_NUM})日)?)?")
    forms = [
        # 2021年（令和3年）4月16日, 令和3年度, 二〇二一年
        rf"{year(1)}(?:\s?\(\s?{year(2)}\s?\))?{month_day}",
        # 2021～2025年度: the first year borrows the unit of the second.
        rf"(?<![0-9A-Za-z.\-/])(?P<ry>[0-9]{{4}})(?=\s?(?:{marks})\s?[0-9]{{4}}\s?(?P<ru>年度|年))",
        # R3.4.1, H30/3/31, R3年
        rf"(?<![0-9A-Za-z])(?P<ab>[{abbrs}])(?P<aby>[0-9]{{1,2}})"
        rf"(?:(?P<abs>[./])(?P<abm>[0-9]{{1,2}})(?P=abs)(?P<abd>[0-9]{{1,2}})(?![0-9]|[./][0-9])|(?P<abu>年度|年))",
        # 2021/4/16, 2021.4.16, 2021-04-16
        r"(?<![0-9A-Za-z./\-:])(?P<ny>1[89][0-9]{2}|20[0-9]{2})(?P<ns>[./\-])(?P<nm>[0-9]{1,2})"
        r"(?P=ns)(?P<nd>[0-9]{1,2})(?![0-9A-Za-z]|[./\-][0-9])",
        r"(?<![A-Za-z])FY\s?(?P<fy>[0-9]{4})(?![0-9])",
        # 同年度, 同年6月, 同月11日, 同日
        rf"(?P<ana_fy>{alternation(ana['same_fiscal_year'])})",
        rf"(?P<ana_y>{alternation(ana['same_year'])})(?:\s?(?P<am>[0-9]{{1,2}})月(?:\s?(?P<ad>[0-9]{{1,2}})日)?)?",
        rf"(?P<ana_m>{alternation(ana['same_month'])})(?:\s?(?P<amd>[0-9]{{1,2}})日)?",
        rf"(?P<ana_d>{alternation(ana['same_day'])})",
        # 8年9月 in a text that writes era years: the era is the preceding one's.
        r"(?<![0-9A-Za-z年度])(?P<ey>元|[0-9]{1,2})年(?P<em>[0-9]{1,2})月(?:(?P<ed>[0-9]{1,2})日)?",
        # 5月, 5月11日, and the 4 of 4～6月
        rf"(?<![0-9.])(?P<bm>[0-9]{{1,2}})(?:月|(?=\s?(?:{marks})\s?[0-9]{{1,2}}月))(?:\s?(?P<bd>[0-9]{{1,2}})日)?",
        r"(?<![0-9.])(?P<bday>[0-9]{1,2})日(?!間)",
    ]
    return re.compile("|".join(forms))


@cache
def _after_patterns():
    v = vocab()
    mods = {w: tag for tag, words in v["mod"].items() for w in words}
    rels = {w: tag for tag, words in v["relation"].items() for w in words}
    cit = v["citation"]
    return (re.compile(alternation(mods)), mods, re.compile(rf"\s*({alternation(rels)})"), rels,
            re.compile(rf"[^\s、。()「」]{{0,{cit['issuer_max']}}}?(?:{alternation(cit['kinds'])})"
                       rf"第[0-9{KANJI_DIGITS}十百千]+号"),
            re.compile(rf"\s*(?:{alternation(v['range']['marks'])})\s*$"),
            re.compile(rf"\s*(?:{alternation(v['coordination']['words'])})\s*$"),
            re.compile(rf"\s*(?:{alternation(v['range']['marks'])})\s*\)"))


@dataclass
class _Date:
    """What a match says before anaphora are resolved; `need` names what it leaves out."""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    fiscal: bool = False
    calendar: str | None = None
    era: Era | None = None
    era_year: int | None = None
    consistent: bool | None = None
    need: str | None = None         # year | month | day | era | fiscal | None
    mod: str | None = None
    relation: str | None = None
    role: str | None = None
    anaphoric: bool = False


def _int(written: str) -> int:
    return 1 if written == "元" else int(parse_number(written))


def _era(name: str) -> Era:
    return next(e for e in eras() if e.name == name or e.abbr == name)


def _year_part(m: re.Match, i: int):
    """(western year, era, era year, fiscal) of year part i, or None if absent."""
    if m.group(f"u{i}") is None:
        return None
    fiscal = m.group(f"u{i}") == "年度"
    if m.group(f"w{i}"):
        return _int(m.group(f"w{i}")), None, None, fiscal
    era = _era(m.group(f"era{i}"))
    n = _int(m.group(f"j{i}"))
    return era.western(n), era, n, fiscal


def _from_match(m: re.Match) -> _Date | None:
    g = m.group
    if g("u1"):
        first, second = _year_part(m, 1), _year_part(m, 2)
        d = _Date(month=_month(g("mo")), day=_month(g("d")))
        parts = [p for p in (first, second) if p]
        western = next((p for p in parts if p[1] is None), None)
        wareki = next((p for p in parts if p[1] is not None), None)
        d.year = (western or wareki)[0]
        d.fiscal = any(p[3] for p in parts)
        d.calendar = "both" if western and wareki else ("western" if western else "wareki")
        if wareki:
            d.era, d.era_year = wareki[1], wareki[2]
            d.consistent = not western or western[0] == wareki[0]
        if len(parts) == 2 and (western is None or wareki is None):
            d.consistent = parts[0][0] == parts[1][0]   # two of one calendar: rare, check them
        return d
    if g("ry"):
        return _Date(year=int(g("ry")), fiscal=g("ru") == "年度", calendar="western")
    if g("ab"):
        era = _era(g("ab"))
        n = int(g("aby"))
        return _Date(year=era.western(n), month=_month(g("abm")), day=_month(g("abd")),
                     fiscal=g("abu") == "年度", calendar="wareki", era=era, era_year=n,
                     consistent=True)
    if g("ny"):
        return _Date(year=int(g("ny")), month=int(g("nm")), day=int(g("nd")), calendar="western")
    if g("fy"):
        return _Date(year=int(g("fy")), fiscal=True, calendar="western")
    if g("ana_fy"):
        return _Date(fiscal=True, need="year")
    if g("ana_y"):
        return _Date(month=_month(g("am")), day=_month(g("ad")), need="year")
    if g("ana_m"):
        return _Date(day=_month(g("amd")), need="month")
    if g("ana_d"):
        return _Date(need="day")
    if g("ey"):
        return _Date(month=int(g("em")), day=_month(g("ed")), calendar="wareki",
                     era_year=_int(g("ey")), need="era")
    if g("bm"):
        return _Date(month=int(g("bm")), day=_month(g("bd")), need="year")
    return _Date(day=int(g("bday")), need="coordinated")


def _month(written: str | None) -> int | None:
    return _int(written) if written else None


def _valid(d: _Date) -> bool:
    if d.month is not None and not 1 <= d.month <= 12:
        return False
    if d.day is not None:
        if not 1 <= d.day <= 31:
            return False
        if d.month is not None and d.year is not None:
            return d.day <= calendar.monthrange(d.year, d.month)[1]
        if d.month is not None:
            return d.day <= (29 if d.month == 2 else calendar.monthrange(2001, d.month)[1])
    return True


def _interval(d: _Date) -> tuple[str, str, date, date]:
    """(value, granularity, first day, last day)."""
    y = d.year
    if d.fiscal:
        return f"FY{y:04d}", "fiscal_year", date(y, 4, 1), date(y + 1, 3, 31)
    if d.month is None:
        return f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31)
    if d.day is None:
        last = calendar.monthrange(y, d.month)[1]
        return f"{y:04d}-{d.month:02d}", "month", date(y, d.month, 1), date(y, d.month, last)
    day = date(y, d.month, d.day)
    return day.isoformat(), "day", day, day


def _skip_anaphor(text: str, m: re.Match) -> bool:
    ana = vocab()["anaphor"]
    word = m.group("ana_fy") or m.group("ana_y") or m.group("ana_m") or m.group("ana_d")
    if not word:
        return False
    before = text[max(0, m.start() - 2):m.start()]
    after = text[m.start() + len(word):]
    return (any(before.endswith(w) for w in ana["not_before"])
            or any(after.startswith(w) for w in ana["not_after"]))


def _candidates(seg) -> list[tuple[int, int, _Date]]:
    text = seg.text
    mod_re, mods, rel_re, rels, cit_re, _, _, open_re = _after_patterns()
    not_after = tuple(vocab()["year"]["not_after"])
    urls = [u.span() for u in _URL.finditer(text)] if "/" in text or "www" in text else []
    out = []
    for m in pattern().finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in urls) or _skip_anaphor(text, m):
            continue
        if m.group("bm") and text[max(0, s - 2):s].endswith(tuple(vocab()["bare"]["not_after"])):
            continue
        try:
            d = _from_match(m)
        except NumberError:
            continue
        ends_in_year = text[e - 1] == "年"
        if ends_in_year and text.startswith(not_after, e):
            continue
        if d.era is not None and d.month is None and d.day is None and cit_re.match(text, e):
            d.role = "citation"
        elif (mm := mod_re.match(text, e)):
            d.mod = mods[mm.group()]
            e = mm.end()
        if (rm := rel_re.match(text, e)):
            d.relation = rels[rm.group(1)]
        elif open_re.match(text, e):
            d.relation = "from"         # 「(2020年1月~)」: a range left open
        if _valid(d):
            out.append((s, e, d))
    return out


def recognize(doc: Document) -> list[Mention]:
    found: list[Mention] = []
    _, _, _, _, _, range_re, coord_re, _ = _after_patterns()
    for seg in doc.segments:
        previous = None
        for s, e, d in _candidates(seg):
            between = seg.text[previous.end:s] if previous else ""
            if d.need == "coordinated":
                # A bare day only continues a list of days: 「5月11日及び12日」.
                if not (previous and previous.values["_date"].day and coord_re.match(between)):
                    continue
            m = Mention(seg, s, e, {"_date": d})
            if previous and range_re.match(between):
                pd_ = previous.values["_date"]
                pd_.relation = pd_.relation or "from"
                d.relation = d.relation or "until"
            found.append(m)
            previous = m
    return _resolve(found)


def _resolve(mentions: list[Mention]) -> list[Mention]:
    """Fill in what anaphors leave out, from the nearest preceding date; drop those with
    nothing to look back to."""
    kept = []
    for m, earlier in antecedent_streams(mentions):
        d: _Date = m.values["_date"]
        if d.need:
            ante = next((x.values["_date"] for x in reversed(earlier)
                         if x.values.get("_date") and x.values["_date"].role is None
                         and x.values["_date"].need is None), None)
            if not _fill(d, ante):
                m.values.pop("_date")
                continue
        kept.append(m)
        m.values.update(_columns(d))
    for m in kept:
        m.values.pop("_date")
    return kept


def _fill(d: _Date, ante: _Date | None) -> bool:
    if ante is None:
        return False
    need, d.need = d.need, None
    d.anaphoric = True
    if need == "era":
        if ante.era is None or ante.calendar == "western":
            return False
        d.era = ante.era
        d.year = d.era.western(d.era_year)
        d.consistent = None
    elif need == "year":
        d.year = ante.year
    elif need in ("month", "coordinated"):
        if ante.month is None or ante.fiscal:
            return False
        d.year, d.month = ante.year, (ante.month if need == "month" or d.month is None else d.month)
    elif need == "day":
        if ante.day is None:
            return False
        d.year, d.month, d.day, d.fiscal = ante.year, ante.month, ante.day, ante.fiscal
    return _valid(d)


def _columns(d: _Date) -> dict:
    value, gran, first, last = _interval(d)
    consistent = d.consistent
    if d.era is not None:
        consistent = bool(consistent is not False and d.era.holds(first, last))
    return {"value": value, "granularity": gran, "start_date": first.isoformat(),
            "end_date": last.isoformat(), "calendar": d.calendar,
            "era": d.era.name if d.era else None, "era_year": d.era_year, "mod": d.mod,
            "relation": d.relation, "anaphoric": d.anaphoric,
            "consistent": consistent, "role": d.role}


def rule_examples():
    return [tuple(c) for c in vocab()["cases"]["examples"]]


def rule_negatives():
    return [tuple(c) for c in vocab()["cases"]["negatives"]]


def example_value(values: dict) -> str:
    return values["value"]
