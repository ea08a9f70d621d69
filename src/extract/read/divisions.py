"""Which 第N部/章/節 lines divide the body of a book.

A book repeats its divisions outside the body: the contents, the figure index (図表索引),
summary pages, running titles at a page top, cross-references glued to a line. The body's
divisions are the ones that (a) hold text of their own and (b) number consistently:
within a part chapters go 1, 2, 3 (or go on from the previous part), within a chapter
sections go 1, 2, 3. A dynamic programme over the candidates keeps the best-numbered
choice, each division scoring by the text it holds; a gap (a passage left out) costs a
little, going back costs more (an appendix that numbers again), a listing entry with no
text of its own loses. A candidate glued where headings are rare (after a caption) is
kept only where it continues the numbering exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import Line

RANK = {"部": 1, "章": 2, "節": 3}
FULL = 10            # a division's score: its sentences, up to this many
LISTED = -0.5        # a division with no sentence of its own (a contents entry)
COST_GAP = 0.5       # a number skipped (a passage left out of the copy)
COST_FIRST = 0.5     # a first number that is not 1
COST_BACK = 3.0      # numbering again from 1 (an appendix)
NEVER = float("inf")

_KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_ROMAN = {c: i + 1 for i, c in enumerate("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ")}
_SENTENCE = re.compile(r"[。．]")


@dataclass(frozen=True)
class Candidate:
    index: int           # position in the document's lines
    rank: int            # 1 part, 2 chapter, 3 section
    number: int | None   # None: 終章, 補論 (outside the numbering)
    gain: float
    optional: bool


def rank_of(number: str) -> int:
    return RANK.get(number[-1], 2)


def ordinal(number: str) -> int | None:
    """第12章 → 12, 第十二章 → 12, 第Ⅱ部 → 2, 序章 → 0; 終章 and 補論 → None."""
    if number.startswith("序"):
        return 0
    if not number.startswith("第"):
        return None
    core = number[1:-1]
    if core.isdigit():
        return int(core)
    if all(c in _ROMAN for c in core):
        return sum(_ROMAN[c] for c in core)
    value, digit = 0, 0
    for c in core:
        if c == "十":
            value += (digit or 1) * 10
            digit = 0
        else:
            digit = _KANJI.get(c, 0)
    return value + digit


def body_divisions(text: str, lines: list[Line], candidates: list[int]) -> set[int]:
    """The indexes (into `lines`) of the candidate division lines that divide the body."""
    if len(candidates) == 1 and not lines[candidates[0]].optional:
        return set(candidates)    # one division alone: no numbering to judge it by
    cands = _score(text, lines, candidates)
    # state: numbers in force per rank (part, chapter, section); a chapter number
    # below zero is the last chapter of the previous part, which a new part may go on from.
    best: dict[tuple, tuple[float, tuple]] = {(0, 0, 0): (0.0, ())}
    for c in cands:
        nxt = dict(best)
        for state, (score, chosen) in best.items():
            for cost, new_state in _moves(state, c):
                if cost == NEVER or (c.optional and cost):
                    continue
                value = score + c.gain - cost
                if new_state not in nxt or value > nxt[new_state][0]:
                    nxt[new_state] = (value, chosen + (c.index,))
        best = nxt
    score, chosen = max(best.values(), key=lambda v: (v[0], -len(v[1])))
    return set(chosen)


def _moves(state: tuple, c: Candidate):
    p, ch, s = state
    if c.number is None:                      # 終章, 補論: a chapter outside the numbering
        if c.rank == 2:
            yield 0.0, (p, abs(ch), 0)
        return
    k = c.number
    if c.rank == 1:
        yield _step(p, k), (k, -abs(ch), 0)
    elif c.rank == 2:
        if ch < 0:                            # a new part: chapters start again or go on
            cost = min(_step(0, k), _step(-ch, k))
        else:
            cost = _step(ch, k)
        yield cost, (p, k, 0)
    else:
        yield _step(s, k), (p, abs(ch), k)


def _step(current: int, k: int) -> float:
    """The cost of number k where `current` is in force; a number met again (a running
    title, a contents entry) or going back other than to 1 is never a division."""
    if k == current + 1 or (current == 0 and k == 0):
        return 0.0
    if k > current + 1:
        return COST_FIRST if current == 0 else COST_GAP
    return COST_BACK if k <= 1 else NEVER


def _score(text: str, lines: list[Line], candidates: list[int]) -> list[Candidate]:
    """Each candidate's gain: the sentences it holds before the next candidate, or, for a
    part or chapter whose heading the next (deeper) division follows at once, what that
    one holds."""
    sentences = []
    for a, b in zip(candidates, candidates[1:] + [len(lines)]):
        sentences.append(sum(len(_SENTENCE.findall(text[ln.start:ln.end]))
                             for ln in lines[a + 1:b] if ln.kind == "prose"))
    out = [None] * len(candidates)
    for i in range(len(candidates) - 1, -1, -1):
        line = lines[candidates[i]]
        rank = rank_of(line.number)
        held = sentences[i]
        if not held and i + 1 < len(candidates) and rank_of(lines[candidates[i + 1]].number) > rank:
            held = max(out[i + 1].gain, 0)
        gain = min(held, FULL) if held else LISTED
        out[i] = Candidate(candidates[i], rank, ordinal(line.number), gain, line.optional)
    return out
