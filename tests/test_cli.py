"""The command line end to end: exit codes, messages, output files, determinism."""
import csv
import shutil

import pytest

from conftest import SEED
from extract.cli.main import main


def _tables(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix == ".csv"}


def test_help_exits_zero(capsys):
    assert main(["--help"]) == 0
    assert "python -m extract" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["raw", "--jobs", "0"], ["raw", "--edition", "someday"], ["--nope", "raw"],
                                  ["does/not/exist"]], ids=["no-input", "jobs-0", "bad-edition", "bad-flag", "missing"])
def test_usage_errors_exit_two(argv, tmp_path, capsys):
    assert main(argv + ["--out", str(tmp_path / "o")]) == 2
    assert "error" in capsys.readouterr().err


def test_bad_files_are_named_and_others_still_run(tmp_path, capsys):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    (raw / "gone.txt").symlink_to(tmp_path / "nowhere")
    (raw / "ok.txt").write_text("1 概要\n\n本文。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(tmp_path / "raw"), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    for name, why in [("2022/empty.txt", "empty file"), ("2022/image.txt", "PNG"), ("2022/gone.txt", "cannot read")]:
        assert f"{name}: " in err and why in err
    with open(out / "documents.csv", encoding="utf-8-sig", newline="") as f:
        docs = {r["doc_id"]: r for r in csv.DictReader(f)}
    assert docs["2022/ok.txt"]["error"] == "" and docs["2022/ok.txt"]["edition"] == "2022"
    assert all(docs[d]["error"] for d in ("2022/empty.txt", "2022/image.txt", "2022/gone.txt"))
    with open(out / "sections.csv", encoding="utf-8-sig", newline="") as f:
        assert [r["doc_id"] for r in csv.DictReader(f)] == ["2022/ok.txt"]


def test_empty_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    assert main([str(tmp_path / "raw"), "--out", str(tmp_path / "o")]) == 1
    assert "no files" in capsys.readouterr().err


def test_single_file_with_edition(tmp_path):
    f = tmp_path / "sec.txt"
    f.write_text("1 概要\n\n本文。\n", encoding="utf-8")
    assert main([str(f), "--edition", "r04", "--out", str(tmp_path / "o"), "--quiet"]) == 0
    with open(tmp_path / "o" / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["doc_id"] == "sec.txt" and row["edition"] == "2022"


@pytest.mark.ginza
def test_encodings_give_the_same_tables(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    outs = {}
    for codec in ("utf-8", "cp932", "euc_jis_2004"):
        raw = tmp_path / codec / "raw" / "2022"
        raw.mkdir(parents=True)
        (raw / SEED.name).write_bytes(text.encode(codec))
        outs[codec] = tmp_path / codec / "out"
        assert main([str(raw.parent), "--out", str(outs[codec]), "--quiet"]) == 0
    base = _tables(outs["utf-8"])
    for codec in ("cp932", "euc_jis_2004"):
        other = _tables(outs[codec])
        assert other.keys() == base.keys()
        for name in base:
            if name != "documents.csv":
                assert other[name] == base[name], name


@pytest.mark.ginza
def test_same_bytes_across_runs_and_jobs(tmp_path):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    shutil.copy(SEED, raw / "a.txt")
    (raw / "b.txt").write_text(SEED.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    assert main([str(raw.parent), "--out", str(tmp_path / "one"), "--quiet", "--no-cache"]) == 0
    assert main([str(raw.parent), "--out", str(tmp_path / "two"), "--quiet", "--no-cache", "--jobs", "2"]) == 0
    assert _tables(tmp_path / "one") == _tables(tmp_path / "two")


def test_parquet_output(tmp_path):
    pd = pytest.importorskip("pandas")
    f = tmp_path / "sec.txt"
    f.write_text("1 概要\n\n本文。\n", encoding="utf-8")
    assert main([str(f), "--out", str(tmp_path / "o"), "--format", "parquet", "--quiet"]) == 0
    sections = pd.read_parquet(tmp_path / "o" / "sections.parquet")
    assert list(sections["title"]) == ["概要"]
