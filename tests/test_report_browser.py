"""The review pages in a real browser: headless Chromium loads each page from disk, and
the tests check that nothing errs or is fetched, that the highlights match the tables
row for row, and that filters, tooltips, sorting and the links between the two sides of
a diff do what a reader expects. Screenshots at desktop and phone width are kept in
$EXTRACT_SCREENSHOTS (CI: output/report-screenshots/), else a temporary folder.

Skipped, with the reason, where no Chromium can be found; under CI (CI=true) a missing
browser is a failure, since .ci/run installs it."""
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest

import extract
from book import BOOK_MENTIONS, big_book
from chromium import Chromium, find_chromium
from extract.compare.diff import diff_tables
from extract.write.report import read_output, write_report
from extract.write.report.facts import FACT_TABLES, document_pairs, place_facts
from extract.tables import edition_tables
from extract.write.report.history import chain_history, read_history
from extract.write.report.kinds import MENTION_TABLES, kind_of
from extract.write.report.rows import prepare
from extract.tables import as_strings

pytestmark = [pytest.mark.browser, pytest.mark.ginza]     # the pages show the pipeline's tables

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "next_edition"
# CI keeps them (.ci/run sets the folder); elsewhere they go to a temporary folder, not
# into the user's output/.
SHOTS = Path(os.environ.get("EXTRACT_SCREENSHOTS") or tempfile.mkdtemp(prefix="extract-screenshots-"))
DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture(scope="module")
def browser():
    exe = find_chromium()
    if exe is None:
        reason = "no Chromium found: apt-get install chromium (or set $CHROMIUM to a browser)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI installs it in .ci/run")
        pytest.skip(reason)
    with Chromium.start(exe) as b:
        yield b


@pytest.fixture
def desktop(browser):
    page = browser.page(*DESKTOP)
    yield page
    page.close()


def follow(page, selector: str) -> str:
    """Click a link and wait for the browser to go to its target; the target's id."""
    page.eval("history.pushState(null, '', '#before-click')")      # a new entry, and no scrolling
    page.click(selector)
    return page.wait_for("location.hash !== '#before-click' && location.hash.slice(1)")


@pytest.fixture(scope="module")
def pages(raw_output, tmp_path_factory):
    """name → (page file, the tables it shows, the diff it shows)."""
    tables = read_output(raw_output)
    folder = tmp_path_factory.mktemp("pages")
    made = {}
    seed = edition_tables(tables, "2022")
    made["seed"] = (write_report(folder, seed, input_root=ROOT / "raw", name="seed.html").path, seed, None)
    made["editions"] = (write_report(raw_output, tables).path, tables, None)
    old, new = edition_tables(tables, "2020"), edition_tables(tables, "2022")
    diff = diff_tables(old, new)
    made["diff-2020-2022"] = (write_report(raw_output, diff=diff, old=old, new=new, name="diff.html").path,
                              (old, new), diff)
    history = chain_history(tables)
    made["history"] = (write_report(raw_output, history=history, name="history.html").path, history, None)
    both = as_strings(extract.run(FIXTURE / "raw"))
    old, new = edition_tables(both, "2022"), edition_tables(both, "2023")
    diff = diff_tables(old, new)
    made["diff-fixture"] = (write_report(folder, diff=diff, old=(old, FIXTURE / "raw"), new=(new, FIXTURE / "raw"),
                                         name="fixture-diff.html").path, (old, new), diff)
    book, root = big_book(tables, folder / "book", ROOT / "raw")
    made["book"] = (write_report(folder, book, input_root=root, name="book.html").path, book, None)
    return made


NAMES = ["seed", "editions", "diff-2020-2022", "history", "diff-fixture", "book"]


@pytest.mark.parametrize("name", NAMES)
def test_page_loads_offline_without_errors(browser, pages, name):
    path = pages[name][0]
    for (w, h), mobile, tag in ((DESKTOP, False, "desktop"), (PHONE, True, "phone")):
        page = browser.page(w, h, mobile)
        page.goto(path)
        assert page.errors() == []
        assert set(page.requests()) == {path.resolve().as_uri()}          # nothing else fetched
        assert page.eval("document.documentElement.scrollWidth") <= w    # no sideways scrolling
        page.screenshot(SHOTS / f"{name}-{tag}.png")
        page.close()


