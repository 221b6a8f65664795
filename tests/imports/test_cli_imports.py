"""The import commands as a user meets them: help text, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "sources" / "seeds" / "medway-2019-02-19-hwb.txt"


def _cypkg(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CYPKG_STORE_DIR": str(tmp_path / "store"), "COLUMNS": "200"}
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


def test_extract_writes_a_draft_and_prints_the_review_table(tmp_path):
    result = _cypkg("extract", str(SEED), "-o", "draft.ttl", "--review", "review.csv", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "review before use" in result.stdout
    assert "Cabinet" in result.stdout
    assert (tmp_path / "draft.ttl").read_text(encoding="utf-8").startswith("# DRAFT")
    assert (tmp_path / "review.csv").read_text(encoding="utf-8").startswith("kind,statement")
