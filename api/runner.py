"""The query budget: user queries and validations run where they can be stopped, and take turns fairly.

The embedded engine cannot cancel a running query, so on-disk stores answer queries (and /validate)
in worker processes. Each worker reads the latest snapshot of the store (kg.store.snapshots: never
the store another process writes), runs under an address-space cap (`CYPKG_QUERY_MEMORY_MB`), and
is killed and replaced when it runs past the time limit or dies of the memory cap; the client gets
a QueryLimitExceeded naming the limit. Workers are handed out by a fair queue: when one frees, the
waiting client with the fewest jobs running gets it, so two clients looping slow queries cannot
starve a third; a client waits at most `wait` seconds (then 503 with Retry-After), and each client
may have only a few jobs waiting.

In-memory and remote stores run jobs in a thread instead: the event loop stays free and the
caller still gets its answer at the limit, but an in-memory query runs on in its thread; a remote
store is sent the same time limit and the row budget, so the server stops the query itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import threading
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from api.execute import Job, QueryAnswer, QueryRequest, ValidateRequest, row_limit_error, run_job
from kg.errors import CypkgError, QueryLimitExceeded, StoreError
from kg.store.binding import query_form
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store
from kg.store.remote import RemoteStore
from kg.store.snapshots import SnapshotStore

log = logging.getLogger("api.runner")
_WORKERS = multiprocessing.get_context("forkserver")
# Workers fork from a server that has already imported what they need, so a worker killed at a
# limit is replaced in a fraction of a second rather than the several seconds a fresh interpreter
# takes; the store itself is opened after the fork, in each worker.
_WORKERS.set_forkserver_preload(["api.execute", "kg.store.snapshots", "kg.validation.writer", "kg.validation.gate"])
MAX_WAITING_PER_CLIENT = 4
"""Jobs one client may have waiting for a worker; more are refused at once with 503."""
RETRY_AFTER_S = 5


class QueryRunner(Protocol):
    """Runs queries (or validations) within the time, memory and row budget, fairly between clients."""

    async def run(self, job: Job, *, client: str = "") -> Any: ...
    def close(self) -> None: ...


def time_limit_error(seconds: float, setting: str = "CYPKG_QUERY_TIMEOUT") -> QueryLimitExceeded:
    """The error a job over its time budget gets: names the limit and the setting."""
    return QueryLimitExceeded(
        "time",
        f"the request ran past the {seconds:g} s time limit ({setting}) and was stopped",
        hint="narrow the query (bind a plan or authority, add filters or LIMIT) and try again",
    )


def memory_limit_error(megabytes: int) -> QueryLimitExceeded:
    return QueryLimitExceeded(
        "memory",
        f"the request needed more than the {megabytes:,} MB memory limit (CYPKG_QUERY_MEMORY_MB) and was stopped",
        hint="narrow the query: bind a plan or authority, add LIMIT, avoid joining everything with everything",
    )


def busy_error(seconds: float) -> QueryLimitExceeded:
    return QueryLimitExceeded(
        "busy",
        f"every worker stayed busy for {seconds:g} s",
        hint=f"try again in {RETRY_AFTER_S} s; long requests from other clients are stopped at the time limit",
    )


# --- the worker process -------------------------------------------------------------------------------


def worker_main(conn: Connection, root: str, max_rows: int, memory_mb: int, warm: bool = False) -> None:
    """A worker process: answer jobs on the latest snapshot until the pipe closes.

    A validation worker (`warm`) checks an empty graph first, so the shapes' SPARQL is parsed
    before the first request's time limit starts, not within it.
    """
    from kg.process_budget import few_malloc_arenas, limit_memory
    from kg.store.snapshots import Follower
    from kg.validation.writer import error_to_wire

    few_malloc_arenas()
    follower = Follower(Path(root), wait=60)
    if warm:
        from rdflib import Graph

        from kg.validation.gate import check_data

        with follower.pinned() as store:
            check_data(store, Graph())
    limit_memory(memory_mb)
    conn.send(("ready", None))
    while True:
        try:
            if not conn.poll(30):
                follower.refresh()  # an idle worker lets go of superseded snapshots
                continue
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            with follower.pinned() as store:
                conn.send(("ok", run_job(store, job, max_rows)))
        except CypkgError as exc:
            conn.send(("error", error_to_wire(exc)))
        except MemoryError:
            conn.send(("error", error_to_wire(memory_limit_error(memory_mb))))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which logs it
            conn.send(("crash", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, root: str, max_rows: int, memory_mb: int, warm: bool) -> None:
        self.conn, child = _WORKERS.Pipe()
        self.process = _WORKERS.Process(
            target=worker_main, args=(child, root, max_rows, memory_mb, warm), daemon=True, name="cypkg-query"
        )
        self.process.start()
        child.close()
        try:
            ready = self.conn.poll(120) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise StoreError("a query worker did not start", hint="see the service log")

    def call(self, job: Job, timeout: float) -> tuple[str, Any] | None:
        """Send one job and wait for its answer; None when the time limit passed."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                return None
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            return ("died", self.process.exitcode)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
            self.conn.close()


