"""The clean view: folding, page-break repair, footnotes and captions lifted out, and an
offset map that always points back to an exact original slice."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.read.document import Document
from extract.read.fold import fold


@pytest.mark.parametrize("original,clean", [
    ("２０２１年（令和３年）", "2021年(令和3年)"),
    ("ＡＰＥＣ：ＷＴＯ", "APEC:WTO"),
    ("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン"),
    ("㋿3年", "令和3年"),
    ("㍻30年", "平成30年"),
    ("3～4年", "3~4年"),
    ("3〜4年", "3~4年"),
    ("①民主主義", "①民主主義"),       # circled numbers are not digits the author wrote
    ("㈱", "㈱"),
    ("日本　米国", "日本 米国"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_fold(original, clean):
    assert fold(original) == clean


def _segment_with(doc, needle):
    return next(s for s in doc.segments if needle in s.text)


@pytest.mark.parametrize("text,needle,surface", [
    ("航空機の進入着陸システムである地\n\n上型衛星航法補強システム（GBAS）について。",
     "地上型衛星", "地\n\n上型衛星"),
    ("日ASEAN情報セキュリティワーク\n\n*4 AJCCBC： <https://www.ajccbc.org/index.html>\n\nショップを定期的に開催する。",
     "ワークショップ", "ワーク\n\n*4 AJCCBC： <https://www.ajccbc.org/index.html>\n\nショップ"),
    ("実証事\n\n図表 4-8-2-1 デジタル海外展開プラットフォーム\n\n業までの支援。",
     "実証事業", "実証事\n\n図表 4-8-2-1 デジタル海外展開プラットフォーム\n\n業"),
    ("改正した^{*1}、2022年に。", "改正した、2022年", "改正した^{*1}、2022年"),
], ids=["page-break", "footnote-in-break", "caption-in-break", "marker-dropped"])
def test_repair_maps_back(text, needle, surface):
    doc = Document.from_text("t", text)
    seg = _segment_with(doc, needle)
    a = seg.text.index(needle)
    s, e = seg.span(a, a + len(needle))
    assert text[s:e] == surface


def test_footnotes_and_captions_are_their_own_segments():
    text = "本文の途中\n\n*4 注の本文。\n\n図表 4-8-5-1 表題\n\nで続く。\n"
    doc = Document.from_text("t", text)
    kinds = [(s.kind, s.text) for s in doc.segments]
    assert kinds == [("prose", "本文の途中で続く。"), ("footnote", "注の本文。"), ("caption", "図表 4-8-5-1 表題")]


def test_paragraph_ending_in_full_stop_is_not_joined():
    doc = Document.from_text("t", "一つ目の段落。\n\n二つ目の段落。")
    assert [s.text for s in doc.segments] == ["一つ目の段落。", "二つ目の段落。"]


def test_heading_is_not_joined_to_following_text():
    doc = Document.from_text("t", "1 概要\n\n本文。")
    assert [(s.kind, s.text) for s in doc.segments] == [("heading", "1 概要"), ("prose", "本文。")]


def test_crlf_offsets_are_exact():
    text = "1 概要\r\n\r\n2021年（令和3年）4月に\r\n開催した。\r\n"
    doc = Document.from_text("t", text)
    seg = _segment_with(doc, "開催")
    a = seg.text.index("4月に開催")
    s, e = seg.span(a, a + 5)
    assert text[s:e] == "4月に\r\n開催"


# Text drawn from the characters PDF extraction produces in this genre.
PIECES = st.sampled_from([
    "年", "月", "日", "令和", "２０２１", "2021", "（", "）", "(", ")", "、", "。", " ", "\u3000",
    "\n", "\n\n", "\r\n", "ｶﾞ", "ﾊﾟ", "ｱ", "㋿", "①", "～", "^{*1}", "*2 ", "図表 4-8-2-1 ", "1 ", "ア ",
    "（ア）", "米国", "ドル", "\t", "-", "a", "Ａ", "ー", "ﾞ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_offset_map_is_monotone_and_exact(text):
    doc = Document.from_text("t", text)
    previous_end = 0
    for seg in doc.segments:
        assert len(seg.starts) == len(seg.ends) == len(seg.text)
        for i in range(len(seg.text)):
            assert seg.starts[i] < seg.ends[i]
            if i:
                assert seg.starts[i - 1] <= seg.starts[i] and seg.ends[i - 1] <= seg.ends[i]
        # Each clean character is the folding of the original characters it maps to.
        i = 0
        while i < len(seg.text):
            j = i
            while j < len(seg.text) and seg.starts[j] == seg.starts[i]:
                j += 1
            assert fold(text[seg.starts[i]:seg.ends[i]]) == seg.text[i:j]
            i = j
        assert seg.start >= 0 and seg.end <= len(text)
        previous_end = max(previous_end, seg.end)
    assert previous_end <= len(text)
