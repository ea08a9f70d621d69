"""Comparing editions."""
