"""Countries and entities of two editions matched statement by statement.

A country or an entity is tracked as a member of the statements it stands in (which
countries signed, who joined a framework, where the latest meeting was held), not as a
name that occurs somewhere: Kenya joining a list of four is `added` even when Kenya is
named elsewhere in both editions.

1. Each mention pairs with a mention of the same country (by code; groups and regions by
   name) or the same entity (names.py: one entity under its forms) whose sentence and
   surroundings are alike (score ≥ `member_min`), best first. An entity whose ordinal
   moved (第6回 → 第7回) is the series moving on: `changed`.
2. In two sentences that are one statement (similarity ≥ `aligned_min`), the one country
   left on each side is the role's new holder (the latest IGF: France → Germany),
   `changed`; an entity left on each side with a close name (日EUサイバー協議 →
   日EUサイバー対話) is renamed, `changed`.
3. The narrator (Japan in its own white paper) is never merely added or removed (a mention
   of it left over is paired with any of its mentions on the other side, or left out when
   there is none); an entity
   of a statement with no counterpart that the other edition names too is a known body
   named in passing; a country of such a statement said again, alike enough
   (`repeat_min`), in a statement that goes on is the same member (a box repeating the
   text): all `unchanged`.
4. The rest is `added` or `removed`. A name said twice in one statement is one member;
   one change stated twice is one row.
"""
from __future__ import annotations

from .match import Item, Scorer, anchors_differ, item, settings, take_best
from .names import Names, name_year, ordinal_of, without_prefix
from .similarity import ratio


def country_item(row: dict) -> Item:
    key = (row.get("code") or row.get("name_ja") or "") + "|" + (row.get("kind") or "")
    return item(row, key=key, group=row.get("kind") or "")


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
    left_old = [i for i in range(len(olds)) if i not in pair]
    left_new = [j for j in range(len(news)) if j not in taken]
    if entities:
        for i in left_old:
            o = olds[i]
            for j in left_new:
                n = news[j]
                if n.group != o.group or not scorer.aligned(o.sentence, n.sentence) or anchors_differ(o, n):
                    continue
                close = ratio(o.key, n.key)
                if close >= s["renamed_min"] and not other_prefix(o.key, n.key):
                    changed.append((close + scorer.score(o, n), i, j))
    else:
        by_sentences: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
        for i in left_old:
            for j in left_new:
                o, n = olds[i], news[j]
                if o.group == n.group == "country" and scorer.aligned(o.sentence, n.sentence):
                    olds_here, news_here = by_sentences.setdefault((o.sentence, n.sentence), ([], []))
                    if i not in olds_here:
                        olds_here.append(i)
                    if j not in news_here:
                        news_here.append(j)
        for (a, b), (olds_here, news_here) in by_sentences.items():
            # Only a lone holder on each side: several left over are a list that changed.
            left_in_a = [i for i in left_old if olds[i].sentence == a]
            left_in_b = [j for j in left_new if news[j].sentence == b]
            if len(left_in_a) == len(left_in_b) == 1 == len(olds_here) == len(news_here):
                changed.append((scorer.score(olds[olds_here[0]], news[news_here[0]]), olds_here[0], news_here[0]))
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
    # A member of a statement with no counterpart, said again in a statement that goes on
    # (a box repeating the main text): one member said twice, still there.
    # An entity named in a statement with no counterpart that the other edition names too
    # is a known body named in passing (総務省, 国連), not news: still there.
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
    return _once(out)


def _once(out: list) -> list:
    """One change stated twice (日EU・ICT政策対話(第24回) → (第25回) in two sentences) is one
    fact: its first statement stands for it."""
    seen: set[tuple] = set()
    kept = []
    for o, n, status in out:
        if status == "changed":
            k = (o.key, n.key, o.value, n.value)
            if k in seen:
                continue
            seen.add(k)
        kept.append((o, n, status))
    return kept


def country_rows(doc: str, matched, olds: list[Item], news: list[Item]) -> list[dict]:
    count_old, count_new = _counts(olds), _counts(news)
    rows = []
    for o, n, status in matched:
        a, b = (o.row if o else {}), (n.row if n else {})
        either = b or a
        key = (n or o).key
        rows.append({"doc": doc, "section_old": a.get("section"), "section_new": b.get("section"),
                     "code": either.get("code"), "name": either.get("name_ja"), "kind": either.get("kind"),
                     "code_old": a.get("code") if status == "changed" else None,
                     "name_old": a.get("name_ja") if status == "changed" else None,
                     "status": status, "mentions_old": count_old.get(key, 0), "mentions_new": count_new.get(key, 0),
                     "surface_old": a.get("surface"), "surface_new": b.get("surface"),
                     "context_old": a.get("context"), "context_new": b.get("context")})
    return rows


def entity_rows(doc: str, matched, olds: list[Item], news: list[Item]) -> list[dict]:
    count_old, count_new = _counts(olds), _counts(news)
    rows = []
    for o, n, status in matched:
        a, b = (o.row if o else {}), (n.row if n else {})
        either = b or a
        key = (n or o).key
        renamed = o is not None and n is not None and a.get("name") != b.get("name")
        rows.append({"doc": doc, "section_old": a.get("section"), "section_new": b.get("section"),
                     "label": either.get("label"), "name": either.get("name"),
                     "name_old": a.get("name") if renamed else None,
                     "ordinal_old": o.value if o and o.value else None, "ordinal_new": n.value if n and n.value else None,
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
