"""What makes a run of text a name (SPEC §6), from `rules/entities.toml`: the suffixes that
give a label, what is trimmed in front of a name, what is generic, and the word checks the
tokenizer answers (a name starts and ends where words do)."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from ..read.document import Mention
from ..rules import alternation, load_toml, load_tsv
from .entity_names import is_owner

# Priorities in overlap resolution: sure shapes over model guesses.
SURE, SHAPE, MODEL = 3, 2, 1


@cache
def rules() -> dict:
    return load_toml("entities.toml")


@cache
def aliases() -> dict[str, tuple[str, str]]:
    """Alias → (canonical name, label)."""
    return {r["alias"]: (r["name"], r["label"]) for r in load_tsv("entity_aliases.tsv")}


@cache
def known() -> dict[str, str]:
    """Fixed names and their labels: rules/entities.toml [known] and every alias."""
    out = {w: label for label, words in rules()["known"].items() for w in words}
    for alias, (name, label) in aliases().items():
        out[alias] = out[name] = label
    return out


YEAR_AFTER = r"(?:[0-9]{4}(?:-[0-9]{4})?)?"       # 戦略2025, 行動計画2016-2020


@cache
def patterns() -> dict[str, re.Pattern]:
    r = rules()
    run = f"[{r['name_chars']}]"
    suffixes = {w: label for label, words in r["suffix"].items() for w in words}
    legal = alternation(r["org_prefix"]["words"] + list(r["org_prefix"]["short"]))
    acronym = r["acronym"]["pattern"]
    # A name ends where hiragana, punctuation or Latin follows, not inside a word; 及 (及び),
    # 並, 又, 等 and the listed followers (…会議決定, …省職員) end it too.
    name_end = rf"(?!(?!(?:[及並又等]|{alternation(r['followers'])}))[一-龥々〆ヵヶァ-ヺー・])"
    # FG NET-2030, TELMIN 10: a second part after one space
    spaced = rf"{acronym}(?: (?:[A-Z][A-Za-z0-9\-]*[A-Z0-9]|[0-9]+)(?![A-Za-z]))?"
    return {
        # greedy: the longest run that ends in a suffix (総務省-情報通信技術省ICT協力委員会)
        "suffix": re.compile(rf"(?:第[0-9]+回)?{run}{{0,{r['max_name']}}}(?:{alternation(suffixes)}){YEAR_AFTER}"
                             rf"{name_end}"),
        # a short bracket inside a name: ASEAN情報(放送)担当大臣会合, 日ASEAN情報通信技術(ICT)基金
        "bracketed": re.compile(rf"(?P<a>{run}{{2,30}})\((?P<inner>[^()\s:]{{1,8}})\)"
                                rf"(?P<b>{run}{{0,30}}(?:{alternation(suffixes)}){YEAR_AFTER}){name_end}"),
        "title": re.compile(r"「([^「」]{2,80})」"),
        "law_number": re.compile(r["law_number"]["pattern"]),
        "org_prefix": re.compile(rf"(?P<form>{legal}) ?(?P<rest>(?![及並又等]){run}+?)(?![A-Za-z0-9&+/\-]){name_end}"),
        "known": re.compile(rf"(?<![A-Za-z0-9])(?:{alternation(known())})(?![A-Za-z0-9])"),
        "person": re.compile(rf"(?P<name>[一-龥々]{{1,3}} [一-龥々]{{1,3}}|[一-龥々]{{1,4}}?|[ァ-ヺー・]{{2,20}}?|"
                             rf"[A-Z][a-z]+(?: [A-Z][a-zA-Z\-]+)+)(?P<former>{r['person']['former']})?"
                             rf"(?P<country>[一-龥]{{1,2}}国)?(?P<title>{alternation(r['person']['titles'])})"),
        "acronym_def": re.compile(rf"\((?P<acr>(?:[一-龥]{{1,3}}・?)?{spaced})"
                                  rf"(?:\s?:\s?(?P<en>[^():]+?))?\s*[()]"),
        # 日本経済団体連合会(経団連): a short form made of the name's own characters
        "short_def": re.compile(r"\((?P<acr>[一-龥ァ-ヺー]{2,6})\)"),
        # CSSO:Chief Standardization Strategy Officer, written without brackets
        "acronym_colon": re.compile(rf"(?<![(A-Za-z0-9])(?P<acr>{r['acronym']['pattern']})\s?:\s?"
                                    rf"(?P<en>[A-Z][A-Za-z\-]+(?: [A-Za-z][A-Za-z\-]+)+)"),
        "acronym_first": re.compile(rf"(?<![A-Za-z0-9])(?P<acr>{r['acronym']['pattern']})"
                                    rf"\((?P<en>[A-Za-z][\x20-\x7e]*?)(?:\((?P<ja>[^()]+)\))?\)"),
        # 日米IED(インターネットエコノミーに関する日米政策協力対話): the name in the brackets
        # the kanji in front are a compound with 日 (日米IED), not a region (欧州GDPR)
        "acronym_ja": re.compile(rf"(?<![A-Za-z0-9])(?P<acr>(?:日[一-龥]{{1,2}})?{spaced})"
                                 r"\((?P<ja>[^()]{4,60})\)"),
        "short_name": re.compile(r["short_name"]["pattern"]),
        "url": re.compile(r"https?://[\x21-\x7e]+|www\.[\x21-\x7e]+"),
        "run_end": re.compile(rf"{run}+$"),
    }


@lru_cache(maxsize=1 << 14)         # asked about the same names over and over in a book
def label_of(name: str, english: str | None = None, quoted: bool = False) -> str | None:
    """The label a name's last word (or its English expansion) gives, if any. A quoted
    name may also end in a word that names something only in quotes (「…協力覚書」)."""
    r = rules()
    best = None
    tables = [r["suffix"]] + ([r["title_suffix"]] if quoted else [])
    for table in tables:
        for label, words in table.items():
            for w in words:
                if re.search(rf"{re.escape(w)}{YEAR_AFTER}$", name) and (best is None or len(w) > best[1]):
                    best = (label, len(w))
    if best:
        return best[0]
    if english:
        for label, words in r["english"].items():
            if any(re.search(rf"\b{w}\b", english) for w in words):
                return label
    return known().get(name)


@cache
def all_suffixes() -> frozenset[str]:
    r = rules()
    return frozenset(w for table in (r["suffix"], r["title_suffix"]) for words in table.values() for w in words)


@cache
def _trim_patterns() -> tuple[re.Pattern, re.Pattern]:
    t = rules()["trim"]
    return re.compile(t["heads"]), re.compile(t["event_year"])


POINTING = ("同", "上記", "前記")           # trimmed heads that point back to a named thing


def trim(name: str, label: str | None = None) -> tuple[str, str]:
    """(name, what was cut): counts and determiners before a name are not part of it
    (4年に1度[世界電気通信開発会議], 51カ国・1機関, 各[研究委員会]); nor is the year before a
    meeting (2019年[世界無線通信会議]); a fiscal year (2019年度…) or a year followed by
    the name's own words (2030年のネットワーク…) stays."""
    heads, event_year = _trim_patterns()
    country = rules()["anaphora"]["country"]
    cut = ""
    while True:
        if name.startswith(country) and len(name) > len(country):
            m_end = len(country)
        elif (m := heads.match(name)) or (label == "EVENT" and (m := event_year.match(name))):
            m_end = m.end()
            if m_end == 1 and WORD_CHAR.match(name) and not first_word_is(name, name[0]):
                break                                   # 同志社大学: 同 begins a word
        else:
            break
        if len(name) <= m_end or re.match(r"[ぁ-ゖ]", name[m_end]):
            break
        cut, name = cut + name[:m_end], name[m_end:]
    return name, cut


