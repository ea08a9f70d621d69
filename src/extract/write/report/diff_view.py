"""Two editions side by side by aligned section: every amount, count and date with its
status on its side (changed ones with old → new and a link to the other side), countries
and entities as members of statements, unchanged facts dimmed; the summary at the top and
the diff tables below."""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ...compare.diff import STATUS
from .alignment import SIDES, Piece, align, pieces, row_heading, section_map
from .diff_summary import PREFIX, Links, summary, tables_html
from .document_view import text_blocks
from .extraction_view import View, kind_counts
from .facts import FACT_TABLES, Pair, Placed, change_note, document_pairs, place_facts
from .page import kind_filters, status_filters
from .rows import Table, mention_id, prepare
from .sources import Texts, load_texts


@dataclass
class Mark:
    status: str
    note: str               # old → new, or mentions a → b
    other: str | None       # id of the same fact on the other side


@dataclass
class Layout:
    """One pair of documents cut into aligned rows."""
    n: int
    pair: Pair
    missing: dict[str, str]                     # side → why its text is not shown
    rows: list[tuple[list[Piece], list[Piece], list[str], list[str]]]   # old pieces, new pieces, old html, new html
    headings: list[tuple[str, str]]             # (html, plain text) of each row
    row_of: dict[tuple[str, str], str]          # (side, section path) → row id


def diff_view(diff_frames: dict[str, pd.DataFrame], old_frames: dict[str, pd.DataFrame],
              new_frames: dict[str, pd.DataFrame], old_root, new_root) -> tuple[View, str, dict[str, str]]:
    diff = prepare(diff_frames)
    sides = {"old": prepare(old_frames), "new": prepare(new_frames)}
    texts = {side: load_texts(sides[side]["documents"].records, root)
             for side, root in (("old", old_root), ("new", new_root))}
    pairs = document_pairs(sides["old"], sides["new"])
    placed = place_facts(diff, sides["old"], sides["new"], pairs)
    marks = side_marks(diff, placed)
    editions = [_editions(sides[side]) for side in SIDES]
    layouts = [layout(n, p, sides, texts, diff, marks) for n, p in enumerate(pairs)]
    links = Links(placed, {k: v for lay in layouts for k, v in _prefixed(lay).items()})
    label = f"{editions[0]} → {editions[1]}"
    main = (f'<section id="diff" class="dv" aria-labelledby="diff-h">'
            f'<h2 class="view" id="diff-h">What changed: {html.escape(label)}</h2>'
            f'{summary(diff, links, placed)}'
            + "".join(pair_html(lay, editions) for lay in layouts)
            + f'<section id="diff-tables" aria-labelledby="diff-tables-h"><h2 class="view" id="diff-tables-h">'
            f'Diff tables</h2>{tables_html(diff, links, len(pairs) > 1)}</section></section>')
    # Facts, not marks: a changed or unchanged fact is marked on both sides, counted once.
    counts = {s: sum(1 for m in marks["old" if s == "removed" else "new"].values() if m.status == s) for s in STATUS}
    kinds = {k: a + b for (k, a), b in zip(kind_counts(sides["old"]).items(), kind_counts(sides["new"]).values())}
    toc = "".join(pair_toc(lay) for lay in layouts)
    sidebar = (status_filters(counts) + kind_filters(kinds)
               + f'<nav class="toc" aria-label="Aligned sections"><h2>Aligned sections</h2><ol>{toc}</ol></nav>')
    missing = {f"{side}: {k}": v for side in SIDES for k, v in texts[side].missing.items()}
    nav = [("diff", "What changed"), ("diff-tables", "Diff tables")]
    return View(nav, sidebar, main), f"changes {label}", missing


def _editions(tables: dict[str, Table]) -> str:
    eds = sorted({d["edition"] for d in tables["documents"].records if d.get("edition")})
    return ", ".join(eds) or "?"


# The status of every mention on each side ------------------------------------------

def side_marks(diff: dict[str, Table], placed: Placed) -> dict[str, dict[tuple[str, int], Mark]]:
    """(mention table, row) → Mark, per side."""
    marks: dict[str, dict[tuple[str, int], Mark]] = {"old": {}, "new": {}}
    for side, other in (("old", "new"), ("new", "old")):
        mine, theirs = getattr(placed, side), getattr(placed, other)
        for (diff_name, k), i in mine.items():
            row = diff[diff_name].records[k]
            j = theirs.get((diff_name, k))
            table = FACT_TABLES[diff_name]
            marks[side].setdefault((table, i), Mark(row["status"], change_note(diff_name, row),
                                                    mention_id(PREFIX[other], table, j) if j is not None else None))
    return marks


# Side by side ------------------------------------------------------------------------

