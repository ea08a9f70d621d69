"""Entities (SPEC §6): organizations, people, events, laws and policies, with acronyms
resolved to the name they were defined with.

Rules first, from `rules/entities.toml`: names that end in a telling word (…省, …機構,
…会合, …法, …戦略), titles in 「」, law and notice numbers, people before a title
(尾上誠蔵氏, モディ首相), and acronym definitions in the genre's shapes. GiNZA's NER
(labels mapped by `rules/ginza_labels.tsv`) adds what the rules do not cover, where it
does not overlap them and passes the same sanity checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..read.document import Document, Mention
from .resolve import reading_order, resolve_overlaps
from ..rules import alternation, load_toml, load_tsv

TABLE = "entities"
COLUMNS = ["label", "name", "acronym", "english", "role"]
EXTRA_TABLES = {"acronyms": ["doc_id", "acronym", "name", "english", "start", "end"]}
NEEDS_MODEL = True

# Priorities in overlap resolution: sure shapes over model guesses.
SURE, SHAPE, MODEL = 3, 2, 1


@cache
def rules() -> dict:
    return load_toml("entities.toml")


@cache
def aliases() -> dict[str, str]:
    return {r["alias"]: r["name"] for r in load_tsv("entity_aliases.tsv")}


def _known() -> dict[str, str]:
    """Fixed names and their labels: rules/entities.toml [known] and every alias."""
    out = {w: label for label, words in rules()["known"].items() for w in words}
    out.update({w: "ORG" for pair in aliases().items() for w in pair})
    return out


@cache
def ginza_labels() -> dict[str, str]:
    return {r["ginza"]: r["label"] for r in load_tsv("ginza_labels.tsv")}


@cache
def patterns() -> dict[str, re.Pattern]:
    r = rules()
    run = f"[{r['name_chars']}]"
    suffixes = {w: label for label, words in r["suffix"].items() for w in words}
    return {
        "suffix": re.compile(rf"(?:第[0-9]+回)?{run}{{0,{r['max_name']}}}?(?:{alternation(suffixes)})(?:[0-9]{{4}})?"
                             rf"(?!(?![及並又等])[一-龥々〆ヵヶァ-ヺー・])"),     # 協会及び: 及 ends the name
        "title": re.compile(r"「([^「」]{2,60})」"),
        "law_number": re.compile(r["law_number"]["pattern"]),
        "org_prefix": re.compile(rf"(?:{alternation(r['org_prefix']['words'])}){run}+"),
        "known": re.compile(rf"(?<![A-Za-z0-9])(?:{alternation(_known())})(?![A-Za-z0-9])"),
        "person": re.compile(rf"(?P<name>[一-龥々]{{1,4}}?|[ァ-ヺー・]{{2,20}}?|[A-Z][a-z]+(?: [A-Z][a-zA-Z\-]+)+)"
                             rf"(?P<country>[一-龥]{{1,2}}国)?(?P<title>{alternation(r['person']['titles'])})"),
        "acronym_def": re.compile(rf"\((?P<acr>(?:[一-龥]{{1,3}}・?)?{r['acronym']['pattern']})"
                                  rf"(?:\s?:\s?(?P<en>[^():]+?))?\s*[()]"),
        # CSSO:Chief Standardization Strategy Officer, written without brackets
        "acronym_colon": re.compile(rf"(?<![(A-Za-z0-9])(?P<acr>{r['acronym']['pattern']})\s?:\s?"
                                    rf"(?P<en>[A-Z][A-Za-z\-]+(?: [A-Za-z][A-Za-z\-]+)+)"),
        "acronym_first": re.compile(rf"(?<![A-Za-z0-9])(?P<acr>{r['acronym']['pattern']})"
                                    rf"\((?P<en>[A-Za-z][\x20-\x7e]*?)(?:\((?P<ja>[^()]+)\))?\)"),
        # 日米IED(インターネットエコノミーに関する日米政策協力対話): the name in the brackets
        "acronym_ja": re.compile(r"(?<![A-Za-z0-9])(?P<acr>[一-龥]{0,3}[A-Z][A-Za-z0-9\-]*[A-Z0-9])"
                                 r"\((?P<ja>[^()A-Za-z0-9:]{4,60})\)"),
        "run_end": re.compile(rf"{run}+$"),
    }


@lru_cache(maxsize=1 << 14)         # asked about the same names over and over in a book
def label_of(name: str, english: str | None = None) -> str | None:
    """The label a name's last word (or its English expansion) gives, if any."""
    r = rules()
    best = None
    for label, words in r["suffix"].items():
        for w in words:
            if re.search(rf"{re.escape(w)}(?:[0-9]{{4}})?$", name) and (best is None or len(w) > best[1]):
                best = (label, len(w))
    if best:
        return best[0]
    if english:
        for label, words in r["english"].items():
            if any(re.search(rf"\b{w}\b", english) for w in words):
                return label
    return _known().get(name)


