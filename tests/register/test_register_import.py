"""The plans register as data: read row by row, one graph per source page, through the gate, all or nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import RDF, XSD, Literal, URIRef

from kg.errors import InputError
from kg.imports.register import (
    OUTPUT_DIR,
    SOURCE_DIR,
    graph_name,
    import_register,
    is_register_graph,
    reference_authorities,
    reference_store,
    register_graphs,
)
from kg.imports.workbook import WorkbookInvalid
from kg.namespaces import CYP, ID, SCHEMA
from kg.store.protocol import Store
from tests.register.conftest import FIXTURE, copy_register

SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SMALL = {"York", "Kent"}
"""Two councils: a page without an address, dated and undated meetings, a plan that is not a CYPP."""


def _dump(store: Store) -> bytes:
    out = io.BytesIO()
    store.dump(out, "nquads")
    return b"\n".join(sorted(out.getvalue().splitlines()))


def _union(graphs: dict) -> set:
    return {t for g in graphs.values() for t in g}


def _values(graph) -> set:  # noqa: ANN001
    """Triples with decimals as numbers: Turtle writes "1" as 1.0, which is the same value."""
    return {(s, p, o.toPython() if isinstance(o, Literal) and o.datatype == XSD.decimal else o) for s, p, o in graph}


def _edit(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Set one cell (row numbered as a spreadsheet shows it: the header is row 1)."""
    path = folder / name
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        header = list(rows[0].keys())
    rows[row - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- through the gate, into a store ------------------------------------------------------------------


def test_importing_the_register_twice_changes_nothing_the_second_time(import_store: Store, tmp_path: Path) -> None:
    folder = copy_register(tmp_path / "register", SMALL)
    first = import_store_result = import_register(import_store, folder)
    assert first.changed and not first.dropped
    assert import_store_result.report is not None and import_store_result.report.conforms
    after_first = _dump(import_store)
    second = import_register(import_store, folder)
    assert second.changed == [] and second.dropped == [] and second.report is None
    assert _dump(import_store) == after_first


def test_the_register_loads_through_the_gate_with_warnings_only(import_store: Store, tmp_path: Path) -> None:
    result = import_register(import_store, copy_register(tmp_path / "register", SMALL))
    assert result.report is not None
    severities = {r.severity for r in result.report.results}
    assert severities == {"Warning"}
    shapes = {str(r.source_shape).rsplit("#", 1)[-1] for r in result.report.results}
    assert "MeetingShape-meetingDate-expected" not in shapes  # York's and Kent's meetings are dated
    assert {"RegisterEntryShape-url-expected", "PriorityShape-ownedBy-expected"} <= shapes
    assert set(import_store.graphs()) >= {f"https://w3id.org/cypkg/graph/{n}" for n in result.graphs}


@pytest.mark.parametrize(
    "file, row, column, value, words",
    [
        pytest.param("plans.csv", 2, "gss_code", "E99999999", "GSS code", id="bad-gss-code"),
        pytest.param("plans.csv", 2, "dfe_la_code", "999", "DfE code", id="codes-of-two-authorities"),
        pytest.param("plans.csv", 2, "period_end", "1999", "ends before it starts", id="period-reversed"),
        pytest.param("plans.csv", 2, "source_url", "www.example.org/no-scheme", "web address", id="url-without-scheme"),
        pytest.param("meetings.csv", 2, "date", "31/02/2024", "not a date", id="meeting-date-not-a-date"),
        pytest.param("meetings.csv", 2, "decision_taken", "maybe", "yes, no or unclear", id="decision-taken-word"),
        pytest.param("priorities.csv", 2, "plan_title", "A plan nobody has", "no plan of", id="priority-of-no-plan"),
        pytest.param("priorities.csv", 2, "kind", "ambition", "kind of priority", id="unknown-priority-kind"),
        pytest.param("coverage.csv", 2, "in_register", "perhaps", "yes or no", id="coverage-answer"),
    ],
)
def test_a_malformed_row_refuses_the_whole_import_and_the_store_is_unchanged(
    import_store: Store, tmp_path: Path, file: str, row: int, column: str, value: str, words: str
) -> None:
    folder = copy_register(tmp_path / "register")
    _edit(folder, file, row, column, value)
    before = _dump(import_store)
    with pytest.raises(WorkbookInvalid) as refused:
        import_register(import_store, folder)
    (problem,) = refused.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (file, row, column, value)
    assert words in problem.message and problem.fix
    assert f"row {row}" in str(refused.value) and "Nothing was written" in str(refused.value)
    assert _dump(import_store) == before


def test_every_broken_row_is_reported_at_once(tmp_path: Path) -> None:
    folder = copy_register(tmp_path / "register")
    _edit(folder, "plans.csv", 2, "period_start", "twenty")
    _edit(folder, "meetings.csv", 3, "date", "soon")
    with pytest.raises(WorkbookInvalid) as refused:
        register_graphs(folder, reference_authorities(reference_store()))
    assert [(p.sheet, p.row, p.column) for p in refused.value.problems] == [
        ("plans.csv", 2, "period_start"),
        ("meetings.csv", 3, "date"),
    ]


def test_a_file_with_the_wrong_columns_is_refused_naming_them(tmp_path: Path) -> None:
    folder = copy_register(tmp_path / "register")
    text = (folder / "partners.csv").read_text(encoding="utf-8").replace("role_as_stated", "role", 1)
    (folder / "partners.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="missing role_as_stated; not expected role"):
        register_graphs(folder, reference_authorities(reference_store()))


# --- what the graphs say -----------------------------------------------------------------------------


def test_each_source_page_is_its_own_graph_with_its_address_and_the_day_it_was_read(fixture_graphs: dict) -> None:
    url = "https://democracy.plymouth.gov.uk/ieIssueDetails.aspx?IId=45993&Opt=3&PlanId=0"
    name = graph_name(url, "")
    page = ID[f"webpage/{name}"]
    g = fixture_graphs[name]
    assert (page, RDF.type, CYP.WebPage) in g
    assert (page, SCHEMA.url, URIRef(url)) in g
    assert (page, CYP.dateRead, Literal("2026-11-30", datatype=XSD.date)) in g
    derived = {s for s, o in g.subject_objects(URIRef(PROV + "wasDerivedFrom"))}
    typed = {s for s in g.subjects(RDF.type, None)} - {page}
    assert typed == derived


def test_a_plan_is_identity_and_what_a_page_says_of_it_is_a_statement_as_at_the_day_read(fixture_graphs: dict) -> None:
    plan = ID["plan/plymouth-children-and-young-peoples-plan-2011-2014"]
    union = _union(fixture_graphs)
    on_node = {p for s, p, o in union if s == plan}
    assert {RDF.type, URIRef("http://purl.org/dc/terms/title"), CYP.authority} <= on_node
    assert not on_node & {CYP.periodStart, CYP.periodEnd, CYP.status, CYP.statusText}
    assert len({o for s, p, o in union if s == plan and p == URIRef("http://purl.org/dc/terms/title")}) == 1
    plan_statements = {s for s, p, o in union if p == RDF.type and o == CYP.PlanStatement}
    (statement,) = {s for s, p, o in union if p == CYP.describes and o == plan and s in plan_statements}
    values = {p: o for s, p, o in union if s == statement}
    assert values[CYP.asAt] == Literal("2026-11-30", datatype=XSD.date)
    assert values[CYP.periodStart] == Literal("2011", datatype=XSD.gYear)
    assert values[CYP.statusText] == Literal("Recommendations Approved (forward plan decision status)")


def test_an_undated_meeting_stays_undated_and_its_decision_keeps_the_register_s_words(fixture_graphs: dict) -> None:
    union = _union(fixture_graphs)
    meetings = {s for s, p, o in union if p == RDF.type and o == CYP.Meeting}
    undated = {m for m in meetings if not any(s == m and p == CYP.meetingDate for s, p, o in union)}
    assert ID["meeting/kent-kent-county-council-committee-2016-12-12"] in meetings - undated
    assert ID["meeting/plymouth-the-board-name-not-given-in-excerpt-1145e2d1"] in undated
    decision = ID["decision/plymouth-cabinet-2011-03-29"]
    said = {p: o for s, p, o in union if s == decision}
    assert said[CYP.decisionStatus] == CYP.Resolved and said[CYP.statusText] == Literal("yes")
    assert said[CYP.decisionKind] == CYP.Consider
    assert (
        str(said[URIRef("http://purl.org/dc/terms/description")])
        == "Recommended adoption of plan 2011/14 to City Council"
    )


def test_unclear_decisions_have_no_status_and_say_unclear(fixture_graphs: dict) -> None:
    union = _union(fixture_graphs)
    unclear = {s for s, p, o in union if p == CYP.statusText and o == Literal("unclear")}
    assert unclear
    assert not {s for s, p, o in union if s in unclear and p == CYP.decisionStatus}


def test_a_row_flagged_not_strictly_a_cypp_is_a_plan_of_its_kind_not_a_cypp(fixture_graphs: dict) -> None:
    union = _union(fixture_graphs)
    plan = ID["plan/milton-keynes-children-and-families-partnership-vision-and"]
    assert (plan, RDF.type, CYP.Plan) in union
    assert (plan, RDF.type, CYP.ChildrenAndYoungPeoplesPlan) not in union
    assert (plan, CYP.planKind, CYP.PartnershipVision) in union


def test_probably_the_same_plan_is_linked_never_merged(fixture_graphs: dict) -> None:
    union = _union(fixture_graphs)
    close = {(s, o) for s, p, o in union if p == URIRef(SKOS + "closeMatch")}
    assert (
        ID["plan/windsor-and-maidenhead-children-and-young-peoples-plan-2023-2028"],
        ID["plan/windsor-and-maidenhead-children-and-young-peoples-strategic-plan-for-rbwm"],
    ) in close
    exact = {(s, o) for s, p, o in union if p == URIRef(SKOS + "exactMatch")}
    assert (
        ID["plan/westminster-bi-borough-children-and-young-peoples-plan-2023-2026"],
        ID["plan/kensington-and-chelsea-bi-borough-children-and-young-peoples-plan-2023-2026"],
    ) in exact


def test_an_abolished_county_is_found_by_the_code_its_note_gives_and_a_borough_without_one_is_not_guessed(
    fixture_graphs: dict,
) -> None:
    union = _union(fixture_graphs)
    cumbria = ID["plan/cumbria-childrens-trust-board-priorities"]
    assert (cumbria, CYP.authority, ID["authority/cumbria"]) in union
    bournemouth = {s for s, p, o in union if p == RDF.type and str(s).startswith(str(ID["plan/bournemouth-"]))}
    assert bournemouth and not {s for s, p, o in union if s in bournemouth and p == CYP.authority}
    assert Literal("Bournemouth (borough council, abolished 2019)") in {
        o for s, p, o in union if p == CYP.councilAsWritten
    }


def test_a_page_without_a_recorded_address_is_a_register_entry_with_its_locator(fixture_graphs: dict) -> None:
    name = "register-no-url-york-children-and-young-peoples-plan-2024-2027"
    entry = ID[f"source/{name}"]
    g = fixture_graphs[name]
    assert (entry, RDF.type, CYP.RegisterEntry) in g
    assert not list(g.objects(entry, SCHEMA.url))
    assert "Health and Wellbeing Board 24 January 2024 Report" in str(g.value(entry, CYP.locator))


def test_a_qualified_owner_is_kept_as_words_not_as_an_owner(fixture_graphs: dict) -> None:
    union = _union(fixture_graphs)
    owner_text = {o for s, p, o in union if p == CYP.ownerText}
    assert owner_text == {Literal("Somerset Youth Forum (suggested)")}
    owned = {o for s, p, o in union if p == CYP.ownedBy}
    assert ID["organisation/lewisham-lewisham-children-and-young-peoples-strategic-partnership"] in owned


def test_coverage_is_dated_data_and_no_plan_found_keeps_what_was_found_instead(fixture_graphs: dict) -> None:
    g = fixture_graphs["register-coverage"]
    bexley = ID["statement/register-coverage-bexley"]
    assert g.value(bexley, CYP.inRegister) == Literal(False)
    assert g.value(bexley, CYP.coverageFinding) == CYP.OnlyOtherStrategiesFound
    assert g.value(bexley, CYP.asAt) == Literal("2026-11-30", datatype=XSD.date)
    assert "LAC and SEND strategies only" in str(g.value(bexley, URIRef("http://purl.org/dc/terms/description")))
    scilly = ID["statement/register-coverage-isles-of-scilly"]
    assert g.value(scilly, CYP.coverageFinding) == CYP.NothingRelevantFound


def test_every_graph_the_import_owns_is_named_register(fixture_graphs: dict) -> None:
    assert all(is_register_graph(name) for name in fixture_graphs)
    assert {"register-coverage", "register-themes"} <= set(fixture_graphs)


# --- the committed files ------------------------------------------------------------------------------


def test_the_committed_register_graphs_are_those_the_register_makes() -> None:
    """data/register/*.ttl is `cypkg register build`'s output; rebuild after editing the register."""
    from rdflib import Graph

    graphs = register_graphs(SOURCE_DIR, reference_authorities(reference_store()))
    committed = {p.stem: p for p in OUTPUT_DIR.glob("*.ttl") if is_register_graph(p.stem)}
    assert sorted(committed) == sorted(graphs), "run `cypkg register build`"
    stale = [n for n, g in graphs.items() if _values(Graph().parse(committed[n], format="turtle")) != _values(g)]
    assert not stale, f"stale: {stale[:5]}; run `cypkg register build`"


def test_the_fixed_copy_is_a_subset_of_the_register() -> None:
    for name in ("plans.csv", "priorities.csv", "meetings.csv", "partners.csv", "coverage.csv"):
        real = (SOURCE_DIR / name).read_text(encoding="utf-8").splitlines()
        copied = (FIXTURE / name).read_text(encoding="utf-8").splitlines()
        assert copied[0] == real[0]
        assert set(copied[1:]) <= set(real[1:]), f"{name}: a fixture row that the register does not have"
