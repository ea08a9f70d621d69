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
from .dates import URL
from .money import currency_words
from .resolve import antecedent_streams
from ..rules import load_toml, load_tsv

TABLE = "countries"
COLUMNS = ["code", "alpha3", "name_en", "name_ja", "kind", "via"]

_KATAKANA = re.compile(r"[ァ-ヺー]")
_ASCII = re.compile(r"[A-Za-z0-9]")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")


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
    for abbr, name in settings["compound"]["region_abbrs"].items():
        abbrs[abbr] = names[name]
    deictic = {w: countries[code] for code, words in settings["deictic"].items() for w in words}
    # A currency word names no country: 香港ドル, ノルウェー・クローネ.
    blocked = frozenset(settings["not_countries"]) | frozenset(w for w in currency_words() if w not in names)
    by_first: dict[str, list[str]] = {}
    for w in set(names) | blocked | set(deictic) | set(settings["anaphora"]):
        by_first.setdefault(w[0], []).append(w)
    for words in by_first.values():
        words.sort(key=len, reverse=True)
    return Vocabulary(names, abbrs, countries, blocked, deictic, frozenset(settings["anaphora"]),
                      by_first, settings)


def _same_run(a: str, b: str) -> bool:
    """Two ASCII letters or two ASCII digits: one Latin word or one number."""
    return bool(_ASCII.match(a) and _ASCII.match(b)) and a.isdigit() == b.isdigit()


def _bounded(text: str, s: int, e: int, word: str) -> bool:
    """A Latin name must not be part of a longer Latin word or number (EUR, G77); letters
    after digits start a new word (G20AI原則). A katakana name next to more katakana is a
    name only where the tokenizer cuts a place name out (日エストニア|サイバー協議), not
    inside one word (タイトル, マリン, インドシナ)."""
    if s > 0 and _same_run(word[0], text[s - 1]):
        return False
    if e < len(text) and _same_run(word[-1], text[e]):
        return False
    glued = (_KATAKANA.match(word[0]) and s > 0 and _KATAKANA.match(text[s - 1])) or \
            (_KATAKANA.match(word[-1]) and e < len(text) and _KATAKANA.match(text[e]))
    return not glued or _place_token(text, s, e)


def _place_token(text: str, s: int, e: int) -> bool:
    """Whether the tokenizer reads text[s:e] as one proper-noun place name."""
    from .nlp import word_at

    found = word_at(text, s, e + 12)
    return found is not None and found[0] == e and found[1].pos2 == "固有名詞"


def _word_at(v: Vocabulary, text: str, i: int) -> str | None:
    for w in v.by_first.get(text[i], ()):
        if text.startswith(w, i) and _bounded(text, i, i + len(w), w):
            return w
    return None


def _compound_at(v: Vocabulary, text: str, i: int) -> tuple[int, list[Place]]:
    """(end, members) of a compound starting at i: an abbreviation, then abbreviations or
    names, directly or by a joiner; fewer than two members is no compound."""
    cfg = v.settings["compound"]
    if text[i] not in v.abbrs or _ends_word(v, text, i):
        return i, []
    if v.abbrs[text[i]].code == "JP" and i > 0 and text[i - 1] in cfg["not_after_nichi"]:
        return i, []
    members, end, j = [], i, i
    while j < len(text):
        k = j + 1 if members and text[j] in cfg["joiners"] else j
        if k >= len(text):
            break
        if text[k] in v.abbrs and not _word_head(v, text, k):
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


def _word_head(v: Vocabulary, text: str, k: int) -> bool:
    """Whether the abbreviation at k begins a common word (日米比較, 日中小企業)."""
    cfg = v.settings["compound"]
    two = text[k:k + 2]
    if two in cfg["pair_heads"] and re.match(r"[ぁ-ゖ]", text[k + 2:k + 3]):
        return False
    return two in cfg["word_heads"]


def _ends_word(v: Vocabulary, text: str, i: int) -> bool:
    """期間中, 検討中: an abbreviation that is a common suffix, right after a kanji (and
    not after 対 訪 …, where it names the country: 訪中)."""
    prev = text[i - 1] if i else ""
    return (text[i] in v.settings["compound"]["suffix_abbrs"] and bool(_KANJI.match(prev))
            and prev not in v.settings["prefix"]["words"])


def _name_end(v: Vocabulary, text: str, i: int, word: str) -> tuple[int, Place]:
    """(end, place) of the name `word` at i: an official long form after it is part of
    it (ブラジル連邦共和国), and a final 国 that begins the next word is not (日本国内,
    米国務省)."""
    e, place = i + len(word), v.names[word]
    split = v.settings["split"]
    if place.kind == "country":
        official = next((x for x in v.settings["official"]["suffixes"] if text.startswith(x, e)), None)
        if official and not _KATAKANA.match(text[e + len(official):e + len(official) + 1] or " ") \
                and not (official.startswith("国") and text[e:e + 2] in split["heads"]):
            return e + len(official), place
    if len(word) > 1 and word.endswith("国") and text[e - 1:e + 1] in split["heads"]:
        short = word[:-1]
        if short in v.names:
            return e - 1, v.names[short]
        if short in v.abbrs and text[e - 1:e + 1] in split["ministry_heads"]:
            return e - 1, v.abbrs[short]
    return e, place


def _scan(v: Vocabulary, seg) -> list[Mention]:
    text, found, i = seg.text, [], 0
    # Links are skipped: OECD-LEGAL-0449 in one names a document, not the group.
    urls = [u.span() for u in URL.finditer(text)] if "/" in text or "www" in text else []
    urls.reverse()
    while i < len(text):
        while urls and urls[-1][1] <= i:
            urls.pop()
        if urls and urls[-1][0] <= i:
            i = urls.pop()[1]
            continue
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
                e, place = _name_end(v, text, i, word)
                found.append(Mention(seg, i, e, place.values("name")))
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
    prefix = v.settings["prefix"]
    if prev in prefix["words"] and ch in prefix["abbrs"] and not (nxt and nxt in "国州"):
        if v.abbrs[ch].code != "JP" or prev in prefix["nichi_after"]:
            return v.abbrs[ch]
    if not _list_item(v, text, i):
        return None
    lst = v.settings["list"]
    after = next((i + 1 + len(w) for w in lst["separators"] if text.startswith(w, i + 1)), None)
    before = next((i - len(w) - 1 for w in lst["separators"] if text.endswith(w, 0, i)), None)
    neighbour = (after is not None and after < len(text) and _list_item(v, text, after)) or \
                (before is not None and before >= 0 and _list_item(v, text, before))
    return v.abbrs[ch] if neighbour else None


def _list_item(v: Vocabulary, text: str, i: int) -> bool:
    """An abbreviation standing alone as an item of a list: after the start, a separator or
    an opening bracket, and before nothing that runs on into a word."""
    if text[i] not in v.abbrs or text[i:i + 2] in v.settings["compound"]["word_heads"]:
        return False
    lst = v.settings["list"]
    starts = i == 0 or text.endswith(tuple(lst["separators"]) + tuple(lst["opens"]), 0, i)
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return starts and (_edge(nxt) or text.startswith(tuple(lst["separators"]), i + 1))


def _edge(ch: str) -> bool:
    """Nothing, punctuation or kana after a lone abbreviation: it is not inside a word."""
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
