"""The edition diff: facts matched by what they are about, on the hand-made next edition
of the seed (tests/fixtures/next_edition, its planted changes in CHANGES.md) and on
small constructed cases."""
import csv
from pathlib import Path

import pytest

from extract.cli.main import main
from extract.compare.diff import diff_tables, summary
from extract.cli.diff import read_tables, select_edition

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "next_edition"
GOLDEN = FIXTURE / "golden"


@pytest.fixture(scope="module")
def fixture_diff():
    both = read_tables(FIXTURE / "raw")
    return diff_tables(select_edition(both, 2022, FIXTURE), select_edition(both, 2023, FIXTURE))


def _golden(name):
    with open(GOLDEN / f"{name}.tsv", encoding="utf-8", newline="") as f:
        return [tuple(r.values()) for r in csv.DictReader(f, delimiter="\t")]


# What the golden files hold for each table: the changes (status other than unchanged).
KEYS = {
    "diff_sections": ["section_old", "section_new", "title_old", "title_new", "status"],
    "diff_money": ["subject", "amount_old", "amount_new", "currency", "status"],
    "diff_quantities": ["unit", "number_old", "number_new", "status"],
    "diff_dates": ["value_old", "value_new", "status"],
    "diff_countries": ["code", "name", "kind", "status"],
    "diff_entities": ["label", "name", "status"],
}


@pytest.mark.parametrize("table", sorted(KEYS))
def test_golden_diff(fixture_diff, table):
    df = fixture_diff[table]
    changes = df[df["status"] != "unchanged"].fillna("")
    got = sorted(tuple(r) for r in changes[KEYS[table]].itertuples(index=False, name=None))
    assert got == sorted(_golden(table))


def test_facts_in_swapped_paragraphs_are_unchanged(fixture_diff):
    for table in ("diff_money", "diff_quantities", "diff_dates"):
        df = fixture_diff[table]
        for r in df[df["status"] == "unchanged"].itertuples():
            assert r.context_old and r.context_new


def _side(sections, money=(), dates=()):
    ctx = lambda t: t
    docs = [{"doc_id": "e/a.txt", "edition": "", "title": "T"}]
    import pandas as pd

    def frame(rows, cols):
        return pd.DataFrame(rows, columns=cols).astype(str)

    common = ["doc_id", "section", "surface", "text", "context"]
    return {
        "documents": frame(docs, ["doc_id", "edition", "title"]),
        "sections": frame([{"doc_id": "e/a.txt", "section": s, "title": t} for s, t in sections],
                          ["doc_id", "section", "title"]),
        "money": frame([{"doc_id": "e/a.txt", "section": s, "surface": x, "text": x, "context": ctx(c),
                         "amount": a, "currency": "JPY", "approx": "true", "bound": ""} for s, x, a, c in money],
                       common + ["amount", "currency", "approx", "bound"]),
        "dates": frame([{"doc_id": "e/a.txt", "section": s, "surface": x, "text": x, "context": c, "value": v,
                         "granularity": g, "mod": "", "relation": ""} for s, x, v, g, c in dates],
                       common + ["value", "granularity", "mod", "relation"]),
    }


def test_sections_align_by_title_then_number():
    old = _side([("1", "概要"), ("2", "デジタルインフラなどの海外展開"), ("3", "国際標準化"),
                 ("4", "国際連携の推進")])
    new = _side([("1", "概要"), ("2", "国際標準化"), ("3", "デジタルインフラの海外展開"),
                 ("4", "多国間の枠組みにおける協力")])
    rows = diff_tables(old, new)["diff_sections"]
    pairs = {(r.section_old, r.section_new, r.status) for r in rows.itertuples()}
    assert pairs == {("1", "1", "unchanged"),
                     ("2", "3", "renamed"), ("3", "2", "moved"),     # the title, not the number, decides
                     ("4", "4", "renamed")}                          # rewritten: paired by number


def test_a_changed_amount_is_one_changed_row_not_removed_and_added():
    s = [("2", "海外展開")]
    old = _side(s, money=[("2", "788億円", "78800000000", "2022年3月末現在、累計約788億円の出融資について支援決定済み。")])
    new = _side(s, money=[("2", "1,030億円", "103000000000", "2023年3月末現在、累計約1,030億円の出融資について支援決定済み。")])
    rows = diff_tables(old, new)["diff_money"]
    assert [(r.status, r.amount_old, r.amount_new, r.subject) for r in rows.itertuples()] == [
        ("changed", "78800000000", "103000000000", "出融資")]
    assert "+30.7%" in summary(diff_tables(old, new))


def test_a_rewritten_sentence_is_not_a_change():
    s = [("2", "海外展開")]
    old = _side(s, money=[("2", "5億円", "500000000", "研修事業に約5億円を充てた。")])
    new = _side(s, money=[("2", "9億円", "900000000", "新たな基金として9億円規模の拠出を表明した。")])
    assert sorted(diff_tables(old, new)["diff_money"]["status"]) == ["added", "removed"]


def test_moved_dates_keep_their_place_in_the_list():
    s = [("5", "G7")]
    c = "2021年4月に会合を開き、同年6月にサミット、同年8月に閣僚会合を開いた。"
    dates = [("5", "2021年4月", "2021-04", "month", c), ("5", "同年6月", "2021-06", "month", c),
             ("5", "同年8月", "2021-08", "month", c)]
    rows = diff_tables(_side(s, dates=dates), _side(s, dates=dates[::-1]))["diff_dates"]
    assert set(rows["status"]) == {"unchanged"}


def test_cli_on_raw_folders(tmp_path, capsys):
    code = main(["diff", str(FIXTURE / "raw"), "--edition", "2022", "2023", "--out", str(tmp_path / "d")])
    assert code == 0
    out = capsys.readouterr().out
    assert "Most important changes:" in out and "money" in out
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == sorted(f"{t}.csv" for t in KEYS)


@pytest.mark.parametrize("argv", [["diff"], ["diff", "a", "b", "c"], ["diff", "x", "--edition", "2022", "nope"]])
def test_cli_usage_errors(argv, capsys):
    assert main(argv) == 2


def test_cli_missing_side(tmp_path, capsys):
    assert main(["diff", str(tmp_path / "nope"), str(tmp_path / "nope2"), "--out", str(tmp_path / "d")]) == 1
    assert "no such folder" in capsys.readouterr().err
