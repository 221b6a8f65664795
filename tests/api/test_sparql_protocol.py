"""The SPARQL 1.1 Protocol on a real server: methods, formats, real clients, budget and refusals."""

from __future__ import annotations

import csv
import io
import json
import threading
import time

import httpx
import pytest
from defusedxml import ElementTree
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from tests.api.conftest import LIVE_MAX_ROWS, LIVE_QUERY_TIMEOUT_S, TOKEN

KENT_CYPP = "https://w3id.org/cypkg/id/plan/kent-cypp-2008-2011"
KENT_TITLE = "Kent Children and Young People's Plan 2008-2011 – Positive about our Future"
TITLE_QUERY = f"SELECT ?title WHERE {{ <{KENT_CYPP}> dcterms:title ?title }}"
MEETINGS_CONSTRUCT = f"CONSTRUCT {{ ?d cyp:about <{KENT_CYPP}> }} WHERE {{ ?d cyp:about <{KENT_CYPP}> }}"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
KENT_GRAPH = "https://w3id.org/cypkg/graph/kent-2008-10-16-county-council"


def _xml_literals(body: bytes) -> list[str]:
    ns = "{http://www.w3.org/2005/sparql-results#}"
    return [e.text or "" for e in ElementTree.fromstring(body).iter(ns + "literal")]


def _titles(data: dict) -> list[str]:
    return [b["title"]["value"] for b in data["results"]["bindings"]]


def test_get_query_answers_sparql_json(http: httpx.Client):
    r = http.get("/sparql", params={"query": TITLE_QUERY})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert _titles(r.json()) == [KENT_TITLE]


def test_post_form_query_answers(http: httpx.Client):
    r = http.post("/sparql", data={"query": TITLE_QUERY}, headers={"Accept": "application/sparql-results+json"})
    assert _titles(r.json()) == [KENT_TITLE]


def test_post_sparql_query_body_answers(http: httpx.Client):
    r = http.post("/sparql", content=TITLE_QUERY.encode(), headers={"Content-Type": "application/sparql-query"})
    assert _titles(r.json()) == [KENT_TITLE]


