"""Whatever lands in raw/: the bad-input matrix, adversarial text for every recognizer,
whole-pipeline properties, interruption and determinism. Figures go to the summary."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED, count, seed_document
from extract.write import writers
from extract.cli.main import main
from extract.read.document import Document
from extract.pipeline import RECOGNIZERS, process_text
from extract.read.reading import MAX_BYTES

OK_TEXT = "1 概要\n\n2021年（令和3年）4月に日米首脳会談が開催され、約400百万米ドルの支援を決定した。\n"

# name → (how to make it, error substring or None when it must be read)
MATRIX = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file"),
    "whitespace.txt": (lambda p: p.write_bytes(" \n\t\u3000\n".encode()), "only white space"),
    "picture.png": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "PNG"),
    "report.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "PDF"),
    "bundle.zip": (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(60)), "ZIP"),
    "utf16.txt": (lambda p: p.write_bytes(OK_TEXT.encode("utf-16")), None),
    "cp932.txt": (lambda p: p.write_bytes(OK_TEXT.encode("cp932")), None),
    "eucjp.txt": (lambda p: p.write_bytes(OK_TEXT.encode("euc_jp")), None),
    "bom.txt": (lambda p: p.write_bytes(OK_TEXT.encode("utf-8-sig")), None),
    "broken-utf8.txt": (lambda p: p.write_bytes(OK_TEXT.encode()[:40] + b"\xff\xfe" + OK_TEXT.encode()[40:]),
                        "invalid UTF-8 at byte 40"),
    "crlf.txt": (lambda p: p.write_bytes(OK_TEXT.replace("\n", "\r\n").encode()), None),
    "cr.txt": (lambda p: p.write_bytes(OK_TEXT.replace("\n", "\r").encode()), None),
    "huge.txt": (lambda p: _sparse(p, MAX_BYTES + 1), "limit"),
    "名前 に 空白.txt": (lambda p: p.write_text(OK_TEXT, encoding="utf-8"), None),
    "fifo.txt": (lambda p: os.mkfifo(p), "not a regular file"),
    "loop-a.txt": (lambda p: (p.symlink_to(p.with_name("loop-b.txt")),
                              p.with_name("loop-b.txt").symlink_to(p)), "symbolic links"),
    "dangling.txt": (lambda p: p.symlink_to(p.with_name("nowhere")), "cannot read"),
    "locked.txt": (lambda p: p.write_text(OK_TEXT, encoding="utf-8"), "Permission denied"),
}


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "manifest.json"}


def _check_offsets(raw: Path, out: Path) -> int:
    """Every mention row's surface is its exact slice of the decoded file; returns rows checked."""
    docs = {r["doc_id"]: r for r in _read_csv(out / "documents.csv") if not r["error"]}
    texts = {d: (raw / d).read_bytes().decode(r["encoding"]) for d, r in docs.items()}
    checked = 0
    for table in [rec.TABLE for rec in RECOGNIZERS]:
        for row in _read_csv(out / f"{table}.csv"):
            assert texts[row["doc_id"]][int(row["start"]):int(row["end"])] == row["surface"], (table, row)
            checked += 1
    return checked


