"""Footnote markers in running text, dropped from the reading text so that no digit of
a marker joins a date, an amount or a name.

The PDF layout writes them apart (`^{*1}`). MIC's text version glues the bare number
to the annotated word (「（JICT）1や」, 「受注2する」) or even to a year
(「共同声明201811」 = 共同声明2018 + note 11), or sets it between spaces (「（JICT） 2 や」;
the spaces go with the marker). Such a digit is only told from a number by
the footnote it announces: the marker of note N is looked for between the marker of
note N-1 and the body of note N, in the shapes rules/layout.toml allows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import load_toml
from .layout import Line, footnote_marker_pattern

_DIGITS = re.compile(r"[0-9０-９]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    marker: str


@cache
def _glue():
    rules = load_toml("layout.toml")["glued_marker"]
    return re.compile(rules["before"]), re.compile(rules["before_not"]), re.compile(rules["after_not"])


def find_markers(text: str, lines: list[Line]) -> list[Marker]:
    found = [Marker(m.start(), m.end(), m.group("marker")) for m in footnote_marker_pattern().finditer(text)]
    found += glued_markers(text, lines)
    return sorted(found, key=lambda m: m.start)


def glued_markers(text: str, lines: list[Line]) -> list[Marker]:
    bodies = [ln for ln in lines if ln.kind == "footnote" and ln.style == "numbered" and ln.number.isdigit()]
    if not bodies:
        return []
    skip = [(ln.start, ln.end) for ln in bodies]
    out, pos = [], 0
    for body in bodies:
        hit = _first_glued(text, body.number, pos, body.start, skip)
        if hit:
            out.append(Marker(hit[0], hit[1], body.number))
            pos = hit[1]
    return out


def _first_glued(text: str, number: str, lo: int, hi: int, skip) -> tuple[int, int] | None:
    before_ok, before_bad, after_bad = _glue()
    for m in _DIGITS.finditer(text, lo, hi):
        if any(a <= m.start() < b for a, b in skip):
            continue
        digits = m.group().translate(_FULLWIDTH)
        after = text[m.end():m.end() + 1]
        if not after or after_bad.match(after):
            continue
        if digits == number:
            prev = text[m.start() - 1:m.start()]
            if prev and before_ok.match(prev) and not before_bad.match(prev):
                return m.start(), m.end()
            # After a lower-case Latin word, and only where a bracket or punctuation
            # closes it: 「Going Digital Toolkit8」」; never 「G7、」 or 「ITU-T2」.
            if prev.isascii() and prev.islower() and after in _CLOSING:
                return m.start(), m.end()
            if prev in _SPACE and after in _SPACE:
                follow = text[m.end() + 1:m.end() + 2]
                # Between numbers (「2019 10 」) only before a closing mark.
                loose = m.start() >= 2 and text[m.start() - 2].isdigit()
                if follow and not follow.isspace() and not after_bad.match(follow) and (not loose or follow in _CLOSING):
                    return m.start() - 1, m.end() + 1
        elif len(digits) == 4 + len(number) and digits.endswith(number) and _YEAR.fullmatch(digits[:4]):
            return m.end() - len(number), m.end()
    return None


_SPACE = (" ", "\u3000")
_CLOSING = "」』）)。、，,."
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
