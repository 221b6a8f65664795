"""The remote backend: a SPARQL 1.1 Query/Update/Graph Store endpoint over a thin httpx client.

Tested against Virtuoso Open Source, whose quirks it absorbs so callers never see them:

- a query past Virtuoso's `timeout` answers HTTP 206 with partial results, and results past
  `ResultSetMaxRows` are cut silently (a SELECT says so in `X-SPARQL-MaxRows`, a CONSTRUCT does not):
  both raise QueryLimitExceeded, never partial answers;
- blank nodes in `INSERT DATA` are refused, so written graphs are skolemized first;
- ASK may answer as text/html; `POST application/sparql-query` may hang, so queries are form-encoded;
- the default graph is the union of every graph, Virtuoso's own system graphs included, so listing,
  counting and dumping keep to cypkg's graphs (`https://w3id.org/cypkg/graph/…`);
- SELECT DISTINCT may answer the same row more than once (Virtuoso 7.2 with several OPTIONAL columns
  unbound), so a DISTINCT answer is made distinct here, first occurrence kept.

Bindings are bound by a generated VALUES block (kg.store.binding), never pasted into the query.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, QueryLimitExceeded, StoreError
from kg.namespaces import BASE, GRAPH, PREFIXES
from kg.store.binding import bind_values, declared_prefixes, query_form, selects_distinct
from kg.store.embedded import bulk_load
from kg.store.graph_updates import drop_graph_update, replace_graph_update
from kg.store.protocol import Bindings, Rows
from kg.store.rdf_io import GRAPH_FORMATS, RESULT_FORMATS, RdfSource, graph_prefixes, serialized
from kg.store.terms import graph_to_quads, solutions_json, to_rdflib

SKOLEM_BASE = BASE + ".well-known/genid/"
_SELECT_JSON = "application/sparql-results+json"
_SORTED_PAGE_CAP = 10_000  # Virtuoso's default MaxSortedTopRows: no sorted page may be longer
_UPLOAD_BYTES = 16_000_000  # N-Triples bytes per Graph Store Protocol request
_INSERT_CHUNK = 20_000  # triples per INSERT DATA before a write stops being one request


class RemoteStore:
    """A store behind SPARQL endpoints: query at `sparql_url`, update and Graph Store under digest auth."""

    def __init__(
        self,
        sparql_url: str,
        *,
        update_url: str = "",
        user: str = "",
        password: str = "",
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        query_timeout: float | None = None,
        max_rows: int = 10_000,
    ) -> None:
        self.sparql_url = sparql_url
        self.update_url = update_url or sparql_url.rstrip("/") + "-auth"
        self.graph_store_url = re.sub(r"/sparql(-auth)?/?$", "/sparql-graph-crud-auth", self.update_url)
        self.max_rows = max_rows
        self.query_timeout = query_timeout
        self.read_timeout = read_timeout
        self._auth = httpx.DigestAuth(user, password) if user else None
        self._http = httpx.Client(
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            headers={"User-Agent": "cypkg"},
        )

    @classmethod
    def from_settings(cls, settings: Any) -> RemoteStore:
        """The store the `CYPKG_SPARQL_URL` … settings describe."""
        return cls(
            settings.sparql_url,
            update_url=settings.update_url,
            user=settings.remote_user,
            password=settings.remote_password.get_secret_value(),
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
            query_timeout=getattr(settings, "query_timeout", None),
            max_rows=settings.max_rows,
        )

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    # --- HTTP --------------------------------------------------------------------------------
    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One request; any failure becomes a StoreError naming the URL (or a QueryError for bad SPARQL)."""
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise StoreError(
                f"{url} did not answer in time ({type(exc).__name__})",
                url=url,
                hint="check the SPARQL server is up and not overloaded, or raise CYPKG_READ_TIMEOUT",
            ) from exc
        except httpx.HTTPError as exc:
            raise StoreError(
                f"cannot reach {url}: {exc}",
                url=url,
                hint="start the SPARQL server or correct CYPKG_SPARQL_URL / CYPKG_UPDATE_URL",
            ) from exc
        if response.status_code >= 400:
            raise _server_error(response, url)
        if response.status_code == 206 or response.headers.get("x-sql-state") == "S1TAT":
            raise QueryLimitExceeded(
                "time",
                f"{url} stopped the query at its time limit and sent partial results",
                hint="narrow the query (add filters or LIMIT), or raise CYPKG_QUERY_TIMEOUT",
            )
        return response

    def _query_request(
        self,
        query: str,
        accept: str,
        bindings: Bindings | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> httpx.Response:
        prologue = _prologue(query)
        form: dict[str, str | list[str]] = {"query": prologue + bind_values(query, bindings)}
        if default_graph:
            form["default-graph-uri"] = list(default_graph)
        if named_graphs:
            form["named-graph-uri"] = list(named_graphs)
        seconds = timeout or self.query_timeout
        if seconds:
            form["timeout"] = str(max(1, int(seconds * 1000)))
        if max_rows is not None and max_rows + 1 < self.max_rows:
            form["maxrows"] = str(max_rows + 1)  # Virtuoso's own cap: one row past the budget is enough to know
        try:
            response = self._send("POST", self.sparql_url, data=form, headers={"Accept": accept})
        except QueryError as exc:
            if exc.line is not None and not isinstance(exc, QueryLimitExceeded):
                _locate(exc, query, prologue.count("\n"))
            raise
        if "x-sparql-maxrows" in response.headers:
            cut = response.headers["x-sparql-maxrows"]
            raise self._row_limit(max_rows if max_rows is not None and cut == str(max_rows + 1) else cut)
        return response

    def _row_limit(self, cap: int | str) -> QueryLimitExceeded:
        return QueryLimitExceeded(
            "rows",
            f"the answer reached the row limit of {cap} rows at {self.sparql_url}, so it may be cut short",
            hint="narrow the query (filters, LIMIT, or page with ORDER BY + LIMIT), "
            "or raise the server's ResultSetMaxRows and CYPKG_MAX_ROWS together",
        )

    def update(self, text: str) -> None:
        """A SPARQL update, sent as one request (Virtuoso commits a request as one transaction)."""
        self._send(
            "POST",
            self.update_url,
            data={"update": _prologue(text) + text},
            headers={"Accept": _SELECT_JSON},
            auth=self._auth,
        )

    # --- reading -----------------------------------------------------------------------------
    def select(self, query: str, bindings: Bindings | None = None) -> Rows:
        variables, solutions = self._solutions(query, self._query_request(query, _SELECT_JSON, bindings))
        return Rows(
            variables,
            ({n: to_rdflib(t) for n in variables if (t := solution[n]) is not None} for solution in solutions),
        )

    def _solutions(
        self, query: str, response: httpx.Response, max_rows: int | None = None
    ) -> tuple[list[str], list[Any]]:
        """The server's SPARQL JSON results for `query`, parsed by pyoxigraph; an answer that reached the row
        limit (or passed `max_rows`) is refused, never returned in part; a DISTINCT answer is made distinct."""
        body = response.content
        try:
            if b"nodeID://" in body:
                body = _virtuoso_blank_nodes(body)
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(
                f"{self.sparql_url} answered {response.headers.get('content-type')!r}, not SPARQL JSON: "
                f"{response.text[:200]}",
                url=self.sparql_url,
            ) from exc
        if not isinstance(parsed, ox.QuerySolutions):
            raise QueryError("expected a SELECT query", hint="use ask() or construct() for other query forms")
        variables = [v.value for v in parsed.variables]
        solutions = list(parsed)
        if len(solutions) >= self.max_rows:
            raise self._row_limit(self.max_rows)
        if max_rows is not None and len(solutions) > max_rows:
            raise self._row_limit(max_rows)
        if selects_distinct(query):
            solutions = _distinct(variables, solutions)
        return variables, solutions

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        if query_form(query) != "ASK":
            raise QueryError(
                "expected an ASK query", hint="ask() runs ASK queries; use select() or construct() for others"
            )
        return _boolean(self._query_request(query, _SELECT_JSON, bindings))

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        if query_form(query) not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError(
                "expected a CONSTRUCT or DESCRIBE query",
                hint="construct() runs CONSTRUCT and DESCRIBE; use select() or ask()",
            )
        triples = self._construct_triples(query, bindings)
        g = Graph()
        for t in triples:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def _construct_triples(
        self, query: str, bindings: Bindings | None = None, max_rows: int | None = None, **kw: Any
    ) -> list[ox.Triple]:
        response = self._query_request(query, "application/n-triples", bindings, **kw)
        try:
            triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"{self.sparql_url} sent N-Triples that do not parse: {exc}", url=self.sparql_url) from exc
        if len(triples) >= self.max_rows:
            raise self._row_limit(self.max_rows)
        if max_rows is not None and len(triples) > max_rows:
            raise self._row_limit(max_rows)
        return triples

    def query_serialized(
        self,
        query: str,
        result_format: str,
        *,
        bindings: Bindings | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        max_rows: int | None = None,
        timeout: float | None = None,
    ) -> tuple[str, bytes]:
        """Run any query and serialise its answer (see `Store.query_serialized`).

        The server is asked to stop the query after `timeout` seconds and to send at most one row
        past `max_rows`. Answers are parsed by pyoxigraph and serialised by it as the embedded store
        serialises its own, so both backends write every format alike.
        """
        form = query_form(query)
        graphs: dict[str, Any] = {"default_graph": default_graph, "named_graphs": named_graphs, "timeout": timeout}
        if form in ("CONSTRUCT", "DESCRIBE"):
            triples = self._construct_triples(query, bindings, max_rows=max_rows, **graphs)
            prefixes = graph_prefixes(result_format)
            return "graph", serialized(ox.serialize(triples, format=GRAPH_FORMATS[result_format], prefixes=prefixes))
        if form == "ASK":
            answer = _boolean(self._query_request(query, _SELECT_JSON, bindings, **graphs))
            return "boolean", _boolean_bytes(answer, result_format)
        response = self._query_request(query, _SELECT_JSON, bindings, max_rows=max_rows, **graphs)
        variables, solutions = self._solutions(query, response, max_rows)
        body = solutions_json(variables, solutions)
        if result_format != "json":
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = serialized(parsed.serialize(format=RESULT_FORMATS[result_format]))
        return "solutions", body

    def graphs(self) -> list[str]:
        return sorted(str(r["g"]) for r in self._project_graph_rows("SELECT DISTINCT ?g", ""))

    def count(self, graph: str | None = None) -> int:
        if graph is not None:
            query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            rows = self.select(query, {"g": URIRef(_graph_iri(graph))})
            return int(str(rows[0]["n"])) if rows else 0
        return sum(int(str(r["n"])) for r in self._project_graph_rows("SELECT ?g (COUNT(*) AS ?n)", "GROUP BY ?g"))

    def _project_graph_rows(self, head: str, tail: str) -> list[dict[str, Node]]:
        """One row per graph of the project's, picked by IRI here: a FILTER on STR(?g) in the query is computed by
        Virtuoso for every quad (10-16 s on data/ against 0.3 s). A shared server whose graphs pass the row limit
        gets the filtered query instead."""
        try:
            rows = self.select(f"{head} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} {tail}")
        except QueryLimitExceeded:
            filtered = f"{head} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), ?ns)) }} {tail}"
            rows = self.select(filtered, {"ns": Literal(str(GRAPH))})
        return [r for r in rows if str(r["g"]).startswith(str(GRAPH))]

    def graph(self, name: str) -> Graph:
        g = Graph()
        for t in self._graph_triples(_graph_iri(name)):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def _graph_triples(self, graph_iri: str) -> Iterator[ox.Triple]:
        """Every triple of one graph, paged so no answer meets the server's row limit.

        Pages are keyed on the subject's IRI (sorted pages are capped by the server, offsets are
        not stable); a page never splits a subject, and blank-node subjects come in one answer.
        """
        page = max(2, min(self.max_rows - 1, _SORTED_PAGE_CAP))
        g = ox.NamedNode(graph_iri)
        blank = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s)) } }"
        yield from (_triple(r) for r in self._select_terms(blank, {"g": g}))
        cursor = ""
        paged = (
            "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && STR(?s) > ?after) } "
            f"ORDER BY STR(?s) LIMIT {page}"
        )
        while True:
            rows = self._select_terms(paged, {"g": g, "after": ox.Literal(cursor)})
            if len(rows) < page:
                yield from (_triple(r) for r in rows)
                return
            last = rows[-1]["s"].value
            whole = [r for r in rows if r["s"].value != last]
            if not whole:
                raise QueryLimitExceeded("rows", f"subject {last} has more than {page} triples in {graph_iri}")
            yield from (_triple(r) for r in whole)
            cursor = whole[-1]["s"].value

    def _select_terms(self, query: str, bindings: Bindings) -> list[Any]:
        """SELECT solutions as pyoxigraph terms (for reading graphs back without crossing to rdflib)."""
        return self._solutions(query, self._query_request(query, _SELECT_JSON, bindings))[1]

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of cypkg's graphs (of one graph, when named), read graph by graph in pages."""
        for name in [_graph_iri(graph)] if graph else self.graphs():
            node = ox.NamedNode(name)
            for t in self._graph_triples(name):
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    def as_oxigraph(self) -> ox.Store:
        """Every cypkg graph copied into an in-memory pyoxigraph store (see `Store.as_oxigraph`)."""
        copy = ox.Store()
        copy.bulk_extend(self.quads())
        return copy

    # --- writing -----------------------------------------------------------------------------
    def put_graph(self, name: str, data: Graph) -> None:
        """Replace one named graph's content (and its inferences) in one update request."""
        self._write(replace_graph_update(name, graph_to_quads(skolemize(data), name)))

    def add_to_graph(self, name: str, data: Graph) -> None:
        """Add triples to one named graph (recomputing its inferences) in one update request."""
        merged = self.graph(name) + skolemize(data)
        self._write(replace_graph_update(name, graph_to_quads(merged, name)))

    def drop_graph(self, name: str) -> None:
        """Remove one named graph, its content and its inferences, in one update request."""
        self.update(drop_graph_update(name))

    def _write(self, update: str) -> None:
        if update.count("\n") > _INSERT_CHUNK:
            raise StoreError(
                f"a single-graph write of over {_INSERT_CHUNK:,} triples is too big for one update request",
                url=self.update_url,
                hint="load big files with `cypkg load` (rebuild from data/), which uses the Graph Store Protocol",
            )
        self.update(update)

    def load_sources(self, sources: list[RdfSource], *, progress: Any = None, infer: bool = True) -> int:
        """Replace every cypkg graph with these files; nothing is written unless every file parses.

        The files are parsed (and inferences drawn, exactly as the embedded store does) into an
        in-memory oxigraph store first; then each graph goes up through the Graph Store Protocol as
        N-Triples, and graphs no longer in the sources are dropped last. A server failure part way
        clears the graphs this load wrote and says so; graphs it had not reached keep their content.
        """
        staging = ox.Store()
        bulk_load(staging, sources, None, infer)
        graph_iris = sorted(g.value for g in staging.named_graphs() if isinstance(g, ox.NamedNode))
        outside = [g for g in graph_iris if not g.startswith(str(GRAPH))]
        if outside:
            raise StoreError(f"graphs {outside} are outside cypkg's graphs ({GRAPH}…)", hint="name graphs under it")
        owner = {str(GRAPH[s.graph]): s for s in sources if s.graph}
        written: list[str] = []
        try:
            self._prime_auth()
            for graph_iri in graph_iris:
                written.append(graph_iri)
                ntriples = staging.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
                self._upload(graph_iri, serialized(ntriples))
                if progress is not None and graph_iri in owner:
                    progress(owner[graph_iri])
            for stale in set(self.graphs()) - set(graph_iris):
                self.update(f"DROP SILENT GRAPH {ox.NamedNode(stale)}")
        except BaseException as exc:
            cleared = self._clear_after_failure(written)
            if not isinstance(exc, StoreError):
                raise
            raise StoreError(
                f"loading into {self.graph_store_url} failed: {exc.message}; {cleared}",
                url=self.graph_store_url,
                hint="fix the server problem and run `cypkg load` again to rebuild every graph",
            ) from exc
        return len(staging)

    def _prime_auth(self) -> None:
        """Meet the digest challenge with a small request, so big uploads are not sent twice (or cut off)."""
        if self._auth is not None:
            self.update(f"DROP SILENT GRAPH <{SKOLEM_BASE}auth-check>")

    def _upload(self, graph_iri: str, ntriples: bytes) -> None:
        """Put one graph's N-Triples: replace with the first request, append the rest in chunks.

        A graph with blank nodes goes in one request, because each request names blank nodes
        afresh and splitting them would break their identity.
        """
        chunks = [ntriples] if b"_:" in ntriples else list(_line_chunks(ntriples, _UPLOAD_BYTES))
        for k, chunk in enumerate(chunks or [b""]):
            self._send(
                "PUT" if k == 0 else "POST",
                self.graph_store_url,
                params={"graph-uri": graph_iri},
                content=chunk,
                headers={"Content-Type": "application/n-triples"},
                auth=self._auth,
            )

    def _clear_after_failure(self, written: list[str]) -> str:
        try:
            for graph_iri in written:
                self.update(f"DROP SILENT GRAPH {ox.NamedNode(graph_iri)}")
        except StoreError:
            return f"the store may now hold part of this load (graphs {', '.join(written)})"
        if not written:
            return "nothing was written"
        return f"the graphs it had written were cleared and are now empty: {', '.join(written)}"

    def restore(self, path: Path, *, progress: Any = None) -> int:
        """Replace every cypkg graph with a dump (N-Quads or TriG)."""
        return self.load_sources([RdfSource(path, "")], progress=progress, infer=False)

    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None:
        """Write every cypkg graph (N-Quads or TriG) to a binary stream, graph by graph."""
        if fmt not in ("nquads", "trig"):
            raise StoreError(f"cannot dump as {fmt!r}", hint="use nquads or trig")
        if fmt == "trig":
            out.write(serialized(ox.serialize(list(self.quads()), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)))
            return
        for g in self.graphs():
            out.write(serialized(ox.serialize(self.quads(g), format=ox.RdfFormat.N_QUADS)))