@cache
def _all_suffixes() -> frozenset[str]:
    return frozenset(w for words in rules()["suffix"].values() for w in words)


_COUNT_HEAD = re.compile(r"^(?:[0-9]+(?:度|回|年|か月|カ月|件|人|社|つ|か国|カ国|機関)|[・、]|各|同|両)")
_ORDINAL = re.compile(r"^第[0-9]+回")


def _trim(name: str) -> str:
    """Counts and determiners before a name are not part of it: 4年に1度[世界電気通信開発会議],
    51カ国・1機関, 各[研究委員会]."""
    while (m := _COUNT_HEAD.match(name)) and len(name) > m.end():
        name = name[m.end():]
    return name


def _generic(name: str) -> bool:
    if name in _known():
        return False
    g = rules()["generic"]
    name = _ORDINAL.sub("", name)
    if "・" in name and all(_generic(part) for part in name.split("・") if part):
        return True
    if name in g["words"] or any(name.endswith(w) for w in g["not_law_endings"]):
        return True
    for p in g["prefixes"]:
        if name.startswith(p) and (name[len(p):] in g["words"] or label_of(name[len(p):]) and
                                   len(name) - len(p) <= 3):
            return True
    return False


@dataclass
class _Def:
    acronym: str
    name: str
    english: str | None
    label: str | None
    seg: object
    start: int
    end: int
    labelled: bool = True           # whether its uses are entities (CSSO: a post, not a body)


def _mention(seg, s, e, label, name, priority, acronym=None, english=None, role=None) -> Mention:
    return Mention(seg, s, e, {"label": label, "name": name, "acronym": acronym, "english": english,
                               "role": role}, priority)


def _long_start(text: str, s: int, e: int) -> int:
    """Where a long name (…に関する法律) begins: the clause boundary before it."""
    cfg = rules()["long_name"]
    a = s
    while a > 0 and text[a - 1] not in cfg["boundaries"] and s - a < 80:
        a -= 1
    head = text[a:s]
    for marker in cfg["markers"]:       # the stops are looked for before …に関する, not in it
        k = head.rfind(marker)
        if k >= 0 and k + len(marker) >= len(head) - 30:
            head = head[:k]
            break
    cut = max((head.rfind(stop) + len(stop) for stop in cfg["stops"] if stop in head), default=0)
    return a + cut


def _shape_mentions(seg) -> list[Mention]:
    text, p, out = seg.text, patterns(), []
    cfg = rules()
    for m in p["law_number"].finditer(text):
        out.append(_mention(seg, m.start(), m.end(), "LAW", m.group(), SURE))
    for m in p["org_prefix"].finditer(text):
        if label_of(m.group()) in (None, "ORG"):     # …機構法 is the law, left to the suffixes
            out.append(_mention(seg, m.start(), m.end(), "ORG", m.group(), SHAPE))
    for m in p["known"].finditer(text):
        out.append(_mention(seg, m.start(), m.end(), _known()[m.group()], m.group(), SHAPE))
    for m in p["title"].finditer(text):
        inner = m.group(1).strip()
        label = label_of(inner)
        if label and not _generic(inner):
            out.append(_mention(seg, m.start(1), m.end(1), label, inner, SURE))
    for m in p["suffix"].finditer(text):
        s, e = m.span()
        name = m.group()
        label = label_of(name)
        if label is None:
            continue
        long = cfg["long_name"]
        before = text[max(0, s - 40):s]
        right_after = before.endswith(tuple(long["markers"]))
        if name.endswith(tuple(long["suffixes"])) and (name in _all_suffixes() or right_after) \
                and any(k in before for k in long["markers"]):
            s = _long_start(text, s, e)
            name = text[s:e]
        trimmed = _trim(name)
        s, name = e - len(trimmed), trimmed
        if _generic(name) or name in _all_suffixes() or name[0].isdigit():
            continue
        parts = name.split("・")
        if len(parts) > 1 and all(label_of(x) == label and not _generic(x) for x in parts):
            # 国連総会第二委員会・経済社会理事会: two bodies, not one
            for x in parts:
                a = text.index(x, s)
                out.append(_mention(seg, a, a + len(x), label, x, SHAPE))
            continue
        out.append(_mention(seg, s, e, label, name, SHAPE))
    for m in p["person"].finditer(text):
        name = m.group("name")
        if name in cfg["person"]["generic_names"] or not _person_name(text, m):
            continue
        role = (m.group("country") or "") + m.group("title")
        out.append(_mention(seg, m.start("name"), m.end("name"), "PERSON", name, SURE, role=role))
    return out


