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
from dataclasses import dataclass, replace

from .cleanview import Marker, Segment
from .divisions import body_divisions, rank_of
from .layout import Line, listing_labels

# Styles that may follow one another as parent and child, shallowest first. Arabic may
# nest in arabic (「1 概要」 › 「1 これまでの取組」).
STYLE_RANK = {"arabic": 1, "paren_arabic": 2, "kana": 3, "paren_kana": 4, "latin": 5}
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


def infer_headings(text: str, lines: list[Line]) -> tuple[list[Heading], list[Line]]:
    """The headings of a document and its lines as read: a division line that does not
    divide the body (a contents entry, a running title) and what a listing page holds
    become `listing` lines; a glued heading that was not kept goes back into its line."""
    divisions = [i for i, ln in enumerate(lines) if ln.kind == "heading" and ln.style == "chapter"]
    kept = body_divisions(text, lines, divisions)
    listing = _listing(text, lines, [i for i in divisions if i not in kept])
    events = []
    for i, ln in enumerate(lines):
        if i in listing:
            continue
        if ln.kind == "heading" and (ln.style != "chapter" or i in kept):
            events.append(i)
        elif ln.kind == "caption" and ln.number.count("-") >= 3:
            events.append(i)
    levels = _numbered_levels([lines[i] for i in events])
    placed = dict(zip([i for i in events if lines[i].kind == "heading"], levels))
    out: list[Line] = []
    for i, ln in enumerate(lines):
        if ln.optional and placed.get(i) is None:
            out[-1] = ln.whole                  # the line it was cut from, whole again
            continue
        if i in listing or (ln.kind == "heading" and ln.style == "chapter" and i not in kept):
            ln = replace(ln, kind="listing")
        out.append(ln)
    kept_lines = [(lines[i], placed[i]) for i in sorted(placed) if placed[i] is not None]
    book = len(divisions) > 1
    return _paths([ln for ln, _ in kept_lines], [lv for _, lv in kept_lines], book), out


def _listing(text: str, lines: list[Line], rejected: list[int]) -> set[int]:
    """Lines of front and back matter: from a listing label (目次, 図表索引, 参考文献) or a
    division line that holds no text, up to the next sentence of the body."""
    labels = listing_labels()
    starts = set(rejected) | {i for i, ln in enumerate(lines)
                              if ln.kind in ("prose", "heading") and text[ln.start:ln.end].strip() in labels}
    out: set[int] = set()
    for i in sorted(starts):
        if i in out:
            continue
        j = i
        while j < len(lines) and (j == i or not _is_body(text, lines[j])):
            out.add(j)
            j += 1
    return out


def _is_body(text: str, line: Line) -> bool:
    return (line.kind == "prose" and any(c in text[line.start:line.end] for c in "。．")) or \
        (line.kind == "heading" and line.style == "chapter")


def _numbered_levels(events: list[Line]) -> list[int | None]:
    """Levels of the numbered headings (None for an optional heading left out), by the
    beam search; a division resets the numbering."""
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
            if ev.optional:
                nxt.append((cost, stack, placed + (None,)))
                options = [(extra, s) for extra, s in _placements(stack, ev)
                           if extra == 0 and len(s) <= len(stack) and s]
            else:
                options = _placements(stack, ev)
            for extra, new_stack in options:
                nxt.append((cost + extra, new_stack, placed + (len(new_stack),)))
        nxt.sort(key=lambda t: t[0])
        beam = nxt[:BEAM]
    return list(beam[0][2]) if beam else []


def _paths(lines: list[Line], levels, book: bool) -> list[Heading]:
    """Headings with their paths. In a book the divisions are the outer parts of the
    path (`第2章.第3節.2.(1)`); a lone 第8節 heading a section file is its title, level
    0, outside the paths (`2.(1)`). A path met again (a numbering that restarts, a second
    第1章 in an appendix) takes `#2`, `#3` …, and the headings under it inherit it."""
    headings, chapters, stack = [], [], []
    seen: dict[str, int] = {}

    def unique(path: str) -> str:
        seen[path] = seen.get(path, 0) + 1
        return path if seen[path] == 1 else f"{path}#{seen[path]}"

    for ln, level in zip(lines, levels):
        if ln.style == "chapter":
            stack = []
            if not book:
                headings.append(Heading(ln, 0, "", ln.number, ln.title))
                continue
            rank = rank_of(ln.number)
            chapters = [c for c in chapters if rank_of(c.split("#")[0]) < rank]
            chapters.append(unique(".".join(chapters + [ln.number])).rsplit(".", 1)[-1])
            headings.append(Heading(ln, len(chapters), ".".join(chapters), ln.number, ln.title))
            continue
        stack = stack[:level - 1] + [_display(ln)]
        path = unique(".".join(chapters + stack))
        stack[-1] = path.rsplit(".", 1)[-1]
        headings.append(Heading(ln, len(chapters) + len(stack), path, _display(ln), ln.title))
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
        if seg.kind == "listing":           # front and back matter is in no section
            seg.section = ""
        elif seg.kind == "footnote" and seg.lines[0].number in first_marker:
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
