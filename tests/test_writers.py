"""Tables are written whole or not at all, as UTF-8 CSV with a BOM."""
import pandas as pd
import pytest

from extract.write import writers
from extract.tables import frame


def _df():
    return frame([{"a": 1, "b": True, "c": None, "d": "x,\"y\""}, {"a": 2, "b": False, "c": "z", "d": "改行\nあり"}],
                 ["a", "b", "c", "d"], ["a"])


def test_csv_cells():
    data = writers.csv_bytes(_df())
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == 'a,b,c,d\r\n1,true,,"x,""y"""\r\n2,false,z,"改行\nあり"\r\n'


def test_manifest_is_written_last_and_tables_whole(tmp_path):
    written = writers.write_tables(tmp_path, {"t": _df(), "u": _df()}, manifest={"k": 1})
    assert [p.name for p in written] == ["t.csv", "u.csv", "manifest.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_failure_while_staging_keeps_previous_tables(tmp_path, monkeypatch):
    writers.write_tables(tmp_path, {"t": _df()})
    before = (tmp_path / "t.csv").read_bytes()

    def broken(df):
        raise OSError("disk full")

    monkeypatch.setattr(writers, "csv_bytes", broken)
    with pytest.raises(OSError):
        writers.write_tables(tmp_path, {"t": pd.DataFrame({"a": [9]})})
    assert (tmp_path / "t.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_typed_frame():
    df = _df()
    assert str(df["a"].dtype) == "Int64" and str(df["b"].dtype) == "boolean" and str(df["c"].dtype) == "string"


# --- types ----------------------------------------------------------------

def _run_with_a_bad_file(tmp_path):
    from extract.pipeline import run

    raw = tmp_path / "raw" / "2019"
    raw.mkdir(parents=True)
    (raw / "a.txt").write_text("1 概要\n\n2017年（平成29年）7月と令和元年5月、2021年に策定した。\n", encoding="utf-8")
    (raw / "b.txt").write_bytes(b"")
    return run(tmp_path / "raw")


def test_whole_numbers_stay_integers_in_frames_csv_and_parquet(tmp_path):
    tables = _run_with_a_bad_file(tmp_path)
    dates, docs = tables["dates"], tables["documents"]
    for df, col in ((dates, "era_year"), (dates, "start"), (docs, "chars"), (docs, "edition")):
        assert str(df[col].dtype) == "Int64", col
    assert dates["era_year"].tolist()[:2] == [29, 1] and pd.isna(dates["era_year"].iloc[2])

    writers.write_tables(tmp_path / "csv", tables)
    text = (tmp_path / "csv" / "dates.csv").read_text(encoding="utf-8-sig")
    assert ",平成,29," in text and ",令和,1," in text and ".0," not in text
    docs_csv = (tmp_path / "csv" / "documents.csv").read_text(encoding="utf-8-sig").splitlines()
    assert docs_csv[1].split(",")[4] == str(len("1 概要\n\n2017年（平成29年）7月と令和元年5月、2021年に策定した。\n"))
    assert docs_csv[2].split(",")[4] == ""                      # the failed file: empty, not NaN

    writers.write_tables(tmp_path / "pq", tables, "parquet")
    back = pd.read_parquet(tmp_path / "pq" / "dates.parquet")
    assert str(back["era_year"].dtype) == "Int64" and back["era_year"].tolist()[:2] == [29, 1]
    assert str(pd.read_parquet(tmp_path / "pq" / "documents.parquet")["chars"].dtype) == "Int64"


def test_a_column_keeps_its_type_when_every_cell_is_empty():
    df = frame([{"doc_id": "a", "chars": None, "approx": None}], ["doc_id", "chars", "approx"], ["doc_id"])
    assert str(df["chars"].dtype) == "Int64" and str(df["approx"].dtype) == "boolean"
    empty = frame([], ["doc_id", "start", "end"], ["doc_id"])
    assert [str(t) for t in empty.dtypes] == ["string", "Int64", "Int64"]


# --- xlsx -----------------------------------------------------------------

def _excel_df():
    return frame([
        {"section": "5.10", "value": "2021-04", "start": 12, "approx": True, "text": "=SUM(A1)", "amount": "78800000000"},
        {"section": "5.4.イ", "value": "FY2021", "start": None, "approx": None, "text": "改行\nあり", "amount": None},
    ], ["section", "value", "start", "approx", "text", "amount"], ["start"])


def test_xlsx_keeps_text_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    written = writers.write_tables(tmp_path, {"dates": _excel_df(), "money": _excel_df()}, "xlsx")
    assert [p.name for p in written] == ["tables.xlsx"]
    wb = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert wb.sheetnames == ["dates", "money"]
    ws = wb["dates"]
    assert [c.value for c in ws[1]] == ["section", "value", "start", "approx", "text", "amount"]
    first = {c.column_letter: c for c in ws[2]}
    for letter, value in (("A", "5.10"), ("B", "2021-04"), ("E", "=SUM(A1)"), ("F", "78800000000")):
        assert first[letter].value == value and first[letter].data_type == "s", letter
        assert first[letter].number_format == "@", letter
    assert first["C"].value == 12 and first["C"].data_type == "n"
    assert first["D"].value is True and first["D"].data_type == "b"
    second = [c.value for c in ws[3]]
    assert second[:4] == ["5.4.イ", "FY2021", None, None] and second[5] is None
    assert ws.freeze_panes == "A2"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert set(widths) == set("ABCDEF") and all(6 <= w <= 60 for w in widths.values())


def test_xlsx_same_tables_same_bytes(tmp_path):
    pytest.importorskip("openpyxl")
    writers.write_tables(tmp_path / "a", {"dates": _excel_df()}, "xlsx")
    writers.write_tables(tmp_path / "b", {"dates": _excel_df()}, "xlsx")
    assert (tmp_path / "a" / "tables.xlsx").read_bytes() == (tmp_path / "b" / "tables.xlsx").read_bytes()


# --- one set of tables per folder -------------------------------------------

def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_run_owns_its_tables_in_every_format(tmp_path):
    tables = {"t": _df(), "u": _df()}
    (tmp_path / "notes.txt").write_text("kept")
    writers.write_tables(tmp_path, tables, "csv", manifest={"format": "csv"})
    assert _names(tmp_path) == ["manifest.json", "notes.txt", "t.csv", "u.csv"]
    writers.write_tables(tmp_path, tables, "parquet", manifest={"format": "parquet"})
    assert _names(tmp_path) == ["manifest.json", "notes.txt", "t.parquet", "u.parquet"]
    writers.write_tables(tmp_path, tables, "xlsx", manifest={"format": "xlsx"})
    assert _names(tmp_path) == ["manifest.json", "notes.txt", "tables.xlsx"]
    writers.write_tables(tmp_path, tables, "csv", manifest={"format": "csv"})
    assert _names(tmp_path) == ["manifest.json", "notes.txt", "t.csv", "u.csv"]


def test_a_failed_write_keeps_the_other_format(tmp_path, monkeypatch):
    writers.write_tables(tmp_path, {"t": _df()}, "csv")

    def broken(df):
        raise OSError("disk full")

    monkeypatch.setattr(writers, "parquet_bytes", broken)
    with pytest.raises(OSError):
        writers.write_tables(tmp_path, {"t": _df()}, "parquet")
    assert _names(tmp_path) == ["t.csv"]


# --- what each format needs --------------------------------------------------

def test_parquet_and_xlsx_come_with_the_base_install():
    import tomllib

    from conftest import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].strip().lower() for d in deps}
    assert {"pyarrow", "openpyxl"} <= names
    assert all(writers.missing_engine(fmt) is None for fmt in writers.FORMATS)
