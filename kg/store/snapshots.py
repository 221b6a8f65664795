"""Reading a store that another process writes: the latest snapshot, followed as new ones are published.

kg.store.sharing says how an on-disk store is shared (one writer; readers on snapshots). A one-off
reader (a CLI command) opens `OxigraphStore(root, read_only=True)`: the snapshot that was latest
then, for as long as it keeps it open. A long-lived reader (a service worker, a query worker)
uses a `Follower` or a `SnapshotStore`, which switch to a newer snapshot as soon as one appears
(one `stat` per request), each call reading one snapshot throughout.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Bindings, Rows
from kg.store.sharing import LATEST, generation, snapshot_dir


class _Held:
    """A snapshot opened read-only, and how many calls are reading it now."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store
        self.number = int(store.generation() or 0)
        self.users = 0
        self.retired = False

    def close(self) -> None:
        self.store.close()


class Follower:
    """The latest snapshot of a store, switched to when a newer one is published (one `stat` per use)."""

    def __init__(self, root: Path, *, wait: float = 0.0) -> None:
        self.root = Path(root)
        self._pointer = snapshot_dir(self.root) / LATEST
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._current = _Held(OxigraphStore(self.root, read_only=True, wait=wait))
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self._pointer)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def refresh(self) -> None:
        """Switch to a newer snapshot if one was published since the last look."""
        stamp = self._stamp()
        if stamp == self._seen:
            return
        with self._lock:
            if stamp == self._seen:
                return
            number = generation(self.root)
            if number is not None and number != self._current.number:
                fresh = _Held(OxigraphStore(self.root, read_only=True))
                old, self._current = self._current, fresh
                old.retired = True
                if old.users == 0:
                    old.close()
            self._seen = stamp

    @contextlib.contextmanager
    def pinned(self) -> Iterator[OxigraphStore]:
        """The current snapshot as a store, kept open until the block ends even if a newer one appears."""
        self.refresh()
        with self._lock:
            snap = self._current
            snap.users += 1
        try:
            yield snap.store
        finally:
            with self._lock:
                snap.users -= 1
                if snap.retired and snap.users == 0:
                    snap.close()

    @property
    def number(self) -> int:
        return self._current.number

    def close(self) -> None:
        with self._lock:
            self._current.retired = True
            if self._current.users == 0:
                self._current.close()


class SnapshotStore:
    """A read-only Store that reads the latest snapshot: how a service worker sees a store another process writes.

    Every call pins the snapshot current at its start, so one call never mixes two states.
    Writes are refused here; they go to the store's writer (kg.validation.writer).
    """

    def __init__(self, root: Path, *, wait: float = 0.0) -> None:
        self.root = Path(root)
        self.read_only = True
        self.follower = Follower(self.root, wait=wait)
        self._readers: list[OxigraphStore] = []

    def graphs(self) -> list[str]:
        with self.follower.pinned() as s:
            return s.graphs()

    def count(self, graph: str | None = None) -> int:
        with self.follower.pinned() as s:
            return s.count(graph)

    def select(self, query: str, bindings: Bindings | None = None) -> Rows:
        with self.follower.pinned() as s:
            return s.select(query, bindings)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        with self.follower.pinned() as s:
            return s.ask(query, bindings)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        with self.follower.pinned() as s:
            return s.construct(query, bindings)

    def graph(self, name: str) -> Graph:
        with self.follower.pinned() as s:
            return s.graph(name)

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
        with self.follower.pinned() as s:
            return s.query_serialized(
                query,
                result_format,
                bindings=bindings,
                default_graph=default_graph,
                named_graphs=named_graphs,
                max_rows=max_rows,
            )

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad (of one graph, when named), read from one snapshot before the first is given."""
        with self.follower.pinned() as s:
            return iter(list(s.quads(graph)))

    def as_oxigraph(self) -> ox.Store:
        """The latest snapshot's pyoxigraph store, opened read-only by a one-off reader of its own, so the
        snapshot stays until this store is closed (a later write is not seen through it)."""
        reader = OxigraphStore(self.root, read_only=True)
        self._readers.append(reader)
        return reader.as_oxigraph()

    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None:
        with self.follower.pinned() as s:
            s.dump(out, fmt)

    def generation(self) -> str | None:
        """The generation this store reads now (kg.store.sharing.generation): what caches of answers key on."""
        self.follower.refresh()
        return str(self.follower.number)

    def _read_only(self, *_: Any, **__: Any) -> Any:
        raise StoreError(
            "this view of the store is read-only: the store's writer process applies writes",
            hint="writes go through the gate (kg.validation.gate), which sends them to the writer",
        )

    update = put_graph = add_to_graph = drop_graph = load_sources = restore = _read_only

    def close(self) -> None:
        for reader in self._readers:
            reader.close()
        self._readers.clear()
        self.follower.close()