def layout(n: int, pair: Pair, sides: dict[str, dict[str, Table]], texts: dict[str, Texts],
           diff: dict[str, Table], marks) -> Layout:
    doc_ids = {"old": pair.old_id, "new": pair.new_id}
    cut: dict[str, list[Piece]] = {"old": [], "new": []}
    blocks: dict[str, list[str]] = {"old": [], "new": []}
    missing = {}
    for side in SIDES:
        doc_id = doc_ids[side]
        text = texts[side].get(doc_id) if doc_id else None
        if text is None:
            if doc_id:
                missing[side] = texts[side].missing.get(doc_id, "not found")
            continue
        cut[side] = pieces(sides[side], doc_id, text)
        blocks[side] = text_blocks(text, sides[side], doc_id, PREFIX[side], _status_of(marks[side]),
                                   breaks=[p.start for p in cut[side]],
                                   anchors=badges(sides[side], doc_id, marks[side]))
    mapping, sec_rows = section_map(diff, pair.doc)
    rows, headings, row_of = [], [], {}
    for k, (olds, news) in enumerate(align(cut["old"], cut["new"], mapping)):
        o, w = [cut["old"][i] for i in olds], [cut["new"][j] for j in news]
        rows.append((o, w, [blocks["old"][i] for i in olds], [blocks["new"][j] for j in news]))
        headings.append(row_heading(o, w, sec_rows))
        for side, ps in (("old", o), ("new", w)):
            for p in ps:
                row_of.setdefault((side, p.path), f"dp{n}-r{k}")
    return Layout(n, pair, missing, rows, headings, row_of)


def _prefixed(lay: Layout) -> dict[tuple[str, str, str], str]:
    return {(side, lay.pair.doc, path): rid for (side, path), rid in lay.row_of.items()}


def pair_html(lay: Layout, editions: list[str]) -> str:
    e = html.escape
    n, pair = lay.n, lay.pair
    out = [f'<div class="pairdoc" id="dp{n}"><h3>{e(pair.doc)}</h3>'
           f'<p class="meta">{e(pair.old_id or "—")} → {e(pair.new_id or "—")}</p>']
    for side, why in lay.missing.items():
        out.append(f'<p class="missing" role="note">The {side} text is not shown: {e(why)}.</p>')
    out.append(f'<div class="cols" aria-hidden="true"><div>{e(editions[0])} (old)</div>'
               f'<div>{e(editions[1])} (new)</div></div>')
    for k, ((o, w, o_html, w_html), (head, _)) in enumerate(zip(lay.rows, lay.headings)):
        cells = []
        for side, parts, ed in (("old", o_html, editions[0]), ("new", w_html, editions[1])):
            label = f'<span class="ed">{e(ed)} ({side})</span>'
            if parts:
                cells.append(f'<div class="cell {side}" lang="ja">{label}{"".join(parts)}</div>')
            else:
                cells.append(f'<div class="cell {side} empty">{label}not in the {side} edition</div>')
        out.append(f'<div class="pair" id="dp{n}-r{k}"><div class="sec">{head}</div>{"".join(cells)}</div>')
    out.append("</div>")
    return "".join(out)


def pair_toc(lay: Layout) -> str:
    e = html.escape
    items = "".join(f'<li><a href="#dp{lay.n}-r{k}">{e(plain)}</a></li>' for k, (_, plain) in enumerate(lay.headings))
    return f'<li><a href="#dp{lay.n}">{e(lay.pair.doc)}</a><ol>{items}</ol></li>'


def _status_of(side_marks: dict[tuple[str, int], Mark]):
    def status_of(table: str, i: int, row: dict) -> tuple[str, str]:
        m = side_marks.get((table, i))
        return (m.status, m.note) if m else ("unchanged", "not in the diff tables")
    return status_of


def badges(tables: dict[str, Table], doc_id: str, side_marks: dict[tuple[str, int], Mark]) -> dict[int, list[str]]:
    """The words after each changed, added or removed fact: old → new (a link to the same
    fact on the other side), added, removed."""
    out: dict[int, list[str]] = {}
    for (table, i), m in sorted(side_marks.items()):
        if m.status == "unchanged" or table not in tables:
            continue
        row = tables[table].records[i]
        if row["doc_id"] != doc_id:
            continue
        text = m.note or m.status
        status = html.escape(m.status)
        if m.other:
            snippet = (f'<a class="badge st-{status}" href="#{m.other}" '
                       f'aria-label="{status}: {html.escape(text)}, the other edition">{html.escape(text)}</a>')
        else:
            snippet = f'<span class="badge st-{status}">{html.escape(text)}</span>'
        out.setdefault(int(row["end"]), []).append(snippet)
    return out


