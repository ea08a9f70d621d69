"""Amounts, counts and dates of two editions matched fact by fact.

1. The same value in a sentence about the same thing is the same fact, `unchanged`,
   however the sentence was rewritten or moved: pairs of equal value whose score
   (match.py) reaches `same_min`, best first.
2. A different value in the same place is the same fact with a new value, `changed`:
   its sentence must be the same statement (sentences.py), and the fact either the only
   one of its kind left there on both sides (a date: of the same granularity, the
   sentences at least `lone_sentence_min` alike), or alike in the words around it
   (`changed_local_min`), or about the same thing (a country or an entity of its clause
   in common); money must share the currency, counts the counter. Two facts whose
   clauses name different things (日豪… and 日露…) are never one.
3. A fact stated twice in one edition (a box repeating the main text) is still one fact:
   a mention left over whose value is paired in a statement alike enough stays
   `unchanged` (`same_min` when its own statement has no counterpart, `repeat_min` when
   it has one: there a value left over was mostly dropped from the statement).
4. A period that became one date, or the reverse, is one fact that changed
   (`2020-10～2020-11` → `2020-11`).
5. The rest is `removed` (old only) or `added` (new only).
"""
from __future__ import annotations

import re

from ..recognize.subjects import subject_of
from .similarity import find_nth, ratio
from .match import Item, Scorer, anchors_differ, item, settings, take_best

_LEAD = re.compile(r"^(?:[)）\s]|現在|時点|から|以降|以来|まで|には|では|にも|に|は|で|、|,)+")


def fact_item(row: dict, table: str) -> Item:
    qualifiers = "|".join(str(row.get(c) or "") for c in ("approx", "bound", "mod", "relation"))
    if table == "money":
        value, group = f"{row['amount']} {row['currency']}", row["currency"]
    elif table == "quantities":
        value, group = f"{row['number']} {row['unit']}", row["unit"]
    else:
        value, group = row["value"], "date"
    it = item(row, value, group)
    it.extra["qualifiers"] = qualifiers
    if table != "dates":
        own = subject(it, table)
        it.extra["subject"] = own if own and own != row.get("unit") else ""
    return it


def subject(it: Item, table: str) -> str:
    row, context = it.row, it.sentence
    text = row.get("text") or ""
    at = max(find_nth(context, text, row.get("_nth", 0)), 0)
    if table == "money":
        return subject_of(context, at, at + len(text))
    if table == "quantities":
        return row.get("subject") or ""
    rest = _LEAD.sub("", context[at + len(text):])
    return re.split(r"[。．]", rest, maxsplit=1)[0][:30]


def match_values(olds: list[Item], news: list[Item], scorer: Scorer) -> list[tuple[Item | None, Item | None, str]]:
    """(old, new, status) for every item of both sides, in reading order."""
    s = settings()
    pair: dict[int, int] = {}
    taken: set[int] = set()
    by_value: dict[tuple[str, str], list[int]] = {}
    for j, n in enumerate(news):
        by_value.setdefault((n.group, n.value), []).append(j)
    same = [(scorer.score(o, news[j]) + s["aligned_bonus"] * scorer.aligned(o.sentence, news[j].sentence), i, j)
            for i, o in enumerate(olds) for j in by_value.get((o.group, o.value), [])
            if not _other_subject(o, news[j])]
    take_best([c for c in same if c[0] >= s["same_min"]], pair, taken)
    changed = []
    for i, o in enumerate(olds):
        if i in pair:
            continue
        for j, n in enumerate(news):
            if j in taken or n.group != o.group or n.value == o.value or anchors_differ(o, n) \
                    or _other_relation(o, n):
                continue
            if not scorer.aligned(o.sentence, n.sentence) or not scorer.same_place(o, n):
                continue
            local = scorer.local(o, n)
            # The one fact of its kind left in a statement: of the same granularity, in
            # sentences alike enough (a date that became finer needs alike surroundings).
            lone = _lone(o, olds, pair) and _lone(n, news, taken) and \
                o.row.get("granularity") == n.row.get("granularity") and \
                scorer.sentence(o.sentence, n.sentence) >= s["lone_sentence_min"]
            if local >= s["changed_local_min"] or lone or (o.anchors & n.anchors):
                changed.append((scorer.score(o, n) + lone, i, j))
    take_best(changed, pair, taken)
    # A repeat of a fact that is paired: one fact stated twice, still there.
    repeat_old: dict[int, int] = {}
    for i, o in enumerate(olds):
        if i in pair:
            continue
        best = max(((scorer.score(o, news[j]), j) for j in by_value.get((o.group, o.value), [])
                    if j in taken and not _other_subject(o, news[j])), default=None)
        # In a statement that goes on, only a repeat word for word; else it was dropped there.
        floor = s["repeat_min"] if scorer.alignment.has_counterpart(o.sentence, old=True) else s["same_min"]
        if best and best[0] >= floor:
            repeat_old[i] = best[1]
    old_by_value: dict[tuple[str, str], list[int]] = {}
    for i, o in enumerate(olds):
        old_by_value.setdefault((o.group, o.value), []).append(i)
    repeat_new: dict[int, int] = {}
    for j, n in enumerate(news):
        if j in taken:
            continue
        best = max(((scorer.score(olds[i], n), i) for i in old_by_value.get((n.group, n.value), [])
                    if (i in pair or i in repeat_old) and not _other_subject(olds[i], n)), default=None)
        floor = s["repeat_min"] if scorer.alignment.has_counterpart(n.sentence, old=False) else s["same_min"]
        if best and best[0] >= floor:
            repeat_new[j] = best[1]
    out = []
    for i, o in enumerate(olds):
        j = pair.get(i, repeat_old.get(i))
        if j is None:
            out.append((o, None, "removed"))
        else:
            n = news[j]
            out.append((o, n, "unchanged" if o.value == n.value else "changed"))
    for j, n in enumerate(news):
        if j in repeat_new:
            out.append((olds[repeat_new[j]], n, "unchanged"))
        elif j not in taken:
            out.append((None, n, "added"))
    return _ranges(out, scorer)


