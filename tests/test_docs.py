"""docs/tables.md, the data dictionary, against the code: every table and column with its
type, the allowed values of the coded columns, and example rows that are real slices of
the files in raw/. And the places a new user is sent to it."""
import re

import pytest

from conftest import GOLDEN, ROOT, read_golden
from extract.compare.diff import COLUMNS as DIFF_COLUMNS, STATUS
from extract.compare.history import FIXED as HISTORY_FIXED, PER_EDITION
from extract.compare.sections import SECTION_STATUS
from extract.pipeline import run, schemas
from extract.read.reading import read_document
from extract.tables import column_kind

DOC = ROOT / "docs" / "tables.md"
TABLES = {**{name: cols for name, (cols, _) in schemas().items()}, **DIFF_COLUMNS,
          "history": HISTORY_FIXED + [f"{c}_EDITION" for c in PER_EDITION]}
# The coded columns and the values the contract allows (empty cells aside).
ALLOWED = {
    ("dates", "granularity"): {"year", "month", "day", "fiscal_year"},
    ("dates", "calendar"): {"western", "wareki", "both"},
    ("dates", "mod"): {"START", "MID", "END", "APPROX"},
    ("dates", "relation"): {"as_of", "from", "until"},
    ("dates", "role"): {"citation"},
    ("money", "bound"): {"upper", "lower"},
    ("quantities", "bound"): {"upper", "lower"},
    ("countries", "kind"): {"country", "group", "region"},
    ("countries", "via"): {"name", "compound", "deictic", "anaphora"},
    ("entities", "label"): {"ORG", "PERSON", "EVENT", "LAW", "POLICY"},
    **{(name, "status"): set(STATUS) for name in DIFF_COLUMNS},
    ("diff_sections", "status"): set(SECTION_STATUS),
    # A country enters or leaves a statement, never "changed" (a venue that moves is both).
    ("diff_countries", "status"): set(STATUS) - {"changed"},
    ("history", "kind"): {"money", "quantity", "date"},
}


def _documented() -> dict[str, list[tuple[str, str, str, str]]]:
    """{table: [(column, type, allowed values, example)]} from the `## `name`` sections."""
    out, table = {}, None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^#{2,3} `(\w+)`", line):
            table = m.group(1)
            out[table] = []
        elif table and re.match(r"^\| `\w+` \|", line):
            column, kind, allowed, example = (c.strip() for c in line.strip().strip("|").split("|"))
            out[table].append((column.strip("`"), kind, allowed, example.strip("`")))
    return out


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_column_is_documented_in_order_with_its_type(table):
    rows = _documented().get(table)
    assert rows, f"docs/tables.md has no section for {table}"
    assert [r[0] for r in rows] == TABLES[table]
    for column, kind, _, _ in rows:
        assert kind == column_kind(column), (table, column)


@pytest.mark.parametrize("table,column", sorted(ALLOWED))
def test_allowed_values_are_listed(table, column):
    cell = {r[0]: r[2] for r in _documented()[table]}[column]
    assert ALLOWED[table, column] <= set(re.findall(r"`([^`]+)`", cell))


@pytest.mark.parametrize("table,column", [(t, c) for t, c in ALLOWED if (GOLDEN / f"{t}.tsv").exists()])
def test_the_hand_checked_fixtures_use_only_allowed_values(table, column):
    rows = read_golden(f"{table}.tsv")
    if rows and column in rows[0]:
        assert {r[column] for r in rows} - {""} <= ALLOWED[table, column]


@pytest.mark.parametrize("table", sorted(schemas()))
def test_examples_are_real_rows(table):
    example = {r[0]: r[3] for r in _documented()[table]}
    assert any(example.values()), table
    assert (ROOT / "raw" / example["doc_id"]).is_file()
    if "surface" in example:
        text = read_document(ROOT / "raw" / example["doc_id"]).text
        assert text[int(example["start"]):int(example["end"])] == example["surface"]


def test_the_api_says_what_it_returns():
    doc = run.__doc__
    for name in schemas():
        assert name in doc, name
    assert "does not raise" in doc and "`error`" in doc
    assert "progress(done, total, doc_id)" in doc
    assert "NoFilesError" in doc


def test_readme_points_to_the_data_dictionary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/tables.md" in readme and "the project's SPEC" not in readme
    for word in ("--format", "xlsx", "--edition", "--jobs", "--quiet", "--verbose", "--version", "extract diff"):
        assert word in readme, word
