"""Raw bytes to decoded text: encoding detection, bad-input errors, and the edition of a path."""
from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..rules import load_toml

# Files larger than this are refused rather than read whole (docs/reliability.md).
MAX_BYTES = 50 * 1024 * 1024

# Magic numbers of the binary formats most likely to be dropped into raw/ by mistake.
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF file (extract its text first)",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
# Legacy codecs tried when a file is not UTF-8; of those that decode strictly, the one
# reading most like Japanese wins (ties: the first). euc_jis_2004 reads the EUC-JP files
# that carry ① or ～ (eucJP-ms), which plain euc_jp rejects.
JAPANESE_LEGACY = ("cp932", "euc_jp", "euc_jis_2004")


class InputError(Exception):
    """A file that cannot become a document; the message says why."""


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    sha256: str


def read_document(path: Path) -> RawText:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end; a folder is not a section.
            raise InputError("not a regular file")
        size = info.st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it into sections")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}") from e
    text, encoding = decode(data)
    return RawText(text, encoding, hashlib.sha256(data).hexdigest())


def decode(data: bytes) -> tuple[str, str]:
    """Decoded text and the codec name that reads it back (Python codec names)."""
    if not data:
        raise InputError("empty file")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"not text: looks like {what}")
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(data, "utf-8-sig"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16"), "utf-16"
    else:
        if b"\x00" in data:
            raise InputError("not text: contains NUL bytes (binary file?)")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            text, encoding = _legacy(data, e)
    if text is None:
        raise InputError(f"cannot decode as {encoding}")
    if not text.strip():
        raise InputError("no text: the file holds only white space")
    if _control_ratio(text) > 0.01:
        raise InputError("not text: too many control characters (binary file?)")
    return text, encoding


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    candidates = [(t, c) for c in JAPANESE_LEGACY if (t := _strict(data, c)) is not None]
    damaged = data.decode("utf-8", errors="replace")
    best = max(candidates, key=lambda tc: _japanese_score(tc[0]), default=None)
    # UTF-8 text with a few bad bytes can still "decode" as CP932 mojibake: when the
    # UTF-8 reading is almost whole and reads at least as Japanese, call it damaged UTF-8.
    mostly_utf8 = damaged.count("\ufffd") <= max(1, len(damaged) // 100)
    if best is None or (mostly_utf8 and _japanese_score(damaged) >= _japanese_score(best[0])):
        raise InputError(f"cannot decode: invalid UTF-8 at byte {utf8_error.start}, and not CP932 or EUC-JP either"
                         if best is None else f"invalid UTF-8 at byte {utf8_error.start} (the rest reads as UTF-8)")
    return best


def _japanese_score(text: str) -> float:
    """Share of kana and common punctuation: the right legacy codec yields far more of them."""
    hits = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or ch in "、。「」")
    return hits / max(len(text), 1)


def _control_ratio(text: str) -> float:
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return bad / len(text)


# --- editions --------------------------------------------------------------

_WESTERN_EDITION = re.compile(r"^(\d{4})(?:年版?|年度版|-\d{2})?$")
_ERA_EDITION = re.compile(r"^(?P<era>[^\d\s]+?)[\s_-]?(?P<year>\d{1,2}|元)(?:年版|年度版|年)?$", re.IGNORECASE)
# No white paper is older than the first 経済白書 (July 1947): an earlier "edition" is a
# name that only looks like one (s01.txt for section 1 would be 昭和元年, 1926).
FIRST_EDITION, LAST_EDITION = 1947, 2999


def parse_edition(name: str) -> int | None:
    """`2022`, `r04`, `R4`, `令和4年版`, `h30` → the Western year; None when it names no edition."""
    name = unicodedata.normalize("NFKC", name).strip()
    year = None
    if m := _WESTERN_EDITION.match(name):
        year = int(m.group(1))
    elif m := _ERA_EDITION.match(name):
        label = m.group("era").lower()
        number = 1 if m.group("year") == "元" else int(m.group("year"))
        for era in load_toml("eras.toml")["era"]:
            if label in (era["name"], era["abbr"].lower(), era["id"]) and number >= 1:
                year = era["year_one"] + number - 1
                if era["last_day"] and year > int(era["last_day"][:4]):
                    year = None         # 平成32年版 does not exist
    return year if year is not None and FIRST_EDITION <= year <= LAST_EDITION else None


def edition_value(value) -> int | None:
    """An edition as the API and the command line take it: an int year, or any name
    parse_edition reads (`2022`, `r04`, `令和4年版`); None stays None. Anything else is a
    ValueError that says what is accepted."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value if FIRST_EDITION <= value <= LAST_EDITION else None
    elif isinstance(value, str):
        year = parse_edition(value)
    else:
        year = None
    if year is None:
        raise ValueError(f"edition {value!r} names no edition (try 2022, r04 or 令和4年版)")
    return year