def test_post_with_unknown_body_type_is_415(http: httpx.Client):
    r = http.post("/sparql", content=b"x", headers={"Content-Type": "image/png"})
    assert r.status_code == 415
    assert r.json()["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_default_graph_uri_limits_the_dataset(http: httpx.Client):
    query = f"ASK {{ <{KENT_CYPP}> ?p ?o }}"
    inside = http.get("/sparql", params={"query": query, "default-graph-uri": KENT_GRAPH})
    outside = http.get(
        "/sparql", params={"query": query, "default-graph-uri": "https://w3id.org/cypkg/graph/authorities"}
    )
    assert inside.json()["boolean"] is True
    assert outside.json()["boolean"] is False


def test_named_graph_uri_names_the_graphs_a_query_sees(http: httpx.Client):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = http.get("/sparql", params={"query": query, "named-graph-uri": KENT_GRAPH})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [KENT_GRAPH]


@pytest.mark.parametrize(
    ("accept", "media", "check"),
    [
        pytest.param(
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda body: _xml_literals(body) == [KENT_TITLE],
            id="xml",
        ),
        pytest.param(
            "text/csv",
            "text/csv",
            lambda body: list(csv.reader(io.StringIO(body.decode())))[1] == [KENT_TITLE],
            id="csv",
        ),
        pytest.param(
            "text/tab-separated-values",
            "text/tab-separated-values",
            lambda body: body.decode().splitlines()[0] == "?title",
            id="tsv",
        ),
    ],
)
def test_select_results_in_each_format(http: httpx.Client, accept: str, media: str, check):
    r = http.get("/sparql", params={"query": TITLE_QUERY}, headers={"Accept": accept})
    assert r.headers["content-type"].startswith(media)
    assert check(r.content)


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        pytest.param("text/turtle", "turtle", id="turtle"),
        pytest.param("application/n-triples", "nt", id="ntriples"),
        pytest.param("application/ld+json", "json-ld", id="jsonld"),
        pytest.param("application/rdf+xml", "xml", id="rdfxml"),
    ],
)
def test_construct_in_each_rdf_format_parses_to_the_same_graph(http: httpx.Client, accept: str, rdflib_format: str):
    r = http.get("/sparql", params={"query": MEETINGS_CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert len(g) >= 2
    assert set(g.objects()) == {URIRef(KENT_CYPP)}


def test_construct_with_only_results_formats_acceptable_is_406(http: httpx.Client):
    r = http.get("/sparql", params={"query": MEETINGS_CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406
    assert r.json()["code"] == "NOT_ACCEPTABLE"


def test_no_query_gives_a_service_description(http: httpx.Client):
    r = http.get("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g


def test_browser_gets_the_query_page_with_named_queries_and_no_external_assets(http: httpx.Client):
    r = http.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html")
    assert "indicator_trend" in r.text
    assert "views/partner-priority" in r.text
    assert "<script src" not in r.text and "<link" not in r.text and "cdn" not in r.text.lower()


def test_syntax_error_is_400_with_line_and_column(http: httpx.Client):
    r = http.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p }"})
    assert r.status_code == 400
    body = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert body["code"] == "BAD_QUERY"
    assert body["line"] == 2
    assert body["column"] in (9, 10)  # the closing brace, counted from 1 (or past it)
    assert body["hint"]


def test_update_without_token_is_401_and_changes_nothing(http: httpx.Client):
    before = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    update = f"INSERT DATA {{ GRAPH <{KENT_GRAPH}> {{ <{KENT_CYPP}> <http://example.org/p> 1 }} }}"
    r = http.post("/sparql", data={"update": update})
    assert r.status_code == 401
    assert r.json()["code"] == "TOKEN_REQUIRED"
    assert r.headers["www-authenticate"].startswith("Bearer")
    after = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert after == before


def test_update_with_wrong_token_is_403_and_changes_nothing(http: httpx.Client):
    update = f"DELETE WHERE {{ GRAPH <{KENT_GRAPH}> {{ ?s ?p ?o }} }}"
    r = http.post(
        "/sparql",
        content=update.encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer wrong-token-0123456789"},
    )
    assert r.status_code == 403
    assert r.json()["code"] == "TOKEN_REJECTED"
    assert http.get("/sparql", params={"query": TITLE_QUERY}).json()["results"]["bindings"]


def test_endless_query_is_refused_naming_the_time_limit(http: httpx.Client):
    r = http.get("/sparql", params={"query": ENDLESS})
    assert r.status_code == 503
    assert r.json()["code"] == "QUERY_LIMIT" and r.json()["limit"] == "time"
    assert f"{LIVE_QUERY_TIMEOUT_S:g} s" in r.json()["detail"]


def test_endless_query_is_stopped_at_the_limit_while_another_client_gets_answers(embedded_live_server: str):
    """Embedded only: Virtuoso may refuse the query up front by its cost estimate, so there is no meanwhile."""
    slow: dict[str, httpx.Response] = {}

    def run_endless() -> None:
        with httpx.Client(base_url=embedded_live_server, timeout=60) as c:
            slow["r"] = c.get("/sparql", params={"query": ENDLESS})

    thread = threading.Thread(target=run_endless)
    thread.start()
    answered_meanwhile: list[int] = []
    with httpx.Client(base_url=embedded_live_server, timeout=30) as other:
        while thread.is_alive() and len(answered_meanwhile) < 3:
            answered_meanwhile.append(other.get("/sparql", params={"query": TITLE_QUERY}).status_code)
            answered_meanwhile.append(other.get("/plans/kent-cypp-2008-2011").status_code)
    thread.join(60)
    assert set(answered_meanwhile) == {200}
    body = slow["r"].json()
    assert slow["r"].status_code == 503
    assert body["code"] == "QUERY_LIMIT" and body["limit"] == "time"
    assert f"{LIVE_QUERY_TIMEOUT_S:g} s" in body["detail"]


def test_server_answers_queries_after_a_worker_was_stopped(embedded_http: httpx.Client):
    """Embedded only: the killable query workers are how the embedded store stops a query."""
    assert embedded_http.get("/sparql", params={"query": ENDLESS}).status_code == 503
    for _ in range(4):
        assert _titles(embedded_http.get("/sparql", params={"query": TITLE_QUERY}).json()) == [KENT_TITLE]


def test_query_over_the_row_cap_is_refused_naming_the_limit(http: httpx.Client):
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    for _ in range(3):  # busy (a worker stopped by the test before is still being replaced): asked to come back
        if r.status_code != 503 or "Retry-After" not in r.headers:
            break
        time.sleep(float(r.headers["Retry-After"]))
        r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 422
    body = r.json()
    assert body["limit"] == "rows"
    assert f"{LIVE_MAX_ROWS:,}" in body["detail"]
    assert "LIMIT" in body["hint"]


@pytest.mark.parametrize(
    ("fmt", "read"),
    [
        pytest.param(JSON, lambda res: _titles(res.convert()), id="json"),
        pytest.param(
            XML, lambda res: [n.firstChild.data for n in res.convert().getElementsByTagName("literal")], id="xml"
        ),
        pytest.param(CSV, lambda res: res.convert().decode().splitlines()[1:], id="csv"),
        pytest.param(TSV, lambda res: [line.strip('"') for line in res.convert().decode().splitlines()[1:]], id="tsv"),
    ],
)
def test_sparqlwrapper_reads_select_results(live_server: str, fmt: str, read):
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(
        TITLE_QUERY.replace("dcterms:", "<http://purl.org/dc/terms/>").replace(
            "<http://purl.org/dc/terms/>title", "<http://purl.org/dc/terms/title>"
        )
    )
    client.setReturnFormat(fmt)
    assert read(client.query()) == [KENT_TITLE]


def test_sparqlwrapper_reads_construct_as_turtle(live_server: str):
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(MEETINGS_CONSTRUCT.replace("cyp:", "<https://w3id.org/cypkg/def#").replace("#about", "#about>"))
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    assert isinstance(turtle, bytes | str)
    g = Graph().parse(data=turtle, format="turtle")
    assert set(g.objects()) == {URIRef(KENT_CYPP)}


def test_rdflib_sparqlstore_queries_the_endpoint(live_server: str):
    graph = Graph(SPARQLStore(f"{live_server}/sparql", returnFormat="json"))
    rows = list(graph.query(f"SELECT ?t WHERE {{ <{KENT_CYPP}> <http://purl.org/dc/terms/title> ?t }}"))
    assert rows == [(Literal(KENT_TITLE),)]
    assert graph.query(f"ASK {{ <{KENT_CYPP}> ?p ?o }}").askAnswer is True


def test_rdflib_sparqlstore_with_xml_results(live_server: str):
    graph = Graph(SPARQLStore(f"{live_server}/sparql", returnFormat="xml", method="POST"))
    rows = list(graph.query(f"SELECT ?t WHERE {{ <{KENT_CYPP}> <http://purl.org/dc/terms/title> ?t }}"))
    assert rows == [(Literal(KENT_TITLE),)]


def test_update_with_token_goes_through_the_shacl_gate(http: httpx.Client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = "https://w3id.org/cypkg/graph/api-test-update"
    plan = "<https://w3id.org/cypkg/id/plan/api-test>"
    bad = f"INSERT DATA {{ GRAPH <{graph}> {{ {plan} a cyp:ChildrenAndYoungPeoplesPlan }} }}"
    refused = http.post("/sparql", data={"update": bad}, headers=auth)
    assert refused.status_code == 422
    assert refused.json()["code"] == "SHACL_VIOLATION"
    assert any(r["severity"] == "Violation" for r in refused.json()["report"]["results"])
    good = (
        f"INSERT DATA {{ GRAPH <{graph}> {{ <https://w3id.org/cypkg/id/organisation/api-test-org> "
        f'skos:prefLabel "API test organisation" }} }}'
    )
    assert http.post("/sparql", data={"update": good}, headers=auth).json() == {
        "changed": ["api-test-update"],
        "warnings": 0,
    }
    ask = http.get("/sparql", params={"query": "ASK { <https://w3id.org/cypkg/id/organisation/api-test-org> ?p ?o }"})
    assert ask.json()["boolean"] is True
    assert json.loads(http.delete("/store", params={"graph": "api-test-update"}, headers=auth).text)["dropped"]
