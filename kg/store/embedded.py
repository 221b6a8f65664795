"""The embedded store: pyoxigraph on disk (or in memory), the default backend.

Named graphs hold one source document each; queries see their union by default. Writes are
all-or-nothing: files are parsed completely before anything is written, single-graph writes run
as one oxigraph transaction, and a full rebuild goes into a fresh generation directory that is
switched in with one atomic rename, so `kill -9` leaves either the old store or the new one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.errors import QueryError, QueryLimitExceeded, StoreError
from kg.namespaces import PREFIXES
from kg.store.binding import query_bound, query_syntax_error
from kg.store.graph_updates import drop_graph_update, graph_node, replace_graph_update
from kg.store.inference import inferred_graph_iri
from kg.store.loading import bulk_load
from kg.store.protocol import Bindings, Rows
from kg.store.rdf_io import GRAPH_FORMATS, RESULT_FORMATS, RdfSource, graph_prefixes, serialized
from kg.store.series import graph_has_inputs, has_inputs, may_change_series, series_update
from kg.store.terms import graph_to_quads, solutions_json, to_oxigraph, to_rdflib

GENERATION_FILE = "generation"
"""The count of writes to an on-disk store, in its root folder, read by every process that opens it."""


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (or in memory when `path` is None)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.root = Path(path) if path is not None else None
        self.read_only = read_only
        self._store = self._open()
        self._instance = uuid.uuid4().hex  # in memory, two stores must never share a generation token
        self._writes = self._saved_writes()
        if not read_only:
            self._bump()  # a writer that died between a write and its bump leaves no stale answer behind

    # --- the generation: what caches of answers are keyed on -----------------------------------
    def generation(self) -> str:
        """A token that changes whenever the store's content may have changed, as this instance sees it.

        Every write bumps it, before and after the transaction, so an answer computed while a write
        was under way is never kept under the generation that follows it. On disk the count is kept
        in `ROOT/generation` (one writer process holds the store), and the token names the
        generation directory, so a rebuild changes it too; an in-memory store's token is its own.
        A read-only instance sees the store as it was when opened, so its token is the one read then.
        """
        where = str((self.root / "current").resolve()) if self.root is not None else f"memory-{self._instance}"
        return f"{where}.{self._writes}"

    def _saved_writes(self) -> int:
        if self.root is None:
            return 0
        with contextlib.suppress(OSError, ValueError):
            return int((self.root / GENERATION_FILE).read_text(encoding="utf-8"))
        return 0

    def _bump(self) -> None:
        self._writes += 1
        if self.root is None:
            return
        target = self.root / GENERATION_FILE
        tmp = self.root / f".{GENERATION_FILE}-{os.getpid()}"
        tmp.write_text(str(self._writes), encoding="utf-8")
        os.replace(tmp, target)

    @classmethod
    def over(cls, raw: ox.Store) -> OxigraphStore:
        """A store object around a pyoxigraph store that is already open (a read-only snapshot, say)."""
        store = cls.__new__(cls)
        store.root, store.read_only, store._store = None, True, raw
        return store

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

    def as_oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself (see `Store.as_oxigraph`): writing to it bypasses the SHACL gate."""
        return self._store

    # --- reading ------------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph_node(graph)))

    def _query(
        self,
        query: str,
        bindings: Bindings | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Any:
        """Run a query with `bindings` as a VALUES row at the start of its WHERE group, and substituted.

        The VALUES row (kg.store.binding.bind_values, as the remote store binds) gives the answers their
        meaning, so both backends agree: BOUND(?param) is true for a given parameter, for one. It is
        also joined first, so the planner anchors the query on it, which pyoxigraph's `substitutions`
        alone do not do (a lookup of one plan scanned them all: 100 ms instead of 0.7 ms at 1M
        triples). The substitutions, for the parameters the query projects (oxigraph refuses others),
        then put the constants into the patterns themselves, so multi-pattern OPTIONALs that the
        planner would otherwise hash-join over the whole store are anchored too (indicator_neighbours:
        10 s with the VALUES row alone, 55 ms with both).
        """
        oxigraph_bindings = {
            k: v if isinstance(v, ox.NamedNode | ox.Literal) else to_oxigraph(v) for k, v in (bindings or {}).items()
        }
        return query_bound(
            self._store, query, oxigraph_bindings, default_graph=default_graph or (), named_graphs=named_graphs or ()
        )

    def select(self, query: str, bindings: Bindings | None = None) -> Rows:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query", hint="use ask() or construct() for other query forms")
        names = [v.value for v in result.variables]
        rows: Iterator[dict[str, Node]] = (
            {n: to_rdflib(t) for n, t in zip(names, row, strict=True) if t is not None} for row in result
        )
        return Rows(names, rows)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
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
        bindings: Bindings | None = None,
        default_graph: list[str] | None = None,
        named_graphs: list[str] | None = None,
        max_rows: int | None = None,
        timeout: float | None = None,
    ) -> tuple[str, bytes]:
        """Run any query and serialise its answer (see `Store.query_serialized`; `timeout` is not honoured here)."""
        result = self._query(query, bindings, default_graph, named_graphs)
        form, body, _rows = serialized_answer(result, result_format, max_rows)
        return form, body

    def graph(self, name: str) -> Graph:
        g = Graph()
        for q in self._store.quads_for_pattern(None, None, None, graph_node(name)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one graph, when named), as pyoxigraph terms."""
        return iter(self._store.quads_for_pattern(None, None, None, graph_node(graph) if graph else None))

    # --- writing ------------------------------------------------------------------------------
    def update(self, text: str) -> None:
        """A SPARQL update, applied as one transaction; then the indicator series, when it may have touched them.

        "May touch" is read from the text (`kg.store.series.may_change_series`): an update naming an
        observation property, using a variable predicate or a graph operation (DROP, CLEAR …).
        Whole-graph writes (`put_graph`, `drop_graph`, what the gate and the HTTP update use) rebuild
        the series inside their own transaction instead.
        """
        self._bump()
        try:
            self._store.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise query_syntax_error(exc) from exc
        finally:
            self._bump()
        if may_change_series(text):
            self._store.update(series_update(self._store))
            self._bump()

    def put_graph(self, name: str, data: Graph) -> None:
        """Replace one named graph's content (its inferences, and the series if observations change), atomically."""
        self._write_graph(name, graph_to_quads(data, name))

    def add_to_graph(self, name: str, data: Graph) -> None:
        """Add triples to one named graph (recomputing its inferences and series), atomically."""
        self._write_graph(name, list(self.quads(name)) + graph_to_quads(data, name))

    def drop_graph(self, name: str) -> None:
        """Remove one named graph, its content and its inferences (and its observations' series), atomically."""
        self._write_graph(name, None)

    def _write_graph(self, name: str, quads: list[ox.Quad] | None) -> None:
        """One transaction: the graph replaced (or dropped), its inferences, and the series if observations change."""
        text = drop_graph_update(name) if quads is None else replace_graph_update(name, quads)
        graph = graph_node(name).value
        if graph_has_inputs(self._store, graph) or (quads is not None and has_inputs(quads)):
            leave_out = (graph, inferred_graph_iri(graph))
            text += " ; " + series_update(self._store, leave_out=leave_out, extra=quads or ())
        self._bump()
        try:
            self._store.update(text)
        finally:
            self._bump()

    def load_sources(self, sources: list[RdfSource], *, progress: Any = None, infer: bool = True) -> int:
        """Replace the whole store with these files (plus nothing else), all or nothing.

        On disk the files are bulk-loaded into a new generation that replaces the current one in
        one rename; a parse error leaves the current store untouched.
        """
        if self.root is None:
            fresh = ox.Store()
            bulk_load(fresh, sources, progress, infer)
            self._store = fresh
            self._bump()
            return len(fresh)
        gen = self._new_generation()
        try:
            fresh = ox.Store(str(gen))
            bulk_load(fresh, sources, progress, infer, one_stream=True)
            total = len(fresh)
            fresh.flush()
            del fresh
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        self._store = None  # type: ignore[assignment]
        self._bump()
        self._switch_to(gen)
        self._store = ox.Store(str(gen))
        self._bump()
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


