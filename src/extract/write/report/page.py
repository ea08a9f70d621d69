"""The page around the views: head, navigation, the side panel (filters, contents),
the tooltip, and the stylesheet and script inlined. Nothing is fetched: the Content
Security Policy admits only the inlined style and script (by their hashes), so the page
works from file:// and offline, and a stray external reference fails loudly."""
from __future__ import annotations

import base64
import hashlib
import html
from functools import cache
from importlib import resources

from .kinds import BY_KEY


@cache
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


def kind_filters(counts: dict[str, int], legend: str = "Kinds") -> str:
    """A checkbox per kind present (its label in words beside its colour)."""
    items = "".join(
        f'<label class="chip k-{key}" data-kind="{key}" data-label="{html.escape(BY_KEY[key].label)}"><input type="checkbox" checked data-hide="{key}"> '
        f'<span class="sw" aria-hidden="true"></span>{html.escape(BY_KEY[key].label)} '
        f'<span class="count">{n:,}</span></label>'
        for key, n in counts.items() if n)
    return f'<fieldset class="filters"><legend>{html.escape(legend)}</legend>{items}</fieldset>'


def status_filters(counts: dict[str, int]) -> str:
    items = "".join(
        f'<label class="chip s-{status}"><input type="checkbox" checked data-hide="st-{status}"> '
        f'<span class="sw" aria-hidden="true"></span>{status} <span class="count">{n:,}</span></label>'
        for status, n in counts.items())
    return f'<fieldset class="filters"><legend>Changes</legend>{items}</fieldset>'


def labels_toggle() -> str:
    return ('<label class="toggle"><input type="checkbox" checked data-toggle="nolabels" data-invert> '
            'labels after each mention</label>')


def page(title: str, subtitle: str, nav: list[tuple[str, str]], sidebar: str, main: str) -> str:
    style, script = asset("report.css"), asset("report.js")
    csp = f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; img-src data:"
    e = html.escape
    links = "".join(f'<a href="#{href}">{e(label)}</a>' for href, label in nav)
    panel = "Filters and contents" if 'class="filters"' in sidebar else "Contents"
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(title)}</title><style>{style}</style></head>\n"
        '<body><a class="skip" href="#main">Skip to the content</a>'
        f'<header class="top"><h1>{e(title)}</h1><p class="sub">{e(subtitle)}</p>'
        f'<nav aria-label="Views">{links}</nav></header>\n'
        f'<div class="layout"><aside class="side" aria-label="Filters and contents">'
        f'<details class="panel" open><summary>{panel}</summary>{sidebar}</details></aside>\n'
        f'<main id="main" tabindex="-1">{main}</main></div>\n'
        '<div id="tip" role="tooltip" hidden></div>'
        f"<script>{script}</script></body></html>\n")