def kinds_of(tables) -> Counter:
    return Counter(kind_of(name, r) for name in MENTION_TABLES for r in as_strings({name: tables[name]})[name]
                   .to_dict("records"))


COUNT_MARKS = """(() => { const c = {}; for (const m of document.querySelectorAll("#documents mark.m[id]")) {
  const k = m.className.match(/\\bk-(\\S+)/)[1]; c[k] = (c[k] || 0) + 1; } return c; })()"""
COUNT_ROWS = """(() => { const c = {}; for (const tr of document.querySelectorAll("#tables tr[class*='k-']")) {
  const k = tr.className.match(/\\bk-(\\S+)/)[1]; c[k] = (c[k] || 0) + 1; } return c; })()"""


@pytest.mark.parametrize("name", ["seed", "editions", "book"])
def test_highlights_match_the_tables_row_for_row(desktop, pages, name):
    path, tables, _ = pages[name]
    desktop.goto(path)
    expected = kinds_of(tables)
    assert desktop.eval(COUNT_MARKS) == dict(expected)
    assert desktop.eval(COUNT_ROWS) == dict(expected)
    # every fragment of a mention belongs to a mention; regions are the footnotes and figures
    assert desktop.eval("[...document.querySelectorAll('mark.m.c')].every(m => document.getElementById(m.dataset.of))")
    for region, table in (("fn", "footnotes"), ("fig", "figures")):
        assert desktop.eval(f"document.querySelectorAll('span.rg.{region}:not(.c)').length") == len(tables[table])
    if name == "book":
        assert sum(expected.values()) == BOOK_MENTIONS and desktop.eval("document.querySelector('.tx').textContent.length") \
            == len(path.parent.joinpath("book/raw/2019/book.txt").read_text(encoding="utf-8"))


VISIBLE = """(sel => { const el = document.querySelector(sel); const s = getComputedStyle(el);
  return s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.borderBottomColor !== "rgba(0, 0, 0, 0)"; })"""


def test_kind_filter_hides_and_shows_a_kind(desktop, pages):
    desktop.goto(pages["editions"][0])
    date, money = "#documents mark.m.k-date", "#documents mark.m.k-money"
    assert desktop.eval(f"{VISIBLE}({date!r})") and desktop.eval(f"{VISIBLE}({money!r})")
    desktop.click("input[data-hide='date']")
    assert not desktop.eval(f"{VISIBLE}({date!r})")                 # dates no longer highlighted…
    assert desktop.eval(f"{VISIBLE}({money!r})")                    # …money still is
    assert desktop.eval("[...document.querySelectorAll('#t-dates tbody tr')].every(tr => !tr.offsetParent)")
    assert desktop.eval("[...document.querySelectorAll('#t-money tbody tr')].every(tr => tr.offsetParent)")
    desktop.eval("document.querySelector('#documents mark.m.k-date').scrollIntoView({block: 'center'})")
    desktop.screenshot(SHOTS / "editions-dates-filtered-desktop.png")
    desktop.click("input[data-hide='date']")
    assert desktop.eval(f"{VISIBLE}({date!r})")


def money_mark(tables, amount: str) -> str:
    money = as_strings({"money": tables["money"]})["money"]
    return f"money-{int(money.index[money['amount'] == amount][0])}"


def test_value_shows_on_hover_and_on_keyboard_focus(desktop, pages):
    path, tables, _ = pages["seed"]
    desktop.goto(path)
    target = money_mark(tables, "78800000000")
    desktop.hover(f"#{target}")
    assert desktop.eval("!document.getElementById('tip').hidden")
    assert desktop.eval("document.getElementById('tip').textContent").startswith("money 78800000000 JPY ≈")
    desktop.call("Input.dispatchMouseEvent", type="mouseMoved", x=2, y=DESKTOP[1] - 2)
    assert desktop.eval("document.getElementById('tip').hidden")
    # From the mention before it, Tab reaches it and the value shows for the keyboard too.
    desktop.eval(f"""(() => {{ const all = [...document.querySelectorAll('mark.m[id]')];
        all[all.indexOf(document.getElementById('{target}')) - 1].focus(); }})()""")
    desktop.press("Tab", "Tab", 9)
    assert desktop.eval("document.activeElement.id") == target
    assert desktop.eval("document.getElementById('tip').textContent").startswith("money 78800000000 JPY ≈")
    assert desktop.eval("document.activeElement.getAttribute('aria-describedby')") == "tip"
    desktop.screenshot(SHOTS / "seed-tooltip-desktop.png")


