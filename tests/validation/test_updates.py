"""SPARQL Update through the gate (#13 item 4, #14 items 2 and 11): what an update may do, and what it costs.

An update costs in proportion to what it changes: it reads only the graphs it names. Its WHERE
clause sees the union of all graphs, as queries do. What it writes is known before it runs, or it
is refused; SERVICE and LOAD reach only allow-listed endpoints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.errors import CypkgError, QueryError, ReadOnlyGraph, ValidationFailed
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.validation.sparql_policy import check_federation, check_sparql, plan_update
from kg.validation.updates import run_update

REPO = Path(__file__).resolve().parents[2]
G = "https://w3id.org/cypkg/graph/"
ORG = "https://w3id.org/cypkg/id/organisation/"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore()
    build_store(s, [x for x in data_sources(REPO / "data") if not x.path.name.endswith(".gz")])
    return s


class Watching:
    """A store that records which whole graphs were read (the cost of an update is what it copies)."""

    def __init__(self, inner: OxigraphStore) -> None:
        self.inner = inner
        self.graphs_read: list[str] = []

    def graph(self, name: str) -> Any:
        self.graphs_read.append(name.rsplit("/", 1)[-1])
        return self.inner.graph(name)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_an_update_reads_only_the_graphs_it_names(store: OxigraphStore):
    store.update(f'INSERT DATA {{ GRAPH <{G}upd-small> {{ <{ORG}upd-small> skos:prefLabel "Small" }} }}')
    watching = Watching(store)
    update = (
        f'INSERT {{ GRAPH <{G}upd-small> {{ ?a <http://www.w3.org/2000/01/rdf-schema#comment> "seen" }} }} '
        f'WHERE {{ ?a a cyp:LocalAuthority ; skos:prefLabel "Kent" }}'
    )
    try:
        assert [v.name for v in run_update(watching, update)] == ["upd-small"]
        assert set(watching.graphs_read) == {"upd-small"}
    finally:
        store.drop_graph("upd-small")


def test_an_update_where_clause_sees_the_union_default_graph(store: OxigraphStore):
    update = (
        f"INSERT {{ GRAPH <{G}upd-union> {{ ?plan <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?plan }} }} "
        "WHERE { ?plan a cyp:ChildrenAndYoungPeoplesPlan ; cyp:authority <https://w3id.org/cypkg/id/authority/kent> }"
    )
    try:
        assert [v.name for v in run_update(store, update)] == ["upd-union"]
        assert len(store.graph("upd-union")) >= 1
    finally:
        store.drop_graph("upd-union")


def test_blank_nodes_keep_their_identity_through_an_update(store: OxigraphStore):
    store.update(
        f'INSERT DATA {{ GRAPH <{G}upd-bnode> {{ <{ORG}upd-b> skos:prefLabel "B" ; '
        f'<http://www.w3.org/2000/01/rdf-schema#seeAlso> [ skos:prefLabel "inner" ] }} }}'
    )
    try:
        run_update(
            store,
            f'DELETE {{ GRAPH <{G}upd-bnode> {{ ?x skos:prefLabel "inner" }} }} '
            f'INSERT {{ GRAPH <{G}upd-bnode> {{ ?x skos:prefLabel "renamed" }} }} '
            f"WHERE {{ GRAPH <{G}upd-bnode> {{ <{ORG}upd-b> <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?x }} }}",
        )
        labels = store.select(
            f"SELECT ?l WHERE {{ GRAPH <{G}upd-bnode> {{ <{ORG}upd-b> "
            f"<http://www.w3.org/2000/01/rdf-schema#seeAlso> ?x . ?x skos:prefLabel ?l }} }}"
        )
        assert [str(r["l"]) for r in labels] == ["renamed"]
    finally:
        store.drop_graph("upd-bnode")


@pytest.mark.parametrize(
    ("update", "error", "words"),
    [
        (f"INSERT DATA {{ <{ORG}x> skos:prefLabel 'x' }}", QueryError, "default graph"),
        ("INSERT { GRAPH ?g { <urn:a> <urn:b> <urn:c> } } WHERE { GRAPH ?g { } }", QueryError, "variable"),
        ("CLEAR ALL", QueryError, "CLEAR ALL"),
        ("DROP NAMED", QueryError, "DROP NAMED"),
        (f"DROP GRAPH <{G}ontology>", ReadOnlyGraph, "read-only"),
        (f"ADD GRAPH <{G}authorities> TO GRAPH <{G}ontology>", ReadOnlyGraph, "read-only"),
        (f"DROP GRAPH <{G}kent-2008-10-16-county-council/inferred>", QueryError, "may not touch"),
        (f"LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <{G}upd-load>", QueryError, "LOAD is turned off"),
        (
            f"INSERT DATA {{ GRAPH <{G}upd-a> {{ <{ORG}a> skos:prefLabel 'a' }} }} ; "
            f"DELETE {{ GRAPH <{G}upd-a> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{G}upd-a> {{ ?s ?p ?o }} }}",
            QueryError,
            "first operation",
        ),
    ],
    ids=[
        "default-graph",
        "variable-graph",
        "clear-all",
        "drop-named",
        "ontology",
        "add-to-ontology",
        "inferred",
        "load",
        "later-where",
    ],
)
def test_an_update_whose_effect_cannot_be_gated_is_refused_and_changes_nothing(
    store: OxigraphStore, update: str, error: type[CypkgError], words: str
):
    before = store.count()
    with pytest.raises(error) as refused:
        run_update(store, update)
    assert words in refused.value.message
    assert store.count() == before


def test_an_update_that_breaks_a_shape_is_refused_with_the_report(store: OxigraphStore):
    before = store.count()
    with pytest.raises(ValidationFailed):
        run_update(store, f"INSERT DATA {{ GRAPH <{G}upd-bad> {{ <{ORG}bad> a cyp:ChildrenAndYoungPeoplesPlan }} }}")
    assert store.count() == before


def test_update_targets_are_read_from_the_text_whatever_its_spelling():
    plan = plan_update(
        "PREFIX g: <https://w3id.org/cypkg/graph/>\n"
        "# GRAPH <urn:in-a-comment> is not a target\n"
        'WITH g:with-one DELETE { ?s ?p "GRAPH <urn:in-a-string> {" } INSERT { GRAPH g:named { ?s ?p ?o } } '
        "USING g:read WHERE { ?s ?p ?o } ; "
        "copy silent graph g:from to g:to ; "
        "insert data { graph <https://w3id.org/cypkg/graph/data> { <urn:a> <urn:b> 1 } }"
    )
    assert plan.writes == [f"{G}data", f"{G}named", f"{G}to", f"{G}with-one"]
    assert plan.reads == [f"{G}from"]
    assert plan.operations[0].using == [f"{G}read"]


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://10.1.2.3/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SeRvIcE SILENT <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_unless_the_endpoint_is_allowed(text: str):
    with pytest.raises(QueryError):
        check_federation(text)
    with pytest.raises(QueryError):
        check_federation(text, ["https://query.example.gov.uk/"])


def test_service_to_an_allowed_endpoint_passes_and_keywords_in_strings_do_not_count():
    check_federation(
        "SELECT * WHERE { SERVICE <https://query.example.gov.uk/sparql> { ?s ?p ?o } }",
        ["https://query.example.gov.uk/"],
    )
    check_federation('SELECT * WHERE { ?s ?p "SERVICE <http://x/> LOAD" } # SERVICE <http://y/>')


def test_nesting_past_the_limit_is_refused_naming_the_depth():
    with pytest.raises(QueryError, match="81 levels deep"):
        check_sparql("ASK { FILTER(" + "(" * 79 + "1" + ")" * 79 + ") }")
    check_sparql("ASK { FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }")
