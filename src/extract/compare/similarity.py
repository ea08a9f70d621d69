"""How alike two pieces of text are, for matching facts across editions.

Texts compare as character bigrams of their folded form with every number masked (so
「累計約788億円」 and 「累計約1,030億円」 read alike), each bigram weighted by how rare it
is among the sentences of both editions (IDF): sharing 「アンゴラ」 or 「受注」 says much
more than sharing 「している」. The measure is the cosine of the two weighted vectors,
0 (nothing shared) to 1 (the same text).
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import numpy as np

_NUMBER = re.compile(r"[0-9〇一二三四五六七八九十百千万億兆.,]+")
_SPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """A text as it is compared, NFKC with spaces removed: 「（JICT） 2 や」 and 「(JICT)2や」
    compare equal. (Not read/fold.py's fold, which keeps ① and ㈱ for the clean view.)"""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def masked(text: str) -> str:
    return _NUMBER.sub("#", comparable(text))


def bigrams(text: str) -> Counter:
    s = masked(text)
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


class TextSpace:
    """IDF weights from a set of texts (the sentences of two editions), and the cosine
    of any two texts under them."""

    def __init__(self, texts: Iterable[str]):
        df: Counter = Counter()
        n = 0
        for t in set(texts):
            df.update(set(bigrams(t)))
            n += 1
        self._df, self._n = df, n
        self._cache: dict[str, tuple[dict[str, float], float]] = {}

    def idf(self, gram: str) -> float:
        return math.log((self._n + 1) / (self._df.get(gram, 0) + 1)) + 1

    def vector(self, text: str) -> tuple[dict[str, float], float]:
        """The weighted bigrams of a text and their norm (cached per text)."""
        hit = self._cache.get(text)
        if hit is None:
            vec = {g: c * self.idf(g) for g, c in bigrams(text).items()}
            hit = (vec, math.sqrt(sum(v * v for v in vec.values())))
            self._cache[text] = hit
        return hit

    def similarity(self, a: str, b: str) -> float:
        if a == b:
            return 1.0 if a else 0.0
        (va, na), (vb, nb) = self.vector(a), self.vector(b)
        if not na or not nb:
            return 0.0
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(w * vb.get(g, 0.0) for g, w in va.items()) / (na * nb)

    def matrix(self, rows: list[str], columns: list[str]) -> np.ndarray:
        """similarity(rows[i], columns[j]) for every i, j at once."""
        vocab: dict[str, int] = {}
        for t in rows + columns:
            for g in self.vector(t)[0]:
                vocab.setdefault(g, len(vocab))

        def dense(texts: list[str]) -> np.ndarray:
            m = np.zeros((len(texts), max(len(vocab), 1)))
            for i, t in enumerate(texts):
                vec, norm = self.vector(t)
                if norm:
                    for g, w in vec.items():
                        m[i, vocab[g]] = w / norm
            return m

        return dense(rows) @ dense(columns).T


def find_nth(context: str, text: str, nth: int = 0) -> int:
    """Where the nth occurrence of `text` starts in `context` (the last one if fewer), -1
    when it is not there: two 「同年3月」 in one sentence are two places."""
    at = -1
    for _ in range(nth + 1):
        nxt = context.find(text, at + 1) if text else -1
        if nxt < 0:
            break
        at = nxt
    return at


def window(context: str, text: str, chars: int, nth: int = 0) -> str:
    """The words around a mention in its sentence: `chars` characters on each side, with
    the mention itself as one mark (its value must not count)."""
    at = find_nth(context, text, nth)
    if at < 0:
        return context
    return context[max(0, at - chars):at] + "〓" + context[at + len(text):at + len(text) + chars]


def ratio(a: str, b: str) -> float:
    """difflib's ratio of two short strings (titles, names)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
