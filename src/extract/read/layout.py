"""What each line of a section or book is: blank, heading, footnote body, figure caption,
list item, table row or prose. Patterns come from rules/layout.toml.

Two layouts are read: the PDF extraction (markers ^{*1}, bodies *1 …) and MIC's text
version, where pages were joined without a break (a heading can stand glued to the end
of the previous line) and footnote bodies start with a bare number, their markers glued
to the annotated word (「（JICT）1や」)."""
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
    style: str = ""     # heading style, or footnote style (star | note | numbered)
    number: str = ""    # heading number, footnote marker or figure number, folded
    title: str = ""     # heading or caption title, folded
    # A heading glued to a line after which headings are rare (a caption, a source
    # line, a word): kept only if it continues the numbering in force (sections.py
    # decides); `whole` is the line it was cut from, restored otherwise.
    optional: bool = False
    whole: "Line | None" = None


@cache
def _patterns():
    rules = load_toml("layout.toml")
    headings = [(h["style"], re.compile(h["pattern"])) for h in rules["heading"]]
    glued = rules["glued_heading"]
    return {
        "marker": re.compile(rules["footnote_marker"]["pattern"]),
        "footnote": re.compile(rules["footnote_body"]["pattern"]),
        "note": re.compile(rules["footnote_note"]["pattern"]),
        "numbered": re.compile(rules["footnote_numbered"]["pattern"]),
        "glued_after": glued["after"],
        "chapter_not_after": re.compile(f"[{glued['chapter_not_after']}]"),
        "caption": re.compile(rules["caption"]["pattern"]),
        "list": re.compile(rules["list_item"]["pattern"]),
        "source": re.compile(rules["source_line"]["pattern"]),
        "headings": headings,
        "max_title": rules["max_title"],
        "not_title": re.compile(rules["heading_title"]["not"]),
        "not_first": rules["heading_title"]["not_first"],
        "terminal": rules["paragraph"]["terminal"],
    }


_FOOTNOTE_STYLES = {"star": "footnote", "note": "note", "numbered": "numbered"}
# How the footnotes table writes each style's marker.
MARKER_DISPLAY = {"star": "*{}", "note": "注{}", "numbered": "{}"}


def footnote_text_start(text: str, line: Line) -> int:
    """Where a footnote body's text starts, after its marker (「*1 」, 「（注1）」, 「1　」)."""
    m = _patterns()[_FOOTNOTE_STYLES[line.style]].match(text[line.start:line.end])
    return line.start + m.start("text") if m else line.start


def footnote_marker_pattern() -> re.Pattern:
    return _patterns()["marker"]


def listing_labels() -> frozenset[str]:
    return frozenset(load_toml("layout.toml")["listing"]["labels"])


def terminal_punctuation() -> str:
    return _patterns()["terminal"]


_WORD = re.compile(r"[^\s*＊※0-9０-９]")
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
        return Line(start, end, "footnote", "star", m.group("marker"))
    if m := p["note"].match(raw):
        return Line(start, end, "footnote", "note", fold(m.group("marker")))
    if m := p["caption"].match(raw):
        return Line(start, end, "caption", number=fold(m.group("number")).replace("－", "-"),
                    title=fold(m.group("title")).strip())
    if heading := parse_heading(raw):
        style, number, title = heading
        return Line(start, end, "heading", style, number, title)
    if m := p["numbered"].match(raw):
        return Line(start, end, "footnote", "numbered", fold(m.group("marker")))
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
            if (title[0] in p["not_first"] or len(title) > p["max_title"] or title.endswith(("、", ","))
                    or p["not_title"].search(title) or not _balanced(title)):
                return None
            return style, fold(m.group("number")), title
    return None


_OPEN, _CLOSE = "（(「『【［[", "）)」』】］]"


def _balanced(title: str) -> bool:
    """A title closes what it opens: 「参照）（2）…」 is the end of a bracket, not a heading."""
    depth = 0
    for ch in title:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def classify_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    spans = split_lines(text)
    for i, (s, e) in enumerate(spans):
        line = classify(text, s, e)
        if line.kind == "heading" and _continues_footnotes(line, lines):
            line = Line(s, e, "footnote", "numbered", line.number)
        # A paragraph broken mid-sentence goes on in the next line; a heading ends its own.
        ends_block = i + 1 == len(spans) or _ends_block(text, *spans[i + 1])
        if line.kind in GLUED_AFTER and (cut := _glued_heading(text, line, ends_block)):
            # The line up to the glued heading keeps its kind: a footnote body cut short
            # must not turn into a heading of its own.
            lines.append(Line(s, cut, line.kind, line.style, line.number))
            line = classify(text, cut, e)
        elif _may_end_page(text, line) and (cut := _optional_heading(text, line)):
            head = classify(text, cut, e)
            lines.append(Line(s, cut, line.kind, line.style, line.number, line.title))
            line = Line(head.start, head.end, head.kind, head.style, head.number, head.title, True, line)
        lines.append(line)
    return lines


