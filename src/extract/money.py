"""money (SPEC): not implemented yet."""
from __future__ import annotations

from .document import Document, Mention

TABLE = "money"
COLUMNS = ["amount", "currency", "approx", "bound"]


def recognize(doc: Document) -> list[Mention]:
    return []
