"""Countries and entities of two editions matched statement by statement.

A country or an entity is tracked as a member of the statements it stands in (which
countries signed, who joined a framework, where the latest meeting was held), not as a
name that occurs somewhere: Kenya joining a list of four is `added` even when Kenya is
named elsewhere in both editions.

1. Each mention pairs with a mention of the same country (by code; groups and regions by
   name) or the same entity (names.py: one entity under its forms) whose sentence and
   surroundings are alike (score ≥ `member_min`), best first. A name said twice in one
   statement is one member.
2. In two sentences that are one statement (sentences.py), an entity left on each side
   with a close name whose ordinals go on (日EUサイバー協議 第3回 → 日EUサイバー対話 第4回)
   is the series renamed.
3. Not news, so `unchanged`: the narrator (Japan in its own white paper), paired with any
   of its mentions on the other side (left out when there is none); an entity of a
   statement with no counterpart that the other edition names too (a known body named in
   passing); a country of such a statement said again, alike enough (`repeat_min`), in a
   statement that goes on (a box repeating the text).
4. The rest is `added` or `removed`; countries entering or leaving statements that have
   no counterpart, one row per section.

A country is never `changed`: a venue that moves (IGF パリ → ベルリン) is one country leaving
the statement and one entering it. An entity is `changed` when an annual edition replaced
the last (…共同声明2018 → …共同声明2019), when a series was renamed, or when a series moved
on (第8回 → 第9回) with no date to carry the move (`carried_by_dates`).
"""
from __future__ import annotations

from .match import Item, Scorer, anchors_differ, country_key, item, settings, take_best
from .names import Names, name_year, ordinal_of, without_prefix
from .similarity import ratio


def country_item(row: dict) -> Item:
    return item(row, key=country_key(row), group=row.get("kind") or "")


def entity_item(row: dict, names: Names) -> Item:
    it = item(row, key=names.key(row.get("name") or ""), group=row.get("label") or "")
    it.value = ordinal_of(row)
    it.extra["year"] = name_year(row.get("name") or "")
    return it


def one_per_statement(items: list[Item]) -> list[Item]:
    """A name said twice in one sentence is one member (日米…、米国… in one sentence)."""
    seen, out = set(), []
    for it in items:
        k = (it.sentence, it.key, it.value)
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


def match_members(olds: list[Item], news: list[Item], scorer: Scorer, entities: bool
                  ) -> list[tuple[Item | None, Item | None, str]]:
    s = settings()
    pair: dict[int, int] = {}
    taken: set[int] = set()
    by_key: dict[str, list[int]] = {}
    for j, n in enumerate(news):
        by_key.setdefault(n.key, []).append(j)
    # Same ordinal first: 第1回 and 第2回 of one series in both editions stay themselves.
    same = [(scorer.score(o, news[j]) + (0.01 if o.value == news[j].value else 0), i, j)
            for i, o in enumerate(olds) for j in by_key.get(o.key, [])]
    take_best([c for c in same if c[0] >= s["member_min"]], pair, taken)
    changed: list[tuple[float, int, int]] = []
    if entities:        # a series renamed while its ordinals go on (日EUサイバー協議 第3回 → 日EUサイバー対話 第4回)
        left_new = [j for j in range(len(news)) if j not in taken]
        for i, o in enumerate(olds):
            if i in pair:
                continue
            for j in left_new:
                n = news[j]
                if not _series_goes_on(o, n) or not scorer.aligned(o.sentence, n.sentence) or anchors_differ(o, n):
                    continue
                close = ratio(o.key, n.key)
                if close >= s["renamed_min"] and not other_prefix(o.key, n.key):
                    changed.append((close + scorer.score(o, n), i, j))
    take_best(changed, pair, taken)
    # The narrator (Japan in its own white paper) left over is still there, not news.
    narrator = {f"{code}|country" for code in s["narrator"]}
    still_old = {i: max(by_key[o.key], key=lambda j: scorer.score(o, news[j]))
                 for i, o in enumerate(olds) if i not in pair and o.key in narrator and by_key.get(o.key)}
    olds_by_key: dict[str, list[int]] = {}
    for i, o in enumerate(olds):
        olds_by_key.setdefault(o.key, []).append(i)
    still_new = {j: max(olds_by_key[n.key], key=lambda i: scorer.score(olds[i], n))
                 for j, n in enumerate(news) if j not in taken and n.key in narrator and olds_by_key.get(n.key)}
    # A member of a statement with no counterpart: an entity the other edition names too is
    # a known body named in passing (総務省, 国連); a country said again, alike enough, in a
    # statement that goes on is one member said twice (a box repeating the text).
    floor = -1.0 if entities else s["repeat_min"]
    for i, o in enumerate(olds):
        if i not in pair and i not in still_old and not scorer.alignment.has_counterpart(o.sentence, old=True):
            best = max(((scorer.score(o, news[j]), j) for j in by_key.get(o.key, []) if entities or j in taken),
                       default=None)
            if best and best[0] >= floor:
                still_old[i] = best[1]
    for j, n in enumerate(news):
        if j not in taken and j not in still_new and not scorer.alignment.has_counterpart(n.sentence, old=False):
            best = max(((scorer.score(olds[i], n), i) for i in olds_by_key.get(n.key, []) if entities or i in pair),
                       default=None)
            if best and best[0] >= floor:
                still_new[j] = best[1]
    out: list[tuple[Item | None, Item | None, str]] = []
    for i, o in enumerate(olds):
        if i in still_old:
            out.append((o, news[still_old[i]], "unchanged"))
        elif i in pair:
            n = news[pair[i]]
            same_member = o.key == n.key and (o.value == n.value or not o.value or not n.value) and \
                (o.extra.get("year") == n.extra.get("year") or not o.extra.get("year") or not n.extra.get("year"))
            out.append((o, n, "unchanged" if same_member else "changed"))
        elif o.key not in narrator:         # the narrator with no counterpart at all: no news
            out.append((o, None, "removed"))
    for j, n in enumerate(news):
        if j in still_new:
            out.append((olds[still_new[j]], n, "unchanged"))
        elif j not in taken and n.key not in narrator:
            out.append((None, n, "added"))
    return out if entities else _one_per_role(out, scorer)


