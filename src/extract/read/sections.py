"""Heading levels from the numbering of the whole document, and the section path of
every segment.

PDF text keeps a heading's number but not its font, so 「4 戦略的国際標準化の推進」
(a sub-section) and 「4 デジタル分野の経済安全保障の確保」 (a top-level section) look
alike. Each heading is placed where its number continues a sibling (n = previous + 1)
or starts children (n = 1); a beam search over the whole document keeps the placements
whose numbering stays consistent, with figure numbers (図表 4-8-5-1 lies in top-level
section 5) as evidence.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from .cleanview import Marker, Segment
from .layout import Line

# Styles that may follow one another as parent and child, shallowest first. Arabic may
# nest in arabic (「1 概要」 › 「1 これまでの取組」).
STYLE_RANK = {"arabic": 1, "paren_arabic": 2, "kana": 3, "paren_kana": 4, "latin": 5}
# Book divisions above the numbered headings, outermost first (the last kanji of 第N部).
CHAPTER_RANK = {"部": 1, "章": 2, "節": 3}
KANA_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"

# Costs of the beam search; lower is better.
COST_POP = 1          # per level closed to place a sibling higher up: prefer continuing deeper
COST_ODD_CHILD = 5    # a child of a deeper style (「1 …」 under 「ア …」)
COST_BROKEN = 10      # a number that continues nothing (a gap in the numbering)
COST_FIGURE = 20      # a figure number that contradicts the top-level section
COST_SAME_CHILD = 2   # per ancestor of the same style: 「1 概要」 › 「1 これまでの取組」 once is usual
COST_RESTART = 3      # a 1 of the top style opening a new top-level run (a chapter without its 第N章 line)
BEAM = 32


@dataclass(frozen=True)
class Heading:
    line: Line
    level: int          # 0 for chapter-like headings (第8節), 1 for the top numbered level
    path: str
    number: str
    title: str


def ordinal(style: str, number: str) -> int:
    core = number.strip("()（）")
    if style in ("kana", "paren_kana"):
        return KANA_ORDER.index(core) + 1
    if style == "latin":
        return ord(core.upper()) - ord("A") + 1
    return int(core)


def infer_headings(lines: list[Line]) -> list[Heading]:
    events = [ln for ln in lines if ln.kind == "heading" or (ln.kind == "caption" and ln.number.count("-") >= 3)]
    # Each beam entry: (cost, stack of (style, ordinal, number), placements so far)
    beam: list[tuple[int, tuple, tuple]] = [(0, (), ())]
    for ev in events:
        nxt = []
        for cost, stack, placed in beam:
            if ev.kind == "caption":
                top = int(ev.number.split("-")[2])
                ok = bool(stack) and stack[0][0] == "arabic" and stack[0][1] == top
                nxt.append((cost + (0 if ok else COST_FIGURE), stack, placed))
                continue
            if ev.style == "chapter":
                nxt.append((cost, (), placed + (0,)))
                continue
            for extra, new_stack in _placements(stack, ev):
                nxt.append((cost + extra, new_stack, placed + (len(new_stack),)))
        nxt.sort(key=lambda t: t[0])
        beam = nxt[:BEAM]
    best = beam[0][2] if beam else ()
    return _paths([e for e in events if e.kind == "heading"], best)


def _paths(lines: list[Line], levels) -> list[Heading]:
    """Headings with their paths. In a book (more than one 第N部/章/節) the divisions are
    the outer parts of the path (`第2章.第3節.2.(1)`); a lone 第8節 heading a section file
    is its title, level 0, outside the paths (`2.(1)`)."""
    book = sum(ln.style == "chapter" for ln in lines) > 1
    headings, chapters, stack = [], [], []
    for ln, level in zip(lines, levels):
        if ln.style == "chapter":
            stack = []
            if not book:
                headings.append(Heading(ln, 0, "", ln.number, ln.title))
                continue
            rank = CHAPTER_RANK[ln.number[-1]]
            chapters = [c for c in chapters if CHAPTER_RANK[c[-1]] < rank] + [ln.number]
            headings.append(Heading(ln, len(chapters), ".".join(chapters), ln.number, ln.title))
            continue
        stack = stack[:level - 1] + [_display(ln)]
        path = chapters + stack
        headings.append(Heading(ln, len(path), ".".join(path), _display(ln), ln.title))
    return headings


def _display(ln: Line) -> str:
    """The number as written, with parentheses folded to ASCII: 「（ア）」 → 「(ア)」."""
    return ln.number.replace("（", "(").replace("）", ")")


def _placements(stack: tuple, ln: Line):
    n = ordinal(ln.style, ln.number)
    entry = (ln.style, n, ln.number)
    options = []
    for depth in range(len(stack) - 1, -1, -1):
        style, prev, _ = stack[depth]
        if style == ln.style and n == prev + 1:
            options.append((COST_POP * (len(stack) - 1 - depth), stack[:depth] + (entry,)))
    if n == 1:
        odd = stack and STYLE_RANK[ln.style] < STYLE_RANK[stack[-1][0]]
        same = sum(style == ln.style for style, _, _ in stack)
        options.append(((COST_ODD_CHILD if odd else 0) + COST_SAME_CHILD * same, stack + (entry,)))
        if stack and stack[0][0] == ln.style:
            options.append((COST_RESTART, (entry,)))
    if not options:
        same = [d for d, (style, _, _) in enumerate(stack) if style == ln.style]
        depth = same[-1] if same else len(stack)
        options.append((COST_BROKEN, stack[:depth] + (entry,)))
    return options


def assign_sections(segments: list[Segment], headings: list[Heading], markers: list[Marker]) -> None:
    """Give each segment the path of the heading above it; a footnote body takes the
    section of the paragraph holding its marker when there is one."""
    starts = [h.line.start for h in headings]

    def path_at(pos: int) -> str:
        i = bisect.bisect_right(starts, pos)
        return headings[i - 1].path if i else ""

    first_marker = {}
    for m in markers:
        first_marker.setdefault(m.marker, m.start)
    for seg in segments:
        if seg.kind == "footnote" and seg.lines[0].number in first_marker:
            seg.section = path_at(first_marker[seg.lines[0].number])
        else:
            seg.section = path_at(seg.start)


def section_rows(doc_id: str, headings: list[Heading], text_length: int) -> list[dict]:
    """One row per heading; start..end is the whole section, up to the next heading at
    the same or a higher level."""
    rows = []
    for i, h in enumerate(headings):
        end = text_length
        for later in headings[i + 1:]:
            if later.level <= h.level:
                end = later.line.start
                break
        rows.append({"doc_id": doc_id, "section": h.path, "level": h.level, "number": h.number,
                     "title": h.title, "start": h.line.start, "end": end})
    return rows
