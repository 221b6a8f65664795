"""The store seam, as a specification every backend meets (embedded oxigraph and Virtuoso).

Read-only specs use the session `store`; specs that write use `fresh_store`, an empty store of each
backend. Faults of the remote client are checked against real sockets on loopback.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import ParseError, QueryError, QueryLimitExceeded, StoreError, ValidationFailed
from kg.namespaces import CYP, GRAPH, ID
from kg.store.build import data_sources
from kg.store.protocol import Store
from kg.store.rdf_io import RdfSource
from kg.store.remote import RemoteStore
from kg.store.terms import to_rdflib
from kg.validation.gate import write_graph
from tests.support.command import cypkg_command
from tests.support.virtuoso import VirtuosoServer

REPO = Path(__file__).resolve().parents[2]
EX = "https://w3id.org/cypkg/id/"
DUMP_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
SKOS_LABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def small_graph(n: int, tag: str = "a") -> Graph:
    """`n` labelled things, enough to tell one version of a graph from another."""
    g = Graph()
    for i in range(n):
        g.add((ID[f"test/{tag}-{i}"], SKOS_LABEL, Literal(f"thing {tag} {i}", lang="en")))
    return g


def dump_bytes(store: Store, fmt: str = "nquads") -> bytes:
    out = io.BytesIO()
    store.dump(out, fmt)
    return out.getvalue()


def graphs_of(data: bytes, fmt: str) -> dict[str, Graph]:
    """A dump as {graph IRI: triples}, to compare dumps graph by graph."""
    out: dict[str, Graph] = {}
    for q in ox.parse(data, format=DUMP_FORMATS[fmt]):
        out.setdefault(q.graph_name.value, Graph()).add(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
        )
    return out


def write_ttl(path: Path, text: str) -> Path:
    path.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + text, encoding="utf-8")
    return path


# --- reading: the union, named graphs, listing ------------------------------------------------


def test_default_graph_is_the_union_of_the_named_graphs(store: Store) -> None:
    split = (
        """ASK { GRAPH ?g1 { ?plan cyp:authority ?la } GRAPH ?g2 { ?la skos:prefLabel ?name } FILTER(?g1 != ?g2) }"""
    )
    joined = "SELECT ?plan ?name WHERE { ?plan cyp:authority ?la . ?la skos:prefLabel ?name }"
    assert store.ask(split), "the data should hold a plan and its authority's name in different graphs"
    assert store.select(joined), "a query without GRAPH should join across graphs"


def test_graphs_lists_one_graph_per_source_file_and_nothing_else(store: Store) -> None:
    listed = store.graphs()
    expected = {str(GRAPH[s.graph]) for s in data_sources()}
    assert expected <= set(listed)
    assert all(g.startswith(str(GRAPH)) for g in listed), "system graphs must not be listed"


def test_query_naming_a_graph_sees_only_that_graph(store: Store) -> None:
    name = next(s.graph for s in data_sources() if "seeds" in s.path.parts)
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": GRAPH[name]})
    assert int(str(rows[0]["n"])) == store.count(name)
    assert 0 < store.count(name) < store.count()


def test_select_rows_know_their_columns_in_query_order(store: Store) -> None:
    rows = store.select("SELECT ?name ?la WHERE { ?la a cyp:LocalAuthority ; skos:prefLabel ?name } LIMIT 2")
    assert rows.columns == ["name", "la"]
    assert len(rows) == 2


def test_construct_answers_a_graph(store: Store) -> None:
    g = store.construct("CONSTRUCT { ?la a cyp:LocalAuthority } WHERE { ?la a cyp:LocalAuthority } LIMIT 5")
    assert len(g) == 5
    assert set(g.objects(None, RDF.type)) == {CYP.LocalAuthority}


def test_ask_answers_true_and_false(store: Store) -> None:
    assert store.ask("ASK { ?la a cyp:LocalAuthority }") is True
    assert store.ask("ASK { ?la a <https://w3id.org/cypkg/def#NoSuchClass> }") is False


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [pytest.param("json", b'"bindings"', id="json"), pytest.param("csv", b"la\r\n", id="csv")],
)
def test_query_serialized_answers_in_the_asked_format(store: Store, fmt: str, marker: bytes) -> None:
    form, body = store.query_serialized("SELECT ?la WHERE { ?la a cyp:LocalAuthority } LIMIT 3", fmt)
    assert form == "solutions"
    assert marker in body


def test_malformed_query_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.select("SELECT ?s WHERE { ?s ?p ")


# --- bindings are bound, never pasted -----------------------------------------------------------


def test_bound_value_finds_what_it_names(store: Store) -> None:
    kent = ID["authority/kent"]
    name = store.select("SELECT ?name WHERE { ?la skos:prefLabel ?name }", {"la": kent})[0]["name"]
    rows = store.select("SELECT ?la WHERE { ?la skos:prefLabel ?name }", {"name": name})
    assert kent in {r["la"] for r in rows}


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('x" } DROP ALL { "', id="quote-and-braces"),
        pytest.param("} DROP ALL {", id="drop-all"),
        pytest.param('"""\n} ; DROP ALL #', id="long-quote-newline-comment"),
        pytest.param("WHERE { ?s ?p ?o }", id="where-clause"),
    ],
)
def test_hostile_value_is_answered_as_a_plain_string(store: Store, value: str) -> None:
    before = store.count()
    rows = store.select("SELECT ?s WHERE { ?s skos:prefLabel ?name }", {"name": Literal(value)})
    assert rows == []
    assert store.count() == before