def serialized_answer(result: Any, result_format: str, max_rows: int | None = None) -> tuple[str, bytes, int]:
    """A pyoxigraph answer serialised: (form, bytes, rows), reading at most `max_rows` solutions or triples.

    Solutions are written as SPARQL JSON by the one writer both backends use (kg.store.terms) and
    turned into the other result formats by oxigraph's own serialisers, so every format says the
    same thing; one row past the budget raises QueryLimitExceeded rather than answering part.
    """
    if isinstance(result, ox.QueryBoolean):
        return "boolean", serialized(result.serialize(format=RESULT_FORMATS[result_format])), 1
    if isinstance(result, ox.QueryTriples):
        triples = _take(result, max_rows)
        body = ox.serialize(triples, format=GRAPH_FORMATS[result_format], prefixes=graph_prefixes(result_format))
        return "graph", serialized(body), len(triples)
    variables = [v.value for v in result.variables]
    solutions = _take(result, max_rows)
    body = solutions_json(variables, solutions)
    if result_format != "json":
        try:
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            body = serialized(parsed.serialize(format=RESULT_FORMATS[result_format]))
        except MemoryError as exc:  # oxigraph's JSON reader holds one value to 16 MB
            raise QueryLimitExceeded(
                "size",
                f"a value in the answer is too large to write as {result_format.upper()} (over 16 MB)",
                hint="ask for JSON (Accept: application/sparql-results+json), or select a shorter value",
            ) from exc
    return "solutions", body, len(solutions)


def _take(result: Iterable[Any], max_rows: int | None) -> list[Any]:
    taken: list[Any] = []
    for item in result:
        if max_rows is not None and len(taken) >= max_rows:
            raise row_limit_error(max_rows)
        taken.append(item)
    return taken


def row_limit_error(max_rows: int) -> QueryLimitExceeded:
    """The error an answer over the row budget gets, on every backend."""
    return QueryLimitExceeded(
        "rows",
        f"the query returns more than {max_rows:,} rows (the service's row limit, CYPKG_MAX_ROWS)",
        hint="add LIMIT/OFFSET to page through the answer, or narrow it with filters",
    )
