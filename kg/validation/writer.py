"""One writer per served store: every write goes to one process, which applies it through the gate.

pyoxigraph lets one process open an on-disk store read-write, and reading it from another process
while it is written is undefined behaviour (kg.store.sharing). So while a store is served, one
**writer** owns it:

* the writer (`python -m kg.validation.writer STORE_DIR`, started by the first service worker that
  needs it) holds the store's one write lock, `<store>/write.lock`, naming itself and the `cypkg
  serve` it writes for; it listens on the Unix socket `<store>/writer.sock` (authenticated with
  `<store>/writer.key`, readable by the store's owner only), and runs write jobs one at a time, in
  arrival order;
* each job runs in an **executor** child process, handed the lock, that holds the store
  read-write, so a job past `CYPKG_WRITE_TIMEOUT` is stopped by killing it: the transaction was
  not committed, the store is as it was. The store publishes a snapshot after every commit,
  before the executor answers, so a client that has its answer reads its write from any worker;
* service workers read snapshots, and send writes here (`WriterClient.submit`); each keeps one
  idle "presence" connection open, and the writer exits a moment after the last one closes;
* a CLI command that changes one graph while the service runs writes through it too
  (`ThroughWriter`: the gate sends the write here instead of running it in the command).

A job is a small picklable object (`PutGraph`, `DropGraph`, `Update`) whose `run(store)` is the one
write path in kg.validation.gate / kg.validation.updates; the same objects run in-process when a
store is not shared (`run_job`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import secrets
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any

from kg.errors import CypkgError, QueryLimitExceeded, StoreError, StoreInUse
from kg.process_budget import few_malloc_arenas, limit_memory
from kg.store.protocol import Store
from kg.store.sharing import WriteLock, is_held
from kg.store.snapshots import SnapshotStore

log = logging.getLogger("kg.writer")
_SPAWN = multiprocessing.get_context("spawn")
SOCKET, KEY = "writer.sock", "writer.key"
LINGER_S = 3.0
"""How long the writer waits, after its last client has gone, before it exits."""
IDLE_START_S = 60.0
"""How long a writer nobody has connected to waits before it exits."""


# --- jobs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PutGraph:
    """Graph Store PUT (`replace`) or POST (`add`): the body parsed, gated and written."""

    name: str
    body: bytes
    media_type: str
    mode: str = "replace"
    report: bool = False
    """Whether the result carries the gate's report (for the CLI, which prints its warnings), not only a count."""

    def run(self, store: Store) -> dict[str, Any]:
        from kg.validation.gate import read_rdf_bytes, write_graph

        data = read_rdf_bytes(self.body, self.media_type)
        report = write_graph(store, self.name, data, mode="add" if self.mode == "add" else "replace")
        warnings = sum(1 for r in report.results if r.severity != "Violation")
        result = {"graph": self.name, "triples": len(data), "mode": self.mode, "warnings": warnings}
        return {**result, "report": _portable(report)} if self.report else result


@dataclass(frozen=True)
class DropGraph:
    """Graph Store DELETE: the graph and its inferences removed, unless another graph links into it."""

    name: str
    report: bool = False

    def run(self, store: Store) -> dict[str, Any]:
        from kg.validation.gate import drop

        report = drop(store, self.name)
        result: dict[str, Any] = {"graph": self.name, "dropped": True}
        return {**result, "report": _portable(report)} if self.report else result


@dataclass(frozen=True)
class Update:
    """A SPARQL Update through the gate (kg.validation.updates)."""

    text: str
    allowed_endpoints: tuple[str, ...] = ()

    def run(self, store: Store) -> dict[str, Any]:
        from kg.validation.updates import run_update

        verdicts = run_update(store, self.text, allowed_endpoints=self.allowed_endpoints)
        warnings = sum(1 for v in verdicts for r in v.report.results if r.severity != "Violation")
        return {"changed": [v.name for v in verdicts], "warnings": warnings}


Job = PutGraph | DropGraph | Update


def run_job(store: Store, job: Job) -> dict[str, Any]:
    """Run a write job in this process (an on-disk store publishes its snapshot after the commit itself)."""
    return job.run(store)


def _portable(report: Any) -> Any:
    """A gate report without its raw SHACL graph: the results travel between processes, the graph is not needed."""
    from rdflib import Graph

    report.graph = Graph()
    return report


# --- errors across processes ------------------------------------------------------------------------