def _ranges(out: list, scorer: Scorer) -> list:
    """A period that became one date, or the reverse (「2020年10月から11月にかけて」 →
    「2020年11月」), is one fact whose value changed: `2020-10～2020-11` → `2020-11`, not
    an unchanged end and a removed start."""
    def start_of(end: Item, side: int):
        if (end.row.get("relation") or "") != "until":
            return None
        return next((k for k, t in enumerate(out) if t[side] is not None and t[1 - side] is None
                     and t[side].sentence == end.sentence and t[side].order < end.order
                     and (t[side].row.get("relation") or "") == "from"), None)

    drop, merged = set(), {}
    for k, (o, n, status) in enumerate(out):
        if status != "unchanged" or not scorer.aligned(o.sentence, n.sentence):
            continue
        for side, end, other in ((0, o, n), (1, n, o)):
            if (other.row.get("relation") or "") in ("from", "until"):
                continue                    # a period on both sides
            s = start_of(end, side)
            if s is not None and s not in drop:
                period = _period(out[s][side], end)
                merged[k] = (period, n, "changed") if side == 0 else (o, period, "changed")
                drop.add(s)
                break
    return [merged.get(k, t) for k, t in enumerate(out) if k not in drop]


def _period(start: Item, end: Item) -> Item:
    row = dict(end.row)
    row["value"] = f"{start.value}～{end.value}"
    row["surface"] = f"{start.row.get('surface')}…{end.row.get('surface')}"
    row["start"] = start.row.get("start")
    return Item(row, end.sentence, end.local, end.section, start.order, row["value"], end.group, end.key,
                end.anchors, dict(end.extra))


def _other_subject(o: Item, n: Item) -> bool:
    """Counts and amounts of different things (2件のパイロットプロジェクト, 新規勧告2件);
    インフラシステム and インフラシステム受注 are one thing worded two ways."""
    a, b = o.extra.get("subject"), n.extra.get("subject")
    return bool(a) and bool(b) and ratio(a, b) < settings()["subject_min"]


def _other_relation(o: Item, n: Item) -> bool:
    """An as-of date and a start date (2019年3月現在 / 2003年12月頃から) are different facts."""
    a, b = o.row.get("relation") or "", n.row.get("relation") or ""
    return bool(a) and bool(b) and a != b


def _lone(it: Item, items: list[Item], done) -> bool:
    """The only fact of its kind (a date: of its granularity) left unpaired in its sentence."""
    grain = it.row.get("granularity")
    left = [k for k, other in enumerate(items) if other.sentence == it.sentence and other.group == it.group
            and other.row.get("granularity") == grain and k not in done]
    return len(left) == 1


def fact_rows(doc: str, table: str, matched: list[tuple[Item | None, Item | None, str]]) -> list[dict]:
    rows = []
    for o, n, status in matched:
        a, b = (o.row if o else {}), (n.row if n else {})
        either = b or a
        row = {"doc": doc, "section_old": a.get("section"), "section_new": b.get("section"),
               "subject": subject(n or o, table), "status": status,
               "surface_old": a.get("surface"), "surface_new": b.get("surface"),
               "context_old": a.get("context"), "context_new": b.get("context")}
        if table == "money":
            row.update(amount_old=a.get("amount"), amount_new=b.get("amount"), currency=either["currency"])
        elif table == "quantities":
            row.update(number_old=a.get("number"), number_new=b.get("number"), unit=either["unit"])
        else:
            row.update(value_old=a.get("value"), value_new=b.get("value"))
        rows.append(row)
    return rows
