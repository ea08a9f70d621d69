"""The one number parser: every written form gives the exact Decimal, never a float."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from extract.recognize.numbers import NUMBER_PATTERN, NumberError, find_numbers, parse_number, plain

KANJI = "〇一二三四五六七八九"


@pytest.mark.parametrize("written,value", [
    ("137.8億", "13780000000"), ("一億二千万", "120000000"), ("二〇二一", "2021"), ("百二十三", "123"),
    ("1億2千万", "120000000"), ("1兆2,345億", "1234500000000"), ("400百万", "400000000"),
    ("3,000万", "30000000"), ("39,800万", "398000000"), ("5十億", "5000000000"), ("1千万", "10000000"),
    ("１３７．８億", "13780000000"), ("1.5 billion", "1500000000"), ("400 million", "400000000"),
    ("十", "10"), ("二十万", "200000"), ("0.25", "0.25"),
])
def test_forms(written, value):
    assert plain(parse_number(written)) == value


@pytest.mark.parametrize("written", ["", "abc", "万億", "1.2.3", "億万"])
def test_not_numbers(written):
    with pytest.raises(NumberError):
        parse_number(written)


def test_a_kanji_digit_does_not_run_into_arabic_digits():
    text = "統一100億円"
    assert [text[a:b] for a, b in find_numbers(text)] == ["一", "100億"]


def _kanji_group(n: int) -> str:
    """0 <= n < 10000 as grouped kanji (二千三十四)."""
    out = ""
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            out += ("" if d == 1 else KANJI[d]) + ch
    return out + (KANJI[n] if n else "")


def _kanji(n: int) -> str:
    if n == 0:
        return "〇"
    out = ""
    for unit, ch in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += _kanji_group(d) + ch
    return out


def _mixed(n: int) -> str:
    """Arabic digits per group with kanji big units (1兆2,345億6万7)."""
    out = ""
    for unit, ch in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += f"{d:,}" + ch
    return out or "0"


FORMS = {
    "ascii": lambda n: str(n),
    "grouped": lambda n: f"{n:,}",
    "fullwidth": lambda n: str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
    "positional kanji": lambda n: "".join(KANJI[int(c)] for c in str(n)),
    "grouped kanji": _kanji,
    "mixed": _mixed,
}


@given(st.integers(min_value=0, max_value=10**16 - 1), st.sampled_from(sorted(FORMS)))
def test_integers_round_trip_in_every_form(n, form):
    written = FORMS[form](n)
    assert parse_number(written) == n, written
    if n:       # the pattern finds the whole written number
        assert find_numbers(written) == [(0, len(written))]


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip(d):
    written = format(d, "f")
    assert parse_number(written) == d
    assert parse_number(f"{written}億") == d * 10**8
    assert Decimal(plain(parse_number(f"{written}億"))) == d * 10**8


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["million", "billion"]))
def test_english_scale_words(n, word):
    assert parse_number(f"{n} {word}") == n * {"million": 10**6, "billion": 10**9}[word]


def test_the_pattern_is_a_string_recognizers_compose():
    assert isinstance(NUMBER_PATTERN, str)