def error_to_wire(exc: CypkgError) -> tuple[type, tuple, dict[str, Any]]:
    """A domain error as (class, args, attributes), rebuilt on the other side without calling __init__."""
    state = dict(vars(exc))
    report = state.get("report")
    if report is not None and hasattr(report, "graph"):
        _portable(report)
    return (type(exc), exc.args, state)


def error_from_wire(wire: tuple[type, tuple, dict[str, Any]]) -> CypkgError:
    cls, args, state = wire
    exc: CypkgError = CypkgError.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


# --- the executor (child of the writer) ------------------------------------------------------------


def executor_main(conn: Connection, root: str, memory_mb: int, lock: WriteLock) -> None:
    """Hold the store read-write under the writer's lock; run each job received (the store publishes each commit)."""
    from kg.store.build import ensure_built
    from kg.store.embedded import OxigraphStore

    few_malloc_arenas()
    store = OxigraphStore(root, lock=lock)
    ensure_built(store)
    _warm(store)
    limit_memory(memory_mb)
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        told: list[bool] = []

        def committed(told: list[bool] = told) -> None:
            if not told:  # the writer's time limit stops here: a committed job finishes publishing
                told.append(True)
                conn.send(("committed", None))

        store.on_commit = committed
        try:
            result = job.run(store)
            reply: tuple[str, Any] = ("done", result)
        except CypkgError as exc:
            reply = ("error", error_to_wire(exc))
        except MemoryError:
            reply = ("error", error_to_wire(_memory_error(memory_mb)))
        except Exception as exc:  # noqa: BLE001 - reported to the writer, which logs it
            log.exception("write job failed")
            reply = ("crash", f"{type(exc).__name__}: {exc}")
        conn.send(reply)
    store.close()


def _warm(store: Store) -> None:
    """Check an empty graph once, so the shapes' SPARQL is parsed before the first write's time limit starts."""
    from rdflib import Graph

    from kg.validation.gate import check_data

    check_data(store, Graph())


def _memory_error(memory_mb: int) -> QueryLimitExceeded:
    return QueryLimitExceeded(
        "memory",
        f"the write needed more than the writer's {memory_mb:,} MB memory limit (CYPKG_WRITE_MEMORY_MB) and was "
        "stopped; nothing was written",
        hint="send less data at once (split the graph), or ask an administrator to raise the limit",
    )


