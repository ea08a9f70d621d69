"""Two editions side by side by aligned section: every amount, count and date with its
status on its side (changed ones with old → new and a link to the other side), countries
and entities by whether they appear, unchanged facts dimmed; the summary at the top and
the diff tables below."""
from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pandas as pd

from ...compare.diff import STATUS
from .document_view import text_blocks
from .extraction_view import View, kind_counts
from .facts import FACT_TABLES, PRESENCE_TABLES, Pair, Placed, document_pairs, place_facts, presence_key, presence_status
from .kinds import readable
from .page import kind_filters, status_filters
from .rows import Table, mention_id, prepare
from .sources import Texts, load_texts
from .table_view import Column, field, link, table_section

SIDES = ("old", "new")
PREFIX = {"old": "o-", "new": "n-"}
NOTABLE = 15            # changes listed in the summary (all of them are in the tables below)


@dataclass
class Piece:
    start: int
    end: int
    path: str
    title: str


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
    marks = side_marks(diff, sides, pairs, placed)
    first = presence_first(sides, pairs)
    editions = [_editions(sides[side]) for side in SIDES]
    layouts = [layout(n, p, sides, texts, diff, marks) for n, p in enumerate(pairs)]
    links = Links(placed, first, {k: v for lay in layouts for k, v in _prefixed(lay).items()})
    label = f"{editions[0]} → {editions[1]}"
    main = (f'<section id="diff" class="dv" aria-labelledby="diff-h">'
            f'<h2 class="view" id="diff-h">What changed: {html.escape(label)}</h2>'
            f'{summary(diff, links, placed)}'
            + "".join(pair_html(lay, editions) for lay in layouts)
            + f'<section id="diff-tables" aria-labelledby="diff-tables-h"><h2 class="view" id="diff-tables-h">'
            f'Diff tables</h2>{tables_html(diff, links, len(pairs) > 1)}</section></section>')
    counts = {s: sum(1 for side in SIDES for m in marks[side].values() if m.status == s) for s in STATUS}
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

def side_marks(diff: dict[str, Table], sides: dict[str, dict[str, Table]], pairs: list[Pair],
               placed: Placed) -> dict[str, dict[tuple[str, int], Mark]]:
    """(mention table, row) → Mark, per side."""
    marks: dict[str, dict[tuple[str, int], Mark]] = {"old": {}, "new": {}}
    for side, other in (("old", "new"), ("new", "old")):
        mine, theirs = getattr(placed, side), getattr(placed, other)
        for (diff_name, k), i in mine.items():
            row = diff[diff_name].records[k]
            j = theirs.get((diff_name, k))
            table = FACT_TABLES[diff_name]
            marks[side][(table, i)] = Mark(row["status"], change_note(diff_name, row),
                                           mention_id(PREFIX[other], table, j) if j is not None else None)
    presence = presence_status(diff)
    for side in SIDES:
        for p in pairs:
            doc_id = p.old_id if side == "old" else p.new_id
            for table in PRESENCE_TABLES.values():
                if doc_id is None or table not in sides[side]:
                    continue
                for i, r in sides[side][table].rows(doc_id):
                    found = presence.get((table, p.doc, presence_key(table, r)))
                    if found:
                        d = found[1]
                        note = d["status"] if d["status"] != "unchanged" else ""
                        note += f" (mentions {d['mentions_old']} → {d['mentions_new']})"
                        marks[side][(table, i)] = Mark(d["status"], note.strip(), None)
    return marks


def change_note(diff_name: str, row: dict) -> str:
    if row["status"] in ("added", "removed"):
        return row["status"]
    if diff_name == "diff_money":
        old, new = row["amount_old"], row["amount_new"]
        return f"{readable(old)} → {readable(new)} {row['currency']}{_percent(old, new)}"
    if diff_name == "diff_quantities":
        return f"{row['number_old']} → {row['number_new']} {row['unit']}"
    return f"{row['value_old']} → {row['value_new']}"


