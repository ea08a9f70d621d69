"""An old edition's slice (tests/fixtures/books/): era-less years and the countries of a
page of the 平成12年版 book, against rows read by hand."""
import csv
from pathlib import Path

import pytest

from conftest import recognize_rows
from extract.pipeline import discover, doc_id_of, edition_of
from extract.read.document import Document
from extract.read.reading import read_document
from extract.recognize import countries, dates

BOOKS = Path(__file__).resolve().parent / "fixtures" / "books"
RAW = BOOKS / "raw"


def _document() -> Document:
    (path,) = discover(RAW)          # SOURCES.md beside the text is a note, not a document
    doc_id = doc_id_of(path, RAW)
    return Document.from_text(doc_id, read_document(path).text, edition_of(doc_id, None))


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
