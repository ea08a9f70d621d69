"""The flow for a folder: files → documents → recognizers → tables.

Each document is processed on its own and the model's work in fixed chunks (so `--jobs
N` gives the same tables as one process, and so does the cache); tables are assembled
and sorted at the end.
"""
from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from .cache import Cache, code_hash, key as cache_key, rules_hash
from .inputs import Source, sources
from .recognize import countries, dates, entities, money, nlp, quantities
from .recognize.nlp import versions
from .read.document import Document, Mention
from .read.layout import MARKER_DISPLAY
from .read.reading import InputError, edition_value, read_document
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


@dataclass
class _Work:
    """A document to work on: its documents row and decoded text, and its cache key."""
    index: int
    row: dict
    text: str
    key: str


def _read(index: int, source: Source, keyed: bool) -> tuple[dict, _Work | None]:
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
    return row, _Work(index, row, raw.text, key)


def _process(found: list[Source], jobs: int, cache: Cache | None) -> Iterator[tuple[dict, dict[str, list]]]:
    """(documents row, other rows) of every file, in order. Every file is read and looked
    up in the cache first; what remains is worked on here (jobs 1) or by processes."""
    done: dict[int, tuple[dict, dict]] = {}
    todo: list[_Work] = []
    for i, source in enumerate(found):
        row, work = _read(i, source, keyed=cache is not None)
        hit = cache.get("docs", work.key) if cache is not None and work is not None else None
        if work is None:
            done[i] = (row, {})
        elif hit is not None:
            done[i] = ({**row, "title": hit["title"]}, hit["rows"])
        else:
            todo.append(work)
    worked = _work_here(todo, cache) if jobs <= 1 or not todo else _work_in_processes(todo, jobs, cache)
    for i in range(len(found)):
        while i not in done:
            work, rows = next(worked)
            done[work.index] = ({**work.row, "title": rows.pop("_title")}, rows)
        yield done.pop(i)
    next(worked, None)          # lets the processes finish and be joined


def _rows(work: _Work, cache: Cache | None) -> dict[str, list]:
    rows = process_text(work.row["doc_id"], work.text, work.row["edition"])
    if cache is not None:
        cache.put("docs", work.key, {"title": rows["_title"], "rows": {k: v for k, v in rows.items() if k != "_title"}})
    return rows


def _work_here(todo: list[_Work], cache: Cache | None) -> Iterator[tuple[_Work, dict]]:
    with nlp.answering(_ModelAnswers(cache, nlp.read_chunks)):
        for work in todo:
            yield work, _rows(work, cache)


class _ModelAnswers:
    """Answers chunks of windows from the cache, else by `compute` (here, or by the model
    processes), and keeps what was computed."""

    def __init__(self, cache: Cache | None, compute: nlp.Answer):
        self.cache, self.compute = cache, compute

    def __call__(self, groups: list[list[str]]) -> list[list[nlp.Entities]]:
        if self.cache is None:
            return self.compute(groups)
        keys = [cache_key(nlp.chunk_identity(), texts) for texts in groups]
        out = [self.cache.get("model", k) for k in keys]
        missing = [j for j, found in enumerate(out) if found is None]
        for j, answers in zip(missing, self.compute([groups[j] for j in missing])):
            self.cache.put("model", keys[j], answers)
            out[j] = answers
        return out


# --- processes ---------------------------------------------------------------
# `--jobs N` starts N document processes (read, clean view, rules: a document's rules need
# the whole document, since 同年, 同国 and acronyms reach across sections) and N model
# processes. A document process hands its model windows over in chunks, a section or a
# few at a time, and waits for the answers; any idle model process takes the next chunk.
# So one big book keeps every core busy on its model work, the largest share. Documents
# are handed out largest first; rows come back in file order.

TEXT_PER_MODEL_PROCESS = 50_000      # characters of text: about one chunk of windows


def _work_in_processes(todo: list[_Work], jobs: int, cache: Cache | None) -> Iterator[tuple[_Work, dict]]:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    tasks, results, chunk_requests = ctx.Queue(), ctx.Queue(), ctx.Queue()
    n_docs = min(jobs, len(todo))
    replies = [ctx.Queue() for _ in range(n_docs)]
    for work in sorted(todo, key=lambda w: -len(w.text)):
        tasks.put(work)
    for _ in range(n_docs):
        tasks.put(None)
    # A model process costs a model load (1 to 2 s): a short text's few windows need one.
    n_models = max(1, min(jobs, sum(len(w.text) for w in todo) // TEXT_PER_MODEL_PROCESS))
    procs = [ctx.Process(target=_model_process, args=(chunk_requests, replies), daemon=True)
             for _ in range(n_models)]
    procs += [ctx.Process(target=_document_process, args=(w, tasks, results, chunk_requests, replies[w], cache),
                          daemon=True) for w in range(n_docs)]
    try:
        for p in procs:
            p.start()
        for _ in todo:
            index, rows, error = _next_result(results, procs)
            if error is not None:
                raise error
            yield next(w for w in todo if w.index == index), rows
        for _ in range(n_models):
            chunk_requests.put(None)
        for p in procs:
            p.join()
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join()
        for q in (tasks, chunk_requests):
            q.cancel_join_thread()      # texts no process will read must not hold up the exit


def _next_result(results, procs):
    import queue

    while True:
        try:
            return results.get(timeout=0.5)
        except queue.Empty:
            dead = [p for p in procs if p.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(f"a worker process ended with exit code {dead[0].exitcode}")


def _quiet_signals() -> None:
    """Workers leave Ctrl-C to the main process (which ends them) and die quietly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _document_process(worker: int, tasks, results, chunk_requests, reply, cache: Cache | None) -> None:
    _quiet_signals()
    asked = 0

    def remote(groups: list[list[str]]) -> list[list[nlp.Entities]]:
        nonlocal asked
        asked += 1
        for j, texts in enumerate(groups):
            chunk_requests.put((worker, asked, j, texts))
        out: list = [None] * len(groups)
        for _ in groups:
            request, j, answers = reply.get()
            if isinstance(answers, BaseException):
                raise answers
            out[j] = answers
        return out

    with nlp.answering(_ModelAnswers(cache, remote)):
        while (work := tasks.get()) is not None:
            try:
                results.put((work.index, _rows(work, cache), None))
            except Exception as e:          # reported by the main process
                results.put((work.index, None, _picklable(e)))


def _model_process(chunk_requests, replies) -> None:
    _quiet_signals()
    nlp.ginza()         # loads while the document processes run their rules
    while (request := chunk_requests.get()) is not None:
        worker, asked, j, texts = request
        try:
            answers = nlp.read_chunk(texts)
        except Exception as e:
            answers = _picklable(e)
        replies[worker].put((asked, j, answers))


def _picklable(error: Exception) -> Exception:
    """The error itself if it can cross to another process, else a RuntimeError saying it
    (an unpicklable one would be lost on the way, and the run would wait for it)."""
    import pickle
    import traceback

    try:
        pickle.dumps(error)
        return error
    except Exception:
        return RuntimeError("".join(traceback.format_exception_only(error)).strip())


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
