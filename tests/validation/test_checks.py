"""The cross-document data checks (kg/queries/checks/*-violation.rq): silent on data/, loud on a broken case."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource
from kg.validation.checks import all_checks, run_checks
from tests.support.command import cypkg_command

CASES = Path(__file__).resolve().parent / "checks"
CHECKS = sorted(all_checks())
EXPECTED_ROWS = {
    "dangling-reference-violation": 1,
    "plan-period-reversed-violation": 1,
    "plan-replaces-itself-violation": 2,
    "provenance-from-another-document-violation": 1,
    "register-fact-without-source-violation": 2,
    "shared-gss-code-violation": 2,
}


def test_there_are_checks_and_each_has_a_broken_case() -> None:
    assert CHECKS
    assert sorted(p.stem for p in CASES.glob("*.trig")) == CHECKS
    assert sorted(EXPECTED_ROWS) == CHECKS


@pytest.mark.parametrize("name", CHECKS)
def test_check_says_why_it_exists(name: str) -> None:
    assert all_checks()[name].extra.get("why")


@pytest.mark.parametrize("name", CHECKS)
def test_check_finds_nothing_in_data(store: Store, name: str) -> None:
    (result,) = run_checks(store, [name])
    assert result.rows == [], f"{name} found problems in data/: {result.rows[:10]}"


@pytest.mark.parametrize("name", CHECKS)
def test_check_finds_the_problem_in_its_broken_case(name: str) -> None:
    broken = OxigraphStore()
    broken.load_sources([RdfSource(CASES / f"{name}.trig", "")], infer=False)
    (result,) = run_checks(broken, [name])
    assert len(result.rows) == EXPECTED_ROWS[name], result.rows


def test_cli_check_exits_1_and_prints_the_rows_of_a_failed_check(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(CASES / "dangling-reference-violation.trig", data / "typo-report.trig")
    env = {**os.environ, "CYPKG_STORE_DIR": str(tmp_path / "store"), "CYPKG_DATA_DIR": str(data), "COLUMNS": "250"}
    ran = subprocess.run([*cypkg_command(), "check"], env=env, capture_output=True, text=True, check=False, timeout=600)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "failed dangling-reference-violation" in ran.stdout
    assert "anyshire-cypp-2020-2032" in ran.stdout