def _percent(old: str, new: str) -> str:
    try:
        a, b = Decimal(old), Decimal(new)
        return f" ({(b - a) / a * 100:+.1f}%)" if a else ""
    except (InvalidOperation, ValueError):
        return ""


def presence_first(sides: dict[str, dict[str, Table]], pairs: list[Pair]) -> dict[tuple, str]:
    """(side, doc, mention table, key) → id of the first mention of that country or
    entity: where a summary line or a table row about it points."""
    out: dict[tuple, str] = {}
    for side in SIDES:
        for p in pairs:
            doc_id = p.old_id if side == "old" else p.new_id
            for table in PRESENCE_TABLES.values():
                if doc_id is None or table not in sides[side]:
                    continue
                for i, r in sides[side][table].rows(doc_id):
                    out.setdefault((side, p.doc, table, presence_key(table, r)), mention_id(PREFIX[side], table, i))
    return out


# Side by side ------------------------------------------------------------------------

def pieces(tables: dict[str, Table], doc_id: str | None, text: str) -> list[Piece]:
    """The text cut at every heading: each piece is one section's own text (blank lines
    before the first heading go with it)."""
    length = len(text)
    rows = sorted(((int(r["start"]), n), r) for n, r in tables["sections"].rows(doc_id)) if doc_id else []
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
        text = m.status if table in PRESENCE_TABLES.values() else m.note
        if m.other:
            snippet = (f'<a class="badge st-{m.status}" href="#{m.other}" '
                       f'aria-label="{m.status}: {html.escape(text)}, the other edition">{html.escape(text)}</a>')
        else:
            snippet = f'<span class="badge st-{m.status}">{html.escape(text)}</span>'
        out.setdefault(int(row["end"]), []).append(snippet)
    return out


# Summary and tables ------------------------------------------------------------------

@dataclass
class Links:
    """Where a diff row points on the page, on each side."""
    placed: Placed
    first: dict[tuple, str]                     # (side, doc, mention table, key) → first mention id
    rows: dict[tuple[str, str, str], str]       # (side, doc, section path) → aligned row id

    def of(self, diff_name: str, k: int, r: dict, side: str) -> str | None:
        if diff_name in FACT_TABLES:
            i = getattr(self.placed, side).get((diff_name, k))
            return mention_id(PREFIX[side], FACT_TABLES[diff_name], i) if i is not None else None
        if diff_name in PRESENCE_TABLES:
            table = PRESENCE_TABLES[diff_name]
            key = (r["code"] or r["name"], r["kind"]) if table == "countries" else (r["label"], r["name"])
            return self.first.get((side, r["doc"], table, key))
        path = r.get(f"section_{side}")
        return self.rows.get((side, r["doc"], path)) if path else None

    def best(self, diff_name: str, k: int, r: dict) -> str | None:
        """The new side, or the old one for what was removed."""
        sides = ("old", "new") if r["status"] == "removed" else ("new", "old")
        return next((x for s in sides if (x := self.of(diff_name, k, r, s))), None)


def summary(diff: dict[str, Table], links: Links, placed: Placed) -> str:
    e = html.escape
    head = "".join(f"<th scope=\"col\">{s}</th>" for s in STATUS)
    body = []
    for name, table in diff.items():
        counts = {s: 0 for s in STATUS}
        for r in table.records:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        body.append(f'<tr><th scope="row"><a href="#t-{name}">{e(name.removeprefix("diff_"))}</a></th>'
                    + "".join(f"<td>{counts[s]:,}</td>" for s in STATUS) + "</tr>")
    items = sorted(notable(diff), key=lambda x: x[0])
    listed = "".join(
        f'<li><a href="#{target}">{e(text)}</a></li>' if (target := links.best(name, k, r)) else f"<li>{e(text)}</li>"
        for _, text, name, k, r in items[:NOTABLE])
    more = f"<p class=\"note\">{len(items) - NOTABLE:,} more in the diff tables below.</p>" if len(items) > NOTABLE else ""
    problem = ""
    if placed.unplaced:
        problem = (f'<p class="missing" role="note">{len(placed.unplaced):,} fact(s) of the diff tables could not be '
                   f"found in the mention tables (tables and diff from different runs?).</p>")
    return (f'<div class="summary"><div class="scroll-x"><table><thead><tr><th scope="col">table</th>{head}</tr>'
            f'</thead><tbody>{"".join(body)}</tbody></table></div>{problem}'
            f'<h3>Most important changes</h3><ol class="notable">{listed or "<li>none</li>"}</ol>{more}</div>')