def first_word_is(name: str, head: str) -> bool:
    from .nlp import tagger

    words = tagger()(name)
    return bool(words) and words[0].surface == head


def tokens_end_with_suffix(name: str, label: str) -> bool:
    """Whether the last word of a name is its one-kanji suffix (外務|省, 警察|庁) rather than a
    word that merely ends in it (病院, 開局, 通院, 外局): only then does the suffix tell the label.
    A law may be one word (刑法)."""
    from .nlp import tagger

    if label == "LAW" or not re.search(r"[省庁院局]$", name):
        return True
    words = tagger()(name[-6:])
    return len(words[-1].surface) == 1 or words[-1].surface in all_suffixes()


def generic(name: str) -> bool:
    """A common noun, not a name: listed words, and a run of generic prefixes before a bare
    suffix or a listed word (関係省庁, 同機構, 非公式閣僚会合, 本有志国会合, 規制枠組み)."""
    if name in known():
        return False
    g = rules()["generic"]
    name = ORDINAL.sub("", name)
    if "・" in name:
        *heads, last = name.split("・")
        # 意見交換・政策対話, 目標・計画: common nouns listed before a thing named by its kind
        if all(generic(part) for part in name.split("・") if part) or \
                (generic(last) and all(re.fullmatch(r"[一-龥々]+", h) and label_of(h) is None for h in heads)):
            return True
    if name in g["words"] or name in all_suffixes() or name.endswith(tuple(g["not_law_endings"])) \
            or name.endswith(tuple(g["not_name_endings"])):
        return True
    if kind_of_plan(name) or COUNTED.search(name):
        return True
    rest, stripped = name, True
    while stripped:
        stripped = False
        for p in g["prefixes"]:
            if rest.startswith(p) and len(rest) > len(p):
                rest, stripped = rest[len(p):], True
                if rest in g["words"] or rest in all_suffixes() or (label_of(rest) and len(rest) <= 3):
                    return True
    return False


