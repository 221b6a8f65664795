"""Output a person can use (#14 item 16): ids are never broken across lines, piped output is CSV,
validation reports show focus node and shape whole, and `cypkg graphs` counts exactly."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.term import Node
from rich.console import Console

from kg.cli.core import graph_sizes
from kg.cli.output import to_table
from kg.store.embedded import OxigraphStore
from tests.cli.conftest import REPO, Place, cli

CASES = REPO / "tests" / "validation" / "shapes" / "cases"
PLAN = URIRef("https://w3id.org/cypkg/id/plan/kent-cypp-2006-2008-with-a-long-tail")


def _rendered(renderable, width: int) -> str:  # noqa: ANN001
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [40, 80, 200])
def test_ids_are_never_broken_across_lines(width: int) -> None:
    rows: list[dict[str, Node]] = [
        {"plan": PLAN, "title": Literal("Children and Young People's Plan " * 4), "year": Literal(2006)}
    ]
    text = _rendered(to_table(rows, ["plan", "title", "year"], width=width), width)
    assert "kent-cypp-2006-2008-with-a-long-tail" in text
    assert "Children" in text


def test_a_table_that_fits_stays_a_table() -> None:
    rows: list[dict[str, Node]] = [{"plan": PLAN, "title": Literal("Short")}]
    assert "┃ plan" in _rendered(to_table(rows, ["plan", "title"], width=120), 120)


def test_query_rows_are_csv_when_piped(real: Place) -> None:
    piped = cli("query", "plan_history", "-p", "authority=kent")
    assert piped.exit_code == 0, piped.output
    rows = list(csv.DictReader(io.StringIO(piped.stdout)))
    assert rows and all(r["plan"].startswith("https://w3id.org/cypkg/id/plan/kent-") for r in rows)


def test_query_table_at_80_columns_keeps_every_plan_id_whole(real: Place) -> None:
    shown = cli("query", "plan_history", "-p", "authority=kent", "--format", "table")
    assert shown.exit_code == 0, shown.output
    ids = [
        r["plan"].rsplit("/", 1)[-1]
        for r in csv.DictReader(io.StringIO(cli("query", "plan_history", "-p", "authority=kent").stdout))
    ]
    assert ids and all(i in shown.stdout for i in ids)


def test_validation_report_shows_focus_node_and_shape_whole(real: Place) -> None:
    case = CASES / "PriorityShape-ownedBy-class.person-as-owner.invalid.ttl"
    checked = cli("validate", str(CASES / "_base.ttl"), str(case))
    assert checked.exit_code == 1
    for whole in ("cypsh:PriorityShape-ownedBy-class", "id:priority/testshire-thrive", "id:person/testshire-ann-smith"):
        assert whole in checked.stdout


def test_graph_sizes_are_exact_when_one_graph_is_too_big_to_count() -> None:
    store = OxigraphStore()
    big, small = ox.NamedNode("https://w3id.org/cypkg/graph/big"), ox.NamedNode("https://w3id.org/cypkg/graph/small")
    p = ox.NamedNode("https://example.org/p")
    store.as_oxigraph().extend(
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), p, ox.Literal(str(i)), big) for i in range(100_050)
    )
    store.as_oxigraph().extend(
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), p, ox.Literal(str(i)), small) for i in range(7)
    )
    assert graph_sizes(store) == {big.value: 100_050, small.value: 7}


def test_graphs_lists_every_graph_with_its_size(tiny: Place) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("graphs").stdout)))
    assert {"graph": "https://w3id.org/cypkg/graph/tiny", "triples": "2"} in rows


def _tour_outputs() -> list[str]:
    """The files the README tour writes: the argument after -o, --chart, --review and template."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"(?:-o|--output|--chart|--review|template|dump >)\s+([\w.-]+\.[a-z]+)\b", text)
    return sorted(set(found))


@pytest.mark.parametrize("made", _tour_outputs())
def test_the_tours_output_files_are_ignored_by_git(made: str) -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", made], cwd=REPO, check=False)
    assert ignored.returncode == 0, f"{made} is not in .gitignore"
