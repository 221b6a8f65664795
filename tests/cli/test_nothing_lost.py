"""No work lost without warning (#14 item 13): a rebuild keeps imported graphs (or drops them only
when asked, saying which), `cypkg template` and `cypkg export` never overwrite a workbook unasked,
and every command that replaces or removes data suggests a dump first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import REPO, Place, cli

IMPORTED = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/cypkg/id/test/imported> skos:prefLabel "typed in by an officer"@en .
"""


@pytest.fixture
def with_import(tiny: Place, tmp_path: Path) -> Place:
    """The tiny store plus a graph added by hand (as an import would add one)."""
    extra = tmp_path / "officer.ttl"
    extra.write_text(IMPORTED, encoding="utf-8")
    added = cli("load", str(extra), "--graph", "officer-workbook")
    assert added.exit_code == 0, added.output
    return tiny


def _graphs() -> str:
    return cli("graphs", "--format", "csv").stdout


def test_a_rebuild_keeps_imported_graphs_and_names_them(with_import: Place) -> None:
    rebuilt = cli("load")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "kept 1 imported graph(s) not built from data/: officer-workbook" in " ".join(rebuilt.stdout.split())
    assert "officer-workbook" in _graphs()
    assert "typed in by an officer" in cli("dump").stdout


def test_discard_imports_drops_them_and_says_which(with_import: Place) -> None:
    rebuilt = cli("load", "--discard-imports")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "dropped 1 imported graph(s): officer-workbook" in rebuilt.stdout
    assert "officer-workbook" not in _graphs()


SEED_REPORT = REPO / "data" / "sources" / "seeds" / "medway-2019-02-19-hwb.txt"


@pytest.mark.parametrize("command", ["template", "export", "extract"])
def test_a_workbook_is_not_overwritten_without_force(real: Place, tmp_path: Path, command: str) -> None:
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(b"filled in by someone")
    args = {
        "template": ["template", str(workbook)],
        "export": ["export", "medway-cypp-2019-2024", str(workbook)],
        "extract": ["extract", str(SEED_REPORT), "--review", str(workbook)],
    }[command]
    refused = cli(*args)
    assert refused.exit_code == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert workbook.read_bytes() == b"filled in by someone"


def test_template_overwrites_with_force(tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    workbook.write_bytes(b"old")
    written = cli("template", str(workbook), "--force")
    assert written.exit_code == 0, written.output
    assert workbook.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("command", ["load", "replace", "drop", "restore"])
def test_commands_that_replace_data_suggest_a_dump_first(command: str) -> None:
    shown = cli(command, "--help")
    assert "cypkg dump -o backup.nq" in " ".join(shown.stdout.split())
