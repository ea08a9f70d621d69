"""Rows of the string tables, grouped the way the views read them."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .kinds import MENTION_TABLES, RANK, detail_of, kind_of, value_of
from .markup import Span, attr


@dataclass
class Table:
    """One table's rows as dicts, with the positions of each document's rows."""
    name: str
    records: list[dict]
    columns: list[str]
    by_doc: dict[str, list[int]]

    @classmethod
    def of(cls, name: str, df: pd.DataFrame) -> "Table":
        records = df.to_dict("records")
        by_doc: dict[str, list[int]] = {}
        if "doc_id" in df.columns:
            for i, r in enumerate(records):
                by_doc.setdefault(r["doc_id"], []).append(i)
        return cls(name, records, list(df.columns), by_doc)

    def rows(self, doc_id: str) -> list[tuple[int, dict]]:
        return [(i, self.records[i]) for i in self.by_doc.get(doc_id, [])]


def prepare(tables: dict[str, pd.DataFrame]) -> dict[str, Table]:
    return {name: Table.of(name, df) for name, df in tables.items()}


def mention_id(prefix: str, table: str, i: int) -> str:
    return f"{prefix}{table}-{i}"


def mention_spans(tables: dict[str, Table], doc_id: str, prefix: str = "",
                  status_of=None) -> list[Span]:
    """A span for every mention of one document. `status_of(table, i, row)` gives a diff
    status (changed/added/removed/unchanged) and the words shown with it, or None."""
    spans = []
    for name in MENTION_TABLES:
        table = tables.get(name)
        if table is None:
            continue
        for i, row in table.rows(doc_id):
            kind = kind_of(name, row)
            extra = ""
            detail = detail_of(name, row)
            cls = f"m k-{kind}"
            if status_of is not None:
                status, note = status_of(name, i, row)
                cls += f" st-{status}"
                extra = f' data-st="{attr(status)}"'
                detail = " · ".join(x for x in (note, detail) if x)
            extra += f' data-v="{attr(value_of(name, row))}"' + (f' data-d="{attr(detail)}"' if detail else "")
            spans.append(Span(int(row["start"]), int(row["end"]), "mark", mention_id(prefix, name, i), cls,
                              extra, RANK[name]))
    return spans


def region_spans(tables: dict[str, Table], doc_id: str, prefix: str = "") -> list[Span]:
    """Footnote bodies and figure captions, drawn around the mentions inside them."""
    spans = []
    for name, cls, label in (("footnotes", "fn", lambda r: f"footnote {r['marker']}"),
                             ("figures", "fig", lambda r: f"figure {r['number']}")):
        table = tables.get(name)
        if table is None:
            continue
        for i, row in table.rows(doc_id):
            spans.append(Span(int(row["start"]), int(row["end"]), "span", mention_id(prefix, name, i),
                              f"rg {cls}", f' data-l="{attr(label(row))}"', rank=-1, focusable=False))
    return spans
