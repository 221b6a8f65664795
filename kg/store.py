"""One store seam: the protocol every backend meets, and the embedded (pyoxigraph) default.

Named graphs hold one source document each; queries see their union by default. Writes are
all-or-nothing: files are parsed completely before anything is written, single-graph writes run
as one oxigraph transaction, and a full rebuild goes into a fresh generation directory that is
switched in with one atomic rename, so `kill -9` leaves either the old store or the new one.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, cast, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import ParseError, QueryError, StoreError
from kg.namespaces import GRAPH, PREFIXES
from kg.sparql_text import bind_values

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class RdfSource:
    """A file to load and the named graph it goes into."""

    path: Path
    graph: str

    @property
    def format(self) -> ox.RdfFormat:
        return rdf_format(self.path)


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file from its extension (`.gz` is looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = RDF_FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise ParseError(
            f"unknown RDF file type {path.suffix!r}",
            file=str(path),
            hint=f"use one of {', '.join(sorted(RDF_FORMATS))} (optionally gzipped)",
        )
    return fmt


def open_input(path: Path) -> IO[bytes]:
    """A binary reader for a file, decompressing `.gz` on the fly."""
    if path.suffix == ".gz":
        # A GzipFile is a binary file object, but typeshed does not declare it a typing.IO.
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def graph_name_for(path: Path) -> str:
    """The named graph a data file goes into: its stem without RDF and gzip extensions."""
    name = path.name
    for suffix in (".gz", *RDF_FORMATS):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def parse_file(path: Path, graph: str | None = None) -> list[ox.Quad]:
    """Parse a whole file into quads (in `graph` unless it is a quad format), or raise ParseError."""
    fmt = rdf_format(path)
    to_graph = None if fmt in QUAD_FORMATS else ox.NamedNode(str(GRAPH[graph or graph_name_for(path)]))
    try:
        with open_input(path) as stream:
            quads = ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri())
            if to_graph is None:
                return list(quads)
            return [ox.Quad(q.subject, q.predicate, q.object, to_graph) for q in quads]
    except SyntaxError as exc:
        raise _parse_error(exc, path) from exc
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise ParseError(f"cannot read: {exc}", file=str(path), hint="check the file exists and is RDF text") from exc


def _parse_error(exc: SyntaxError, path: Path | str) -> ParseError:
    message = str(exc.args[0]) if exc.args else str(exc)
    return ParseError(
        message,
        file=str(path),
        line=exc.lineno,
        column=exc.offset,
        hint="fix the syntax at that line (a missing '.', ';' or closing quote is the usual cause); nothing was loaded",
    )


def to_rdflib(term: Any) -> URIRef | BNode | Literal:
    """An oxigraph term as the equivalent rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as the equivalent oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unsupported term {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def serialized(data: bytes | None) -> bytes:
    """What pyoxigraph's serialize() or dump() returned when given no output stream: the bytes.

    Their stubs say `bytes | None` because with an output stream they return None.
    """
    if data is None:
        raise TypeError("pyoxigraph returned no bytes: was it given an output stream?")
    return data


def graph_prefixes(graph_format: str) -> dict[str, str] | None:
    """cypkg's prefixes for the RDF formats that can use them (Turtle, TriG, RDF/XML), else None."""
    return PREFIXES if graph_format in ("turtle", "trig", "xml") else None


def solutions_json(variables: list[str], solutions: Iterable[Any]) -> bytes:
    """SPARQL 1.1 Query Results JSON for these solutions (pyoxigraph's, or dicts of every variable to
    an oxigraph term or None): the one writer for both backends' answers."""
    bindings = []
    for solution in solutions:
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = term_json(term)
        bindings.append(row)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in SPARQL JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"unsupported term {term!r}")


def graph_to_quads(graph: Graph, name: str) -> list[ox.Quad]:
    """An rdflib graph's triples as quads in the named graph `name`."""
    g = ox.NamedNode(str(GRAPH[name]))
    return [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), g) for s, p, o in graph]