class _Executor:
    def __init__(self, root: Path, lock: WriteLock, memory_mb: int, start_timeout: float) -> None:
        self.root, self.lock, self.memory_mb, self.start_timeout = root, lock, memory_mb, start_timeout
        self._start()

    def _start(self) -> None:
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(
            target=executor_main,
            args=(child, str(self.root), self.memory_mb, self.lock),
            daemon=True,
            name="cypkg-write",
        )
        self.process.start()
        child.close()
        if not self.conn.poll(self.start_timeout):
            self.kill()
            raise StoreError(
                f"the store's writer did not start within {self.start_timeout:g} s",
                hint="the machine may be busy: try again in a moment; the service's log says if the writer failed",
            )
        try:
            self.conn.recv()
        except EOFError as exc:
            raise StoreError(
                f"the store's writer could not open {self.root}",
                hint="check the folder exists and is writable, and that no other program holds its lock",
            ) from exc

    def run(self, job: Job, timeout: float) -> tuple[str, Any]:
        """Send one job and wait: killed (nothing committed) if it is not committed within `timeout`."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                self._restart()
                return ("error", error_to_wire(_time_error(timeout)))
            status, payload = self.conn.recv()
            if status == "committed":
                status, payload = self.conn.recv()  # committed: let it finish publishing, however long
            return (status, payload)
        except (EOFError, OSError):
            code = self.process.exitcode
            self._restart()
            if code is not None and code < 0:
                return ("error", error_to_wire(_memory_error(self.memory_mb)))
            return ("crash", f"the write executor exited ({code})")

    def _restart(self) -> None:
        self.kill()
        self._start()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(10)
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
            self.process.join(30)
        self.kill()


def _time_error(seconds: float) -> QueryLimitExceeded:
    return QueryLimitExceeded(
        "time",
        f"the write ran past the {seconds:g} s time limit (CYPKG_WRITE_TIMEOUT) and was stopped; nothing was written",
        hint="send smaller writes (one document graph at a time), or narrow the update's WHERE clause",
    )


# --- the writer (supervisor) --------------------------------------------------------------------------


def serve(root: Path, *, write_timeout: float, memory_mb: int, start_timeout: float = 600.0) -> int:
    """Be the store's writer until the last client has gone; 0 at once if another process holds the store.

    (Another writer: clients use it. A CLI command that writes: clients wait for it, then start one.)
    """
    root = Path(root)
    try:
        lock = WriteLock.take(root, writer=True)
    except StoreInUse:
        return 0
    sock = root / SOCKET
    with contextlib.suppress(FileNotFoundError):
        sock.unlink()
    try:
        executor = _Executor(root, lock, memory_mb, start_timeout)
    except BaseException:
        lock.release()
        raise
    old_umask = os.umask(0o177)
    try:
        listener = Listener(str(sock), family="AF_UNIX", authkey=_key(root))
    finally:
        os.umask(old_umask)
    state = _WriterState()
    jobs: queue.Queue[tuple[Job, _Reply] | None] = queue.Queue()
    dispatcher = threading.Thread(target=_dispatch, args=(jobs, executor, write_timeout), daemon=True)
    dispatcher.start()
    threading.Thread(target=_accept, args=(listener, jobs, state), daemon=True).start()
    log.info("writer for %s ready (pid %d)", root, os.getpid())
    try:
        state.wait_until_unused()
    finally:
        with contextlib.suppress(Exception):
            listener.close()
        with contextlib.suppress(FileNotFoundError):
            sock.unlink()
        jobs.put(None)
        dispatcher.join(write_timeout + 30)
        executor.stop()
        lock.release()
    return 0


class _Reply:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: tuple[str, Any] = ("crash", "no answer")


class _WriterState:
    """Who is connected, so the writer can leave when nobody is."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.present = 0
        self.busy = 0
        self.ever = False
        self.last_active = time.monotonic()

    def change(self, present: int = 0, busy: int = 0) -> None:
        with self.lock:
            self.present += present
            self.busy += busy
            self.ever = self.ever or present > 0 or busy > 0
            self.last_active = time.monotonic()

    def wait_until_unused(self) -> None:
        while True:
            time.sleep(0.2)
            with self.lock:
                idle = self.present == 0 and self.busy == 0
                quiet = time.monotonic() - self.last_active
            if idle and quiet >= (LINGER_S if self.ever else IDLE_START_S):
                return


def _accept(listener: Listener, jobs: queue.Queue, state: _WriterState) -> None:
    while True:
        try:
            conn = listener.accept()
        except OSError:
            return
        except Exception:  # noqa: BLE001 - a client that failed the key check: keep serving the others
            continue
        threading.Thread(target=_client, args=(conn, jobs, state), daemon=True).start()


def _client(conn: Connection, jobs: queue.Queue, state: _WriterState) -> None:
    try:
        kind, job = conn.recv()
        if kind == "hello":
            state.change(present=1)
            try:
                while True:
                    conn.recv()
            except (EOFError, OSError):
                pass
            finally:
                state.change(present=-1)
            return
        state.change(busy=1)
        try:
            reply = _Reply()
            jobs.put((job, reply))
            reply.done.wait()
            conn.send(reply.value)
        finally:
            state.change(busy=-1)
    except (EOFError, OSError):
        pass
    finally:
        conn.close()


def _dispatch(jobs: queue.Queue, executor: _Executor, timeout: float) -> None:
    while True:
        item = jobs.get()
        if item is None:
            return
        job, reply = item
        try:
            reply.value = executor.run(job, timeout)
        except Exception as exc:  # noqa: BLE001 - the writer keeps serving; the client hears of it
            reply.value = ("crash", f"{type(exc).__name__}: {exc}")
        reply.done.set()


def _key(root: Path) -> bytes:
    """The writer's authentication key (created on first use, readable by the store's owner only)."""
    path = root / KEY
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_bytes(32))
    return path.read_bytes()


# --- clients --------------------------------------------------------------------------------------