def test_binding_lands_in_the_where_group_despite_braces_in_comments_strings_and_iris(store: Store) -> None:
    query = """# where { } — a comment that looks like a group
        SELECT ?la ?tag WHERE {
          ?la skos:prefLabel ?name .
          BIND("where { }" AS ?tag)
          FILTER(?la != <https://example.org/where/%7Bx%7D>)
        }"""
    rows = store.select(query, {"la": ID["authority/kent"]})
    assert {r["la"] for r in rows} == {ID["authority/kent"]}
    assert {str(r["tag"]) for r in rows} == {"where { }"}


# --- writing: put, replace, drop ----------------------------------------------------------------


def test_put_graph_creates_a_named_graph_with_exactly_its_triples(fresh_store: Store) -> None:
    fresh_store.put_graph("test-put", small_graph(3))
    assert str(GRAPH["test-put"]) in fresh_store.graphs()
    assert isomorphic(fresh_store.graph("test-put"), small_graph(3))


def test_put_graph_replaces_the_old_content(fresh_store: Store) -> None:
    fresh_store.put_graph("test-put", small_graph(5, "old"))
    fresh_store.put_graph("test-put", small_graph(2, "new"))
    assert isomorphic(fresh_store.graph("test-put"), small_graph(2, "new"))


def test_a_whole_decimal_written_to_a_graph_reads_back_as_the_same_decimal(fresh_store: Store) -> None:
    score = URIRef(CYP.mappingScore)
    graph = Graph()
    for n, value in enumerate(("1", "0", "0.5")):
        graph.add((ID[f"mapping/m{n}"], score, Literal(value, datatype=XSD.decimal)))
    fresh_store.put_graph("test-decimals", graph)
    assert set(fresh_store.graph("test-decimals")) == set(graph)


def test_add_to_graph_keeps_what_was_there(fresh_store: Store) -> None:
    fresh_store.put_graph("test-add", small_graph(2, "a"))
    fresh_store.add_to_graph("test-add", small_graph(3, "b"))
    assert isomorphic(fresh_store.graph("test-add"), small_graph(2, "a") + small_graph(3, "b"))


def test_drop_graph_removes_it_and_leaves_the_others(fresh_store: Store) -> None:
    fresh_store.put_graph("test-keep", small_graph(2, "k"))
    fresh_store.put_graph("test-drop", small_graph(2, "d"))
    fresh_store.drop_graph("test-drop")
    assert str(GRAPH["test-drop"]) not in fresh_store.graphs()
    assert fresh_store.count("test-keep") == 2


