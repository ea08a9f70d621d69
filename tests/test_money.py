"""Money (SPEC §4): surfaces, exact amounts, currencies, qualifiers, ranges, non-money."""
import pytest

from conftest import read_golden, recognize_rows, seed_document
from extract.recognize import money
from extract.read.document import Document


def rows(text: str) -> list[dict]:
    return recognize_rows(money, Document.from_text("t", text))


def cells(text: str) -> list[tuple]:
    return [(r["surface"], r["amount"], r["currency"], r["approx"], r["bound"]) for r in rows(text)]


def test_the_hard_cases_of_the_genre():
    assert cells("総事業費約400百万米ドルのうち最大78百万米ドルの出融資") == [
        ("400百万米ドル", "400000000", "USD", True, None), ("78百万米ドル", "78000000", "USD", False, "upper")]
    assert cells("137.8億円") == [("137.8億円", "13780000000", "JPY", False, None)]
    assert cells("一億二千万円") == [("一億二千万円", "120000000", "JPY", False, None)]


def test_amounts_are_exact_decimal_strings():
    for r in rows("0.1億円、1.1億円、2.675億円、99.99ドル"):
        assert "e" not in r["amount"].lower() and "," not in r["amount"]
    assert [r["amount"] for r in rows("0.1億円、2.675億円、99.99ドル")] == ["10000000", "267500000", "99.99"]


@pytest.mark.parametrize("text,code", [
    ("5億ドル", "USD"), ("5億米ドル", "USD"), ("5億USドル", "USD"), ("US$5", "USD"), ("$5", "USD"),
    ("5億豪ドル", "AUD"), ("5億シンガポールドル", "SGD"), ("5億カナダドル", "CAD"), ("5億ユーロ", "EUR"),
    ("€5", "EUR"), ("5億ポンド", "GBP"), ("5億英ポンド", "GBP"), ("5億人民元", "CNY"), ("5億元", "CNY"),
    ("5億ウォン", "KRW"), ("5億ルピー", "INR"), ("5億バーツ", "THB"), ("5億ルピア", "IDR"),
    ("5億ペソ", "PHP"), ("¥500", "JPY"), ("５億円", "JPY"),
])
def test_currencies(text, code):
    found = rows(text)
    assert [r["currency"] for r in found] == [code]
    assert found[0]["surface"] == text


@pytest.mark.parametrize("text,approx,bound", [
    ("約10億円の", True, None), ("およそ10億円", True, None), ("10億円程度", True, None),
    ("10億円前後", True, None), ("最大10億円", False, "upper"), ("上限10億円", False, "upper"),
    ("10億円以下", False, "upper"), ("10億円未満", False, "upper"), ("10億円まで", False, "upper"),
    ("10億円以上", False, "lower"), ("10億円超", False, "lower"), ("10億円を超える", False, "lower"),
    ("10億円余", False, "lower"), ("10億円の", False, None),
])
def test_qualifiers_are_columns_not_surface(text, approx, bound):
    assert cells(text) == [("10億円", "1000000000", "JPY", approx, bound)]


@pytest.mark.parametrize("text,want", [
    ("10～20億円", [("10", "1000000000"), ("20億円", "2000000000")]),
    ("10億～20億円", [("10億", "1000000000"), ("20億円", "2000000000")]),
    ("10億円～20億円", [("10億円", "1000000000"), ("20億円", "2000000000")]),
    ("3,000～5,000万ドル", [("3,000", "30000000"), ("5,000万ドル", "50000000")]),
    ("500万～1億円", [("500万", "5000000"), ("1億円", "100000000")]),
])
def test_ranges_give_one_row_per_end(text, want):
    found = rows(text)
    assert [(r["surface"], r["amount"]) for r in found] == want
    assert [r["bound"] for r in found] == ["lower", "upper"]
    assert len({r["currency"] for r in found}) == 1


@pytest.mark.parametrize("text", [
    "100を超える会員", "約270人", "193か国", "3倍", "5G", "30%", "2021年", "図表 4-8-2-1",
    "(単位：百万円)", "（単位：億円）", "一元化", "関東一円", "円滑", "数億円規模", "数百億円",
])
def test_not_money(text):
    assert rows(f"これは{text}である。") == []


def test_offsets_point_at_the_original_text():
    text = "総事業費約４００百万米ドル\n\nのうち１３７．８億円"
    for r in rows(text):
        assert text[r["start"]:r["end"]] == r["surface"]


def test_seed_golden():
    cols = ["start", "end", "surface"] + money.COLUMNS
    fmt = lambda r: tuple("" if r[c] is None else str(r[c]).lower() if isinstance(r[c], bool) else str(r[c])
                          for c in cols)
    want = [tuple(w[c] for c in cols) for w in read_golden("money.tsv")]
    assert [fmt(r) for r in recognize_rows(money, seed_document())] == want


@pytest.mark.parametrize("text,code", [
    ("5,000ノルウェー・クローネ", "NOK"), ("5,000ノルウェークローネ", "NOK"), ("2億スウェーデン・クローナ", "SEK"),
    ("1億デンマーク・クローネ", "DKK"), ("80億香港ドル", "HKD"), ("80億香港・ドル", "HKD"), ("10億台湾ドル", "TWD"),
    ("3億シンガポールドル", "SGD"), ("3億シンガポール・ドル", "SGD"), ("1億ニュージーランド・ドル", "NZD"),
    ("1億スイス・フラン", "CHF"), ("5億インド・ルピー", "INR"), ("1.1マルク", "DEM"),
])
def test_currency_words_with_a_country_name(text, code):
    found = rows(f"これは{text}である。")
    assert [(r["surface"], r["currency"]) for r in found] == [(text, code)]


@pytest.mark.parametrize("text", ["供与限度額105億円の円借款", "上限額105億円", "助成限度額を105億円とする"])
def test_a_limit_before_an_amount_is_an_upper_bound(text):
    assert cells(text) == [("105億円", "10500000000", "JPY", False, "upper")]
