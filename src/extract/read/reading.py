"""Raw bytes to decoded text: encoding detection and bad-input errors (the edition a
name stands for is editions.py's)."""
from __future__ import annotations

import hashlib
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