ORDINAL = re.compile(r"^第[0-9]+回")
COUNTED = re.compile(r"[0-9]+(?:局|社|省|庁|省庁|機関|団体)$")    # 在阪4局, 関係5省庁: a count of bodies


def kind_of_plan(name: str) -> bool:
    """実施計画, 対処方針, 標準化戦略: a few kanji, no proper noun among them, before a plan word."""
    from .nlp import tagger

    if label_of(name) != "POLICY" or not re.fullmatch(rf"[一-龥々]{{2,{rules()['generic']['short_policy']}}}", name):
        return False
    return not any(w.feature.pos2 == "固有名詞" for w in tagger()(name))


def owner_if_needed(name: str) -> bool:
    """ロシア郵便: a suffix that names a body only after its country."""
    for w in rules()["owned_suffixes"]:
        if name.endswith(w):
            head = name[:-len(w)]
            return any(is_owner(head[:i]) for i in range(1, len(head) + 1))
    return True


def starts_a_word(text: str, s: int) -> bool:
    """After hiragana, a name must start a word: not 方 in あり方 (a suffix), not 年 in 5か年."""
    if s == 0 or not re.match(r"[ぁ-ゖ]", text[s - 1]) or not WORD_CHAR.match(text[s]):
        return True
    from .nlp import word_at

    found = word_at(text, s, s + 12)
    return found is not None and found[1].pos1 != "接尾辞"


WORD_CHAR = re.compile(r"[一-龥々〆ヵヶァ-ヺー]")


def word_bounded(text: str, s: int, e: int) -> bool:
    """Whether a fixed name written inside a run of kanji or katakana is a word of its own
    there: 国連 in 国連総会, not in 第三国連携 (第三国|連携). A start right after hiragana
    is checked too (あり方: 方 is no word of its own)."""
    glued = [i for i in (s, e) if 0 < i < len(text) and re.match(r"[一-龥々〆ヵヶァ-ヺーぁ-ゖ]", text[i - 1])
             and WORD_CHAR.match(text[i])]
    if not glued:
        return True
    from .nlp import tagger

    a = max(0, s - 12)
    window = text[a:min(len(text), e + 12)]
    cuts, pos = {a}, 0
    for w in tagger()(window):
        at = window.find(w.surface, pos)
        pos = at + len(w.surface)
        cuts.update((a + at, a + pos))
    return all(i in cuts for i in glued)


def mention(seg, s, e, label, name, priority, acronym=None, english=None, role=None, **extra) -> Mention:
    return Mention(seg, s, e, {"label": label, "name": name, "acronym": acronym, "english": english,
                               "role": role, "ordinal": None, **extra}, priority)
