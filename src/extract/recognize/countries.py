"""Countries, groups and regions (SPEC §5), one row per country meant.

The vocabulary is data: ISO 3166-1 names (rules/countries_iso.tsv, generated from
pycountry), the names and one-character abbreviations government text writes
(rules/countries_ja.tsv), groups and regions (rules/groups_regions.tsv), and the words
around them (rules/countries.toml). One left-to-right scan over each segment's clean
text takes, at each position, the longest of: a word that is not a country (インド洋,
各国), a name, or a compound of abbreviations (日米豪印); then lone abbreviations in a
list (米、加、豪) and after 対 (対米). 同国 is resolved last, in reading order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..read.document import Document, Mention
from .resolve import antecedent_streams
from ..rules import load_toml, load_tsv

TABLE = "countries"
COLUMNS = ["code", "alpha3", "name_en", "name_ja", "kind", "via"]

_KATAKANA = re.compile(r"[ァ-ヺー]")
_ASCII = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Place:
    """What a name refers to: a country, a group or a region, with its table columns."""
    code: str | None
    alpha3: str | None
    name_en: str
    name_ja: str
    kind: str

    def values(self, via: str) -> dict:
        return {"code": self.code, "alpha3": self.alpha3, "name_en": self.name_en,
                "name_ja": self.name_ja, "kind": self.kind, "via": via}


@dataclass(frozen=True)
class Vocabulary:
    names: dict[str, Place]             # written name → place (countries, groups, regions)
    abbrs: dict[str, Place]             # one-character abbreviation → country
    countries: dict[str, Place]         # alpha-2 → country
    blocked: frozenset[str]             # words that are not country mentions
    deictic: dict[str, Place]
    anaphora: frozenset[str]
    by_first: dict[str, list[str]]      # first character → names and blocked words, longest first
    settings: dict


@cache
def vocabulary() -> Vocabulary:
    iso = {r["code"]: r for r in load_tsv("countries_iso.tsv")}
    hand = load_tsv("countries_ja.tsv")
    usual = {r["code"]: r["name"] for r in hand if r["form"] == "usual"}
    countries = {}
    names: dict[str, Place] = {}
    for code, r in iso.items():
        iso_names = [n.strip(" )") for n in r["name_ja"].split("(")]
        place = Place(code, r["alpha3"], r["name_en"], usual.get(code, iso_names[0]), "country")
        countries[code] = place
        for n in iso_names:
            names.setdefault(n, place)
    abbrs = {}
    for r in hand:
        if r["form"] == "abbr":
            abbrs[r["name"]] = countries[r["code"]]
        else:
            names[r["name"]] = countries[r["code"]]
    for r in load_tsv("groups_regions.tsv"):
        names[r["name"]] = Place(r["code"] or None, None, r["name_en"], r["name_ja"], r["kind"])
    settings = load_toml("countries.toml")
    deictic = {w: countries[code] for code, words in settings["deictic"].items() for w in words}
    blocked = frozenset(settings["not_countries"])
    by_first: dict[str, list[str]] = {}
    for w in set(names) | blocked | set(deictic) | set(settings["anaphora"]):
        by_first.setdefault(w[0], []).append(w)
    for words in by_first.values():
        words.sort(key=len, reverse=True)
    return Vocabulary(names, abbrs, countries, blocked, deictic, frozenset(settings["anaphora"]),
                      by_first, settings)


def _bounded(text: str, s: int, e: int, word: str) -> bool:
    """A Latin name must not be part of a longer Latin word (EUR). A katakana name next
    to more katakana is a name only where the tokenizer cuts a place name out
    (日エストニア|サイバー協議), not inside one word (タイトル, マリン, インドシナ)."""
    if _ASCII.match(word[0]) and s > 0 and _ASCII.match(text[s - 1]):
        return False
    if _ASCII.match(word[-1]) and e < len(text) and _ASCII.match(text[e]):
        return False
    glued = (_KATAKANA.match(word[0]) and s > 0 and _KATAKANA.match(text[s - 1])) or \
            (_KATAKANA.match(word[-1]) and e < len(text) and _KATAKANA.match(text[e]))
    return not glued or _place_token(text, s, e)


def _place_token(text: str, s: int, e: int) -> bool:
    """Whether the tokenizer reads text[s:e] as one proper-noun place name."""
    from .nlp import tagger

    a = max(0, s - 12)
    window, pos = text[a:min(len(text), e + 12)], 0
    for w in tagger()(window):
        at = window.find(w.surface, pos)
        pos = at + len(w.surface)
        if a + at == s:
            return a + pos == e and w.feature.pos2 == "固有名詞"
        if a + at > s:
            return False
    return False


def _word_at(v: Vocabulary, text: str, i: int) -> str | None:
    for w in v.by_first.get(text[i], ()):
        if text.startswith(w, i) and _bounded(text, i, i + len(w), w):
            return w
    return None


def _compound_at(v: Vocabulary, text: str, i: int) -> tuple[int, list[Place]]:
    """(end, members) of a compound starting at i: an abbreviation, then abbreviations or
    names, directly or by a joiner; fewer than two members is no compound."""
    cfg = v.settings["compound"]
    if text[i] not in v.abbrs:
        return i, []
    if v.abbrs[text[i]].code == "JP" and i > 0 and text[i - 1] in cfg["not_after_nichi"]:
        return i, []
    members, end, j = [], i, i
    while j < len(text):
        k = j + 1 if members and text[j] in cfg["joiners"] else j
        if k >= len(text):
            break
        if text[k] in v.abbrs and text[k:k + 2] not in cfg["word_heads"]:
            place, nxt = v.abbrs[text[k]], k + 1
            # 米国, 中国: the abbreviation begins a name, which the name scan takes.
            name = _word_at(v, text, k)
            if name and members and len(name) > 1 and name in v.names:
                place, nxt = v.names[name], k + len(name)
            elif name and len(name) > 1:
                break
        elif members and (name := _word_at(v, text, k)) and name in v.names:
            place, nxt = v.names[name], k + len(name)
        else:
            break
        members.append(place)
        end = j = nxt
    return (end, members) if len(members) >= 2 else (i, [])


def _scan(v: Vocabulary, seg) -> list[Mention]:
    text, found, i = seg.text, [], 0
    while i < len(text):
        word = _word_at(v, text, i)
        c_end, members = _compound_at(v, text, i)
        if members and c_end > i + len(word or ""):
            found += [Mention(seg, i, c_end, p.values("compound")) for p in dict.fromkeys(members)]
            i = c_end
        elif word:
            e = i + len(word)
            if word in v.deictic:
                found.append(Mention(seg, i, e, v.deictic[word].values("deictic")))
            elif word in v.anaphora:
                found.append(Mention(seg, i, e, {"_anaphora": True}))
            elif word in v.names:
                found.append(Mention(seg, i, e, v.names[word].values("name")))
            i = e
        elif (place := _lone_abbr(v, text, i)) is not None:
            found.append(Mention(seg, i, i + 1, place.values("name")))
            i += 1
        else:
            i += 1
    return found


def _lone_abbr(v: Vocabulary, text: str, i: int) -> Place | None:
    """米 in 「米、加、豪」 or in 対米."""
    ch = text[i]
    if ch not in v.abbrs or text[i:i + 2] in v.settings["compound"]["word_heads"]:
        return None
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    seps = v.settings["list"]["separators"]
    prefix = v.settings["prefix"]
    if prev in prefix["words"] and ch in prefix["abbrs"] and not (nxt and nxt in "国州"):
        if v.abbrs[ch].code != "JP" or prev in prefix["nichi_after"]:
            return v.abbrs[ch]
    in_list = _edge(prev) and _edge(nxt)
    neighbour = (nxt in seps and i + 2 < len(text) and text[i + 2] in v.abbrs) or \
                (prev in seps and i >= 2 and text[i - 2] in v.abbrs)
    return v.abbrs[ch] if in_list and neighbour else None


def _edge(ch: str) -> bool:
    """Nothing, punctuation or kana next to a lone abbreviation: it is not inside a word."""
    return not ch or not (ch.isalnum() and not re.match(r"[ぁ-ゖ]", ch))


def recognize(doc: Document) -> list[Mention]:
    v = vocabulary()
    mentions = [m for seg in doc.segments for m in _scan(v, seg)]
    kept = []
    for m, earlier in antecedent_streams(mentions):
        if m.values.pop("_anaphora", False):
            ante = next((x for x in reversed(earlier) if x.values.get("kind") == "country"
                         and x.values.get("code") != "JP" and "_anaphora" not in x.values), None)
            if ante is None:
                continue
            m.values.update({**ante.values, "via": "anaphora"})
        kept.append(m)
    return kept


def rule_examples():
    return [tuple(c) for c in vocabulary().settings["cases"]["examples"]]


def rule_negatives():
    return [tuple(c) for c in vocabulary().settings["cases"]["negatives"]]


def example_value(values: dict) -> str:
    return values["code"] or values["name_ja"]
