"""`--jobs N`: one big document's model work is shared among processes in chunks that
close at section boundaries, with the same bytes out as one process; a process that
fails or dies ends the run with an error, never a hang."""
import os
import shutil

import pytest

from conftest import SEED
from extract import pipeline, pool
from extract.recognize import nlp
from extract.write.writers import csv_bytes


def _tables(tables):
    return {name: csv_bytes(df) for name, df in tables.items()}


def test_chunks_close_at_section_boundaries_once_full(monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 10)
    texts = ["x" * 6] * 6
    sections = ["1.1", "1.1", "1.1.ア", "1.2", "2", "2.1"]
    # 1.1 and 1.1.ア share their first two levels; 12 characters close the chunk at 1.2
    assert nlp.chunks(texts, sections) == [[0, 1, 2], [3, 4], [5]]
    # inside one long section a chunk closes at four times CHUNK_CHARS
    assert nlp.chunks(["x" * 6] * 10, ["1"] * 10) == [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9]]


def test_chunks_depend_on_nothing_but_the_texts_and_sections():
    texts = [f"窓{i}" * (i % 7 + 1) for i in range(400)]
    sections = [f"{i // 50}.{i // 10}" for i in range(400)]
    first = nlp.chunks(texts, sections)
    assert first == nlp.chunks(list(texts), list(sections))
    assert sorted(i for c in first for i in c) == list(range(400))


@pytest.fixture
def big_book(tmp_path):
    """The seed six times over, as one document of about 107,000 characters."""
    folder = tmp_path / "raw" / "2022"
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    (folder / "book.txt").write_text("\n\n".join([text] * 6), encoding="utf-8")
    return folder.parent


@pytest.mark.ginza
def test_one_book_over_two_processes_same_bytes(big_book, monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 200)      # the seed's windows make about 1,400 characters
    groups = []
    real = nlp.read_chunks
    monkeypatch.setattr(nlp, "read_chunks", lambda g: groups.extend(g) or real(g))
    one = _tables(pipeline.run(big_book, jobs=1))
    assert len(groups) >= 2, "the book's windows make several chunks"
    assert _tables(pipeline.run(big_book, jobs=2)) == one


def _small_raw(tmp_path):
    folder = tmp_path / "raw" / "2022"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    return folder.parent


def test_a_failing_model_process_fails_the_run(tmp_path, monkeypatch):
    def broken(texts):
        raise ValueError("model exploded")

    monkeypatch.setattr(nlp, "ginza", lambda: None)
    monkeypatch.setattr(nlp, "read_chunk", broken)
    with pytest.raises(ValueError, match="model exploded"):
        pipeline.run(_small_raw(tmp_path), jobs=2)


def test_a_dying_model_process_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp, "ginza", lambda: None)
    monkeypatch.setattr(nlp, "read_chunk", lambda texts: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        pipeline.run(_small_raw(tmp_path), jobs=2)


INTERRUPTED_RUN = """
import sys
from extract import pipeline, pool
from extract.recognize import nlp

def interrupt(results, procs):
    raise KeyboardInterrupt

nlp.ginza = lambda: None
pool._next_result = interrupt
try:
    pipeline.run(sys.argv[1], jobs=2)
except KeyboardInterrupt:
    print("interrupted")
"""


def test_an_interrupted_run_ends_at_once(tmp_path):
    """Books waiting in the queue when the run is interrupted must not keep the process
    from ending (it used to wait for a reader that had been ended)."""
    import subprocess
    import sys

    folder = tmp_path / "raw" / "2022"
    folder.mkdir(parents=True)
    text = "\n\n".join([SEED.read_text(encoding="utf-8")] * 6)
    for i in range(4):
        (folder / f"book{i}.txt").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_RUN, str(folder.parent)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0 and done.stdout.strip() == "interrupted", done.stderr
    assert "Traceback" not in done.stderr


def test_an_error_that_cannot_cross_processes_still_ends_the_run(tmp_path, monkeypatch):
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("cannot pickle this")

    def broken(texts):
        raise Unpicklable("model exploded oddly")

    monkeypatch.setattr(nlp, "ginza", lambda: None)
    monkeypatch.setattr(nlp, "read_chunk", broken)
    with pytest.raises(RuntimeError, match="model exploded oddly"):
        pipeline.run(_small_raw(tmp_path), jobs=2)
