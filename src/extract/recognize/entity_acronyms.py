"""Acronyms a document defines (名称（ACR）, 名称（ACR：English）, ACR（English（名称））, ACR（名称）,
名称（略称）, 「名称」（以下「略称」という。）) and their uses; the first definition wins."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.document import Document, Mention
from ..rules import alternation
from .entity_spans import long_name
from .entity_words import ORDINAL, SURE, generic, known, label_of, mention, patterns, rules, trim


@dataclass
class Definition:
    acronym: str
    name: str
    english: str | None
    label: str | None
    seg: object
    start: int
    end: int
    labelled: bool = True           # whether its uses are entities (CSSO: a post, not a body)
    entity_name: str = ""           # the name its mentions take (an edition's year left out)


def definitions(doc: Document, shapes: dict[int, list[Mention]]) -> list[Definition]:
    """Acronyms the text defines, first definition first."""
    p, defs = patterns(), []
    honorifics = tuple(rules()["person"]["honorifics"])
    for seg in doc.segments:
        text = seg.text
        for m in p["acronym_first"].finditer(text):       # DFFT(Data Free Flow with Trust(信頼性…))
            name = m.group("ja") or m.group("en").strip()
            defs.append(Definition(m.group("acr"), name, m.group("en").strip(), None, seg, m.start(), m.end()))
        for m in p["acronym_ja"].finditer(text):          # TICAD7(第7回アフリカ開発会議), RCEP(東アジア…)
            ja = m.group("ja").strip()
            if ":" in ja or not re.search(r"[ぁ-ゖァ-ヺ一-龥]", ja):
                continue
            if (label_of(ja) or known().get(m.group("acr"))) and not generic(ja):
                defs.append(Definition(m.group("acr"), ja, None, None, seg, m.start(), m.end()))
        for m in p["acronym_colon"].finditer(text):
            en = m.group("en").strip()
            defs.append(Definition(m.group("acr"), en, en, None, seg, m.start(), m.end(), labelled=False))
        for m in p["short_def"].finditer(text):            # 日本経済団体連合会(経団連)
            ends_here = [x for x in shapes.get(id(seg), []) if x.end == m.start() and x.values["label"] != "PERSON"]
            run = p["run_end"].search(text, 0, m.start())
            if ends_here:
                a = min(x.start for x in ends_here)
            elif run:
                a = run.start()
            else:
                continue
            name, acr = text[a:m.start()], m.group("acr")
            if len(name) > len(acr) and not name.endswith(acr) and _subsequence(acr, name):
                defs.append(Definition(acr, name, None, None, seg, a, m.end()))
        for m in p["short_name"].finditer(text):           # 「…に関する法律」(以下「システム法」という。)
            s = m.start() - (text[m.start() - 1:m.start()] == "」")
            named = [x for x in shapes.get(id(seg), []) if x.end == s and x.values["label"] != "PERSON"]
            if named:
                first = min(named, key=lambda x: x.start)
                defs.append(Definition(m.group("acr"), first.values["name"], None, None, seg, first.start, m.end()))
        for m in p["acronym_def"].finditer(text):          # 世界貿易機関(WTO: World Trade Organization)
            s = m.start()
            while s > 0 and text[s - 1] == " ":             # 経済社会理事会 (ECOSOC : …)
                s -= 1
            if s > 0 and text[s - 1] == "」":               # 「開発のための科学技術委員会」 (CSTD : …)
                open_at = text.rfind("「", 0, s)
                if open_at >= 0:
                    name = text[open_at + 1:s - 1]
                    defs.append(Definition(m.group("acr"), name, (m.group("en") or "").strip() or None, None,
                                     seg, open_at + 1, m.end()))
                continue
            here = [x for x in shapes.get(id(seg), []) if x.end == s]
            if text[:s].endswith(honorifics) or any(x.values["label"] == "PERSON" for x in here):
                continue                                    # 新 博行氏(NTTドコモ): an affiliation
            if here:
                first = min(here, key=lambda x: x.start)
                a, name = first.start, first.values["name"]
            else:
                run = p["run_end"].search(text[max(0, s - rules()["max_name"]):s])
                if not run:
                    continue
                a = s - len(run.group())
                name = run.group()
                marked = text.endswith(tuple(rules()["long_name"]["markers"]), 0, a)
                if label_of(name) is None or (generic(name) and marked):
                    # 信頼性のある自由なデータ流通(DFFT), 協力強化に関するワーキンググループ(WGEC)
                    a, name = long_name(seg, a, s)
            if name == text[a:s]:
                name, _ = trim(name.strip())
                a = s - len(name)
            if not name or name == m.group("acr") or re.match(r"[ぁ-ゖ]", name):
                continue
            english = (m.group("en") or "").strip() or None
            # a generic term (経済連携協定(EPA)) is defined, but its uses name no one thing
            defs.append(Definition(m.group("acr"), name, english, None, seg, a, m.end(), labelled=not generic(name)))
    defs.sort(key=lambda d: (d.seg.start, d.start))
    first: dict[str, Definition] = {}
    for d in defs:
        if d.acronym not in first or (first[d.acronym].english is None and d.english):
            # the first definition, unless a later one also gives the English: that one
            # is the full definition (a heading's 「…・経済社会理事会 (ECOSOC)」 is not)
            d.label = (label_of(d.name, d.english) or known().get(d.acronym)) if d.labelled else None
            first[d.acronym] = d
        elif len(d.name) > len(first[d.acronym].name) and d.name.endswith(first[d.acronym].name):
            first[d.acronym].name = d.name      # 日米政策協力対話(日米IED), then the full name
    for d in first.values():
        # the entity's name: 2019年世界無線通信会議 (WRC-19) is an edition of 世界無線通信会議
        d.entity_name = trim(d.name, d.label)[0] if d.label == "EVENT" else d.name
    return list(first.values())


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def acronym_uses(doc: Document, defs: list[Definition]) -> list[Mention]:
    """The defining name itself (地域的な包括的経済連携(RCEP)) and every use of the acronym,
    with a 第N回 in front kept for the ordinal (第10回TELMIN)."""
    uses = [mention(d.seg, d.start, d.start + len(d.name), d.label, d.entity_name, SURE, acronym=d.acronym,
                     english=d.english) for d in defs if d.label and d.seg.text.startswith(d.name, d.start)]
    acr = {d.acronym: d for d in defs if d.label}
    if not acr:
        return uses
    latin = [a for a in acr if a.isascii()]
    other = [a for a in acr if not a.isascii()]         # 経団連: not inside a longer word
    alts = ([rf"(?<![A-Za-z0-9\-])(?:{alternation(latin)})(?![A-Za-z0-9\-])"] if latin else []) + \
        ([rf"(?<![一-龥々ァ-ヺー])(?:{alternation(other)})(?![一-龥々ァ-ヺー])"] if other else [])
    use = re.compile(rf"(?:第[0-9]+回)?(?:{'|'.join(alts)})")
    for seg in doc.segments:
        for m in use.finditer(seg.text):
            ordinal = ORDINAL.match(m.group())
            d = acr[m.group()[ordinal.end() if ordinal else 0:]]
            prefix = ordinal.group() if ordinal and d.label == "EVENT" else ""
            a = m.start() if prefix else m.end() - len(d.acronym)
            uses.append(mention(seg, a, m.end(), d.label, prefix + d.entity_name, SURE,
                                 acronym=d.acronym, english=d.english))
    return uses


def kind_members(doc: Document, defs: list[Definition]) -> list[Mention]:
    """フォーカスグループ(FG) defines a kind of body; FG-AI4A and FG AI4EE are bodies of that
    kind, named as written."""
    kinds = {d.acronym: d for d in defs if not d.labelled and d.acronym.isascii() and label_of(d.name) == "ORG"}
    if not kinds:
        return []
    defined = {d.acronym for d in defs}
    member = re.compile(rf"(?<![A-Za-z0-9\-])(?:{alternation(kinds)})[- ][A-Z][A-Za-z0-9]*[A-Z0-9]"
                        rf"(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9])")
    return [mention(seg, m.start(), m.end(), "ORG", m.group(), SURE)
            for seg in doc.segments for m in member.finditer(seg.text) if m.group() not in defined]
