"""Text with highlighted spans as HTML: nested where the spans nest, split into fragments
where they cross or where the text is cut into blocks.

Spans of different kinds overlap (日米 gives two countries on the same characters, a
country sits inside an organization's name, a footnote body holds dates), so a span is
opened outermost-first (longest first, then by rank) and, when one ends inside another
that started after it, the inner ones are closed and opened again. The first fragment of
a span carries its id; later fragments carry `data-of` (the id) and the last one the
class `e` (where the label goes). Each span is thus one element with an id, whatever
number of fragments it needs.
"""
from __future__ import annotations

import html
from bisect import bisect_left
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str            # mark for mentions, span for regions (footnotes, figures)
    id: str
    cls: str            # classes of every fragment
    attrs: str = ""     # further attributes of every fragment, escaped, with a leading space
    rank: int = 0       # lower is drawn outside when two spans cover the same characters
    focusable: bool = True


def escape_text(text: str) -> str:
    """Text as HTML, line ends as LF (what an HTML parser makes of CR LF anyway)."""
    return html.escape(text.replace("\r\n", "\n").replace("\r", "\n"), quote=False)


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def _open(span: Span, first: bool, last: bool) -> str:
    cls = attr(span.cls) + (" e" if last else "") + ("" if first else " c")
    ident = f' id="{attr(span.id)}"' + (' tabindex="0"' if span.focusable else "") if first else f' data-of="{attr(span.id)}"'
    return f'<{span.tag} class="{cls}"{ident}{span.attrs}>'


def render_blocks(text: str, spans: list[Span], breaks: list[int] = (),
                  anchors: dict[int, list[str]] | None = None) -> list[str]:
    """The text cut at `breaks` into blocks of HTML, with every span as its element(s)
    and the snippets of `anchors` inserted at their offsets (after the spans that end
    there, before those that start there)."""
    anchors = anchors or {}
    spans = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                   key=lambda s: (s.start, -s.end, s.rank))
    starts = [s.start for s in spans]
    bounds = sorted({0, len(text), *(b for b in breaks if 0 < b < len(text))})
    anchor_at = sorted(anchors)
    blocks: list[str] = []
    carried: list[Span] = []              # open at the end of the previous block
    for b_start, b_end in zip(bounds, bounds[1:]):
        lo, hi = bisect_left(starts, b_start), bisect_left(starts, b_end)
        inner = spans[lo:hi]
        points = sorted({b_start, b_end, *(s.start for s in inner),
                         *(min(s.end, b_end) for s in inner), *(min(s.end, b_end) for s in carried),
                         *anchor_at[bisect_left(anchor_at, b_start):bisect_left(anchor_at, b_end)]})
        out: list[str] = []
        stack: list[tuple[Span, int, bool]] = []      # (span, index of its open tag in out, first?)
        pending = list(carried)                          # to open at the block's start
        k = 0                                            # next of `inner` to open
        for i, p in enumerate(points):
            reopen: list[Span] = []
            closing_all = p == b_end
            cut = next((j for j, (s, _, _) in enumerate(stack) if closing_all or s.end <= p), None)
            if cut is not None:
                for s, at, first in reversed(stack[cut:]):
                    out.append(f"</{s.tag}>")
                    if s.end <= p:
                        out[at] = _open(s, first, last=True)
                    else:
                        reopen.append(s)
                del stack[cut:]
                reopen.reverse()
            if p in anchors and (p < b_end or b_end == len(text)):
                out.extend(anchors[p])
            if closing_all:
                carried = reopen
                break
            opening = pending + reopen
            pending = []
            while k < len(inner) and inner[k].start == p:
                opening.append(inner[k])
                k += 1
            for s in sorted(opening, key=lambda s: (-s.end, s.rank)):
                out.append(_open(s, first=s.start == p, last=False))
                stack.append((s, len(out) - 1, s.start == p))
            out.append(escape_text(text[p:points[i + 1]]))
        blocks.append("".join(out))
    return blocks
