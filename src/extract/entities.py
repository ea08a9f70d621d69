"""entities (SPEC): not implemented yet."""
from __future__ import annotations

from .document import Document, Mention

TABLE = "entities"
COLUMNS = ["label", "name", "acronym", "english"]


def recognize(doc: Document) -> list[Mention]:
    return []
