"""The subject of an amount or count: the noun phrase it belongs to, so that the same fact
can be found again in the next edition (「累計約788億円の出融資」 → 出融資,
「総事業費約400百万米ドル」 → 総事業費, 「100を超える会員」 → 会員)."""
from __future__ import annotations

import re
from functools import cache

from ..rules import load_toml

# Kanji, katakana and Latin runs; 及 並 又 等 join or end noun phrases, so they stop one.
_NOUN = r"(?:(?![及並又等])[一-龥々〆ヵヶァ-ヺーA-Za-z0-9・])"
_AFTER = re.compile(rf"\s?の({_NOUN}+)")
_BEFORE = re.compile(rf"({_NOUN}+?)\s?$")
_DIGIT = re.compile(r"[0-9０-９]")


def _qualifiers() -> list[str]:
    v = load_toml("money.toml")
    words = [w for tag in ("approx", "upper", "lower") for w in v[tag]["before"]]
    return sorted(words, key=len, reverse=True)


def _before(text: str, start: int) -> str:
    """The 30 characters before a number, a qualifier at their end (約, 最大) taken off."""
    before = text[max(0, start - 30):start]
    for word in _qualifiers():
        if before.endswith(word):
            return before[: -len(word)]
    return before


def subject_of(text: str, start: int, end: int, fallback: str = "") -> str:
    """The noun phrase after 「…の」, else the one right before the number (qualifiers
    such as 約 and 最大 stripped), else `fallback`."""
    m = _AFTER.match(text, end)
    if m:
        return m.group(1)
    before = _before(text, start)
    m = _BEFORE.search(before)
    subject = m.group(1).strip("・") if m else ""
    if not subject or _DIGIT.search(subject):
        # 「…海外輸出額が7年で約3.8倍に増加し、2013年度の137.8億円から」: not the year, the
        # noun the sentence is about.
        m = re.search(rf"({_NOUN}+)(?:が|は)(?!.*(?:が|は))", text[max(0, start - 80):start])
        subject = m.group(1) if m and not _DIGIT.search(m.group(1)) else ""
    return subject or fallback


# Counts ---------------------------------------------------------------------------------

@cache
def count_rules() -> dict:
    return load_toml("subjects.toml")


_CLAUSE_END = re.compile(r"[、。,]")


def count_subject(text: str, start: int, end: int, unit: str) -> str:
    """What a count counts (rules/subjects.toml): the noun after 「…の」, else the role a
    verb gives it (採用国, 参加者), else the noun it is said to be or stands as, else the
    noun right before it (not a total, a number or a place), else the object of its verb
    (研修生を…270人受け入れる), else the counter."""
    r = count_rules()
    m = re.search(rf"の({_NOUN}+)$", text[start:end])
    if m:                       # 「100以上の医療機関」: the noun is in the count
        return m.group(1)
    after = text[end:]
    m = _AFTER.match(text, end)
    if m:
        noun = m.group(1)
        return _role(noun, unit) if noun in r["verbs"] else noun
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    role = _verb_role(clause, unit)
    if role:
        return role
    m = re.match(rf"(?:以上|以下|未満|余)?が({_NOUN}+?)であ", after)
    if m:
        return m.group(1)
    before = _before(text, start)
    m = re.search(rf"({_NOUN}+?)(?:として|に|[(（])$", before)
    if m and not _DIGIT.search(m.group(1)):
        return m.group(1)
    m = _BEFORE.search(before)
    noun = m.group(1).strip("・") if m else ""
    if noun and noun not in r["not_subjects"]["words"] and not _DIGIT.search(noun) and not _place(noun):
        return noun
    m = re.search(rf"({_NOUN}+)を[^、。を]*$", before)
    if m and not _DIGIT.search(m.group(1)):
        return m.group(1)
    return unit


def _verb_role(clause: str, unit: str) -> str:
    r = count_rules()
    if unit not in r["suffix"]:     # 「100を超える会員が参加」: the counter is the noun
        return ""
    if any(w in clause for w in r["members"]):
        return _role(r["member_role"], unit)
    written = [_role(v, unit) for v in r["verbs"] if _role(v, unit) != v and _role(v, unit) in clause]
    if written:                 # 「合計20か国(…)にまで採用国が拡大」: the role is written out
        return written[0]
    for verb in r["verbs"]:
        at = clause.find(verb)
        if at >= 0 and re.match(r"^[)）]?(?:以上|以下|未満|余)?(?:が|は|も|から)", clause):
            rest = clause[at + len(verb):]
            negated = any(rest.startswith(n) for n in r["negations"])
            return ("非" if negated else "") + _role(verb, unit)
    return ""


def _role(noun: str, unit: str) -> str:
    suffix = count_rules()["suffix"].get(unit)
    return noun + suffix if suffix else noun


def _place(noun: str) -> bool:
    from .countries import vocabulary

    return noun in vocabulary().names