def _line_chunks(data: bytes, size: int) -> Iterator[bytes]:
    """`data` cut into pieces of about `size` bytes, each ending at a line end."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", min(start + size, len(data) - 1))
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


def skolemize(data: Graph) -> Graph:
    """The graph with each blank node replaced by a fresh IRI under cypkg's `.well-known/genid/`."""
    if not any(isinstance(t, BNode) for triple in data for t in triple):
        return data
    names: dict[BNode, URIRef] = {}

    def iri(term: Node) -> Node:
        if isinstance(term, BNode):
            return names.setdefault(term, URIRef(SKOLEM_BASE + uuid.uuid4().hex))
        return term

    out = Graph()
    for s, p, o in data:
        out.add((iri(s), p, iri(o)))
    return out


def _prologue(text: str) -> str:
    """cypkg's prefixes that the query or update does not declare itself, one per line."""
    own = declared_prefixes(text)
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in own)


def _locate(exc: QueryError, query: str, shift: int) -> None:
    """Point a server's syntax error at the caller's own text: lines past our prologue, and the column
    of the token the server names (Virtuoso gives `line N: syntax error at 'TOKEN'`, no column)."""
    line = (exc.line or 0) - shift
    lines = query.splitlines()
    if not 1 <= line <= len(lines):
        exc.line = exc.column = None
        return
    exc.line = line
    token = re.search(r"syntax error at '([^']*)'", exc.message)
    found = lines[line - 1].find(token.group(1)) if token and token.group(1) else -1
    exc.column = found + 1 if found >= 0 else None


