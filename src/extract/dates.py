"""dates (SPEC): not implemented yet."""
from __future__ import annotations

from .document import Document, Mention

TABLE = "dates"
COLUMNS = ["value", "granularity", "start_date", "end_date", "calendar", "era", "era_year", "mod", "relation", "anaphoric", "consistent", "role"]


def recognize(doc: Document) -> list[Mention]:
    return []
