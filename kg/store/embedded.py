"""The embedded store: pyoxigraph on disk (or in memory), the default backend.

Named graphs hold one source document each; queries see their union by default. Writes are
all-or-nothing: files are parsed completely before anything is written, single-graph writes run
as one oxigraph transaction, and a full rebuild goes into a fresh generation directory that is
switched in with one atomic rename, so `kill -9` leaves either the old store or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.errors import ParseError, QueryError, StoreError
from kg.namespaces import PREFIXES
from kg.ontology.files import ONTOLOGY_GRAPH
from kg.store.binding import query_bound, query_syntax_error
from kg.store.graph_updates import drop_graph_update, graph_node, replace_graph_update
from kg.store.inference import infer_graph
from kg.store.protocol import Rows
from kg.store.rdf_io import GRAPH_FORMATS, QUAD_FORMATS, RESULT_FORMATS, RdfSource, parse_error, serialized
from kg.store.terms import graph_to_quads, to_oxigraph, to_rdflib


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (or in memory when `path` is None)."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.root = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock: IO[str] | None = None
        self._store = self._open()

    # --- opening, locks and generations -------------------------------------------------------
    # Files under the store's folder: `current` (a symlink to the generation in use), `gen-*`
    # (generations), `write.lock` (held, exclusively, by the one process that may write; it says
    # who that is) and `readers-gen-*.lock` (held, shared, by each read-only open of that generation,
    # so a writer never deletes a generation a reader still has open).
    def _open(self) -> ox.Store:
        if self.root is None:
            return ox.Store()
        if self.read_only:
            return self._open_read_only()
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = _take_write_lock(self.root)
        try:
            if not (self.root / "current").exists():
                self._switch_to(self._new_generation())
            self._collect_garbage()
            try:
                return ox.Store(str((self.root / "current").resolve()))
            except OSError as exc:
                raise StoreError(
                    f"cannot open the store at {self.root}: {exc}",
                    hint="another program holds it; stop it, then run the command again",
                ) from exc
        except BaseException:
            self._release()
            raise

    def _open_read_only(self) -> ox.Store:
        """A read-only snapshot of the current generation; works while another process writes."""
        assert self.root is not None
        for _ in range(10):
            current = self.root / "current"
            if not current.exists():
                raise StoreError(f"no store at {self.root}", hint="run `cypkg load` first to build it")
            gen = current.resolve()
            self._lock = _lock_file(_readers(gen), fcntl.LOCK_SH)
            if gen.is_dir() and current.resolve() == gen:  # not switched away and collected meanwhile
                try:
                    return ox.Store.read_only(str(gen))
                except OSError as exc:
                    self._release()
                    raise StoreError(f"cannot read the store at {self.root}: {exc}") from exc
            self._release()
        raise StoreError(f"the store at {self.root} kept changing while being opened", hint="run the command again")

    def __del__(self) -> None:
        self._release()  # a store dropped without close() still lets go of its lock

    def _release(self) -> None:
        lock = getattr(self, "_lock", None)  # absent when __init__ failed before setting it
        if lock is not None:
            lock.close()  # closing the file releases its lock
            self._lock = None

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
        """Remove generations left by interrupted or superseded builds that no reader has open.

        Only the writer (holding `write.lock`) collects, so a build in progress, whose new
        generation is not yet current, is never touched by another process.
        """
        assert self.root is not None and self._lock is not None and not self.read_only
        current = (self.root / "current").resolve().name
        for child in self.root.glob("gen-*"):
            if child.name == current:
                continue
            readers = _readers(child)
            try:
                in_use = _lock_file(readers, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a reader still has it open: the next writer collects it
            with in_use:
                shutil.rmtree(child, ignore_errors=True)
                readers.unlink(missing_ok=True)
        for readers in self.root.glob("readers-gen-*.lock"):
            if not (self.root / readers.stem.removeprefix("readers-")).exists():
                readers.unlink(missing_ok=True)

    def close(self) -> None:
        """Release the on-disk store and its lock (a no-op in memory)."""
        with contextlib.suppress(Exception):
            self._store.flush()
        self._store = None  # type: ignore[assignment]
        self._release()

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
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph_node(graph)))

    def _query(
        self,
        query: str,
        bindings: dict[str, Node] | None = None,
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
        for q in self._store.quads_for_pattern(None, None, None, graph_node(name)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one graph, when named)."""
        return iter(self._store.quads_for_pattern(None, None, None, graph_node(graph) if graph else None))

    # --- writing ------------------------------------------------------------------------------
    def update(self, text: str) -> None:
        """A SPARQL update, applied as one transaction."""
        try:
            self._store.update(text, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise query_syntax_error(exc, text) from exc

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
        if self.read_only:
            raise StoreError("this store was opened read-only", hint="open it without read_only to write")
        if self.root is None:
            fresh = ox.Store()
            bulk_load(fresh, sources, progress, infer)
            self._store = fresh
            return len(fresh)
        gen = self._new_generation()
        try:
            fresh = ox.Store(str(gen))
            bulk_load(fresh, sources, progress, infer)
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
        """Replace the whole store with a dump (N-Quads or TriG), all or nothing.

        `kg.store.dumps.check_dump` checks a file's format and completeness first (`cypkg restore`).
        """
        return self.load_sources([RdfSource(path, "")], progress=progress, infer=False)

    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None:
        """Write every named graph (N-Quads or TriG) to a binary stream."""
        if fmt not in ("nquads", "trig"):
            raise StoreError(f"cannot dump as {fmt!r}", hint="use nquads or trig")
        self._store.dump(out, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)


def bulk_load(store: ox.Store, sources: list[RdfSource], progress: Any, infer: bool) -> None:
    for src in sources:
        fmt = src.format
        to_graph = None if fmt in QUAD_FORMATS else graph_node(src.graph)
        try:
            source: dict[str, Any] = (
                {"input": gzip.decompress(src.path.read_bytes())} if src.path.suffix == ".gz" else {"path": src.path}
            )
            store.bulk_load(format=fmt, to_graph=to_graph, base_iri=src.path.resolve().as_uri(), **source)
        except SyntaxError as exc:
            raise parse_error(exc, src.path) from exc
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise ParseError(f"cannot read: {exc}", file=str(src.path)) from exc
        if progress is not None:
            progress(src)
    if infer:
        for name in sorted({s.graph for s in sources} - {ONTOLOGY_GRAPH}):
            infer_graph(store, name)


def _readers(gen: Path) -> Path:
    """The lock file that readers of generation `gen` hold shared."""
    return gen.parent / f"readers-{gen.name}.lock"


def _lock_file(path: Path, operation: int) -> IO[str]:
    """Open (creating) `path` and take an flock on it; the lock lives as long as the open file."""
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, operation)
    except BaseException:
        handle.close()
        raise
    return handle


