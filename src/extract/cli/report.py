"""`python -m extract report OUT_DIR`: a review page (one HTML file) beside the tables."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..compare.diff import diff_tables
from ..read.editions import parse_edition
from ..write.report import ReportError, read_output, recorded_input, write_report
from ..tables import edition_tables
from ..write.report.history import chain_history

DESCRIPTION = """\
Write a review page beside the tables of a run: OUT_DIR/report.html, one self-contained
HTML file (no server, no network) to open in a browser. Each document's text with every
mention highlighted by kind and its normalized value on hover or focus, the section tree
as contents, footnotes and figures marked, filters by kind; then every table, sortable and
filterable, each row linking to its place in the text.

--diff OLD NEW also writes report-diff-OLD-NEW.html: the two editions side by side by
aligned section, each changed, added or removed fact marked on its side with old → new.
--history also writes report-history.html: a small chart per amount or count across the
editions of OUT_DIR (or of the history table FILE), with the sentence behind each point.

The texts are read again from the input recorded in OUT_DIR/manifest.json (or --input)
and checked against their sha256.

Exit status: 0 written, 1 a table or text could not be read or the page not written,
2 usage error."""


def register(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("report", help="write a review page (HTML) beside the tables",
                              description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path, metavar="OUT_DIR", help="an output folder of extract (tables, manifest.json)")
    p.add_argument("--input", type=Path, metavar="RAW", help="where the texts are (default: as recorded in the manifest)")
    p.add_argument("--diff", nargs=2, metavar=("OLD", "NEW"), help="also the changes between two editions of OUT_DIR")
    p.add_argument("--history", nargs="?", const="", metavar="FILE",
                   help="also the amounts and counts across editions (FILE: a history table, CSV or Parquet)")
    p.set_defaults(func=main)
    return p


def main(args: argparse.Namespace) -> int:
    if args.input is not None and not args.input.exists():
        return _usage(f"--input: no such file or folder: {args.input}")
    editions = None
    if args.diff:
        editions = [parse_edition(e) for e in args.diff]
        if None in editions:
            return _usage("--diff takes two editions, e.g. 2020 2022, r02 r04 or 令和2年版 令和4年版")
    try:
        tables = read_output(args.folder)
        root = args.input or recorded_input(args.folder)
        pages = [("report.html", {"tables": tables})]
        if editions:
            old, new = (_edition(tables, e, args.folder) for e in editions)
            pages.append((f"report-diff-{editions[0]}-{editions[1]}.html",
                          {"diff": diff_tables(old, new), "old": (old, root), "new": (new, root)}))
        if args.history is not None:
            history = _read_history(Path(args.history)) if args.history else chain_history(tables)
            pages.append(("report-history.html", {"history": history}))
        said: set[str] = set()
        for name, parts in pages:
            report = write_report(args.folder, input_root=root, name=name, **parts)
            for doc, why in report.missing.items():
                if "not read by extract" not in why and why not in said:
                    said.add(why)
                    print(f"extract report: {doc.removeprefix('old: ').removeprefix('new: ')}: text not shown: {why}",
                          file=sys.stderr)
            if not args.quiet:
                print(f"{report.path}  {report.size / 1_000_000:.1f} MB")
        if said:
            where = f"under {root}" if root else "nowhere (no input recorded)"
            print(f"extract report: texts looked for {where}; give --input RAW where they are", file=sys.stderr)
    except ReportError as e:
        print(f"extract report: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise                       # the reader went away: the command's quiet exit (cli/main.py)
    except OSError as e:
        print(f"extract report: cannot write to {args.folder}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 1 if said else 0


def _edition(tables: dict[str, pd.DataFrame], edition: int, folder: Path) -> dict[str, pd.DataFrame]:
    selected = edition_tables(tables, str(edition))
    if selected["documents"].empty:
        raise ReportError(f"{folder} holds no document of edition {edition}")
    return selected


def _read_history(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise ReportError(f"{path}: no such history table")
    try:
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (ValueError, OSError) as e:
        raise ReportError(f"{path}: cannot read the history table: {e}") from e


def _usage(message: str) -> int:
    print(f"python -m extract report: error: {message}", file=sys.stderr)
    return 2
