"""The review of one run: every document's text with its mentions, then the tables."""
from __future__ import annotations

from dataclasses import dataclass

from .document_view import article, contents
from .kinds import BY_KEY, HIDDEN_COLUMNS, KINDS, MENTION_TABLES, kind_of
from .page import kind_filters, labels_toggle
from .rows import Table, mention_id
from .sources import Texts
from .table_view import Column, field, link, table_section


@dataclass
class View:
    nav: list[tuple[str, str]]
    sidebar: str
    main: str


def kind_counts(tables: dict[str, Table]) -> dict[str, int]:
    counts = {k.key: 0 for k in KINDS}
    for name in MENTION_TABLES:
        if name in tables:
            for r in tables[name].records:
                counts[kind_of(name, r)] += 1
    return counts


def extraction_view(tables: dict[str, Table], texts: Texts) -> View:
    docs = tables["documents"].records
    shown = {d["doc_id"] for d in docs if texts.get(d["doc_id"]) is not None}
    per_doc = {d["doc_id"]: sum(len(tables[t].by_doc.get(d["doc_id"], [])) for t in MENTION_TABLES if t in tables)
               for d in docs}
    articles = "".join(article(n, d, texts.get(d["doc_id"]), texts.missing.get(d["doc_id"]), tables,
                               per_doc[d["doc_id"]]) for n, d in enumerate(docs))
    toc = "".join(contents(n, d, tables) for n, d in enumerate(docs))
    several = len(docs) > 1
    sections = [mention_table(tables[name], shown, several) for name in MENTION_TABLES if name in tables]
    sections += [region_table(tables[name], shown, several) for name in ("footnotes", "figures") if name in tables]
    main = (f'<section id="documents" aria-labelledby="documents-h"><h2 class="view" id="documents-h">Documents</h2>'
            f"{articles}</section>"
            f'<section id="tables" aria-labelledby="tables-h"><h2 class="view" id="tables-h">Tables</h2>'
            f'{"".join(sections)}</section>')
    sidebar = (kind_filters(kind_counts(tables)) + labels_toggle()
               + f'<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{toc}</ol></nav>')
    table_links = [(f"t-{name}", name) for name in (*MENTION_TABLES, "footnotes", "figures") if name in tables]
    return View([("documents", "Documents"), ("tables", "Tables")] + table_links, sidebar, main)


def _place(table: str, shown: set[str]):
    return lambda i, r: mention_id("", table, i) if r["doc_id"] in shown else None


def _common(name: str, shown: set[str], several: bool) -> list[Column]:
    cols = [link("start", _place(name, shown), lambda i, r: r["start"], "show in the text at")]
    if several:
        cols.append(field("doc", "doc_id"))
    return cols


def mention_table(table: Table, shown: set[str], several: bool) -> str:
    name = table.name
    own = [c for c in table.columns if c not in HIDDEN_COLUMNS]
    cols = _common(name, shown, several) + [field(c) for c in own]
    rows = list(enumerate(table.records))
    kinds = sorted({kind_of(name, r) for r in table.records}, key=list(BY_KEY).index)
    note = "kinds: " + ", ".join(BY_KEY[k].label for k in kinds) if len(kinds) > 1 else ""
    return table_section(name, name, rows, cols, lambda i, r: f"k-{kind_of(name, r)}", note)


def region_table(table: Table, shown: set[str], several: bool) -> str:
    name = table.name
    own = [c for c in table.columns if c not in HIDDEN_COLUMNS]
    cols = _common(name, shown, several) + [field(c) for c in own]
    return table_section(name, name, list(enumerate(table.records)), cols)


def title_of(tables: dict[str, Table]) -> str:
    docs = tables["documents"].records
    editions = sorted({d["edition"] for d in docs if d.get("edition")})
    what = f"{len(docs)} document{'s' * (len(docs) != 1)}"
    return what + (f", edition{'s' * (len(editions) != 1)} {', '.join(editions)}" if editions else "")
