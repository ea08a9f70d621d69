"""Tables of rows on the page: sortable by any column, filterable by any text, each row
linking to its place in the text (sorting and filtering run in report.js)."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Column:
    name: str
    cell: Callable[[int, dict], str]        # the cell's HTML
    sort_key: Callable[[int, dict], str] | None = None     # plain value when the cell is a link


def field(name: str, key: str | None = None) -> Column:
    key = key or name
    return Column(name, lambda i, r: html.escape(r.get(key, "")))


def link(name: str, href: Callable[[int, dict], str | None], label: Callable[[int, dict], str],
         aria: str) -> Column:
    """A cell linking to a place on the page (or its plain label where there is none)."""
    def cell(i: int, r: dict) -> str:
        target = href(i, r)
        text = html.escape(label(i, r))
        return f'<a href="#{html.escape(target)}" aria-label="{html.escape(aria)} {text}">{text}</a>' if target else text
    return Column(name, cell, label)


def numeric(values) -> bool:
    seen = False
    for v in values:
        if v:
            if not _NUMBER.fullmatch(v):
                return False
            seen = True
    return seen


def table_section(ident: str, title: str, rows: list[tuple[int, dict]], columns: list[Column],
                  row_class: Callable[[int, dict], str] | None = None, note: str = "") -> str:
    """A titled, sortable, filterable table: rows get the id `r-<ident>-<i>`."""
    e = html.escape
    head = []
    for c in columns:
        key = c.sort_key or (lambda i, r, n=c.name: r.get(n, ""))
        kind = "num" if numeric(key(i, r) for i, r in rows) else "text"
        head.append(f'<th scope="col" data-type="{kind}"><button type="button">{e(c.name)}</button></th>')
    body = []
    for i, r in rows:
        cls = row_class(i, r) if row_class else ""
        cells = "".join(f"<td>{c.cell(i, r)}</td>" for c in columns)
        body.append(f'<tr id="r-{ident}-{i}"' + (f' class="{html.escape(cls)}"' if cls else "") + f">{cells}</tr>")
    n = len(rows)
    return (f'<section class="tbl" id="t-{ident}" aria-labelledby="t-{ident}-h">'
            f'<h3 id="t-{ident}-h">{e(title)} <span class="count">{n:,} rows</span></h3>'
            + (f'<p class="note">{e(note)}</p>' if note else "")
            + f'<div class="tools"><label>Filter rows <input type="search" data-filter="t-{ident}" '
            f'autocomplete="off"></label> <output id="t-{ident}-n" aria-live="polite">{n:,} of {n:,}</output></div>'
            f'<div class="scroll" tabindex="0" aria-label="{e(title)} table"><table><thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div></section>')