def _graph_iri(name: str) -> str:
    return name if name.startswith(("http://", "https://", "urn:")) else str(GRAPH[name])


def _server_error(response: httpx.Response, url: str) -> Exception:
    """A failed answer as a cypkg error that carries the server's own message."""
    message = re.sub(r"\s+", " ", response.text.split("SPARQL query:")[0]).strip()[:500] or response.reason_phrase
    text = f"{url} answered {response.status_code}: {message}"
    if "SR353" in message or "exceeds the limit" in message:
        return QueryLimitExceeded("time" if "exec" in message else "rows", text)
    if response.status_code == 400 and ("SP030" in message or "syntax" in message.lower()):
        line = re.search(r"line (\d+)", message)
        return QueryError(
            f"SPARQL syntax error: {text}",
            line=int(line.group(1)) if line else None,
            hint="check the query near that line",
        )
    if response.status_code in (401, 403):
        return StoreError(
            text, url=url, hint="set CYPKG_REMOTE_USER / CYPKG_REMOTE_PASSWORD to an account allowed to update"
        )
    return StoreError(text, url=url, hint="the server's message above says what it refused")


def _boolean(response: httpx.Response) -> bool:
    """An ASK answer in whatever content type the server chose (JSON, XML, or text/html)."""
    text = response.text.strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and "boolean" in data:
        return bool(data["boolean"])
    m = re.search(r"<boolean>\s*(true|false)\s*</boolean>|^\s*(true|false|1|0)\s*$", text, re.I)
    if not m:
        raise StoreError(f"cannot read an ASK answer from {text[:200]!r}", url=str(response.request.url))
    return (m.group(1) or m.group(2)).lower() in ("true", "1")


def _boolean_bytes(answer: bool, result_format: str) -> bytes:
    word = "true" if answer else "false"
    if result_format == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head></head><boolean>{word}</boolean></sparql>"
        ).encode()
    if result_format == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    return word.encode()


def _virtuoso_blank_nodes(body: bytes) -> bytes:
    """SPARQL JSON with Virtuoso's `nodeID://b123` blank node labels made plain labels (`b123`)."""
    data = json.loads(body)
    for row in data.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("type") == "bnode":
                value["value"] = re.sub(r"\W", "", value["value"].removeprefix("nodeID://"))
    return json.dumps(data).encode()


def _distinct(variables: list[str], solutions: list[Any]) -> list[Any]:
    """The solutions without repeats, in their order: what SELECT DISTINCT means, whatever the server sent."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for solution in solutions:
        key = tuple(solution[v] for v in variables)
        if key not in seen:
            seen.add(key)
            out.append(solution)
    return out


def _triple(solution: Any) -> ox.Triple:
    return ox.Triple(solution["s"], solution["p"], solution["o"])
