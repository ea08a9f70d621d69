"""The examples and negatives kept next to the rules that no recognizer's own corpus
runs: the era table (through the dates recognizer) and the page-layout patterns."""
import re

import pytest

from conftest import recognize_rows
from extract.recognize import dates
from extract.read.document import Document
from extract.read.layout import parse_heading
from extract.rules import load_toml

ERA_CASES = [(era["name"], text, value) for era in load_toml("eras.toml")["era"]
             for text, value in era["examples"]]


@pytest.mark.parametrize("era,text,value", ERA_CASES, ids=[c[1] for c in ERA_CASES])
def test_era_table_examples(era, text, value):
    found = recognize_rows(dates, Document.from_text("t", text))
    assert [(r["surface"], r["value"], r["era"]) for r in found] == [(text, value, era)]


def _layout_cases():
    layout = load_toml("layout.toml")
    blocks = [("footnote_marker", layout["footnote_marker"], re.search)]
    blocks += [(name, layout[name], re.match) for name in ("footnote_body", "footnote_note", "footnote_numbered", "caption", "list_item")]
    for name, block, how in blocks:
        for text in block.get("examples", []):
            yield pytest.param(block["pattern"], how, text, True, id=f"{name}:{text}")
        for text in block.get("negatives", []):
            yield pytest.param(block["pattern"], how, text, False, id=f"{name}:not:{text}")


@pytest.mark.parametrize("pattern,how,text,matches", list(_layout_cases()))
def test_layout_examples(pattern, how, text, matches):
    assert bool(how(pattern, text)) is matches


HEADING_CASES = [(h["style"], text, ok) for h in load_toml("layout.toml")["heading"]
                 for key, ok in (("examples", True), ("negatives", False)) for text in h.get(key, [])]


@pytest.mark.parametrize("style,text,is_heading", HEADING_CASES, ids=[c[1] for c in HEADING_CASES])
def test_heading_examples(style, text, is_heading):
    """Headings are judged by the parser, which also rejects sentences and long titles."""
    parsed = parse_heading(text)
    assert (parsed is not None and parsed[0] == style) is is_heading