@pytest.mark.ginza
def test_bad_input_matrix(tmp_path, monkeypatch, capsys):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    for name, (make, _) in MATRIX.items():
        if not (raw / name).exists() and not (raw / name).is_symlink():
            make(raw / name)
    (raw / "loop-dir").symlink_to(raw.parent)      # a folder loop: not followed
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    assert main([str(raw.parent), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    docs = {r["doc_id"].split("/", 1)[1]: r for r in _read_csv(out / "documents.csv")}
    expected = {**{n: why for n, (_, why) in MATRIX.items()}, "loop-b.txt": "symbolic links"}
    assert set(docs) == set(expected)
    for name, why in expected.items():
        if why is None:
            assert docs[name]["error"] == "", name
            assert docs[name]["encoding"]
        else:
            assert why in docs[name]["error"], (name, docs[name]["error"])
            assert f"2022/{name}: " in err
        count("bad-input cases tried")
    # The good files gave the same tables as they would alone, with exact offsets.
    dates = _read_csv(out / "dates.csv")
    good = {n for n, why in expected.items() if why is None}
    assert {r["doc_id"].split("/", 1)[1] for r in _read_csv(out / "sections.csv")} == good
    assert all(r["doc_id"].split("/", 1)[1] in good for r in dates)
    count("mention rows checked for exact offsets", _check_offsets(raw.parent, out))


def test_output_folder_that_cannot_be_written(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("1 概要\n\n本文。\n", encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    assert main([str(raw), "--out", str(blocker), "--quiet"]) == 1
    assert "cannot write tables" in capsys.readouterr().err
    assert blocker.read_text() == "a file where the folder should be"
    count("bad-input cases tried")


def test_read_only_output_folder_keeps_previous_tables(tmp_path, monkeypatch, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("1 概要\n\n本文。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(raw), "--out", str(out), "--quiet"]) == 0
    before = _snapshot(out)
    monkeypatch.setattr(writers.os, "access", lambda path, mode: False)
    (raw / "a.txt").write_text("1 別の概要\n\n本文。\n", encoding="utf-8")
    assert main([str(raw), "--out", str(out), "--quiet"]) == 1
    assert "not writable" in capsys.readouterr().err
    assert _snapshot(out) == before
    count("bad-input cases tried")


# --- adversarial text ------------------------------------------------------

ADVERSARIAL_CHARS = 40_000
# Per character, a recognizer may be this much slower on adversarial text than on the
# seed; a super-linear pattern at 40,000 characters is thousands of times slower.
GROWTH_LIMIT = 2.5


def _every_category() -> str:
    by_category: dict[str, list[str]] = {}
    for cp in range(0, 0x30000, 7):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat not in ("Cs",) and len(by_category.setdefault(cat, [])) < 200:
            by_category[cat].append(ch)
    return "".join(ch for chars in by_category.values() for ch in chars)


def _adversarial(n: int = ADVERSARIAL_CHARS) -> dict[str, str]:
    cases = {
        "digits": "1234567890" * (n // 10),
        "nen": "年" * n,
        "nested-parens": "(" * (n // 3) + "2021年(令和3年)4月" + ")" * (n // 3),
        "fullwidth-parens": "（" * (n // 3) + "令和3年" + "）" * (n // 3),
        "kanji-numerals": ("一二三四五六七八九十百千万億兆" * n)[:n],
        "dense-dates": ("2021年(令和3年)4月16日、同年5月及び10月。" * n)[:n],
        "dense-money": ("約1億2千万円~20億円、400百万米ドル。" * n)[:n],
        "dense-countries": ("日米豪印、同国、我が国、インド洋。" * n)[:n],
        "mixed-scripts": ("Aa1１ア字あ한ℵ∑🙂\u200b\u0301-・,，.。" * n)[:n],
        "categories": (_every_category() * 4)[:n],
        "long-lines": ("あ" * 5000 + "\n") * (n // 5001),
        "many-lines": "年\n" * (n // 2),
    }
    return cases


def _best_seconds(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.ginza
@pytest.mark.parametrize("rec", RECOGNIZERS, ids=lambda r: r.TABLE)
def test_adversarial_text_is_linear(rec):
    """No crash, offsets inside the text, and time that grows with the text, not faster:
    per character, four times the text may not cost more than GROWTH_LIMIT times as much
    as the quarter (a super-linear pattern costs about four times as much per character
    at each step). Relative within one shape, so neither the machine nor a shape's
    density of mentions decides it."""
    floor = 2e-7    # below this per character, timing noise dominates
    # A model runs at thousands of characters per second: a quarter of the size still
    # shows whether its time grows faster than the text.
    model = getattr(rec, "NEEDS_MODEL", False)
    size = ADVERSARIAL_CHARS // (4 if model else 1)
    quarter = _adversarial(size // 4)
    for name, text in _adversarial(size).items():
        doc = Document.from_text(name, text)
        mentions = rec.recognize(doc)
        for m in mentions:
            s, e = m.original_span()
            assert 0 <= s < e <= len(text)
        small = Document.from_text(name, quarter[name])
        # Measured twice over: a busy machine can slow one round, not both the same way.
        for _ in range(2):
            per_char_small = _best_seconds(lambda: rec.recognize(small)) / max(1, len(quarter[name]))
            per_char = _best_seconds(lambda: rec.recognize(doc)) / len(text)
            if per_char <= GROWTH_LIMIT * max(per_char_small, floor):
                break
        assert per_char <= GROWTH_LIMIT * max(per_char_small, floor), (
            f"{rec.TABLE} on {name}: {per_char * 1e6:.2f} µs/char at {len(text):,} chars vs "
            f"{per_char_small * 1e6:.2f} at {len(quarter[name]):,}")
        count("adversarial texts run", 1)
        count("adversarial characters", len(text))


# --- whole pipeline properties ---------------------------------------------

GENRE_PIECES = st.sampled_from([
    "2021年", "（令和3年）", "4月", "16日", "同年", "6月", "令和3年度", "約", "788億円", "400百万米ドル",
    "日米豪印", "同国", "我が国", "インド洋", "総務省", "世界貿易機関（WTO：World Trade Organization）",
    "、", "。", "\n", "\n\n", "\r\n", "^{*1}", "*1 ", "図表 4-8-2-1 ", "1 ", "ア ", "（ア）", "～", " ",
    "ｶﾞ", "㋿", "①", "\t", "第12回", "会合", "「", "」",
])


@pytest.mark.ginza
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(GENRE_PIECES, max_size=40).map("".join), st.text(max_size=200)))
def test_pipeline_on_arbitrary_text(text):
    first = process_text("p.txt", text, None)
    assert process_text("p.txt", text, None) == first
    for rec in RECOGNIZERS:
        for row in first[rec.TABLE]:
            assert text[row["start"]:row["end"]] == row["surface"]
            count("property: mention rows checked")
    count("property: texts run")


# --- interruption ----------------------------------------------------------

def _two_inputs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, body in ((a, "1 概要\n\n2021年に開始。\n"), (b, "1 別の概要\n\n2022年に開始した。\n\n2 次\n")):
        folder.mkdir()
        (folder / "s.txt").write_text(body, encoding="utf-8")
    return a, b


@pytest.mark.parametrize("k", range(12))
def test_interrupt_while_staging_keeps_previous_tables(tmp_path, monkeypatch, k):
    a, b = _two_inputs(tmp_path)
    out = tmp_path / "out"
    assert main([str(a), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_stage, calls = writers._stage, []

    def stage(final, data):
        calls.append(final)
        if len(calls) > k:
            raise KeyboardInterrupt
        return real_stage(final, data)

    monkeypatch.setattr(writers, "_stage", stage)
    code = main([str(b), "--out", str(out), "--quiet"])
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    if len(calls) > k:
        assert code == 130 and after == before
    else:                                   # k beyond the number of files: the run completed
        assert code == 0
    count("interruption points tried")


def test_signal_during_renames_is_held_until_the_set_is_complete(tmp_path, monkeypatch):
    a, b = _two_inputs(tmp_path)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    assert main([str(a), "--out", str(out), "--quiet"]) == 0
    assert main([str(b), "--out", str(fresh), "--quiet"]) == 0
    real_replace, sent = os.replace, []

    def replace(src, dst):
        if not sent:
            sent.append(dst)
            os.kill(os.getpid(), signal.SIGTERM)
        return real_replace(src, dst)

    monkeypatch.setattr(writers.os, "replace", replace)
    assert main([str(b), "--out", str(out), "--quiet"]) == 130
    assert _snapshot(out) == _snapshot(fresh)
    assert (out / "manifest.json").exists()
    count("interruption points tried")


# --- determinism -----------------------------------------------------------

@pytest.mark.ginza
def test_same_bytes_across_hash_seeds(tmp_path):
    outs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "extract", str(SEED.parent.parent), "--out", str(out), "--quiet",
                        "--no-cache"], check=True, env=env, cwd=ROOT)
        outs.append(_snapshot(out))
    assert outs[0] == outs[1]
    count("bytes compared across hash seeds", sum(len(v) for v in outs[0].values()))
