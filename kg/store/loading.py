"""Loading many RDF files into an oxigraph store as one bulk load, with inferences and series in the same pass.

Why one stream: oxigraph's bulk loader writes new index files for every call, so loading five
hundred small files one call each spends most of its time on per-call overhead (a million triples:
about twice the time of one call). Every source is therefore turned into N-Quads in its named graph
and fed to a single `bulk_load` through a file-like stream, which oxigraph parses and indexes in its
own threads while Python prepares the next file.

Why in the same pass: while a file is turned into N-Quads, the triples that a rule reads
(`kg.store.inference`) and the observation properties the indicator series are built from
(`kg.store.series`) are picked out of it, so the inferred graphs and the series graph are computed
without reading the data a second time, and go into the same stream.

N-Triples written one statement a line, as tools write it, are converted as text (a file with a
comment or a statement split over lines is parsed instead); everything else is parsed by oxigraph.
A syntax error is reported against the file and line it is in, as a per-file load would report it.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import ParseError
from kg.ontology.files import ONTOLOGY_GRAPH
from kg.store.graph_updates import graph_node
from kg.store.inference import Rules, default_rules, infer_graph, inferred_graph_iri
from kg.store.rdf_io import QUAD_FORMATS, RdfSource, parse_error, serialized
from kg.store.series import INPUTS, SERIES_GRAPH, Columns, derive_series, rebuild_series

_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_END = b" .\n"


@dataclass
class _Relevance:
    """What a rule or a series reads, as N-Triples text, to pick lines out without parsing them."""

    rule_predicates: frozenset[bytes]
    typed_classes: frozenset[bytes]
    roles: dict[bytes, str]

    @classmethod
    def of(cls, rules: Rules) -> _Relevance:
        def iri(value: str) -> bytes:
            return f"<{value}>".encode()

        predicates = {*rules.superproperties, *rules.inverses, *rules.symmetric}
        predicates |= {sup for sups in rules.superproperties.values() for sup in sups}
        predicates |= {inv for invs in rules.inverses.values() for inv in invs}
        classes = set(rules.superclasses) | {sup for sups in rules.superclasses.values() for sup in sups}
        return cls(
            frozenset(iri(p) for p in predicates),
            frozenset(iri(c) for c in classes),
            {iri(p): role for role, p in INPUTS.items()},
        )


@dataclass
class _Pass:
    """What one pass over the sources gathers besides the N-Quads."""

    rules: Rules
    relevance: _Relevance
    infer: bool
    sources_left: Counter[str]
    columns: Columns = field(default_factory=lambda: {role: {} for role in INPUTS})
    quad_sources: int = 0
    rule_input: dict[str, list[ox.Quad]] = field(default_factory=dict)

    def collect(self, role: str, subject: bytes, obj: bytes) -> None:
        self.columns[role].setdefault(subject, []).append(obj)


def bulk_load(
    store: ox.Store, sources: list[RdfSource], progress: Any, infer: bool, *, one_stream: bool = False
) -> None:
    """Load every source into its named graph, with inferences (when `infer`) and the indicator series.

    `store` must be empty (a fresh generation, or a staging store). `one_stream` is for on-disk
    stores, where every bulk-load call costs new index files; an in-memory store loads file by file
    and reads what inference and the series need back from its indexes, which is cheaper there.
    """
    if not one_stream:
        _load_file_by_file(store, sources, progress, infer)
        return
    _bulk_load(store, sources, progress, infer)


def _load_file_by_file(store: ox.Store, sources: list[RdfSource], progress: Any, infer: bool) -> None:
    for src in sources:
        to_graph = None if src.format in QUAD_FORMATS else graph_node(src.graph)
        source: dict[str, Any] = {"input": _read(src)} if src.path.suffix == ".gz" else {"path": src.path}
        try:
            store.bulk_load(format=src.format, to_graph=to_graph, base_iri=src.path.resolve().as_uri(), **source)
        except SyntaxError as exc:
            raise parse_error(exc, src.path) from exc
        except OSError as exc:
            raise ParseError(
                f"cannot read: {exc}", file=str(src.path), hint="check the file exists, is readable and is whole"
            ) from exc
        if progress is not None:
            progress(src)
    if infer:
        for name in sorted({s.graph for s in sources} - {ONTOLOGY_GRAPH}):
            infer_graph(store, name)
    if not store.contains_named_graph(ox.NamedNode(SERIES_GRAPH)):
        rebuild_series(store)


def _bulk_load(store: ox.Store, sources: list[RdfSource], progress: Any, infer: bool) -> None:
    rules = default_rules()
    state = _Pass(rules, _Relevance.of(rules), infer, Counter(s.graph for s in sources))
    failure: list[BaseException] = []
    stream = io.BufferedReader(_ChunkStream(_chunks(sources, state, progress), failure), buffer_size=1 << 20)
    try:
        store.bulk_load(stream, format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        if failure:
            raise failure[0] from None
        raise _locate(exc, sources) from exc
    if failure:
        raise failure[0]
    if state.quad_sources and not store.contains_named_graph(ox.NamedNode(SERIES_GRAPH)):
        rebuild_series(store)  # a dump without its series graph: derive it from what was loaded


def _chunks(sources: list[RdfSource], state: _Pass, progress: Callable[[RdfSource], None] | None) -> Iterator[bytes]:
    """N-Quads for every source, then the series graph."""
    for src in sources:
        yield from _source_chunks(src, state)
        if progress is not None:
            progress(src)
    series = derive_series(state.columns, graph=SERIES_GRAPH)
    if series:
        yield series


def _source_chunks(src: RdfSource, state: _Pass) -> Iterator[bytes]:
    data = _read(src)
    fmt = src.format
    if fmt in QUAD_FORMATS:
        state.quad_sources += 1
        if fmt == ox.RdfFormat.N_QUADS:
            yield data if data.endswith(b"\n") or not data else data + b"\n"
        else:
            yield serialized(ox.serialize(_parse(data, src, None), format=ox.RdfFormat.N_QUADS))
        return
    graph = graph_node(src.graph)
    rule_input = state.rule_input.setdefault(src.graph, [])
    text = _plain_ntriples(data) if fmt == ox.RdfFormat.N_TRIPLES else None
    if text is not None:
        yield text.replace(_END, f" {graph} .\n".encode())
        relevant = _pick_lines(text, state)
        if state.infer and relevant:
            rule_input += _parse(b"\n".join(relevant), src, None)
    else:
        quads = _parse(data, src, graph)
        yield serialized(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        roles = state.relevance.roles
        for q in quads:
            role = roles.get(f"<{q.predicate.value}>".encode())
            if role is not None:
                state.collect(role, str(q.subject).encode(), str(q.object).encode())
        if state.infer:
            rule_input += quads
    state.sources_left[src.graph] -= 1
    if state.sources_left[src.graph] == 0:  # the graph's last file: what all of it entails
        triples = state.rule_input.pop(src.graph)
        if state.infer and src.graph != ONTOLOGY_GRAPH and triples:
            yield _inferred(triples, src.graph, state.rules)


def _pick_lines(text: bytes, state: _Pass) -> list[bytes]:
    """Collect the series inputs of N-Triples text; return the lines a rule may read (to be parsed)."""
    relevance = state.relevance
    roles, predicates, classes = relevance.roles, relevance.rule_predicates, relevance.typed_classes
    relevant: list[bytes] = []
    for line in text.split(b"\n"):
        parts = line.split(None, 2)
        if len(parts) != 3:
            continue
        predicate = parts[1]
        role = roles.get(predicate)
        if role is not None:
            state.collect(role, parts[0], parts[2][:-1].rstrip())
        if predicate in predicates or (predicate == _RDF_TYPE and parts[2][:-1].rstrip() in classes):
            relevant.append(line)
    return relevant


def _plain_ntriples(data: bytes) -> bytes | None:
    """The text when every line is one statement ending in " ." (no comments, no blank lines), else None."""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    return data if data.count(b"\n") == data.count(_END) else None


def _inferred(quads: list[ox.Quad], name: str, rules: Rules) -> bytes:
    """The N-Quads of what a document graph's (relevant) triples entail, in its inferred graph."""
    target = ox.NamedNode(inferred_graph_iri(name))
    entailed = rules.entail((q.subject, q.predicate, q.object) for q in quads)
    if not entailed:
        return b""
    inferred = [ox.Quad(s, p, o, target) for s, p, o in entailed]
    return serialized(ox.serialize(inferred, format=ox.RdfFormat.N_QUADS))


