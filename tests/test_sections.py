"""Heading levels from the numbering of the whole document, checked on the seed by
reading (tests/golden/2022_ch04_sec08/sections.tsv) and on small constructed cases."""
import pytest

from conftest import read_golden, seed_document
from extract.read.document import Document
from extract.read.fold import fold
from extract.read.sections import section_rows
from extract.pipeline import figure_rows, footnote_rows


def test_seed_sections_match_golden():
    doc = seed_document()
    got = [(r["section"], str(r["level"]), r["number"], r["title"])
           for r in section_rows(doc.doc_id, doc.headings, len(doc.text))]
    want = [(r["section"], r["level"], r["number"], r["title"]) for r in read_golden("sections.tsv")]
    assert got == want


def test_seed_section_extents_nest():
    doc = seed_document()
    rows = section_rows(doc.doc_id, doc.headings, len(doc.text))
    for r in rows:
        assert fold(doc.text[r["start"]:r["end"]]).lstrip().startswith(r["number"])
        parent = r["section"].rsplit(".", 1)[0] if "." in r["section"] else None
        if parent:
            p = next(x for x in rows if x["section"] == parent)
            assert p["start"] < r["start"] and r["end"] <= p["end"]


@pytest.mark.parametrize("marker,section", [
    ("*1", "2.2"), ("*2", "3.4"), ("*3", "3.4"), ("*4", "5.4.イ"), ("*5", "5.5.ウ"),
    ("*6", "5.9"), ("*7", "6.1"), ("*8", "6.1"), ("*9", "6.1"),
])
def test_seed_footnotes_take_the_section_of_their_marker(marker, section):
    doc = seed_document()
    rows = {r["marker"]: r["section"] for r in footnote_rows(doc)}
    assert rows[marker] == section


def test_seed_figures():
    doc = seed_document()
    got = [(r["number"], r["section"]) for r in figure_rows(doc)]
    assert got == [("4-8-2-1", "2.1"), ("4-8-2-2", "2.2"), ("4-8-5-1", "5.1"),
                   ("4-8-5-2", "5.5"), ("4-8-5-3", "5.5.ウ"), ("4-8-6-1", "6.1")]


def _paths(text):
    doc = Document.from_text("t", text)
    return [h.path for h in doc.headings]


def test_same_number_twice_nests_deeper_first():
    text = "1 概要\n\n1 これまで\n\n2 今後\n\n2 展開\n\n1 支援\n"
    assert _paths(text) == ["1", "1.1", "1.2", "2", "2.1"]


def test_number_that_only_continues_a_higher_level_closes_the_lower():
    text = "3 貢献\n\n1 a\n\n2 b\n\n3 c\n\n4 d\n\n4 確保\n\n5 連携\n"
    assert _paths(text) == ["3", "3.1", "3.2", "3.3", "3.4", "4", "5"]


def test_figure_number_decides_an_ambiguous_heading():
    # Without evidence 「3 次」 would continue the sub-level (2.3); the figure says 3.
    text = "2 展開\n\n1 a\n\n2 b\n\n3 次\n\n図表 4-8-3-1 図\n"
    assert _paths(text) == ["2", "2.1", "2.2", "3"]
    assert _paths(text.replace("図表 4-8-3-1 図\n", "")) == ["2", "2.1", "2.2", "2.3"]


def test_kana_and_parenthesized_kana_nest_under_numbers():
    text = "1 a\n\nア 甲\n\n（ア）子\n\n(イ) 丑\n\nイ 乙\n\n2 b\n"
    assert _paths(text) == ["1", "1.ア", "1.ア.(ア)", "1.ア.(イ)", "1.イ", "2"]


def test_sentence_is_not_a_heading():
    doc = Document.from_text("t", "1 これは見出しではなく文である。\n")
    assert doc.headings == []
