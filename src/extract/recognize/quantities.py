"""Quantities: count-like facts that white papers track year to year (「100を超える会員」,
「51カ国・1機関」, 「約270人」), for the edition diff. A number and a counter from
`rules/counters.tsv`; qualifiers as in money (SPEC §4); the subject it belongs to."""
from __future__ import annotations

import re
from functools import cache

from ..read.document import Document, Mention
from .money import _qualifiers, vocab as money_vocab
from .numbers import NUMBER_PATTERN, NumberError, parse_number, plain
from ..rules import alternation, load_tsv
from .subjects import count_subject

TABLE = "quantities"
COLUMNS = ["number", "unit", "approx", "bound", "subject"]


@cache
def counters() -> dict[str, str]:
    return {r["word"]: r["unit"] for r in load_tsv("counters.tsv")}


@cache
def pattern() -> re.Pattern:
    # A qualifier may stand between the number and the counter: 「100を超える会員」, and
    # with a noun that ends in the counter: 「100以上の医療機関」 counts 機関.
    glued = alternation(w for tag in ("upper", "lower", "approx") for w in money_vocab()[tag]["after"]
                        if w.startswith(("を", "超")))
    quals = alternation(w for tag in ("upper", "lower", "approx") for w in money_vocab()[tag]["after"])
    noun = r"[\u4e00-\u9fffァ-ヺー]{0,8}?"
    return re.compile(rf"(?<![A-Za-z\-第])(?P<num>{NUMBER_PATTERN})"
                      rf"(?:(?P<q>{glued})|(?P<qn>{quals})の{noun})?(?P<unit>{alternation(counters())})")


def recognize(doc: Document) -> list[Mention]:
    found = []
    for seg in doc.segments:
        text = seg.text
        for m in pattern().finditer(text):
            if re.fullmatch(r"[〇一二三四五六七八九]", m.group("num")) or \
                    text[max(0, m.start() - 1):m.start()] in money_vocab()["vague"]["before"]:
                continue        # 一人, 一社: words; 数十か国: not a count the text tracks
            try:
                number = parse_number(m.group("num"))
            except NumberError:
                continue
            s, e = m.span()
            approx, bound = _qualifiers(text, s, e)
            if q := m.group("q") or m.group("qn"):
                v = money_vocab()
                if q in v["approx"]["after"]:
                    approx = True
                else:
                    bound = "upper" if q in v["upper"]["after"] else "lower"
            unit = counters()[m.group("unit")]
            found.append(Mention(seg, s, e, {
                "number": plain(number), "unit": unit, "approx": approx, "bound": bound,
                "subject": count_subject(text, s, e, unit)}))
    return found


def rule_examples():
    return [("counter:" + r["word"], r["example"], r["expected"]) for r in load_tsv("counters.tsv")]


def example_value(values: dict) -> str:
    flags = (["approx"] if values["approx"] else []) + ([values["bound"]] if values["bound"] else [])
    return " ".join([values["number"], values["unit"], *flags])
