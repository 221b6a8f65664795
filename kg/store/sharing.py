"""How processes share an on-disk store: one writer under one lock, readers on published snapshots.

pyoxigraph opens a store read-write in one process at a time, and says that reading it read-only
while another process writes it is undefined behaviour (RocksDB may compact away files a reader
still needs: the "Corruption" two service workers once died of). So, in the store's folder:

* `write.lock` is held (an exclusive `flock`, let go by the kernel even after `kill -9`) by the one
  process that may open `current` read-write: a CLI command that writes, or the writer process of
  a running service (kg.validation.writer). The holder writes its pid and command line into the
  file, and a service's writer also the `cypkg serve` it writes for, so a second writer is refused
  with a message naming who holds the store and how to go on (`store_in_use`).
* Every committed write, whoever made it, is followed by a **snapshot**: a RocksDB checkpoint
  (hard links to the immutable table files; tens of milliseconds at a million triples) in
  `snapshots/<n>/`, named in `snapshots/LATEST`. Every reader, in any process, opens the latest
  snapshot read-only and never `current`. `n` is the store's **generation** (`generation`): it
  changes after every committed write, so caches of answers key on it.
* A reader holds a shared `flock` on `snapshots/<n>.lock` while it has snapshot n open; the writer
  deletes a superseded snapshot only when it can take that lock exclusively, so no snapshot
  disappears under a reader, and a reader that dies releases its lock with it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sys
import time
from multiprocessing import reduction
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import StoreError, StoreInUse

WRITE_LOCK = "write.lock"
SNAPSHOTS = "snapshots"
LATEST = "LATEST"
SERVER_ENV = "_CYPKG_SERVE"
"""Set by `cypkg serve` for its workers: the pid and command line a writer it starts names as its server."""
_RETRIES = 10
"""Times a write lock is tried (20 ms apart) before it counts as held: a probe holds it for microseconds."""


# --- the write lock -------------------------------------------------------------------------------


def command_line() -> str:
    """This process's command line as its user typed it (`cypkg load`, not a path to the script)."""
    return " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])


class WriteLock:
    """The store's write lock, held: an open file with an exclusive flock on it, naming its holder.

    Passed to a child process (`multiprocessing` spawn), it is the same open file there, so the
    child holds the lock too, as long as either has it open: the writer process hands it to the
    executor that opens the store.
    """

    def __init__(self, root: Path, handle: IO[str], *, inherited: bool = False) -> None:
        self.root = root
        self._handle: IO[str] | None = handle
        self._inherited = inherited

    @classmethod
    def take(cls, root: Path, *, writer: bool = False) -> WriteLock:
        """Take the lock and write who holds it, or raise StoreInUse naming the holder."""
        root.mkdir(parents=True, exist_ok=True)
        handle = (root / WRITE_LOCK).open("a+", encoding="utf-8")
        for attempt in range(_RETRIES):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == _RETRIES - 1:
                    handle.close()
                    raise store_in_use(root, lock_holder(root)) from None
                time.sleep(0.02)
        record: dict[str, Any] = {"pid": os.getpid(), "command": command_line()}
        if writer:
            record["writer"] = True
            served = os.environ.get(SERVER_ENV)
            if served:
                with contextlib.suppress(ValueError):
                    record["server"] = json.loads(served)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(record))
        handle.flush()
        return cls(root, handle)

    def release(self) -> None:
        """Let go (forgetting the holder's name first); in an inheriting child, only close its copy."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        if not self._inherited:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
                handle.flush()
        handle.close()

    def __reduce__(self) -> tuple[Any, ...]:
        assert self._handle is not None, "a released lock cannot be passed on"
        return (_inherit, (str(self.root), reduction.DupFd(self._handle.fileno())))


def _inherit(root: str, dupfd: Any) -> WriteLock:
    return WriteLock(Path(root), os.fdopen(dupfd.detach(), "a+", encoding="utf-8"), inherited=True)


def is_held(root: Path) -> bool:
    """Whether some process holds the store's write lock now (a shared probe: it blocks no writer for long)."""
    path = Path(root) / WRITE_LOCK
    if not path.exists():
        return False
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False


