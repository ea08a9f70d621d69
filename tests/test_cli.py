"""The command line end to end: exit codes, messages, output files, determinism."""
import csv
import multiprocessing.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEED
from extract.cli.main import main
from extract.pipeline import _rows


def _tables(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix == ".csv"}


def test_help_lists_every_command_and_option(capsys):
    from extract.cli.main import command_modules

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: extract ")            # the console script's name, not python -m
    commands = [m.__name__.rsplit(".", 1)[1] for m in command_modules()]
    assert {"run", "diff"} <= set(commands)
    for word in commands + ["--version", "--verbose", "--quiet"]:
        assert word in out, word


@pytest.mark.parametrize("command", ["run", "diff"])
def test_each_command_has_its_own_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: extract {command} ") and "--quiet" in out and "--verbose" in out


def test_python_m_names_itself(tmp_path):
    done = subprocess.run([sys.executable, "-m", "extract", "--help"], capture_output=True, text=True,
                          env=_env(), cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m extract ")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert re.fullmatch(r"extract \S+\n", capsys.readouterr().out)


def _env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def _small_raw(tmp_path, n=2):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    for i in range(n):
        (raw / f"s{i}.txt").write_text(f"1 概要\n\n2021年（令和3年）{i + 1}月に開始した。\n", encoding="utf-8")
    return raw.parent


def test_no_command_means_run(tmp_path):
    raw = _small_raw(tmp_path)
    assert main([str(raw), "--out", str(tmp_path / "a"), "-q"]) == 0
    assert main(["run", str(raw), "--out", str(tmp_path / "b"), "-q"]) == 0
    assert main(["-q", str(raw), "--out", str(tmp_path / "c")]) == 0
    assert _tables(tmp_path / "a") == _tables(tmp_path / "b") == _tables(tmp_path / "c") != {}


def test_progress_is_logged_when_not_a_terminal(tmp_path, capsys):
    raw = _small_raw(tmp_path)
    assert main([str(raw), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert re.search(r"^extract: 1/2 files \(50%\), \d+ s: 2022/s0.txt$", err, re.M)
    assert re.search(r"^extract: 2/2 files \(100%\), \d+ s: 2022/s1.txt$", err, re.M)


def test_verbose_and_quiet(tmp_path, capsys):
    import logging

    raw = _small_raw(tmp_path)
    level = logging.getLogger("extract").level
    assert main([str(raw), "--out", str(tmp_path / "o"), "-v"]) == 0
    assert logging.getLogger("extract").level == level and not logging.getLogger("extract").handlers
    captured = capsys.readouterr()
    assert "extract: 2022/s0.txt: 1 dates, 1 sections" in captured.err and "file(s) read" in captured.out
    for argv in ([str(raw), "--out", str(tmp_path / "o"), "--quiet"], ["-q", "run", str(raw), "--out", str(tmp_path / "o")]):
        assert main(argv) == 0
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err == ""


def test_xlsx_run(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from extract.pipeline import schemas

    raw = _small_raw(tmp_path)
    assert main([str(raw), "--out", str(tmp_path / "o"), "--format", "xlsx", "-q"]) == 0
    wb = openpyxl.load_workbook(tmp_path / "o" / "tables.xlsx")
    assert wb.sheetnames == sorted(schemas())
    dates = list(wb["dates"].iter_rows(values_only=True))
    header = dates[0]
    assert [r[header.index("value")] for r in dates[1:]] == ["2021-01", "2021-02"]
    assert [r[header.index("era_year")] for r in dates[1:]] == [3, 3]


@pytest.mark.parametrize("fmt,engine", [("parquet", "pyarrow"), ("xlsx", "openpyxl")])
def test_a_format_without_its_engine_is_refused_before_any_work(tmp_path, monkeypatch, capsys, fmt, engine):
    import importlib.util

    from extract.cli import run as run_command

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == engine else real(name, *a))
    monkeypatch.setattr(run_command, "run", lambda *a, **k: pytest.fail("extracted before refusing"))
    raw = _small_raw(tmp_path)
    assert main([str(raw), "--out", str(tmp_path / "o"), "--format", fmt]) == 2
    assert f"pip install {engine}" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_empty_folder_says_the_same_as_the_api(tmp_path, capsys):
    import extract

    (tmp_path / "raw").mkdir()
    assert main([str(tmp_path / "raw"), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    with pytest.raises(extract.NoFilesError) as raised:
        extract.run(tmp_path / "raw")
    assert err == f"extract: {raised.value}\n"


def test_a_closed_pipe_ends_quietly(tmp_path):
    raw = _small_raw(tmp_path)
    for side in ("a", "b"):
        assert main([str(raw), "--out", str(tmp_path / side), "-q"]) == 0
    proc = subprocess.Popen([sys.executable, "-m", "extract", "diff", str(tmp_path / "a"), str(tmp_path / "b"),
                             "--out", str(tmp_path / "d")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(), cwd=tmp_path)
    proc.stdout.close()                     # the reader is gone before the summary is printed
    err = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert err == ""
    assert (tmp_path / "d" / "diff_money.csv").exists()


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


def _slow_to_exit(work, cache):
    # A worker that takes a while to exit (as one holding a language model does), so the
    # end of the run meets it still alive.
    multiprocessing.util.Finalize(None, time.sleep, args=(0.3,), exitpriority=0)
    return _rows(work, cache)


def test_processes_that_end_well_end_silently(tmp_path, monkeypatch, capfd):
    import extract.pipeline

    raw = _small_raw(tmp_path, n=4)
    monkeypatch.setattr(extract.pipeline, "_rows", _slow_to_exit)
    assert main([str(raw), "--out", str(tmp_path / "o"), "--jobs", "2", "--no-cache", "-q"]) == 0
    err = capfd.readouterr().err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def _report_signals(queue):
    from extract.pool import _quiet_signals

    _quiet_signals()
    queue.put((signal.getsignal(signal.SIGINT) == signal.SIG_IGN, signal.getsignal(signal.SIGTERM) == signal.SIG_DFL))


def test_workers_leave_interrupts_to_the_parent():
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)     # what `extract run` installs
    try:
        ctx = multiprocessing.get_context("fork")
        queue = ctx.Queue()
        worker = ctx.Process(target=_report_signals, args=(queue,))
        worker.start()
        assert queue.get(timeout=30) == (True, True)
        worker.join()
    finally:
        signal.signal(signal.SIGTERM, previous)
