"""Are the tables of a run byte for byte those of a reference run?

    python benchmarks/same_tables.py REFERENCE -- python -m extract raw/ -q
    python benchmarks/same_tables.py REFERENCE -- python -m extract benchmarks/data/books --jobs 2 -q

Runs the command with `--out` a fresh folder and a fresh cache folder (so nothing stale
is read), then compares every file of REFERENCE but manifest.json (which holds times)
with its namesake, byte for byte. Exit code 0 when all are the same, 1 otherwise. Make
REFERENCE with the same command on the code before a change that should change nothing.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Files that differ from run to run by design.
SKIP = {"manifest.json"}


def differences(reference: Path, produced: Path) -> list[str]:
    """Names of the files that are missing, extra or different, each with the reason."""
    ref = {p.name for p in reference.iterdir() if p.is_file() and p.name not in SKIP}
    new = {p.name for p in produced.iterdir() if p.is_file() and p.name not in SKIP}
    out = [f"{name}: missing" for name in sorted(ref - new)]
    out += [f"{name}: not in the reference" for name in sorted(new - ref)]
    out += [f"{name}: differs" for name in sorted(ref & new)
            if (reference / name).read_bytes() != (produced / name).read_bytes()]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="folder of the reference tables")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command that writes tables")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        env = dict(os.environ, EXTRACT_CACHE_DIR=str(cache))
        done = subprocess.run([*command, "--out", str(out)], env=env)
        if done.returncode != 0:
            print(f"the command failed with exit code {done.returncode}", file=sys.stderr)
            return 1
        found = differences(args.reference, out)
        compared = len([p for p in args.reference.iterdir() if p.is_file() and p.name not in SKIP])
    for line in found:
        print(line)
    print(f"{compared} files compared: " + (f"{len(found)} difference(s)" if found else "all byte-identical"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
