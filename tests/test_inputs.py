"""Which files a run reads, and the doc_id and edition of each: the nearest file or folder
name that names an edition decides, however the input is pointed at."""
import logging

import pytest

import extract
from extract.inputs import NoFilesError, sources

BODY = "1 概要\n\n2021年（令和3年）4月に開始した。\n"


def _files(root, *paths):
    for rel in paths:
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(BODY, encoding="utf-8")


@pytest.mark.parametrize("files,given,expected", [
    (["raw/2022/x.txt"], "raw", {"2022/x.txt": 2022}),
    (["raw/2022/x.txt"], "raw/2022", {"2022/x.txt": 2022}),
    (["raw/2022/x.txt"], "raw/2022/x.txt", {"2022/x.txt": 2022}),
    (["raw/令和5年版/a.txt"], "raw/令和5年版", {"令和5年版/a.txt": 2023}),
    (["raw/令和5年版/a.txt"], "raw/令和5年版/", {"令和5年版/a.txt": 2023}),
    (["raw/r04/ch4/a.txt"], "raw/r04/ch4", {"r04/ch4/a.txt": 2022}),
    (["books/h12.txt", "books/h16.txt"], "books", {"h12.txt": 2000, "h16.txt": 2004}),
    (["books/h12.txt"], "books/h12.txt", {"h12.txt": 2000}),
    (["raw/2022/s01.txt"], "raw", {"2022/s01.txt": 2022}),          # not 昭和元年 (1926)
    (["raw/2022/h32.txt"], "raw", {"2022/h32.txt": 2022}),          # 平成32年 never came
    (["raw/misc/x.txt", "raw/2019/y.txt"], "raw", {"misc/x.txt": None, "2019/y.txt": 2019}),
    (["x.txt"], "x.txt", {"x.txt": None}),
], ids=["folder", "edition-folder", "single-file", "wareki-folder", "trailing-slash", "deeper",
        "book-files", "book-file", "section-number-name", "era-overflow", "no-edition", "bare-file"])
def test_doc_id_and_edition(tmp_path, monkeypatch, files, given, expected):
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, *files)
    assert {s.doc_id: s.edition for s in sources(given)} == expected


def test_dot_is_the_folder_it_names(tmp_path, monkeypatch):
    _files(tmp_path, "raw/2022/x.txt")
    monkeypatch.chdir(tmp_path / "raw" / "2022")
    assert [(s.doc_id, s.edition) for s in sources(".")] == [("2022/x.txt", 2022)]
    monkeypatch.chdir(tmp_path / "raw" / "2022")
    assert [(s.doc_id, s.edition) for s in sources("../2022")] == [("2022/x.txt", 2022)]


def test_a_folder_above_what_was_written_does_not_count(tmp_path, monkeypatch):
    _files(tmp_path, "2024/work/raw/x.txt")
    monkeypatch.chdir(tmp_path / "2024" / "work")
    assert [(s.doc_id, s.edition) for s in sources("raw")] == [("x.txt", None)]


def test_single_file_and_folder_runs_give_the_same_rows(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _files(tmp_path, "raw/2022/x.txt")
    rows = [extract.run(p)["documents"][["doc_id", "edition"]].to_dict("records")
            for p in ("raw", "raw/2022", "raw/2022/x.txt")]
    assert rows[0] == rows[1] == rows[2] == [{"doc_id": "2022/x.txt", "edition": 2022}]


@pytest.mark.parametrize("edition", ["r04", "R4", "令和4年版", "2022", 2022])
def test_api_takes_the_cli_forms_and_stores_an_int(tmp_path, edition):
    _files(tmp_path, "a.txt")
    tables = extract.run(tmp_path / "a.txt", edition=edition)
    for name in ("documents", "dates", "sections"):
        df = tables.get(name)
        if "edition" in df:
            assert str(df["edition"].dtype) == "Int64" and list(df["edition"].unique()) == [2022], name
    assert tables["dates"]["era_year"].tolist() == [3]


@pytest.mark.parametrize("edition", ["someday", "h32", 1900, 2022.0])
def test_api_refuses_an_edition_that_names_none(tmp_path, edition):
    _files(tmp_path, "a.txt")
    with pytest.raises(ValueError, match="names no edition"):
        extract.run(tmp_path / "a.txt", edition=edition)


def test_a_run_that_cannot_tell_an_edition_says_so(tmp_path, caplog):
    _files(tmp_path, "raw/misc/x.txt", "raw/2022/y.txt")
    with caplog.at_level(logging.WARNING, logger="extract"):
        extract.run(tmp_path / "raw")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "no edition for 1 file(s): misc/x.txt" in warnings[0]


def test_an_empty_folder_raises(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "SOURCES.md").write_text("notes only\n", encoding="utf-8")
    with pytest.raises(NoFilesError, match="no files under"):
        extract.run(tmp_path / "raw")
    assert issubclass(extract.NoFilesError, ValueError)
    with pytest.raises(FileNotFoundError):
        extract.run(tmp_path / "missing")
