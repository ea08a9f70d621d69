"""Entities (SPEC §6): organizations, people, events, laws and policies, with acronyms
resolved to the name they were defined with.

Rules first, from `rules/entities.toml`: names that end in a telling word (…省, …機構,
…会合, …法, …戦略), titles in 「」, law and notice numbers (entity_spans.py), people before
a title (尾上誠蔵氏, モディ首相; entity_people.py), and acronym definitions in the genre's
shapes (entity_acronyms.py); what makes a run a name is in entity_words.py. GiNZA's NER
(labels mapped by `rules/ginza_labels.tsv`) adds what the rules do not cover, where it
does not overlap them and passes the same sanity checks. Names are then made canonical
within the document (entity_names.py). Nothing is taken from a URL or from the book's
own titles (第8節 ICT国際戦略の推進).
"""
from __future__ import annotations

import re
from functools import cache

from ..read.document import Document, Mention
from ..rules import load_tsv
from .entity_acronyms import acronym_uses, definitions, kind_members
from .entity_names import canonical
from .entity_spans import shape_mentions
from .entity_words import MODEL, aliases, generic, patterns, rules
from .entity_words import known as _known, mention as _mention
from .resolve import resolve_overlaps

TABLE = "entities"
# `ordinal`: the N of 第N回 (the edition of a meeting), kept out of the name.
COLUMNS = ["label", "name", "acronym", "english", "role", "ordinal"]
EXTRA_TABLES = {"acronyms": ["doc_id", "acronym", "name", "english", "start", "end"]}
NEEDS_MODEL = True


@cache
def ginza_labels() -> dict[str, str]:
    return {r["ginza"]: r["label"] for r in load_tsv("ginza_labels.tsv")}


_SENTENCE = re.compile(r"[^。]+。?")
_CAPITALS = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9\-]{1,9}(?![A-Za-z0-9])")
_KANJI = re.compile(r"[一-龥々]+")
# Characters of the sentence the model sees on each side of a word only it can decide.
# Its context reaches about 8 tokens each way (tok2vec: depth 8, window 1; 2 to 3
# characters a token here); with this margin its decisions on the five books and the
# sections in raw/ are those it makes on whole sentences (docs/performance.md).
MODEL_MARGIN = 16


def _undecided(sentence: str, known: set[str], taken) -> list[tuple[int, int]]:
    """Spans of a sentence only GiNZA can decide: Latin capitals the rules do not know
    (CDEP, ECOSOC) and kanji words the tokenizer reads as personal names, outside every
    rule mention (a word inside one would be dropped anyway). Most sentences have none."""
    from .nlp import tagged

    out = [m.span() for m in _CAPITALS.finditer(sentence) if m.group() not in known]
    if _KANJI.search(sentence):
        names: list[list[int]] = []       # runs of such words: 佐藤 + 良晴; a lone 原 is too short
        pos = 0
        for surface, _, pos3 in tagged(sentence):
            at = sentence.find(surface, pos)
            if at < 0:
                continue
            pos = at + len(surface)
            if pos3 == "人名" and _KANJI.fullmatch(surface):
                if names and names[-1][1] == at:
                    names[-1][1] = pos
                else:
                    names.append([at, pos])
        out += [(a, b) for a, b in names if b - a >= 2]
    return [(a, b) for a, b in out if not taken(a, b)]


_WORD_RUN = (re.compile(r"[A-Za-z0-9\-]"), re.compile(r"[ァ-ヺー・]"), re.compile(r"[一-龥々]"), re.compile(r"[ぁ-ゖ]"))


def _cut_within_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and any(r.match(text[i - 1]) and r.match(text[i]) for r in _WORD_RUN)


def _windows(spans: list[tuple[int, int]], sentence: str) -> list[tuple[int, int]]:
    """The spans widened by MODEL_MARGIN within the sentence, never cutting a run of one
    script (CHECK cut to HECK reads as another word), overlapping ones merged."""
    out: list[list[int]] = []
    for a, b in sorted(spans):
        a, b = max(0, a - MODEL_MARGIN), min(len(sentence), b + MODEL_MARGIN)
        while _cut_within_word(sentence, a):
            a -= 1
        while _cut_within_word(sentence, b):
            b += 1
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _model_mentions(doc: Document, known: set[str] = frozenset(),
                    taken: dict[int, list[tuple[int, int]]] | None = None) -> list[Mention]:
    """GiNZA's entities where it is right more often than not in this genre: bodies named
    by Latin capitals (CDEP, ECOSOC, ICANN), companies whose name is Latin and katakana
    (NTTドコモ, スカパーJSAT) or begins with a proper noun (住友商事; a list 「KDDI・住友商事」
    is split), and people the tokenizer also reads as personal names. Its other spans are
    fragments or mislabeled (DFFT as a company, 量子通信 as a company). It reads only
    windows around the words the rules cannot decide."""
    from .nlp import entities as ginza_entities

    labels, out = ginza_labels(), []
    stop = set(rules()["acronym"]["not_bodies"])
    known = set(known) | stop | set(_known())
    pieces = []
    for seg in doc.segments:
        spans = (taken or {}).get(id(seg), [])
        for m in _SENTENCE.finditer(seg.text):
            if not m.group().strip():
                continue
            at = m.start()
            undecided = _undecided(m.group(), known, lambda a, b: any(x <= at + a and at + b <= y for x, y in spans))
            for a, b in _windows(undecided, m.group()):
                pieces += [(seg, at + a + c, text) for c, text in _chunks(m.group()[a:b])]
    found = ginza_entities([p[2] for p in pieces], [p[0].section for p in pieces])
    for (seg, offset, _), ents in zip(pieces, found):
        for start, end, ginza_label in ents:
            label = labels.get(ginza_label)
            at = offset + start
            text = seg.text[at:offset + end]
            for part in text.split("・") if label == "ORG" else [text]:
                a = seg.text.find(part, at)
                at = a + len(part)
                name = part.strip()
                if name and _model_keeps(label, name, stop):
                    s = a + part.index(name)
                    out.append(_mention(seg, s, s + len(name), label, name, MODEL))
    return out


