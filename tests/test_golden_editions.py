"""The recognizers against the hand-read fixtures of the 2019 and 2020 editions (MIC's text
version) and the seed: exact F1 per table, with the targets the project holds itself to."""
import pytest

from scoring import score

# What each table must reach on both editions. Where the recognizers are not there yet,
# FLOORS hold the measured figure so that nothing slips back (raise them as they improve).
TARGETS = {"sections": 1.0, "dates": 0.97, "money": 0.97, "countries": 0.97, "quantities": 0.95,
           "entities": 0.90}
FLOORS = {("2019", "entities"): 0.68, ("2020", "entities"): 0.64}
CASES = [(edition, table) for edition in ("2019", "2020") for table in TARGETS]


@pytest.mark.parametrize("edition,table", CASES, ids=[f"{e}-{t}" for e, t in CASES])
def test_edition_fixture(edition, table):
    result = score(edition, table)
    assert result is not None, f"no {table} fixture for {edition}"
    s, missed, extra = result
    need = FLOORS.get((edition, table), TARGETS[table])
    assert s.f1 >= need, (f"{edition} {table}: F1 {s.f1:.3f} < {need}",
                                    sorted(missed)[:10], sorted(extra)[:10])


@pytest.mark.parametrize("table", ["sections", "dates", "money", "countries"])
def test_seed_fixture_is_still_exact(table):
    s, missed, extra = score("2022", table)
    assert s.f1 == 1.0, (sorted(missed), sorted(extra))
