"""A review page: one self-contained HTML file showing what was extracted (the text with
every mention highlighted, the tables), what changed between two editions (side by side
by aligned section), and how tracked amounts and counts moved across editions.

    write_report(out_dir, tables)                               # a run: output/report.html
    write_report(out_dir, diff=diff, old=(tables, root), new=(tables, root))
    write_report(out_dir, history=history_table)

Tables are the dicts of DataFrames that `extract.run` returns or that an output folder
holds; texts are read again from the input folder (`input_root`, else the one recorded in
out_dir/manifest.json). See docs/report.md.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .diff_view import diff_view
from .extraction_view import View, extraction_view, title_of
from .history_view import history_view
from .page import page
from .rows import prepare
from .sources import ReportError, as_strings, load_texts, read_output, recorded_input, texts_root

__all__ = ["write_report", "render_report", "Report", "ReportError", "read_output", "recorded_input", "texts_root"]

Side = dict | tuple


@dataclass
class Report:
    path: Path | None
    html: str
    size: int                                   # bytes of the file
    missing: dict[str, str] = field(default_factory=dict)   # doc_id → why its text is not shown


def write_report(out_dir: str | os.PathLike, tables: dict[str, pd.DataFrame] | None = None, *,
                 input_root: str | os.PathLike | None = None, diff: dict[str, pd.DataFrame] | None = None,
                 old: Side | None = None, new: Side | None = None, history: pd.DataFrame | None = None,
                 name: str = "report.html", title: str | None = None) -> Report:
    """Write out_dir/name (whole or not at all) and say what was written."""
    out = Path(out_dir)
    report = render_report(tables, input_root=input_root if input_root is not None else recorded_input(out),
                           diff=diff, old=old, new=new, history=history, title=title)
    out.mkdir(parents=True, exist_ok=True)
    final = out / name
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(report.html.encode("utf-8"))
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    report.path = final
    return report


def render_report(tables: dict[str, pd.DataFrame] | None = None, *, input_root=None, diff=None,
                  old: Side | None = None, new: Side | None = None, history: pd.DataFrame | None = None,
                  title: str | None = None) -> Report:
    """The page as a string: the views for what is given (a run, a diff, a history)."""
    root = Path(input_root) if input_root is not None else None
    views: list[View] = []
    missing: dict[str, str] = {}
    subtitle = []
    if tables is not None:
        prepared = prepare(as_strings(tables))
        texts = load_texts(_documents(prepared), root)
        missing.update(texts.missing)
        views.append(extraction_view(prepared, texts))
        subtitle.append(title_of(prepared))
    if diff is not None:
        if old is None or new is None:
            raise ReportError("a diff view needs both sides' tables (old= and new=)")
        (old_t, old_root), (new_t, new_root) = (_side(s, root) for s in (old, new))
        view, label, gone = diff_view(as_strings(diff), old_t, new_t, old_root, new_root)
        views.append(view)
        missing.update(gone)
        subtitle.append(label)
    if history is not None:
        view, label = history_view(as_strings({"history": history})["history"])
        views.append(view)
        subtitle.append(label)
    if not views:
        raise ReportError("nothing to show: give the tables of a run, a diff or a history")
    html = page(title or "extract review", "; ".join(subtitle), [n for v in views for n in v.nav],
                "".join(v.sidebar for v in views), "".join(v.main for v in views))
    return Report(None, html, len(html.encode("utf-8")), missing)


def _documents(prepared) -> list[dict]:
    if "documents" not in prepared:
        raise ReportError("the tables hold no documents table")
    return prepared["documents"].records


def _side(side: Side, default_root: Path | None) -> tuple[dict[str, pd.DataFrame], Path | None]:
    if isinstance(side, tuple):
        tables, root = side
        return as_strings(tables), Path(root) if root is not None else default_root
    return as_strings(side), default_root
