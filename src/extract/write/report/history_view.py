"""Across editions: a small line chart per tracked amount or count (inline SVG), with the
sentence behind each point."""
from __future__ import annotations

import html

import pandas as pd

from .extraction_view import View
from .history import Point, Series, read_history
from .kinds import readable, short_amount

WIDTH, HEIGHT = 340, 130
LEFT, RIGHT, TOP, BOTTOM = 34, 34, 22, 24


def history_view(df: pd.DataFrame) -> tuple[View, str]:
    editions, series = read_history(df)
    tracked = [s for s in series if len(s.points) >= 2]
    single = [s for s in series if len(s.points) == 1]
    # Facts whose value moved first, then the longest-lived; reading order otherwise.
    tracked.sort(key=lambda s: (-_moved(s), -len(s.points)))
    charts = "".join(figure(n, s, editions) for n, s in enumerate(tracked))
    rest = "".join(f"<li>{_point_line(s.points[0], s)}</li>" for s in single)
    main = (f'<section id="history" aria-labelledby="history-h"><h2 class="view" id="history-h">'
            f'Across editions: {html.escape(", ".join(editions))}</h2>'
            f'<p class="note">{len(tracked):,} amounts and counts found in two editions or more'
            f'{", those whose value moved first" if tracked else ""}; {len(single):,} in one edition only.</p>'
            f'{charts or "<p>No amount or count was found in more than one edition.</p>"}'
            + (f'<details class="single"><summary>In one edition only ({len(single):,})</summary>'
               f'<ul class="note">{rest}</ul></details>' if single else "")
            + "</section>")
    moved = sum(1 for s in tracked if _moved(s))
    sidebar = (f'<nav class="toc" aria-label="Tracked facts"><h2>Tracked facts</h2><p class="note">{moved:,} of '
               f'{len(tracked):,} changed value</p><ol>'
               + "".join(f'<li><a href="#h{n}">{html.escape(_title(s))}</a></li>' for n, s in enumerate(tracked))
               + "</ol></nav>")
    return View([("history", "Across editions")], sidebar, main), f"history over {', '.join(editions)}"


def _moved(s: Series) -> bool:
    return len({_number(p.value) for p in s.points}) > 1


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _title(s: Series) -> str:
    return f"{_subject(s)} — {s.unit} ({'amount' if s.kind == 'money' else 'count'})"


def _subject(s: Series) -> str:
    """The subject, or where there is none (or only the counter), the words before the
    latest mention: 「…地域から」 for 100名."""
    if s.subject and s.subject != s.unit:
        return s.subject
    p = s.points[-1]
    at = p.context.find(p.surface) if p.surface else -1
    return f"…{p.context[max(0, at - 10):at]}" if at > 0 else (s.subject or "(no subject)")


def _shown(value: str, s: Series) -> str:
    return f"{readable(value)} {s.unit}" if s.kind == "money" else f"{value} {s.unit}"


def chart(s: Series, editions: list[str]) -> str:
    """The series as an accessible SVG: x by edition year, y scaled to its own range."""
    years = [int(e) for e in editions]
    x0, x1 = min(years), max(years)
    values = [_number(p.value) for p in s.points]
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1

    def x(e: str) -> float:
        return LEFT + (int(e) - x0) / ((x1 - x0) or 1) * (WIDTH - LEFT - RIGHT)

    def y(v: float) -> float:
        return TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM)

    e = html.escape
    summary = "; ".join(f"{p.edition}: {_shown(p.value, s)}" for p in s.points)
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{e(_title(s))}: {e(summary)}">',
             f'<line class="axis" x1="{LEFT - 10}" y1="{HEIGHT - BOTTOM + 6}" x2="{WIDTH - RIGHT + 10}" '
             f'y2="{HEIGHT - BOTTOM + 6}"/>']
    for ed in editions:
        parts.append(f'<text x="{x(ed):.1f}" y="{HEIGHT - 4}" text-anchor="middle">{e(ed)}</text>')
    points = " ".join(f"{x(p.edition):.1f},{y(v):.1f}" for p, v in zip(s.points, values))
    parts.append(f'<polyline class="line" points="{points}"/>')
    for p, v in zip(s.points, values):
        parts.append(f'<circle class="pt" cx="{x(p.edition):.1f}" cy="{y(v):.1f}" r="4">'
                     f"<title>{e(p.edition)}: {e(_shown(p.value, s))}</title></circle>")
        parts.append(f'<text class="val" x="{x(p.edition):.1f}" y="{y(v) - 8:.1f}" text-anchor="middle">'
                     f"{e(short_amount(p.value))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _sentence(p: Point) -> str:
    e = html.escape
    at = p.context.find(p.surface) if p.surface else -1
    if at < 0:
        return e(p.context)
    return e(p.context[:at]) + f"<mark>{e(p.surface)}</mark>" + e(p.context[at + len(p.surface):])


def _point_line(p: Point, s: Series) -> str:
    where = f" [{html.escape(p.section)}]" if p.section else ""
    return (f"<b>{html.escape(p.edition)}</b> {html.escape(_shown(p.value, s))}{where} — "
            f'<span class="sent" lang="ja">{_sentence(p)}</span>')


def figure(n: int, s: Series, editions: list[str]) -> str:
    items = "".join(f"<li>{_point_line(p, s)}</li>" for p in s.points)
    return (f'<article class="hist" id="h{n}" aria-labelledby="h{n}-h"><h3 id="h{n}-h">{html.escape(_title(s))}</h3>'
            f"{chart(s, editions)}<ol>{items}</ol></article>")