def test_the_first_tab_offers_to_skip_to_the_content(desktop, pages):
    desktop.goto(pages["seed"][0])
    desktop.press("Tab", "Tab", 9)
    assert desktop.eval("document.activeElement.textContent") == "Skip to the content"
    desktop.press("Enter", "Enter", 13)
    assert desktop.eval("location.hash") == "#main"


def test_tables_sort_filter_and_link_to_the_text(desktop, pages):
    path, tables, _ = pages["editions"]
    desktop.goto(path)
    amounts = sorted(float(a) for a in as_strings({"m": tables["money"]})["m"]["amount"])
    column = "[...document.querySelectorAll('#t-money th')].findIndex(th => th.textContent.startsWith('amount'))"
    first = f"document.querySelector('#t-money tbody tr').cells[{column}].textContent"
    desktop.click("#t-money th:nth-child(" + str(desktop.eval(column) + 1) + ") button")
    assert float(desktop.eval(first)) == amounts[0]
    desktop.click("#t-money th:nth-child(" + str(desktop.eval(column) + 1) + ") button")
    assert float(desktop.eval(first)) == amounts[-1]
    assert desktop.eval("document.querySelector('#t-money th[aria-sort]').getAttribute('aria-sort')") == "descending"
    desktop.click("#t-money input[type=search]")
    desktop.call("Input.insertText", text="USD")
    n = int((as_strings({"m": tables["money"]})["m"]["currency"] == "USD").sum())
    assert desktop.wait_for(f"document.getElementById('t-money-n').value === '{n} of {len(tables['money'])}'")
    assert desktop.eval("[...document.querySelectorAll('#t-money tbody tr')].filter(tr => !tr.hidden).length") == n
    # a row's link takes the reader to the mention in the text
    target = follow(desktop, "#t-money tbody tr:not([hidden]) a")
    assert target.startswith("money-") and in_view(desktop, target)


def in_view(page, ident: str) -> bool:
    """The element is on screen and not under the sticky bars."""
    return page.eval(f"""(() => {{ const r = document.getElementById({ident!r}).getBoundingClientRect();
        const bars = [...document.querySelectorAll('header.top, .cols')].filter(b => getComputedStyle(b).position === 'sticky')
            .reduce((y, b) => Math.max(y, b.getBoundingClientRect().bottom), 0);
        return r.height > 0 && r.top >= bars - 1 && r.bottom <= innerHeight; }})()""")


STATUS_COUNTS = """(side => { const c = {}; for (const m of document.querySelectorAll(`#diff mark.m[id^='${side}-']`)) {
  const t = m.id.split('-')[1]; const k = t + ' ' + m.dataset.st; c[k] = (c[k] || 0) + 1; } return c; })"""


@pytest.mark.parametrize("name", ["diff-fixture", "diff-2020-2022"])
def test_diff_marks_every_fact_with_its_status(desktop, pages, name):
    path, (old, new), diff = pages[name]
    desktop.goto(path)
    for side, prefix, statuses in (("old", "o", ("changed", "unchanged", "removed")),
                                   ("new", "n", ("changed", "unchanged", "added"))):
        got = desktop.eval(f"{STATUS_COUNTS}('{prefix}')")
        # One mark per mention the diff's rows are placed on: a mention the diff pairs twice
        # (a fact stated twice in one edition) is one mark, with its first row's status.
        marked = placed_statuses(diff, old, new, side)
        for table in ("money", "quantities", "dates", "countries", "entities"):
            rows = diff[f"diff_{table}"]
            for status in statuses:
                assert got.get(f"{table} {status}", 0) == marked.get((table, status), 0), (side, table, status)
                assert marked.get((table, status), 0) >= min(1, int((rows["status"] == status).sum()))


