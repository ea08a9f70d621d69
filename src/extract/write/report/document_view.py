"""One document as the file has it: its text with every mention highlighted, footnotes
and figures marked, and its section tree as a table of contents."""
from __future__ import annotations

import html

from .markup import render_blocks
from .rows import Table, mention_spans, region_spans

# Blocks are cut at headings and, in long stretches, at the first line end past this
# many characters: the browser lays out only the blocks on screen (content-visibility).
BLOCK_CHARS = 1500


def block_breaks(text: str, starts: list[int], limit: int = BLOCK_CHARS) -> list[int]:
    """Offsets where blocks begin: the given starts, and line starts in long stretches."""
    breaks = set(s for s in starts if 0 < s < len(text))
    edges = sorted(breaks | {0, len(text)})
    for a, b in zip(edges, edges[1:]):
        at = a
        while b - at > limit:
            nl = text.find("\n", at + limit, b)
            if nl < 0 or nl + 1 >= b:
                break
            breaks.add(nl + 1)
            at = nl + 1
    return sorted(breaks)


def section_rows(tables: dict[str, Table], doc_id: str) -> list[tuple[int, dict]]:
    table = tables.get("sections")
    return table.rows(doc_id) if table else []


def section_anchor(prefix: str, i: int) -> str:
    return f"{prefix}sections-{i}"


def text_blocks(text: str, tables: dict[str, Table], doc_id: str, prefix: str = "", status_of=None,
                breaks: list[int] | None = None, anchors: dict[int, list[str]] | None = None) -> list[str]:
    """The document's text as blocks of HTML, each heading anchored for the contents."""
    sections = section_rows(tables, doc_id)
    anchors = dict(anchors or {})
    for i, row in sections:
        anchors.setdefault(int(row["start"]), []).insert(0, f'<span class="anc" id="{section_anchor(prefix, i)}"></span>')
    if breaks is None:
        breaks = block_breaks(text, [int(r["start"]) for _, r in sections])
    spans = mention_spans(tables, doc_id, prefix, status_of) + region_spans(tables, doc_id, prefix)
    return render_blocks(text, spans, breaks, anchors)


def article(n: int, doc: dict, text: str | None, missing: str | None, tables: dict[str, Table],
            mention_count: int) -> str:
    """The document's view: a header, then its text (or why it cannot be shown)."""
    e = html.escape
    title = doc.get("title") or doc["doc_id"]
    meta = [doc["doc_id"], f"edition {doc['edition']}" if doc.get("edition") else "",
            doc.get("encoding", ""), f"{int(doc['chars']):,} characters" if doc.get("chars") else "",
            f"{mention_count:,} mentions"]
    head = (f'<header><h2 id="doc{n}-h">{e(title)}</h2>'
            f'<p class="meta">{" · ".join(e(m) for m in meta if m)}</p></header>')
    if text is None:
        body = f'<p class="missing" role="note">Text not shown: {e(missing or "not found")}.</p>'
    else:
        blocks = text_blocks(text, tables, doc["doc_id"])
        body = '<div class="tx" lang="ja">' + "".join(f'<div class="b">{b}</div>' for b in blocks) + "</div>"
    return f'<article class="doc" id="doc{n}" aria-labelledby="doc{n}-h">{head}{body}</article>'


def contents(n: int, doc: dict, tables: dict[str, Table], prefix: str = "") -> str:
    """The section tree as nested lists of links to the headings."""
    e = html.escape
    out = [f'<li><a href="#doc{n}">{e(doc.get("title") or doc["doc_id"])}</a>']
    depth = 0
    levels: list[int] = []
    for i, row in section_rows(tables, doc["doc_id"]):
        level = int(row.get("level") or 0)
        if row.get("section") == "" and f"{row.get('number', '')} {row.get('title', '')}".strip() == doc.get("title"):
            continue            # the document's own heading: already the entry above
        while levels and levels[-1] > level:
            out.append("</li></ol>")
            levels.pop()
            depth -= 1
        if levels and levels[-1] == level:
            out.append("</li>")
        else:
            out.append("<ol>")
            levels.append(level)
            depth += 1
        label = f"{row.get('number', '')} {row.get('title', '')}".strip()
        out.append(f'<li><a href="#{section_anchor(prefix, i)}">{e(label)}</a>')
    out.append("</li></ol>" * depth)
    out.append("</li>")
    return "".join(out)
