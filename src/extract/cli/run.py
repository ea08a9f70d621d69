"""`extract run raw/`: read white-paper sections and write their tables."""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import signal
from contextlib import contextmanager
from pathlib import Path

from ..inputs import NoFilesError
from ..pipeline import run
from ..read.editions import edition_value
from ..cache import Cache
from ..write.report import ReportError, write_report
from ..write.writers import FORMATS, missing_engine, write_tables
from .console import progress

log = logging.getLogger(__name__)

HELP = "read sections (text files) and write their tables (the default command)"
DESCRIPTION = """\
Read white-paper sections (text files) and write tables of their dates, money amounts,
counts, countries and named entities, each row pointing back to the characters it came
from. The tables and their columns: docs/tables.md.

Input: a folder (searched recursively; hidden files and Markdown notes are skipped) or
one file. A file's edition comes from the nearest file or folder name that names one:
raw/2022/…, raw/r04/…, raw/令和4年版/… or h12.txt; --edition sets it for every file.
A file whose edition cannot be told gets an empty edition, and the run says so.

Output: in --out, one file per table (csv, parquet) or one workbook tables.xlsx with a
sheet per table, and manifest.json; written whole or not at all. The same tables in
another format are removed, so the folder holds one set.

Progress: a bar in a terminal; piped or redirected, a line per file (every 2 s at most).

Exit status: 0 all files read, 1 some files failed (each named on stderr), the input
holds no file, or the output could not be written, 2 usage error, 130 interrupted."""


def register(commands) -> None:
    p = commands.add_parser("run", help=HELP, description=DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", type=Path, help="folder of sections (or one file)")
    p.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    p.add_argument("--format", choices=FORMATS, default="csv",
                   help="csv (UTF-8 with BOM), parquet, or xlsx (one workbook; Excel keeps 5.10 and 2021-04 as"
                        " written) (default: csv)")
    p.add_argument("--edition", help="edition of every input file, e.g. 2022, r04 or 令和4年版")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="processes; a big book's model work is shared among them too (same output as 1)")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache ($EXTRACT_CACHE_DIR, else ~/.cache/extract;"
                        " safe to delete)")
    p.add_argument("--report", action="store_true",
                   help="also write the review page OUT/report.html (see `report --help`)")
    p.set_defaults(func=main, parser=p)


def main(args: argparse.Namespace) -> int:
    parser = args.parser
    try:
        edition = edition_value(args.edition)
    except ValueError:
        parser.error(f"--edition {args.edition!r} names no edition (try 2022, r04 or 令和4年版)")
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    if not args.input.exists():
        parser.error(f"no such file or folder: {args.input}")
    if why := missing_engine(args.format):
        parser.error(why)

    started = dt.datetime.now(dt.timezone.utc)
    try:
        with _terminate_as_interrupt():
            with progress(args.quiet) as report:
                tables = run(args.input, edition=edition, jobs=args.jobs, progress=report,
                             cache=None if args.no_cache else Cache())
            written = write_tables(args.out, tables, args.format, _manifest(args, tables, started))
    except NoFilesError as e:
        log.error("%s", e)
        return 1
    except KeyboardInterrupt:
        log.error("interrupted; %s holds a complete set of tables, the previous run's"
                  " (or this run's, if it had finished writing)", args.out)
        return 130
    except OSError as e:
        log.error("cannot write tables to %s: %s; previous tables left as they were", args.out, e.strerror or e)
        return 1

    docs = tables["documents"]
    failed = docs[docs["error"].notna()]
    for row in failed.itertuples():
        log.error("failed: %s: %s", row.doc_id, row.error)
    if not args.quiet:
        _summary(tables, len(failed), args.out, len(written))
    if args.report:
        try:
            page = write_report(args.out, tables, input_root=args.input)
        except (ReportError, OSError) as e:
            log.error("cannot write the review page: %s", e)
            return 1
        if not args.quiet:
            print(f"review page: {page.path}  {page.size / 1_000_000:.1f} MB")
    return 1 if len(failed) else 0


@contextmanager
def _terminate_as_interrupt():
    """SIGTERM unwinds like Ctrl-C, so staged files are cleaned up (writers.py)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:          # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _manifest(args, tables, started) -> dict:
    from ..recognize.nlp import versions

    docs = tables["documents"]
    return {
        "tool": versions(),
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "options": {"input": str(args.input), "out": str(args.out), "format": args.format,
                    "edition": args.edition, "jobs": args.jobs, "cache": not args.no_cache},
        "inputs": [{"doc_id": r.doc_id, "sha256": r.sha256, "encoding": r.encoding, "error": r.error}
                   for r in docs.astype(object).where(docs.notna(), None).itertuples()],
        "rows": {name: len(df) for name, df in sorted(tables.items())},
    }


def _summary(tables, failures: int, out: Path, files: int) -> None:
    docs = tables["documents"]
    print(f"{len(docs)} file(s) read, {failures} failed; {files} file(s) written to {out}/")
    for name, df in sorted(tables.items()):
        if name != "documents":
            print(f"  {name:<12} {len(df):>7,} rows")
