"""Canonical entity names (SPEC §6): one name per thing across the ways a document writes it.

Per mention, in this order:
1. written form: spaces next to Japanese characters are dropped (日独ICT 政策対話, 西田　幸博);
   brackets and hyphens between two Japanese characters are written full-width, as
   Japanese typesetting writes them (ASEAN情報（放送）担当大臣会合, 総務省－情報通信技術省…);
   Latin and digits stay ASCII (ITU－R is ITU-R).
2. ordinal: 第N回, wherever it stands in the name, goes to `ordinal` (第12回日米ICT政策対話,
   ICANN第64回会合).
3. an acronym becomes the name it was defined with, an alias its canonical name, a
   secretariat its body (OECD事務局 → 経済協力開発機構), 同国 before a ministry the country
   it points back to (同国運輸通信省 → チリ運輸通信省).
Then over the document, each mention looking at the names of the others (same label):
4. a name cut short by a word break regains its head where the text in front of it is
   that head (「G20茨城つくば貿易・デジタル経済大臣会合」: つくば is hiragana);
5. a name after a demonstrative (この理事会勧告) is the nearest earlier name it ends;
6. a name that another name extends by an owner only is that name: by a country (or a
   compound of countries) other than Japan when that country is the one the text named
   last (ペルーを訪問… 総務省と運輸通信省 → ペルー運輸通信省; 日米両国の間で「…に関する政策
   協力対話」 → …に関する日米政策協力対話), by a Latin acronym when it is the only name that
   extends it (全権委員会議 → ITU全権委員会議; AI原則 → G20AI原則). A meeting or a plan that two or more names extend is
   the kind they share, not a name (情報通信大臣会合 beside 日ASEAN情報通信大臣会合 and
   G7香川・高松情報通信大臣会合) and is dropped; a body keeps its name (通信省 in a paragraph
   on Australia is that country's ministry).
Names the text defines (研究委員会（SG）) are never completed or dropped.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from ..read.document import Document, Mention
from ..rules import load_toml
from .numbers import parse_number
from .resolve import reading_order

_JAPANESE = r"[^\x00-\x7f]"
_FULL_WIDTH = {"(": "（", ")": "）", "-": "－"}
_TRAILING_YEAR = re.compile(r"[0-9]{4}(?:-[0-9]{4})?$")
_LATIN_OWNER = re.compile(r"[A-Z][A-Za-z0-9\-]*")


@cache
def _rules() -> dict:
    return load_toml("entities.toml")


@cache
def _ordinal() -> re.Pattern:
    return re.compile(_rules()["ordinal"]["pattern"])


def written_form(name: str) -> str:
    name = re.sub(rf"\s+(?={_JAPANESE})|(?<={_JAPANESE})\s+", "", name.strip())
    return re.sub(rf"(?<={_JAPANESE})[()\-](?={_JAPANESE})", lambda m: _FULL_WIDTH[m.group()], name)


def split_ordinal(name: str) -> tuple[str, int | None]:
    """(name without 第N回, N) — the name is kept whole if nothing would be left."""
    m = _ordinal().search(name)
    if not m or len(name) == m.end() - m.start():
        return name, None
    return name[:m.start()] + name[m.end():], int(parse_number(m.group("n")))


# Owners ----------------------------------------------------------------------------------

def _country_places(text: str) -> list | None:
    """The places a word names when it is wholly a country name, an abbreviation, or a
    compound of them (日米, 日ASEAN, 日・シンガポール); None otherwise."""
    from .countries import vocabulary

    v = vocabulary()
    if text in v.names:
        return [v.names[text]]
    if text in v.abbrs:
        return [v.abbrs[text]]
    places, i = [], 0
    while i < len(text):
        if places and text[i] == "・":
            i += 1
            continue
        hit = next((w for w in _names_by_first().get(text[i], ()) if text.startswith(w, i)), None)
        if hit:
            places.append(v.names[hit])
            i += len(hit)
        elif text[i] in v.abbrs:
            places.append(v.abbrs[text[i]])
            i += 1
        else:
            return None
    return places if len(places) >= 2 else None


@cache
def _names_by_first() -> dict[str, list[str]]:
    from .countries import vocabulary

    out: dict[str, list[str]] = {}
    for w in vocabulary().names:
        out.setdefault(w[0], []).append(w)
    for words in out.values():
        words.sort(key=len, reverse=True)
    return out


def is_owner(prefix: str) -> bool:
    """A country (not Japan alone: 日本国総務省 is 総務省), a compound of countries, or a
    Latin acronym (G20, ITU, TEL): what a name may be written with or without."""
    if _LATIN_OWNER.fullmatch(prefix):
        return True
    places = _country_places(prefix)
    return bool(places) and any(p.code != "JP" for p in places)


def _country_codes(prefix: str) -> set[str]:
    """The codes of the countries other than Japan a prefix names (日米 → {US})."""
    return {p.code for p in _country_places(prefix) or [] if p.code and p.code != "JP"}


def _insertions(short: str, long: str) -> list[str]:
    """The pieces whose removal from `long` (at one place) leaves `short`."""
    d = len(long) - len(short)
    if d <= 0:
        return []
    out, i = [], 0
    while i <= len(short):
        if long[i + d:] == short[i:]:
            out.append(long[i:i + d])
        if i < len(short) and long[i] != short[i]:
            break
        i += 1
    return out


# The pass over a document -------------------------------------------------------------------

def canonical(doc: Document, mentions: list[Mention], acronyms: dict, aliases: dict[str, tuple[str, str]],
              generic: Callable[[str], bool]) -> list[Mention]:
    """Canonical names, ordinals and labels for the mentions; the ones that name nothing are
    dropped. `acronyms` maps an acronym to its definition (entity_name, english, label)."""
    by_name = {}
    for d in acronyms.values():
        for full in (written_form(d.entity_name), written_form(d.name)):
            by_name.setdefault(full, d)
            bare, ordinal = split_ordinal(full)
            if ordinal is None:
                by_name.setdefault(bare, d)
    places = _Countries(doc)
    kept = []
    for m in reading_order(mentions):
        v = m.values
        written = written_form(v["name"])
        name, ordinal = split_ordinal(written)
        d = acronyms.get(written) or acronyms.get(name)
        if d is not None:                                   # the acronym itself: TEL58, 第10回TELMIN
            name, own = split_ordinal(written_form(d.entity_name))
            ordinal = ordinal or own
        else:
            d = by_name.get(written) or by_name.get(name)
            if d is not None:
                name, _ = split_ordinal(written_form(d.entity_name))
        if d is not None:
            if d.label is None:
                continue                                    # GBAS: a technology, not an entity
            v["acronym"], v["english"] = d.acronym, v.get("english") or d.english
            v["label"] = d.label
        elif name in aliases:
            name, v["label"] = aliases[name]
        else:
            name = _part_of(name, acronyms, aliases, v)
        if v.pop("_country", False):
            name = places.anaphora_at(m) + name
        v["name"], v["ordinal"] = name, ordinal
        kept.append(m)
    kept = _in_document(kept, set(by_name), places)
    for m in kept:
        for k in [k for k in m.values if k.startswith("_")]:
            del m.values[k]
    return [m for m in kept if m.values["acronym"] or not generic(m.values["name"])]


def _part_of(name: str, acronyms: dict, aliases: dict, values: dict) -> str:
    for word in _rules()["part_of"]["words"]:
        head = name.removesuffix(word)
        if head == name or not head:
            continue
        if head in acronyms and acronyms[head].label == "ORG":
            values["acronym"], values["english"] = head, acronyms[head].english
            return written_form(acronyms[head].entity_name)
        if head in aliases and aliases[head][1] == "ORG":
            return aliases[head][0]
    return name


class _Countries:
    """The countries recognizer's view of the document, asked only when needed: what 同国
    points back to, and the country last named before a place."""

    def __init__(self, doc: Document):
        self.doc, self._ready = doc, False

    def _load(self) -> None:
        if self._ready:
            return
        from . import countries

        found = reading_order(countries.recognize(self.doc))
        self._anaphora = {(id(c.segment), c.start): c.values["name_ja"] for c in found
                          if c.values.get("via") == "anaphora"}
        named = [c for c in found if c.values.get("kind") == "country" and c.values.get("code") != "JP"]
        self._keys = [(c.segment.start, c.start) for c in named]
        self._codes = [c.values["code"] for c in named]
        self._ready = True

    def anaphora_at(self, m: Mention) -> str:
        self._load()
        return self._anaphora.get((id(m.segment), m.start), "")

    def last_before(self, m: Mention) -> str | None:
        """The code of the country other than Japan named last before the mention."""
        self._load()
        i = bisect.bisect_left(self._keys, (m.segment.start, m.start))
        return self._codes[i - 1] if i else None


# A demonstrative points back within its paragraph, to one of the names just before it;
# looking back further would make a paragraph of many names cost the square of their number.
LOOK_BACK = 30


def _in_document(mentions: list[Mention], defined: set[str], places: _Countries) -> list[Mention]:
    names: dict[str, set[str]] = {}
    for m in mentions:
        names.setdefault(m.values["label"], set()).add(m.values["name"])
    demonstratives = tuple(_rules()["anaphora"]["demonstratives"])
    kept, earlier = [], {}
    for m in mentions:
        v = m.values
        x = v["name"]
        before = earlier.setdefault(id(m.segment), [])
        if v["acronym"] or x in defined:
            kept.append(m)
            before.append(m)
            continue
        longer = [y for y in names.get(v["label"], ()) if y != x and len(y) > len(x)]
        head = _cut_head(m, x, longer)
        if head:
            m.start -= len(head)
            v["name"] = head + x
        elif v.pop("_pointed", False) or m.segment.text[:m.start].endswith(demonstratives):
            ante = next((e for e in reversed(before[-LOOK_BACK:]) if e.values["label"] == v["label"]
                         and e.values["name"].endswith(x) and e.values["name"] != x), None)
            if ante is not None:
                v["name"] = ante.values["name"]
        else:
            extending = [(y, p) for y in longer for p in _insertions(x, _TRAILING_YEAR.sub("", y)) or
                         ([""] if _TRAILING_YEAR.sub("", y) == x else [])]
            ys = {y for y, _ in extending}
            by_country = {y for y, p in extending if (codes := _country_codes(p))
                          and places.last_before(m) in codes}
            by_latin = {y for y, p in extending if _LATIN_OWNER.fullmatch(p)}
            if len(by_country) == 1:                        # ペルー運輸通信省 …, 総務省と運輸通信省
                v["name"] = by_country.pop()
            elif len(ys) == 1 and by_latin:
                v["name"] = by_latin.pop()
            elif len(ys) >= 2 and all(y.endswith(x) for y in ys) and v["label"] != "ORG":
                continue                                    # the kind several named things share
        kept.append(m)
        before.append(m)
    return kept


def _cut_head(m: Mention, name: str, longer: list[str]) -> str:
    """The head a longer name of the document has in front of `name`, when the text right
    before the mention is that head."""
    before = m.segment.text[:m.start]
    heads = [y[:-len(name)] for y in longer if y.endswith(name) and before.endswith(y[:-len(name)])]
    return max(heads, key=len, default="")
