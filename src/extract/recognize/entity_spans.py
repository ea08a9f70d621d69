"""Names by their shape in a segment's clean text: law numbers, legal forms, fixed names,
quoted titles, runs that end in a telling word (with long names run back to their clause),
short brackets inside a name, and people."""
from __future__ import annotations

import bisect
import re

from ..read.document import Mention
from .entity_people import people
from .entity_words import (ORDINAL, POINTING, SHAPE, SURE, all_suffixes, generic, known,
                           label_of, mention, owner_if_needed, patterns, rules, starts_a_word,
                           tokens_end_with_suffix, trim, word_bounded)


def line_starts(seg) -> frozenset[int]:
    """Clean offsets where a line of the original begins (a segment may join lines)."""
    return frozenset(bisect.bisect_left(seg.starts, line.start) for line in seg.lines[1:])


def long_name(seg, s: int, e: int) -> tuple[int, str]:
    """Where a long name (…に関する法律) begins, and the name: back to the clause boundary
    or the start of the line, after a verb that closes the clause before it. A name never
    starts with hiragana: 「…の進歩」に関する政府専門家会合 takes the quoted words (without
    the brackets) as its head, else the name stays the run it was."""
    cfg = rules()["long_name"]
    text, lines = seg.text, line_starts(seg)
    a = s
    while a > 0 and text[a - 1] not in cfg["boundaries"] and s - a < 80 and a not in lines:
        a -= 1
    head = text[a:s]
    for marker in cfg["markers"]:       # the stops are looked for before …に関する, not in it
        k = head.rfind(marker)
        if k >= 0 and k + len(marker) >= len(head) - 30:
            head = head[:k]
            break
    a += max((head.rfind(stop) + len(stop) for stop in cfg["stops"] if stop in head), default=0)
    if not re.match(r"[ぁ-ゖ]", text[a:e]):
        return a, text[a:e]
    if a > 0 and text[a - 1] == "」" and text.startswith(tuple(cfg["markers"]), a) \
            and (open_at := text.rfind("「", 0, a - 1)) >= 0:
        return open_at, text[open_at + 1:a - 1] + text[a:e]
    return s, text[s:e]


def _long_name_at(seg, s: int, e: int) -> tuple[int, str] | None:
    """The long name a suffix run ends, if it ends one: …に関する法律 from the bare 法律 up,
    a body or meeting only from a head that names one (…に関する[日豪ワークショップ])."""
    long = rules()["long_name"]
    text = seg.text
    name = text[s:e]
    before = text[max(0, s - 40):s]
    right_after = before.endswith(tuple(long["markers"]))
    if name.endswith(tuple(long["suffixes"])) and (name in all_suffixes() or right_after) \
            and any(k in before for k in long["markers"]):
        return long_name(seg, s, e)
    # a head that is generic only by its prefixes still names a kind of meeting (閣僚級会合)
    if not (name.endswith(tuple(long["headed_suffixes"])) and right_after and name not in all_suffixes()
            and name not in rules()["generic"]["words"] and not (generic(name) and "・" in name)):
        return None
    a, full = long_name(seg, s, e)
    determiners = tuple(rules()["generic"]["prefixes"])
    if trim(full)[1] or full.startswith(determiners):        # 各部門における研究委員会: a description
        return None
    return a, full


_JOINED_LAW = re.compile(r"(?:及び|並びに)$")


def _law_head(text: str, s: int) -> int:
    """外国為替及び外国貿易法: 及び inside a law's title, where the words before it are no law."""
    if not (j := _JOINED_LAW.search(text, 0, s)):
        return s
    run = patterns()["run_end"].search(text, 0, j.start())
    if not run or label_of(run.group()) is not None:
        return s
    return run.start()


def shape_mentions(seg) -> list[Mention]:
    text, p, out = seg.text, patterns(), []
    cfg = rules()
    for m in p["law_number"].finditer(text):
        out.append(mention(seg, m.start(), m.end(), "LAW", m.group(), SURE))
    short_forms = cfg["org_prefix"]["short"]
    for m in p["org_prefix"].finditer(text):
        name = short_forms.get(m.group("form"), m.group("form")) + m.group("rest")
        if label_of(name) in (None, "ORG"):          # …機構法 is the law, left to the suffixes
            out.append(mention(seg, m.start(), m.end(), "ORG", name, SHAPE))
    for m in p["known"].finditer(text):
        if word_bounded(text, m.start(), m.end()):
            out.append(mention(seg, m.start(), m.end(), known()[m.group()], m.group(), SHAPE))
    out += _titles(seg)
    out += _suffix_runs(seg)
    for m in p["bracketed"].finditer(text):
        # the bracket is part of the name (（放送）) or an acronym of the word before it ((ICT))
        a, inner, b = m.group("a", "inner", "b")
        label = label_of(b)
        if label is None or label_of(a) or re.search(r"[ぁ-ゖ0-9]", inner):
            continue
        a, _ = trim(a, label)
        name = a + b if re.fullmatch(cfg["acronym"]["pattern"], inner) else f"{a}({inner}){b}"
        if not generic(name):
            out.append(mention(seg, m.start("b") - len(inner) - 2 - len(a), m.end(), label, name, SHAPE))
    out += people(seg)
    return out


