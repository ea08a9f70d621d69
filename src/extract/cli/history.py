"""`extract history FOLDER`: every tracked fact across the editions of a folder.

FOLDER is a raw folder holding several editions (raw/2019/…, raw/2020/…, raw/2022/…;
extracted first) or the output folder of a run over them. Each edition is matched with
the next as `extract diff` matches two (docs/diff.md).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..compare.history import history_summary, history_table
from ..write.report import ReportError, write_report
from ..write.writers import FORMATS, missing_engine, write_tables
from .diff import read_tables

DESCRIPTION = __doc__.split("\n", 1)[1].strip() + """

Writes the table `history` to --out (default output/history/): one row per amount, count
or date, with its value, sentence, surface and section in every edition (columns:
docs/tables.md), and prints how many facts each kind has and the amounts and counts that
changed, edition by edition.

Exit status: 0 done, 1 the folder could not be read, holds fewer than two editions, or
the table could not be written, 2 usage error."""


def register(commands) -> None:
    p = commands.add_parser("history", help="every amount, count and date across the editions of a folder",
                            description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path, metavar="FOLDER", help="a raw or output folder with several editions")
    p.add_argument("--section", metavar="TITLE",
                   help="only the section of this title in each edition (e.g. 'ICT国際戦略の推進')")
    p.add_argument("--out", type=Path, default=Path("output/history"),
                   help="output folder (default: output/history/)")
    p.add_argument("--format", choices=FORMATS, default="csv",
                   help="csv, parquet, or xlsx (one workbook history.xlsx) (default: csv)")
    p.add_argument("--report", action="store_true",
                   help="also write the review page OUT/report-history.html: a chart per amount or count")
    p.set_defaults(func=main, parser=p)


def main(args: argparse.Namespace) -> int:
    if why := missing_engine(args.format):
        args.parser.error(why)
    try:
        table = history_table(read_tables(args.folder), section=args.section)
    except (OSError, ValueError) as e:
        print(f"extract history: {e}", file=sys.stderr)
        return 1
    try:
        write_tables(args.out, {"history": table}, args.format, book="history")
    except OSError as e:
        print(f"extract history: cannot write the table to {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    if not args.quiet:
        scope = f", section {args.section!r}" if args.section else ""
        print(f"extract history: {args.folder}{scope}; table in {args.out}/\n" + history_summary(table))
    if args.report:
        try:
            page = write_report(args.out, history=table, name="report-history.html")
        except (ReportError, OSError) as e:
            print(f"extract history: cannot write the review page: {e}", file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"review page: {page.path}  {page.size / 1_000_000:.1f} MB")
    return 0
