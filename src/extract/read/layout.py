"""What each line of a PDF-extracted section is: blank, heading, footnote body, figure
caption, list item, table row or prose. Patterns come from rules/layout.toml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .fold import fold
from ..rules import load_toml


@dataclass(frozen=True)
class Line:
    start: int          # original offsets of the line, newline excluded
    end: int
    kind: str           # blank | heading | footnote | caption | list | table | prose
    style: str = ""     # heading style (rules/layout.toml)
    number: str = ""    # heading number, footnote marker or figure number, folded
    title: str = ""     # heading or caption title, folded


@cache
def _patterns():
    rules = load_toml("layout.toml")
    headings = [(h["style"], re.compile(h["pattern"])) for h in rules["heading"]]
    return {
        "marker": re.compile(rules["footnote_marker"]["pattern"]),
        "footnote": re.compile(rules["footnote_body"]["pattern"]),
        "caption": re.compile(rules["caption"]["pattern"]),
        "list": re.compile(rules["list_item"]["pattern"]),
        "headings": headings,
        "max_title": rules["max_title"],
        "terminal": rules["paragraph"]["terminal"],
    }


def footnote_marker_pattern() -> re.Pattern:
    return _patterns()["marker"]


def terminal_punctuation() -> str:
    return _patterns()["terminal"]


_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _NEWLINE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def classify(text: str, start: int, end: int) -> Line:
    raw = text[start:end]
    if not raw.strip():
        return Line(start, end, "blank")
    p = _patterns()
    if m := p["footnote"].match(raw):
        return Line(start, end, "footnote", number=m.group("marker"))
    if m := p["caption"].match(raw):
        return Line(start, end, "caption", number=fold(m.group("number")).replace("－", "-"),
                    title=fold(m.group("title")).strip())
    if heading := parse_heading(raw):
        style, number, title = heading
        return Line(start, end, "heading", style, number, title)
    if "\t" in raw:
        return Line(start, end, "table")
    if p["list"].match(raw):
        return Line(start, end, "list")
    return Line(start, end, "prose")


def parse_heading(raw: str) -> tuple[str, str, str] | None:
    p = _patterns()
    stripped = raw.strip()
    if stripped[-1] in p["terminal"] or "\t" in stripped:
        return None
    for style, pattern in p["headings"]:
        if m := pattern.match(raw):
            title = fold(m.group("title")).strip()
            if len(title) > p["max_title"] or title.endswith(("、", ",")):
                return None
            return style, fold(m.group("number")), title
    return None


def classify_lines(text: str) -> list[Line]:
    return [classify(text, s, e) for s, e in split_lines(text)]
