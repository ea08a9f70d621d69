"""Sections of two paired units aligned: by title, then by number, then by text.

Titles compare folded (widths, spaces): 「ITU-R」 and 「ITU－R」 are one title. Pairs are
taken best first by title similarity (difflib ratio ≥ `title_min`); then a section
whose title was rewritten beyond recognition pairs with the section of the same number
if their sentences are alike (≥ `number_text_min`, or neither holds a fact to compare); then with any section whose
sentences are very alike (≥ `text_min`). Statuses: `unchanged`, `moved` (the same title
under another number: 4.8 → 2.2.8), `renamed` (another title), `added`, `removed`.
"""
from __future__ import annotations

from ..rules import load_toml
from .similarity import TextSpace, comparable, ratio

SECTION_STATUS = ("renamed", "moved", "added", "removed", "unchanged")


def settings() -> dict:
    return load_toml("diff.toml")["sections"]


def _relative(path: str, unit: str) -> str:
    """A path inside its unit: 第3章.第9節.2.(1) in 第3章.第9節 is 2.(1); the unit's own
    heading is ""."""
    if unit and path == unit:
        return ""
    return path[len(unit) + 1:] if unit and path.startswith(unit + ".") else path


def align_sections(doc: str, o, n, space: TextSpace) -> tuple[list[dict], dict[str, str]]:
    """Rows of diff_sections and the map from old section paths to new ones."""
    s = settings()
    old_s = [(r["section"], r.get("title") or "") for r in o.rows("sections") if r.get("section")]
    new_s = [(r["section"], r.get("title") or "") for r in n.rows("sections") if r.get("section")]
    old_rel = [_relative(p, o.path) for p, _ in old_s]
    new_rel = [_relative(p, n.path) for p, _ in new_s]
    old_text = [o.section_text(p) for p, _ in old_s]
    new_text = [n.section_text(p) for p, _ in new_s]

    def text_sim(i: int, j: int) -> float:
        return space.similarity(old_text[i], new_text[j]) if old_text[i] and new_text[j] else 0.0

    pair: dict[int, int] = {}
    taken: set[int] = set()

    def take(candidates):
        for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if i not in pair and j not in taken:
                pair[i] = j
                taken.add(j)

    # The units' own headings pair with each other: the units were paired (documents.py).
    roots = [(1.0, i, j) for i, a in enumerate(old_s) for j, b in enumerate(new_s)
             if o.path and n.path and a[0] == o.path and b[0] == n.path]
    take(roots[:1])
    titles = [(ratio(comparable(a[1]), comparable(b[1])), i, j) for i, a in enumerate(old_s) for j, b in enumerate(new_s)]
    take([(t + 0.01 * (old_rel[i] == new_rel[j]), i, j) for t, i, j in titles if t >= s["title_min"]])
    by_number = {p: j for j, p in enumerate(new_rel)}
    take([(text_sim(i, by_number[p]), i, by_number[p]) for i, p in enumerate(old_rel)
          if i not in pair and p in by_number and by_number[p] not in taken
          and (text_sim(i, by_number[p]) >= s["number_text_min"] or not (old_text[i] or new_text[by_number[p]]))])
    take([(text_sim(i, j), i, j) for i in range(len(old_s)) if i not in pair
          for j in range(len(new_s)) if j not in taken and text_sim(i, j) >= s["text_min"]])
    rows, mapping = [], {"": "", o.path: n.path}
    for i, a in enumerate(old_s):
        if i in pair:
            b = new_s[pair[i]]
            mapping[a[0]] = b[0]
            if comparable(a[1]) != comparable(b[1]):
                status = "renamed"
            elif old_rel[i] != new_rel[pair[i]] or (not old_rel[i] and a[0] != b[0]):
                status = "moved"
            else:
                status = "unchanged"
            rows.append(_section_row(doc, a, b, status))
        else:
            rows.append(_section_row(doc, a, None, "removed"))
    rows += [_section_row(doc, None, b, "added") for j, b in enumerate(new_s) if j not in taken]
    return rows, mapping


def _section_row(doc, a, b, status) -> dict:
    return {"doc": doc, "section_old": a[0] if a else None, "section_new": b[0] if b else None,
            "title_old": a[1] if a else None, "title_new": b[1] if b else None, "status": status,
            "similarity": f"{ratio(comparable(a[1]), comparable(b[1])):.2f}" if a and b else None}
