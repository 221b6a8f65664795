"""Safe to put in front of other council systems (#14): each failure the probe found, over real HTTP.

Each test reproduces one numbered failure of issue 14 against a real server: the embedded live
server (one uvicorn worker, killable query workers, writes on the app's own thread) or `cypkg serve
--workers 2` (the writer process and snapshots). Where a write is refused, the test proves the
store byte-identical by the SHA-256 of its N-Quads dump.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from api.main import create_app
from kg.store.embedded import OxigraphStore
from tests.api.conftest import (
    LIVE_HEADER_TIMEOUT_S,
    SERVED_WRITE_TIMEOUT_S,
    TOKEN,
    LiveServer,
    dump_sha256,
    settings_for,
)
from tests.support.served import Served

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TTL = {"Content-Type": "text/turtle"}
ID = "https://w3id.org/cypkg/id/"
GRAPH = "https://w3id.org/cypkg/graph/"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""Never finishes on the light data (a three-way cross product), using CPU but no memory."""


def org(slug: str, label: str) -> bytes:
    return f'<{ID}organisation/{slug}> <http://www.w3.org/2004/02/skos/core#prefLabel> "{label}" .'.encode()


class Listener:
    """A TCP port on loopback that records every connection made to it (a URL the server must never fetch)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    port = Listener()
    yield port
    port.close()


# --- 1. write deadlock ------------------------------------------------------------------------------------


def test_overlapping_writes_all_answer_and_health_stays_up(embedded_http: httpx.Client, disk_store: OxigraphStore):
    """Two or more writes at once (PUT and SPARQL Update, in any pair) once froze the whole service."""
    url = str(embedded_http.base_url)
    update = f'INSERT DATA {{ GRAPH <{GRAPH}safety-overlap-u> {{ <{ID}organisation/overlap-u> skos:prefLabel "U" }} }}'

    def put(i: int) -> int:
        with httpx.Client(base_url=url, timeout=120) as c:
            body = org(f"overlap-{i}", f"Overlap {i}")
            return c.put(
                "/store", params={"graph": f"safety-overlap-{i}"}, content=body, headers={**TTL, **AUTH}
            ).status_code

    def post_update() -> int:
        with httpx.Client(base_url=url, timeout=120) as c:
            return c.post("/sparql", data={"update": update}, headers=AUTH).status_code

    # a client that gives up and retries: it waits a microsecond for an answer, which no write beats
    impatient = httpx.Client(base_url=url, timeout=httpx.Timeout(30.0, read=1e-6))
    with impatient, pytest.raises(httpx.TimeoutException):
        impatient.put(
            "/store", params={"graph": "safety-overlap-0"}, content=org("overlap-0", "0"), headers={**TTL, **AUTH}
        )
    with ThreadPoolExecutor(6) as pool:
        writes = [pool.submit(put, i) for i in range(3)] + [pool.submit(post_update)]
        health = [embedded_http.get("/health", timeout=30).status_code for _ in range(5)]
        statuses = [w.result(timeout=300) for w in writes]
    assert statuses == [200, 200, 200, 200]
    assert health == [200] * 5
    assert put(0) == 200
    for name in ("safety-overlap-0", "safety-overlap-1", "safety-overlap-2", "safety-overlap-u"):
        assert embedded_http.delete("/store", params={"graph": name}, headers=AUTH, timeout=120).status_code == 200


# --- 2. server-side requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql?x=1> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . service <http://127.0.0.1:{port}/> { ?s ?p ?o } } LIMIT 1",
        "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    ],
    ids=["service", "silent", "lower-case", "variable-endpoint"],
)
def test_service_in_a_query_is_refused_without_any_request_being_made(
    embedded_http: httpx.Client, listener: Listener, query: str
):
    r = embedded_http.get("/sparql", params={"query": query.replace("{port}", str(listener.port))})
    assert r.status_code == 400
    assert r.json()["code"] == "BAD_QUERY"
    assert "CYPKG_FEDERATION_ALLOW" in r.json()["hint"]
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize("source", ["http://127.0.0.1:{port}/data.ttl", "file:///etc/passwd"], ids=["http", "file"])
def test_load_is_refused_and_leaves_the_store_unchanged(
    embedded_http: httpx.Client, disk_store: OxigraphStore, listener: Listener, source: str
):
    before = dump_sha256(disk_store)
    update = f"LOAD <{source.replace('{port}', str(listener.port))}> INTO GRAPH <{GRAPH}safety-load>"
    r = embedded_http.post("/sparql", data={"update": update}, headers=AUTH)
    assert r.status_code == 400
    assert "LOAD is turned off" in r.json()["detail"]
    time.sleep(0.3)
    assert listener.connections == 0
    assert dump_sha256(disk_store) == before


# --- 3. unbounded memory, and fair queuing ------------------------------------------------------------------


CAPPED_MEMORY_MB = 800


@pytest.fixture(scope="module")
def capped_http(disk_store: OxigraphStore) -> Iterator[httpx.Client]:
    """A server whose one query worker may use 800 MB and a minute: a memory hog meets the cap first."""
    settings = settings_for(query_timeout=60, query_memory_mb=CAPPED_MEMORY_MB)
    server = LiveServer(create_app(disk_store, settings, query_workers=1))
    server.start()
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client
    server.stop()


def test_a_query_over_the_memory_cap_is_stopped_and_the_service_answers_on(capped_http: httpx.Client):
    """A short anonymous query once took a worker to 4.2 GB; now the worker's address space is capped."""
    query = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    r = capped_http.get("/sparql", params={"query": query})
    assert r.status_code == 503
    assert r.json()["limit"] == "memory"
    assert f"{CAPPED_MEMORY_MB:,} MB" in r.json()["detail"]
    assert capped_http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_a_cap_smaller_than_a_loaded_worker_still_answers_after_a_write(disk_store: OxigraphStore):
    """The cap counts from the loaded worker: CI once had a worker die starting a store thread under its cap."""
    settings = settings_for(query_memory_mb=256, api_token=TOKEN)
    server = LiveServer(create_app(disk_store, settings, query_workers=1))
    server.start()
    body = '<https://w3id.org/cypkg/id/organisation/small-cap> <http://www.w3.org/2000/01/rdf-schema#label> "x" .'
    ask = {"query": "ASK { <https://w3id.org/cypkg/id/organisation/small-cap> ?p ?o }"}
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            headers = {"Content-Type": "text/turtle", **AUTH}
            put = client.put("/store", params={"graph": "small-cap"}, content=body, headers=headers)
            assert put.status_code == 200
            answer = client.get("/sparql", params=ask)
            assert answer.status_code == 200
            assert answer.json()["boolean"] is True
    finally:
        httpx.delete(f"{server.url}/store", params={"graph": "small-cap"}, headers=AUTH, timeout=120)
        server.stop()


