"""Dates (SPEC §3): one case per kind of written date, the era boundaries, anaphora,
qualifiers, and what is not a date."""
import pytest

from conftest import read_golden, recognize_rows, seed_document
from extract.recognize import dates
from extract.read.document import Document


def rows(text: str) -> list[dict]:
    return recognize_rows(dates, Document.from_text("t", text))


def one(text: str) -> dict:
    found = rows(text)
    assert len(found) == 1, [r["surface"] for r in found]
    return found[0]


@pytest.mark.parametrize("text,surface,value,calendar", [
    ("2021年（令和3年）4月16日に", "2021年（令和3年）4月16日", "2021-04-16", "both"),
    ("2022年(令和4年)5月に", "2022年(令和4年)5月", "2022-05", "both"),
    ("令和3年（2021年）には", "令和3年（2021年）", "2021", "both"),
    ("2021年 (令和3年) 12月に", "2021年 (令和3年) 12月", "2021-12", "both"),
    ("２０２１年（令和３年）４月", "２０２１年（令和３年）４月", "2021-04", "both"),
    ("令和3年(2021年)4月1日", "令和3年(2021年)4月1日", "2021-04-01", "both"),
])
def test_western_and_wareki_are_one_mention(text, surface, value, calendar):
    r = one(text)
    assert (r["surface"], r["value"], r["calendar"], r["consistent"]) == (surface, value, calendar, True)
    assert r["era"] == "令和"


def test_parts_that_disagree_follow_the_western_year():
    r = one("2021年（令和4年）4月")
    assert (r["value"], r["consistent"], r["era_year"]) == ("2021-04", False, 4)


@pytest.mark.parametrize("text,value,era,era_year", [
    ("明治45年", "1912", "明治", 45), ("大正元年", "1912", "大正", 1), ("昭和64年1月7日", "1989-01-07", "昭和", 64),
    ("平成元年", "1989", "平成", 1), ("令和元年5月1日", "2019-05-01", "令和", 1),
    ("令和三年", "2021", "令和", 3), ("平成三十一年", "2019", "平成", 31), ("令和３年", "2021", "令和", 3),
    ("㋿3年", "2021", "令和", 3), ("㍻30年", "2018", "平成", 30),
    ("R3.4.1", "2021-04-01", "令和", 3), ("H30.3.31", "2018-03-31", "平成", 30), ("R3年", "2021", "令和", 3),
])
def test_era_forms(text, value, era, era_year):
    r = one(text)
    assert (r["value"], r["era"], r["era_year"], r["calendar"]) == (value, era, era_year, "wareki")


@pytest.mark.parametrize("text,value", [
    ("二〇二一年", "2021"), ("2021/4/16", "2021-04-16"), ("2021.4.16", "2021-04-16"),
    ("2021-04-16", "2021-04-16"), ("２０２１年４月", "2021-04"),
])
def test_western_forms(text, value):
    r = one(text)
    assert (r["value"], r["calendar"], r["consistent"]) == (value, "western", None)


@pytest.mark.parametrize("text,consistent", [
    ("平成31年4月30日", True), ("令和元年5月1日", True), ("平成31年5月1日", False),
    ("令和元年4月30日", False), ("平成32年", False), ("令和0年", False), ("平成31年4月", True),
])
def test_era_boundaries_come_from_the_era_table(text, consistent):
    r = one(text)
    assert r["consistent"] is consistent


def test_era_boundary_values_are_still_normalized():
    assert one("平成32年")["value"] == "2020"
    assert one("平成31年5月1日")["value"] == "2019-05-01"


@pytest.mark.parametrize("text", ["2021年2月30日", "令和3年13月", "2月30日"])
def test_impossible_days_are_not_dates(text):
    assert rows("2021年に。" + text) == rows("2021年に。")


@pytest.mark.parametrize("text", ["2021年度", "令和3年度", "2021年度（令和3年度）", "FY2021"])
def test_fiscal_years(text):
    r = one(text + "に")
    assert (r["value"], r["granularity"], r["start_date"], r["end_date"]) == \
        ("FY2021", "fiscal_year", "2021-04-01", "2022-03-31")


def test_intervals():
    r = one("2020年2月")
    assert (r["start_date"], r["end_date"]) == ("2020-02-01", "2020-02-29")
    r = one("2021年")
    assert (r["start_date"], r["end_date"], r["granularity"]) == ("2021-01-01", "2021-12-31", "year")


