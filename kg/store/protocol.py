"""What every backend offers: the CLI, the API and the tests speak only to this protocol."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.store.rdf_io import RdfSource

Bindings = Mapping[str, Node | ox.NamedNode | ox.Literal]
"""Values bound to a query's variables by name, as rdflib or pyoxigraph terms (each crosses to the
other library at most once, where the backend writes or substitutes it)."""


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
    def select(self, query: str, bindings: Bindings | None = None) -> Rows: ...
    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...
    def construct(self, query: str, bindings: Bindings | None = None) -> Graph: ...
    def graph(self, name: str) -> Graph: ...
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of cypkg's graphs (of one graph, when named), as pyoxigraph terms."""
        ...

    def as_oxigraph(self) -> ox.Store:
        """The data as a pyoxigraph store in this process, for readers that run many small queries
        (SHACL compiled to SPARQL, benchmarks): the embedded store itself, or a remote store's graphs
        copied into memory. Writing to it bypasses the SHACL gate (and, for a remote store, reaches nothing)."""
        ...

    def put_graph(self, name: str, data: Graph) -> None: ...
    def add_to_graph(self, name: str, data: Graph) -> None: ...
    def drop_graph(self, name: str) -> None: ...
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
        """Run any query and serialise its answer: (form, bytes), form `solutions`, `boolean` or `graph`.

        `max_rows` is the caller's row budget (an answer over it raises QueryLimitExceeded, never a
        part); `timeout` asks a server to stop the query after that many seconds (the embedded
        engine cannot stop a running query: the API runs those in worker processes it can kill).
        """
        ...

    def update(self, text: str) -> None: ...
    def load_sources(self, sources: list[RdfSource], *, progress: Any = None, infer: bool = True) -> int: ...
    def restore(self, path: Path, *, progress: Any = None) -> int: ...
    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None: ...
    def close(self) -> None: ...
