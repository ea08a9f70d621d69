"""Every rule's examples and negatives, run through its recognizer (Duckling-style corpus
tests): an example must yield exactly one mention span, covering the marked part of the
input ([[…]], else the whole input), with the expected value; a negative yields none."""
import re

import pytest

from extract.read.document import Document
from extract.pipeline import RECOGNIZERS

MARK = re.compile(r"\[\[(.+?)\]\]")


def _cases(kind):
    for rec in RECOGNIZERS:
        fn = getattr(rec, f"rule_{kind}", None)
        for case in (fn() if fn else []):
            needs_model = getattr(rec, "NEEDS_MODEL", False)
            marks = [pytest.mark.ginza] if needs_model else []
            yield pytest.param(rec, *case, id=f"{rec.TABLE}:{case[0]}:{case[1]}", marks=marks)


@pytest.mark.parametrize("rec,rule_id,written,expected", list(_cases("examples")))
def test_example(rec, rule_id, written, expected):
    m = MARK.search(written)
    text = MARK.sub(r"\1", written)
    want = (m.start(), m.end() - 4) if m else (0, len(text))
    doc = Document.from_text("example", text)
    mentions = rec.recognize(doc)
    spans = sorted({(x.segment.span(x.start, x.end)) for x in mentions})
    assert spans == [want], f"{rule_id}: spans {[text[a:b] for a, b in spans]} for {text!r}"
    got = ",".join(rec.example_value(x.values) for x in sorted(mentions, key=lambda x: x.start))
    assert got == expected


@pytest.mark.parametrize("rec,rule_id,text", list(_cases("negatives")))
def test_negative(rec, rule_id, text):
    doc = Document.from_text("negative", text)
    found = [x.clean_text for x in rec.recognize(doc)]
    assert found == [], f"{rule_id}: {text!r} gave {found}"