def test_two_clients_looping_slow_queries_do_not_starve_a_third(embedded_live_server: str):
    """Two clients looping slow queries once made everyone else's /sparql answer 503."""
    stop = threading.Event()

    def abuse(address: str) -> None:
        transport = httpx.HTTPTransport(local_address=address)
        with httpx.Client(base_url=embedded_live_server, transport=transport, timeout=60) as c:
            while not stop.is_set():
                c.get("/sparql", params={"query": SLOW_QUERY})

    threads = [threading.Thread(target=abuse, args=(a,), daemon=True) for a in ("127.0.0.2", "127.0.0.3")]
    for t in threads:
        t.start()
    try:
        time.sleep(3)  # both workers now busy with the loops
        with httpx.Client(base_url=embedded_live_server, timeout=60) as me:
            answers = [me.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}) for _ in range(2)]
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    assert [a.status_code for a in answers] == [200, 200]


# --- 4. /validate bounded, 5. no parsing on the event loop -------------------------------------------------


def test_validate_over_its_size_limit_is_413(embedded_http: httpx.Client):
    body = b"# padding\n" * 120_000  # 1.2 MB, over the default CYPKG_VALIDATE_MAX_BYTES of 1 MB
    r = embedded_http.post("/validate", content=body, headers=TTL)
    assert r.status_code == 413
    assert "CYPKG_VALIDATE_MAX_BYTES" in r.json()["detail"]


