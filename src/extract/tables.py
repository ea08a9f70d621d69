"""The table model, below every stage that uses it: the schemas (SPEC §2), the column
types, the one reader of output folders and the one selector of an edition's rows.

Tables travel between stages as {name: DataFrame}. Read back from files they hold
strings, each cell as the CSV writes it ("" for empty, true/false), so tables from
`extract.run(...)` and from an output folder compare alike once `as_strings` is applied.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

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


# --- cells as text ----------------------------------------------------------

# The workbook's name when the tables are written as one xlsx file.
BOOK = "tables"


def format_cell(value) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):          # numpy scalars
        value = value.item()
        if isinstance(value, bool):
            return "true" if value else "false"
    return str(value)


def cells_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """Each cell as the CSV writes it ("" for empty, true/false)."""
    return df.astype(object).map(format_cell)


def as_strings(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables with every cell written as in the CSV files ("" for empty, true/false)."""
    return {name: cells_as_text(df).reset_index(drop=True) if len(df.columns)
            else df.reset_index(drop=True) for name, df in tables.items()}


# --- output folders ---------------------------------------------------------

def read_output(folder: Path) -> dict[str, pd.DataFrame] | None:
    """Every table of an output folder of `extract`, each cell as the CSV writes it ("" for
    empty): from its CSV files, Parquet files or workbook. None when the folder holds no
    tables of a run."""
    if (folder / "documents.csv").is_file():
        return {f.stem: pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
                for f in sorted(folder.glob("*.csv"))}
    if (folder / "documents.parquet").is_file():
        return {f.stem: cells_as_text(pd.read_parquet(f)) for f in sorted(folder.glob("*.parquet"))}
    if (folder / f"{BOOK}.xlsx").is_file():
        sheets = pd.read_excel(folder / f"{BOOK}.xlsx", sheet_name=None, dtype=object, engine="openpyxl")
        return {name: cells_as_text(df) for name, df in sheets.items()}
    return None


# --- editions ---------------------------------------------------------------

def editions_of(tables: dict[str, pd.DataFrame]) -> list[int]:
    """The editions the documents table names, oldest first."""
    docs = tables["documents"]
    return sorted({int(e) for e in docs["edition"] if str(e).strip() not in ("", "<NA>", "nan")})


def edition_tables(tables: dict[str, pd.DataFrame], edition: int | str) -> dict[str, pd.DataFrame]:
    """The rows of one edition's documents in every table (tables without doc_id whole)."""
    docs = tables["documents"]
    keep = set(docs.loc[docs["edition"].astype(str) == str(edition), "doc_id"])
    return {k: v[v["doc_id"].isin(keep)].reset_index(drop=True) if "doc_id" in v.columns else v
            for k, v in tables.items()}
