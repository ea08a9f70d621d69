"""Entities (SPEC §6): each pattern family, acronym shapes, people and their titles,
canonical names, and the seed's hand-made list."""
import pytest

from conftest import GOLDEN, read_golden, recognize_rows, seed_document
from extract.recognize import entities
from extract.read.document import Document

pytestmark = pytest.mark.ginza


def found(text):
    return {(r["label"], r["name"]) for r in recognize_rows(entities, Document.from_text("t", text))}


def acronyms(text):
    doc = Document.from_text("t", text)
    return [(a["acronym"], a["name"], a["english"])
            for a in entities.extra_rows(doc, entities.recognize(doc))["acronyms"]]


@pytest.mark.parametrize("text,want", [
    ("デジタル庁が発足した。", ("ORG", "デジタル庁")),
    ("経済産業省と連携する。", ("ORG", "経済産業省")),
    ("独立行政法人国際協力機構と", ("ORG", "独立行政法人国際協力機構")),
    ("日本消防検定協会と", ("ORG", "日本消防検定協会")),
    ("電波法に基づく", ("LAW", "電波法")),
    ("令和4年総務省告示第34号による", ("LAW", "令和4年総務省告示第34号")),
    ("G7デジタル・技術大臣会合で", ("EVENT", "G7デジタル・技術大臣会合")),
    ("第12回日米ICT政策対話を開催", ("EVENT", "第12回日米ICT政策対話")),
    ("「インフラシステム海外展開戦略2025」に基づき", ("POLICY", "インフラシステム海外展開戦略2025")),
    ("日英包括的経済連携協定が発効", ("POLICY", "日英包括的経済連携協定")),
    ("TPP11の発効", ("POLICY", "TPP11")),
])
def test_pattern_families(text, want):
    assert want in found(text)


@pytest.mark.parametrize("text,name,role", [
    ("尾上誠蔵氏が議長に", "尾上誠蔵", "氏"),
    ("菅内閣総理大臣が出席", "菅", "内閣総理大臣"),
    ("金子総務大臣が出席", "金子", "総務大臣"),
    ("モディ首相から発表された", "モディ", "首相"),
    ("バイデン米国大統領と", "バイデン", "米国大統領"),
])
def test_people_without_titles(text, name, role):
    rows = [r for r in recognize_rows(entities, Document.from_text("t", text)) if r["label"] == "PERSON"]
    assert [(r["name"], r["role"], r["surface"]) for r in rows] == [(name, role, name)]


@pytest.mark.parametrize("text", ["総務大臣が出席した。", "デジタル大臣会合", "情報通信大臣が"])
def test_posts_are_not_people(text):
    assert not {n for label, n in found(text) if label == "PERSON"}


@pytest.mark.parametrize("text", ["関係省庁と連携", "国際機関への拠出", "この方法では", "第5回会合を開催",
                                  "オンライン会合を開き", "ICTの活用"])
def test_generic_words_are_not_entities(text):
    assert found(text) == set()


def test_acronym_shapes_and_later_uses():
    text = ("世界貿易機関（WTO：World Trade Organization）の会合で、WTOの議論が進んだ。"
            "東南アジア諸国連合（ASEAN）と協力し、ASEANとの会合を開いた。"
            "DFFT（Data Free Flow with Trust（信頼性のある自由なデータ流通））を推進する。"
            "日米IED（インターネットエコノミーに関する日米政策協力対話）を開催した。")
    assert acronyms(text) == [
        ("WTO", "世界貿易機関", "World Trade Organization"), ("ASEAN", "東南アジア諸国連合", None),
        ("DFFT", "信頼性のある自由なデータ流通", "Data Free Flow with Trust"),
        ("日米IED", "インターネットエコノミーに関する日米政策協力対話", None)]
    rows = recognize_rows(entities, Document.from_text("t", text))
    wto = [r for r in rows if r["acronym"] == "WTO"]
    assert len(wto) == 2 and {r["name"] for r in wto} == {"世界貿易機関"}
    assert {r["english"] for r in wto} == {"World Trade Organization"}


def test_names_are_canonical_within_a_document():
    rows = recognize_rows(entities, Document.from_text(
        "t", "国際電気通信連合（ITU）では、ITUの会合が開かれた。国連とUNの関係。"))
    assert {r["name"] for r in rows if r["label"] == "ORG"} == {"国際電気通信連合", "国際連合"}


def test_a_name_split_by_a_page_break_is_repaired():
    text = "総務省では、株式会社海外通信・放送・郵便事\n\n業支援機構（JICT）を通じて支援した。"
    rows = recognize_rows(entities, Document.from_text("t", text))
    jict = [r for r in rows if r["acronym"] == "JICT"]
    assert jict[0]["name"] == "株式会社海外通信・放送・郵便事業支援機構"
    assert "\n" in jict[0]["surface"] and text[jict[0]["start"]:jict[0]["end"]] == jict[0]["surface"]


def _f1(got: set, want: set) -> float:
    tp = len(got & want)
    return 2 * tp / (len(got) + len(want)) if got or want else 1.0


@pytest.mark.skipif(not (GOLDEN / "entities.tsv").exists(), reason="no golden list")
def test_seed_golden():
    doc = seed_document()
    got = {(r["label"], r["name"]) for r in recognize_rows(entities, doc)}
    want = {(w["label"], w["name"]) for w in read_golden("entities.tsv")}
    assert _f1(got, want) >= 0.85, (sorted(want - got), sorted(got - want))
    defined = {(a["acronym"], a["name"]) for a in entities.extra_rows(doc, entities.recognize(doc))["acronyms"]}
    assert {(w["acronym"], w["name"]) for w in read_golden("acronyms.tsv")} <= defined
