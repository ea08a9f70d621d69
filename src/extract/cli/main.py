"""`extract COMMAND …` (also `python -m extract COMMAND …`): the dispatcher.

Every module of this package that has `register(subparsers)` is a subcommand: register
adds its parser (with its own help) and `set_defaults(func=main)`; `main(args)` returns
the exit code. `extract raw/` with no command means `extract run raw/`.
"""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from . import __path__ as _package_path
from .console import add_verbosity, configure_logging

DEFAULT_COMMAND = "run"
# The order of the commands in --help; any other command module follows, by name.
ORDER = ("run", "diff", "history", "report")
# Exit status of a command whose output was cut short by a closed pipe (`| head`): the
# shell's own convention for a process ended by SIGPIPE, 128 + 13.
EXIT_BROKEN_PIPE = 141

DESCRIPTION = """\
Dates, money amounts, countries and named entities from Japanese white papers, as tables
that point back to the characters they came from."""

EPILOG = """\
`{prog} raw/` is short for `{prog} run raw/`.
`{prog} COMMAND --help` tells more; the tables and their columns: docs/tables.md.

Exit status: 0 done; 1 some files failed, the input holds no file, or the output could
not be written (said on stderr); 2 usage error; 130 interrupted; 141 the output was cut
short by a closed pipe (`| head`)."""


def build_parser(prog: str = "extract") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION, epilog=EPILOG.format(prog=prog),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    add_verbosity(parser)
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    for module in command_modules():
        before = set(commands.choices)
        module.register(commands)
        for name in set(commands.choices) - before:     # -v/-q also after the command
            add_verbosity(commands.choices[name], suppress=True)
    return parser


def command_modules() -> list:
    names = [m.name for m in pkgutil.iter_modules(_package_path) if not m.name.startswith("_") and m.name != "main"]
    modules = [importlib.import_module(f"{__package__}.{name}") for name in names]
    modules = [m for m in modules if hasattr(m, "register")]
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(modules, key=lambda m: (rank.get(m.__name__.rsplit(".", 1)[1], len(ORDER)), m.__name__))


def main(argv: list[str] | None = None, prog: str = "extract") -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(prog)
    handler = None
    try:
        args = parser.parse_args(_with_command(argv, set(_choices(parser))))
        if getattr(args, "func", None) is None:
            parser.print_usage(sys.stderr)
            print(f"{prog}: error: give a command or a folder to read (see {prog} --help)", file=sys.stderr)
            return 2
        handler = configure_logging(args.verbose, args.quiet)
        code = args.func(args)
        sys.stdout.flush()          # a closed pipe shows here, not at exit
        return code
    except SystemExit as e:         # argparse: --help, --version (0) and usage errors (2)
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    except BrokenPipeError:
        # The reader went away (`extract diff … | head`): say nothing more; stdout points
        # at /dev/null so that the flush at exit cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_BROKEN_PIPE
    finally:
        if handler is not None:
            handler.close()


def main_exit() -> None:
    """The `extract` console script."""
    sys.exit(main())


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version("extract")
    except PackageNotFoundError:
        return "(not installed)"


def _choices(parser: argparse.ArgumentParser) -> dict:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


def _with_command(argv: list[str], commands: set[str]) -> list[str]:
    """`extract raw/ --out o` is `extract run raw/ --out o`: a command goes in front of the
    first argument that is not -v/-q, unless that argument is a command or asks for help."""
    i = 0
    while i < len(argv) and _is_verbosity(argv[i]):
        i += 1
    if i == len(argv) or argv[i] in commands or argv[i] in ("-h", "--help", "--version"):
        return argv
    return argv[:i] + [DEFAULT_COMMAND] + argv[i:]


def _is_verbosity(arg: str) -> bool:
    return arg in ("--verbose", "--quiet", "-q") or (len(arg) > 1 and arg[0] == "-" and set(arg[1:]) == {"v"})