def test_written_graph_gets_its_inferences_in_its_inferred_graph(fresh_store: Store) -> None:
    g = Graph()
    board = ID["board/test-board"]
    g.add((board, RDF.type, CYP.HealthAndWellbeingBoard))
    fresh_store.put_graph("test-infer", g)
    assert fresh_store.ask("ASK { GRAPH ?g { ?b a org:Organization } }", {"b": board})
    fresh_store.drop_graph("test-infer")
    assert not fresh_store.ask("ASK { ?b ?p ?o }", {"b": board})


def test_blank_nodes_survive_a_write(fresh_store: Store) -> None:
    g = Graph()
    g.parse(data='<https://w3id.org/cypkg/id/test/x> <urn:p> [ <urn:q> "inner" ] .', format="turtle")
    fresh_store.put_graph("test-bnode", g)
    rows = fresh_store.select("SELECT ?v WHERE { ?x <urn:p> ?b . ?b <urn:q> ?v }", {"x": ID["test/x"]})
    assert [str(r["v"]) for r in rows] == ["inner"]


def test_shacl_violating_write_is_refused_with_the_report_and_the_store_unchanged(fresh_store: Store) -> None:
    fresh_store.put_graph("test-other", small_graph(2))
    before = dump_bytes(fresh_store)
    plan, priority = ID["plan/test-cypp-2020-2023"], ID["priority/test-priority"]
    g = Graph()
    g.add((priority, RDF.type, CYP.Priority))
    g.add((priority, SKOS_LABEL, Literal("Every child safe", lang="en")))
    g.add((priority, CYP.priorityOf, plan))
    g.add((priority, CYP.ownedBy, Literal("the police")))  # an owner as text, not an organisation: wrong, a Violation
    with pytest.raises(ValidationFailed) as refused:
        write_graph(fresh_store, "test-plan", g, mode="replace")
    violations = {(r.focus_node, r.result_path) for r in refused.value.report.results if r.severity == "Violation"}
    assert (priority, CYP.ownedBy) in violations
    assert isomorphic_dumps(dump_bytes(fresh_store), before)


def isomorphic_dumps(a: bytes, b: bytes, fmt: str = "nquads") -> bool:
    ga, gb = graphs_of(a, fmt), graphs_of(b, fmt)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


# --- loading, dump and restore ------------------------------------------------------------------


def test_load_sources_puts_each_file_in_its_graph_and_counts_the_quads(fresh_store: Store, tmp_path: Path) -> None:
    one = write_ttl(tmp_path / "one.ttl", '<https://w3id.org/cypkg/id/test/a> skos:prefLabel "a" .\n')
    two = write_ttl(tmp_path / "two.ttl", '<https://w3id.org/cypkg/id/test/b> skos:prefLabel "b", "c" .\n')
    total = fresh_store.load_sources([RdfSource(one, "one"), RdfSource(two, "two")], infer=False)
    assert total == 3
    assert {str(GRAPH["one"]), str(GRAPH["two"])} <= set(fresh_store.graphs())
    assert fresh_store.count("two") == 2


def test_malformed_turtle_raises_parse_error_with_file_and_line_and_writes_nothing(
    fresh_store: Store, tmp_path: Path
) -> None:
    fresh_store.put_graph("test-before", small_graph(2))
    before = dump_bytes(fresh_store)
    good = write_ttl(tmp_path / "good.ttl", '<https://w3id.org/cypkg/id/test/g> skos:prefLabel "g" .\n')
    bad = write_ttl(
        tmp_path / "bad.ttl", '<https://w3id.org/cypkg/id/test/b> skos:prefLabel "b" .\nthis is not turtle\n'
    )
    with pytest.raises(ParseError) as failed:
        fresh_store.load_sources([RdfSource(good, "good"), RdfSource(bad, "bad")])
    assert failed.value.file == str(bad)
    assert failed.value.line == 3
    assert dump_bytes(fresh_store) == before


