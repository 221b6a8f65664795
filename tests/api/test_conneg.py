"""The Accept chooser, table-driven (after rdflib-endpoint's test_parse_accept)."""

from __future__ import annotations

import pytest

from api.conneg import choose, prefers_html
from api.routes.sparql import choose_formats

LOOKUP = ["application/json", "application/ld+json", "text/turtle"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        pytest.param(None, "application/json", id="no-accept-gives-default"),
        pytest.param("*/*", "application/json", id="anything-gives-default"),
        pytest.param("text/turtle", "text/turtle", id="exact-type"),
        pytest.param("text/turtle;q=0.9, application/ld+json", "application/ld+json", id="jsonld-preferred-by-q"),
        pytest.param("application/ld+json;q=0.5, text/turtle;q=0.8", "text/turtle", id="turtle-preferred-over-jsonld"),
        pytest.param("text/*", "text/turtle", id="type-wildcard"),
        pytest.param("application/*;q=0.2, text/turtle;q=0.1", "application/json", id="wildcard-beats-lower-q"),
        pytest.param(
            'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
            "application/ld+json",
            id="profile-parameter-ignored-for-matching",
        ),
        pytest.param("*/*;q=0.1, application/json;q=0", "application/ld+json", id="q-zero-excludes"),
        pytest.param("image/png", None, id="nothing-acceptable"),
        pytest.param("text/turtle;q=1.5", "text/turtle", id="q-over-one-clamped"),
        pytest.param("text/turtle;q=abc, application/json;q=0.1", "application/json", id="bad-q-means-zero"),
        pytest.param("garbage, text/turtle", "text/turtle", id="malformed-entry-skipped"),
        pytest.param("text/turtle, application/ld+json", "text/turtle", id="tie-goes-to-client-order"),
    ],
)
def test_choose_picks_the_offer_the_client_likes_best(accept: str | None, expected: str | None):
    assert choose(accept, LOOKUP, "application/json") == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        pytest.param(None, ("json", "turtle"), id="defaults"),
        pytest.param("application/sparql-results+xml", ("xml", None), id="xml-results-only"),
        pytest.param("text/csv", ("csv", None), id="csv"),
        pytest.param("text/tab-separated-values", ("tsv", None), id="tsv"),
        pytest.param(
            "application/sparql-results+json,application/json,text/javascript", ("json", None), id="sparqlwrapper-json"
        ),
        pytest.param("text/turtle,application/x-turtle", (None, "turtle"), id="turtle-only"),
        pytest.param("application/rdf+xml, application/sparql-results+xml", ("xml", "xml"), id="rdflib-style"),
        pytest.param("application/n-triples;q=0.9, text/turtle;q=0.3", (None, "ntriples"), id="ntriples-by-q"),
        pytest.param("*/*", ("json", "turtle"), id="anything"),
    ],
)
def test_sparql_formats_follow_accept(accept: str | None, expected: tuple[str | None, str | None]):
    assert choose_formats(accept) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        pytest.param("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True, id="browser"),
        pytest.param("*/*", False, id="curl"),
        pytest.param(None, False, id="none"),
        pytest.param("text/turtle, text/html;q=0.5", False, id="rdf-client-that-takes-html"),
    ],
)
def test_prefers_html_only_for_browsers(accept: str | None, expected: bool):
    assert prefers_html(accept) is expected
