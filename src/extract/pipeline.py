"""The flow for a folder: files → documents → recognizers → tables.

Each document is processed on its own (so `--jobs N` gives the same tables as one
process); tables are assembled and sorted at the end.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .recognize import countries, dates, entities, money, quantities
from .read.document import Document
from .read.reading import InputError, parse_edition, read_document
from .read.sections import section_rows
from .write.tables import FIXED, FIXED_ORDER, figure_rows, footnote_rows, frame, mention_columns, mention_row

# Run in this order; each module: TABLE, COLUMNS, recognize(doc) -> list[Mention], and
# optionally EXTRA_TABLES {name: columns} with extra_rows(doc, mentions) -> {name: rows}.
RECOGNIZERS = (dates, money, quantities, countries, entities)
# Notes beside the texts, not texts: raw/SOURCES.md, a README.md in an edition folder.
NOTES = (".md",)


def schemas() -> dict[str, tuple[list[str], list[str]]]:
    """Every table: (columns, sort keys)."""
    out = {name: (cols, FIXED_ORDER[name]) for name, cols in FIXED.items()}
    for rec in RECOGNIZERS:
        out[rec.TABLE] = (mention_columns(rec.COLUMNS), ["doc_id", "start", "end"])
        for name, cols in getattr(rec, "EXTRA_TABLES", {}).items():
            out[name] = (cols, ["doc_id", "start", "end"] if "start" in cols else ["doc_id"])
    return out


def discover(root: Path) -> list[Path]:
    """Every file under root (or root itself), in a stable order. Hidden files and notes
    kept beside the texts (Markdown: raw/SOURCES.md) are skipped. Symlinked folders are
    not followed, so a link loop cannot trap the walk."""
    if root.is_file():
        return [root]
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / f for f in files if not f.startswith(".") and not f.endswith(NOTES))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def doc_id_of(path: Path, root: Path) -> str:
    return path.name if root.is_file() else path.relative_to(root).as_posix()


def edition_of(doc_id: str, override: int | None) -> int | None:
    if override is not None:
        return override
    parts = doc_id.split("/")
    return parse_edition(parts[0]) if len(parts) > 1 else None


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


def process_file(job: tuple[Path, Path, int | None]) -> tuple[dict, dict[str, list]]:
    """(documents row, other rows) for one file; a bad file gives an error row and no rows."""
    path, root, override = job
    doc_id = doc_id_of(path, root)
    edition = edition_of(doc_id, override)
    base = {"doc_id": doc_id, "edition": edition, "encoding": None, "sha256": None,
            "chars": None, "title": None, "error": None}
    try:
        raw = read_document(path)
    except InputError as e:
        return {**base, "error": str(e)}, {}
    base.update(encoding=raw.encoding, sha256=raw.sha256, chars=len(raw.text))
    rows = process_text(doc_id, raw.text, edition)
    base["title"] = rows.pop("_title")
    return base, rows


def run(path: str | os.PathLike, edition: int | None = None, jobs: int = 1,
        progress: Callable[[Iterable], Iterable] | None = None) -> dict[str, pd.DataFrame]:
    """Extract every table from a file or folder: {table name: DataFrame}."""
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"no such file or folder: {root}")
    jobs_list = [(p, root, edition) for p in discover(root)]
    results = _map(process_file, jobs_list, jobs)
    if progress is not None:
        results = progress(results)
    collected: dict[str, list] = {name: [] for name in schemas()}
    for doc_row, rows in results:
        collected["documents"].append(doc_row)
        for name, table_rows in rows.items():
            collected[name].extend(table_rows)
    return {name: frame(collected[name], cols, order) for name, (cols, order) in schemas().items()}


def _map(fn, items: list, jobs: int):
    if jobs <= 1 or len(items) <= 1:
        return map(fn, items)
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(min(jobs, len(items)))
    return _closing(pool, pool.imap(fn, items, chunksize=1))


def _closing(pool, iterator):
    try:
        yield from iterator
    finally:
        pool.terminate()
        pool.join()


class _Clock:
    """Adds the seconds spent in each stage to `timings` (for the benchmark)."""

    def __init__(self, timings: dict | None):
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
