"""Fictional example data (`cyp:fictional true`) stays out of every named query's and lookup's answer unless asked for.

Asked for means `include_examples` true, or a parameter naming a fictional node (`kg.queries.scope_examples`).
Every query runs here on the store built from all of data/ (Anyshire's example plans included), with its
required parameters bound to the examples its header gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

import pytest
from rdflib.term import Node

import kg.queries
from kg.queries import EXAMPLES_PARAMETER, NamedQuery, lookups
from kg.store.protocol import Store

FICTIONAL_PLAN = "anyshire-cypp-2024-2027"
REAL_PLAN = "medway-cypp-2019-2024"
FICTIONAL_PREFIX = "https://w3id.org/cypkg/id/"

NAMED = sorted(kg.queries.all_queries().values(), key=lambda q: q.name)
LOOKUPS = [
    lookups.lookup_query(p.stem)
    for p in sorted(lookups.LOOKUP_DIR.glob("*.rq"))
    if lookups.lookup_query(p.stem).form == "SELECT"
]
VIEWS = sorted(kg.queries.view_queries().values(), key=lambda q: q.name)
EVERY_QUERY = (
    [pytest.param(q, id=q.name) for q in NAMED]
    + [pytest.param(q, id=f"views/{q.name}") for q in VIEWS]
    + [pytest.param(q, id=f"lookups/{q.name}") for q in LOOKUPS]
)

BRING_EXAMPLES_BACK = (
    "consultation_by_plan",
    "dated_events",
    "decisions_for_plan",
    "governance_pathway",
    "meetings_for_plan",
    "outcome_framework",
    "partners_by_priority",
    "plan_history",
    "plans_by_authority",
    "priority_changes",
    "views/network_items",
    "views/network_links",
    "views/network_memberships",
    "views/network_partners_national",
    "views/network_plans",
    "lookups/authorities",
    "lookups/meetings",
    "lookups/partners",
    "lookups/plans",
)
"""Queries whose answer over all of data/ holds the fictional example once `include_examples` is true."""


@pytest.fixture(scope="module")
def fictional(embedded_store: Store) -> set[str]:
    """Every node flagged fictional in data/."""
    rows = embedded_store.select("SELECT DISTINCT ?node WHERE { ?node cyp:fictional true }")
    return {str(r["node"]) for r in rows}


def _required(query: NamedQuery) -> dict[str, str]:
    return {p.name: p.example or "" for p in query.parameters if not p.optional}


_ANSWERS: dict[tuple[int, str, frozenset[tuple[str, str]]], list[dict[str, Node]]] = {}
"""Answers already computed in this run: the store is read-only, and several tests ask the same question
(every query unbound but for its required examples; a required parameter bound to its own example)."""


def _run(store: Store, query: NamedQuery, params: Mapping[str, str]) -> list[dict[str, Node]]:
    """A named query or lookup as its callers run it (bindings scoped by `kg.queries.bind_scoped`)."""
    key = (id(store), query.text, frozenset(params.items()))
    if key not in _ANSWERS:
        _ANSWERS[key] = store.select(query.text, bindings=kg.queries.bind_scoped(store, query, params))
    return _ANSWERS[key]


def _declares_examples(query: NamedQuery) -> bool:
    return any(p.name == EXAMPLES_PARAMETER for p in query.parameters)


def _key(row: dict[str, Node]) -> frozenset[tuple[str, Node]]:
    return frozenset(row.items())


def _fictional_rows(rows: list[dict[str, Node]], fictional: set[str]) -> list[dict[str, Node]]:
    return [r for r in rows if any(str(v) in fictional for v in r.values())]


@pytest.mark.parametrize("query", EVERY_QUERY)
def test_a_query_filters_fictional_data_or_its_header_says_why_it_need_not(query: NamedQuery) -> None:
    declared = _declares_examples(query)
    reason = query.extra.get("examples", "")
    assert declared or reason.startswith(("none -", "given -")), (
        f"{query.name}: declare ?{EXAMPLES_PARAMETER} and filter on it, or say '# examples: none - why' "
        "(it cannot return fictional nodes) or '# examples: given - why' (it describes nodes its caller chose)"
    )
    if declared:
        assert "COALESCE(?include_examples, false)" in query.text, f"{query.name} declares ?include_examples unused"


@pytest.mark.parametrize("query", EVERY_QUERY)
def test_no_answer_names_a_fictional_node_unless_examples_are_asked_for(
    embedded_store: Store, fictional: set[str], query: NamedQuery
) -> None:
    if query.extra.get("examples", "").startswith("given -"):
        pytest.skip("describes only the nodes its caller gives it")
    rows = _run(embedded_store, query, _required(query))
    assert _fictional_rows(rows, fictional) == []


@pytest.mark.parametrize(
    "query", [pytest.param(q, id=q.name) for q in [*NAMED, *VIEWS, *LOOKUPS] if _declares_examples(q)]
)
def test_leaving_examples_out_keeps_every_real_row(
    embedded_store: Store, fictional: set[str], query: NamedQuery
) -> None:
    # a filter on a variable one UNION branch leaves unbound would drop real rows (NOT EXISTS matches any node)
    if "COUNT(" in query.text.upper():
        pytest.skip("a count: the examples change its numbers, not which rows it has")
    default = _run(embedded_store, query, _required(query))
    asked = _run(embedded_store, query, {**_required(query), EXAMPLES_PARAMETER: "true"})
    real = [r for r in asked if r not in _fictional_rows(asked, fictional)]
    assert Counter(_key(r) for r in default) == Counter(_key(r) for r in real)


@pytest.mark.parametrize("name", BRING_EXAMPLES_BACK)
def test_include_examples_brings_the_fictional_rows_back(embedded_store: Store, fictional: set[str], name: str) -> None:
    folder, _, local = name.rpartition("/")
    loaders: dict[str, Callable[[str], NamedQuery]] = {
        "lookups": lookups.lookup_query,
        "views": kg.queries.get_view,
        "": kg.queries.get,
    }
    query = loaders[folder](local)
    rows = _run(embedded_store, query, {**_required(query), EXAMPLES_PARAMETER: "true"})
    assert _fictional_rows(rows, fictional)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        pytest.param(q, p.name, id=f"{q.name}.{p.name}")
        for q in [*NAMED, *VIEWS, *LOOKUPS]
        for p in q.parameters
        if p.name != EXAMPLES_PARAMETER
    ],
)
def test_every_parameter_bound_to_its_header_example_runs(
    embedded_store: Store, query: NamedQuery, parameter: str
) -> None:
    example = next(p.example for p in query.parameters if p.name == parameter)
    assert example, f"{query.name}: give ?{parameter} an example in its header ('e.g. VALUE')"
    _run(embedded_store, query, {**_required(query), parameter: example})


def test_naming_a_fictional_plan_answers_it(embedded_store: Store) -> None:
    rows = kg.queries.run(embedded_store, "partners_by_priority", {"plan": FICTIONAL_PLAN})
    assert {str(r["plan"]) for r in rows} == {f"{FICTIONAL_PREFIX}plan/{FICTIONAL_PLAN}"}


def test_naming_a_real_plan_never_brings_fictional_rows(embedded_store: Store, fictional: set[str]) -> None:
    rows = kg.queries.run(embedded_store, "partners_by_priority", {"plan": REAL_PLAN})
    assert rows and _fictional_rows(rows, fictional) == []


def test_naming_a_fictional_plan_in_a_lookup_answers_it(embedded_store: Store) -> None:
    assert lookups.plan(embedded_store, FICTIONAL_PLAN, "/")["id"] == FICTIONAL_PLAN


def test_naming_a_fictional_council_lists_its_plans(embedded_store: Store) -> None:
    rows = kg.queries.run(embedded_store, "plans_by_authority", {"authority": "anyshire"})
    assert f"{FICTIONAL_PREFIX}plan/{FICTIONAL_PLAN}" in {str(r["plan"]) for r in rows}