class Rows(list[dict[str, Node]]):
    """SELECT answers: a list of {variable: term} dicts that also knows its variables' order."""

    def __init__(self, columns: list[str], rows: Iterable[dict[str, Node]] = ()) -> None:
        super().__init__(rows)
        self.columns = columns


@runtime_checkable
class Store(Protocol):
    """What every backend offers; the CLI, the API and the tests speak only to this."""

    def graphs(self) -> list[str]: ...
    def count(self, graph: str | None = None) -> int: ...
    def select(self, query: str, bindings: dict[str, Node] | None = None) -> list[dict[str, Node]]: ...
    def ask(self, query: str, bindings: dict[str, Node] | None = None) -> bool: ...
    def construct(self, query: str, bindings: dict[str, Node] | None = None) -> Graph: ...
    def graph(self, name: str) -> Graph: ...
    def put_graph(self, name: str, data: Graph) -> None: ...
    def add_to_graph(self, name: str, data: Graph) -> None: ...
    def drop_graph(self, name: str) -> None: ...
    def query_serialized(
        self,
        query: str,
        result_format: str,
        *,
        bindings: dict[str, Node] | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> tuple[str, bytes]: ...
    def update(self, text: str) -> None: ...
    def load_sources(self, sources: list[RdfSource], *, progress: Any = None, infer: bool = True) -> int: ...
    def restore(self, path: Path, *, progress: Any = None) -> int: ...
    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None: ...
    def close(self) -> None: ...


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (or in memory when `path` is None)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.root = Path(path) if path is not None else None
        self.read_only = read_only
        self._store = self._open()

    # --- opening and generations -------------------------------------------------------------
    def _open(self) -> ox.Store:
        if self.root is None:
            return ox.Store()
        current = self.root / "current"
        if not current.exists():
            if self.read_only:
                raise StoreError(f"no store at {self.root}", hint="run `cypkg load` first to build it")
            self.root.mkdir(parents=True, exist_ok=True)
            self._switch_to(self._new_generation())
        self._collect_garbage()
        try:
            return ox.Store.read_only(str(current.resolve())) if self.read_only else ox.Store(str(current.resolve()))
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {self.root}: {exc}",
                hint="another cypkg process (e.g. `cypkg serve`) may hold it; stop it or write through its API",
            ) from exc

    def _new_generation(self) -> Path:
        assert self.root is not None
        gen = self.root / f"gen-{time.time_ns()}"
        gen.mkdir(parents=True)
        return gen

    def _switch_to(self, gen: Path) -> None:
        """Point `current` at `gen` with one atomic rename of a symlink."""
        assert self.root is not None
        tmp = self.root / f".current-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        tmp.symlink_to(gen.name)
        os.replace(tmp, self.root / "current")

    def _collect_garbage(self) -> None:
        """Remove generations left by interrupted or superseded builds."""
        assert self.root is not None
        if self.read_only:
            return
        current = (self.root / "current").resolve().name
        for child in self.root.glob("gen-*"):
            if child.name != current:
                shutil.rmtree(child, ignore_errors=True)

    def close(self) -> None:
        """Release the on-disk store's lock (a no-op in memory)."""
        with contextlib.suppress(Exception):
            self._store.flush()
        self._store = None  # type: ignore[assignment]

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for benchmarks and the SPARQL endpoint's fast paths."""
        return self._store

    # --- reading ------------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, _graph_node(graph)))

    def _query(
        self,
        query: str,
        bindings: dict[str, Node] | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run a query with `bindings` as a VALUES row at the start of its WHERE group, and substituted.

        The VALUES row (kg.sparql_text.bind_values, as the remote store binds) gives the answers their
        meaning, so both backends agree: BOUND(?param) is true for a given parameter, for one. It is
        also joined first, so the planner anchors the query on it, which pyoxigraph's `substitutions`
        alone do not do (a lookup of one plan scanned them all: 100 ms instead of 0.7 ms at 1M
        triples). The substitutions, for the parameters the query projects (oxigraph refuses others),
        then put the constants into the patterns themselves, so multi-pattern OPTIONALs that the
        planner would otherwise hash-join over the whole store are anchored too (indicator_neighbours:
        10 s with the VALUES row alone, 55 ms with both).
        """
        oxigraph_bindings = {k: to_oxigraph(v) for k, v in (bindings or {}).items()}
        return query_bound(
            self._store, query, oxigraph_bindings, default_graph=default_graph or (), named_graphs=named_graphs or ()
        )

    def select(self, query: str, bindings: dict[str, Node] | None = None) -> list[dict[str, Node]]:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query", hint="use ask() or construct() for other query forms")
        names = [v.value for v in result.variables]
        rows: Iterator[dict[str, Node]] = (
            {n: to_rdflib(t) for n, t in zip(names, row, strict=True) if t is not None} for row in result
        )
        return Rows(names, rows)

    def ask(self, query: str, bindings: dict[str, Node] | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: dict[str, Node] | None = None) -> Graph:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def query_serialized(
        self,
        query: str,
        result_format: str,
        *,
        bindings: dict[str, Node] | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> tuple[str, bytes]:
        """Run any query and serialise its answer directly (for the SPARQL endpoint): (form, bytes)."""
        result = self._query(query, bindings, default_graph, named_graphs)
        if isinstance(result, ox.QueryTriples):
            return "graph", serialized(result.serialize(format=GRAPH_FORMATS[result_format]))
        form = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        return form, serialized(result.serialize(format=RESULT_FORMATS[result_format]))

    def graph(self, name: str) -> Graph:
        g = Graph()
        for q in self._store.quads_for_pattern(None, None, None, _graph_node(name)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one graph, when named)."""
        return iter(self._store.quads_for_pattern(None, None, None, _graph_node(graph) if graph else None))

    # --- writing ------------------------------------------------------------------------------
    def update(self, text: str) -> None:
        """A SPARQL update, applied as one transaction."""
        try:
            self._store.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise query_syntax_error(exc) from exc

    def put_graph(self, name: str, data: Graph) -> None:
        """Replace one named graph's content (and its inferences), atomically."""
        self._store.update(replace_graph_update(name, graph_to_quads(data, name)))

    def add_to_graph(self, name: str, data: Graph) -> None:
        """Add triples to one named graph (recomputing its inferences), atomically."""
        merged = list(self.quads(name)) + graph_to_quads(data, name)
        self._store.update(replace_graph_update(name, merged))

    def drop_graph(self, name: str) -> None:
        """Remove one named graph, its content and its inferences, atomically."""
        self._store.update(drop_graph_update(name))

    def load_sources(self, sources: list[RdfSource], *, progress: Any = None, infer: bool = True) -> int:
        """Replace the whole store with these files (plus nothing else), all or nothing.

        On disk the files are bulk-loaded into a new generation that replaces the current one in
        one rename; a parse error leaves the current store untouched.
        """
        if self.root is None:
            fresh = ox.Store()
            _bulk_load(fresh, sources, progress, infer)
            self._store = fresh
            return len(fresh)
        gen = self._new_generation()
        try:
            fresh = ox.Store(str(gen))
            _bulk_load(fresh, sources, progress, infer)
            total = len(fresh)
            fresh.flush()
            del fresh
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        self._store = None  # type: ignore[assignment]
        self._switch_to(gen)
        self._store = ox.Store(str(gen))
        self._collect_garbage()
        return total

    def restore(self, path: Path, *, progress: Any = None) -> int:
        """Replace the whole store with a dump (N-Quads or TriG), all or nothing."""
        return self.load_sources([RdfSource(path, "")], progress=progress, infer=False)

    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None:
        """Write every named graph (N-Quads or TriG) to a binary stream."""
        if fmt not in ("nquads", "trig"):
            raise StoreError(f"cannot dump as {fmt!r}", hint="use nquads or trig")
        self._store.dump(out, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)


def _bulk_load(store: ox.Store, sources: list[RdfSource], progress: Any, infer: bool) -> None:
    from kg.inference import ONTOLOGY_GRAPH, infer_graph

    for src in sources:
        fmt = src.format
        to_graph = None if fmt in QUAD_FORMATS else _graph_node(src.graph)
        try:
            source: dict[str, Any] = (
                {"input": gzip.decompress(src.path.read_bytes())} if src.path.suffix == ".gz" else {"path": src.path}
            )
            store.bulk_load(format=fmt, to_graph=to_graph, base_iri=src.path.resolve().as_uri(), **source)
        except SyntaxError as exc:
            raise _parse_error(exc, src.path) from exc
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise ParseError(f"cannot read: {exc}", file=str(src.path)) from exc
        if progress is not None:
            progress(src)
    if infer:
        for name in sorted({s.graph for s in sources} - {ONTOLOGY_GRAPH}):
            infer_graph(store, name)


def replace_graph_update(name: str, quads: list[ox.Quad]) -> str:
    """One SPARQL update that replaces a document graph and its inferred graph together."""
    from kg.inference import entailed_quads

    return f"{drop_graph_update(name)} ; INSERT DATA {{ {insert_data_body(quads + entailed_quads(quads, name))} }}"


def insert_data_body(quads: list[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA: one `GRAPH <g> { … }` block per graph."""
    by_graph: dict[str, list[ox.Triple]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.NamedNode):
            raise StoreError(f"cannot write {q} outside a named graph", hint="put every quad in a named graph")
        by_graph.setdefault(q.graph_name.value, []).append(ox.Triple(q.subject, q.predicate, q.object))
    return " ".join(
        f"GRAPH <{g}> {{ {serialized(ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES)).decode('utf-8')} }}"
        for g, ts in by_graph.items()
    )


def drop_graph_update(name: str) -> str:
    """One SPARQL update that drops a document graph and its inferred graph."""
    from kg.inference import inferred_graph_iri

    g = _graph_node(name).value
    return f"DROP SILENT GRAPH <{g}> ; DROP SILENT GRAPH <{inferred_graph_iri(g)}>"


def _graph_node(name: str) -> ox.NamedNode:
    """A graph given by name (`medway-2019-02-19-hwb`) or full IRI."""
    if name.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(name)
    return ox.NamedNode(str(GRAPH[name]))


def query_bound(
    store: ox.Store,
    query: str,
    bindings: dict[str, Any],
    *,
    default_graph: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
) -> Any:
    """Run a query on a pyoxigraph store with oxigraph terms bound as OxigraphStore._query explains.

    The dataset is the union of all graphs unless `default_graph` names some. The API's query
    workers call this too, so a named query means and costs the same there.
    """
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    defaults = [ox.NamedNode(g) for g in default_graph]
    if defaults:
        kwargs["default_graph"] = defaults
    else:
        kwargs["use_default_graph_as_union"] = True
    named = [ox.NamedNode(g) for g in named_graphs]
    if named:
        kwargs["named_graphs"] = named
    text = bind_values(query, bindings)
    substitutions = {ox.Variable(k): v for k, v in bindings.items()}
    while True:
        try:
            return store.query(text, substitutions=substitutions, **kwargs)
        except SyntaxError as exc:
            raise query_syntax_error(exc) from exc
        except RuntimeError as exc:
            unprojected = _unprojected_variable(exc, substitutions)
            if unprojected is None:
                raise
            del substitutions[unprojected]


def _unprojected_variable(exc: RuntimeError, substitutions: dict[ox.Variable, Any]) -> ox.Variable | None:
    """The substituted variable oxigraph refused because the SELECT does not project it, if that was the error."""
    message = str(exc)
    if "SELECT projection" not in message:
        return None
    return next((v for v in substitutions if f"{v} " in f"{message} "), None)


def query_syntax_error(exc: SyntaxError) -> QueryError:
    """A SPARQL syntax error with its line and column, as the CLI and API report it."""
    text = str(exc.args[0]) if exc.args else str(exc)
    m = re.search(r"at (\d+):(\d+)", text)
    line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    return QueryError(
        f"SPARQL syntax error: {text}", line=line, column=col, hint="check the query near that line and column"
    )


def iter_data_files(data_dir: Path) -> Iterable[Path]:
    """Every RDF file under a data folder, in a stable order."""
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            with contextlib.suppress(ParseError):
                rdf_format(path)
                yield path
