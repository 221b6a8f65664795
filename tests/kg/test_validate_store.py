"""Fast full validation gives exactly plain pyshacl's results, on good data and on broken data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build_store, data_sources
from kg.store import OxigraphStore
from kg.validate import ValidationReport, validate
from kg.validate_store import store_union, validate_store

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "data" / "seeds").glob("*.ttl"))
REFERENCE = sorted((REPO / "data" / "reference").glob("*.ttl"))
CASES = sorted((REPO / "tests" / "shapes" / "cases").glob("*.invalid.ttl"))


def result_set(report: ValidationReport) -> set[tuple]:
    """What must match: (focus, path, value, constraint component, severity, source shape)."""
    return {
        (r.focus_node, str(r.result_path), r.value, r.constraint_component, r.severity, r.source_shape)
        for r in report.results
    }


def store_of(tmp_path: Path, files: list[Path]) -> OxigraphStore:
    data = tmp_path / "data"
    data.mkdir()
    for f in files:
        shutil.copy(f, data / f.name)
    store = OxigraphStore()
    build_store(store, data_sources(data))
    return store


def test_seed_data_has_seeds_to_compare() -> None:
    assert SEEDS, "no seed graphs found under data/seeds"


@pytest.mark.parametrize("workers", [pytest.param(1, id="one-process"), pytest.param(2, id="two-workers")])
def test_full_validation_of_seed_store_equals_plain_pyshacl(tmp_path: Path, workers: int) -> None:
    store = store_of(tmp_path, SEEDS + REFERENCE)
    plain = validate(store_union(store))
    assert result_set(validate_store(store, workers=workers)) == result_set(plain)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.stem) for c in CASES])
def test_full_validation_of_broken_fixture_equals_plain_pyshacl(tmp_path: Path, case: Path) -> None:
    store = store_of(tmp_path, [case])
    plain = validate(store_union(store))
    fast = validate_store(store, workers=2)
    assert result_set(fast) == result_set(plain)
    assert fast.conforms == plain.conforms


def test_broken_plan_is_reported_like_plain_pyshacl(tmp_path: Path) -> None:
    broken = tmp_path / "broken-2009-01-01-cabinet.ttl"
    broken.write_text(
        "@prefix cyp: <https://w3id.org/cypkg/def#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/cypkg/id/plan/broken-cypp-2011-2009> a cyp:ChildrenAndYoungPeoplesPlan ;\n"
        '    cyp:periodStart "2011"^^xsd:gYear ; cyp:periodEnd "2009"^^xsd:gYear ;\n'
        "    cyp:ownedBy <https://w3id.org/cypkg/id/board/no-such-board> .\n",
        encoding="utf-8",
    )
    store = store_of(tmp_path, [broken])
    fast = validate_store(store, workers=2)
    assert not fast.conforms
    assert result_set(fast) == result_set(validate(store_union(store)))
