"""A whole book's worth of text and mentions for the review page, made in a second from
the 2019 section and its tables (tests/test_report_browser.py, benchmarks/report.py)."""
import hashlib
from pathlib import Path

import pandas as pd

from extract.read.reading import read_document
from extract.tables import edition_tables
from extract.write.report.kinds import MENTION_TABLES
from extract.tables import as_strings

BOOK_COPIES, BOOK_MENTIONS = 10, 5000


def big_book(tables: dict, folder: Path, raw: Path) -> tuple[dict, Path]:
    """A whole book's worth: the 2019 section ten times over (250,050 characters), with
    5,000 of its mentions spread evenly through it."""
    base = edition_tables(as_strings(tables), "2019")
    doc = base["documents"].iloc[0]
    text = read_document(raw / doc["doc_id"]).text
    book = text * BOOK_COPIES
    edition = folder / "raw" / "2019"
    edition.mkdir(parents=True)
    data = book.encode("utf-8")
    (edition / "book.txt").write_bytes(data)
    doc_id = "2019/book.txt"

    def copies(df):
        parts = []
        for c in range(BOOK_COPIES):
            part = df.copy()
            part["doc_id"] = doc_id
            for col in ("start", "end"):
                part[col] = (part[col].astype(int) + c * len(text)).astype(str)
            parts.append(part)
        return pd.concat(parts, ignore_index=True)

    out = {name: copies(base[name]) for name in ("sections", "footnotes", "figures", *MENTION_TABLES)}
    every = sorted(((int(r["start"]), name, i) for name in MENTION_TABLES for i, r in out[name].iterrows()))
    keep = {(name, i) for n, (_, name, i) in enumerate(every)
            if n * BOOK_MENTIONS // len(every) != (n + 1) * BOOK_MENTIONS // len(every)}
    for name in MENTION_TABLES:
        out[name] = out[name][[(name, i) in keep for i in out[name].index]].reset_index(drop=True)
    out["documents"] = pd.DataFrame([{**doc.to_dict(), "doc_id": doc_id, "chars": str(len(book)),
                                      "sha256": hashlib.sha256(data).hexdigest()}])
    return out, folder / "raw"