def _one_per_role(out: list, scorer: Scorer) -> list:
    """A country that enters or leaves in statements with no counterpart is one member per
    section: a new subsection naming its partner in every paragraph adds it once."""
    seen: set[tuple] = set()
    kept = []
    for o, n, status in out:
        it = n or o
        if status in ("added", "removed") and not scorer.alignment.has_counterpart(it.sentence, old=n is None):
            k = (status, it.key, it.section)
            if k in seen:
                continue
            seen.add(k)
        kept.append((o, n, status))
    return kept


def _series_goes_on(o: Item, n: Item) -> bool:
    try:
        return int(o.value.strip("第回")) <= int(n.value.strip("第回"))
    except ValueError:
        return False


def carried_by_dates(members: list, dates: list) -> list:
    """A series that moved on (第9回 → 第10回) in a statement whose date changed is one fact,
    the date of its latest meeting: the date row is the change and the series stays
    `unchanged` (its ordinals tell the move). A move stated twice is one row."""
    dated = {(o.sentence, n.sentence) for o, n, status in dates if status == "changed"}
    moves = {(o.key, o.value, n.value) for o, n, status in members
             if status == "changed" and (o.sentence, n.sentence) in dated and o.value != n.value}
    seen: set[tuple] = set()
    out = []
    for o, n, status in members:
        if status == "changed" and o.value and n.value and o.value != n.value:
            move = (o.key, o.value, n.value)
            if move in moves:
                status = "unchanged"
            elif move in seen:
                continue
            seen.add(move)
        out.append((o, n, status))
    return out


def country_rows(doc: str, matched, olds: list[Item], news: list[Item]) -> list[dict]:
    def own(o, n, a, b, either):
        return {"code": either.get("code"), "name": either.get("name_ja"), "kind": either.get("kind")}

    return _member_rows(doc, matched, olds, news, own)


def entity_rows(doc: str, matched, olds: list[Item], news: list[Item]) -> list[dict]:
    def own(o, n, a, b, either):
        renamed = o is not None and n is not None and a.get("name") != b.get("name")
        return {"label": either.get("label"), "name": either.get("name"),
                "name_old": a.get("name") if renamed else None,
                "ordinal_old": o.value if o and o.value else None, "ordinal_new": n.value if n and n.value else None}

    return _member_rows(doc, matched, olds, news, own)


def _member_rows(doc: str, matched, olds: list[Item], news: list[Item], own) -> list[dict]:
    """A diff row per matched (old, new, status): `own` gives the table's own columns."""
    count_old, count_new = _counts(olds), _counts(news)
    rows = []
    for o, n, status in matched:
        a, b = (o.row if o else {}), (n.row if n else {})
        key = (n or o).key
        rows.append({"doc": doc, "section_old": a.get("section"), "section_new": b.get("section"),
                     **own(o, n, a, b, b or a),
                     "status": status, "mentions_old": count_old.get(key, 0), "mentions_new": count_new.get(key, 0),
                     "surface_old": a.get("surface"), "surface_new": b.get("surface"),
                     "context_old": a.get("context"), "context_new": b.get("context")})
    return rows


def other_prefix(a: str, b: str) -> bool:
    """日豪サイバー協議 and 日露サイバー協議: one series each, for different partners."""
    return without_prefix(a) == without_prefix(b) and a != b


def _counts(items: list[Item]) -> dict[str, int]:
    out: dict[str, int] = {}
    for it in items:
        out[it.key] = out.get(it.key, 0) + 1
    return out