def test_a_slow_validation_stops_at_its_time_limit_while_queries_are_answered(embedded_http: httpx.Client):
    plans = "".join(
        f"<{ID}plan/slow-{i}> a <https://w3id.org/cypkg/def#ChildrenAndYoungPeoplesPlan> ; "
        f'<http://purl.org/dc/terms/title> "Plan {i}" .\n'
        for i in range(6000)
    ).encode()
    url = str(embedded_http.base_url)
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(lambda: httpx.post(f"{url}/validate", content=plans, headers=TTL, timeout=120))
        time.sleep(0.5)
        during = [embedded_http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}) for _ in range(3)]
        answer = slow.result(timeout=120)
    assert [d.status_code for d in during] == [200, 200, 200]
    assert answer.status_code == 503
    assert answer.json()["limit"] == "time"
    assert "CYPKG_VALIDATE_TIMEOUT" in answer.json()["detail"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="https://w3id.org/cypkg/id/organisation/lol"><rdf:value>&lol9;</rdf:value>
</rdf:Description></rdf:RDF>"""


def test_billion_laughs_is_refused_unread_on_validate_and_put(embedded_http: httpx.Client, disk_store: OxigraphStore):
    before = dump_sha256(disk_store)
    xml = {"Content-Type": "application/rdf+xml"}
    checked = embedded_http.post("/validate", content=BILLION_LAUGHS, headers=xml)
    written = embedded_http.put(
        "/store", params={"graph": "safety-lol"}, content=BILLION_LAUGHS, headers={**xml, **AUTH}
    )
    for r in (checked, written):
        assert r.status_code == 400
        assert r.json()["code"] == "PARSE_ERROR"
        assert "DOCTYPE" in r.json()["detail"]
    assert embedded_http.get("/health").status_code == 200
    assert dump_sha256(disk_store) == before


# --- 6. no 500s on bad input ---------------------------------------------------------------------------


def test_an_iri_that_decodes_to_contain_gt_is_a_400_not_a_500(embedded_http: httpx.Client, disk_store: OxigraphStore):
    before = dump_sha256(disk_store)
    body = b'<https://w3id.org/cypkg/id/organisation/a\\u003E> <http://www.w3.org/2004/02/skos/core#prefLabel> "x" .'
    checked = embedded_http.post("/validate", content=body, headers=TTL)
    written = embedded_http.put("/store", params={"graph": "safety-gt"}, content=body, headers={**TTL, **AUTH})
    for r in (checked, written):
        assert r.status_code == 400
        assert r.json()["code"] == "PARSE_ERROR"
        assert r.json()["line"] == 1
    assert dump_sha256(disk_store) == before


def test_a_deeply_nested_query_is_a_400_naming_the_depth(embedded_http: httpx.Client):
    query = "SELECT * WHERE " + "{ " * 500 + "?s ?p ?o" + " }" * 500
    r = embedded_http.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert "500 levels deep" in r.json()["detail"]
    assert embedded_http.get("/health").status_code == 200


def test_a_literal_over_16_mb_asked_for_as_csv_is_a_422_with_a_hint(capped_http: httpx.Client):
    separator = "x" * 600
    query = f'SELECT (GROUP_CONCAT(STR(?s); SEPARATOR="{separator}") AS ?all) WHERE {{ ?s ?p ?o }}'
    r = capped_http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert r.status_code == 422
    assert r.json()["limit"] == "size"
    assert "JSON" in r.json()["hint"]


# --- 9. the ontology graph is read-only through every write path ------------------------------------------


@pytest.mark.parametrize(
    ("method", "graph"),
    [
        ("put", "ontology"),
        ("post", "ontology"),
        ("delete", "ontology"),
        ("put", f"{GRAPH}ontology"),
        ("delete", f"{GRAPH}ontology"),
    ],
)
def test_graph_store_writes_to_the_ontology_are_refused(
    embedded_http: httpx.Client, disk_store: OxigraphStore, method: str, graph: str
):
    before = dump_sha256(disk_store)
    kwargs: dict[str, Any] = (
        {"content": org("onto", "x"), "headers": {**TTL, **AUTH}} if method != "delete" else {"headers": AUTH}
    )
    r = getattr(embedded_http, method)("/store", params={"graph": graph}, **kwargs)
    assert r.status_code == 403
    assert r.json()["code"] == "READ_ONLY_GRAPH"
    assert dump_sha256(disk_store) == before


def test_an_update_to_the_ontology_is_refused(embedded_http: httpx.Client, disk_store: OxigraphStore):
    before = dump_sha256(disk_store)
    update = f"DROP GRAPH <{GRAPH}ontology>"
    r = embedded_http.post("/sparql", data={"update": update}, headers=AUTH)
    assert r.status_code == 403
    assert r.json()["code"] == "READ_ONLY_GRAPH"
    assert dump_sha256(disk_store) == before


# --- 10. stored script through links ------------------------------------------------------------------------


def test_a_javascript_iri_is_shown_as_text_and_every_html_page_has_a_strict_csp(embedded_http: httpx.Client):
    body = (
        f'<{ID}organisation/safety-js> <http://www.w3.org/2004/02/skos/core#prefLabel> "JS" ; '
        f"<http://www.w3.org/2000/01/rdf-schema#seeAlso> <javascript:alert(document.domain)> ."
    ).encode()
    put = embedded_http.put("/store", params={"graph": "safety-js"}, content=body, headers={**TTL, **AUTH})
    assert put.status_code == 200
    try:
        page = embedded_http.get("/id/organisation/safety-js", headers={"Accept": "text/html"})
        assert "javascript:alert" in page.text
        assert 'href="javascript:' not in page.text.lower()
        for path in ("/id/organisation/safety-js", "/sparql", "/", "/docs", "/redoc"):
            r = embedded_http.get(path, headers={"Accept": "text/html"})
            assert r.headers["content-type"].startswith("text/html"), path
            policy = r.headers["content-security-policy"]
            script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
            assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, path
            assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy, path
    finally:
        embedded_http.delete("/store", params={"graph": "safety-js"}, headers=AUTH)


# --- 11. SPARQL Update: same default graph as queries, time limit ---------------------------------------


def test_an_update_where_clause_sees_the_union_of_graphs_as_queries_do(
    embedded_http: httpx.Client, disk_store: OxigraphStore
):
    graph = f"{GRAPH}safety-union"
    update = (
        f"INSERT {{ GRAPH <{graph}> {{ ?authority skos:prefLabel ?name }} }} "
        f'WHERE {{ ?authority a cyp:LocalAuthority ; skos:prefLabel ?name . FILTER(?name = "Kent") }}'
    )
    r = embedded_http.post("/sparql", data={"update": update}, headers=AUTH)
    try:
        assert r.status_code == 200, r.text
        assert r.json()["changed"] == ["safety-union"]
        got = embedded_http.get("/store", params={"graph": "safety-union"}, headers={"Accept": "application/n-triples"})
        assert f"<{ID}authority/kent>" in got.text
    finally:
        embedded_http.delete("/store", params={"graph": "safety-union"}, headers=AUTH)


def test_an_update_past_the_write_time_limit_is_stopped_and_changes_nothing(served: Served):
    before = served.dump_sha256()
    update = (
        f"INSERT {{ GRAPH <{GRAPH}safety-slow> {{ ?a <{ID}p> ?d }} }} "
        "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(?c = ?i && ?a != ?g) }"
    )
    started = time.monotonic()
    r = httpx.post(f"{served.url}/sparql", data={"update": update}, headers=AUTH, timeout=120)
    assert r.status_code == 503, r.text
    assert r.json()["limit"] == "time"
    assert "CYPKG_WRITE_TIMEOUT" in r.json()["detail"]
    assert time.monotonic() - started < SERVED_WRITE_TIMEOUT_S + 60  # stopped, not left to run
    assert served.dump_sha256() == before
    assert httpx.get(f"{served.url}/health", timeout=30).status_code == 200


# --- 7. more than one worker ---------------------------------------------------------------------------------


def test_two_workers_answer_reads_and_writes_consistently(served: Served):
    """With two workers, half the writes once answered 500 and reads flipped between 200, 404 and 500."""

    def write_then_read(i: int) -> list[int | bool]:
        with httpx.Client(base_url=served.url, timeout=120) as c:
            name = f"safety-two-{i}"
            put = c.put("/store", params={"graph": name}, content=org(name, f"Two {i}"), headers={**TTL, **AUTH})
            asks = [
                c.get("/sparql", params={"query": f"ASK {{ <{ID}organisation/{name}> ?p ?o }}"}).json()["boolean"]
                for _ in range(6)
            ]
            gone = c.delete("/store", params={"graph": name}, headers=AUTH)
            after = c.get("/sparql", params={"query": f"ASK {{ <{ID}organisation/{name}> ?p ?o }}"}).json()["boolean"]
            return [put.status_code, *asks, gone.status_code, after]

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(write_then_read, range(3)))
    assert results == [[200, *[True] * 6, 200, False]] * 3


# --- 14. smaller ---------------------------------------------------------------------------------------------


def test_a_client_that_never_finishes_its_headers_is_disconnected(embedded_live_server: str):
    host, port = embedded_live_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        sock.settimeout(LIVE_HEADER_TIMEOUT_S * 20)
        assert sock.recv(1024) == b""  # closed by the server, without an answer


def test_absolute_links_ignore_a_spoofed_host_header(embedded_http: httpx.Client):
    links = embedded_http.get("/", headers={"Host": "evil.example", "Accept": "application/json"}).json()
    assert all(link.startswith(str(embedded_http.base_url)) for link in links.values())
    page = embedded_http.get("/id/plan/kent-cypp-2008-2011", headers={"Host": "evil.example", "Accept": "text/html"})
    assert "evil.example" not in page.text


def test_head_and_options_answer_as_http_says(embedded_http: httpx.Client):
    head = embedded_http.head("/plans")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"].startswith("application/json")
    options = embedded_http.options("/store")
    assert options.status_code == 204
    assert options.headers["allow"] == "DELETE, GET, HEAD, OPTIONS, POST, PUT"
    patch = embedded_http.patch("/store", params={"graph": "x"})
    assert patch.status_code == 405
    assert patch.headers["allow"] == "DELETE, GET, HEAD, OPTIONS, POST, PUT"


def test_the_api_docs_load_their_assets_from_the_service(embedded_http: httpx.Client):
    for page, asset in (("/docs", "static/docs/swagger-ui-bundle.js"), ("/redoc", "static/docs/redoc.standalone.js")):
        html = embedded_http.get(page).text
        assert f'src="{asset}"' in html
        assert "cdn" not in html.lower()
        served = embedded_http.get(f"/{asset}")
        assert served.status_code == 200
        assert len(served.content) > 100_000
