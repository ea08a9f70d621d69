"""Pairing mentions of two editions by where they stand: the common machinery of the
value facts (amounts, counts, dates) and the members (countries, entities).

A mention is an `Item`: its row, its sentence, the words around it, its section and
what it must agree on. Two items score by how alike their sentences and their
surroundings are (IDF-weighted, numbers masked: similarity.py) and whether their
sections are aligned. Pairs are taken best first, each item at most once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import load_toml
from .sentences import Alignment
from .similarity import TextSpace, window


def settings() -> dict:
    """Thresholds and weights of the matching: rules/diff.toml (docs/diff.md)."""
    return load_toml("diff.toml")


@dataclass
class Item:
    row: dict
    sentence: str
    local: str
    section: str
    order: int
    value: str = ""         # equal values: unchanged; different: changed
    group: str = ""         # what two items must share to be paired at all
    key: str = ""           # what the item is (a country's code, an entity's key)
    anchors: frozenset = frozenset()    # the countries and entities of its clause
    extra: dict = field(default_factory=dict)


def item(row: dict, value: str = "", group: str = "", key: str = "", **extra) -> Item:
    context = row.get("context") or ""
    text = row.get("text") or row.get("surface") or ""
    chars = settings()["window"]["chars"]
    order = as_int(row.get("start"))
    return Item(row, context, window(context, text, chars, row.get("_nth", 0)), row.get("section") or "", order,
                value, group, key, extra=extra)


class Scorer:
    """Scores of item pairs in one pair of aligned units (documents or book sections)."""

    def __init__(self, space: TextSpace, mapping: dict[str, str], alignment: Alignment):
        self.space, self.mapping, self.alignment = space, mapping, alignment
        self.weights = settings()["weights"]

    def sentence(self, a: str, b: str) -> float:
        """How alike an old sentence and a new one are."""
        return self.alignment.similarity(a, b)

    def aligned(self, a: str, b: str) -> bool:
        """An old sentence and a new one are one statement (sentences.py)."""
        return self.alignment.aligned(a, b)

    def same_place(self, o: Item, n: Item) -> bool:
        """In aligned sections, or in sentences alike on their own: two sentences in order
        between alike statements but under sections that do not match are not one place."""
        return self.mapping.get(o.section) == n.section or \
            self.sentence(o.sentence, n.sentence) >= settings()["aligned_min"]

    def local(self, o: Item, n: Item) -> float:
        return self.space.similarity(o.local, n.local)

    def score(self, o: Item, n: Item) -> float:
        w = self.weights
        return (w["sentence"] * self.sentence(o.sentence, n.sentence) + w["local"] * self.local(o, n)
                + w["section"] * (self.mapping.get(o.section) == n.section))


def number_occurrences(rows: list[dict]) -> None:
    """Each row learns which occurrence of its text in its sentence it is (`_nth`)."""
    seen: dict[tuple[str, str], int] = {}
    for r in sorted(rows, key=lambda r: as_int(r.get("start"))):
        k = (r.get("context") or "", r.get("text") or "")
        r["_nth"] = seen.get(k, 0)
        seen[k] = r["_nth"] + 1


def as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def country_key(row: dict) -> str:
    """What a country row is compared by: its code (a region its name) and kind."""
    return (row.get("code") or row.get("name_ja") or "") + "|" + (row.get("kind") or "")


def anchors_differ(o: Item, n: Item) -> bool:
    """Their clauses name different countries (日豪間で…「日豪サイバー協議」 and
    日露間で…「日露サイバー協議」): not one fact. Other names may change with the fact
    (the focus groups set up in FY2018 and in FY2019)."""
    a = {k for k in o.anchors if k.startswith("c:")}
    b = {k for k in n.anchors if k.startswith("c:")}
    return bool(a) and bool(b) and not (a & b)


def take_best(candidates: list[tuple[float, int, int]], pair: dict[int, int], taken: set[int]) -> None:
    """Pairs best first (ties: the closest in reading order, then the first), each side once."""
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], abs(c[1] - c[2]), c[1], c[2])):
        if i not in pair and j not in taken:
            pair[i] = j
            taken.add(j)