@pytest.mark.parametrize(("fmt", "suffix", "rdflib_fmt"), [("nquads", ".nq", "nquads"), ("trig", ".trig", "trig")])
def test_dump_and_restore_round_trip_keeps_every_named_graph(
    fresh_store: Store, tmp_path: Path, fmt: str, suffix: str, rdflib_fmt: str
) -> None:
    fresh_store.put_graph("test-one", small_graph(3, "one"))
    board = Graph()
    board.add((ID["board/test-board"], RDF.type, CYP.HealthAndWellbeingBoard))
    board.add((ID["board/test-board"], SKOS_LABEL, Literal('A "quoted" board\nover two lines', lang="en-gb")))
    fresh_store.put_graph("test-two", board)
    dumped = dump_bytes(fresh_store, fmt)
    path = tmp_path / f"all{suffix}"
    path.write_bytes(dumped)
    fresh_store.drop_graph("test-one")
    fresh_store.restore(path)
    assert isomorphic_dumps(dump_bytes(fresh_store, fmt), dumped, rdflib_fmt)
    assert set(graphs_of(dumped, rdflib_fmt)) == set(fresh_store.graphs())


# --- readers during a write -------------------------------------------------------------------


def test_readers_during_a_write_see_the_old_graph_or_the_new_never_half(fresh_store: Store) -> None:
    old, new = small_graph(300, "old"), small_graph(700, "new")
    fresh_store.put_graph("test-swap", old)
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(fresh_store.count("test-swap"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for version in (new, old, new, old, new):
            fresh_store.put_graph("test-swap", version)
    finally:
        stop.set()
        reader.join()
    assert seen <= {300, 700}, f"a reader saw a half-written graph: counts {sorted(seen)}"


# --- the remote client's faults (real sockets on loopback) --------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_endpoint_down_raises_store_error_naming_the_url() -> None:
    url = f"http://127.0.0.1:{_free_port()}/sparql"
    with pytest.raises(StoreError) as failed:
        RemoteStore(url, connect_timeout=1.0, read_timeout=1.0).select("SELECT * WHERE { ?s ?p ?o }")
    assert failed.value.url == url
    assert url in failed.value.message


def test_silent_endpoint_raises_store_error_after_the_read_timeout_instead_of_hanging() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts connections, never answers
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        with pytest.raises(StoreError) as failed:
            RemoteStore(url, connect_timeout=1.0, read_timeout=0.5).ask("ASK {}")
    assert failed.value.url == url
    assert "did not answer in time" in failed.value.message


class _Canned(BaseHTTPRequestHandler):
    """Answers every POST with the status, type and body set on the server."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        assert isinstance(self.server, _CannedServer)
        status, ctype, body = self.server.canned
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


class _CannedServer(ThreadingHTTPServer):
    """The server whose `canned` answer (status, content type, body) _Canned plays back."""

    canned: tuple[int, str, bytes] = (200, "text/plain", b"")


@pytest.fixture
def canned_endpoint() -> Iterator[tuple[_CannedServer, str]]:
    """A loopback HTTP server that plays back one answer, for quirks a healthy Virtuoso will not show on cue."""
    server = _CannedServer(("127.0.0.1", 0), _Canned)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_partial_results_206_raise_query_limit_exceeded(canned_endpoint: tuple[_CannedServer, str]) -> None:
    server, url = canned_endpoint
    server.canned = (206, "application/sparql-results+json", b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')
    with pytest.raises(QueryLimitExceeded) as stopped:
        RemoteStore(url).select("SELECT ?s WHERE { ?s ?p ?o }")
    assert stopped.value.limit == "time"


@pytest.mark.parametrize(
    ("ctype", "body", "answer"),
    [
        pytest.param("text/html; charset=UTF-8", b"true", True, id="html-true"),
        pytest.param("text/plain", b"0", False, id="plain-zero"),
        pytest.param("application/sparql-results+xml", b"<sparql><boolean>true</boolean></sparql>", True, id="xml"),
    ],
)
def test_ask_answered_in_odd_content_types_is_read(
    canned_endpoint: tuple[_CannedServer, str], ctype: str, body: bytes, answer: bool
) -> None:
    server, url = canned_endpoint
    server.canned = (200, ctype, body)
    assert RemoteStore(url).ask("ASK { ?s ?p ?o }") is answer


@pytest.mark.virtuoso
def test_virtuoso_server_error_is_surfaced_with_its_message(virtuoso_store: RemoteStore) -> None:
    with pytest.raises(StoreError) as failed:
        virtuoso_store.update("DROP GRAPH <https://w3id.org/cypkg/graph/test-never-created>")
    assert failed.value.url == virtuoso_store.update_url
    assert "has not been explicitly created" in failed.value.message


@pytest.mark.virtuoso
def test_select_past_the_row_limit_raises_instead_of_returning_part(virtuoso_store: RemoteStore) -> None:
    with pytest.raises(QueryLimitExceeded) as cut:
        virtuoso_store.select("SELECT ?o WHERE { ?o a qb:Observation }")
    assert cut.value.limit == "rows"
    assert f"{virtuoso_store.max_rows}" in cut.value.message


@pytest.mark.virtuoso
def test_construct_past_the_row_limit_raises_instead_of_returning_part(virtuoso_store: RemoteStore) -> None:
    with pytest.raises(QueryLimitExceeded):
        virtuoso_store.construct("CONSTRUCT { ?o a qb:Observation } WHERE { ?o a qb:Observation }")


@pytest.mark.virtuoso
def test_whole_graph_larger_than_the_row_limit_is_read_in_pages(virtuoso_scratch_server: VirtuosoServer) -> None:
    small_pages = virtuoso_scratch_server.remote_store()
    small_pages.max_rows = 100
    small_pages.put_graph("test-paged", small_graph(450))
    try:
        assert isomorphic(small_pages.graph("test-paged"), small_graph(450))
    finally:
        small_pages.drop_graph("test-paged")
        small_pages.close()


# --- kill -9 during `cypkg load` (embedded, on disk) ----------------------------------------------


def _cypkg(*args: str, env: dict[str, str], **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run([*cypkg_command(), *args], env=env, capture_output=True, check=False, timeout=600, **kw)


def _bulk_file(path: Path, n: int, tag: str) -> None:
    lines = (f'<{EX}test/{tag}-{i}> <http://www.w3.org/2004/02/skos/core#prefLabel> "{tag} {i}" .\n' for i in range(n))
    path.write_text("".join(lines), encoding="utf-8")


def test_kill_9_during_load_leaves_the_old_or_the_new_store_and_the_next_command_works(tmp_path: Path) -> None:
    data, store_dir = tmp_path / "data", tmp_path / "store"
    data.mkdir()
    _bulk_file(data / "bulk-a.nt", 50_000, "a")
    env = {**os.environ, "CYPKG_STORE_DIR": str(store_dir), "CYPKG_DATA_DIR": str(data)}
    assert _cypkg("load", env=env).returncode == 0
    old = _cypkg("dump", env=env).stdout
    _bulk_file(data / "bulk-b.nt", 400_000, "b")
    generations = set(store_dir.glob("gen-*"))
    loading = subprocess.Popen(
        [*cypkg_command(), "load"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while loading.poll() is None and set(store_dir.glob("gen-*")) == generations:
            time.sleep(0.01)
        loading.send_signal(signal.SIGKILL)
    finally:
        loading.wait()
    after = _cypkg("dump", env=env)
    assert after.returncode == 0, after.stderr.decode()
    assert isomorphic_dumps(after.stdout, old) or _holds_both_files(after.stdout)
    assert _cypkg("load", env=env).returncode == 0, "the next load must work"


def _holds_both_files(dump: bytes) -> bool:
    return set(graphs_of(dump, "nquads")) >= {str(GRAPH["bulk-a"]), str(GRAPH["bulk-b"])}


@pytest.mark.virtuoso
def test_graphs_and_count_are_answered_when_the_server_has_more_graphs_than_the_row_limit(
    virtuoso_store: RemoteStore,
) -> None:
    graphs = virtuoso_store.graphs()
    every_graph = virtuoso_store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(every_graph) > len(graphs) + 1  # Virtuoso's own graphs beside the project's
    tight = RemoteStore(virtuoso_store.sparql_url, max_rows=len(graphs) + 1)
    assert (tight.graphs(), tight.count()) == (graphs, virtuoso_store.count())