def lock_holder(root: Path) -> dict[str, Any]:
    """Who holds the write lock, as it wrote itself into `write.lock` ({} when nobody says)."""
    for _ in range(_RETRIES):  # the holder writes its name just after taking the lock
        try:
            holder = json.loads((Path(root) / WRITE_LOCK).read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            holder = {}
        if holder:
            return holder if isinstance(holder, dict) else {}
        time.sleep(0.02)
    return {}


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def store_in_use(root: Path, holder: dict[str, Any]) -> StoreInUse:
    """The error a writer gets while another process holds the store: who, and the ways on."""
    server = holder.get("server") if isinstance(holder.get("server"), dict) else None
    if server is not None and not _alive(server.get("pid")):
        server = None
    named = server or holder
    pid = named.get("pid")
    command = str(named.get("command", ""))
    words = command.split()
    if server is not None:
        who = f"process {pid} (`{command}`), through its writer process {holder.get('pid')}"
    elif holder.get("writer") and pid:
        who = f"process {pid} (`{command}`), the writer of a running service"
    else:
        who = f"process {pid} (`{command}`)" if pid else "another process"
    serving = bool(holder.get("writer")) or "serve" in words
    stop = f"stop it (Ctrl+C in its terminal, or `kill {pid}`)" if pid else "stop it"
    if {"load", "restore", "import"} & set(words):
        stop = f"wait for it to finish (or {stop})"
    hint = f"{stop}, then run this command again; reading commands (query, sparql, graphs, dump …) work meanwhile"
    if serving:
        hint += (
            "; while the service runs, commands that change one graph (`cypkg load FILE`, replace, drop, import) "
            "go through it, as do writes to its HTTP API with CYPKG_API_TOKEN set: "
            "`curl -X PUT -H \"Authorization: Bearer $CYPKG_API_TOKEN\" -H 'Content-Type: text/turtle' "
            "--data-binary @FILE 'http://HOST:PORT/store?graph=NAME'` (docs/api.md)"
        )
    return StoreInUse(f"the store at {root} is held for writing by {who}", holder=holder, hint=hint)


# --- snapshots ------------------------------------------------------------------------------------


def snapshot_dir(root: Path) -> Path:
    return Path(root) / SNAPSHOTS


def publish(raw: ox.Store, root: Path) -> int:
    """Checkpoint the store as the newest snapshot, point LATEST at it, and delete unused old ones.

    Only the holder of the write lock calls this. Returns the new generation.
    """
    folder = snapshot_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    number = max(time.time_ns(), (generation(root) or 0) + 1)
    tmp = folder / f".tmp-{number}"
    raw.backup(str(tmp))
    os.rename(tmp, folder / str(number))
    (folder / f"{number}.lock").touch()
    pointer = folder / f".{LATEST}-{number}"
    pointer.write_text(f"{number}\n", encoding="ascii")
    os.replace(pointer, folder / LATEST)
    collect(root)
    return number


def generation(root: Path) -> int | None:
    """The store's generation: the number of its latest snapshot, new after every committed write.

    None before the first snapshot. Any process may ask; it is one small file read.
    """
    try:
        return int((snapshot_dir(root) / LATEST).read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        return None


def collect(root: Path) -> None:
    """Delete snapshots no reader holds, except the latest (only the holder of the write lock calls this)."""
    folder = snapshot_dir(root)
    if not folder.is_dir():
        return
    keep = generation(root)
    for child in folder.iterdir():
        if child.name.startswith((".tmp-", f".{LATEST}-")):
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


def open_snapshot(root: Path, *, wait: float = 0.0) -> tuple[int, int, ox.Store]:
    """Open the latest snapshot read-only, holding its lock: (generation, lock fd, store).

    Waits up to `wait` seconds for a first snapshot; the caller closes the fd when done with it.
    """
    deadline = time.monotonic() + wait
    folder = snapshot_dir(root)
    while True:
        number = generation(root)
        if number is not None:
            fd = os.open(folder / f"{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_SH)
            path = folder / str(number)
            if path.is_dir():
                try:
                    return number, fd, ox.Store.read_only(str(path))
                except OSError as exc:
                    os.close(fd)
                    raise StoreError(f"cannot open the store's snapshot {path}: {exc}") from exc
            os.close(fd)  # superseded and collected between reading LATEST and locking: read LATEST again
            continue
        if time.monotonic() >= deadline:
            raise StoreError(
                f"no store at {root} (no snapshot of it has been published)",
                hint="run `cypkg load` to build it (`cypkg serve` builds it on first start)",
            )
        time.sleep(0.05)
