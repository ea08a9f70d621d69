"""Writing tables: CSV (UTF-8 with BOM, for Excel in Japan), Parquet or an Excel
workbook, all or nothing.

Every file is first written under a temporary name in the output folder; then, with
SIGINT and SIGTERM deferred, each is renamed over its final name, the same tables in the
other formats are removed (a folder written as CSV, then as Parquet, holds only the
Parquet tables), and the manifest is written last. A run that is interrupted leaves the
previous tables whole.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..tables import BOOK, format_cell

FORMATS = ("csv", "parquet", "xlsx")
# What each format needs beyond pandas (all are dependencies of the package: a check that
# fails only in an installation that skipped them).
ENGINES = {"parquet": "pyarrow", "xlsx": "openpyxl"}


def missing_engine(fmt: str) -> str | None:
    """Why `fmt` cannot be written here, with the command that enables it; None when it can."""
    engine = ENGINES.get(fmt)
    if engine is None or importlib.util.find_spec(engine) is not None:
        return None
    return f"--format {fmt} needs {engine}, which is not installed: pip install {engine} (or pip install -e . again)"


def csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(df.columns)
    for row in df.itertuples(index=False, name=None):
        writer.writerow([format_cell(v) for v in row])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def write_tables(out_dir: Path, tables: dict[str, pd.DataFrame], fmt: str = "csv",
                 manifest: dict | None = None, book: str = BOOK) -> list[Path]:
    """Write `tables` to out_dir as `fmt`: a file per table (csv, parquet) or one workbook
    `book`.xlsx with a sheet per table. The same tables in another format are removed."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    if not os.access(out_dir, os.W_OK):
        raise PermissionError(f"output folder {out_dir} is not writable")
    if fmt == "xlsx":
        from .xlsx import xlsx_bytes

        files = {out_dir / f"{book}.xlsx": lambda: xlsx_bytes(tables)}
    else:
        encode = csv_bytes if fmt == "csv" else parquet_bytes
        files = {out_dir / f"{name}.{fmt}": (lambda df=tables[name]: encode(df)) for name in sorted(tables)}
    stale = [p for p in _table_files(out_dir, tables, book) if p not in files and p.exists()]
    staged: list[tuple[Path, Path]] = []
    try:
        for final, encode_file in files.items():
            staged.append((_stage(final, encode_file()), final))
        if manifest is not None:
            body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            staged.append((_stage(out_dir / "manifest.json", body.encode("utf-8")), out_dir / "manifest.json"))
        with _signals_held():
            for tmp, final in staged[:len(files)]:
                os.replace(tmp, final)
            for path in stale:
                path.unlink(missing_ok=True)
            for tmp, final in staged[len(files):]:      # manifest.json is last: it marks a complete set
                os.replace(tmp, final)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return [final for _, final in staged]


def _table_files(out_dir: Path, tables: dict[str, pd.DataFrame], book: str) -> list[Path]:
    """Every file these tables could have been written to, in any format."""
    paths = [out_dir / f"{name}.{fmt}" for name in sorted(tables) for fmt in FORMATS if fmt != "xlsx"]
    return paths + [out_dir / f"{book}.xlsx"]


def _stage(final: Path, data: bytes) -> Path:
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return tmp


@contextmanager
def _signals_held():
    """Defer SIGINT and SIGTERM until the block ends, then act on them. Python runs
    signal handlers in the main thread whatever thread received the signal, so the
    handlers themselves are swapped (a signal mask would be per thread)."""
    received: list[int] = []
    try:
        previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum))
                    for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:                      # not the main thread: signals are not ours
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in received[:1]:
            handler = previous[sig]
            if callable(handler):
                handler(sig, None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(sig)
