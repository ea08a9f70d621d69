"""The run cache: a warm rerun gives the same bytes with no model work, a rule change
reruns the rules but not the model, and a damaged or deleted cache is only slower."""
import os
import shutil
import time

import pytest

from conftest import ROOT, SEED
from extract import pipeline
from extract.cache import Cache, key
from extract.rules import rules_dir
from extract.cli.main import main
from extract.recognize import nlp
from extract.write.writers import csv_bytes


def _tables(tables):
    return {name: csv_bytes(df) for name, df in tables.items()}


def _no_model(monkeypatch):
    def refuse(texts):
        raise AssertionError(f"the model was asked about {len(texts)} windows")

    monkeypatch.setattr(nlp, "read_chunk", refuse)


def _entries(cache: Cache, kind: str) -> set:
    return {p.name for p in (cache.folder / kind).glob("*/*.pkl.z")}


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw" / "2022"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "seed.txt")
    return folder.parent


def test_values_round_trip_and_misses_are_none(tmp_path):
    cache = Cache(tmp_path / "c")
    assert cache.get("docs", key("a")) is None
    cache.put("docs", key("a"), {"rows": [{"x": 1, "y": None, "z": True}]})
    assert cache.get("docs", key("a")) == {"rows": [{"x": 1, "y": None, "z": True}]}
    assert (tmp_path / "c" / "README.txt").read_text(encoding="utf-8").startswith("Cache of `extract`")
    assert (cache.hits, cache.misses) == (1, 1)


def test_damaged_entries_are_misses(tmp_path):
    cache = Cache(tmp_path / "c")
    cache.put("model", key("b"), [1, 2])
    for path in (cache.folder / "model").glob("*/*.pkl.z"):
        path.write_bytes(path.read_bytes()[:5])
    assert cache.get("model", key("b")) is None


def test_prune_removes_the_entries_used_longest_ago(tmp_path):
    cache = Cache(tmp_path / "c")
    for i in range(4):
        cache.put("docs", key(i), os.urandom(2000))      # incompressible: about 2 kB each
        path = next(p for p in (cache.folder / "docs").glob("*/*.pkl.z") if p.stem.startswith(key(i)))
        os.utime(path, (time.time() - 100 + i, time.time() - 100 + i))
    assert cache.prune(max_bytes=4500) == 2
    assert [cache.get("docs", key(i)) is not None for i in range(4)] == [False, False, True, True]


def test_keys_differ_with_every_part():
    assert len({key("sha", "a.txt", 2022), key("sha", "b.txt", 2022), key("sha", "a.txt", 2023),
                key("other", "a.txt", 2022)}) == 4


@pytest.mark.ginza
def test_warm_rerun_same_bytes_no_model_work(raw, tmp_path, monkeypatch):
    cache = Cache(tmp_path / "c")
    cold = _tables(pipeline.run(raw, cache=cache))
    assert _entries(cache, "model"), "the seed gives the model some windows"
    _no_model(monkeypatch)
    warm_cache = Cache(tmp_path / "c")
    assert _tables(pipeline.run(raw, cache=warm_cache)) == cold
    assert warm_cache.misses == 0
    # the cold run equals a run without a cache
    monkeypatch.undo()
    assert _tables(pipeline.run(raw)) == cold


@pytest.mark.ginza
def test_rule_change_reruns_rules_not_the_model(raw, tmp_path, monkeypatch):
    cache = Cache(tmp_path / "c")
    cold = _tables(pipeline.run(raw, cache=cache))
    docs, model = _entries(cache, "docs"), _entries(cache, "model")
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules, ignore=shutil.ignore_patterns("__pycache__"))
    with open(rules / "dates.toml", "a", encoding="utf-8") as f:
        f.write("\n# an edited comment is a changed rule file\n")
    monkeypatch.setenv("EXTRACT_RULES", str(rules))
    _no_model(monkeypatch)
    assert _tables(pipeline.run(raw, cache=cache)) == cold
    assert len(_entries(cache, "docs") - docs) == 1          # the document was read again
    assert _entries(cache, "model") == model                  # with the model's answers kept


@pytest.mark.ginza
def test_deleted_or_damaged_cache_only_costs_time(raw, tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path / "c"))
    assert main([str(raw), "--out", str(tmp_path / "one"), "--quiet"]) == 0
    for path in (tmp_path / "c").rglob("*.pkl.z"):
        path.write_bytes(b"not a cache entry")
    assert main([str(raw), "--out", str(tmp_path / "two"), "--quiet"]) == 0
    shutil.rmtree(tmp_path / "c")
    assert main([str(raw), "--out", str(tmp_path / "three"), "--quiet"]) == 0
    for name in ("entities.csv", "dates.csv", "countries.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes() \
            == (tmp_path / "three" / name).read_bytes()


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(tmp_path / "c"))
    f = tmp_path / "sec.txt"
    f.write_text("1 概要\n\n2021年4月に開催した。\n", encoding="utf-8")
    assert main([str(f), "--out", str(tmp_path / "o"), "--quiet", "--no-cache"]) == 0
    assert not (tmp_path / "c").exists()
    assert main([str(f), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert (tmp_path / "c" / "README.txt").exists()
