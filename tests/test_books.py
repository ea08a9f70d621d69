"""Whole books of the text version (tests/fixtures/books/): 第N章/第N節 lead the section
path, headings glued to the line before them are found, captions (図表1), 図表[1]) and notes
(（注1）) are rows; and a page of the 平成12年版 book, whose era-less years and countries are
checked against rows read by hand."""

import csv
from pathlib import Path

import pytest

from conftest import ROOT, recognize_rows
from extract.inputs import sources
from extract.read.document import Document
from extract.read.reading import read_document
from extract.recognize import countries, dates
from extract.pipeline import figure_rows, footnote_rows

BOOKS = Path(__file__).resolve().parent / "fixtures" / "books"
RAW = BOOKS / "raw"


def _document() -> Document:
    (source,) = sources(RAW)         # SOURCES.md beside the text is a note, not a document
    return Document.from_text(source.doc_id, read_document(source.path).text, source.edition)


def _golden(name: str) -> list[tuple]:
    with open(BOOKS / "golden" / name, encoding="utf-8", newline="") as f:
        return [tuple(r.values()) for r in csv.DictReader(f, delimiter="\t")]


def _cells(rows: list[dict], cols: list[str]) -> list[tuple]:
    fmt = lambda v: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
    return [tuple(fmt(r[c]) for c in cols) for r in rows]


@pytest.fixture(scope="module")
def book():
    return _document()


def test_the_edition_comes_from_the_folder(book):
    assert book.edition == 2000


def test_dates_of_the_slice(book):
    cols = ["start", "end", "surface"] + dates.COLUMNS
    assert _cells(recognize_rows(dates, book), cols) == _golden("dates.tsv")


def test_countries_of_the_slice(book):
    cols = ["start", "end", "surface", "code", "name_ja", "kind", "via"]
    assert _cells(recognize_rows(countries, book), cols) == _golden("countries.tsv")


def test_without_the_edition_an_era_less_year_needs_an_era_written_before_it(book):
    """The slice names no era: with no edition to count in, only the years written
    beside a Western one (4(1992)年) are dates."""
    bare = Document.from_text(book.doc_id, book.text, None)
    assert {r["surface"] for r in recognize_rows(dates, bare)} == \
        {"4(1992)年", "7(1995)年", "8(1996)年", "12(2000)年12月"}



def book_file(name: str, edition: int) -> Document:
    return Document.from_text(name, (BOOKS / name).read_text(encoding="utf-8"), edition)


def paths(doc: Document) -> dict[str, str]:
    return {h.title: h.path for h in doc.headings}


def test_chapter_and_section_lead_the_path():
    found = paths(book_file("2004_h16_start.txt", 2004))
    assert found["世界に拡がるユビキタスネットワーク社会の構築"] == "第1章"
    assert found["ネットワークインフラの進化"] == "第1章.第1節"
    assert found["普及するブロードバンド"] == "第1章.第1節.(1).1"


@pytest.mark.parametrize("title,path", [
    # 「関連ページ：…2-2-5（1）参照（2）IP電話の本格的普及」: glued after a reference.
    ("IP電話の本格的普及", "第1節.1.(2)"),
    ("インターネットの着実な普及", "第1節.1.(3)"),
    ("携帯インターネットの発展", "第1節.1.(4)"),
    # arabic nested under （1） under arabic: 1 › (1) › 1 › (1)
    ("ブロードバンド契約数の推移", "第1節.1.(1).3.(1)"),
    ("IP電話(注1)の普及", "第1節.1.(2).1"),
])
def test_glued_headings_of_a_book(title, path):
    assert paths(book_file("2003_h15_chapter1_start.txt", 2003))[title] == path


def test_a_reference_is_not_a_heading():
    titles = [h.title for h in book_file("2003_h15_chapter1_start.txt", 2003).headings]
    assert not any("参照" in t for t in titles)


def test_captions_and_notes_of_a_book():
    doc = book_file("2004_h16_start.txt", 2004)
    figures = figure_rows(doc)
    assert [f["number"] for f in figures][:3] == ["[1]", "[2]", "[3]"]
    assert figures[0]["title"] == "ブロードバンド契約数の推移"
    notes = footnote_rows(doc)
    assert [n["marker"] for n in notes] == ["注1", "注2"]
    assert notes[0]["text"].startswith("平成15年末人口普及率は")


def test_text_version_footnotes_and_glued_markers():
    """MIC's text version of a section: numbered bodies, markers glued to words."""
    path = ROOT / "raw" / "2019" / "2019_r01_ch04-sec08.txt"
    doc = Document.from_text("2019", path.read_text(encoding="utf-8"), 2019)
    assert [n["marker"] for n in footnote_rows(doc)] == [str(i) for i in range(1, 14)]
    glued = {m.marker: (doc.text[m.start - 6:m.start], doc.text[m.start:m.end]) for m in doc.markers}
    assert glued["1"] == ("機構（JICT）"[-6:], "1")
    assert glued["11"] == ("共同声明2018"[-6:], "11")    # 共同声明2018 + note 11: the year keeps its digits
    clean = "".join(seg.text for seg in doc.segments)
    assert "（JICT）や関係機関" in clean.replace("(JICT)", "（JICT）")
