"""The flow for a folder: files → documents → recognizers → tables.

Each document is processed on its own and the model's work in fixed chunks (so `--jobs
N` gives the same tables as one process, and so does the cache); tables are assembled
and sorted at the end. The processes of `--jobs N` are pool.py's.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator

import pandas as pd

from .cache import Cache, code_hash, key as cache_key, rules_hash
from .inputs import Source, sources
from .pool import ModelAnswers, Work, work_in_processes
from .recognize import countries, dates, entities, money, nlp, quantities
from .recognize.nlp import versions
from .read.document import Document, Mention
from .read.layout import MARKER_DISPLAY
from .read.editions import edition_value
from .read.reading import InputError, read_document
from .read.sections import section_rows
from .tables import FIXED, FIXED_ORDER, frame, mention_columns

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


# --- rows of a document (the tables' schemas are in tables.py) ---------------

def mention_row(doc: Document, m: Mention) -> dict:
    s, e = m.original_span()
    row = {"doc_id": doc.doc_id, "edition": doc.edition, "section": m.segment.section,
           "start": s, "end": e, "surface": doc.text[s:e], "text": m.clean_text}
    row.update(m.values)
    row["context"] = m.segment.sentence(m.start, m.end)
    return row


def footnote_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, "section": seg.section, "marker": MARKER_DISPLAY[seg.lines[0].style].format(seg.lines[0].number),
             "text": seg.text, "start": seg.lines[0].start, "end": seg.lines[-1].end}
            for seg in doc.segments if seg.kind == "footnote"]


def figure_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, "section": seg.section, "number": seg.lines[0].number,
             "title": seg.lines[0].title, "start": seg.lines[0].start, "end": seg.lines[0].end}
            for seg in doc.segments if seg.kind == "caption"]



def run(path: str | os.PathLike, edition: int | str | None = None, jobs: int = 1,
        progress: Callable[[int, int, str], object] | None = None,
        cache: Cache | None = None) -> dict[str, pd.DataFrame]:
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
    `jobs`: worker processes (a big book's model work is shared among them too); the
    tables are the same for any number.
    `cache`: a `Cache` (extract.cache): documents already read with the same rules, code
    and versions are taken from it, and so are the model's answers for windows already
    seen; None (the default) reads everything afresh.
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
    for done, (doc_row, rows) in enumerate(_process(found, jobs, cache), start=1):
        collected["documents"].append(doc_row)
        for name, table_rows in rows.items():
            collected[name].extend(table_rows)
        log.debug("%s: %s", doc_row["doc_id"], doc_row["error"] or ", ".join(
            f"{len(r)} {name}" for name, r in sorted(rows.items()) if r))
        if progress is not None:
            progress(done, len(found), doc_row["doc_id"])
    if cache is not None:
        cache.prune()
    return {name: frame(collected[name], cols, order) for name, (cols, order) in schemas().items()}


def _read(index: int, source: Source, keyed: bool) -> tuple[dict, Work | None]:
    """(documents row, work) for one file; a bad file gives an error row and no work."""
    row = {"doc_id": source.doc_id, "edition": source.edition, "encoding": None, "sha256": None,
           "chars": None, "title": None, "error": None}
    try:
        raw = read_document(source.path)
    except InputError as e:
        return {**row, "error": str(e)}, None
    row.update(encoding=raw.encoding, sha256=raw.sha256, chars=len(raw.text))
    key = (cache_key(raw.sha256, source.doc_id, source.edition, rules_hash(), code_hash(), versions())
           if keyed else "")
    return row, Work(index, row, raw.text, key)


def _process(found: list[Source], jobs: int, cache: Cache | None) -> Iterator[tuple[dict, dict[str, list]]]:
    """(documents row, other rows) of every file, in order. Every file is read and looked
    up in the cache first; what remains is worked on here (jobs 1) or by processes."""
    done: dict[int, tuple[dict, dict]] = {}
    todo: list[Work] = []
    for i, source in enumerate(found):
        row, work = _read(i, source, keyed=cache is not None)
        hit = cache.get("docs", work.key) if cache is not None and work is not None else None
        if work is None:
            done[i] = (row, {})
        elif hit is not None:
            done[i] = ({**row, "title": hit["title"]}, hit["rows"])
        else:
            todo.append(work)
    worked = (_work_here(todo, cache) if jobs <= 1 or not todo
              else work_in_processes(todo, jobs, cache, _rows))
    for i in range(len(found)):
        while i not in done:
            work, rows = next(worked)
            done[work.index] = ({**work.row, "title": rows.pop("_title")}, rows)
        yield done.pop(i)
    next(worked, None)          # lets the processes finish and be joined


def _rows(work: Work, cache: Cache | None) -> dict[str, list]:
    rows = process_text(work.row["doc_id"], work.text, work.row["edition"])
    if cache is not None:
        cache.put("docs", work.key, {"title": rows["_title"], "rows": {k: v for k, v in rows.items() if k != "_title"}})
    return rows


def _work_here(todo: list[Work], cache: Cache | None) -> Iterator[tuple[Work, dict]]:
    with nlp.answering(ModelAnswers(cache, nlp.read_chunks)):
        for work in todo:
            yield work, _rows(work, cache)


class _Clock:
    """Adds the CPU seconds spent in each stage to `timings` (for the benchmark: CPU, so
    that other work on shared cores does not count)."""

    def __init__(self, timings: dict | None):
        self.timings, self.last = timings, time.process_time()

    def lap(self, stage: str) -> None:
        now = time.process_time()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