def _take_write_lock(root: Path) -> IO[str]:
    """The store's one write lock, or a StoreError naming the process that holds it and what to do."""
    try:
        lock = _lock_file(root / "write.lock", fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise store_in_use(root, lock_holder(root)) from None
    lock.seek(0)
    lock.truncate()
    lock.write(json.dumps({"pid": os.getpid(), "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])}))
    lock.flush()
    return lock


def lock_holder(root: Path) -> dict[str, Any]:
    """Who holds the write lock, as it wrote itself into `write.lock` (pid and command line)."""
    try:
        holder = json.loads((root / "write.lock").read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def store_in_use(root: Path, holder: dict[str, Any]) -> StoreError:
    """The error a write gets while another process holds the store: who, and the two ways on."""
    pid = holder.get("pid")
    command = str(holder.get("command", ""))
    who = f"process {pid} (`{command}`)" if pid else "another process"
    words = command.split()
    serving = "serve" in words or "uvicorn" in command
    stop = f"stop it (Ctrl+C in its terminal, or `kill {pid}`)" if pid else "stop it"
    if {"load", "restore", "import"} & set(words):
        stop = f"wait for it to finish (or {stop})"
    hint = f"{stop}, then run this command again; reading commands (query, sparql, graphs, dump …) work meanwhile"
    if serving:
        hint += (
            "; or, while the service runs, write through its HTTP API with CYPKG_API_TOKEN set: "
            "`curl -X PUT -H \"Authorization: Bearer $CYPKG_API_TOKEN\" -H 'Content-Type: text/turtle' "
            "--data-binary @FILE 'http://HOST:PORT/store?graph=NAME'` (docs/api.md)"
        )
    return StoreError(f"the store at {root} is held for writing by {who}", hint=hint)
