"""The run cache: what a rerun can take instead of redoing it.

Two kinds of entries, each a pickled value under the hash of everything it depends on:
- `docs`: every table row of one document. Key: the file's sha256, its doc_id and
  edition, the hash of the rules (every file under the rules folder), the hash of the
  package's own sources and the versions in the manifest. A rerun on unchanged inputs
  with unchanged rules and code reads these and does no model work.
- `model`: GiNZA's answers for one chunk of windows (recognize/nlp.py). Key: the texts
  of the windows, the model's versions and how it is called. A rule change reruns the
  rules (seconds) but asks the model only about the windows that changed.

Where: $EXTRACT_CACHE_DIR, else $XDG_CACHE_HOME/extract, else ~/.cache/extract. It
can be deleted at any time: an entry that is missing, unreadable or of another format
is computed again. Entries are written to a temporary name and renamed, so processes
that share the folder never read half an entry. When the folder grows past
$EXTRACT_CACHE_MAX_MB (default 1024) the entries used longest ago are removed.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import zlib
from functools import cache
from pathlib import Path

# Bump when the layout or the pickled values change shape: old entries are then ignored.
FORMAT = 1
CACHE_ENV = "EXTRACT_CACHE_DIR"
MAX_MB_ENV = "EXTRACT_CACHE_MAX_MB"
DEFAULT_MAX_MB = 1024
README = """\
Cache of `extract` (python -m extract): tables of documents already read and the
language model's answers, so that a rerun on unchanged inputs does no model work.
Safe to delete at any time; it is rebuilt as needed. Bypass it with --no-cache.
"""


def default_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extract"


def key(*parts) -> str:
    """A stable hash of JSON-able parts."""
    return hashlib.sha256(json.dumps([FORMAT, *parts], ensure_ascii=False, sort_keys=True)
                          .encode("utf-8")).hexdigest()


class Cache:
    """Pickled values in a folder, one file per key."""

    def __init__(self, root: str | os.PathLike | None = None):
        self.root = Path(root) if root is not None else default_dir()
        self.folder = self.root / f"v{FORMAT}"
        self.hits = self.misses = 0

    def __repr__(self) -> str:
        return f"Cache({str(self.root)!r})"

    def _path(self, kind: str, k: str) -> Path:
        return self.folder / kind / k[:2] / f"{k}.pkl.z"

    def get(self, kind: str, k: str):
        """The value stored under (kind, key), or None."""
        path = self._path(kind, k)
        try:
            value = pickle.loads(zlib.decompress(path.read_bytes()))
            os.utime(path)          # marks it as used, for pruning
        except Exception:           # missing, truncated or foreign: computed again
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, k: str, value) -> None:
        """Store value; a cache that cannot be written is no reason to fail a run."""
        path = self._path(kind, k)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            readme = self.root / "README.txt"
            if not readme.exists():
                readme.write_text(README, encoding="utf-8")
            tmp.write_bytes(zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1))
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)

    def prune(self, max_bytes: int | None = None) -> int:
        """Remove the entries used longest ago until the folder holds at most max_bytes
        (default $EXTRACT_CACHE_MAX_MB); returns how many were removed."""
        if max_bytes is None:
            max_bytes = int(os.environ.get(MAX_MB_ENV, DEFAULT_MAX_MB)) * 2 ** 20
        entries = []
        for path in self.folder.glob("*/*/*.pkl.z"):
            try:
                st = path.stat()
            except OSError:
                continue
            entries.append((st.st_mtime, st.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed


def rules_hash() -> str:
    """Hash of every file under the rules folder in use (its names and contents)."""
    from .rules import rules_dir

    return _tree_hash(rules_dir(), "*")


def code_hash() -> str:
    """Hash of the package's own sources: the package version does not move with every
    change, and a stale table is worse than a recomputed one."""
    return _tree_hash(Path(__file__).resolve().parent, "*.py")


@cache
def _tree_hash(root: Path, pattern: str) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