def _read(src: RdfSource) -> bytes:
    try:
        data = src.path.read_bytes()
        return gzip.decompress(data) if src.path.suffix == ".gz" else data
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ParseError(
            f"cannot read: {exc}", file=str(src.path), hint="check the file exists, is readable and is whole"
        ) from exc


def _parse(data: bytes, src: RdfSource, graph: ox.NamedNode | None) -> list[ox.Quad]:
    """Every quad of a source (moved into `graph` when given), or ParseError naming the file and line."""
    try:
        parsed = ox.parse(data, format=src.format, base_iri=src.path.resolve().as_uri())
        if graph is None:
            return list(parsed)
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
    except SyntaxError as exc:
        raise parse_error(exc, src.path) from exc


def _locate(exc: SyntaxError, sources: list[RdfSource]) -> ParseError:
    """The file and line of a syntax error the combined stream met, found by parsing each file on its own."""
    for src in sources:
        _parse(_read(src), src, None)  # raises ParseError at the file's own line and column
    return ParseError(f"the data is not valid RDF: {exc}", file=", ".join(str(s.path) for s in sources))


class _ChunkStream(io.RawIOBase):
    """A readable stream over byte chunks made on demand; an error while making one ends the stream and is kept."""

    def __init__(self, chunks: Iterator[bytes], failure: list[BaseException]) -> None:
        super().__init__()
        self._chunks = chunks
        self._failure = failure
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                chunk = next(self._chunks, None)
            except BaseException as exc:  # noqa: BLE001 - re-raised by bulk_load once oxigraph has stopped
                self._failure.append(exc)
                chunk = None
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n
