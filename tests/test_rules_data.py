"""The examples and negatives kept next to the rules that no recognizer's own corpus
runs: the era table (through the dates recognizer) and the page-layout patterns."""
import re

import pytest

from conftest import recognize_rows
from extract.recognize import dates
from extract.read.document import Document
from extract.read.layout import classify_lines, parse_heading
from extract.read.markers import glued_markers
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
    blocks += [(name, layout[name], re.match) for name in ("footnote_body", "footnote_note", "footnote_numbered", "caption", "source_line", "list_item")]
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


def _marked(example: str) -> tuple[str, str]:
    """「…[[span]]…」 → (the text without brackets, the span)."""
    m = re.search(r"\[\[(.+?)\]\]", example)
    return example.replace("[[", "").replace("]]", ""), m.group(1)


GLUED_HEADINGS = load_toml("layout.toml")["glued_heading"]


@pytest.mark.parametrize("example", GLUED_HEADINGS["examples"])
def test_glued_heading_examples(example):
    text, heading = _marked(example)
    lines = classify_lines(text + "\n")
    assert [text[ln.start:ln.end] for ln in lines if ln.kind == "heading"] == [heading]


@pytest.mark.parametrize("text", GLUED_HEADINGS["negatives"])
def test_glued_heading_negatives(text):
    assert [ln for ln in classify_lines(text + "\n") if ln.kind == "heading" and not ln.optional] == []


GLUED_MARKERS = load_toml("layout.toml")["glued_marker"]


@pytest.mark.parametrize("example", GLUED_MARKERS["examples"])
def test_glued_marker_examples(example):
    """The example stands before footnote 1's body; its marker is renumbered to 1."""
    text, marker = _marked(example)
    doc_text = text.replace(marker, "1", 1) if marker != "1" else text
    doc_text += "\n1　本文の注記である。\n"
    found = glued_markers(doc_text, classify_lines(doc_text))
    assert [(doc_text[m.start:m.end], m.marker) for m in found] == [("1", "1")]


@pytest.mark.parametrize("text", GLUED_MARKERS["negatives"])
def test_glued_marker_negatives(text):
    number = re.search(r"\d+", text).group()
    doc_text = f"{text}がある。\n{number}　本文の注記である。\n"
    assert glued_markers(doc_text, classify_lines(doc_text)) == []
