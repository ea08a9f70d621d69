"""Tables as one Excel workbook, a sheet per table, that Excel opens without changing a value.

Opened from CSV, Excel reads the section `5.10` as the number 5.1 and the value `2021-04`
as a date. Here every cell of a text column is a text cell formatted as text (`@`), so it
stays as written, even when edited; whole numbers are numbers and flags are TRUE/FALSE.
The header row is frozen and filtered, and columns are as wide as their content (up to a
limit). The same tables give the same bytes: zip entries and document times are fixed.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import pandas as pd

from ..tables import column_kind

# Excel's limits: characters in a cell, rows in a sheet.
MAX_CELL_CHARS = 32_767
MAX_ROWS = 1_048_576
# Column widths in Excel's character units: a wide (CJK) character counts two.
MIN_WIDTH, MAX_WIDTH = 6, 60
# Rows looked at to size a column: enough to see its usual width, cheap on big tables.
WIDTH_SAMPLE = 500
# XML 1.0 cannot hold these control characters; Excel cannot either.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A fixed time for the zip entries and the document properties (the zip format's epoch).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name in sorted(tables):
        df = tables[name]
        if len(df) + 1 > MAX_ROWS:
            raise ValueError(f"table {name} has {len(df):,} rows, more than an Excel sheet holds; "
                             "write it as csv or parquet")
        ws = wb.create_sheet(title=name[:31])
        kinds = [column_kind(c, df[c]) for c in df.columns]
        for i, column in enumerate(df.columns):
            ws.column_dimensions[_letter(i)].width = _width(column, df[column])
        ws.freeze_panes = "A2"
        if len(df.columns):
            ws.auto_filter.ref = f"A1:{_letter(len(df.columns) - 1)}{len(df) + 1}"
        header = []
        for column in df.columns:
            cell = WriteOnlyCell(ws, value=str(column))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in df.itertuples(index=False, name=None):
            ws.append([_cell(ws, WriteOnlyCell, v, k) for v, k in zip(row, kinds)])
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_times(buf.getvalue())


def _cell(ws, make, value, kind: str):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        return bool(value)
    text = _ILLEGAL.sub("\ufffd", str(value))[:MAX_CELL_CHARS]
    cell = make(ws, value=text)
    cell.data_type = "s"            # never a formula, even when the text starts with =
    cell.number_format = "@"
    return cell


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _width(name: str, col: pd.Series) -> float:
    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    sample = [str(v) for v in col.head(WIDTH_SAMPLE) if not pd.isna(v)]
    widest = max([width(name) + 2, *(width(s) for s in sample)])   # + 2: the filter button
    return float(min(max(widest + 1, MIN_WIDTH), MAX_WIDTH))


def _fixed_times(data: bytes) -> bytes:
    """The same workbook with every zip entry dated FIXED_TIME and the document's created
    and modified times set to it, so the bytes depend on the tables only."""
    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % FIXED_TIME
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIMES.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, body)
    return out.getvalue()