# --- fair queuing ---------------------------------------------------------------------------------------


@dataclass
class _Waiter:
    client: str
    order: int
    future: asyncio.Future[Any]


class FairQueue:
    """Hands idle workers to waiting clients: fewest jobs running first, then longest waiting."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self.idle: list[Any] = []
        self.waiting: dict[str, deque[_Waiter]] = {}
        self.running: dict[str, int] = {}
        self._order = itertools.count()

    async def acquire(self, client: str) -> Any:
        if self.idle and not any(self.waiting.values()):
            return self._grant(client, self.idle.pop())
        queue = self.waiting.setdefault(client, deque())
        if len(queue) >= MAX_WAITING_PER_CLIENT:
            raise QueryLimitExceeded(
                "busy",
                f"{len(queue)} of your requests are already waiting for a worker",
                hint=f"wait for your earlier requests to finish, then try again in {RETRY_AFTER_S} s",
            )
        waiter = _Waiter(client, next(self._order), asyncio.get_running_loop().create_future())
        queue.append(waiter)
        try:
            return await asyncio.wait_for(asyncio.shield(waiter.future), self.wait)
        except (TimeoutError, asyncio.CancelledError) as exc:
            if waiter.future.done() and not waiter.future.cancelled():
                self.release(client, waiter.future.result())  # granted just as we gave up: pass it on
            else:
                waiter.future.cancel()
            with contextlib.suppress(ValueError):
                queue.remove(waiter)
            if not queue and self.waiting.get(client) is queue:
                del self.waiting[client]
            if isinstance(exc, TimeoutError):
                raise busy_error(self.wait) from exc
            raise

    def _grant(self, client: str, worker: Any) -> Any:
        self.running[client] = self.running.get(client, 0) + 1
        return worker

    def release(self, client: str, worker: Any) -> None:
        """A client is done with a worker: give it to the fairest waiter."""
        self.done(client)
        self.add(worker)

    def done(self, client: str) -> None:
        """A client's job has ended (its worker returned, or killed and being replaced)."""
        left = self.running.get(client, 0) - 1
        if left > 0:
            self.running[client] = left
        else:
            self.running.pop(client, None)

    def add(self, worker: Any) -> None:
        while True:
            heads = [q[0] for q in self.waiting.values() if q]
            if not heads:
                self.idle.append(worker)
                return
            best = min(heads, key=lambda w: (self.running.get(w.client, 0), w.order))
            self.waiting[best.client].popleft()
            if not self.waiting[best.client]:
                del self.waiting[best.client]
            if not best.future.done():
                best.future.set_result(self._grant(best.client, worker))
                return


# --- runners ----------------------------------------------------------------------------------------------


