"""One entity under its forms across two editions.

Within an edition the entity table already gives one canonical name (an acronym resolves
to the name it was defined with). Between editions the same entity still shows under
other forms, and these are made one here:
- the name with and without its legal form or quotes (株式会社国際協力銀行, 「…」);
- the series and its meetings: 第6回「日米サイバー対話」 is the series 日米サイバー対話,
  the ordinal kept apart (the series moving on is a change of its ordinal, not a new
  entity); a trailing year is kept apart too (…共同声明2018 → …共同声明2019);
- the name with and without its bilateral prefix (日ベトナムICT共同作業部会 and ICT共同作業部会)
  when only one prefixed name reduces to the bare one;
- an acronym and the name the text defines it with, in either edition, so an acronym that
  changed between editions (CPTPP in one, TPP11 in the other, both defined as the same
  agreement) is one entity;
- a renamed body given as such in the text: 郵政省(現総務省), 総務省(旧郵政省).
"""
from __future__ import annotations

import re
from functools import cache

from ..recognize.countries import vocabulary
from .similarity import comparable

_QUOTES = re.compile(r"[「」『』\"“”〈〉《》]")
_ORDINAL_HEAD = re.compile(r"^第(\d+)回")
_ORDINAL_TAIL = re.compile(r"\(第(\d+)回\)$")
_YEAR_TAIL = re.compile(r"(?<![0-9])((?:19|20)\d\d)$")
_LEGAL = re.compile(r"^(?:株式会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|独立行政法人|国立研究開発法人|特殊法人)"
                    r"|(?:株式会社)$")
_NOUN = r"[一-龥々ァ-ヺーA-Za-z0-9・]+"
# 郵政省(現総務省), 総務省(旧郵政省): the text gives the other name of the same body.
_RENAMED = re.compile(rf"({_NOUN})\((現|旧)({_NOUN})\)")
# Before an ordinal or a name: 「第6回「日米サイバー対話」」, 「日仏ICT政策協議(第20回)」.
_ORDINAL_BEFORE = re.compile(r"第(\d+)回[「『\"]?$")
_ORDINAL_AFTER = re.compile(r"^[」』\"]?\(第(\d+)回\)")


def base_name(name: str) -> str:
    """The name without quotes, spaces, legal form, ordinal and trailing year."""
    s = _QUOTES.sub("", comparable(name))
    s = _ORDINAL_HEAD.sub("", s)
    s = _ORDINAL_TAIL.sub("", s)
    s = _LEGAL.sub("", s)
    return _YEAR_TAIL.sub("", s) or s


def name_year(name: str) -> str:
    m = _YEAR_TAIL.search(_QUOTES.sub("", comparable(name)))
    return m.group(1) if m else ""


def ordinal_of(row: dict) -> str:
    """The ordinal written with an entity (第6回「日米サイバー対話」, 日仏ICT政策協議（第20回）),
    as 第N回, else "": the entities table's `ordinal`, or read around the mention."""
    if str(row.get("ordinal") or "").strip().isdigit():
        return f"第{int(row['ordinal'])}回"
    name = _QUOTES.sub("", comparable(row.get("name") or ""))
    m = _ORDINAL_HEAD.match(name) or _ORDINAL_TAIL.search(name)
    if m:
        return f"第{m.group(1)}回"
    context, text = comparable(row.get("context") or ""), comparable(row.get("text") or "")
    at = context.find(text) if text else -1
    if at < 0:
        return ""
    m = _ORDINAL_BEFORE.search(context[max(0, at - 8):at]) or _ORDINAL_AFTER.match(context[at + len(text):])
    return f"第{m.group(1)}回" if m else ""


@cache
def _prefix() -> re.Pattern:
    v = vocabulary()
    words = sorted({n for n, p in v.names.items() if p.kind in ("country", "group") and len(n) >= 2}
                   | set(v.abbrs), key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^日・?(?:(?:{alternation})・?)+(?=.)")


def without_prefix(name: str) -> str:
    """日ベトナムICT共同作業部会 → ICT共同作業部会; a name without a 日X prefix stays."""
    m = _prefix().match(name)
    return name[m.end():] if m else name


class Names:
    """Entity keys shared by two editions: names that are one entity get one key."""

    def __init__(self, old_rows: list[dict], new_rows: list[dict], old_acronyms: list[dict] = (),
                 new_acronyms: list[dict] = (), contexts: list[str] = ()):
        self._parent: dict[str, str] = {}
        names = {base_name(r["name"]) for r in (*old_rows, *new_rows) if r.get("name")}
        for n in names:
            self._find(n)
        for r in (*old_rows, *new_rows, *old_acronyms, *new_acronyms):
            if r.get("acronym") and r.get("name"):
                self._union(base_name(r["acronym"]), base_name(r["name"]))
        for context in contexts:
            for m in _RENAMED.finditer(comparable(context)):
                self._union(base_name(m.group(1)), base_name(m.group(3)))
        stripped: dict[str, set[str]] = {}
        for n in names:
            bare = without_prefix(n)
            if bare != n:
                stripped.setdefault(bare, set()).add(n)
        for bare, prefixed in stripped.items():
            if bare in names and len(prefixed) == 1:
                self._union(bare, next(iter(prefixed)))

    def key(self, name: str) -> str:
        return self._find(base_name(name))

    def _find(self, n: str) -> str:
        parent = self._parent.setdefault(n, n)
        if parent != n:
            parent = self._parent[n] = self._find(parent)
        return parent

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # The longer name (the full one, not the acronym) stands for the group.
            keep, drop = (ra, rb) if (len(ra), ra) >= (len(rb), rb) else (rb, ra)
            self._parent[drop] = keep
