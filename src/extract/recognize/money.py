"""Money (SPEC §4): a number with a currency, exact as a decimal, with approximation and
bounds as columns. Currency words come from `rules/currencies.tsv`, qualifiers from
`rules/money.toml`; the number is read by the project's one parser (numbers.py).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ..read.document import Document, Mention
from .numbers import BIG_UNITS, KANJI_DIGITS, NUMBER_PATTERN, NumberError, WORD_SCALES, parse_number, plain
from ..rules import alternation, load_toml, load_tsv

TABLE = "money"
COLUMNS = ["amount", "currency", "approx", "bound"]

_KATAKANA = re.compile(r"[ァ-ヺー]")
JOINER = "・"
_SCALE_TAIL = re.compile(rf"(?:[十百千{''.join(BIG_UNITS)}]+|\s?(?:{'|'.join(WORD_SCALES)}))$")


@cache
def vocab() -> dict:
    return load_toml("money.toml")


@cache
def currencies() -> dict[tuple[str, str], str]:
    """(position, word without ・) → ISO 4217 code."""
    return {(r["position"], r["word"].replace(JOINER, "")): r["code"] for r in load_tsv("currencies.tsv")}


def currency_words() -> list[str]:
    """Every currency word as it may be written: with and without its ・."""
    words = [r["word"] for r in load_tsv("currencies.tsv")]
    return sorted({w for word in words for w in (word, word.replace(JOINER, ""))})


def _written(words) -> str:
    """An alternation of currency words, longest first, where a ・ may be left out."""
    ordered = sorted(set(words), key=lambda w: len(w.replace(JOINER, "")), reverse=True)
    return "|".join(f"{JOINER}?".join(re.escape(p) for p in w.split(JOINER)) for w in ordered)


@cache
def pattern() -> re.Pattern:
    rows = load_tsv("currencies.tsv")
    suffix = _written(r["word"] for r in rows if r["position"] == "suffix")
    prefix = _written(r["word"] for r in rows if r["position"] == "prefix")
    return re.compile(rf"(?P<pre>{prefix})\s?(?P<pnum>{NUMBER_PATTERN})"
                      rf"|(?P<num>{NUMBER_PATTERN})\s?(?P<suf>{suffix})")


@cache
def _range_start() -> re.Pattern:
    """A bare number and a range mark right before an amount: the 10 of 「10～20億円」."""
    return re.compile(rf"(?P<num>{NUMBER_PATTERN})\s?(?:{alternation(vocab()['range']['marks'])})\s?$")


def _qualifiers(text: str, s: int, e: int) -> tuple[bool, str | None]:
    v = vocab()
    before, after = text[max(0, s - 8):s], text[e:e + 8]
    approx = any(before.endswith(w) for w in v["approx"]["before"]) or \
        any(after.startswith(w) for w in v["approx"]["after"])
    bound = None
    for tag in ("upper", "lower"):
        if any(before.endswith(w) for w in v[tag]["before"]) or \
                any(after.startswith(w) for w in v[tag]["after"]):
            bound = tag
    return approx, bound


def _is_amount(text: str, m: re.Match, number: str, word: str) -> bool:
    s, e = m.span()
    if re.fullmatch(f"[{''.join(KANJI_DIGITS)}]", number):
        return False        # 一元化, 関東一円: a lone kanji digit is a word, not an amount
    nxt = text[e:e + 1]
    if (_KATAKANA.match(word[-1]) and _KATAKANA.match(nxt or " ")) or \
            (word[-1].isascii() and word[-1].isalpha() and nxt.isascii() and nxt.isalpha()):
        return False        # the currency word runs on into a longer word
    head = text[max(0, s - 6):s].rstrip(" ")
    return not any(head.endswith(w) for w in vocab()["header"]["before"] + vocab()["vague"]["before"])


def _scale_of(number: str) -> Decimal:
    tail = _SCALE_TAIL.search(number)
    return parse_number("1" + tail.group().strip()) if tail else Decimal(1)


def recognize(doc: Document) -> list[Mention]:
    found: list[Mention] = []
    for seg in doc.segments:
        text = seg.text
        previous = None
        for m in pattern().finditer(text):
            number = m.group("pnum") or m.group("num")
            word = m.group("pre") or m.group("suf")
            if not _is_amount(text, m, number, word):
                continue
            try:
                amount = parse_number(number)
            except NumberError:
                continue
            code = currencies()[("prefix" if m.group("pre") else "suffix", word.replace(JOINER, ""))]
            s, e = m.span()
            approx, bound = _qualifiers(text, s, e)
            mention = Mention(seg, s, e, _values(amount, code, approx, bound))
            between = text[previous.end:s] if previous else None
            if between is not None and re.fullmatch(rf"\s?(?:{alternation(vocab()['range']['marks'])})\s?", between):
                previous.values["bound"], mention.values["bound"] = "lower", "upper"
            elif m.group("num") and (r := _range_start().search(text, max(0, s - 30), s)):
                # 「10～20億円」: the first end borrows the scale and currency of the second.
                first = parse_number(r.group("num"))
                if _scale_of(r.group("num")) == 1:
                    first *= _scale_of(number)
                a, b = r.span("num")
                f_approx, _ = _qualifiers(text, a, b)
                found.append(Mention(seg, a, b, _values(first, code, f_approx, "lower")))
                mention.values["bound"] = "upper"
            found.append(mention)
            previous = mention
    return found


def _values(amount: Decimal, code: str, approx: bool, bound: str | None) -> dict:
    return {"amount": plain(amount), "currency": code, "approx": approx, "bound": bound}


def rule_examples():
    cases = [tuple(c) for c in vocab()["cases"]["examples"]]
    cases += [("currency:" + r["code"], r["example"], r["expected"]) for r in load_tsv("currencies.tsv")]
    return cases


def rule_negatives():
    return [tuple(c) for c in vocab()["cases"]["negatives"]]


def example_value(values: dict) -> str:
    flags = (["approx"] if values["approx"] else []) + ([values["bound"]] if values["bound"] else [])
    return " ".join([values["amount"], values["currency"], *flags])
