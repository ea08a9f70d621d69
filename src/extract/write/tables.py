"""Table schemas (SPEC §2) and the conversion of mentions to rows and DataFrames."""
from __future__ import annotations

import pandas as pd

from ..read.document import Document, Mention
from ..read.layout import MARKER_DISPLAY

COMMON = ["doc_id", "edition", "section", "start", "end", "surface", "text"]
FIXED = {
    "documents": ["doc_id", "edition", "encoding", "sha256", "chars", "title", "error"],
    "sections": ["doc_id", "section", "level", "number", "title", "start", "end"],
    "footnotes": ["doc_id", "section", "marker", "text", "start", "end"],
    "figures": ["doc_id", "section", "number", "title", "start", "end"],
}
# Sort keys of the fixed tables; mention tables sort by doc_id, start, end.
FIXED_ORDER = {"documents": ["doc_id"], "sections": ["doc_id", "start"],
               "footnotes": ["doc_id", "start"], "figures": ["doc_id", "start"]}


def mention_columns(own: list[str]) -> list[str]:
    return COMMON + own + ["context"]


def mention_row(doc: Document, m: Mention) -> dict:
    s, e = m.original_span()
    row = {"doc_id": doc.doc_id, "edition": doc.edition, "section": m.segment.section,
           "start": s, "end": e, "surface": doc.text[s:e], "text": m.clean_text}
    row.update(m.values)
    row["context"] = m.segment.sentence(m.start, m.end)
    return row


def footnote_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, "section": seg.section, "marker": MARKER_DISPLAY[seg.lines[0].style].format(seg.lines[0].number),
             "text": seg.text, "start": seg.lines[0].start, "end": seg.lines[-1].end}
            for seg in doc.segments if seg.kind == "footnote"]


def figure_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, "section": seg.section, "number": seg.lines[0].number,
             "title": seg.lines[0].title, "start": seg.lines[0].start, "end": seg.lines[0].end}
            for seg in doc.segments if seg.kind == "caption"]


def frame(rows: list[dict], columns: list[str], order: list[str]) -> pd.DataFrame:
    """Rows as a DataFrame with exactly these columns, stably sorted by `order`."""
    df = pd.DataFrame(rows, columns=columns)
    if len(df):
        df = df.sort_values(order, kind="stable").reset_index(drop=True)
    return df.apply(_typed)


def _typed(col: pd.Series) -> pd.Series:
    """Nullable dtypes from the values: booleans, integers, else strings (amounts stay
    exact decimal strings)."""
    values = [v for v in col if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if values and all(isinstance(v, bool) for v in values):
        return col.astype("boolean")
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return col.astype("Int64")
    return col.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)).astype("string")
