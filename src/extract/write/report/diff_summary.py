"""The top of the diff page and its bottom: counts per diff table, the most important
changes (each a link to where it stands), and the diff tables with links to both sides."""
from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ...compare.diff import STATUS
from .facts import FACT_TABLES, Placed, change_note
from .kinds import readable
from .rows import Table, mention_id
from .table_view import Column, field, link, table_section

PREFIX = {"old": "o-", "new": "n-"}
NOTABLE = 15            # changes listed in the summary (all of them are in the tables below)


@dataclass
class Links:
    """Where a diff row points on the page, on each side."""
    placed: Placed
    rows: dict[tuple[str, str, str], str]       # (side, doc, section path) → aligned row id

    def of(self, diff_name: str, k: int, r: dict, side: str) -> str | None:
        if diff_name in FACT_TABLES:
            i = getattr(self.placed, side).get((diff_name, k))
            return mention_id(PREFIX[side], FACT_TABLES[diff_name], i) if i is not None else None
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
