"""What the commands tell the person running them: logging on stderr, at the level that
-v/--verbose and -q/--quiet choose, and progress (a bar in a terminal, lines elsewhere).

Results (summaries) go to stdout with print; everything about the run goes through
`logging` under the `extract` logger, so a program that imports extract can route it.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from contextlib import contextmanager

LOGGER = "extract"
# Outside a terminal a run prints a progress line per file, but no more often than this:
# a log stays readable on a folder of thousands of small files.
PROGRESS_EVERY_SECONDS = 2.0

log = logging.getLogger(LOGGER)


def add_verbosity(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """-v/--verbose and -q/--quiet. A command's parser gets them with suppress=True: given
    after the command they count, absent they leave what was given before it."""
    taken = parser._option_string_actions
    default = {"default": argparse.SUPPRESS} if suppress else {}
    if "--verbose" not in taken:
        parser.add_argument("-v", "--verbose", action="count", help="more on stderr: what each file gave",
                            **({"default": 0} | default))
    if "--quiet" not in taken:
        parser.add_argument("-q", "--quiet", action="store_true",
                            help="no progress and no summary; warnings and errors only",
                            **({"default": False} | default))


def configure_logging(verbose: int = 0, quiet: bool = False) -> logging.Handler:
    """Log records of `extract` to the current stderr; returns the handler (close it when
    done: the next run, or a test, may have another stderr)."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    for old in [h for h in log.handlers if getattr(h, "_extract_console", False)]:
        log.removeHandler(old)
    handler = _Handler(sys.stderr, log.level)
    handler.setFormatter(logging.Formatter("extract: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    return handler


class _Handler(logging.StreamHandler):
    """Removes itself and gives the logger its level back when closed."""
    _extract_console = True

    def __init__(self, stream, previous_level: int):
        super().__init__(stream)
        self.previous_level = previous_level

    def close(self) -> None:
        log.removeHandler(self)
        log.setLevel(self.previous_level)
        super().close()


@contextmanager
def progress(quiet: bool):
    """A callback progress(done, total, doc_id) for pipeline.run: a bar in a terminal, a
    log line per file otherwise (piped or redirected: a log, a CI job). None when quiet."""
    if quiet:
        yield None
    elif sys.stderr.isatty():
        bar = _Bar()
        try:
            yield bar
        finally:
            bar.close()
    else:
        yield _LogLines()


class _Bar:
    """tqdm's bar, made at the first file (when the total is known); it shows only when
    the run takes more than a couple of seconds."""

    def __init__(self):
        self.bar = None

    def __call__(self, done: int, total: int, doc_id: str) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", delay=2, file=sys.stderr, leave=False)
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _LogLines:
    """`extract: 3/10 files (30%), 12 s: 2022/x.txt`, at most every PROGRESS_EVERY_SECONDS
    (the first and the last file always)."""

    def __init__(self):
        self.started = time.monotonic()
        self.last: float | None = None

    def __call__(self, done: int, total: int, doc_id: str) -> None:
        now = time.monotonic()
        if done == total or self.last is None or now - self.last >= PROGRESS_EVERY_SECONDS:
            self.last = now
            log.info("%d/%d files (%d%%), %.0f s: %s", done, total, 100 * done // total, now - self.started, doc_id)
