"""The process pool of `--jobs N`: document processes and model processes.

`--jobs N` starts N document processes (read, clean view, rules: a document's rules need
the whole document, since 同年, 同国 and acronyms reach across sections) and N model
processes. A document process hands its model windows over in chunks, a section or a
few at a time, and waits for the answers; any idle model process takes the next chunk.
So one big book keeps every core busy on its model work, the largest share. Documents
are handed out largest first; rows come back in file order. What a document process does
with a document is the flow's (pipeline.py), handed in as `rows_of`.
"""
from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .cache import Cache, key as cache_key
from .recognize import nlp


@dataclass
class Work:
    """A document to work on: its documents row and decoded text, and its cache key."""
    index: int
    row: dict
    text: str
    key: str


class ModelAnswers:
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


TEXT_PER_MODEL_PROCESS = 50_000      # characters of text: about one chunk of windows


RowsOf = Callable[[Work, "Cache | None"], dict[str, list]]


def work_in_processes(todo: list[Work], jobs: int, cache: Cache | None,
                      rows_of: RowsOf) -> Iterator[tuple[Work, dict]]:
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
    procs += [ctx.Process(target=_document_process, args=(w, tasks, results, chunk_requests, replies[w], cache, rows_of),
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


def _document_process(worker: int, tasks, results, chunk_requests, reply, cache: Cache | None,
                      rows_of: RowsOf) -> None:
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

    with nlp.answering(ModelAnswers(cache, remote)):
        while (work := tasks.get()) is not None:
            try:
                results.put((work.index, rows_of(work, cache), None))
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


