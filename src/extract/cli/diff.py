"""`extract diff OLD NEW`: what changed between two editions.

Each side is an output folder (tables of an earlier run), a raw folder (extracted first),
or, with --edition OLD NEW, one edition of a single folder holding several. Section files,
page files and whole books pair by title and text, not by file name; --section TITLE
compares one section of each side (a chapter of whole books).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..compare.diff import diff_tables, summary
from ..pipeline import run
from ..read.editions import parse_edition
from ..write.report import ReportError, texts_root, write_report
from ..tables import cells_as_text, edition_tables, read_output
from ..write.writers import FORMATS, missing_engine, write_tables

DESCRIPTION = __doc__.split("\n", 1)[1].strip() + """

Writes diff_sections, diff_money, diff_quantities, diff_dates, diff_countries and
diff_entities to --out (default output/diff/; their columns: docs/tables.md, the matching:
docs/diff.md) and prints the counts of changed, added and removed facts with the most
important changes first.

Exit status: 0 done, 1 a side could not be read or the tables not written, 2 usage error."""


def register(commands) -> None:
    p = commands.add_parser("diff", help="what changed between two editions", description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sides", nargs="+", type=Path, metavar="SIDE",
                   help="OLD NEW (output or raw folders), or one folder with --edition")
    p.add_argument("--edition", nargs=2, metavar=("OLD", "NEW"), help="compare two editions of one folder")
    p.add_argument("--section", metavar="TITLE",
                   help="compare only the section of this title in each side (e.g. 'ICT国際戦略の推進')")
    p.add_argument("--out", type=Path, default=Path("output/diff"), help="output folder (default: output/diff/)")
    p.add_argument("--format", choices=FORMATS, default="csv",
                   help="csv, parquet, or xlsx (one workbook diff.xlsx) (default: csv)")
    p.add_argument("--report", action="store_true",
                   help="also write the review page OUT/report-diff.html: the editions side by side")
    p.set_defaults(func=main, parser=p)


def main(args: argparse.Namespace) -> int:
    parser = args.parser
    if args.edition:
        editions = [parse_edition(e) for e in args.edition]
        if None in editions or len(args.sides) != 1:
            parser.error("--edition takes two editions (2022, r04, 令和4年版) and one folder")
        sides = [(args.sides[0], editions[0]), (args.sides[0], editions[1])]
    elif len(args.sides) == 2:
        sides = [(args.sides[0], None), (args.sides[1], None)]
    else:
        parser.error("give OLD and NEW, or one folder with --edition OLD NEW")
    if why := missing_engine(args.format):
        parser.error(why)
    try:
        loaded: dict[Path, dict] = {}       # one folder with --edition is read once
        for path, _ in sides:
            if path not in loaded:
                loaded[path] = read_tables(path)
        old, new = (select_edition(loaded[path], edition, path) for path, edition in sides)
    except (OSError, ValueError) as e:
        print(f"extract diff: {e}", file=sys.stderr)
        return 1
    try:
        tables = diff_tables(old, new, section=args.section)
    except ValueError as e:
        print(f"extract diff: {e}", file=sys.stderr)
        return 1
    try:
        write_tables(args.out, tables, args.format, book="diff")
    except OSError as e:
        print(f"extract diff: cannot write tables to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    if not args.quiet:
        names = [f"{p}" + (f" ({e})" if e else "") for p, e in sides]
        scope = f", section {args.section!r}" if args.section else ""
        print(f"extract diff: {names[0]} → {names[1]}{scope}; tables in {args.out}/\n" + summary(tables))
    if args.report:
        (old_path, _), (new_path, _) = sides
        try:
            page = write_report(args.out, diff=tables, old=(old, texts_root(old_path)),
                                new=(new, texts_root(new_path)), name="report-diff.html")
        except (ReportError, OSError) as e:
            print(f"extract diff: cannot write the review page: {e}", file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"review page: {page.path}  {page.size / 1_000_000:.1f} MB")
    return 0


def read_tables(path: Path) -> dict[str, pd.DataFrame]:
    """The tables of an output folder, or of a raw folder extracted now, as strings."""
    if not path.exists():
        raise FileNotFoundError(f"no such folder: {path}")
    tables = read_output(path)
    return tables if tables is not None else {name: cells_as_text(df) for name, df in run(path).items()}


def select_edition(tables: dict[str, pd.DataFrame], edition: int | None, path: Path) -> dict[str, pd.DataFrame]:
    if edition is not None:
        tables = edition_tables(tables, edition)
        if tables["documents"].empty:
            raise ValueError(f"{path} holds no document of edition {edition}")
    return tables
