"""People (SPEC §6): a name before a title; the title goes to `role`, an honorific (氏, 様)
nowhere."""
from __future__ import annotations

import re

from ..read.document import Mention
from .entity_words import SURE, mention, patterns, rules


def people(seg) -> list[Mention]:
    text, out = seg.text, []
    cfg = rules()["person"]
    for m in patterns()["person"].finditer(text):
        name = m.group("name")
        if name in cfg["generic_names"] or _is_place(name) or not _person_name(text, m):
            continue
        start = m.start("name")
        if re.fullmatch(r"[ァ-ヺー・]+", name):
            name, start = _katakana_name(name, start)
        title = m.group("title")
        if title in cfg["honorifics"] and not m.group("country") and not m.group("former"):
            role = None                             # 氏, 様: an honorific, not a title
        else:
            role = (m.group("former") or "") + (m.group("country") or "") + title
        out.append(mention(seg, start, m.end("name"), "PERSON", name, SURE, role=role))
    return out


def _katakana_name(name: str, start: int) -> tuple[str, int]:
    """The name without common nouns in front: サイバーセキュリティ|クリントン大統領."""
    from .nlp import tagger

    words = tagger()(name)
    while len(words) > 1 and words[0].feature.pos2 == "普通名詞":
        start += len(words[0].surface)
        name = name[len(words[0].surface):]
        words = words[1:]
    return name, start


def _is_place(name: str) -> bool:
    """A country or region before a title is a post, not a person (フィリピン大統領)."""
    from .countries import vocabulary

    v = vocabulary()
    return name in v.names or name in v.abbrs


def _person_name(text: str, m: re.Match) -> bool:
    """A name must not run on from a longer word, and the tokenizer must read it as a
    personal name (尾上誠蔵, 菅, モディ) unless it is Latin or stands before a title only
    people hold (首相, 大統領, 氏): デジタル大臣 and 情報通信大臣 are posts, not people. A
    family and a given name set apart by a space (西田　幸博氏) need the given name read so."""
    from .nlp import tagger

    name, s = m.group("name"), m.start("name")
    if s > 0 and re.match(r"[一-龥々ァ-ヺーA-Za-z]", text[s - 1]):
        return False
    if name[0].isascii():
        return True
    if " " in name:
        return all(w.feature.pos3 == "人名" for w in tagger()(name.split(" ")[1]))
    if all(w.feature.pos3 == "人名" for w in tagger()(name)):
        return True
    return bool(re.fullmatch(r"[ァ-ヺー・]+", name)) and m.group("title") in rules()["person"]["only_people"]
