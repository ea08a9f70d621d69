"""The recognizers against the hand-read fixtures of the 2019 and 2020 editions (MIC's text
version) and the seed: exact F1 per table, with the targets the project holds itself to."""
import pytest

from scoring import score

# What each table must reach on both editions (exact F1).
TARGETS = {"sections": 1.0, "dates": 0.97, "money": 0.97, "countries": 0.97, "quantities": 0.95,
           "entities": 0.90}
CASES = [(edition, table) for edition in ("2019", "2020") for table in TARGETS]


@pytest.mark.parametrize("edition,table", CASES, ids=[f"{e}-{t}" for e, t in CASES])
def test_edition_fixture(edition, table):
    result = score(edition, table)
    assert result is not None, f"no {table} fixture for {edition}"
    s, missed, extra = result
    assert s.f1 >= TARGETS[table], (f"{edition} {table}: F1 {s.f1:.3f} < {TARGETS[table]}",
                                    sorted(missed)[:10], sorted(extra)[:10])


@pytest.mark.parametrize("table", ["sections", "dates", "money", "countries"])
def test_seed_fixture_is_still_exact(table):
    s, missed, extra = score("2022", table)
    assert s.f1 == 1.0, (sorted(missed), sorted(extra))
