"""Recognizers: one module per kind of mention, and what they share."""
