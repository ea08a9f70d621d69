"""Entities (SPEC §6): each pattern family, acronym shapes, people and their titles,
canonical names (one per thing across its written forms, ordinals apart), what is not a
name, and the seed's hand-made list."""
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
    ("第12回日米ICT政策対話を開催", ("EVENT", "日米ICT政策対話")),
    ("「インフラシステム海外展開戦略2025」に基づき", ("POLICY", "インフラシステム海外展開戦略2025")),
    ("日英包括的経済連携協定が発効", ("POLICY", "日英包括的経済連携協定")),
    ("TPP11の発効", ("POLICY", "TPP11")),
])
def test_pattern_families(text, want):
    assert want in found(text)


@pytest.mark.parametrize("text,name,role", [
    ("尾上誠蔵氏が議長に", "尾上誠蔵", None),                 # 氏 is an honorific, not a role
    ("菅内閣総理大臣が出席", "菅", "内閣総理大臣"),
    ("金子総務大臣が出席", "金子", "総務大臣"),
    ("モディ首相から発表された", "モディ", "首相"),
    ("バイデン米国大統領と", "バイデン", "米国大統領"),
    ("世耕経産大臣が共同議長を務め", "世耕", "経産大臣"),
    ("山田元総務大臣が講演した", "山田", "元総務大臣"),      # 元 (former) stays out of the name
    ("議長に西田　幸博氏(NHK)が", "西田幸博", None),         # a space between family and given name
])
def test_people_without_titles(text, name, role):
    rows = [r for r in recognize_rows(entities, Document.from_text("t", text)) if r["label"] == "PERSON"]
    assert [(r["name"], r["role"], r["surface"].replace("\u3000", "")) for r in rows] == [(name, role, name)]


@pytest.mark.parametrize("text", ["総務大臣が出席した。", "デジタル大臣会合", "情報通信大臣が",
                                  "フィリピン大統領が来日した。"])
def test_posts_are_not_people(text):
    assert not {n for label, n in found(text) if label == "PERSON"}


@pytest.mark.parametrize("text", ["関係省庁と連携", "国際機関への拠出", "この方法では", "第5回会合を開催",
                                  "オンライン会合を開き", "ICTの活用", "データ活用のための政策枠組みの整備",
                                  "関係機関と連携し", "研究開発を進める", "非公式閣僚会合が開かれた",
                                  "本有志国会合は", "G7としての共通原則の検討", "第1回共同作業部会を開催",
                                  "各府省と連携", "医療機関で受注"])
def test_generic_words_are_not_entities(text):
    assert found(text) == set()


@pytest.mark.parametrize("text", [
    "第8節　ICT国際戦略の推進\n総務省では、取組を進めている。",                 # the book's own title
    "詳細は https://legalinstruments.oecd.org/en/instruments/OECD-LEGAL-0449 を参照。",
    "第三国連携の推進",                                                          # 国連 across a word boundary
    "サイバーセキュリティに関する「一つの世界・一つのビジョン」をメインテーマに開催された。",
])
def test_no_entity_from_titles_urls_or_inside_words(text):
    assert {n for _, n in found(text)} <= {"総務省"}


@pytest.mark.parametrize("text,name,ordinal", [
    ("第12回日米ICT政策対話を開催した。", "日米ICT政策対話", 12),
    ("ICANN第64回会合が開催された。", "ICANN会合", 64),
    ("日EU・ICT政策対話(第24回)では議論した。", "日EU・ICT政策対話", 24),
    ("10月に開催された第7回「日米サイバー対話」において", "日米サイバー対話", 7),
    ("日米サイバー対話が開かれた。", "日米サイバー対話", None),
])
def test_ordinal_in_its_own_column(text, name, ordinal):
    rows = [r for r in recognize_rows(entities, Document.from_text("t", text)) if r["label"] == "EVENT"]
    assert [(r["name"], r["ordinal"]) for r in rows] == [(name, ordinal)]
    assert all(text[r["start"]:r["end"]] == r["surface"] for r in rows)


