"""Decoding, editions, and bad input."""
import pytest

from extract.read.editions import parse_edition
from extract.read.reading import InputError, decode

SAMPLE = "2021年（令和3年）4月16日に①日米首脳会談～開催。"


@pytest.mark.parametrize("codec,reported", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932"),
    ("euc_jis_2004", "euc_jis_2004"), ("utf-16", "utf-16"),
])
def test_decode_reports_a_codec_that_reads_the_text_back(codec, reported):
    data = SAMPLE.encode(codec)
    text, encoding = decode(data)
    assert text == SAMPLE and encoding == reported
    assert data.decode(encoding) == text


def test_plain_euc_jp():
    text, encoding = decode("令和3年度の予算は約788億円である。".encode("euc_jp"))
    assert encoding == "euc_jp" and text.startswith("令和3年度")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "only white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"%PDF-1.7\n", "PDF"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"abc\x00def", "NUL"),
    ("日本語".encode() + b"\xff\xfe\xfd" + "テキスト".encode(), "invalid UTF-8 at byte 9"),
], ids=["empty", "whitespace", "png", "pdf", "zip", "nul", "invalid-utf8"])
def test_bad_input_says_why(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)


@pytest.mark.parametrize("name,year", [
    ("2022", 2022), ("r04", 2022), ("R4", 2022), ("令和4年版", 2022), ("令和元年版", 2019),
    ("h30", 2018), ("平成30年版", 2018), ("Ｒ０４", 2022), ("2022年版", 2022),
    ("misc", None), ("drafts", None), ("12345", None),
    ("h31", 2019), ("s48", 1973), ("heisei30", 2018), ("h12", 2000),
    ("s01", None), ("1900", None), ("h32", None), ("r0", None),      # no white paper before 1947; 平成32年 never came
])
def test_edition_from_folder_name(name, year):
    assert parse_edition(name) == year
