"""Language models, loaded once per process and shared by every document.

The GiNZA pipeline is trimmed to what entity recognition needs (tok2vec and ner): the
parser and the rest would only slow every document down.
"""
from __future__ import annotations

from functools import cache

GINZA_MODEL = "ja_ginza"
GINZA_KEEP = ("tok2vec", "ner")


@cache
def ginza():
    import spacy

    nlp = spacy.load(GINZA_MODEL, exclude=[])
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in GINZA_KEEP])
    return nlp


@cache
def tagger():
    import fugashi

    return fugashi.Tagger()


def versions() -> dict[str, str]:
    """Versions for the run manifest: GiNZA's label scheme has changed between releases."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("extract", "spacy", "ginza", "ja-ginza", "fugashi", "unidic-lite", "pandas", "pycountry"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = ""
    return out