class ProcessRunner:
    """A pool of killable, memory-capped worker processes reading the store's latest snapshot."""

    def __init__(
        self,
        store_path: Path,
        *,
        timeout: float,
        max_rows: int,
        size: int = 2,
        memory_mb: int = 0,
        timeout_setting: str = "CYPKG_QUERY_TIMEOUT",
        warm: bool = False,
    ) -> None:
        self.store_path = str(store_path)
        self.warm = warm
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = size
        self.memory_mb = memory_mb
        self.timeout_setting = timeout_setting
        self._queue: FairQueue | None = None
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.store_path, self.max_rows, self.memory_mb, self.warm)
        with self._lock:
            self._all.append(worker)
        return worker

    async def start(self) -> None:
        """Start the workers (in threads: spawning a process takes a moment)."""
        if self._queue is not None:
            return
        self._queue = FairQueue(wait=self.timeout * 2 + 5)
        loop = asyncio.get_running_loop()
        for worker in await asyncio.gather(*(loop.run_in_executor(None, self._spawn) for _ in range(self.size))):
            self._queue.add(worker)

    async def run(self, job: Job, *, client: str = "") -> Any:
        await self.start()
        assert self._queue is not None
        queue = self._queue
        worker = await queue.acquire(client)
        loop = asyncio.get_running_loop()
        try:
            reply = await loop.run_in_executor(None, worker.call, job, self.timeout)
        except BaseException:
            self._replace_later(client, worker)
            raise
        if reply is None:
            self._replace_later(client, worker)
            raise time_limit_error(self.timeout, self.timeout_setting)
        status, payload = reply
        if status == "died":
            self._replace_later(client, worker)
            if payload is not None and payload < 0 and self.memory_mb:
                raise memory_limit_error(self.memory_mb)
            log.error("query worker exited with %s", payload)
            raise StoreError("the query could not be answered", hint="try again; if it persists, report it")
        if status == "crash":
            self._replace_later(client, worker)
            log.error("query worker failed: %s", payload)
            raise StoreError("the query could not be answered", hint="try again; if it persists, report it")
        queue.release(client, worker)
        if status == "error":
            from kg.validation.writer import error_from_wire

            raise error_from_wire(payload)
        return payload

    def _replace_later(self, client: str, worker: _Worker) -> None:
        """Kill a worker and put a fresh one in the pool, without making the caller wait."""
        task = asyncio.get_running_loop().create_task(self._replace(client, worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _replace(self, client: str, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, worker.kill)
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        if self._queue is not None:
            self._queue.done(client)
        while True:
            try:
                fresh = await loop.run_in_executor(None, self._spawn)
                break
            except StoreError:
                log.exception("could not start a query worker; trying again")
                await asyncio.sleep(1)
        if self._queue is not None:
            self._queue.add(fresh)
        else:
            fresh.kill()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
        self._queue = None


class ThreadRunner:
    """Jobs in a worker thread, for stores without a path (in memory, remote)."""

    def __init__(self, store: Any, *, timeout: float, max_rows: int, timeout_setting: str = "CYPKG_QUERY_TIMEOUT"):
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.timeout_setting = timeout_setting

    async def run(self, job: Job, *, client: str = "") -> Any:
        if isinstance(job, QueryRequest) and not isinstance(self.store, OxigraphStore):
            call = lambda: remote_answer(self.store, job, self.max_rows, self.timeout)  # noqa: E731
        else:
            call = lambda: run_job(self.store, job, self.max_rows)  # noqa: E731
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(None, call), timeout=self.timeout)
        except TimeoutError as exc:
            raise time_limit_error(self.timeout, self.timeout_setting) from exc
        except QueryLimitExceeded as exc:
            if exc.limit == "time":
                raise time_limit_error(self.timeout, self.timeout_setting) from exc
            if exc.limit == "rows" and self.max_rows < self._store_row_limit():
                raise row_limit_error(self.max_rows) from exc
            raise

    def _store_row_limit(self) -> float:
        """The store's own row limit (a remote store's), or none: whose limit an answer over it hit."""
        return self.store.max_rows if isinstance(self.store, RemoteStore) else float("inf")

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


def snapshot_root(store: Any) -> Path | None:
    """Where an on-disk embedded store publishes its snapshots (None for in-memory and remote stores)."""
    return store.root if isinstance(store, OxigraphStore | SnapshotStore) else None


def runner_for(
    store: Any,
    *,
    timeout: float,
    max_rows: int,
    workers: int = 2,
    memory_mb: int = 0,
    setting: str = "",
    warm: bool = False,
) -> QueryRunner:
    """Worker processes for an on-disk embedded store, a thread otherwise."""
    root = snapshot_root(store)
    setting = setting or "CYPKG_QUERY_TIMEOUT"
    if root is not None:
        return ProcessRunner(
            root,
            timeout=timeout,
            max_rows=max_rows,
            size=workers,
            memory_mb=memory_mb,
            timeout_setting=setting,
            warm=warm,
        )
    return ThreadRunner(store, timeout=timeout, max_rows=max_rows, timeout_setting=setting)


__all__ = ["ProcessRunner", "QueryRunner", "ThreadRunner", "ValidateRequest", "runner_for"]
