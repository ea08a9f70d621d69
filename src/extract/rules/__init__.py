"""The rules: patterns and vocabularies as data files (TOML, TSV) in this folder of the
package, each with a header naming its source; this module loads them.

They are read through importlib.resources, so an installed wheel finds them
(pyproject.toml ships them as package data); $EXTRACT_RULES names another folder."""
from __future__ import annotations

import csv
import os
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

RULES_ENV = "EXTRACT_RULES"


def rules_dir() -> Path:
    """The rules folder: $EXTRACT_RULES, else this package's own."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return Path(str(resources.files(__name__)))


@cache
def load_toml(name: str) -> dict:
    with open(rules_dir() / name, "rb") as f:
        return tomllib.load(f)


@cache
def load_tsv(name: str) -> tuple[dict, ...]:
    """Rows of a tab-separated file; lines starting with '#' are comments (the source header)."""
    with open(rules_dir() / name, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return tuple(csv.DictReader(lines, delimiter="\t"))


def alternation(words) -> str:
    """A regex alternation of literal words, longest first, so the longest word wins
    where several start at one place (豪ドル before ドル)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
