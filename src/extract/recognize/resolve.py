"""Overlap resolution and the order in which anaphora look back, in one place.

Overlaps: among candidates of one kind that overlap in a segment, keep the leftmost,
then the longest, then the one of higher priority; drop the rest. Anaphora (同年,
同国, a bare month): the antecedent is the nearest preceding mention in reading order.
Reading order is the order of segments' first characters, and within a segment the
clean offset. A footnote body may look back into the text before it, but the body
text never looks into footnotes: a date in a footnote is not what 「同年」 in the next
paragraph refers to.
"""
from __future__ import annotations

from ..read.document import Mention

# Segment kinds whose mentions can be antecedents for the running text.
RUNNING_TEXT = {"heading", "prose", "list", "table"}


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Leftmost, then longest, then highest priority; overlapping losers are dropped."""
    by_segment: dict[int, list[Mention]] = {}
    for c in candidates:
        by_segment.setdefault(id(c.segment), []).append(c)
    kept: list[Mention] = []
    for group in by_segment.values():
        group.sort(key=lambda c: (c.start, -(c.end - c.start), -c.priority))
        end = -1
        for c in group:
            if c.start >= end:
                kept.append(c)
                end = c.end
    return kept


def reading_order(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.segment.start, m.start, m.end))


def antecedent_streams(mentions: list[Mention]):
    """Yield (mention, earlier) in reading order, where `earlier` lists the mentions it may
    look back to, nearest last. Mentions are yielded in order, so a caller may fill in a
    mention's value before later mentions look back to it."""
    running: list[Mention] = []
    own: dict[int, list[Mention]] = {}
    for m in reading_order(mentions):
        if m.segment.kind in RUNNING_TEXT:
            yield m, running
            running.append(m)
        else:
            local = own.setdefault(id(m.segment), [])
            yield m, running + local
            local.append(m)
