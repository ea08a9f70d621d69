import csv
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest

from extract.read.document import Document
from extract.read.reading import read_document
from extract.pipeline import mention_row

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "2022" / "ch04-sec08_ict-international-strategy.txt"
SEED_ID = "2022/ch04-sec08_ict-international-strategy.txt"
GOLDEN = Path(__file__).resolve().parent / "golden" / "2022_ch04_sec08"


@cache
def seed_document() -> Document:
    return Document.from_text(SEED_ID, read_document(SEED).text, 2022)


def recognize_rows(recognizer, doc: Document) -> list[dict]:
    return [mention_row(doc, m) for m in recognizer.recognize(doc)]


def read_golden(name: str) -> list[dict]:
    with open(GOLDEN / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return seed_document()


@pytest.fixture(scope="session")
def nlp():
    """GiNZA, loaded once per test session."""
    from extract.recognize.nlp import ginza

    return ginza()


# Figures measured by the reliability tests, printed at the end of the run.
FIGURES: dict[str, int] = {}


def count(figure: str, n: int = 1) -> None:
    FIGURES[figure] = FIGURES.get(figure, 0) + n


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("reliability figures")
        for name, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {value:,}")


@pytest.fixture(scope="session")
def raw_output(tmp_path_factory) -> Path:
    """An output folder of the whole of raw/ (three editions), made once per session."""
    from extract.cli.main import main

    out = tmp_path_factory.mktemp("raw-output")
    assert main([str(ROOT / "raw"), "--out", str(out), "--quiet"]) == 0
    return out


def pytest_configure(config):
    """The run cache of the tests is their own, fresh each session, never ~/.cache."""
    config._extract_cache = tempfile.mkdtemp(prefix="extract-cache-")
    os.environ["EXTRACT_CACHE_DIR"] = config._extract_cache


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_extract_cache", ""), ignore_errors=True)
