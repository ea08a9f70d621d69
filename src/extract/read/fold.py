"""Width folding for the clean view: one original character (or a half-width kana with
its sound mark) becomes zero or more clean characters.

Full-width ASCII and the ideographic space fold to ASCII, half-width katakana to
full-width, era ligatures (㋿ ㍻ …) to their two kanji. Everything else is kept: NFKC
on the whole text would also turn ① into 1 and ㈱ into (株), creating numbers and
words the author did not write.
"""
from __future__ import annotations

import unicodedata
from functools import cache

from ..rules import load_toml

_HALFWIDTH_KANA = range(0xFF61, 0xFFA0)
_SOUND_MARKS = "\uff9e\uff9f"
# Wave dashes of every width mean the same range sign in this genre.
_EXTRA = {"\u301c": "~", "\u3000": " "}


@cache
def fold_table() -> dict[int, str]:
    table = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF01, 0xFF5F)}
    table.update({cp: unicodedata.normalize("NFKC", chr(cp)) for cp in _HALFWIDTH_KANA})
    table.update({ord(k): v for k, v in _EXTRA.items()})
    for era in load_toml("eras.toml")["era"]:
        if era.get("ligature"):
            table[ord(era["ligature"])] = era["name"]
    return table


def fold_pieces(text: str, start: int, end: int):
    """Yield (orig_start, orig_end, clean) for text[start:end], one piece per clean unit."""
    table = fold_table()
    i = start
    while i < end:
        ch = text[i]
        if i + 1 < end and text[i + 1] in _SOUND_MARKS and ord(ch) in _HALFWIDTH_KANA:
            yield i, i + 2, unicodedata.normalize("NFKC", text[i:i + 2])
            i += 2
            continue
        yield i, i + 1, table.get(ord(ch), ch)
        i += 1


def fold(text: str) -> str:
    return "".join(piece for _, _, piece in fold_pieces(text, 0, len(text)))
