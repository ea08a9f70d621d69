"""The review page without a browser: the markup keeps the text and every span, the page
fetches nothing, each mention is drawn once, the diff places every fact, the same tables
give the same bytes. (tests/test_report_browser.py looks at it in Chromium.)"""
import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from extract.cli.main import main
from extract.compare.diff import diff_tables
from extract.write.report import ReportError, read_output, render_report, write_report
from extract.write.report.diff_view import Piece, align
from extract.write.report.facts import document_pairs, place_facts
from extract.tables import edition_tables
from extract.write.report.history import chain_history, read_history
from extract.write.report.kinds import MENTION_TABLES, kind_of, value_of
from extract.write.report.markup import Span, render_blocks
from extract.write.report.rows import prepare
from extract.tables import as_strings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "next_edition"


# Markup ---------------------------------------------------------------------------

class Fragments(HTMLParser):
    """Text and, per span id, the text inside its fragments."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.inside, self.first = [], [], Counter(), Counter()
        self.pieces: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        ident = a.get("id") or a.get("data-of")
        if a.get("id") and tag == "mark":
            self.first[a["id"]] += 1
        self.stack.append(ident if tag == "mark" else None)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for ident in self.stack:
            if ident:
                self.pieces.setdefault(ident, []).append(data)


def spans_of(draw_spans, n):
    return [Span(a, b, "mark", f"s{i}", "m", rank=r) for i, (a, b, r) in enumerate(draw_spans) if a < b <= n]


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet="ab\n<&日米", min_size=1, max_size=40))
    n = len(text)
    raw = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n), st.integers(0, 3)), max_size=8))
    breaks = draw(st.lists(st.integers(1, max(1, n - 1)), max_size=3))
    return text, spans_of([(min(a, b), max(a, b), r) for a, b, r in raw], n), breaks


@settings(max_examples=300, deadline=None)
@given(texts_and_spans())
def test_markup_keeps_the_text_and_each_span_whole(case):
    text, spans, breaks = case
    parser = Fragments()
    parser.feed("".join(render_blocks(text, spans, breaks)))
    assert "".join(parser.text) == text.replace("\r\n", "\n")
    for s in spans:
        assert parser.first[s.id] == 1                  # one element with the id…
        assert "".join(parser.pieces[s.id]) == text[s.start:s.end]   # …and its fragments hold its text


@pytest.mark.parametrize("spans, expected", [
    ([(0, 4, "a"), (1, 3, "b")], '<mark class="m e" id="a" tabindex="0">x<mark class="m e" id="b" tabindex="0">yz'
                                 "</mark>w</mark>"),
    ([(0, 2, "a"), (1, 4, "b")], '<mark class="m e" id="a" tabindex="0">x<mark class="m" id="b" tabindex="0">y</mark>'
                                 '</mark><mark class="m e c" data-of="b">zw</mark>'),
    ([(0, 4, "a"), (0, 4, "b")], '<mark class="m e" id="a" tabindex="0"><mark class="m e" id="b" tabindex="0">xyzw'
                                 "</mark></mark>"),
], ids=["nested", "crossing", "same characters (日米)"])
def test_markup_shapes(spans, expected):
    got = render_blocks("xyzw", [Span(a, b, "mark", i, "m", rank=n) for n, (a, b, i) in enumerate(spans)])
    assert got == [expected]


def test_markup_cuts_blocks_and_carries_open_spans():
    blocks = render_blocks("ab\ncd", [Span(1, 4, "mark", "x", "m")], breaks=[3], anchors={3: ["<i></i>"]})
    assert blocks == ['a<mark class="m" id="x" tabindex="0">b\n</mark>',
                      '<i></i><mark class="m e c" data-of="x">c</mark>d']


# The page -------------------------------------------------------------------------

URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background",
             "manifest", "ping", "cite", "longdesc", "usemap", "codebase"}


FETCHING = {"link", "img", "iframe", "object", "embed", "source", "video", "audio", "base", "form", "frame", "track",
            "image", "use", "picture", "meta"}


class References(HTMLParser):
    """Every reference the page could follow: URL attributes, fetching elements, the
    style and script bodies."""

    def __init__(self):
        super().__init__()
        self.refs, self.code, self.tags, self.current = [], [], Counter(), None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        a = dict(attrs)
        for name, value in attrs:
            if name in URL_ATTRS or name == "style" or name.startswith("on"):
                self.refs.append((tag, name, value or ""))
        if tag == "meta" and not ({"charset", "name", "http-equiv"} & a.keys()):
            self.refs.append((tag, "meta", str(attrs)))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.refs.append((tag, "refresh", a.get("content", "")))
        self.current = tag if tag in ("style", "script") else None
        if tag == "script":
            self.refs += [(tag, "src", a["src"])] if "src" in a else []

    def handle_data(self, data):
        if self.current:
            self.code.append(data)

    def handle_endtag(self, tag):
        self.current = None


def assert_self_contained(page: str):
    """No external URL: links only to places on the page, nothing that fetches, and no
    address, import or request in the inlined style and script. (Addresses written in the
    white papers' own text are text.)"""
    parser = References()
    parser.feed(page)
    for tag, name, value in parser.refs:
        assert name == "href" and value.startswith("#"), f"reference {tag} {name}={value!r}"
    assert not (FETCHING - {"meta"}) & parser.tags.keys()
    code = "".join(parser.code)
    for pattern in (r"(?:https?|ftp|wss?):", r"//[\w-]+\.[\w.-]+/", r"url\(", r"@import", r"\bfetch\(",
                    r"XMLHttpRequest", r"\bimport\(", r"WebSocket", r"sendBeacon", r"\bsrc\s*="):
        assert not re.search(pattern, code), pattern
    assert "default-src 'none'" in page


@pytest.fixture(scope="module")
def raw_tables(raw_output):
    return read_output(raw_output)


@pytest.fixture(scope="module")
def raw_page(raw_output, raw_tables):
    return write_report(raw_output, raw_tables)


@pytest.mark.ginza
def test_page_fetches_nothing(raw_page):
    assert_self_contained(raw_page.html)
    assert raw_page.missing == {}


def count_marks(page: str, prefix: str = "") -> Counter:
    """(table, kind) → first fragments of mention marks whose id starts with prefix+table."""
    out = Counter()
    for m in re.finditer(r'<mark class="m k-(\S+?)(?: [^"]*)?" id="' + re.escape(prefix) + r'([a-z]+)-\d+"', page):
        out[(m.group(2), m.group(1))] += 1
    return out


@pytest.mark.ginza
def test_each_mention_is_highlighted_once(raw_page, raw_tables):
    expected = Counter((name, kind_of(name, r)) for name in MENTION_TABLES for r in raw_tables[name].to_dict("records"))
    assert count_marks(raw_page.html) == expected


@pytest.mark.ginza
def test_values_on_hover_are_the_normalized_ones(raw_page, raw_tables):
    money = raw_tables["money"]
    row = money[money["amount"] == "78800000000"].iloc[0]
    assert value_of("money", row.to_dict()) == "78800000000 JPY ≈"
    i = int(row.name)
    assert re.search(rf'id="money-{i}"[^>]*data-v="78800000000 JPY ≈"', raw_page.html)
    countries = raw_tables["countries"]
    us = int(countries.index[countries["code"] == "US"][0])
    assert re.search(rf'id="countries-{us}"[^>]*data-v="US"', raw_page.html)


@pytest.mark.ginza
def test_same_tables_same_bytes(raw_output, raw_tables):
    a = render_report(raw_tables)
    b = render_report(as_strings(raw_tables), input_root=None)
    assert a.html == b.html
    with_text = [write_report(raw_output, raw_tables, name=f"r{n}.html").path.read_bytes() for n in range(2)]
    assert with_text[0] == with_text[1]


@pytest.mark.ginza
def test_a_changed_text_is_not_highlighted(tmp_path, raw_tables):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    seed = edition_tables(raw_tables, "2022")
    doc_id = seed["documents"]["doc_id"][0]
    (tmp_path / "raw" / doc_id).write_text("別の本文", encoding="utf-8")
    report = render_report(seed, input_root=tmp_path / "raw")
    assert "sha256 differs" in report.missing[doc_id]
    assert "Text not shown" in report.html and "<mark" not in report.html.split('id="tables"')[0]


@pytest.mark.ginza
def test_cell_values_stay_text(raw_tables):
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    tables = {k: v.copy() for k, v in edition_tables(raw_tables, "2022").items()}
    tables["entities"].loc[0, "name"] = hostile
    tables["money"].loc[0, "currency"] = hostile
    tables["sections"].loc[1, "title"] = hostile
    report = render_report(tables, input_root=FIXTURE.parents[2] / "raw")
    assert report.missing == {}
    page = report.html
    assert_self_contained(page)
    assert "<img" not in page and page.count("<script>") == 1


def test_nothing_to_show_is_an_error():
    with pytest.raises(ReportError):
        render_report()


# Diff -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_sides():
    both = as_strings(__import__("extract").run(FIXTURE / "raw"))
    return edition_tables(both, "2022"), edition_tables(both, "2023")


@pytest.mark.ginza
def test_every_diff_fact_is_placed(fixture_sides):
    old, new = fixture_sides
    diff = diff_tables(old, new)
    o, n, d = prepare(old), prepare(new), prepare(diff)
    placed = place_facts(d, o, n, document_pairs(o, n))
    assert placed.unplaced == []
    page = render_report(diff=diff, old=(old, FIXTURE / "raw"), new=(new, FIXTURE / "raw")).html
    assert_self_contained(page)
    for side, prefix, statuses in (("old", "o-", ("changed", "unchanged", "removed")),
                                   ("new", "n-", ("changed", "unchanged", "added"))):
        for name, table in (("diff_money", "money"), ("diff_quantities", "quantities"), ("diff_dates", "dates")):
            for status in statuses:
                rows = int((diff[name]["status"] == status).sum())
                marks = len(re.findall(rf'<mark class="m k-\S+ st-{status}[^"]*" id="{prefix}{table}-\d+"', page))
                assert marks == rows, (side, name, status)


@pytest.mark.ginza
def test_changed_amount_links_both_sides(fixture_sides):
    old, new = fixture_sides
    page = render_report(diff=diff_tables(old, new), old=(old, FIXTURE / "raw"), new=(new, FIXTURE / "raw")).html
    links = re.findall(r'<a class="badge st-changed" href="#(n-money-\d+)"[^>]*>([^<]+)</a>', page)
    assert [text for _, text in links] == ["78,800,000,000 → 103,000,000,000 JPY (+30.7%)"]
    back = re.findall(r'<a class="badge st-changed" href="#(o-money-\d+)"', page)
    assert len(back) == 1 and f'id="{links[0][0]}"' in page and f'id="{back[0]}"' in page


def piece(path):
    return Piece(0, 1, path, path)


def test_alignment_keeps_new_order_and_puts_removed_after_their_predecessor():
    old = [piece(p) for p in ("", "1", "2", "3")]
    new = [piece(p) for p in ("", "1", "3", "4")]
    rows = align(old, new, {"": "", "1": "1", "3": "3"})
    assert rows == [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([], [3])]


# History --------------------------------------------------------------------------

@pytest.mark.ginza
def test_history_follows_a_fact_across_the_three_editions(raw_tables):
    history = chain_history(raw_tables)
    editions, series = read_history(history)
    assert editions == ["2019", "2020", "2022"]
    loans = [s for s in series if s.unit == "JPY" and [p.value for p in s.points] == ["10500000000"] * 2]
    assert loans and all(p.context for p in loans[0].points)
    # Every amount and count of every edition is in exactly one series.
    for kind, table, column in (("money", "money", "amount"), ("quantity", "quantities", "number")):
        for e in editions:
            n = sum(1 for s in series if s.kind == kind for p in s.points if p.edition == e)
            assert n == len(edition_tables(raw_tables, e)[table])
    page = render_report(history=history).html
    assert_self_contained(page)
    assert page.count("<svg") == sum(1 for s in series if len(s.points) >= 2)


def test_history_of_another_shape_is_read_by_its_columns():
    df = pd.DataFrame([{"kind": "money", "subject": "出融資", "unit": "JPY", "value_2022": "78800000000",
                        "context_2022": "累計約788億円の出融資", "value_2023": "103000000000",
                        "context_2023": "累計約1,030億円の出融資"}])
    editions, series = read_history(df)
    assert editions == ["2022", "2023"] and [p.value for p in series[0].points] == ["78800000000", "103000000000"]
    page = render_report(history=df).html
    assert "788億" in page and "1030億" in page and html.escape("出融資 — JPY (amount)") in page


# Command line ---------------------------------------------------------------------

@pytest.mark.ginza
def test_cli_writes_the_pages_and_says_their_size(raw_output, capsys):
    assert main(["report", str(raw_output), "--diff", "2020", "2022", "--history"]) == 0
    out = capsys.readouterr().out
    for name in ("report.html", "report-diff-2020-2022.html", "report-history.html"):
        assert (raw_output / name).is_file()
        assert re.search(re.escape(name) + r"  \d+\.\d MB", out)


@pytest.mark.parametrize("argv, code, message", [
    (["--diff", "2020", "20x"], 2, "--diff takes two editions"),
    (["--diff", "2020", "2030"], 1, "no document of edition 2030"),
    (["--history", "nope.csv"], 1, "nope.csv: no such history table"),
    (["--input", "/nonexistent"], 2, "no such file or folder"),
])
@pytest.mark.ginza
def test_cli_errors(raw_output, capsys, argv, code, message):
    assert main(["report", str(raw_output), *argv]) == code
    assert message in capsys.readouterr().err


@pytest.mark.ginza
def test_cli_names_missing_texts(tmp_path, raw_output, capsys):
    for f in raw_output.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "manifest.json").write_text('{"options": {"input": "/nonexistent/raw"}}', encoding="utf-8")
    assert main(["report", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "2022/ch04-sec08_ict-international-strategy.txt: text not shown" in err and "--input" in err


def test_cli_not_an_output_folder(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 1
    assert "not an output folder" in capsys.readouterr().err


def test_run_with_report_writes_the_page_beside_the_tables(tmp_path):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    (raw / "s.txt").write_text("2021年（令和3年）4月に米国と約788億円の協定を結んだ。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "raw"), "--out", str(out), "--report", "--quiet"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert (out / "dates.csv").is_file()
    assert "2021-04" in page and "788" in page


def test_diff_and_history_with_report_write_their_pages(tmp_path):
    from conftest import ROOT

    out = tmp_path / "d"
    assert main(["diff", str(ROOT / "raw"), "--edition", "2019", "2020", "--out", str(out), "--report", "-q"]) == 0
    page = (out / "report-diff.html").read_text(encoding="utf-8")
    assert "2019" in page and "2020" in page
    assert "株式会社海外通信・放送・郵便事業支援機構" in page      # the texts of both sides are shown
    hist = tmp_path / "h"
    assert main(["history", str(ROOT / "raw"), "--out", str(hist), "--report", "-q"]) == 0
    assert "<svg" in (hist / "report-history.html").read_text(encoding="utf-8")


def test_report_reads_a_workbook_folder_and_takes_quiet(tmp_path, capsys):
    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    (raw / "s.txt").write_text("2021年（令和3年）4月に米国を訪問した。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "raw"), "--out", str(out), "--format", "xlsx", "-q"]) == 0
    capsys.readouterr()
    assert main(["report", str(out), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert "2021-04" in (out / "report.html").read_text(encoding="utf-8")


def test_report_into_a_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    raw = tmp_path / "raw" / "2022"
    raw.mkdir(parents=True)
    (raw / "s.txt").write_text("2021年4月に米国を訪問した。\n", encoding="utf-8")
    assert main(["run", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "-q"]) == 0
    proc = subprocess.Popen([sys.executable, "-m", "extract", "report", str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()                     # the reader is gone before the size is printed
    err = proc.stderr.read().decode()
    assert proc.wait() == 141 and err == ""
    assert (tmp_path / "out" / "report.html").exists()
