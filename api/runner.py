"""The query budget: user queries run where they can be stopped, so a runaway query costs nothing.

The embedded engine cannot cancel a running query, so on-disk stores answer queries in worker
processes that open the store read-only; a worker that runs past the time limit is killed and
replaced, and the client gets a QueryLimitExceeded naming the limit. Workers reopen the store
when the service has written to it (the `generation` counter), since a read-only open is a snapshot.
In-memory and remote stores run queries in a thread instead: the event loop stays free and the
caller still gets its answer at the limit, but an in-memory query runs on in its thread; a remote
store is sent the same time limit and the row budget, so the server stops the query itself.
The service keeps no other state, so several instances can share one store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from api.execute import QueryAnswer, QueryRequest, execute, row_limit_error
from kg.errors import CypkgError, QueryError, QueryLimitExceeded, StoreError
from kg.store.binding import query_form
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store

log = logging.getLogger("api.runner")
_SPAWN = multiprocessing.get_context("spawn")


class QueryRunner(Protocol):
    """Runs SPARQL queries within the time and row budget."""

    async def run(self, request: QueryRequest) -> QueryAnswer: ...
    def invalidate(self) -> None: ...
    def close(self) -> None: ...


def time_limit_error(seconds: float) -> QueryLimitExceeded:
    """The error a query over its time budget gets: names the limit and the setting."""
    return QueryLimitExceeded(
        "time",
        f"the query ran past the {seconds:g} s time limit (CYPKG_QUERY_TIMEOUT) and was stopped",
        hint="narrow the query (bind a plan or authority, add filters or LIMIT) and try again",
    )


def _error_to_wire(exc: CypkgError) -> dict[str, Any]:
    return {
        "kind": "limit" if isinstance(exc, QueryLimitExceeded) else "query",
        "message": exc.message,
        "hint": exc.hint,
        "limit": getattr(exc, "limit", None),
        "line": getattr(exc, "line", None),
        "column": getattr(exc, "column", None),
    }


def _error_from_wire(data: dict[str, Any]) -> CypkgError:
    if data["kind"] == "limit":
        return QueryLimitExceeded(data["limit"], data["message"], hint=data["hint"])
    return QueryError(data["message"], line=data["line"], column=data["column"], hint=data["hint"])


def worker_main(conn: Connection, store_path: str, max_rows: int) -> None:
    """A worker process: answer (generation, request) messages until the pipe closes."""
    opened: tuple[int, OxigraphStore] | None = None
    while True:
        try:
            generation, request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if opened is None or opened[0] != generation:
                opened = (generation, OxigraphStore(store_path, read_only=True))
            conn.send(("ok", execute(opened[1].as_oxigraph(), request, max_rows)))
        except CypkgError as exc:
            conn.send(("error", _error_to_wire(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which logs it
            conn.send(("crash", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, store_path: str, max_rows: int) -> None:
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(target=worker_main, args=(child, store_path, max_rows), daemon=True)
        self.process.start()
        child.close()

    def call(self, message: tuple[int, QueryRequest], timeout: float) -> tuple[str, Any] | None:
        """Send one request and wait for its answer; None when the time limit passed."""
        self.conn.send(message)
        if not self.conn.poll(timeout):
            return None
        try:
            return self.conn.recv()
        except EOFError:
            return ("crash", "the query worker exited")

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
            self.conn.close()


class ProcessRunner:
    """A pool of killable worker processes over an on-disk store opened read-only."""

    def __init__(self, store_path: Path, *, timeout: float, max_rows: int, size: int = 2) -> None:
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = size
        self.generation = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_path, self.max_rows)
        with self._lock:
            self._all.append(worker)
        return worker

    async def start(self) -> None:
        """Start the workers (in a thread: spawning a process takes a moment)."""
        if self._idle is not None:
            return
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        for worker in await asyncio.gather(*(loop.run_in_executor(None, self._spawn) for _ in range(self.size))):
            self._idle.put_nowait(worker)

    async def run(self, request: QueryRequest) -> QueryAnswer:
        await self.start()
        assert self._idle is not None
        loop = asyncio.get_running_loop()
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.timeout)
        except TimeoutError as exc:
            raise QueryLimitExceeded(
                "busy",
                f"every query worker stayed busy for {self.timeout:g} s (CYPKG_QUERY_TIMEOUT)",
                hint="try again in a moment; long queries from other clients are stopped at the limit",
            ) from exc
        try:
            reply = await loop.run_in_executor(None, worker.call, (self.generation, request), self.timeout)
        except BaseException:
            self._replace_later(worker)
            raise
        if reply is None:
            self._replace_later(worker)
            raise time_limit_error(self.timeout)
        status, payload = reply
        if status == "crash":
            self._replace_later(worker)
            log.error("query worker failed: %s", payload)
            raise StoreError("the query could not be answered", hint="try again; if it persists, report it")
        self._idle.put_nowait(worker)
        if status == "error":
            raise _error_from_wire(payload)
        return payload

    def _replace_later(self, worker: _Worker) -> None:
        """Kill a worker and put a fresh one in the pool, without making the caller wait."""
        task = asyncio.get_running_loop().create_task(self._replace(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, worker.kill)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        fresh = await loop.run_in_executor(None, self._spawn)
        if self._idle is not None:
            self._idle.put_nowait(fresh)
        else:
            fresh.kill()

    def invalidate(self) -> None:
        """The store changed: workers reopen it before their next query."""
        self.generation += 1

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
        self._idle = None


class ThreadRunner:
    """Queries in a worker thread, for stores without a path (in memory, remote)."""

    def __init__(self, store: Store, *, timeout: float, max_rows: int) -> None:
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows

    async def run(self, request: QueryRequest) -> QueryAnswer:
        store = self.store
        if isinstance(store, OxigraphStore):
            call = lambda: execute(store.as_oxigraph(), request, self.max_rows)  # noqa: E731
        else:
            call = lambda: remote_answer(store, request, self.max_rows, self.timeout)  # noqa: E731
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(None, call), timeout=self.timeout)
        except TimeoutError as exc:
            raise time_limit_error(self.timeout) from exc
        except QueryLimitExceeded as exc:
            if exc.limit == "time":
                raise time_limit_error(self.timeout) from exc
            if exc.limit == "rows" and self.max_rows < getattr(self.store, "max_rows", self.max_rows + 1):
                raise row_limit_error(self.max_rows) from exc
            raise

    def invalidate(self) -> None:
        """Nothing to do: the thread reads the live store."""

    def close(self) -> None:
        """Nothing to release."""


def remote_answer(store: Store, request: QueryRequest, max_rows: int, timeout: float) -> QueryAnswer:
    """A query on a remote store, within the service's row budget; the server is told the time limit too."""
    bindings = request.bindings
    form = query_form(request.query)
    fmt = request.graph_format if form in ("CONSTRUCT", "DESCRIBE") else request.results_format
    kind, body = store.query_serialized(
        request.query,
        fmt,
        bindings=bindings or None,
        default_graph=list(request.default_graph) or None,
        named_graphs=list(request.named_graphs) or None,
        max_rows=max_rows,
        timeout=timeout,
    )
    return QueryAnswer(kind, fmt, body, -1)


def runner_for(store: Store, *, timeout: float, max_rows: int, workers: int = 2) -> QueryRunner:
    """Worker processes for an on-disk embedded store, a thread otherwise."""
    if isinstance(store, OxigraphStore) and store.root is not None:
        return ProcessRunner(store.root, timeout=timeout, max_rows=max_rows, size=workers)
    return ThreadRunner(store, timeout=timeout, max_rows=max_rows)
