"""What is compared with what: sections of whole books and section files paired across
editions by title and text, not by file name or number (tests/fixtures/books: three
sections of 第3章 in the 2002 and 2003 books, renumbered, one retitled)."""
import shutil
from functools import cache
from pathlib import Path

import pytest

from extract.cli.diff import read_tables, select_edition
from extract.cli.main import main
from extract.compare.diff import diff_tables
from extract.compare.documents import pair_units

BOOKS = Path(__file__).resolve().parent / "fixtures" / "books"
SLICES = {"2002": "2002_h14_ch3_excerpt.txt", "2003": "2003_h15_ch3_excerpt.txt"}


@cache
def book_tables(root: str) -> dict:
    return read_tables(Path(root))


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("books")
    for year, name in SLICES.items():
        (root / year).mkdir()
        shutil.copy(BOOKS / name, root / year / name)
    return root


def sides(root: Path):
    both = book_tables(str(root))
    return select_edition(both, 2002, root), select_edition(both, 2003, root)


def test_sections_of_books_pair_by_title_and_text(books):
    pairs = {(a.path, b.path) for a, b in pair_units(*sides(books)) if a and b}
    assert {("第3章.第7節", "第3章.第8節"),          # 研究開発の推進: the same title, renumbered
            ("第3章.第8節", "第3章.第9節"),          # グローバル化への対応 → 国際戦略の推進: by its text
            ("第3章.第9節", "第3章.第10節")} <= pairs


def test_renumbered_sections_are_moved_and_retitled_ones_renamed(books):
    rows = diff_tables(*sides(books))["diff_sections"]
    status = {(r.section_old, r.section_new): r.status for r in rows.itertuples()}
    assert status[("第3章.第7節", "第3章.第8節")] == "moved"
    assert status[("第3章.第8節", "第3章.第9節")] == "renamed"


def test_a_section_picked_by_title_finds_its_counterpart_by_text(books):
    """国際戦略の推進 is written so in 2003 only: 2002's section is the one with its text."""
    tables = diff_tables(*sides(books), section="国際戦略の推進")
    for name in ("diff_dates", "diff_countries", "diff_entities"):
        df = tables[name]
        assert len(df)
        assert all(s.startswith("第3章.第8節") for s in df["section_old"].dropna())
        assert all(s.startswith("第3章.第9節") for s in df["section_new"].dropna())


def test_a_section_file_pairs_with_its_section_of_a_book(books, tmp_path):
    """A lone section file against the whole book slice: only its counterpart is compared."""
    text = (books / "2003" / SLICES["2003"]).read_text(encoding="utf-8")
    start, end = text.index("第9節　国際戦略の推進"), text.index("第10節")
    (tmp_path / "2003").mkdir()
    (tmp_path / "2003" / "kokusai.txt").write_text(text[start:end], encoding="utf-8")
    old = select_edition(book_tables(str(books)), 2002, books)
    new = read_tables(tmp_path / "2003")
    units = pair_units(old, new)
    assert [(a.path if a else None, b.name if b else None) for a, b in units] == [("第3章.第8節", "kokusai.txt")]


def test_cli_section_and_unknown_section(books, tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["diff", str(books), "--edition", "2002", "2003", "--section", "国際戦略の推進",
                 "--out", str(out)]) == 0
    assert "section '国際戦略の推進'" in capsys.readouterr().out
    assert main(["diff", str(books), "--edition", "2002", "2003", "--section", "宇宙開発の推進",
                 "--out", str(out)]) == 1
    assert "no section titled like" in capsys.readouterr().err
