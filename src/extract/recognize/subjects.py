"""The subject of an amount or count: the noun phrase it belongs to, so that the same fact
can be found again in the next edition (「累計約788億円の出融資」 → 出融資,
「総事業費約400百万米ドル」 → 総事業費, 「100を超える会員」 → 会員)."""
from __future__ import annotations

import re

from ..rules import load_toml

# Kanji, katakana and Latin runs; 及 並 又 等 join or end noun phrases, so they stop one.
_NOUN = r"(?:(?![及並又等])[一-龥々〆ヵヶァ-ヺーA-Za-z0-9・])"
_AFTER = re.compile(rf"\s?の({_NOUN}+)")
_BEFORE = re.compile(rf"({_NOUN}+?)\s?$")


def _qualifiers() -> list[str]:
    v = load_toml("money.toml")
    words = [w for tag in ("approx", "upper", "lower") for w in v[tag]["before"]]
    return sorted(words, key=len, reverse=True)


def subject_of(text: str, start: int, end: int, fallback: str = "") -> str:
    """The noun phrase after 「…の」, else the one right before the number (qualifiers
    such as 約 and 最大 stripped), else `fallback`."""
    m = _AFTER.match(text, end)
    if m:
        return m.group(1)
    before = text[max(0, start - 30):start]
    for w in _qualifiers():
        if before.endswith(w):
            before = before[: -len(w)]
            break
    m = _BEFORE.search(before)
    subject = m.group(1).strip("・") if m else ""
    return subject or fallback