def placed_statuses(diff, old, new, side) -> Counter:
    """(mention table, status) → mentions of `side` marked with that status: those the
    diff's rows are placed on, and, as unchanged, those no row is about (a heading's
    country, a name said twice in one statement)."""
    d, o, n = prepare(as_strings(diff)), prepare(as_strings(old)), prepare(as_strings(new))
    placed = place_facts(d, o, n, document_pairs(o, n))
    first: dict[tuple, str] = {}
    for (diff_name, k), i in getattr(placed, side).items():
        first.setdefault((FACT_TABLES[diff_name], i), d[diff_name].records[k]["status"])
    out = Counter((table, status) for (table, _), status in first.items())
    mine = o if side == "old" else n
    for table in FACT_TABLES.values():
        rows = len(mine[table].records) if table in mine else 0
        out[(table, "unchanged")] += rows - sum(1 for (t, _) in first if t == table)
    return out


def test_diff_links_take_the_reader_to_the_other_side(desktop, pages):
    path, (old, new), diff = pages["diff-fixture"]
    desktop.goto(path)
    # the changed amount: old → new on the old side, a link to the same fact in the new edition
    badge = "#diff a.badge.st-changed[href^='#n-money-']"
    assert desktop.eval(f"document.querySelector({badge!r}).textContent") == "78,800,000,000 → 103,000,000,000 JPY (+30.7%)"
    target = follow(desktop, badge)
    assert target == new_money(new, "103000000000") and in_view(desktop, target)
    assert desktop.eval(f"document.getElementById('{target}').closest('.cell').classList.contains('new')")
    desktop.screenshot(SHOTS / "diff-fixture-link-desktop.png")
    # and back
    back = follow(desktop, ".cell.new a.badge.st-changed[href^='#o-money-']")
    assert back.startswith("o-money-") and in_view(desktop, back)
    # the summary's first line is the largest change and leads to it
    desktop.eval("scrollTo(0, 0)")
    assert desktop.eval("document.querySelector('.notable a').textContent").startswith("money changed")
    assert follow(desktop, ".notable a") == target and in_view(desktop, target)


def new_money(new, amount) -> str:
    return "n-" + money_mark(new, amount)


def test_unchanged_facts_are_dimmed_and_can_be_hidden(desktop, pages):
    desktop.goto(pages["diff-fixture"][0])
    unchanged = "#diff mark.m.st-unchanged"
    style = f"getComputedStyle(document.querySelector({unchanged!r}))"
    assert desktop.eval(f"{style}.backgroundColor") == "rgba(0, 0, 0, 0)"        # dimmed: no fill…
    assert desktop.eval(f"{style}.borderBottomStyle") == "dotted"                # …a dotted line
    changed = desktop.eval("getComputedStyle(document.querySelector('#diff mark.m.st-changed')).backgroundColor")
    assert changed != "rgba(0, 0, 0, 0)"
    desktop.click("input[data-hide='st-unchanged']")
    assert desktop.eval(f"{style}.borderBottomColor") == "rgba(0, 0, 0, 0)"
    assert desktop.eval("[...document.querySelectorAll('#t-diff_money tr.st-unchanged')].every(tr => !tr.offsetParent)")


def test_history_draws_a_chart_per_tracked_fact(desktop, pages):
    path, history, _ = pages["history"]
    desktop.goto(path)
    editions, series = read_history(as_strings({"h": history})["h"])
    tracked = [s for s in series if len(s.points) >= 2]
    assert desktop.eval("document.querySelectorAll('#history svg[role=img]').length") == len(tracked)
    assert desktop.eval("[...document.querySelectorAll('#history svg')].map(s => s.querySelectorAll('circle').length)"
                        ".reduce((a, b) => a + b, 0)") == sum(len(s.points) for s in tracked)
    assert desktop.eval("[...document.querySelectorAll('#history svg')].every(s => s.getBoundingClientRect().width > 200)")


def test_the_book_scrolls_to_its_end(desktop, pages):
    path, book, _ = pages["book"]
    desktop.goto(path)
    last = desktop.eval("[...document.querySelectorAll('#documents mark.m[id]')].pop().id")
    desktop.eval(f"document.getElementById('{last}').scrollIntoView({{block: 'center'}})")
    assert in_view(desktop, last)
    assert desktop.errors() == []
