"""The import commands as a user meets them: help text, exit codes, no tracebacks."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store.embedded import OxigraphStore
from tests.conftest import BACKENDS

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "sources" / "seeds" / "medway-2019-02-19-hwb.txt"
SAVED = REPO / "data" / "sources" / "moderngov" / "manchester"
SITE = "https://democracy.manchester.gov.uk"
RANGE = ("--from", "2026-01-01", "--to", "2026-03-31")
IMPORTED = "moderngov-manchester-committee-144-2026-01-01-2026-03-31"
MEETINGS = (  # the README tour's listing
    'SELECT ?date ?status (COUNT(?item) AS ?items) WHERE { ?m cyp:body/skos:prefLabel "Audit Committee" ; '
    "cyp:meetingDate ?date ; cyp:statusText ?status . OPTIONAL { ?item cyp:agendaItemOf ?m } } "
    "GROUP BY ?date ?status ORDER BY ?date"
)


def _cypkg(*args: str, tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CYPKG_STORE_DIR": str(tmp_path / "store"), "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )


def test_import_help_shows_both_forms(tmp_path):
    result = _cypkg("import", "--help", tmp_path=tmp_path)
    assert result.returncode == 0
    assert "moderngov" in result.stdout and "--dry-run" in result.stdout


def test_template_writes_a_workbook(tmp_path):
    result = _cypkg("template", "plan.xlsx", tmp_path=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "plan.xlsx").stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("import", "empty.xlsx"), id="empty-workbook"),
        pytest.param(("import", "moderngov", "--from", "2026-01-01"), id="moderngov-without-base"),
        pytest.param(("extract", "empty.xlsx"), id="empty-report"),
    ],
)
def test_bad_input_exits_2_with_a_hint_and_no_traceback(tmp_path, args):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    result = _cypkg(*args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "how to fix" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_writes_a_draft_and_a_review_workbook_and_prints_the_review_table(tmp_path):
    result = _cypkg("extract", str(SEED), "-o", "draft.ttl", "--review", "review.xlsx", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "review before use" in result.stdout
    assert "Cabinet" in result.stdout
    assert (tmp_path / "draft.ttl").read_text(encoding="utf-8").startswith("# DRAFT")
    assert (tmp_path / "review.xlsx").stat().st_size > 0


def test_an_extracted_review_workbook_imports_as_the_reports_graph(tmp_path, embedded_env):
    assert _cypkg("extract", str(SEED), "--review", "review.xlsx", tmp_path=tmp_path).returncode == 0
    result = _cypkg("import", "review.xlsx", tmp_path=tmp_path, env=embedded_env)
    assert result.returncode == 0, result.stderr
    assert "to graph medway-2019-02-19-hwb" in result.stdout
    assert "medway-2019-02-19-hwb" in _graphs(tmp_path, embedded_env)


@pytest.fixture
def embedded_env(reference_quads: list, tmp_path: Path) -> dict[str, str]:
    """Settings for a CLI run against an embedded store of its own holding the reference data."""
    store = OxigraphStore(tmp_path / "store")
    store.raw.extend(reference_quads)
    store.close()
    return {"CYPKG_STORE_DIR": str(tmp_path / "store")}


@pytest.fixture(params=BACKENDS)
def store_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Settings for a CLI run against a store of its own holding the reference data, on each backend."""
    if request.param == "embedded":
        yield request.getfixturevalue("embedded_env")
        return
    server = request.getfixturevalue("virtuoso_scratch_server")
    server.remote_store().restore(request.getfixturevalue("reference_dump"))
    yield {
        "CYPKG_BACKEND": "remote",
        "CYPKG_SPARQL_URL": server.sparql_url,
        "CYPKG_UPDATE_URL": server.update_url,
        "CYPKG_REMOTE_USER": "dba",
        "CYPKG_REMOTE_PASSWORD": "dba",
    }


def _graphs(tmp_path: Path, env: dict[str, str]) -> str:
    return _cypkg("graphs", tmp_path=tmp_path, env=env).stdout


def test_moderngov_import_reads_a_saved_copy_and_the_meetings_can_be_listed(tmp_path, store_env):
    imported = _cypkg(
        "import", "moderngov", "--base", SITE, "--saved", str(SAVED), "--committee", "144", *RANGE,
        tmp_path=tmp_path, env=store_env,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert f"wrote graph {IMPORTED}: 1 committee(s), 2 meeting(s)" in imported.stdout
    listed = _cypkg("sparql", MEETINGS, "--format", "csv", tmp_path=tmp_path, env=store_env)
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert [(r["date"], r["status"], r["items"]) for r in rows] == [
        ("2026-01-13", "Cancelled", "0"),
        ("2026-02-10", "Confirmed", "2"),
    ]


def _truncated_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "saved"
    shutil.copytree(SAVED, copy)
    whole = (copy / "GetMeeting-4967.xml").read_bytes()
    (copy / "GetMeeting-4967.xml").write_bytes(whole[: len(whole) // 2])
    return copy


@pytest.mark.parametrize(
    ("folder", "named", "scope"),
    [
        pytest.param(lambda tmp: tmp / "nowhere", "nowhere", ("--committee", "144"), id="missing-folder"),
        pytest.param(lambda tmp: SAVED, "GetMeetings-163.xml", (), id="absent-answer"),
        pytest.param(_truncated_copy, "GetMeeting-4967.xml:", ("--committee", "144"), id="malformed-xml"),
    ],
)
def test_bad_saved_copy_names_the_file_says_how_to_fix_and_writes_nothing(tmp_path, embedded_env, folder, named, scope):
    saved = folder(tmp_path)
    args = ("import", "moderngov", "--base", SITE, "--saved", str(saved), *scope, *RANGE)
    result = _cypkg(*args, tmp_path=tmp_path, env=embedded_env)
    assert result.returncode == 2
    assert named in result.stderr and "how to fix" in result.stderr
    assert "Traceback" not in result.stderr
    assert "moderngov-" not in _graphs(tmp_path, embedded_env)


def test_a_folder_given_as_base_is_refused_with_the_saved_option_as_the_fix(tmp_path):
    result = _cypkg("import", "moderngov", "--base", str(SAVED), *RANGE, tmp_path=tmp_path)
    assert result.returncode == 2
    assert f"--saved {SAVED}" in result.stderr
    assert not (tmp_path / "store").exists()
