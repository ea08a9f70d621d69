"""Dates, money, countries and named entities from Japanese white papers, as tables."""
from .inputs import NoFilesError
from .pipeline import run

__all__ = ["run", "NoFilesError"]
