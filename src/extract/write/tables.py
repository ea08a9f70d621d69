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


# Column types by name, whatever the table: declared rather than guessed from the values,
# so a column keeps its type when every cell is empty (chars of a run where all files
# failed) and a whole number never turns into a float because another row lacks it.
INTEGER = {"edition", "start", "end", "chars", "level", "era_year", "ordinal", "mentions_old", "mentions_new",
           "editions", "changes"}
BOOLEAN = {"anaphoric", "consistent", "approx"}


def frame(rows: list[dict], columns: list[str], order: list[str]) -> pd.DataFrame:
    """Rows as a DataFrame with exactly these columns, stably sorted by `order`."""
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    if len(df):
        df = df.sort_values(order, kind="stable").reset_index(drop=True)
    return typed(df)


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable dtypes: Int64 and boolean for the columns above, string for the
    rest (amounts and counts stay exact decimal strings). A column not named above takes
    its type from its values."""
    return pd.DataFrame({name: _typed(df[name]) for name in df.columns}, index=df.index)


def column_kind(name: str, values=()) -> str:
    """"integer", "boolean" or "string": the type a column is written with."""
    if name in INTEGER:
        return "integer"
    if name in BOOLEAN:
        return "boolean"
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "integer"
    return "string"


_DTYPES = {"integer": "Int64", "boolean": "boolean", "string": "string"}


def _typed(col: pd.Series) -> pd.Series:
    kind = column_kind(col.name, col)
    # A list, not Series.map: map turns None into NaN, which str() would make "nan".
    values = [None if _missing(v) else str(v) if kind == "string" else v for v in col]
    return pd.Series(values, index=col.index, name=col.name, dtype=object).astype(_DTYPES[kind])


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)
