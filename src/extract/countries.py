"""countries (SPEC): not implemented yet."""
from __future__ import annotations

from .document import Document, Mention

TABLE = "countries"
COLUMNS = ["code", "alpha3", "name_en", "name_ja", "kind", "via"]


def recognize(doc: Document) -> list[Mention]:
    return []