def notable(diff: dict[str, Table]):
    """(rank, line, diff table, k, row) for each change; lower rank first: amounts by the
    size of the change, then counts, new or dropped amounts and countries, meetings,
    dates, sections, other entities (the order of the command's summary)."""
    def rows(name):
        return enumerate(diff[name].records) if name in diff else ()

    for k, r in rows("diff_money"):
        if r["status"] == "changed":
            yield (-_relative(r["amount_old"], r["amount_new"]),
                   f"money changed: {r['subject'] or '?'}: {change_note('diff_money', r)} [{r['section_new']}]",
                   "diff_money", k, r)
        elif r["status"] in ("added", "removed"):
            amount = r["amount_new"] or r["amount_old"]
            yield (1.5, f"money {r['status']}: {r['subject'] or '?'}: {readable(amount)} {r['currency']}",
                   "diff_money", k, r)
    for k, r in rows("diff_quantities"):
        if r["status"] == "changed":
            yield (1 - _relative(r["number_old"], r["number_new"]),
                   f"count changed: {r['subject'] or r['unit']}: {change_note('diff_quantities', r)} "
                   f"[{r['section_new']}]", "diff_quantities", k, r)
    for k, r in rows("diff_countries"):
        if r["status"] != "unchanged" and r["kind"] == "country":
            yield 2, f"country {r['status']}: {r['code']} {r['name']}", "diff_countries", k, r
    for k, r in rows("diff_entities"):
        if r["status"] != "unchanged":
            yield (3 if r["label"] == "EVENT" else 5), f"{r['label'].lower()} {r['status']}: {r['name']}", \
                "diff_entities", k, r
    for k, r in rows("diff_dates"):
        if r["status"] == "changed":
            yield 4, f"date changed: {change_note('diff_dates', r)} {r['subject']}", "diff_dates", k, r
    for k, r in rows("diff_sections"):
        if r["status"] != "unchanged":
            what = r["status"] if r["status"] != "changed" else (
                "renamed" if r["title_old"] != r["title_new"] else "renumbered")
            titles = " → ".join(t for t in (r["title_old"], r["title_new"]) if t)
            yield 4.5, f"section {what}: {titles}", "diff_sections", k, r


def _relative(old: str, new: str) -> float:
    try:
        a, b = Decimal(old), Decimal(new)
        return float(abs(b - a) / a) if a else 1.0
    except (InvalidOperation, ValueError):
        return 0.0


# Long sentences stay in the files; the page shows the text itself.
TABLE_HIDDEN = {"context_old", "context_new"}


def tables_html(diff: dict[str, Table], links: Links, several: bool) -> str:
    out = []
    for name, table in diff.items():
        cols: list[Column] = [
            link("old", lambda k, r, n=name: links.of(n, k, r, "old"), lambda k, r: "old" if r["status"] != "added"
                 else "", "show in the old edition"),
            link("new", lambda k, r, n=name: links.of(n, k, r, "new"), lambda k, r: "new" if r["status"] != "removed"
                 else "", "show in the new edition")]
        cols += [field(c) for c in table.columns if c not in TABLE_HIDDEN and (several or c != "doc")]
        out.append(table_section(name, name, list(enumerate(table.records)), cols,
                                 lambda k, r: f"st-{r['status']}"))
    return "".join(out)