class WriterClient:
    """Send write jobs to a store's writer, starting it when none is running."""

    def __init__(self, root: Path, *, start: bool = True, start_timeout: float = 600.0) -> None:
        self.root = Path(root)
        self.start = start
        self.start_timeout = start_timeout
        self._presence: Connection | None = None
        self._closing = False
        self._spawned: subprocess.Popen | None = None

    def running(self) -> bool:
        """Whether a writer holds the store now: this store's writer process, or a CLI command that writes."""
        return is_held(self.root)

    def _connect(self) -> Connection:
        deadline = time.monotonic() + self.start_timeout
        spawned = False
        while True:
            try:
                return Client(str(self.root / SOCKET), family="AF_UNIX", authkey=(self.root / KEY).read_bytes())
            except (FileNotFoundError, ConnectionRefusedError, EOFError):
                if not self.start:
                    raise StoreError(
                        f"no writer is running for the store at {self.root}",
                        hint="start the service (cypkg serve) or run the command without it",
                    ) from None
            if not spawned and not self.running():
                self._spawn()
                spawned = True
            if time.monotonic() > deadline:
                raise StoreError(
                    f"the store's writer did not answer within {self.start_timeout:g} s",
                    hint="see the service's log for the writer's error",
                )
            time.sleep(0.05)
            if spawned and self._spawned is not None and self._spawned.poll() not in (None, 0):
                raise StoreError(
                    f"the store's writer exited with code {self._spawned.returncode}",
                    hint="see the service's log for the writer's error",
                )
            if spawned and self._spawned is not None and self._spawned.poll() == 0 and not self.running():
                spawned = False  # it found another writer, which has since gone: start one again

    def _spawn(self) -> None:
        self._spawned = subprocess.Popen(
            [sys.executable, "-m", "kg.validation.writer", str(self.root)],
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def submit(self, job: Job) -> dict[str, Any]:
        """Run a job on the writer and return its result, or raise the error it raised."""
        conn = self._connect()
        try:
            conn.send(("job", job))
            status, payload = conn.recv()
        except (EOFError, OSError) as exc:
            raise StoreError(
                "the store's writer stopped before it answered; the write may not have been applied",
                hint="read the graph back to see whether it changed, then try again",
            ) from exc
        finally:
            conn.close()
        if status == "done":
            return payload
        if status == "error":
            raise error_from_wire(payload)
        log.error("write failed in the writer: %s", payload)
        raise StoreError("the write failed in the store's writer; nothing was written", hint="see the service log")

    def reap(self) -> None:
        """Wait for a writer this client started to exit (it does, `LINGER_S` after its last client)."""
        if self._spawned is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._spawned.wait(LINGER_S + 30)

    def attach(self) -> None:
        """Keep the writer running while this process lives (a presence connection, renewed if it drops)."""
        self._connect().close()
        threading.Thread(target=self._stay, daemon=True, name="cypkg-writer-presence").start()

    def _stay(self) -> None:
        while not self._closing:
            try:
                conn = self._connect()
                conn.send(("hello", None))
                self._presence = conn
                while not self._closing:
                    conn.recv()
            except (EOFError, OSError, StoreError):
                time.sleep(0.2)

    def detach(self) -> None:
        """Drop the presence connection (shut down, so the thread waiting on it wakes and the writer sees it go)."""
        self._closing = True
        conn = self._presence
        if conn is not None:
            with contextlib.suppress(OSError):
                sock = socket.socket(fileno=os.dup(conn.fileno()))
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            with contextlib.suppress(Exception):
                conn.close()


class ThroughWriter(SnapshotStore):
    """The store as a CLI command sees it while a service's writer holds it: reads on the latest
    snapshot, and the gate's writes (`write_graph`, `drop`) sent to the writer as jobs, so they are
    checked and applied there, one at a time with the service's own writes. A writer that has gone
    between the command's check and its write (the service stopped, the writer's linger ran out) is
    started again for the job, as a service worker would, and lingers a moment after it."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.client = WriterClient(root)

    def write_graph(self, name: str, data: Any, mode: str) -> Any:
        """`kg.validation.gate.write_graph` run by the writer; returns its report."""
        body = data.serialize(format="nt", encoding="utf-8")
        return self.client.submit(PutGraph(name, body, "application/n-triples", mode, report=True))["report"]

    def drop(self, name: str) -> Any:
        """`kg.validation.gate.drop` run by the writer; returns its report."""
        return self.client.submit(DropGraph(name, report=True))["report"]

    def close(self) -> None:
        """Close the snapshot, and wait out a writer this command had to start (it exits after its linger)."""
        super().close()
        self.client.reap()


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.validation.writer STORE_DIR`: be that store's writer."""
    from kg.config import get_settings

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kg.validation.writer STORE_DIR", file=sys.stderr)  # noqa: T201
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    return serve(Path(args[0]), write_timeout=settings.write_timeout, memory_mb=settings.write_memory_mb)


if __name__ == "__main__":
    sys.exit(main())
