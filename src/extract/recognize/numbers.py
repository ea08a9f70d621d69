"""One Japanese number parser for the whole project: ASCII, full-width and kanji digits,
grouping commas, decimals, positional kanji (二〇二一), grouped kanji (一億二千万,
百二十三), mixed forms (1億2千万, 1兆2,345億, 400百万) and million/billion. Values are
decimal.Decimal, never float: 137.8億 is exactly 13780000000.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9, "壱": 1, "弐": 2, "参": 3}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000, "阡": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "億": 10**8, "兆": 10**12, "京": 10**16}
WORD_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

_ARABIC = "0-9０-９"
_KANJI = "".join(KANJI_DIGITS)
_SMALL = "".join(SMALL_UNITS)
_BIG = "".join(BIG_UNITS)
# A number as written, in one of two shapes. Arabic-led: digits with grouping commas and
# one decimal point, then kanji units that may be followed by more digits (1億2千万,
# 1兆2,345億, 400百万). Kanji-led: kanji digits and units only (一億二千万, 二〇二一,
# 百二十三); a kanji digit never runs into Arabic digits, so 統一100億 reads 100億.
# Either may end in an English scale word. Recognizers compose this into their patterns.
_ARABIC_RUN = rf"[{_ARABIC}]+(?:[,，][{_ARABIC}]{{3}})*(?:[.．][{_ARABIC}]+)?"
NUMBER_PATTERN = (
    rf"(?:(?<![{_ARABIC}.．,，]){_ARABIC_RUN}(?:[{_SMALL}{_BIG}]+(?:{_ARABIC_RUN})?)*"
    rf"|(?<![{_KANJI}{_SMALL}{_BIG}])[{_KANJI}{_SMALL}][{_KANJI}{_SMALL}{_BIG}]*)"
    r"(?:\s?(?:thousand|million|billion|trillion)\b)?"
)
_NUMBER_RE = re.compile(NUMBER_PATTERN)


class NumberError(ValueError):
    pass


def parse_number(written: str) -> Decimal:
    """The exact value of a written number; NumberError if it is not one."""
    s = unicodedata.normalize("NFKC", written).strip().replace(",", "")
    scale = 1
    for word, factor in WORD_SCALES.items():
        if s.lower().endswith(word):
            s, scale = s[: -len(word)].strip(), factor
            break
    if not s:
        raise NumberError(f"no number in {written!r}")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return Decimal(s) * scale
    return _parse_kanji(s, written) * scale


def _parse_kanji(s: str, written: str) -> Decimal:
    total = Decimal(0)      # sum of finished 万/億/兆 groups
    group = Decimal(0)      # the group under construction (below 万)
    digits = ""             # pending digits, ASCII or kanji, read positionally
    last_big = None
    last_small = None

    def pending() -> Decimal | None:
        return Decimal(digits) if digits else None

    for ch in s:
        if ch.isdigit() or ch == ".":
            digits += ch
        elif ch in KANJI_DIGITS:
            digits += str(KANJI_DIGITS[ch])
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if last_small is not None and unit >= last_small and digits == "":
                raise NumberError(f"units out of order in {written!r}")
            n = pending()
            group += (n if n is not None else 1) * unit
            digits, last_small = "", unit
        elif ch in BIG_UNITS:
            unit = BIG_UNITS[ch]
            if last_big is not None and unit >= last_big:
                raise NumberError(f"units out of order in {written!r}")
            n = pending()
            if n is None and group == 0:
                raise NumberError(f"a unit without a number in {written!r}")
            value = group + (n if n is not None else 0)
            total += value * unit
            group, digits, last_big, last_small = Decimal(0), "", unit, None
        else:
            raise NumberError(f"not a number: {written!r}")
    if digits.count(".") > 1:
        raise NumberError(f"two decimal points in {written!r}")
    n = pending()
    return total + group + (n if n is not None else 0)


def find_numbers(text: str):
    """Spans of written numbers in text (for tests and simple recognizers)."""
    return [(m.start(), m.end()) for m in _NUMBER_RE.finditer(text)]


def plain(value: Decimal) -> str:
    """A Decimal as a plain decimal string: no exponent, no grouping, no trailing zeros."""
    s = format(value.normalize(), "f")
    return s
