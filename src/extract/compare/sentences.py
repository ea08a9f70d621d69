"""Which sentences of two editions are one statement.

Two sentences are one statement when they are very alike (similarity ≥ `aligned_min`),
or when they stand in the same order among statements that are alike: the texts are
aligned as two sequences (the heaviest chain of sentence pairs increasing on both sides,
each pair weighing its similarity less `chain_cost`, pairs below `chain_min` left out), so
「2018年11月には、フランス（パリ）において…第13回会合が開催された。」 and 「2019年11月には、
ドイツ（ベルリン）において…第14回会合が開催された。」, little alike word for word, are one
statement in its place: the latest meeting, moved on.
"""
from __future__ import annotations

import numpy as np

from .similarity import TextSpace


class Alignment:
    def __init__(self, space: TextSpace, old: list[str], new: list[str], settings: dict):
        """`old`, `new`: the sentences of each side in reading order, each once."""
        self.old_index = {s: i for i, s in enumerate(old)}
        self.new_index = {s: j for j, s in enumerate(new)}
        self.sim = space.matrix(old, new) if old and new else np.zeros((len(old), len(new)))
        pairs = set(zip(*np.nonzero(self.sim >= settings["aligned_min"])))
        pairs |= set(_chain(self.sim, settings["chain_min"], settings["chain_cost"]))
        self.pairs = {(int(i), int(j)) for i, j in pairs}
        self.old_aligned = {i for i, _ in self.pairs}
        self.new_aligned = {j for _, j in self.pairs}

    def similarity(self, a: str, b: str) -> float:
        i, j = self.old_index.get(a), self.new_index.get(b)
        return float(self.sim[i, j]) if i is not None and j is not None else 0.0

    def aligned(self, a: str, b: str) -> bool:
        return (self.old_index.get(a), self.new_index.get(b)) in self.pairs

    def has_counterpart(self, sentence: str, old: bool) -> bool:
        if old:
            return self.old_index.get(sentence) in self.old_aligned
        return self.new_index.get(sentence) in self.new_aligned


def _chain(sim: np.ndarray, floor: float, cost: float) -> list[tuple[int, int]]:
    """The heaviest chain of cells (i, j) increasing in both, each weighing sim - cost."""
    points = [(int(i), int(j), float(sim[i, j]) - cost) for i, j in zip(*np.nonzero(sim >= floor))]
    points = [p for p in points if p[2] > 0]
    if not points:
        return []
    points.sort()
    n = sim.shape[1]
    tree = _MaxTree(n)
    best: list[tuple[float, int]] = []         # per point: (chain weight ending here, previous point)
    k = 0
    while k < len(points):
        group_end = k
        while group_end < len(points) and points[group_end][0] == points[k][0]:
            group_end += 1
        updates = []
        for idx in range(k, group_end):
            _, j, w = points[idx]
            prev_w, prev = tree.query(j)         # chains ending in a column before j
            best.append((prev_w + w, prev))
            updates.append((j, prev_w + w, idx))
        for j, w, idx in updates:               # same row: not chained with each other
            tree.update(j, w, idx)
        k = group_end
    end = max(range(len(points)), key=lambda p: best[p][0])
    chain = []
    while end >= 0:
        chain.append(points[end][:2])
        end = best[end][1]
    return chain[::-1]


class _MaxTree:
    """Prefix maximum over columns (a Fenwick tree), with the point that holds it."""

    def __init__(self, n: int):
        self.n = n
        self.value = [0.0] * (n + 1)
        self.arg = [-1] * (n + 1)

    def query(self, j: int) -> tuple[float, int]:
        """The best chain ending in a column < j."""
        best, arg = 0.0, -1
        i = j
        while i > 0:
            if self.value[i] > best:
                best, arg = self.value[i], self.arg[i]
            i -= i & -i
        return best, arg

    def update(self, j: int, value: float, arg: int) -> None:
        i = j + 1
        while i <= self.n:
            if value > self.value[i]:
                self.value[i], self.arg[i] = value, arg
            i += i & -i

