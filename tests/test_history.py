"""`extract history`: one row per amount, count and date across the editions of a folder,
followed edition to edition by the diff's matching."""
from pathlib import Path

import pytest

from extract.cli.diff import read_tables
from extract.cli.main import main
from extract.compare.history import history_columns, history_summary, history_table

ROOT = Path(__file__).resolve().parents[1]
HEAD = "第1節　国際協力\n1　デジタル海外展開プラットフォーム\n"


@pytest.fixture(scope="module")
def raw_history():
    return history_table(read_tables(ROOT / "raw"))


def test_one_row_per_fact_and_a_column_per_edition(raw_history):
    assert list(raw_history.columns) == history_columns([2019, 2020, 2022])
    adopters = raw_history[(raw_history["subject"] == "採用国") & (raw_history["editions"] == 3)]
    assert [(r.value_2019, r.value_2020, r.value_2022, r.changes) for r in adopters.itertuples()] == \
        [("20", "20", "20", 0)]
    assert "日本を含む20か国" in adopters.iloc[0]["context_2022"]


def test_the_summary_shows_the_amounts_and_counts_that_changed(raw_history):
    text = history_summary(raw_history)
    assert "3 editions: 2019, 2020, 2022" in text
    assert "参加者: 100 (2019) → 50 (2020) 名" in text
    assert "海外輸出額: 51,940,000,000 (2020) → 57,110,000,000 (2022) JPY" in text


def test_a_fact_is_followed_across_editions(tmp_path):
    for year, members in (("2020", "80"), ("2021", "100"), ("2022", "120")):
        (tmp_path / year).mkdir()
        (tmp_path / year / "sec.txt").write_text(
            HEAD + f"この枠組みには、{year}年1月現在、我が国のICT企業などを中心に{members}を超える会員が参加している。\n",
            encoding="utf-8")
    h = history_table(read_tables(tmp_path))
    members = h[h["unit"] == "会員"]
    assert [(r.value_2020, r.value_2021, r.value_2022, r.editions, r.changes) for r in members.itertuples()] == \
        [("80", "100", "120", 3, 2)]
    as_of = h[h["kind"] == "date"]
    assert [(r.value_2020, r.value_2022) for r in as_of.itertuples()] == [("2020-01", "2022-01")]


def test_cli(tmp_path, capsys):
    out = tmp_path / "h"
    assert main(["history", str(ROOT / "raw"), "--out", str(out)]) == 0
    assert (out / "history.csv").is_file()
    assert "Amounts and counts that changed:" in capsys.readouterr().out


def test_cli_needs_two_editions(tmp_path, capsys):
    (tmp_path / "2020").mkdir()
    (tmp_path / "2020" / "sec.txt").write_text(HEAD + "2020年1月に会合を開催した。\n", encoding="utf-8")
    assert main(["history", str(tmp_path), "--out", str(tmp_path / "h")]) == 1
    assert "at least two editions" in capsys.readouterr().err
    assert main(["history"]) == 2


def test_diff_and_history_give_the_same_bytes_whatever_the_hash_seed(tmp_path):
    """Sets and dicts of strings iterate in another order under another PYTHONHASHSEED:
    the matching must not depend on it."""
    import os
    import subprocess
    import sys

    out = tmp_path / "run"
    assert main(["run", str(ROOT / "raw"), "--out", str(out), "-q"]) == 0
    results = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        folder = tmp_path / f"seed{seed}"
        for argv in (["diff", str(out), "--edition", "2020", "2022", "--out", str(folder / "diff")],
                     ["history", str(out), "--out", str(folder / "history")]):
            subprocess.run([sys.executable, "-m", "extract", *argv, "-q"], env=env, check=True)
        results.append({p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.csv"))})
    assert results[0] == results[1] and len(results[0]) == 7
