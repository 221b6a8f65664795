"""Read-only snapshots of an on-disk store, so other processes can read it safely while one process writes.

pyoxigraph opens a store read-write in one process only, and says that opening it read-only
while another process writes it is undefined behaviour (RocksDB may compact away files a reader
still needs: the "Corruption" two service workers once died of). So the process that writes a
store it serves publishes a **snapshot** after every write: a RocksDB checkpoint (`Store.backup`,
hard links to the immutable table files, tens of milliseconds at a million triples) in
`<store>/snapshots/<n>/`, named in `<store>/snapshots/LATEST`. Readers open the latest snapshot
read-only, and notice a newer one with one `stat` per request.

A reader holds a shared `flock` on `<n>.lock` while it has snapshot n open; the writer deletes a
superseded snapshot only when it can take that lock exclusively, so no snapshot disappears under
a reader, and a reader that dies releases its lock with it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Bindings, Rows

SNAPSHOTS = "snapshots"
LATEST = "LATEST"


def snapshot_dir(root: Path) -> Path:
    return Path(root) / SNAPSHOTS


def publish(raw: ox.Store, root: Path) -> int:
    """Checkpoint the store as the newest snapshot, point LATEST at it, and delete unused old ones."""
    folder = snapshot_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    number = time.time_ns()
    tmp = folder / f".tmp-{number}"
    raw.backup(str(tmp))
    os.rename(tmp, folder / str(number))
    (folder / f"{number}.lock").touch()
    pointer = folder / f".{LATEST}-{number}"
    pointer.write_text(f"{number}\n", encoding="ascii")
    os.replace(pointer, folder / LATEST)
    collect(root)
    return number


def latest(root: Path) -> int | None:
    """The number of the newest published snapshot, if any."""
    try:
        return int((snapshot_dir(root) / LATEST).read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return None


def collect(root: Path) -> None:
    """Delete snapshots no reader holds, except the latest (only the writer calls this)."""
    folder = snapshot_dir(root)
    keep = latest(root)
    for child in folder.iterdir():
        if child.name.startswith(".tmp-") or (child.name.startswith(f".{LATEST}-")):
            with contextlib.suppress(OSError):
                shutil.rmtree(child) if child.is_dir() else child.unlink()
            continue
        if not child.is_dir() or not child.name.isdigit() or int(child.name) == keep:
            continue
        lock = folder / f"{child.name}.lock"
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        try:
            shutil.rmtree(child, ignore_errors=True)
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()
        finally:
            os.close(fd)


class Snapshot:
    """One snapshot opened read-only, held (shared lock) until `close`."""

    def __init__(self, root: Path, number: int, fd: int, raw: ox.Store) -> None:
        self.root, self.number, self._fd = root, number, fd
        self.store = OxigraphStore.over(raw)
        self.users = 0
        self.retired = False

    def close(self) -> None:
        self.store = None  # type: ignore[assignment]
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1


def open_latest(root: Path, *, wait: float = 0.0) -> Snapshot:
    """Open the newest snapshot read-only (waiting up to `wait` seconds for the first one)."""
    deadline = time.monotonic() + wait
    folder = snapshot_dir(root)
    while True:
        number = latest(root)
        if number is not None:
            fd = os.open(folder / f"{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_SH)
            path = folder / str(number)
            if path.is_dir():
                try:
                    return Snapshot(root, number, fd, ox.Store.read_only(str(path)))
                except OSError as exc:
                    os.close(fd)
                    raise StoreError(f"cannot open the store's snapshot {path}: {exc}") from exc
            os.close(fd)  # superseded and collected between reading LATEST and locking: read LATEST again
            continue
        if time.monotonic() >= deadline:
            raise StoreError(
                f"no snapshot of the store at {root} has been published",
                hint="the store is published by the process that writes it (`cypkg serve` starts one)",
            )
        time.sleep(0.05)


class Follower:
    """The latest snapshot of a store, switched to when a newer one is published (one `stat` per use)."""

    def __init__(self, root: Path, *, wait: float = 0.0) -> None:
        self.root = Path(root)
        self._pointer = snapshot_dir(self.root) / LATEST
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._current = open_latest(self.root, wait=wait)
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
            number = latest(self.root)
            if number is not None and number != self._current.number:
                fresh = open_latest(self.root)
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
        """The latest snapshot's pyoxigraph store, opened read-only (a later write is not seen through it)."""
        with self.follower.pinned() as s:
            return s.as_oxigraph()

    def dump(self, out: IO[bytes], fmt: str = "nquads") -> None:
        with self.follower.pinned() as s:
            s.dump(out, fmt)

    def _read_only(self, *_: Any, **__: Any) -> Any:
        raise StoreError(
            "this view of the store is read-only: the store's writer process applies writes",
            hint="write through the service's API (or stop `cypkg serve` and use the CLI)",
        )

    update = put_graph = add_to_graph = drop_graph = load_sources = restore = _read_only

    def close(self) -> None:
        self.follower.close()
