"""The clean view: the reading text the recognizers see, with one offset map back to the
original.

A document becomes a list of segments (a heading, a paragraph, a footnote body, a
caption, a list item or a table row). A segment's clean text is its lines folded
(fold.py), trimmed, joined without separators, with footnote markers dropped; a
paragraph broken by a page break (and by the footnotes or captions dropped into
the break) is one segment. Each clean character records the original half-open span
it came from, so the map is monotone within a segment and any clean span [a, b)
maps back to the original slice [starts[a], ends[b-1]).
"""
from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

from .fold import fold_pieces
from .layout import Line, classify_lines, footnote_text_start, terminal_punctuation
from .markers import Marker, find_markers

# What a page break can drop between the two halves of a paragraph.
INTERRUPTIONS = {"footnote", "caption"}
_SENTENCE_END = re.compile(r"[。．！？!?]")


@dataclass
class Segment:
    kind: str                   # heading | prose | footnote | caption | list | table
    text: str
    starts: array
    ends: array
    lines: list[Line]
    section: str = ""
    _sentences: list[int] | None = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.lines[0].start if not self.starts else self.starts[0]

    @property
    def end(self) -> int:
        return self.lines[-1].end if not self.ends else self.ends[-1]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) of the clean span [a, b)."""
        if not 0 <= a < b <= len(self.text):
            raise ValueError(f"clean span {a}:{b} outside segment of length {len(self.text)}")
        return self.starts[a], self.ends[b - 1]

    def sentence(self, a: int, b: int) -> str:
        """The sentence(s) holding the clean span [a, b)."""
        if self._sentences is None:
            self._sentences = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        i = bisect.bisect_right(self._sentences, a)
        lo = self._sentences[i - 1] if i else 0
        j = bisect.bisect_left(self._sentences, b)
        hi = self._sentences[j] if j < len(self._sentences) else len(self.text)
        return self.text[lo:hi].strip()


def build_segments(text: str, lines: list[Line] | None = None) -> tuple[list[Segment], list[Marker]]:
    lines = classify_lines(text) if lines is None else lines
    markers = find_markers(text, lines)
    blocks = _merge_page_breaks(text, _blocks(lines))
    segments = [seg for kind, block in blocks if (seg := _segment(text, kind, block, markers))]
    segments.sort(key=lambda s: s.start)
    return segments, markers


def _blocks(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """Group lines: a footnote runs to the next blank line, prose lines join, the rest stand alone."""
    blocks: list[tuple[str, list[Line]]] = []
    for line in lines:
        if line.kind == "blank":
            blocks.append(("blank", [line]))
            continue
        prev = blocks[-1] if blocks else None
        if prev and line.kind == "prose" and prev[0] in ("prose", "footnote"):
            prev[1].append(line)
        else:
            blocks.append((line.kind, [line]))
    return blocks


def _merge_page_breaks(text: str, blocks):
    """Join a paragraph that stops mid-sentence to the next prose block after blanks,
    footnotes and captions (PDF page breaks put those in between)."""
    terminal = terminal_punctuation()
    out, consumed = [], set()
    for i, (kind, lines) in enumerate(blocks):
        if i in consumed or kind == "blank":
            continue
        lines = list(lines)
        if kind == "prose":
            j = i + 1
            while text[lines[-1].start:lines[-1].end].rstrip()[-1:] not in terminal:
                while j < len(blocks) and (blocks[j][0] == "blank" or blocks[j][0] in INTERRUPTIONS):
                    j += 1
                if j < len(blocks) and blocks[j][0] == "prose" and j not in consumed:
                    lines.extend(blocks[j][1])
                    consumed.add(j)
                    j += 1
                else:
                    break
        out.append((kind, lines))
    return out


def _segment(text: str, kind: str, lines: list[Line], markers: list[Marker]) -> Segment | None:
    parts: list[str] = []
    starts, ends = array("q"), array("q")
    marker_starts = [m.start for m in markers]
    for line in lines:
        s, e = line.start, line.end
        if kind == "footnote" and line is lines[0]:
            s = footnote_text_start(text, line)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        pos = s
        k = bisect.bisect_left(marker_starts, s)
        while pos < e:
            # Drop footnote markers (^{*1}) from the reading text.
            if k < len(markers) and markers[k].start < e:
                stop = markers[k].start
            else:
                stop = e
            for a, b, piece in fold_pieces(text, pos, stop):
                parts.append(piece)
                for _ in piece:
                    starts.append(a)
                    ends.append(b)
            if stop < e:
                pos = markers[k].end
                k += 1
            else:
                pos = e
    if not parts:
        return None
    return Segment(kind, "".join(parts), starts, ends, lines)