def _person_name(text: str, m: re.Match) -> bool:
    """A name must not run on from a longer word, and the tokenizer must read it as a
    personal name (尾上誠蔵, 菅, モディ) unless it is Latin or stands before a title only
    people hold (首相, 大統領, 氏): デジタル大臣 and 情報通信大臣 are posts, not people."""
    from .nlp import tagged

    name, s = m.group("name"), m.start("name")
    if s > 0 and re.match(r"[一-龥々ァ-ヺーA-Za-z]", text[s - 1]):
        return False
    if name[0].isascii():
        return True
    if all(pos3 == "人名" for _, _, pos3 in tagged(name)):
        return True
    return bool(re.fullmatch(r"[ァ-ヺー・]+", name)) and m.group("title") in rules()["person"]["only_people"]


def _definitions(doc: Document, shapes: dict[int, list[Mention]]) -> list[_Def]:
    """Acronyms the text defines, first definition first."""
    p, defs = patterns(), []
    for seg in doc.segments:
        text = seg.text
        for m in p["acronym_first"].finditer(text):       # DFFT(Data Free Flow with Trust(信頼性…))
            name = m.group("ja") or m.group("en").strip()
            defs.append(_Def(m.group("acr"), name, m.group("en").strip(), None, seg, m.start(), m.end()))
        for m in p["acronym_ja"].finditer(text):
            label = label_of(m.group("ja"))
            if label and not _generic(m.group("ja")):
                defs.append(_Def(m.group("acr"), m.group("ja"), None, None, seg, m.start(), m.end()))
        for m in p["acronym_colon"].finditer(text):
            en = m.group("en").strip()
            defs.append(_Def(m.group("acr"), en, en, None, seg, m.start(), m.end(), labelled=False))
        for m in p["acronym_def"].finditer(text):          # 世界貿易機関(WTO: World Trade Organization)
            s = m.start()
            while s > 0 and text[s - 1] == " ":             # 経済社会理事会 (ECOSOC : …)
                s -= 1
            if s > 0 and text[s - 1] == "」":               # 「開発のための科学技術委員会」 (CSTD : …)
                open_at = text.rfind("「", 0, s)
                if open_at >= 0:
                    name = text[open_at + 1:s - 1]
                    defs.append(_Def(m.group("acr"), name, (m.group("en") or "").strip() or None, None,
                                     seg, open_at + 1, m.end()))
                continue
            ends_here = [x for x in shapes.get(id(seg), []) if x.end == s and x.values["label"] != "PERSON"]
            if ends_here:
                a = min(x.start for x in ends_here)
            else:
                run = p["run_end"].search(text[max(0, s - rules()["max_name"]):s])
                if not run:
                    continue
                a = s - len(run.group())
                if label_of(run.group()) is None or run.group() in _all_suffixes():
                    a = _long_start(text, a, s)        # 信頼性のある自由なデータ流通(DFFT)
            name = _trim(text[a:s].strip())
            a = s - len(name)
            if not name or name == m.group("acr"):
                continue
            english = (m.group("en") or "").strip() or None
            # a generic term (経済連携協定(EPA)) is defined, but its uses name no one thing
            defs.append(_Def(m.group("acr"), name, english, None, seg, a, m.end(), labelled=not _generic(name)))
    defs.sort(key=lambda d: (d.seg.start, d.start))
    first: dict[str, _Def] = {}
    for d in defs:
        if d.acronym not in first or (first[d.acronym].english is None and d.english):
            # the first definition, unless a later one also gives the English: that one
            # is the full definition (a heading's 「…・経済社会理事会 (ECOSOC)」 is not)
            d.label = (label_of(d.name, d.english) or _known().get(d.acronym)) if d.labelled else None
            first[d.acronym] = d
        elif len(d.name) > len(first[d.acronym].name) and d.name.endswith(first[d.acronym].name):
            first[d.acronym].name = d.name      # 日米政策協力対話(日米IED), then the full name
    return list(first.values())


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
    by Latin capitals (CDEP, ECOSOC, ICANN) and people the tokenizer also reads as
    personal names. Its other spans are fragments or mislabeled (DFFT as a company).
    It reads only windows around the words the rules cannot decide."""
    from .nlp import entities as ginza_entities, tagged

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
            label, name = labels.get(ginza_label), seg.text[offset + start:offset + end].strip()
            if label == "ORG":      # not cut before a hyphen (W- of W-CDMA)
                keep = re.fullmatch(r"[A-Z][A-Z0-9\-]{0,8}[A-Z0-9]", name) and name not in stop
            elif label == "PERSON":
                keep = re.fullmatch(r"[一-龥々]{2,6}", name) and all(pos3 == "人名" for _, _, pos3 in tagged(name))
            else:
                keep = False
            if keep:
                out.append(_mention(seg, offset + start, offset + end, label, name, MODEL))
    return out


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


def recognize(doc: Document) -> list[Mention]:
    shapes = resolve_overlaps([m for seg in doc.segments for m in _shape_mentions(seg)])
    by_seg: dict[int, list[Mention]] = {}
    for m in shapes:
        by_seg.setdefault(id(m.segment), []).append(m)
    defs = _definitions(doc, by_seg)
    doc.cache["acronyms"] = defs
    acr = {d.acronym: d for d in defs}
    # The defining name itself (地域的な包括的経済連携(RCEP)) is a mention, shape or not.
    uses = [_mention(d.seg, d.start, d.start + len(d.name), d.label, d.name, SURE, acronym=d.acronym,
                     english=d.english) for d in defs if d.label and d.seg.text.startswith(d.name, d.start)]
    if acr:
        use = re.compile(rf"(?:第[0-9]+回)?(?<![A-Za-z0-9\-])(?:{alternation(acr)})(?![A-Za-z0-9\-])")
        for seg in doc.segments:
            for m in use.finditer(seg.text):
                ordinal = _ORDINAL.match(m.group())
                d = acr[m.group()[ordinal.end() if ordinal else 0:]]
                if d.label:
                    # 第12回日米IED: the ordinal stays with an event's name
                    prefix = ordinal.group() if ordinal and d.label == "EVENT" else ""
                    a = m.start() if prefix else m.end() - len(d.acronym)
                    uses.append(_mention(seg, a, m.end(), d.label, prefix + d.name, SURE,
                                         acronym=d.acronym, english=d.english))
    kept = resolve_overlaps(shapes + uses)
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in kept:
        taken.setdefault(id(m.segment), []).append((m.start, m.end))
    for m in _model_mentions(doc, set(acr), taken):
        if not any(a < m.end and m.start < b for a, b in taken.get(id(m.segment), [])):
            kept.append(m)
    # Inside a definition only its name counts: WTO in 世界貿易機関(WTO: …) is the definition.
    kept = [m for m in kept if not any(d.seg is m.segment and d.start < m.start and m.end <= d.end
                                       for d in defs)]
    return _canonical(kept, acr)


def _canonical(mentions: list[Mention], acr: dict[str, _Def]) -> list[Mention]:
    """One name per body within the document: a name that is a defined acronym becomes
    the defined name; spaces inside names are dropped (日独ICT 政策対話). An acronym whose
    definition names no body (GBAS, a technology) stays out of the table."""
    by_name = {d.name: d for d in acr.values()}
    mentions = [m for m in mentions if not ((d := acr.get(m.values["name"])) and d.label is None)]
    for m in reading_order(mentions):
        v = m.values
        name = re.sub(r"\s+", "", v["name"]) if re.search(r"[^\x00-\x7f]", v["name"]) else v["name"]
        d = acr.get(name) or by_name.get(_ORDINAL.sub("", name))
        if d is not None:
            ordinal = _ORDINAL.match(name)
            name = (ordinal.group() if ordinal else "") + d.name
            v["acronym"], v["english"] = d.acronym, v["english"] or d.english
            v["label"] = d.label or v["label"]
        elif v["label"] == "ORG" and name in aliases():
            name = aliases()[name]
        v["name"] = name
    return mentions


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
    return f"{values['label']} {values['name']}"
