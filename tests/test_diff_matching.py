"""The diff's matching on small constructed editions: facts matched by what they are about
(docs/diff.md). Each case is two texts, run through the whole pipeline."""
from pathlib import Path

import pandas as pd
import pytest

from extract.cli.diff import read_tables, select_edition
from extract.compare.diff import diff_tables
from extract.compare.names import Names, base_name, ordinal_of, without_prefix

HEAD = "第1節　国際協力\n1　協力の推進\n"


def diff_of(tmp_path: Path, old: str, new: str) -> dict[str, pd.DataFrame]:
    for year, text in (("2019", old), ("2020", new)):
        (tmp_path / year).mkdir(parents=True, exist_ok=True)
        (tmp_path / year / "sec.txt").write_text(HEAD + text, encoding="utf-8")
    both = read_tables(tmp_path)
    return {k: v.fillna("") for k, v in diff_tables(select_edition(both, 2019, tmp_path),
                                                    select_edition(both, 2020, tmp_path)).items()}


def flagged(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["status"] != "unchanged"]


def test_a_country_joining_a_list_is_added_though_named_elsewhere(tmp_path):
    """The new user's case: Kenya joins a list of four and is named elsewhere in both."""
    old = ("総務省は、2019年3月にウガンダ、タンザニア、ルワンダ、エチオピアの4か国と覚書に署名した。\n"
           "ケニアとは、2018年に政策対話を開催した。\n")
    new = ("総務省は、2019年3月にケニア、ウガンダ、タンザニア、ルワンダ、エチオピアの5か国と覚書に署名した。\n"
           "ケニアとは、2018年に政策対話を開催した。\n")
    d = diff_of(tmp_path, old, new)
    rows = flagged(d["diff_countries"])
    assert [(r.code, r.status, r.mentions_old) for r in rows.itertuples()] == [("KE", "added", 1)]
    assert "ケニア、ウガンダ" in rows.iloc[0]["context_new"]
    counts = flagged(d["diff_quantities"])
    assert [(r.number_old, r.number_new, r.status) for r in counts.itertuples()] == [("4", "5", "changed")]


def test_the_same_fact_in_a_rewritten_sentence_is_unchanged(tmp_path):
    old = "株式会社海外通信・放送・郵便事業支援機構は、2019年3月までに累計約500億円の出融資を決定した。\n"
    new = "2019年3月現在、株式会社海外通信・放送・郵便事業支援機構が決定した出融資は累計で約500億円となっている。\n"
    d = diff_of(tmp_path, old, new)
    for table in ("diff_money", "diff_dates"):
        assert set(d[table]["status"]) == {"unchanged"}, d[table][["status", "context_old", "context_new"]]


def test_a_new_value_in_the_same_statement_is_changed_not_removed_and_added(tmp_path):
    old = "デジタル海外展開プラットフォームには、2021年1月現在、80を超える会員が参加している。\n"
    new = "デジタル海外展開プラットフォームには、2022年1月現在、100を超える会員が参加している。\n"
    d = diff_of(tmp_path, old, new)
    assert [(r.number_old, r.number_new, r.status) for r in d["diff_quantities"].itertuples()] == \
        [("80", "100", "changed")]
    assert [(r.value_old, r.value_new, r.status) for r in d["diff_dates"].itertuples()] == \
        [("2021-01", "2022-01", "changed")]


def test_a_series_moving_on_is_one_change(tmp_path):
    """第9回 → 第10回 with its date: the date row is the change, the series keeps its row
    with both ordinals; without a date of its own, the series row is the change."""
    old = ("2018年7月には、第9回「日米サイバー対話」を開催した。\n"
           "あわせて、第8回「日米サイバーワークショップ」を開催した。\n")
    new = ("2019年10月には、第10回「日米サイバー対話」を開催した。\n"
           "あわせて、第9回「日米サイバーワークショップ」を開催した。\n")
    d = diff_of(tmp_path, old, new)
    assert [(r.value_old, r.value_new, r.status) for r in flagged(d["diff_dates"]).itertuples()] == \
        [("2018-07", "2019-10", "changed")]
    series = {r.name: (r.ordinal_old, r.ordinal_new, r.status) for r in d["diff_entities"].itertuples()
              if r.ordinal_old or r.ordinal_new}
    assert series == {"日米サイバー対話": ("第9回", "第10回", "unchanged"),
                      "日米サイバーワークショップ": ("第8回", "第9回", "changed")}


