"""A decoded document with its clean view and structure: what every recognizer reads."""
from __future__ import annotations

from dataclasses import dataclass, field

from .cleanview import Marker, Segment, build_segments
from .layout import Line, classify_lines
from .sections import Heading, assign_sections, infer_headings


@dataclass
class Document:
    doc_id: str
    edition: int | None
    text: str                       # decoded original: offsets point into it
    lines: list[Line]
    segments: list[Segment]         # in order of their first original character
    headings: list[Heading]
    markers: list[Marker]
    cache: dict = field(default_factory=dict)   # per-document work shared by recognizers

    @classmethod
    def from_text(cls, doc_id: str, text: str, edition: int | None = None) -> "Document":
        lines = classify_lines(text)
        headings, lines = infer_headings(text, lines)
        segments, markers = build_segments(text, lines)
        assign_sections(segments, headings, markers)
        return cls(doc_id, edition, text, lines, segments, headings, markers)

    @property
    def title(self) -> str:
        for h in self.headings:
            return f"{h.number} {h.title}".strip()
        return ""


@dataclass
class Mention:
    """A recognized span in one segment's clean text, with its table columns."""
    segment: Segment
    start: int                      # clean offsets within the segment
    end: int
    values: dict
    priority: int = 0               # breaks ties in overlap resolution (higher wins)

    @property
    def clean_text(self) -> str:
        return self.segment.text[self.start:self.end]

    def original_span(self) -> tuple[int, int]:
        return self.segment.span(self.start, self.end)
