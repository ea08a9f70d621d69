"""Tables are written whole or not at all, as UTF-8 CSV with a BOM."""
import pandas as pd
import pytest

from extract.write import writers
from extract.write.tables import frame


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
