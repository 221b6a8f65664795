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
from collections.abc import Callable, Iterable, Iterator
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
from kg.store.sharing import WriteLock, collect, open_snapshot, publish
from kg.store.terms import graph_to_quads, solutions_json, to_oxigraph, to_rdflib


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (or in memory when `path` is None).

    On disk (kg.store.sharing): opened for writing, it holds the store's write lock (or the
    `lock` its parent process passed on) and publishes a snapshot when it opens and after every
    committed write; opened `read_only`, it reads the latest snapshot, never `current`, so it
    works beside any writer. Folder layout: `current` (a symlink to the generation in use),
    `gen-*` (generations: a rebuild writes a new one and switches `current` in one rename),
    `write.lock`, `snapshots/`.
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        read_only: bool = False,
        lock: WriteLock | None = None,
        wait: float = 0.0,
    ) -> None:
        self.root = Path(path) if path is not None else None
        self.read_only = read_only
        self.on_commit: Callable[[], None] | None = None
        """Called after each committed write, before its snapshot is published (the writer process's time limit)."""
        self._lock = lock
        self._snapshot_lock = -1
        self._writes = 0
        self._generation: int | None = None
        self._store = self._open(wait)

    # --- opening, locks and generations -------------------------------------------------------
    def _open(self, wait: float) -> ox.Store:
        if self.root is None:
            return ox.Store()
        if self.read_only:
            self._generation, self._snapshot_lock, raw = open_snapshot(self.root, wait=wait)
            return raw
        if self._lock is None:
            self._lock = WriteLock.take(self.root)
        try:
            fresh = not (self.root / "current").exists()
            if fresh:
                self._switch_to(self._new_generation())
            self._collect_garbage()
            try:
                raw = ox.Store(str((self.root / "current").resolve()))
            except OSError as exc:
                raise StoreError(
                    f"cannot open the store at {self.root}: {exc}",
                    hint="another program holds it; stop it, then run the command again",
                ) from exc
            if not fresh:  # a writer killed between a commit and its snapshot leaves none stale behind
                self._generation = publish(raw, self.root)
            return raw
        except BaseException:
            self._release()
            raise

    def __del__(self) -> None:
        self._release()  # a store dropped without close() still lets go of its locks

    def _release(self) -> None:
        lock = getattr(self, "_lock", None)  # absent when __init__ failed before setting it
        if lock is not None:
            lock.release()
            self._lock = None
        fd = getattr(self, "_snapshot_lock", -1)
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
            self._snapshot_lock = -1

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
        """Remove generations left by interrupted or superseded builds.

        Only the holder of the write lock collects, so a build in progress, whose new generation
        is not yet current, is never touched by another process; readers read snapshots, which
        keep their own links to the files they need.
        """
        assert self.root is not None and self._lock is not None and not self.read_only
        current = (self.root / "current").resolve().name
        for child in self.root.glob("gen-*"):
            if child.name != current:
                shutil.rmtree(child, ignore_errors=True)

    def _committed(self) -> None:
        """After a committed write: tell `on_commit`, then publish the new state (on disk) as the latest snapshot."""
        self._writes += 1
        if self.on_commit is not None:
            self.on_commit()
        if self.root is not None:
            self._generation = publish(self._store, self.root)

    def generation(self) -> str | None:
        """What caches of answers key on: changes after every committed write, whoever made it.

        On disk, the number of the latest snapshot (kg.store.sharing.generation): for a read-only
        store the one it reads, for the writer the one it last published. In memory, this store's
        own count of writes. None on disk before the first snapshot.
        """
        if self.root is None:
            return f"memory-{id(self)}.{self._writes}"
        return None if self._generation is None else str(self._generation)

    def close(self) -> None:
        """Release the on-disk store and its locks (a no-op in memory)."""
        with contextlib.suppress(Exception):
            if not self.read_only:
                self._store.flush()
        self._store = None  # type: ignore[assignment]
        if self.root is not None and not self.read_only and self._lock is not None:
            collect(self.root)
        self._release()

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
            raise QueryError(
                "expected an ASK query", hint="ask() runs ASK queries; use select() or construct() for others"
            )
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError(
                "expected a CONSTRUCT or DESCRIBE query",
                hint="construct() runs CONSTRUCT and DESCRIBE; use select() or ask()",
            )
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
        self._refuse_if_read_only()
        try:
            self._store.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise query_syntax_error(exc, text) from exc
        if may_change_series(text):
            self._store.update(series_update(self._store))
        self._committed()

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
        self._refuse_if_read_only()
        text = drop_graph_update(name) if quads is None else replace_graph_update(name, quads)
        graph = graph_node(name).value
        if graph_has_inputs(self._store, graph) or (quads is not None and has_inputs(quads)):
            leave_out = (graph, inferred_graph_iri(graph))
            text += " ; " + series_update(self._store, leave_out=leave_out, extra=quads or ())
        self._store.update(text)
        self._committed()

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError("this store was opened read-only (a snapshot)", hint="open it without read_only to write")

    def load_sources(self, sources: list[RdfSource], *, progress: Any = None, infer: bool = True) -> int:
        """Replace the whole store with these files (plus nothing else), all or nothing.

        On disk the files are bulk-loaded into a new generation that replaces the current one in
        one rename; a parse error leaves the current store untouched.
        """
        self._refuse_if_read_only()
        if self.root is None:
            fresh = ox.Store()
            bulk_load(fresh, sources, progress, infer)
            self._store = fresh
            self._committed()
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
        self._switch_to(gen)
        self._store = ox.Store(str(gen))
        self._collect_garbage()
        self._committed()
        return total

    def restore(self, path: Path, *, progress: Any = None) -> int:
        """Replace the whole store with a dump (N-Quads or TriG), all or nothing.

        `kg.store.dumps.check_dump` checks a file's format and completeness first (`cypkg restore`).
        """
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