def test_same_year_takes_the_preceding_year():
    found = rows("2021年（令和3年）4月に会合を開き、同年6月には宣言を採択した。")
    assert [(r["surface"], r["value"], r["anaphoric"]) for r in found] == [
        ("2021年（令和3年）4月", "2021-04", False), ("同年6月", "2021-06", True)]


@pytest.mark.parametrize("text,surface,value,granularity", [
    ("2021年度に始め、同年度中に", "同年度", "FY2021", "fiscal_year"),
    ("2021年4月に始め、同月20日に", "同月20日", "2021-04-20", "day"),
    ("2021年4月1日に始め、同日中に", "同日", "2021-04-01", "day"),
    ("2021年4月に始め、5月には", "5月", "2021-05", "month"),
])
def test_anaphors(text, surface, value, granularity):
    last = rows(text)[-1]
    assert (last["surface"], last["value"], last["granularity"], last["anaphoric"]) == \
        (surface, value, granularity, True)


def test_anaphor_without_antecedent_gives_no_row():
    assert rows("同年6月に開催した。") == []


def test_comparisons_are_not_anaphors():
    assert [r["surface"] for r in rows("2021年の売上は前年同月比で増え、同年代の")] == ["2021年"]


def test_lists_give_one_mention_each():
    found = rows("2021年5月及び10月に開催し、2021年11月11日及び12日に会合を開いた。")
    assert [(r["surface"], r["value"]) for r in found] == [
        ("2021年5月", "2021-05"), ("10月", "2021-10"),
        ("2021年11月11日", "2021-11-11"), ("12日", "2021-11-12")]


def test_recurring_months_are_not_dates():
    assert [r["surface"] for r in rows("2021年に始め、毎年10月に開催")] == ["2021年"]


def test_bare_days_outside_lists_are_not_dates():
    assert [r["surface"] for r in rows("2021年4月1日から30日以内に")] == ["2021年4月1日"]


def test_era_less_years_take_the_preceding_era():
    found = rows("平成8年に設置され、8年9月に改組、元年5月23日に")
    assert [(r["value"], r["era"], r["anaphoric"]) for r in found] == [
        ("1996", "平成", False), ("1996-09", "平成", True), ("1989-05-23", "平成", True)]


def test_era_less_years_need_an_era_before_them():
    assert rows("2021年に。8年9月に") == rows("2021年に。")


@pytest.mark.parametrize("text,surface,mod", [
    ("2022年3月末現在", "2022年3月末", "END"), ("2021年4月下旬に", "2021年4月下旬", "END"),
    ("2021年4月上旬に", "2021年4月上旬", "START"), ("2021年初めに", "2021年初め", "START"),
    ("2021年4月中旬に", "2021年4月中旬", "MID"), ("2021年4月頃に", "2021年4月頃", "APPROX"),
    ("2023年度末までに", "2023年度末", "END"),
])
def test_mod_words_are_inside_the_surface(text, surface, mod):
    r = one(text)
    assert (r["surface"], r["mod"]) == (surface, mod)


@pytest.mark.parametrize("text,surface,relation", [
    ("2022年1月現在、", "2022年1月", "as_of"), ("2022年1月時点で", "2022年1月", "as_of"),
    ("2018年から", "2018年", "from"), ("2018年以降", "2018年", "from"), ("2018年以来", "2018年", "from"),
    ("2025年まで", "2025年", "until"), ("2021年に", "2021年", None),
])
def test_relation_words_are_columns(text, surface, relation):
    r = one(text)
    assert (r["surface"], r["relation"]) == (surface, relation)


def test_an_open_range_is_from():
    assert one("CDEP議長 (2020年 (令和2年) 1月~) や")["relation"] == "from"


def test_a_range_mark_between_two_dates():
    found = rows("今研究会期（2018年（平成30年）～2021年（令和3年））では")
    assert [r["relation"] for r in found] == ["from", "until"]
    found = rows("2021～2025年度の計画")
    assert [(r["surface"], r["value"], r["relation"]) for r in found] == [
        ("2021", "FY2021", "from"), ("2025年度", "FY2025", "until")]


@pytest.mark.parametrize("text,value", [
    ("令和4年法律第43号", "2022"), ("令和4年総務省告示第34号", "2022"), ("昭和24年法律第228号", "1949"),
])
def test_citations(text, value):
    r = one(text)
    assert (r["surface"], r["value"], r["role"]) == (text[:text.index("年") + 1], value, "citation")


