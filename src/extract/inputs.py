"""Which files a run reads, and the doc_id and edition of each.

The edition comes from the nearest name that names one: the file's own name (`h12.txt`),
then each folder above it, up to the input and the folders written above it in the path
given. So `raw/2022/x.txt` run alone, `raw/2022/` and `raw/` all read x.txt as the 2022
edition. The doc_id is the path from that name on (`2022/x.txt` in all three runs); with
no such name, the path inside the input folder (the file name for a single file).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePath

from .read.editions import parse_edition

# Notes beside the texts, not texts: raw/SOURCES.md, a README.md in an edition folder.
NOTES = (".md",)


class NoFilesError(ValueError):
    """The input holds no file to read (an empty folder, or only notes and hidden files)."""


@dataclass(frozen=True)
class Source:
    path: Path
    doc_id: str
    edition: int | None


def discover(root: Path) -> list[Path]:
    """Every file under root (or root itself), in a stable order. Hidden files and notes
    kept beside the texts (Markdown: raw/SOURCES.md) are skipped. Symlinked folders are
    not followed, so a link loop cannot trap the walk."""
    if not root.is_dir():
        return [root]
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / f for f in files if not f.startswith(".") and not f.endswith(NOTES))
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def sources(root: str | os.PathLike, edition: int | None = None) -> list[Source]:
    """The files of a run with their doc_id and edition (`edition`, when given, for all).
    FileNotFoundError when root does not exist, NoFilesError when it holds no file."""
    root = Path(root)
    if not root.exists() and not root.is_symlink():
        raise FileNotFoundError(f"no such file or folder: {root}")
    files = discover(root)
    if not files:
        raise NoFilesError(f"no files under {root} (hidden files and Markdown notes are not read)")
    above = given_names(root)[:-1] if not root.is_dir() else given_names(root)
    out = []
    for path in files:
        inner = (path.name,) if not root.is_dir() else path.relative_to(root).parts
        found, names = locate(above, inner)
        out.append(Source(path, "/".join(names), edition if edition is not None else found))
    return out


def locate(above: tuple[str, ...], inner: tuple[str, ...]) -> tuple[int | None, tuple[str, ...]]:
    """(edition, doc_id parts) of a file: `inner` is its path inside the input folder,
    `above` the names of the input folder as given, outermost first."""
    names = above + inner
    for i in range(len(names) - 1, -1, -1):
        name = PurePath(names[i]).stem if i == len(names) - 1 else names[i]
        if (year := parse_edition(name)) is not None:
            return year, names[min(i, len(above)):]
    return None, inner


def given_names(path: Path) -> tuple[str, ...]:
    """The names in a path as given, outermost first. Only what was written counts (a
    folder named 2024 far above the input says nothing of its files), except that `.` and
    a leading `..` stand for the folders they name: `.` run inside raw/2022 is 2022."""
    given = os.path.normpath(path)
    if given == ".":
        return (Path.cwd().name,)
    parts = PurePath(given).parts
    ups = 0
    while ups < len(parts) and parts[ups] == "..":
        ups += 1
    if ups:
        base = Path.cwd().resolve()
        for _ in range(ups):
            base = base.parent
        parts = (base.name,) + parts[ups:]
    return tuple(p for p in parts if p and not PurePath(p).anchor)
