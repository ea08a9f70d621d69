"""A unit's sentences as statements: which sentences hold facts, which are headings or
captions, and which countries and entities each clause names (the anchors that tell two
facts of one sentence apart: 日豪間で… and 日露間で…)."""
from __future__ import annotations

import re

from .documents import MENTION_TABLES, Unit
from .match import Item, as_int, country_key, settings
from .names import Names
from .similarity import find_nth, comparable


def statements(u: Unit, table: str) -> list[dict]:
    """The rows of a table outside headings and figure captions: a heading names what its
    section is about (diff_sections compares it), a caption what its figure shows."""
    titles = {comparable(r.get("title") or "") for r in u.rows("sections")}
    titles |= {comparable((r.get("number") or "") + (r.get("title") or "")) for r in u.rows("sections")}
    titles |= {comparable((r.get("number") or "") + (r.get("title") or "")) for r in u.rows("figures")}

    def heading(context: str) -> bool:
        c = comparable(context)
        return c in titles or c.startswith("図表") or re.sub(r"^[(]?[0-9A-Za-zア-ン]+[)]?", "", c) in titles

    return [r for r in u.rows(table) if not heading(r.get("context") or "")]


def sentences_of(u: Unit) -> list[str]:
    """The sentences of a unit that hold a mention, in reading order, each once."""
    rows = [r for t in MENTION_TABLES for r in u.rows(t)]
    rows.sort(key=lambda r: as_int(r.get("start")))
    return list(dict.fromkeys(r.get("context") or "" for r in rows))


def members_by_sentence(u: Unit, names: Names) -> dict[str, list[tuple[str, str]]]:
    """sentence → (text, key) of the countries and entities named in it; Japan left out
    (named in most statements, it tells none apart)."""
    out: dict[str, list[tuple[str, str]]] = {}
    narrator = set(settings()["narrator"])
    for r in u.rows("countries"):
        if r.get("code") not in narrator:
            out.setdefault(r.get("context") or "", []).append((r.get("text") or "", "c:" + country_key(r)))
    for r in u.rows("entities"):
        out.setdefault(r.get("context") or "", []).append((r.get("text") or "", "e:" + names.key(r.get("name") or "")))
    return out


def with_anchors(it: Item, members: dict[str, list[tuple[str, str]]]):
    """The countries and entities in the clause of a mention (between the 、 around it)."""
    text = it.row.get("text") or ""
    at = find_nth(it.sentence, text, it.row.get("_nth", 0))
    if at < 0:
        return it
    start = max(it.sentence.rfind(c, 0, at) for c in "、。") + 1
    ends = [e for e in (it.sentence.find(c, at + len(text)) for c in "、。") if e >= 0]
    clause = it.sentence[start:min(ends) if ends else len(it.sentence)]
    own = {"c:" + it.key, "e:" + it.key} if it.key else set()
    it.anchors = frozenset(k for t, k in members.get(it.sentence, []) if t and t in clause and t != text
                           and k not in own)
    return it