def test_a_citation_is_not_an_antecedent():
    found = rows("2021年4月に、平成27年法律第35号に基づき、同年6月に")
    assert [r["value"] for r in found] == ["2021-04", "2015", "2021-06"]


@pytest.mark.parametrize("text", [
    "インフラシステム海外展開戦略2025", "総務省海外展開行動計画2020", "日・サウジ・ビジョン2030",
    "WTDC-17", "TICAD7", "TPP11", "IMT-2020", "図表 4-8-2-1 概要", "（図表4-8-5-2）", "直近8年",
    "7年で", "年2回", "4年に1度", "3～4年に一度", "第16回", "十分", "2020年代", "令和5年版",
    "https://www.soumu.go.jp/2021/04/16/", "03-5253-5111", "3か月", "30日間", "100年",
])
def test_not_dates(text):
    assert rows(f"これは{text}である。") == []


def test_offsets_point_at_the_original_text():
    text = "前文\n\n２０２１年（令和３年）４月に、同年６月に"
    doc = Document.from_text("t", text)
    for r in recognize_rows(dates, doc):
        assert text[r["start"]:r["end"]] == r["surface"]


def test_dates_across_a_page_break_carry_the_repaired_text():
    text = "会合は2021年（令和3年）\n\n4月に開催された。"
    r = one(text)
    assert r["text"] == "2021年(令和3年)4月" and r["value"] == "2021-04"


def test_seed_golden():
    want = read_golden("dates.tsv")
    got = recognize_rows(dates, seed_document())
    cols = ["start", "end", "surface"] + dates.COLUMNS
    fmt = lambda r: tuple("" if r[c] is None else str(r[c]).lower() if isinstance(r[c], bool) else str(r[c])
                          for c in cols)
    want_rows = [tuple(w[c].replace("\\n", "\n") for c in cols) for w in want]
    assert [fmt(r) for r in got] == want_rows


def book_rows(text: str, edition: int | None = 2000) -> list[dict]:
    return recognize_rows(dates, Document.from_text("2000/book.txt", text, edition))


def cols(r: dict) -> tuple:
    return (r["surface"], r["value"], r["calendar"], r["era"], r["era_year"], r["anaphoric"], r["consistent"])


@pytest.mark.parametrize("text,edition,want", [
    # The Western year in brackets fixes the value; the era is the one where the two agree.
    ("総人口は19(2007)年をピークに", 2000, ("19(2007)年", "2007", "both", "平成", 19, True, True)),
    ("１０（１９９８）年には", 2000, ("１０（１９９８）年", "1998", "both", "平成", 10, True, True)),
    ("11(1999)年度末の総契約数", 2000, ("11(1999)年度末", "FY1999", "both", "平成", 11, True, True)),
    ("11(1999)年2月から", 2000, ("11(1999)年2月", "1999-02", "both", "平成", 11, True, True)),
    ("10(1998)年に", None, ("10(1998)年", "1998", "both", "平成", 10, True, True)),
    ("10(1999)年に", 2000, ("10(1999)年", "1999", "both", "平成", 10, True, False)),
    ("12年(西暦2000年)の年賀", 2000, ("12年(西暦2000年)", "2000", "both", "平成", 12, True, True)),
    # Both written: one mention, whichever comes first.
    ("1962(昭和37)年に", None, ("1962(昭和37)年", "1962", "both", "昭和", 37, False, True)),
    ("平成13(2001)年度に", None, ("平成13(2001)年度", "FY2001", "both", "平成", 13, False, True)),
    ("昭和50(1975)年前後から", None, ("昭和50(1975)年", "1975", "both", "昭和", 50, False, True)),
    # Without the Western year, the era is the edition's.
    ("8年9月に開始した", 2000, ("8年9月", "1996-09", "wareki", "平成", 8, True, True)),
    ("11年度末現在", 2000, ("11年度末", "FY1999", "wareki", "平成", 11, True, True)),
    ("元年度以降の設備投資", 2000, ("元年度", "FY1989", "wareki", "平成", 1, True, True)),
    ("3年度から5年度まで", 2022, ("3年度", "FY2021", "wareki", "令和", 3, True, True)),
])
def test_era_less_years_of_old_editions(text, edition, want):
    found = book_rows(text, edition)
    assert cols(found[0]) == want


def test_an_edition_label_names_the_era_but_is_no_date():
    found = book_rows("平成12年版　通信白書\n\n8年9月に開始した。", None)
    assert [cols(r) for r in found] == [("8年9月", "1996-09", "wareki", "平成", 8, True, True)]
    assert rows("「インフラシステム輸出戦略（平成30年度改訂版）」") == []


