"""Dates (SPEC §3): Western, 和暦 and fiscal-year dates as ISO intervals.

One regular expression, built from `rules/eras.toml` and `rules/dates.toml`, finds the
written forms in each segment's clean text; then each match is normalized, checked
against the era table, and anaphors (同年, 同月, a bare month, an era-less 8年9月 or
10(1998)年) take what they leave out from the nearest preceding date in reading order,
or, for an era-less year, from the edition's era.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..read.document import Document, Mention
from .numbers import NumberError, parse_number
from .resolve import RUNNING_TEXT, antecedent_streams
from ..rules import alternation, load_toml

TABLE = "dates"
COLUMNS = ["value", "granularity", "start_date", "end_date", "calendar", "era", "era_year",
           "mod", "relation", "anaphoric", "consistent", "role"]

KANJI_DIGITS = "〇一二三四五六七八九"
_NUM = rf"(?:[0-9]{{1,2}}|[{KANJI_DIGITS}十]{{1,3}})"      # month, day, era year
_ERA_YEAR = rf"(?:[0-9]{{1,2}}|元|[{KANJI_DIGITS}十]{{1,3}})"
URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+")
# Not glued to a name or a number before it (IMT-2020, ver.2021, 4-8-2).
_FREE = r"(?<![0-9A-Za-z.\-/])"


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


def edition_era(edition: int | None) -> Era | None:
    """The era a book of that edition year counts in: the latest one begun by then
    (2000 → 平成, 2019 → 令和: 令和元年版 came out in the summer)."""
    if edition is None:
        return None
    return max((e for e in eras() if e.first_day.year <= edition), key=lambda e: e.first_day, default=None)


@cache
def vocab() -> dict:
    return load_toml("dates.toml")


def _month_day(p: str, marks: str) -> str:
    """An optional month (or the 4 of 4～6月) and day after a year; groups p_mo, p_d."""
    return (rf"(?:\s?(?P<{p}_mo>{_NUM})(?:月|(?=\s?(?:{marks})\s?[0-9]{{1,2}}月))"
            rf"(?:\s?(?P<{p}_d>{_NUM})日)?)?")


@cache
def pattern() -> re.Pattern:
    v = vocab()
    names = alternation(e.name for e in eras())
    abbrs = "".join(e.abbr for e in eras())
    marks = alternation(v["range"]["marks"])
    joins = alternation(v["range"]["marks"] + v["era_less"]["list_marks"])
    ana = v["anaphor"]
    unit = r"(?:年度|年)"

    def year(i: int) -> str:
        # A Western year is four digits not glued to a name (IMT-2020, ver.2021);
        # an era year is an era name and up to two digits, 元, or kanji.
        seireki = r"(?:西暦\s?)?" if i == 2 else ""      # 平成12年(西暦2000年)
        return (rf"(?:{_FREE}{seireki}(?P<w{i}>[0-9]{{4}}|[{KANJI_DIGITS}]{{4}})"
                rf"|(?P<era{i}>{names})\s?(?P<j{i}>{_ERA_YEAR}))"
                rf"\s?(?P<u{i}>{unit})")

    def bracketed(a: str, b: str) -> str:
        return rf"\s?\(\s?{a}\s?\)\s?{b}"

    forms = [
        # 平成10(1998)年, 10(1998)年, 同18(2006)年度: the era year, the Western year in brackets.
        rf"(?:(?P<b_same>同)|(?P<b_era>{names})\s?|{_FREE})(?P<b_j>[0-9]{{1,2}}|元)"
        + bracketed(r"(?:西暦\s?)?(?P<b_w>[0-9]{4})", rf"(?P<b_u>{unit})") + _month_day("b", marks),
        # 1962(昭和37)年: the Western year, the era year in brackets.
        rf"{_FREE}(?P<c_w>[0-9]{{4}})"
        + bracketed(rf"(?P<c_era>{names})?\s?(?P<c_j>[0-9]{{1,2}}|元)", rf"(?P<c_u>{unit})")
        + _month_day("c", marks),
        # 2021年（令和3年）4月16日, 令和3年度, 二〇二一年
        rf"{year(1)}(?:\s?\(\s?{year(2)}\s?\))?{_month_day('a', marks)}",
        # 12年(西暦2000年): an era-less year, the Western one in brackets.
        rf"(?<![0-9A-Za-z.\-/年度])(?P<d_j>[0-9]{{1,2}}|元)(?P<d_u>{unit})"
        rf"\s?\(\s?(?:西暦\s?)?(?P<d_w>[0-9]{{4}})\s?{unit}\s?\){_month_day('d', marks)}",
        # 2021～2025年度: the first year borrows the unit of the second.
        rf"{_FREE}(?P<ry>[0-9]{{4}})(?=\s?(?:{marks})\s?[0-9]{{4}}\s?(?P<ru>{unit}))",
        # 平成10～12年度, 平成11、12年度: the first era year borrows the unit of the second.
        rf"(?P<r_era>{names})\s?(?P<r_j>[0-9]{{1,2}}|元)(?=\s?(?:{joins})\s?[0-9]{{1,2}}\s?(?P<r_u>{unit}))",
        # R3.4.1, H30/3/31, R3年
        rf"(?<![0-9A-Za-z])(?P<ab>[{abbrs}])(?P<aby>[0-9]{{1,2}})"
        rf"(?:(?P<abs>[./])(?P<abm>[0-9]{{1,2}})(?P=abs)(?P<abd>[0-9]{{1,2}})(?![0-9]|[./][0-9])|(?P<abu>{unit}))",
        # 2021/4/16, 2021.4.16, 2021-04-16
        r"(?<![0-9A-Za-z./\-:])(?P<ny>1[89][0-9]{2}|20[0-9]{2})(?P<ns>[./\-])(?P<nm>[0-9]{1,2})"
        r"(?P=ns)(?P<nd>[0-9]{1,2})(?![0-9A-Za-z]|[./\-][0-9])",
        r"(?<![A-Za-z])FY\s?(?P<fy>[0-9]{4})(?![0-9])",
        # 同年度, 同年（令和元年）6月, 同月11日, 同日
        rf"(?P<ana_fy>{alternation(ana['same_fiscal_year'])})"
        rf"(?:\s?\(\s?(?:(?P<fw>[0-9]{{4}})|(?P<fera>{names})\s?(?P<fj>{_ERA_YEAR}))\s?年度\s?\))?",
        rf"(?P<ana_y>{alternation(ana['same_year'])})"
        rf"(?:\s?\(\s?(?:(?P<yw>[0-9]{{4}})|(?P<yera>{names})\s?(?P<yj>{_ERA_YEAR}))\s?年\s?\))?"
        rf"(?:\s?(?P<am>[0-9]{{1,2}})月(?:\s?(?P<ad>[0-9]{{1,2}})日)?)?",
        rf"(?P<ana_m>{alternation(ana['same_month'])})(?:\s?(?P<amd>[0-9]{{1,2}})日)?",
        rf"(?P<ana_d>{alternation(ana['same_day'])})",
        # 8年9月, 11年度, 元年, 同10年: the era is the preceding one's, or the edition's.
        rf"(?P<e_same>同\s?)?(?<![0-9A-Za-z.\-/年度])(?P<e_j>元|[0-9]{{1,2}})(?P<e_u>{unit})"
        rf"(?:(?P<e_mo>[0-9]{{1,2}})月(?:(?P<e_d>[0-9]{{1,2}})日)?)?",
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
    co = v["coordination"]
    weekday = rf"(?:\(\s?(?:{alternation(co['weekdays'])})(?:・祝)?\s?\))?"
    return (re.compile(alternation(mods)), mods, re.compile(rf"\s*({alternation(rels)})"), rels,
            re.compile(rf"[^\s、。()「」]{{0,{cit['issuer_max']}}}?(?:{alternation(cit['kinds'])})"
                       rf"第[0-9{KANJI_DIGITS}十百千]+号"),
            re.compile(rf"\s*{weekday}\s*(?:{alternation(v['range']['marks'])})\s*$"),
            re.compile(rf"\s*{weekday}\s*(?:{alternation(co['words'])})\s*$"),
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
    need: str | None = None         # year | month | day | era | coordinated | None
    mod: str | None = None
    relation: str | None = None
    role: str | None = None         # citation, or label: an edition label that only names an era
    anaphoric: bool = False
    same: bool = False              # 同 written before an era-less year: 同10年
    western: int | None = None      # the Western year written beside an era-less one: 10(1998)年
    bare: str | None = None         # an era-less year alone (11年): "free" where its context allows it


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


def _both(western: int, era: Era | None, n: int, fiscal: bool, month, day) -> _Date:
    """A Western year and an era year written together; without the era name the era is
    resolved later (10(1998)年)."""
    d = _Date(year=western, month=_month(month), day=_month(day), fiscal=fiscal, calendar="both",
              era_year=n)
    if era is None:
        d.western, d.need = western, "era"
    else:
        d.era, d.consistent = era, era.western(n) == western
    return d


def _from_match(m: re.Match) -> _Date | None:
    g = m.group
    if g("b_u"):
        d = _both(int(g("b_w")), _era(g("b_era")) if g("b_era") else None, _int(g("b_j")),
                  g("b_u") == "年度", g("b_mo"), g("b_d"))
        d.same = bool(g("b_same"))
        return d
    if g("c_u"):
        return _both(int(g("c_w")), _era(g("c_era")) if g("c_era") else None, _int(g("c_j")),
                     g("c_u") == "年度", g("c_mo"), g("c_d"))
    if g("u1"):
        first, second = _year_part(m, 1), _year_part(m, 2)
        d = _Date(month=_month(g("a_mo")), day=_month(g("a_d")))
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
    if g("d_u"):
        return _both(int(g("d_w")), None, _int(g("d_j")), g("d_u") == "年度", g("d_mo"), g("d_d"))
    if g("ry"):
        return _Date(year=int(g("ry")), fiscal=g("ru") == "年度", calendar="western")
    if g("r_era"):
        era, n = _era(g("r_era")), _int(g("r_j"))
        return _Date(year=era.western(n), fiscal=g("r_u") == "年度", calendar="wareki", era=era,
                     era_year=n, consistent=True)
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
        return _written_anaphor(_Date(fiscal=True, need="year"), g("fw"), g("fera"), g("fj"))
    if g("ana_y"):
        return _written_anaphor(_Date(month=_month(g("am")), day=_month(g("ad")), need="year"),
                                g("yw"), g("yera"), g("yj"))
    if g("ana_m"):
        return _Date(day=_month(g("amd")), need="month")
    if g("ana_d"):
        return _Date(need="day")
    if g("e_u"):
        d = _Date(month=_month(g("e_mo")), day=_month(g("e_d")), fiscal=g("e_u") == "年度",
                  calendar="wareki", era_year=_int(g("e_j")), need="era", same=bool(g("e_same")))
        if d.month is None and not d.fiscal and not d.same:
            d.bare = "strict"
        return d
    if g("bm"):
        return _Date(month=int(g("bm")), day=_month(g("bd")), need="year")
    return _Date(day=int(g("bday")), need="coordinated")


def _written_anaphor(d: _Date, western: str | None, era: str | None, n: str | None) -> _Date:
    """同年（令和元年）: the anaphor stays one mention; the year written beside it fills the
    calendar columns and is checked against the antecedent."""
    if western:
        d.calendar, d.western = "western", int(western)
    elif era:
        d.era, d.era_year = _era(era), _int(n)
        d.calendar, d.western = "wareki", d.era.western(d.era_year)
    return d


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


def _era_less_context(text: str, m: re.Match, e: int, d: _Date) -> bool:
    """Whether an era-less year may be a date here; for a year alone (11年), `d.bare`
    becomes "free" where nothing after it reads as a duration or a count."""
    el = vocab()["era_less"]
    start = m.start("e_j")
    if not d.same:
        if text[start] == "元" and start > 0 and re.match(el["not_before_gan"], text[start - 1]):
            return False    # ブロードバンド元年, 電子政府元年: a first year in a figure of speech
        if text[max(0, start - 4):start].endswith(tuple(el["not_before"])):
            return False    # 約10年, 過去3年, 第2年度
    if d.bare and not text.startswith(tuple(el["not_after"]), e):
        d.bare = "free"
    return True


def _candidates(seg) -> list[tuple[int, int, _Date]]:
    text = seg.text
    mod_re, mods, rel_re, rels, cit_re, _, _, open_re = _after_patterns()
    v = vocab()
    not_after = tuple(v["year"]["not_after"])
    labels = tuple(v["label"]["after"])
    relative = tuple(v["bare"]["not_after"])
    day_counts = tuple(v["coordination"]["day_not_after"])
    urls = [u.span() for u in URL.finditer(text)] if "/" in text or "www" in text else []
    out = []
    for m in pattern().finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in urls) or _skip_anaphor(text, m):
            continue
        if m.group("bm") and text[max(0, s - 4):s].endswith(relative):
            continue
        if m.group("bday") and text.startswith(day_counts, e):
            continue
        try:
            d = _from_match(m)
        except NumberError:
            continue
        if text[e - 1] in "年度" and text.startswith(labels, e):
            if d.era is None:
                continue
            d.role = "label"        # 令和5年版, 平成30年度改訂版: not a date, but it names the era
        elif text[e - 1] == "年" and text.startswith(not_after, e):
            continue
        if d.need == "era" and d.western is None and not _era_less_context(text, m, e, d):
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


def writes_era_less_years(candidates) -> bool:
    """Whether a text writes its years without the era (old editions: 11年度, 8年9月,
    10(1998)年) more often than with it: only then is a year standing alone (11年には)
    read as a date."""
    era_less = sum(1 for _, _, d in candidates if d.need == "era" and not d.bare)
    written = sum(1 for _, _, d in candidates if d.era is not None and d.role != "label")
    return era_less > written


def recognize(doc: Document) -> list[Mention]:
    found: list[Mention] = []
    _, _, _, _, _, range_re, coord_re, _ = _after_patterns()
    span_re = re.compile(rf"[0-9]\s?(?:{alternation(vocab()['range']['marks'])})\s?$")
    per_segment = [(seg, _candidates(seg)) for seg in doc.segments]
    era_less_text = writes_era_less_years([c for _, cs in per_segment for c in cs])
    for seg, candidates in per_segment:
        previous = None
        for s, e, d in candidates:
            between = seg.text[previous.end:s] if previous else ""
            if d.need == "coordinated":
                # A bare day only continues a list of days: 「5月11日及び12日」.
                if not (previous and previous.values["_date"].day and coord_re.match(between)):
                    continue
            if d.need == "era" and d.western is None:
                # An era-less year continuing a list or range after an era year (平成6年～8年,
                # 平成10年から12年, 平成10～12年度); after a bare number it is a span (5～10年).
                continues = previous is not None and _has_era(previous.values["_date"]) and \
                    bool(coord_re.match(between) or range_re.match(between))
                if not continues and span_re.search(seg.text, max(0, s - 8), s):
                    continue
                # 11年 alone: only free of duration words, and in a list or range, or in a
                # text that writes its years without the era.
                if d.bare and not (d.bare == "free" and (continues or era_less_text)):
                    continue
            m = Mention(seg, s, e, {"_date": d})
            found.append(m)
            if d.role == "label":
                continue
            if previous and range_re.match(between):
                pd_ = previous.values["_date"]
                pd_.relation = pd_.relation or "from"
                d.relation = d.relation or "until"
            previous = m
    return _resolve(found, edition_era(doc.edition), doc.edition)


def _has_era(d: _Date) -> bool:
    return d.era is not None or d.need == "era"


def _resolve(mentions: list[Mention], book_era: Era | None, edition: int | None) -> list[Mention]:
    """Fill in what anaphors leave out, from the nearest preceding date (an era-less year:
    from the edition's era or the nearest era mention); drop those with nothing to look
    back to, and edition labels, which only name an era."""
    kept = []
    eras_seen: list = []           # [the running text's list, its length scanned, its last era]
    for m, earlier in antecedent_streams(mentions):
        d: _Date = m.values["_date"]
        if d.need == "era":
            in_running = m.segment.kind in RUNNING_TEXT
            ok = _fill_era(d, _nearest_era(earlier, eras_seen if in_running else None), book_era, edition)
        elif d.need:
            ante = next((x.values["_date"] for x in reversed(earlier)
                         if x.values.get("_date") and x.values["_date"].role is None
                         and x.values["_date"].need is None), None)
            ok = _fill(d, ante)
        else:
            ok = True
        if not ok:
            m.values.pop("_date")
            continue
        if d.role != "label":
            kept.append(m)
    for m in kept:
        m.values.update(_columns(m.values.pop("_date")))
    for m in mentions:
        m.values.pop("_date", None)
    return kept


def _nearest_era(earlier: list[Mention], seen: list | None) -> Era | None:
    """The era of the nearest preceding mention that has one. The running text's list
    only grows, so its scan goes on from where it stopped (`seen`: the list, the length
    scanned, the last era; a book holds thousands of era-less years); a footnote's own
    list is scanned back from its end."""
    if seen is None:
        return next((x.values["_date"].era for x in reversed(earlier)
                     if x.values.get("_date") and x.values["_date"].era is not None), None)
    if not seen or seen[0] is not earlier:
        seen[:] = [earlier, 0, None]
    _, checked, era = seen
    for x in earlier[checked:]:
        if (xd := x.values.get("_date")) is not None and xd.era is not None:
            era = xd.era
    seen[1:] = [len(earlier), era]
    return era


def _fill_era(d: _Date, near: Era | None, book: Era | None, edition: int | None) -> bool:
    """The era of an era-less year. Beside a Western year (10(1998)年) it is the era in
    which the two agree, preferring the nearest era mention's and the book's. Alone, it is
    the book's era (old editions count in it: 昭和54年 … 11年2月 is 平成11年), unless that
    would put the year beyond the horizon after the edition (昭和60年 … 61年 in a 平成
    book), where the nearest era mention's is taken; 同10年 takes the nearest's first."""
    d.need, d.anaphoric = None, True
    n = d.era_year
    if d.western is not None:
        fits = [e for e in eras() if e.western(n) == d.western and e.holds(date(d.western, 1, 1), date(d.western, 12, 31))]
        d.era = next((e for e in (near, book) if e in fits), fits[0] if fits else near or book)
        if d.era is None:
            return False
        d.consistent = d.era in fits
        return _valid(d)
    horizon = vocab()["era_less"]["horizon_years"]
    order = (near, book) if d.same else (book, near)
    for era in dict.fromkeys(order):
        if era is None or (edition is not None and era.western(n) > edition + horizon):
            continue
        d.era, d.year = era, era.western(n)
        if not _valid(d):
            return False
        first, last = _interval(d)[2:]
        if era.holds(first, last):
            return True
    return False


def _fill(d: _Date, ante: _Date | None) -> bool:
    if ante is None:
        if d.western is None:
            return False
        d.year = d.western          # 同年（令和元年）with nothing before it: the bracket tells
    need, d.need = d.need, None
    d.anaphoric = True
    if ante is None:
        pass
    elif need == "year":
        d.year = ante.year
        if d.era is not None:
            d.consistent = d.western == ante.year
        elif d.western is not None:
            d.year = d.western      # 同年（2019年）: the Western year written wins
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
