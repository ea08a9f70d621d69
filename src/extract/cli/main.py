"""Command line: `python -m extract raw/` writes the tables to output/."""
from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from ..cache import Cache
from ..pipeline import discover, run
from ..read.reading import parse_edition
from ..write.writers import FORMATS, write_tables

DESCRIPTION = """\
Read white-paper sections (text files) and write tables of their dates, money amounts,
countries and named entities, each row pointing back to the characters it came from.

Input: a folder (searched recursively; the first folder of each path names the
edition: raw/2022/…, raw/r04/…, raw/令和4年版/…) or a single file with --edition.
Output: one table per file in --out (documents, sections, footnotes, figures, dates,
money, countries, entities, …) and manifest.json, written whole or not at all.

Exit status: 0 all files read, 1 some files failed (named on stderr) or the output
could not be written, 2 usage error."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m extract", description=DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", type=Path, help="folder of sections (or one file)")
    p.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    p.add_argument("--format", choices=FORMATS, default="csv", help="table format (default: csv)")
    p.add_argument("--edition", help="edition of every input file, e.g. 2022, r04 or 令和4年版")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="processes; a big book's model work is shared among them too (same output as 1)")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache ($EXTRACT_CACHE_DIR, else ~/.cache/extract;"
                        " safe to delete)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "diff":
        from .diff import main as diff_main

        return diff_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    edition = None
    if args.edition is not None:
        edition = parse_edition(args.edition)
        if edition is None:
            return _usage(parser, f"--edition {args.edition!r} names no edition (try 2022, r04 or 令和4年版)")
    if args.jobs < 1:
        return _usage(parser, "--jobs must be 1 or more")
    if not args.input.exists():
        return _usage(parser, f"no such file or folder: {args.input}")
    files = discover(args.input)
    if not files:
        print(f"extract: no files under {args.input}", file=sys.stderr)
        return 1

    started = dt.datetime.now(dt.timezone.utc)
    try:
        with _terminate_as_interrupt():
            tables = run(args.input, edition=edition, jobs=args.jobs, progress=_progress(len(files), args.quiet),
                         cache=None if args.no_cache else Cache())
            written = write_tables(args.out, tables, args.format, _manifest(args, tables, started))
    except KeyboardInterrupt:
        print(f"extract: interrupted; {args.out} holds a complete set of tables, the previous run's"
              " (or this run's, if it had finished writing)", file=sys.stderr)
        return 130
    except OSError as e:
        print(f"extract: cannot write tables to {args.out}: {e.strerror or e}; previous tables left as they were",
              file=sys.stderr)
        return 1

    docs = tables["documents"]
    failed = docs[docs["error"].notna()]
    for row in failed.itertuples():
        print(f"extract: failed: {row.doc_id}: {row.error}", file=sys.stderr)
    if not args.quiet:
        _summary(tables, len(failed), args.out, len(written))
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


def main_exit() -> None:
    sys.exit(main())


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return 2


def _progress(total: int, quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    # Shown only when the run takes more than a couple of seconds.
    return lambda it: tqdm(it, total=total, unit="file", delay=2, file=sys.stderr, leave=False)


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