def test_an_older_era_written_far_before_does_not_take_over_the_book():
    """昭和54年 in an earlier paragraph: 11年2月 in a 平成 book is still 平成11年."""
    found = book_rows("昭和54年のサービス開始当時、料金は高かった。\n\n11年2月に新料金を導入した。")
    assert [(r["value"], r["era"]) for r in found] == [("1979", "昭和"), ("1999-02", "平成")]


def test_an_older_era_holds_where_the_book_s_era_cannot():
    """昭和60年 … 61年: 平成61年 would lie decades after a 2000 book."""
    found = book_rows("昭和60年4月に自由化され、61年4月には新規参入が始まった。")
    assert [(r["value"], r["era"]) for r in found] == [("1985-04", "昭和"), ("1986-04", "昭和")]


def test_same_era_year_takes_the_nearest_era():
    found = book_rows("平成3年策定、同10年改定のガイドライン", None)
    assert [cols(r) for r in found][1] == ("同10年", "1998", "wareki", "平成", 10, True, True)


@pytest.mark.parametrize("text,want", [
    ("平成9年度〜13年度の計画", [("平成9年度", "FY1997", "from"), ("13年度", "FY2001", "until")]),
    ("平成９年度～１３年度の計画", [("平成９年度", "FY1997", "from"), ("１３年度", "FY2001", "until")]),
    ("平成10～12年度に", [("平成10", "FY1998", "from"), ("12年度", "FY2000", "until")]),
    ("平成11、12年度で", [("平成11", "FY1999", None), ("12年度", "FY2000", None)]),
    ("平成10年から12年にかけて", [("平成10年", "1998", "from"), ("12年", "2000", "until")]),
    ("平成6年～8年にかけて", [("平成6年", "1994", "from"), ("8年", "1996", "until")]),
])
def test_the_second_end_keeps_the_era(text, want):
    assert [(r["surface"], r["value"], r["relation"]) for r in book_rows(text, None)] == want


@pytest.mark.parametrize("text", [
    "平成12年度から3年計画で", "平成11年度から2年連続で", "中期(5～10年)の", "取得後5年度分", "ブロードバンド元年と",
    "平成12年に、約10年前", "平成12年に、4年に1度",
])
def test_era_less_numbers_that_are_durations(text):
    assert [r["surface"] for r in book_rows(text) if r["anaphoric"]] == []


def test_a_year_alone_is_a_date_only_where_the_text_writes_years_without_the_era():
    old = "10年度末現在の回線数は増え、11年度には減った。11年においては、7年と比べて2年連続で増えた。"
    assert [r["surface"] for r in book_rows(old)] == ["10年度末", "11年度", "11年", "7年"]
    modern = "2019年（令和元年）10月に。10年を迎える国も多い。"
    assert [r["surface"] for r in book_rows(modern, 2019)] == ["2019年（令和元年）10月"]


@pytest.mark.parametrize("text", ["本年3月に策定した", "昨年12月に", "今年4月に", "前年3月", "翌年1月", "来年度3月"])
def test_relative_years_are_not_dates_and_leave_the_month_alone(text):
    assert [r["surface"] for r in rows(f"2018年8月に合意した。{text}")] == ["2018年8月"]


def test_same_year_with_the_year_written_is_one_mention():
    found = rows("2019年（平成31年）4月に改定し、同年（令和元年）6月に公表した。")
    assert [(r["surface"], r["value"], r["calendar"], r["era"], r["era_year"], r["anaphoric"], r["consistent"])
            for r in found][1] == ("同年（令和元年）6月", "2019-06", "wareki", "令和", 1, True, True)
    r = rows("2018年4月に改定し、同年（令和元年）6月に")[1]
    assert (r["value"], r["consistent"]) == ("2018-06", False)


@pytest.mark.parametrize("text,want", [
    ("2020年7月3日から5日まで開催", [("2020年7月3日", "from"), ("5日", "until")]),
    ("2020年9月9日(火)及び10日(水)に", [("2020年9月9日", None), ("10日", None)]),
    ("2021年（令和3年）11月8日から19日にかけて", [("2021年（令和3年）11月8日", "from"), ("19日", "until")]),
    ("2019年10月下旬から11月にかけて", [("2019年10月下旬", "from"), ("11月", "until")]),
])
def test_days_and_months_after_kara_and_lists(text, want):
    assert [(r["surface"], r["relation"]) for r in rows(text)] == want
