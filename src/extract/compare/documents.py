"""What is compared with what: documents, and the sections of whole books, paired across
two editions by their title and their text, not by file name.

A *unit* is a section file, a page file, or one 第N節 (or a 第N章 without sections) of a
whole book. Units pair best first by how alike their titles are (第N節 and the like left
out: the numbers move between editions) and how alike their text is, with a small bonus
for the same file name. A lone unit on each side pairs with the other. A unit with no
counterpart gives its facts as added or removed, unless it is a part of a whole book
compared with separate section files (then only the book's sections that have a
counterpart are compared), or an undivided document much larger than any of its
sections (a book whose divisions were not found: then the book is compared whole).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..rules import load_toml
from .similarity import TextSpace, comparable, ratio

MENTION_TABLES = ("dates", "money", "quantities", "countries", "entities")
_DIVISION = re.compile(r"^第[0-9０-９一二三四五六七八九十百]+[部章節]$")
_DIVISION_HEAD = re.compile(r"^第[0-9０-９一二三四五六七八九十百]+[部章節][\s　]*")
_TITLE_NOISE = re.compile(r"【[^】]*】|\s")


@dataclass
class Unit:
    name: str                       # the document's path inside its edition folder
    doc_id: str
    path: str                       # the section path of the unit ("" for a whole document)
    title: str
    tables: dict[str, list[dict]] = field(default_factory=dict)
    book: bool = False              # one of several units of a document
    part: bool = False              # a section inside a unit (picked by --section)

    @staticmethod
    def empty() -> "Unit":
        return Unit("", "", "", "")

    def rows(self, table: str) -> list[dict]:
        return self.tables.get(table, [])

    def section_paths(self) -> list[str]:
        return [r["section"] for r in self.rows("sections") if r.get("section")]

    def section_text(self, path: str) -> str:
        """The sentences of a section (its own, not its children's), for comparing sections."""
        seen = dict.fromkeys(r.get("context") or "" for t in MENTION_TABLES for r in self.rows(t)
                             if r.get("section") == path)
        return "".join(seen)

    def text(self) -> str:
        seen = dict.fromkeys(r.get("context") or "" for t in MENTION_TABLES for r in self.rows(t))
        return "".join(seen)


def settings() -> dict:
    return load_toml("diff.toml")["units"]


def inner(doc_id: str) -> str:
    return doc_id.split("/", 1)[1] if "/" in doc_id else doc_id


def bare_title(title: str) -> str:
    """「第8節 ICT国際戦略の推進【要旨】」 → 「ICT国際戦略の推進」: what stays between editions."""
    return _TITLE_NOISE.sub("", comparable(_DIVISION_HEAD.sub("", (title or "").strip())))


def unit_path(section: str) -> str:
    """The book division a row stands in: 第3章.第9節.2.(1) → 第3章.第9節; "" outside any."""
    parts = (section or "").split(".")
    last = -1
    for i, p in enumerate(parts):
        if _DIVISION.match(p):
            last = i
    return ".".join(parts[:last + 1]) if last >= 0 else ""


def _records(df: pd.DataFrame | None) -> list[dict]:
    return [] if df is None else df.to_dict("records")


def units_of(tables: dict[str, pd.DataFrame]) -> list[Unit]:
    """The units of one side: each document, or each division of a whole book."""
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for name, df in tables.items():
        if name == "documents" or df is None or "doc_id" not in df:
            continue
        for r in _records(df):
            by_doc.setdefault(r["doc_id"], {}).setdefault(name, []).append(r)
    out = []
    for doc in _records(tables.get("documents")):
        doc_id = doc["doc_id"]
        rows = by_doc.get(doc_id, {})
        sections = rows.get("sections", [])
        divisions = {}
        for r in sections:
            p = unit_path(r.get("section") or "")
            if p and p not in divisions:
                divisions[p] = r
        if len(divisions) <= 1:
            out.append(Unit(inner(doc_id), doc_id, "", doc.get("title") or "", rows))
            continue
        # Rows group under their division; acronyms (no section) by where they stand.
        grouped: dict[str, dict[str, list[dict]]] = {p: {} for p in [""] + list(divisions)}
        spans = sorted(((_int(r.get("start")), _int(r.get("end")), p) for p, r in divisions.items()),
                       key=lambda s: (s[0], -s[1]))
        for name, table_rows in rows.items():
            for r in table_rows:
                if "section" in r:
                    p = unit_path(r.get("section") or "")
                else:
                    at = _int(r.get("start"))
                    p = next((q for s, e, q in reversed(spans) if s <= at < e), "")
                grouped.setdefault(p, {}).setdefault(name, []).append(r)
        for p, unit_rows in grouped.items():
            title = divisions[p].get("title") if p else doc.get("title")
            if p or any(unit_rows.get(t) for t in MENTION_TABLES):
                out.append(Unit(inner(doc_id), doc_id, p, title or "", unit_rows, book=True))
    return out


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def pair_units(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
               section: str | None = None) -> list[tuple[Unit | None, Unit | None]]:
    """(old unit, new unit) pairs to compare; None where a unit has no counterpart."""
    olds, news = units_of(old), units_of(new)
    olds, news = _whole_books(olds, news), _whole_books(news, olds)
    if section is not None:
        a, b = pick_section(olds, section), pick_section(news, section)
        if a is None and b is None:
            raise ValueError(f"no section titled like {section!r} in either edition")
        # Titled so in one edition only: its counterpart is the section with its text.
        a = a or counterpart(b, olds)
        b = b or counterpart(a, news)
        if a is None or b is None:
            missing = "older" if a is None else "newer"
            raise ValueError(f"no counterpart of the section {section!r} in the {missing} edition")
        return [(a, b)]
    if len(olds) == 1 and len(news) == 1:
        return [(olds[0], news[0])]
    s = settings()
    space = TextSpace([u.text() for u in olds + news])
    candidates = []
    for i, a in enumerate(olds):
        for j, b in enumerate(news):
            title = ratio(bare_title(a.title), bare_title(b.title)) if a.title and b.title else 0.0
            content = space.similarity(a.text(), b.text())
            same_name = a.name == b.name and a.path == b.path
            score = s["title"] * title + s["content"] * content + s["name"] * same_name
            if score >= s["pair_min"]:
                candidates.append((score, i, j))
    pair: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in pair and j not in taken:
            pair[i] = j
            taken.add(j)
    # A whole book against separate files: only its sections that have a counterpart.
    partial_old = _parts_of_books(olds, news, pair)
    partial_new = _parts_of_books(news, olds, {j: i for i, j in pair.items()})
    out: list[tuple[Unit | None, Unit | None]] = []
    for i, a in enumerate(olds):
        if i in pair:
            out.append((a, news[pair[i]]))
        elif a.doc_id not in partial_old:
            out.append((a, None))
    out += [(None, b) for j, b in enumerate(news) if j not in taken and b.doc_id not in partial_new]
    return out


def _whole_books(units: list[Unit], others: list[Unit]) -> list[Unit]:
    """A book against an undivided document much larger than any of its sections (a book
    whose 第N章 lines were not found): the book is compared whole, not one of its sections."""
    sizes = [len(u.text()) for u in others if not u.book]
    by_doc: dict[str, list[Unit]] = {}
    for u in units:
        by_doc.setdefault(u.doc_id, []).append(u)
    out = []
    for doc_id, parts in by_doc.items():
        largest = max(len(u.text()) for u in parts)
        if parts[0].book and any(other >= settings()["whole_ratio"] * largest for other in sizes):
            tables: dict[str, list[dict]] = {}
            for u in parts:
                for name, rows in u.tables.items():
                    tables.setdefault(name, []).extend(rows)
            first = next((u for u in parts if not u.path), parts[0])
            out.append(Unit(parts[0].name, doc_id, "", first.title if not first.path else "", tables))
        else:
            out.extend(parts)
    return out


def _parts_of_books(units: list[Unit], others: list[Unit], pair: dict[int, int]) -> set[str]:
    """Books whose paired sections all pair with units that are whole files."""
    paired: dict[str, list[Unit]] = {}
    for i, j in pair.items():
        if units[i].book:
            paired.setdefault(units[i].doc_id, []).append(others[j])
    return {doc for doc, counterparts in paired.items() if all(not u.book for u in counterparts)}


def pick_section(units: list[Unit], title: str) -> Unit | None:
    """The unit, or the section inside one, whose title is closest to `title`."""
    want = bare_title(title)
    best, best_score = None, 0.0
    for u in units:
        options = [(u.path, u.title)] + [(r.get("section") or "", r.get("title") or "") for r in u.rows("sections")]
        for path, t in options:
            have = bare_title(t)
            if not have:
                continue
            score = 1.0 if have == want else (0.9 if want in have else ratio(want, have))
            if score > best_score:
                best, best_score = (u, path), score
    if best is None or best_score < settings()["section_min"]:
        return None
    u, path = best
    if path == u.path:
        return u
    return _restrict(u, path)


def counterpart(unit: Unit, units: list[Unit]) -> Unit | None:
    """The unit, or the section inside one, most like `unit` by title and text."""
    s = settings()
    options = []
    for u in units:
        if not unit.part:
            options.append(u)                   # a unit's counterpart is a unit
        else:
            options += [_restrict(u, r["section"]) for r in u.rows("sections")
                        if r.get("section") and r["section"] != u.path]
    space = TextSpace([unit.text()] + [u.text() for u in options])
    best, best_score = None, s["pair_min"]
    size = len(unit.text())
    for u in options:
        if len(u.text()) > s["whole_ratio"] * max(size, 1):
            continue                    # a whole book is not a section's counterpart
        score = s["title"] * ratio(bare_title(unit.title), bare_title(u.title)) + \
            s["content"] * space.similarity(unit.text(), u.text())
        if score > best_score:
            best, best_score = u, score
    return best


def _restrict(u: Unit, path: str) -> Unit:
    prefix = path + "."
    spans = [(_int(r.get("start")), _int(r.get("end"))) for r in u.rows("sections") if r.get("section") == path]
    start, end = spans[0] if spans else (0, 0)
    tables = {}
    for name, rows in u.tables.items():
        if rows and "section" in rows[0]:
            tables[name] = [r for r in rows if (r.get("section") or "") == path
                            or (r.get("section") or "").startswith(prefix)]
        else:
            tables[name] = [r for r in rows if start <= _int(r.get("start")) < end]
    title = next((r.get("title") for r in u.rows("sections") if r.get("section") == path), u.title)
    return Unit(u.name, u.doc_id, path, title or "", tables, book=True, part=True)


def pair_documents(old: pd.DataFrame, new: pd.DataFrame) -> list[tuple[str, str | None, str | None]]:
    """(doc, old doc_id, new doc_id) from the documents tables alone (by path inside the
    edition folder, then title; a lone document on each side pairs with the other): for
    readers that place diff rows on documents."""
    old_ids, new_ids = list(old["doc_id"]), list(new["doc_id"])
    titles = dict(zip(new["doc_id"], new["title"]))
    pairs, used = [], set()
    for o_id, o_title in zip(old["doc_id"], old["title"]):
        match = next((n for n in new_ids if n not in used and inner(n) == inner(o_id)), None)
        if match is None:
            match = next((n for n in new_ids if n not in used and o_title and
                          bare_title(titles[n]) == bare_title(o_title)), None)
        if match is None and len(old_ids) == len(new_ids) == 1:
            match = new_ids[0]
        if match is not None:
            used.add(match)
        pairs.append((inner(o_id), o_id, match))
    pairs += [(inner(n), None, n) for n in new_ids if n not in used]
    return pairs
