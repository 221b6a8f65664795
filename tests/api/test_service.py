"""Service-wide behaviour: writes behind the token and the SHACL gate, errors, request ids, CORS,
body limit, named queries, validation, injection attempts, and the OpenAPI description."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib.compare import to_isomorphic

from api.main import create_app
from kg.store.protocol import Store
from tests.api.conftest import TOKEN, settings_for

AUTH = {"Authorization": f"Bearer {TOKEN}"}
VALID_TTL = (
    b"<https://w3id.org/cypkg/id/organisation/api-test-org> "
    b'<http://www.w3.org/2004/02/skos/core#prefLabel> "API test org" .'
)
INVALID_TTL = (
    b"<https://w3id.org/cypkg/id/plan/api-test-plan> a <https://w3id.org/cypkg/def#ChildrenAndYoungPeoplesPlan> ."
)
TTL = {"Content-Type": "text/turtle"}


def test_writes_are_off_without_a_configured_token(light_store: Store):
    with TestClient(create_app(light_store, settings_for())) as c:
        before = light_store.count()
        r = c.put("/store", params={"graph": "api-test"}, content=VALID_TTL, headers={**TTL, **AUTH})
        assert r.status_code == 403
        assert r.json()["code"] == "WRITES_DISABLED"
        assert "CYPKG_API_TOKEN" in r.json()["hint"]
        assert light_store.count() == before


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        pytest.param({}, 401, "TOKEN_REQUIRED", id="missing-token"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, 401, "TOKEN_REQUIRED", id="wrong-scheme"),
        pytest.param({"Authorization": "Bearer not-the-token-at-all"}, 403, "TOKEN_REJECTED", id="wrong-token"),
    ],
)
def test_write_without_the_right_token_is_refused_and_changes_nothing(
    write_client: TestClient, light_store: Store, headers: dict, status: int, code: str
):
    before = light_store.count()
    for method in ("put", "post"):
        r = getattr(write_client, method)(
            "/store", params={"graph": "api-test"}, content=VALID_TTL, headers={**TTL, **headers}
        )
        assert (r.status_code, r.json()["code"]) == (status, code)
    r = write_client.delete("/store", params={"graph": "kent-2008-10-16-county-council"}, headers=headers)
    assert r.status_code == status
    assert light_store.count() == before


def test_put_with_token_writes_a_graph_that_passes_the_shapes(write_client: TestClient, light_store: Store):
    r = write_client.put("/store", params={"graph": "api-test"}, content=VALID_TTL, headers={**TTL, **AUTH})
    assert r.status_code == 200
    assert r.json()["graph"] == "api-test"
    got = write_client.get("/store", params={"graph": "api-test"}, headers={"Accept": "application/n-triples"})
    assert "API test org" in got.text
    assert write_client.delete("/store", params={"graph": "api-test"}, headers=AUTH).status_code == 200
    assert write_client.get("/store", params={"graph": "api-test"}).status_code == 404


def test_refused_write_is_422_with_the_report_and_leaves_the_graph_unchanged(
    write_client: TestClient, light_store: Store
):
    before = light_store.count()
    r = write_client.post("/store", params={"graph": "api-test"}, content=INVALID_TTL, headers={**TTL, **AUTH})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "SHACL_VIOLATION"
    assert "validate" in body["hint"]
    assert any(res["severity"] == "Violation" for res in body["report"]["results"])
    assert light_store.count() == before


def test_refused_replace_leaves_the_existing_graph_as_it_was(write_client: TestClient, light_store: Store):
    graph = "kent-2008-10-16-county-council"
    before, count = to_isomorphic(light_store.graph(graph)), light_store.count()
    r = write_client.put("/store", params={"graph": graph}, content=INVALID_TTL, headers={**TTL, **AUTH})
    assert r.status_code == 422
    assert to_isomorphic(light_store.graph(graph)) == before
    assert light_store.count() == count


def test_unparseable_body_is_400_and_writes_nothing(write_client: TestClient, light_store: Store):
    before = light_store.count()
    r = write_client.put("/store", params={"graph": "api-test"}, content=b"<a> <b> .", headers={**TTL, **AUTH})
    assert r.status_code == 400
    assert r.json()["code"] == "PARSE_ERROR"
    assert light_store.count() == before


def test_validate_reports_without_writing(write_client: TestClient, light_store: Store):
    before = light_store.count()
    r = write_client.post("/validate", content=INVALID_TTL, headers=TTL)
    assert r.status_code == 200
    assert r.json()["conforms"] is False
    assert r.json()["counts"]["Violation"] >= 1
    html = write_client.post("/validate", content=INVALID_TTL, headers={**TTL, "Accept": "text/html"})
    assert "does not conform" in html.text
    assert light_store.count() == before


def test_validate_reads_jsonld(write_client: TestClient):
    doc = b'{"@id": "https://w3id.org/cypkg/id/organisation/x", "http://www.w3.org/2004/02/skos/core#prefLabel": "X"}'
    r = write_client.post("/validate", content=doc, headers={"Content-Type": "application/ld+json"})
    assert r.json()["conforms"] is True


def test_body_over_the_limit_is_413(light_store: Store):
    with TestClient(create_app(light_store, settings_for(max_body_bytes=100, api_token=TOKEN))) as c:
        r = c.post("/validate", content=b"#" * 101, headers=TTL)
        assert r.status_code == 413
        assert r.json()["code"] == "BODY_TOO_LARGE"


def test_request_id_is_echoed_or_made(write_client: TestClient):
    assert write_client.get("/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    made = write_client.get("/health", headers={"X-Request-ID": "bad id <script>"}).headers["x-request-id"]
    assert made != "bad id <script>" and len(made) == 32
    problem = write_client.get("/plans/nowhere", headers={"X-Request-ID": "req-7"})
    assert problem.json()["request_id"] == "req-7"


def test_cors_is_closed_by_default(write_client: TestClient):
    r = write_client.get("/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_allows_configured_origins_only(light_store: Store):
    app = create_app(light_store, settings_for(cors_origins=["https://dash.example.gov.uk"]))
    with TestClient(app) as c:
        ok = c.get("/health", headers={"Origin": "https://dash.example.gov.uk"})
        other = c.get("/health", headers={"Origin": "https://evil.example"})
    assert ok.headers["access-control-allow-origin"] == "https://dash.example.gov.uk"
    assert "access-control-allow-origin" not in other.headers


def test_health_answers_ok_without_counting_the_store(write_client: TestClient):
    """/health is polled by load balancers: it asks the store one cheap question, never its size (#14 item 14)."""
    assert write_client.get("/health").json() == {"status": "ok"}


def test_unknown_route_is_a_problem_document(write_client: TestClient):
    r = write_client.get("/no/such/route")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["hint"]


def test_named_queries_are_listed_with_parameters(client: TestClient):
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert "indicator_trend" in listed
    assert [p["name"] for p in listed["indicator_trend"]["parameters"]] == ["authority", "indicator"]


def test_named_queries_are_listed_with_the_notes_on_how_to_read_them(client: TestClient):
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert "latest source" in listed["governance_pathway"]["note"]


def test_named_query_runs_as_json_and_csv(client: TestClient):
    params = {"authority": "medway", "indicator": "lait-lac"}
    body = client.get("/queries/indicator_trend", params=params).json()
    assert body["rows"] and all(r["authority"].endswith("/authority/medway") for r in body["rows"])
    csv_text = client.get("/queries/indicator_trend", params=params, headers={"Accept": "text/csv"}).text
    assert csv_text.splitlines()[0].startswith("authority,indicator,period")
    assert len(csv_text.splitlines()) == len(body["rows"]) + 1


@pytest.mark.parametrize(
    ("params", "code"),
    [
        pytest.param({"authority": "medway"}, "BAD_QUERY", id="missing-parameter"),
        pytest.param({"authority": "medway", "indicator": "lait-lac", "nope": "1"}, "BAD_QUERY", id="unknown-param"),
    ],
)
def test_named_query_with_bad_parameters_is_400(client: TestClient, params: dict, code: str):
    r = client.get("/queries/indicator_trend", params=params)
    assert (r.status_code, r.json()["code"]) == (400, code)
    assert r.json()["hint"]


def test_unknown_named_query_is_404(client: TestClient):
    assert client.get("/queries/no_such_query").json()["code"] == "UNKNOWN_ID"


INJECTIONS = [
    "x' } ; DROP ALL ; #",
    "kent> . ?s ?p ?o . <x",
    '") } INSERT DATA { <a:b> <a:c> <a:d> } #',
    "../../etc/passwd",
    "https://w3id.org/cypkg/id/plan/x> } DELETE WHERE { ?s ?p ?o } #",
    "<script>alert(1)</script>",
]
PATH_ROUTES = [
    "/plans/{}",
    "/partners/{}/priorities",
    "/priorities/{}",
    "/indicators/{}",
    "/id/plan/{}",
    "/id/{}/kent",
    "/queries/{}",
]
PARAM_ROUTES = [
    ("/plans", "authority"),
    ("/partners", "authority"),
    ("/strategies", "authority"),
    ("/meetings", "from"),
    ("/meetings", "to"),
    ("/meetings", "body"),
    ("/store", "graph"),
    ("/queries/indicator_trend", "authority"),
    ("/sparql", "default-graph-uri"),
]
TEXT_ROUTES = ["/plans", "/partners", "/strategies", "/meetings", "/authorities"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_through_paths_and_parameters_is_refused_and_changes_nothing(
    write_client: TestClient, light_store: Store, payload: str
):
    before = light_store.count()
    for route in PATH_ROUTES:
        r = write_client.get(route.format(payload.replace("/", "%2F")))
        assert r.status_code in (400, 404), (route, r.status_code)
    for route, name in PARAM_ROUTES:
        params = {name: payload}
        if route == "/queries/indicator_trend":
            params["indicator"] = "lait-lac"
        if route == "/sparql":
            params["query"] = "ASK { ?s ?p ?o }"
        r = write_client.get(route, params=params)
        assert r.status_code in (400, 404), (route, name, r.status_code)
    for route in TEXT_ROUTES:
        r = write_client.get(route, params={"q": payload})
        assert r.status_code == 200 and r.json()["total"] == 0, route
    assert light_store.count() == before


def test_every_route_has_a_summary_and_a_documented_error(write_client: TestClient):
    spec = write_client.get("/openapi.json").json()
    missing = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            errors = [s for s in op.get("responses", {}) if s.startswith(("4", "5"))]
            if not op.get("summary") or not errors:
                missing.append(f"{method.upper()} {path}")
    assert missing == []
