"""Binding values into SPARQL text for endpoints without a bindings API (kg.store.binding)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import XSD, BNode, Literal, URIRef

from kg.errors import QueryError
from kg.store.binding import bind_values, declared_prefixes, query_form, table_block, values_block

KENT = URIRef("https://w3id.org/cypkg/id/authority/kent")


@pytest.mark.parametrize(
    ("query", "before_values"),
    [
        pytest.param("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE {", id="plain-select"),
        pytest.param("SELECT ?x { ?x ?p ?o }", "SELECT ?x {", id="select-without-where-keyword"),
        pytest.param(
            "# where { } in a comment\nSELECT ?x WHERE { ?x ?p ?o }",
            "# where { } in a comment\nSELECT ?x WHERE {",
            id="comment-with-braces",
        ),
        pytest.param(
            'PREFIX ex: <http://ex.org/where#>\nSELECT ?x WHERE { ?x ex:where "{ where }" }',
            "PREFIX ex: <http://ex.org/where#>\nSELECT ?x WHERE {",
            id="iri-and-prefixed-name-containing-where",
        ),
        pytest.param("SELECT ?where WHERE { ?where ?p ?o }", "SELECT ?where WHERE {", id="variable-named-where"),
        pytest.param(
            "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", "CONSTRUCT { ?x ?p ?o } WHERE {", id="construct-template"
        ),
        pytest.param("ASK { ?x ?p '''a } b \\' ''' ; ?q \"x\\\"}\" }", "ASK {", id="ask-with-escaped-and-long-strings"),
        pytest.param(
            "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }",
            "SELECT ?x WHERE {",
            id="subquery-gets-the-outer-group",
        ),
        pytest.param("SELECT ?x WHERE { ?x ?p ?o FILTER(?o < 3) }", "SELECT ?x WHERE {", id="less-than-is-not-an-iri"),
    ],
)
def test_values_block_goes_first_in_the_outermost_where_group(query: str, before_values: str) -> None:
    bound = bind_values(query, {"x": KENT})
    assert bound.startswith(before_values + " VALUES (?x)")
    ox.Store().query(bound)  # still valid SPARQL


def test_short_construct_where_gets_a_trailing_values_clause() -> None:
    bound = bind_values("CONSTRUCT WHERE { ?x ?p ?o }", {"x": KENT})
    assert bound.endswith(f"VALUES (?x) {{ (<{KENT}>) }}")
    ox.Store().query(bound)


@pytest.mark.parametrize(
    "term",
    [
        pytest.param(Literal('x" } DROP ALL { "'), id="quotes-and-braces"),
        pytest.param(Literal('"""\n} ; # not a comment'), id="long-quotes-newline-hash"),
        pytest.param(Literal("2019", datatype=XSD.gYear), id="typed"),
        pytest.param(Literal("Kent", lang="en-GB"), id="language"),
    ],
)
def test_bound_literal_comes_back_exactly_as_given(term: Literal) -> None:
    bound = bind_values("SELECT ?v WHERE { }", {"v": term})
    solutions = ox.Store().query(bound)
    assert isinstance(solutions, ox.QuerySolutions)
    (row,) = list(solutions)
    assert row["v"] == ox.Literal(
        str(term),
        datatype=None if term.language else ox.NamedNode(str(term.datatype or XSD.string)),
        language=term.language,
    )


def test_blank_node_cannot_be_bound() -> None:
    with pytest.raises(QueryError):
        values_block({"x": BNode()})


def test_variable_name_must_be_a_name() -> None:
    with pytest.raises(QueryError):
        values_block({"x) } DROP ALL { (?y": KENT})


def test_no_bindings_leaves_the_query_untouched() -> None:
    assert bind_values("SELECT * WHERE { ?s ?p ?o }", {}) == "SELECT * WHERE { ?s ?p ?o }"


def test_query_form_ignores_keywords_in_comments_and_strings() -> None:
    assert query_form('# SELECT\nASK { ?s ?p "CONSTRUCT" }') == "ASK"


def test_declared_prefixes_are_found_outside_comments() -> None:
    query = "# PREFIX no: <x:>\nPREFIX cyp: <https://w3id.org/cypkg/def#>\nPREFIX  ex:<http://e/>\nSELECT * {}"
    assert declared_prefixes(query) == {"cyp", "ex"}


def test_a_table_block_writes_unbound_cells_as_undef_and_escapes_values() -> None:
    block = table_block(["s", "label"], [[URIRef("https://example.org/a"), None], [None, Literal('say "hi" }')]])
    assert block == 'VALUES (?s ?label) { (<https://example.org/a> UNDEF) (UNDEF "say \\"hi\\" }") }'