def test_counters_written_differently_are_one_unit(tmp_path):
    d = diff_of(tmp_path, "ITUには193カ国が加盟している。\n", "ITUには193ヶ国が加盟している。\n")
    assert [(r.unit, r.status) for r in d["diff_quantities"].itertuples()] == [("か国", "unchanged")]


def test_a_renumbered_section_is_moved_not_changed(tmp_path):
    old = "1　概要\nITUには193か国が加盟している。\n2　標準化\n（1）国際標準化の推進\n2019年に会合を開催した。\n"
    new = ("1　概要\nITUには193か国が加盟している。\n2　国際連携\n（1）多国間の枠組み\nAPECには21の国と地域が参加する。\n"
           "（2）国際標準化の推進\n2019年に会合を開催した。\n")
    d = diff_of(tmp_path, old, new)
    moved = {(r.section_old, r.section_new) for r in d["diff_sections"].itertuples() if r.status == "moved"}
    assert ("1.2.(1)", "1.2.(2)") in moved
    assert set(d["diff_dates"]["status"]) == {"unchanged"}


@pytest.mark.parametrize("old,new,contexts,same", [
    ("日ベトナムICT共同作業部会", "ICT共同作業部会", [], True),           # with and without 日X
    ("第1回日ベトナムICT共同作業部会", "日ベトナムICT共同作業部会", [], True),  # a meeting is its series
    ("株式会社国際協力銀行", "国際協力銀行", [], True),                   # the legal form
    ("郵政省", "総務省", ["総務省(旧郵政省)は、IT政策を策定した。"], True),   # renamed, as the text says
    ("郵政省", "総務省", [], False),
    ("日豪サイバー協議", "日露サイバー協議", [], False),                  # other partners, other series
])
def test_one_entity_under_its_forms(old, new, contexts, same):
    names = Names([{"name": old}], [{"name": new}], contexts=contexts)
    assert (names.key(old) == names.key(new)) is same


def test_an_acronym_that_changed_between_editions_is_one_entity():
    """CPTPP in one edition, TPP11 in the next, each defined as the same agreement."""
    full = "環太平洋パートナーシップに関する包括的及び先進的な協定"
    names = Names([{"name": "CPTPP"}], [{"name": "TPP11"}],
                  [{"acronym": "CPTPP", "name": full}], [{"acronym": "TPP11", "name": full}])
    assert names.key("CPTPP") == names.key("TPP11") == names.key(full)


def test_a_prefix_shared_by_several_series_joins_none():
    names = Names([{"name": "日英サイバー協議"}, {"name": "サイバー協議"}], [{"name": "日仏サイバー協議"}])
    assert len({names.key("日英サイバー協議"), names.key("日仏サイバー協議"), names.key("サイバー協議")}) == 3


@pytest.mark.parametrize("row,want", [
    ({"name": "日米サイバー対話", "ordinal": "7", "context": "", "text": ""}, "第7回"),
    ({"name": "日米サイバー対話", "ordinal": "", "context": "第6回「日米サイバー対話」において", "text": "日米サイバー対話"},
     "第6回"),
    ({"name": "日仏ICT政策協議", "ordinal": "", "context": "日仏ICT政策協議（第20回）を開催", "text": "日仏ICT政策協議"},
     "第20回"),
    ({"name": "総務省", "ordinal": "", "context": "総務省は", "text": "総務省"}, ""),
])
def test_the_ordinal_of_a_meeting(row, want):
    assert ordinal_of(row) == want


def test_names_keep_their_year_apart():
    assert base_name("日米IED民間作業部会共同声明2018") == base_name("「日米IED民間作業部会共同声明2019」")
    assert without_prefix("日・シンガポールICT政策対話") == "ICT政策対話"
