"""Quantities: counts that editions track, for the diff."""
import pytest

from conftest import recognize_rows
from extract.recognize import quantities
from extract.read.document import Document


def cells(text):
    return [(r["surface"], r["number"], r["unit"], r["approx"], r["bound"], r["subject"])
            for r in recognize_rows(quantities, Document.from_text("t", text))]


def test_counts_with_qualifiers_and_subjects():
    assert cells("国内外の100を超える会員が参加し、世界各国・地域（51カ国・1機関）") == [
        ("100を超える会員", "100", "会員", False, "lower", "会員"),
        ("51カ国", "51", "か国", False, None, "か国"),
        ("1機関", "1", "機関", False, None, "51カ国")]
    assert cells("研修参加者約270人") == [("270人", "270", "人", True, None, "研修参加者")]


@pytest.mark.parametrize("text", ["第5回会合", "G20各国", "一人ひとり", "10億円", "2021年", "5G"])
def test_not_counts(text):
    assert cells(f"これは{text}である。") == []


def test_a_qualifier_and_a_noun_between_the_number_and_its_counter():
    assert [c[:5] for c in cells("100以上の医療機関が参加し、約50程度の企業と")] == [
        ("100以上の医療機関", "100", "機関", False, "lower"), ("50程度の企業", "50", "企業", True, None)]
