"""What a report is made from: the tables of an output folder and the texts they point into.

Tables are read as strings ("" for empty), as the CSV files hold them, so a report made
from `extract.run(...)` and one made from the files on disk are the same page. Texts are
read again from the input folder recorded in manifest.json and checked against the sha256
in `documents`: offsets point into the decoded file, so a file changed since the run
would put every highlight in the wrong place.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ...read.reading import InputError, read_document
from ...tables import as_strings, read_output as read_tables


class ReportError(Exception):
    """A report that cannot be made; the message names the folder or file and why."""


def read_output(folder: Path) -> dict[str, pd.DataFrame]:
    """Every table of an output folder of `extract` (CSV, Parquet or the workbook), as strings."""
    if not folder.is_dir():
        raise ReportError(f"{folder}: no such folder")
    tables = read_tables(folder)
    if tables is None:
        raise ReportError(f"{folder}: not an output folder of extract (no documents.csv, documents.parquet or tables.xlsx)")
    return tables


def recorded_input(folder: Path) -> Path | None:
    """The input folder (or file) recorded in the folder's manifest.json, found again: as
    written, relative to the current folder, or relative to the output folder's parent
    (`output/` beside `raw/`)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    recorded = (manifest.get("options") or {}).get("input")
    if not recorded:
        return None
    path = Path(recorded)
    for candidate in (path, folder.resolve().parent / path):
        if candidate.exists():
            return candidate
    return path


@dataclass
class Texts:
    """Decoded texts by doc_id, and why each missing one is missing."""
    text: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def get(self, doc_id: str) -> str | None:
        return self.text.get(doc_id)


def load_texts(documents: list[dict], root: Path | None) -> Texts:
    """The decoded text of every document that was read, from under `root`."""
    texts = Texts()
    for row in documents:
        doc_id = row["doc_id"]
        if row.get("error"):
            texts.missing[doc_id] = f"not read by extract: {row['error']}"
            continue
        if root is None:
            texts.missing[doc_id] = "no input folder known (give --input)"
            continue
        path = root if root.is_file() else root / doc_id
        try:
            raw = read_document(path)
        except InputError as e:
            texts.missing[doc_id] = f"{path}: {e}"
            continue
        expected = row.get("sha256", "")
        if expected and raw.sha256 != expected:
            texts.missing[doc_id] = f"{path}: changed since the tables were made (sha256 differs)"
            continue
        texts.text[doc_id] = raw.text
    return texts


def texts_root(folder: Path) -> Path | None:
    """Where the texts of a side are: the folder itself when it holds texts (a raw
    folder), else the input its manifest records (an output folder)."""
    return recorded_input(folder) if (folder / "manifest.json").is_file() else folder
