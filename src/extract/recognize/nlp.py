"""Language models, loaded once per process and shared by every document.

GiNZA is loaded with only what entity recognition needs (tok2vec and ner): the parser
and the rest would cost load time, memory and every call. Its matrix products go to
numpy's BLAS, not to the BLIS that spaCy uses by default: the BLIS wheels run a generic
kernel on this kind of CPU, at half the speed (docs/performance.md). The BLAS is held to
one thread while the model runs, so `--jobs N` processes do not fight over the cores.

The entity stage hands over short windows of text (`entities`). They are answered in
chunks, one or more sections at a time: a chunk is the unit of model work that
`--jobs N` spreads over processes and that the cache keeps (pipeline.py, cache.py). A
chunk is always read in the same batches, wherever and whenever it runs, so the answers
are the same bytes with any number of processes, cached or not.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from functools import cache, lru_cache

GINZA_MODEL = "ja_ginza"
GINZA_KEEP = ("tok2vec", "ner")
GINZA_DROP = ("parser", "attribute_ruler", "morphologizer", "compound_splitter", "bunsetu_recognizer")
# Texts per nlp.pipe batch. The windows are a few dozen tokens; measured twice on the five
# books' windows, 32 reads fastest, 8 to 256 within 10% of it, 1 at 60% (docs/performance.md).
BATCH_SIZE = 32
# Window characters per chunk: about half a second of model work, so the five books make
# 13 chunks to share among processes. A chunk closes at a section boundary once it has
# this many characters (or at four times as many inside one long section).
CHUNK_CHARS = 2_000

Entities = list[tuple[int, int, str]]           # (start, end, GiNZA label) in one text
Answer = Callable[[list[list[str]]], list[list[Entities]]]


@cache
def ginza():
    import spacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(GINZA_MODEL, exclude=list(GINZA_DROP))
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in GINZA_KEEP])
    return nlp


def entities(texts: list[str], sections: list[str] | None = None) -> list[Entities]:
    """GiNZA's entities of each text: (start, end, GiNZA label), character offsets.
    `sections` (the section path of each text) decides where chunks may close."""
    groups = chunks(texts, sections or [""] * len(texts))
    out: list[Entities] = [[] for _ in texts]
    for idx, answers in zip(groups, _answer([[texts[i] for i in idx] for idx in groups])):
        for i, found in zip(idx, answers):
            out[i] = found
    return out


def chunks(texts: list[str], sections: list[str]) -> list[list[int]]:
    """Indices of texts in chunks of about CHUNK_CHARS characters, closed where the first
    two levels of the section path change."""
    out: list[list[int]] = []
    size, head = 0, None
    for i, (text, section) in enumerate(zip(texts, sections)):
        h = ".".join(section.split(".")[:2])
        if not out or (size >= CHUNK_CHARS and h != head) or size >= 4 * CHUNK_CHARS:
            out.append([])
            size = 0
        out[-1].append(i)
        size += len(text)
        head = h
    return out


def read_chunk(texts: list[str]) -> list[Entities]:
    """GiNZA's entities of one chunk. A text that comes twice (a caption or a phrase
    repeated) is read once."""
    unique = list(dict.fromkeys(texts))
    with _one_blas_thread():
        found = {text: [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                 for text, doc in zip(unique, ginza().pipe(unique, batch_size=BATCH_SIZE))}
    return [found[text] for text in texts]


def read_chunks(groups: list[list[str]]) -> list[list[Entities]]:
    return [read_chunk(texts) for texts in groups]


_answer: Answer = read_chunks


@contextmanager
def answering(answer: Answer):
    """Chunks are answered by `answer` (from the cache, by other processes) meanwhile."""
    global _answer
    previous, _answer = _answer, answer
    try:
        yield
    finally:
        _answer = previous


@cache
def chunk_identity() -> list:
    """What a chunk's answers depend on besides its texts: the model's packages and
    how this module calls them (its source)."""
    import hashlib
    from pathlib import Path

    return [versions(("spacy", "thinc", "ginza", "ja-ginza", "sudachipy", "sudachidict-core", "numpy")),
            GINZA_KEEP, BATCH_SIZE, hashlib.sha256(Path(__file__).read_bytes()).hexdigest()]


def _one_blas_thread():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:         # pragma: no cover - a dependency; slower without, same output
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@cache
def tagger():
    import fugashi

    return fugashi.Tagger()


def word_at(text: str, s: int, upto: int, reach: int = 12):
    """(end, feature) of the word the tokenizer cuts out starting at text[s], reading
    text[s - reach:upto] (the words around decide the cut); None when no word starts
    there."""
    a = max(0, s - reach)
    window, pos = text[a:min(len(text), upto)], 0
    for w in tagger()(window):
        at = window.find(w.surface, pos)
        pos = at + len(w.surface)
        if a + at == s:
            return a + pos, w.feature
        if a + at > s:
            return None
    return None


@lru_cache(maxsize=1 << 16)
def tagged(text: str) -> tuple[tuple[str, str, str], ...]:
    """(surface, pos2, pos3) of each word of text. Kept: the stages ask about the same
    sentences and names again and again. Read from the raw feature string: building
    fugashi's feature tuple for every word costs as much as the tokenizing."""
    out = []
    for w in tagger()(text):
        pos = w.feature_raw.split(",", 3)           # the POS fields never hold a comma
        out.append((w.surface, pos[1] if len(pos) > 1 else "", pos[2] if len(pos) > 2 else ""))
    return tuple(out)


MANIFEST_PACKAGES = ("extract", "spacy", "ginza", "ja-ginza", "fugashi", "unidic-lite", "pandas", "pycountry")


def versions(packages=MANIFEST_PACKAGES) -> dict[str, str]:
    """Versions for the run manifest: GiNZA's label scheme has changed between releases."""
    return dict(_versions(tuple(packages)))


@cache
def _versions(packages: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for pkg in packages:
        try:
            out.append((pkg, version(pkg)))
        except PackageNotFoundError:
            out.append((pkg, ""))
    return tuple(out)
