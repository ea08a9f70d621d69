"""The flow for a folder: files → documents → recognizers → tables.

Each document is processed on its own (so `--jobs N` gives the same tables as one
process); tables are assembled and sorted at the end.
"""
from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable
from contextlib import closing

import pandas as pd

from .recognize import countries, dates, entities, money, quantities
from .read.document import Document
from .inputs import Source, sources
from .read.reading import InputError, edition_value, read_document
from .read.sections import section_rows
from .write.tables import FIXED, FIXED_ORDER, figure_rows, footnote_rows, frame, mention_columns, mention_row

# Run in this order; each module: TABLE, COLUMNS, recognize(doc) -> list[Mention], and
# optionally EXTRA_TABLES {name: columns} with extra_rows(doc, mentions) -> {name: rows}.
RECOGNIZERS = (dates, money, quantities, countries, entities)
log = logging.getLogger(__name__)


def schemas() -> dict[str, tuple[list[str], list[str]]]:
    """Every table: (columns, sort keys)."""
    out = {name: (cols, FIXED_ORDER[name]) for name, cols in FIXED.items()}
    for rec in RECOGNIZERS:
        out[rec.TABLE] = (mention_columns(rec.COLUMNS), ["doc_id", "start", "end"])
        for name, cols in getattr(rec, "EXTRA_TABLES", {}).items():
            out[name] = (cols, ["doc_id", "start", "end"] if "start" in cols else ["doc_id"])
    return out


def process_text(doc_id: str, text: str, edition: int | None, timings: dict | None = None) -> dict[str, list]:
    """All table rows of one decoded document (documents row excluded)."""
    clock = _Clock(timings)
    doc = Document.from_text(doc_id, text, edition)
    clock.lap("clean view and structure")
    rows: dict[str, list] = {
        "sections": section_rows(doc_id, doc.headings, len(text)),
        "footnotes": footnote_rows(doc),
        "figures": figure_rows(doc),
    }
    for rec in RECOGNIZERS:
        mentions = rec.recognize(doc)
        rows[rec.TABLE] = [mention_row(doc, m) for m in mentions]
        if hasattr(rec, "extra_rows"):
            rows.update(rec.extra_rows(doc, mentions))
        clock.lap(rec.TABLE)
    rows["_title"] = doc.title
    return rows


def process_file(source: Source) -> tuple[dict, dict[str, list]]:
    """(documents row, other rows) for one file; a bad file gives an error row and no rows."""
    base = {"doc_id": source.doc_id, "edition": source.edition, "encoding": None, "sha256": None,
            "chars": None, "title": None, "error": None}
    try:
        raw = read_document(source.path)
    except InputError as e:
        return {**base, "error": str(e)}, {}
    base.update(encoding=raw.encoding, sha256=raw.sha256, chars=len(raw.text))
    rows = process_text(source.doc_id, raw.text, source.edition)
    base["title"] = rows.pop("_title")
    return base, rows


def run(path: str | os.PathLike, edition: int | str | None = None, jobs: int = 1,
        progress: Callable[[int, int, str], object] | None = None) -> dict[str, pd.DataFrame]:
    """Extract every table from a file or a folder of white-paper sections.

    Returns {table name: DataFrame}, the same tables `extract run` writes (docs/tables.md):
    documents (one row per file), sections, footnotes, figures, dates, money, quantities,
    countries, entities and acronyms. Columns have nullable dtypes: whole numbers Int64,
    flags boolean, the rest string (amounts stay exact decimal strings).

    `path`: a folder (searched recursively; hidden files and Markdown notes skipped) or
    one file. Each file's edition comes from the nearest file or folder name that names
    one (raw/2022/…, raw/r04/…, raw/令和4年版/…, h12.txt); `edition` (2022, "r04",
    "令和4年版") sets it for every file instead. Files whose edition cannot be told get
    an empty edition and a logged warning.
    `jobs`: worker processes; the tables are the same for any number.
    `progress`: called after each file as progress(done, total, doc_id), e.g. to drive a
    progress bar; files are reported in the order they finish.

    A file that cannot be read or decoded does not raise: it gets a row in `documents`
    with `error` saying why, and no mentions. Raises FileNotFoundError when `path` does
    not exist, NoFilesError (a ValueError) when it holds no file, ValueError for an
    edition that names none.
    """
    year = edition_value(edition)
    found = sources(path, year)
    unknown = [s.doc_id for s in found if s.edition is None]
    if unknown:
        log.warning("no edition for %d file(s): %s; name a folder or the file for its edition "
                    "(raw/2022/…, raw/r04/…, h12.txt) or give one (--edition, edition=)",
                    len(unknown), ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else ""))
    collected: dict[str, list] = {name: [] for name in schemas()}
    with closing(_map(process_file, found, jobs)) as results:
        for done, (doc_row, rows) in enumerate(results, start=1):
            collected["documents"].append(doc_row)
            for name, table_rows in rows.items():
                collected[name].extend(table_rows)
            log.debug("%s: %s", doc_row["doc_id"], doc_row["error"] or ", ".join(
                f"{len(r)} {name}" for name, r in sorted(rows.items()) if r))
            if progress is not None:
                progress(done, len(found), doc_row["doc_id"])
    return {name: frame(collected[name], cols, order) for name, (cols, order) in schemas().items()}


def _map(fn, items: list, jobs: int):
    if jobs <= 1 or len(items) <= 1:
        yield from map(fn, items)
        return
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(items)), initializer=_worker_signals)
    try:
        yield from pool.imap(fn, items, chunksize=1)
    except BaseException:
        pool.terminate()            # a failure or an interrupt: stop the workers now
        raise
    else:
        pool.close()                # done: let the workers finish and exit on their own
    finally:
        pool.join()


def _worker_signals() -> None:
    """Workers leave interrupts to the parent: Ctrl-C reaches the whole process group and
    the parent stops the pool, and SIGTERM from pool.terminate() ends a worker without the
    parent's KeyboardInterrupt handler (inherited through fork) printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _Clock:
    """Adds the seconds spent in each stage to `timings` (for the benchmark)."""

    def __init__(self, timings: dict | None):
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