@pytest.mark.parametrize("text,label,name", [
    # a name cut at a number keeps its year; the year before a meeting is its edition
    ("2019年度ICT国際展開推進計画を策定した。", "POLICY", "2019年度ICT国際展開推進計画"),
    ("2019年世界無線通信会議が開催された。", "EVENT", "世界無線通信会議"),
    # 及び inside a law's title
    ("外国為替及び外国貿易法に基づく審査", "LAW", "外国為替及び外国貿易法"),
    # brackets inside a name: a note kept (full-width), an acronym of the word before left out
    ("ASEAN情報(放送)担当大臣会合等の対話", "EVENT", "ASEAN情報（放送）担当大臣会合"),
    ("日ASEAN情報通信技術(ICT)基金等を活用", "ORG", "日ASEAN情報通信技術基金"),
    # a hyphen between two bodies, written full-width as in Japanese text
    ("総務省－情報通信技術省ICT協力委員会を開催", "ORG", "総務省－情報通信技術省ICT協力委員会"),
    # a legal form set apart or abbreviated
    ("国立研究開発法人　情報通信研究機構が運用する", "ORG", "国立研究開発法人情報通信研究機構"),
    ("(一財)日本消防設備安全センターの認証", "ORG", "一般財団法人日本消防設備安全センター"),
    ("日本電気 株式会社が主導し", "ORG", "日本電気株式会社"),
    # a name followed by a word that may stand right after it
    ("(令和2年12月10日経協インフラ戦略会議決定)", "ORG", "経協インフラ戦略会議"),
    # quoted names: a trailing note left out, a suffix after the quote joined, the kind before
    ("「経済財政運営と改革の基本方針2018(骨太の方針)」において", "POLICY", "経済財政運営と改革の基本方針2018"),
    ("「ICTとブロードバンドに関する国家政策提言に向けた貢献」国際フォーラムを開催", "EVENT",
     "ICTとブロードバンドに関する国家政策提言に向けた貢献国際フォーラム"),
    ("円借款「通信網改善事業」により", "POLICY", "通信網改善事業"),
    ("報告書「デジタル相互依存の時代」にまとめられた", "POLICY", "デジタル相互依存の時代"),
    ("「Vive Digital」政策を推進", "POLICY", "Vive Digital"),
    # a long name from a head that names its owner
    ("シドニーで開催された準天頂衛星システム産業利用に関する日豪ワークショップにおいて", "EVENT",
     "準天頂衛星システム産業利用に関する日豪ワークショップ"),
    ("WSIS+10ハイレベル会合が開かれた", "EVENT", "WSIS+10ハイレベル会合"),
    ("「TEL戦略的行動計画2016-2020」に基づき", "POLICY", "TEL戦略的行動計画2016-2020"),
])
def test_whole_names(text, label, name):
    assert (label, name) in found(text)


@pytest.mark.parametrize("text,label,name", [
    # with and without 日米
    ("日米両国の間で、「インターネットエコノミーに関する政策協力対話」を行うことで一致した。"
     "インターネットエコノミーに関する日米政策協力対話を開催した。", "EVENT", "インターネットエコノミーに関する日米政策協力対話"),
    # with and without the owner's acronym
    ("ITU全権委員会議が開催された。ITUの全権委員会議では議論した。", "EVENT", "ITU全権委員会議"),
    # a bare ministry is the one of the country named last
    ("ペルーでは総務省とペルー運輸通信省が協力している。ペルー訪問の際、総務省と運輸通信省が覚書を交わした。",
     "ORG", "ペルー運輸通信省"),
    # 同国 before a ministry
    ("チリは日本方式を採用した。総務省と同国運輸通信省との共同声明が署名された。", "ORG", "チリ運輸通信省"),
    # a name cut by hiragana regains its head
    ("「G20茨城つくば貿易・デジタル経済大臣会合」を開催した。G20茨城つくば貿易・デジタル経済大臣会合の模様",
     "EVENT", "G20茨城つくば貿易・デジタル経済大臣会合"),
    # a secretariat is its body
    ("経済協力開発機構(OECD)では、OECD事務局への支援を行う。", "ORG", "経済協力開発機構"),
])
def test_one_name_per_thing(text, label, name):
    names = {n for lab, n in found(text) if lab == label and n != "総務省"}
    assert names == {name}


def test_a_kind_several_names_share_is_not_a_name():
    text = ("G7香川・高松情報通信大臣会合が開かれた。21年ぶりの情報通信大臣会合である。"
            "日ASEAN情報通信大臣会合も開かれた。")
    assert {n for lab, n in found(text) if lab == "EVENT"} == {"G7香川・高松情報通信大臣会合", "日ASEAN情報通信大臣会合"}


def test_short_forms_defined_in_brackets():
    text = "日本経済団体連合会(経団連)、在日米国商工会議所(ACCJ)が出席した。経団連及びACCJによって取りまとめられた。"
    rows = recognize_rows(entities, Document.from_text("t", text))
    assert {(r["name"], r["acronym"]) for r in rows} == {("日本経済団体連合会", "経団連"), ("在日米国商工会議所", "ACCJ")}


def test_a_short_name_the_text_gives():
    text = ("「特定公共電気通信システム開発関連技術に関する研究開発の推進に関する法律」(以下「システム法」という。)"
            "に基づき、システム法の施行を進める。")
    assert found(text) == {("LAW", "特定公共電気通信システム開発関連技術に関する研究開発の推進に関する法律")}


def test_acronym_inside_a_quoted_name():
    text = "「協力強化に関するワーキンググループ(WGEC: Working Group on Enhanced Cooperation)」が設置され、WGECで議論した。"
    rows = recognize_rows(entities, Document.from_text("t", text))
    assert {(r["label"], r["name"], r["acronym"]) for r in rows} == {("ORG", "協力強化に関するワーキンググループ", "WGEC")}
    assert acronyms(text) == [("WGEC", "協力強化に関するワーキンググループ", "Working Group on Enhanced Cooperation")]


def test_members_of_a_defined_kind():
    text = "フォーカスグループ(FG)の活動として、FG AI4EE(AI新技術の環境性能効率化)やFG-AI4A(デジタル農業)が設置された。"
    assert {n for lab, n in found(text) if lab == "ORG"} == {"FG AI4EE", "FG-AI4A"}


def test_an_affiliation_after_a_person_is_no_definition():
    text = "副議長に新　博行氏(NTTドコモ)が任命された。"
    assert acronyms(text) == []


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