_LATIN_BODY = re.compile(r"[A-Z][A-Z0-9\-]{0,8}[A-Z0-9]")     # not cut before a hyphen (W- of W-CDMA)
_COMPANY = re.compile(r"[A-Z]{2,}[ァ-ヺー]{2,}|[ァ-ヺー]{2,}[A-Z]{2,}")
_EDITION = re.compile(r"-[0-9]{2,4}$")


def _model_keeps(label: str | None, name: str, stop: set[str]) -> bool:
    from .nlp import tagger

    if label == "ORG":
        if _LATIN_BODY.fullmatch(name) and not _EDITION.search(name):       # WRC-2007: a meeting
            return name not in stop
        if _COMPANY.fullmatch(name):        # NTTドコモ, スカパーJSAT; not ICカード (IC|カード)
            return name not in stop and any(w.feature.pos2 == "固有名詞" and re.match(r"[ァ-ヺー]", w.surface)
                                            for w in tagger()(name))
        words = tagger()(name)
        return bool(re.fullmatch(r"[一-龥々]{3,8}", name)) and len(words) > 1 and \
            words[0].feature.pos2 == "固有名詞" and words[0].feature.pos3 == "一般" and not generic(name)
    if label == "PERSON":
        return bool(re.fullmatch(r"[一-龥々]{2,6}", name)) and \
            all(w.feature.pos3 == "人名" for w in tagger()(name))
    return False


# Sudachi (GiNZA's tokenizer) refuses texts over 49,149 bytes: parse long segments in
# pieces of at most this many characters (3 bytes each in UTF-8), cut after a sentence.
MODEL_CHUNK = 12_000


def _chunks(text: str):
    a = 0
    while len(text) - a > MODEL_CHUNK:
        cut = text.rfind("。", a, a + MODEL_CHUNK) + 1 or a + MODEL_CHUNK
        yield a, text[a:cut]
        a = cut
    yield a, text[a:]


def _book_title(seg) -> bool:
    """The book's own headings (第8節 ICT国際戦略の推進) and its running heads name the
    chapter, not a body or a plan."""
    return seg.kind == "heading" and bool(_BOOK_HEADING.match(seg.text))


_BOOK_HEADING = re.compile(r"第[0-9一二三四五六七八九十]+[部章節]")


def _outside_urls(mentions: list[Mention]) -> list[Mention]:
    """Nothing is taken from a URL (…/OECD-LEGAL-0449, …/Digital-Economy-Ministerial-…)."""
    urls = {}
    for m in mentions:
        if id(m.segment) not in urls:
            urls[id(m.segment)] = [u.span() for u in patterns()["url"].finditer(m.segment.text)]
    return [m for m in mentions if not any(a < m.end and m.start < b for a, b in urls[id(m.segment)])]


def _ordinals_after(mentions: list[Mention]) -> None:
    """日EU・ICT政策対話(第24回): the bracketed ordinal after a meeting joins its mention."""
    after = re.compile(rules()["ordinal"]["after"])
    for m in mentions:
        if m.values["label"] == "EVENT" and (o := after.match(m.segment.text, m.end)):
            m.end = o.end()
            m.values["name"] += f"第{o.group('n')}回"


def recognize(doc: Document) -> list[Mention]:
    segments = [seg for seg in doc.segments if not _book_title(seg)]
    shapes = resolve_overlaps(_outside_urls([m for seg in segments for m in shape_mentions(seg)]))
    by_seg: dict[int, list[Mention]] = {}
    for m in shapes:
        by_seg.setdefault(id(m.segment), []).append(m)
    defs = definitions(doc, by_seg)
    doc.cache["acronyms"] = defs
    acr = {d.acronym: d for d in defs}
    uses = [m for m in _outside_urls(acronym_uses(doc, defs) + kind_members(doc, defs))
            if not _book_title(m.segment)]
    kept = resolve_overlaps(shapes + uses)
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in kept:
        taken.setdefault(id(m.segment), []).append((m.start, m.end))
    for m in _outside_urls(_model_mentions(doc, set(acr), taken)):
        if not _book_title(m.segment) and not any(a < m.end and m.start < b for a, b in taken.get(id(m.segment), [])):
            kept.append(m)
    # Inside a definition only its name counts: WTO in 世界貿易機関(WTO: …) is the definition.
    kept = [m for m in kept if not any(d.seg is m.segment and d.start < m.start and m.end <= d.end
                                       for d in defs)]
    _ordinals_after(kept)
    return canonical(doc, kept, acr, aliases(), generic)


def extra_rows(doc: Document, mentions: list[Mention]) -> dict[str, list[dict]]:
    rows = []
    for d in doc.cache.get("acronyms", []):
        s, e = d.seg.span(d.start, d.end)
        rows.append({"doc_id": doc.doc_id, "acronym": d.acronym, "name": d.name, "english": d.english,
                     "start": s, "end": e})
    return {"acronyms": rows}


def rule_examples():
    return [tuple(c) for c in rules()["cases"]["examples"]]


def rule_negatives():
    return [tuple(c) for c in rules()["cases"]["negatives"]]


def example_value(values: dict) -> str:
    ordinal = f" #{values['ordinal']}" if values.get("ordinal") else ""
    return f"{values['label']} {values['name']}{ordinal}"