_ORDINAL_BEFORE = re.compile(r"第[0-9]+回$")


def _titles(seg) -> list[Mention]:
    """「…」 names: the quoted words, with a bracketed note at their end left out, joined to a
    suffix right after the closing bracket (「…貢献」国際フォーラム), and with an ordinal in
    front (第7回「日米サイバー対話」)."""
    text, p, cfg, out = seg.text, patterns(), rules(), []
    for m in p["title"].finditer(text):
        after = text[m.end():]
        if after.startswith(tuple(cfg["title"]["not_before"])):
            continue
        inner = m.group(1)
        core = re.sub(r"\s*\([^()]*\)\s*$", "", inner).strip()
        s, e = m.start(1), m.start(1) + len(inner.rstrip())
        follow = p["suffix"].match(text, m.end())
        # 「…に向けた貢献」国際フォーラム: the quote names a thing of a generic kind; not
        # 「…について」情報通信審議会(に諮問), where the run after it is a name of its own
        if follow and label_of(follow.group()) and not ORDINAL.match(follow.group()) \
                and not label_of(core, quoted=True) and generic(follow.group()):
            label, name, s, e = label_of(follow.group()), core + follow.group(), m.start(), follow.end()
        elif after.startswith(tuple(cfg["title"]["policy_after"])):
            label, name = "POLICY", core
        elif kind := next((k for k in cfg["title"]["kind_before"] if text.endswith(k, 0, m.start())), None):
            label, name = cfg["title"]["kind_before"][kind], core
        else:
            label, name = label_of(core, quoted=True), core
        if not label or generic(core) or not core:
            continue
        if (o := _ORDINAL_BEFORE.search(text, 0, m.start())) is not None:
            s, e, name = o.start(), max(e, m.end()), o.group() + name
        out.append(mention(seg, s, e, label, name, SURE))
    return out


def _paragraph_starts(seg) -> list[int]:
    """Clean offsets where an indented line begins (its leading space is not in the clean
    text): a new paragraph, which a name does not run into from the line before
    (…の取組 / 　総務省では)."""
    out = []
    for line in seg.lines[1:]:
        i = bisect.bisect_left(seg.starts, line.start)
        if i < len(seg.starts) and seg.starts[i] > line.start and seg.starts[i] < line.end:
            out.append(i)
    return out


def _suffix_runs(seg) -> list[Mention]:
    text, p, out = seg.text, patterns(), []
    legal_forms = set(rules()["org_prefix"]["words"])
    pointing = rules()["anaphora"]
    paragraphs = _paragraph_starts(seg)
    for m in p["suffix"].finditer(text):
        s, e = m.span()
        if paragraphs and (cut := [i for i in paragraphs if s < i < e]):
            s = cut[-1]
        name = text[s:e]
        label = label_of(name)
        if label is None or not starts_a_word(text, s) or not tokens_end_with_suffix(name, label) \
                or not owner_if_needed(name):
            continue
        if name in legal_forms and s > 1 and text[s - 1] == " ":      # 日本電気 株式会社
            if run := p["run_end"].search(text, 0, s - 1):
                s, name = run.start(), text[run.start():e]
        if name == text[s:e] and (found := _long_name_at(seg, s, e)):
            s, name = found
        if label == "LAW" and name == text[s:e]:
            s = _law_head(text, s)
            name = text[s:e]
        extra = {}
        if name == text[s:e]:
            trimmed, cut = trim(name, label)
            s, name = e - len(trimmed), trimmed
            if pointing["country"] in cut:          # 同国運輸通信省: the country is resolved later
                s -= len(pointing["country"])
                extra["_country"] = True
            elif cut.endswith(POINTING):
                extra["_pointed"] = True
        if generic(name) or (name[0].isdigit() and not re.match(r"[0-9]{4}年", name)):
            continue
        parts = name.split("・")
        if len(parts) > 1 and all(label_of(x) == label and not generic(x) for x in parts):
            # 国連総会第二委員会・経済社会理事会: two bodies, not one
            for x in parts:
                a = text.index(x, s)
                out.append(mention(seg, a, a + len(x), label, x, SHAPE))
            continue
        out.append(mention(seg, s, e, label, name, SHAPE, **extra))
    return out
