"""Quantities: counts that editions track, for the diff."""
import re

import pytest

from conftest import recognize_rows
from extract.recognize import quantities
from extract.read.document import Document
from extract.recognize.subjects import count_rules

# Share of the hand-read subjects (2019 and 2020) the recognizer gives exactly.
SUBJECT_FLOOR = 0.85


def cells(text):
    return [(r["surface"], r["number"], r["unit"], r["approx"], r["bound"], r["subject"])
            for r in recognize_rows(quantities, Document.from_text("t", text))]


def test_counts_with_qualifiers_and_subjects():
    assert cells("国内外の100を超える会員が参加し、世界各国・地域（51カ国・1機関）") == [
        ("100を超える会員", "100", "会員", False, "lower", "会員"),
        ("51カ国", "51", "か国", False, None, "世界各国・地域"),  # what the bracket counts
        ("1機関", "1", "機関", False, None, "機関")]          # not the neighbouring 51カ国
    assert cells("研修参加者約270人") == [("270人", "270", "人", True, None, "研修参加者")]


@pytest.mark.parametrize("text", ["第5回会合", "G20各国", "一人ひとり", "10億円", "2021年", "5G"])
def test_not_counts(text):
    assert cells(f"これは{text}である。") == []


def test_a_qualifier_and_a_noun_between_the_number_and_its_counter():
    assert [c[:5] for c in cells("100以上の医療機関が参加し、約50程度の企業と")] == [
        ("100以上の医療機関", "100", "機関", False, "lower"), ("50程度の企業", "50", "企業", True, None)]


MARK = re.compile(r"\[\[(.+?)\]\]")


@pytest.mark.parametrize("rule,written,expected", count_rules()["cases"]["examples"],
                         ids=[f"{c[0]}:{c[1]}" for c in count_rules()["cases"]["examples"]])
def test_what_a_count_counts(rule, written, expected):
    """src/extract/rules/subjects.toml: the subject is what is counted, not the counter or a neighbour."""
    m = MARK.search(written)
    text = MARK.sub(r"\1", written)
    rows = recognize_rows(quantities, Document.from_text("t", text))
    at = [r for r in rows if r["start"] == m.start()]
    assert at, f"no count at {m.group(1)!r} in {text!r}"
    assert at[0]["subject"] == expected


def test_count_subjects_against_the_hand_read_editions():
    """The subjects the readers wrote for 2019 and 2020 (tests/golden/…/quantities.tsv)."""
    import scoring

    hits = total = 0
    for edition in ("2019", "2020"):
        want = {(r["start"], r["end"]): r["subject"]
                for r in scoring.read_fixture(scoring.FIXTURES[edition][0], "quantities")}
        got = {(str(r["start"]), str(r["end"])): r["subject"] for r in scoring.extracted(edition)["quantities"]}
        total += len(want)
        hits += sum(got.get(k) == v for k, v in want.items())
    assert hits / total >= SUBJECT_FLOOR, f"{hits}/{total}"