GLUED_AFTER = ("prose", "footnote", "table")


def _may_end_page(text: str, line: Line) -> bool:
    """Lines that close a page without closing a sentence: a caption, a source line, a
    footnote body, a table row or a list item. A prose line may end mid-sentence (a PDF
    line wraps), so a number ending it starts no heading."""
    if line.kind in ("caption", "list", "footnote", "table"):
        return True
    return line.kind == "prose" and bool(_patterns()["source"].match(text[line.start:line.end]))


def _optional_heading(text: str, line: Line) -> int | None:
    """Where a heading may stand glued to the end of a line that a heading rarely follows
    (「図表5-1-6-3　…の推移6　ICT企業の活動実態」, 「（出典）…を基に作成（2）…」), or None.
    A caption is cut only after its own number; the last cut that parses wins, since a
    heading's title is what ends the line; a division (第N章) is preferred."""
    p = _patterns()
    lo = max(line.start + 1, line.end - p["max_title"] - 8)
    if line.kind == "caption":
        m = p["caption"].match(text[line.start:line.end])
        lo = max(lo, line.start + m.start("title") + 1 if m else line.end)
    cuts = []
    for cut in range(lo, line.end):
        if not _may_start_heading(text[cut]) or text[cut - 1].isdigit() or text[cut - 1] in "（(":
            continue
        heading = parse_heading(text[cut:line.end])
        if heading is not None and _WORD.search(text[line.start:cut]):
            cuts.append((heading[0] == "chapter", cut))
    return max(cuts)[1] if cuts else None


def _continues_footnotes(line: Line, before: list[Line]) -> bool:
    """「13　「人間中心のAI社会原則」（…決定）」 right after footnote 12 is footnote 13, though
    it reads like a heading."""
    if line.style != "arabic":
        return False
    prev = next((ln for ln in reversed(before) if ln.kind != "blank"), None)
    return (prev is not None and prev.kind == "footnote" and prev.style == "numbered"
            and prev.number.isdigit() and int(line.number) == int(prev.number) + 1)


def _ends_block(text: str, start: int, end: int) -> bool:
    """Whether the line after a candidate glued heading shows that a block ended: a blank
    line, or a line that is itself a heading."""
    raw = text[start:end]
    return not raw.strip() or parse_heading(raw) is not None


def _glued_heading(text: str, line: Line, ends_block: bool) -> int | None:
    """Where a heading glued to the end of this line starts (pages joined without a break),
    or None. The heading runs to the end of the line and is short, so only the tail is
    searched."""
    p = _patterns()
    lo = max(line.start + 1, line.end - p["max_title"] - 8)
    for cut in range(lo, line.end):
        if not _may_start_heading(text[cut]):
            continue
        heading = parse_heading(text[cut:line.end])
        if heading is None or not _glue_allowed(text, line, cut, heading[0], ends_block):
            continue
        return cut
    return None


def _may_start_heading(ch: str) -> bool:
    return ch.isdigit() or ch in "(（第" or "ア" <= ch <= "ン" or "A" <= ch <= "Z" or "Ａ" <= ch <= "Ｚ"


def _glue_allowed(text: str, line: Line, cut: int, style: str, ends_block: bool) -> bool:
    p = _patterns()
    before = text[line.start:cut].rstrip(" \t\u3000")
    if not _WORD.search(before):     # only a footnote's own marker (「*3 」) stands before
        return False
    last = before[-1]
    if style == "chapter":
        return not p["chapter_not_after"].match(last)
    if last in p["glued_after"]:
        return True
    # A footnote body ends without punctuation (a URL, a definition): what follows it on
    # the same line is the next page's heading.
    if last in "(（「｢『" or (line.kind != "footnote" and not ends_block):
        return False
    # A bracketed number closes off what stands before it (「…2-2-5（1）参照（2）IP電話の
    # 本格的普及」, 「…OECD-LEGAL-0449（2）二国間…」); a bare one must not continue a word of
    # its own script: 「ITU-T2」, 「政策フォーカス　G20…」 (ス after カ), but 「…参照2 次世代
    # を担う…」 is a heading.
    if last.isdigit():              # 「2-2-5（1）参照」 is a reference; a URL's end is not
        return style.startswith("paren") and line.kind == "footnote"
    if style.startswith("paren"):
        return True
    if style == "kana":
        return not ("ァ" <= last <= "ヶ" or last == "ー")
    return _is_japanese_word(last)  # not 「$1.5 billion」, 「€20 billion」, 「ITU-T2」


def _is_japanese_word(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"
