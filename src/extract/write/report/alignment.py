"""Two editions' texts cut at their headings and set side by side: each section's own
text beside the one diff_sections aligned it with."""
from __future__ import annotations

import html
from dataclasses import dataclass

from .rows import Table

SIDES = ("old", "new")


@dataclass
class Piece:
    start: int
    end: int
    path: str
    title: str


def pieces(tables: dict[str, Table], doc_id: str | None, text: str) -> list[Piece]:
    """The text cut at every heading: each piece is one section's own text (blank lines
    before the first heading go with it)."""
    length = len(text)
    sections = tables["sections"].rows(doc_id) if doc_id and "sections" in tables else []
    rows = sorted(((int(r["start"]), n), r) for n, r in sections)
    rows = [(start, r) for (start, _), r in rows]
    if rows and rows[0][0] > 0 and not text[:rows[0][0]].strip():
        rows[0] = (0, rows[0][1])
    out: list[Piece] = []
    if not rows or rows[0][0] > 0:
        out.append(Piece(0, rows[0][0] if rows else length, "", ""))
    for n, (start, r) in enumerate(rows):
        if out and out[-1].start == start:
            continue
        end = rows[n + 1][0] if n + 1 < len(rows) else length
        out.append(Piece(start, max(end, start), r["section"], f"{r['number']} {r['title']}".strip()))
    return [p for p in out if p.end > p.start or p.start == length == 0]


def section_map(diff: dict[str, Table], doc: str) -> tuple[dict[str, str], dict[tuple[str, str], dict]]:
    """Old path → new path, and each side's (side, path) → its diff_sections row."""
    mapping, rows = {"": ""}, {}
    if "diff_sections" in diff:
        for r in diff["diff_sections"].records:
            if r["doc"] != doc:
                continue
            if r["section_old"] and r["section_new"]:
                mapping[r["section_old"]] = r["section_new"]
            for side in SIDES:
                if r[f"section_{side}"]:
                    rows[(side, r[f"section_{side}"])] = r
    return mapping, rows


def align(old: list[Piece], new: list[Piece], mapping: dict[str, str]) -> list[tuple[list[int], list[int]]]:
    """Rows of (old pieces, new pieces): in the new edition's order, each old section beside
    the one it was aligned with, the others after the old section they followed."""
    first_new: dict[str, int] = {}
    for j, p in enumerate(new):
        first_new.setdefault(p.path, j)
    rows: list[tuple[list[int], list[int]]] = [([], [j]) for j in range(len(new))]
    after: dict[int, list] = {}
    last, taken = -1, set()
    for i, p in enumerate(old):
        j = first_new.get(mapping.get(p.path)) if p.path in mapping else None
        if j is not None and j not in taken:
            taken.add(j)
            rows[j][0].append(i)
            last = j
        else:
            after.setdefault(last, []).append(([i], []))
    out = list(after.get(-1, []))
    for j, row in enumerate(rows):
        out.append(row)
        out.extend(after.get(j, []))
    return out


def row_heading(olds: list[Piece], news: list[Piece], sec_rows) -> tuple[str, str]:
    """The row's heading as HTML (with its status in words) and as plain text."""
    def name(p: Piece) -> str:
        return p.title or p.path or "before the first heading"

    e = html.escape
    if olds and news:
        a, b = olds[0], news[0]
        r = sec_rows.get(("old", a.path))
        if r and r["status"] == "changed":
            what = "renamed" if r["title_old"] != r["title_new"] else "renumbered"
            return (f'{e(name(a))} → {e(name(b))} <span class="badge st-changed">{what}</span>',
                    f"{name(b)} ({what})")
        return e(name(b)), name(b)
    if olds:
        return f'{e(name(olds[0]))} <span class="badge st-removed">removed</span>', f"{name(olds[0])} (removed)"
    return f'{e(name(news[0]))} <span class="badge st-added">added</span>', f"{name(news[0])} (added)"
