"""A private Virtuoso Open Source server on loopback, for the test suite and benchmarks.

It runs from a copy of Debian's packaged config in a scratch directory, with both ports chosen by
the OS and bound to 127.0.0.1 (so the default dba/dba login is reachable from this machine only).
`ResultSetMaxRows` is raised from Virtuoso's 10,000 to `max_rows` so ordinary queries are whole,
while a query over it still meets the truncation the client must detect.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import httpx
import pytest

from tests.support.children import end_with_parent
from tests.support.shared import built_once

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore

PACKAGED_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO = "/usr/bin/virtuoso-t"
ISQL = "/usr/bin/isql-vt"
USER = "dba"
PASSWORD = "dba"
START_DEADLINE_S = 90.0


class VirtuosoFailed(RuntimeError):
    """The server did not start (or a command to it failed); the message carries its log tail."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS says is free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_ini(text: str, changes: dict[str, dict[str, str | None]]) -> str:
    """Set `key = value` in the named sections of an ini text (a value of None drops the key), keeping
    everything else as it was."""
    out: list[str] = []
    section = ""
    pending = {s: dict(kv) for s, kv in changes.items()}

    def flush(name: str) -> None:
        for key, value in pending.pop(name, {}).items():
            if value is not None:
                out.append(f"{key} = {value}")

    for line in text.splitlines():
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            flush(section)
            section = header.group(1)
            out.append(line)
            continue
        key = re.match(r"^\s*([A-Za-z_][\w]*)\s*=", line)
        if key and key.group(1) in pending.get(section, {}):
            value = pending[section].pop(key.group(1))
            if value is not None:
                out.append(f"{key.group(1)} = {value}")
            continue
        out.append(line)
    flush(section)
    for name in list(pending):
        out.append(f"[{name}]")
        flush(name)
    return "\n".join(out) + "\n"


@dataclass
class VirtuosoServer:
    """One running server: its URLs, credentials and scratch directory."""

    root: Path
    max_rows: int = 50_000
    http_port: int = field(default_factory=free_port)
    isql_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/sparql-auth"

    @property
    def log_path(self) -> Path:
        return self.root / "virtuoso.log"

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, for failure messages."""
        texts = []
        for path in (self.log_path, self.root / "stdout.log"):
            if path.exists():
                texts.append(f"--- {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(texts) or "(no log written)"

    def write_config(self) -> Path:
        """The packaged config with files under `root`, loopback ports and our limits."""
        db = self.root / "db"
        db.mkdir(parents=True, exist_ok=True)
        ini = edit_ini(
            PACKAGED_INI.read_text(),
            {
                "Database": {
                    "DatabaseFile": str(db / "virtuoso.db"),
                    "ErrorLogFile": str(self.log_path),
                    "LockFile": str(db / "virtuoso.lck"),
                    "TransactionFile": str(db / "virtuoso.trx"),
                    "xa_persistent_file": str(db / "virtuoso.pxa"),
                },
                "TempDatabase": {
                    "DatabaseFile": str(db / "virtuoso-temp.db"),
                    "TransactionFile": str(db / "virtuoso-temp.trx"),
                },
                "Parameters": {
                    "ServerPort": f"127.0.0.1:{self.isql_port}",
                    "DirsAllowed": f"., /usr/share/virtuoso-opensource-7/vad, {self.root}",
                    "NumberOfBuffers": "170000",
                    "MaxDirtyBuffers": "130000",
                },
                "HTTPServer": {"ServerPort": f"127.0.0.1:{self.http_port}"},
                "URIQA": {"DefaultHost": f"127.0.0.1:{self.http_port}"},
                # MaxQueryCostEstimationTime unset: its estimates refuse queries that run in milliseconds, and
                # Virtuoso's maintainers advise leaving it out outside debugging (README, Configuration)
                "SPARQL": {
                    "ResultSetMaxRows": str(self.max_rows),
                    "MaxQueryExecutionTime": "120",
                    "MaxQueryCostEstimationTime": None,
                },
            },
        )
        path = self.root / "virtuoso.ini"
        path.write_text(ini)
        return path

    def start(self, deadline_s: float = START_DEADLINE_S) -> VirtuosoServer:
        """Start the server and wait until its SPARQL endpoint answers, or fail with the log tail."""
        if not Path(VIRTUOSO).exists():
            raise VirtuosoFailed(f"{VIRTUOSO} is missing: install Debian's virtuoso-opensource (scripts/test.sh does)")
        config = self.write_config()
        with (self.root / "stdout.log").open("wb") as stdout:  # the child keeps its own copy of the file
            self.process = subprocess.Popen(
                [VIRTUOSO, "+configfile", str(config), "+foreground"],
                cwd=self.root,
                stdout=stdout,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=end_with_parent,
            )
        until = time.monotonic() + deadline_s
        while time.monotonic() < until:
            if self.process.poll() is not None:
                raise VirtuosoFailed(f"virtuoso-t exited with {self.process.returncode}\n{self.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                answer = httpx.get(self.sparql_url, params={"query": "ASK {}"}, timeout=2.0)
                if answer.status_code == 200:
                    try:
                        self.grant_update()
                    except VirtuosoFailed:
                        self.stop()  # a server the caller never gets must not outlive the test run
                        raise
                    return self
            time.sleep(0.3)
        self.stop()
        raise VirtuosoFailed(
            f"Virtuoso did not answer on {self.sparql_url} within {deadline_s:.0f} s\n{self.log_tail()}"
        )

    def remote_store(self) -> RemoteStore:
        """A RemoteStore speaking to this server as its dba, with the server's row limit."""
        from kg.store.remote import RemoteStore

        return RemoteStore(
            self.sparql_url,
            update_url=self.update_url,
            user=USER,
            password=PASSWORD,
            connect_timeout=5.0,
            read_timeout=120.0,
            max_rows=self.max_rows,
        )

    def isql(self, sql: str, timeout_s: float = 60.0) -> str:
        """Run SQL through isql-vt on the server's loopback port; raise with the output on failure."""
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.isql_port}", USER, PASSWORD, f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise VirtuosoFailed(f"isql failed on {sql!r}:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def grant_update(self) -> None:
        """Let the digest-authenticated dba update through SPARQL and the Graph Store Protocol.

        A server started on an image (`save_image`) has the role already, which is not an error here.
        """
        try:
            self.isql("GRANT SPARQL_UPDATE TO dba;")
        except VirtuosoFailed as exc:
            if "already have role" not in str(exc):
                raise
        self.isql("GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO dba;")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace period); the scratch dir stays for logs."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def remove(self) -> None:
        """Delete the scratch directory (after `stop`)."""
        shutil.rmtree(self.root, ignore_errors=True)


def start_virtuoso(root: Path, *, max_rows: int = 50_000, image: Path | None = None) -> VirtuosoServer:
    """Start a private server in `root` (created if missing) and return it once it answers.

    With `image` (the database folder of a server stopped by `save_image`), the server starts on a
    copy of it, so data loaded once is not loaded again.
    """
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    if image is not None:
        shutil.copytree(image, root / "db", ignore=shutil.ignore_patterns("*.lck"))
    return VirtuosoServer(root=root, max_rows=max_rows).start()


def save_image(server: VirtuosoServer) -> Path:
    """Checkpoint and stop the server; its database folder is then an image `start_virtuoso` can copy."""
    server.isql("checkpoint;")
    server.stop()
    return server.root / "db"


def blank_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database image of a new, empty server, made once per test run (tests/support/shared.py).

    Virtuoso spends several seconds of CPU creating a database on a first start; a server started on
    a copy of this image (`start_virtuoso(root, image=blank_image(...))`) skips that and holds nothing.
    """
    return built_once(tmp_path_factory, "virtuoso-blank-image", _save_blank) / "server" / "db"


def _save_blank(folder: Path) -> None:
    save_image(start_virtuoso(folder / "server"))


def loaded_image(tmp_path_factory: pytest.TempPathFactory, name: str, write_dump: Callable[[BinaryIO], None]) -> Path:
    """A database image of a server restored from the N-Quads `write_dump` writes, made once per test run.

    Every test process that asks gets the same image (tests/support/shared.py); each starts its own
    server on a copy with `start_virtuoso(root, image=...)`, so Virtuoso's load is paid once.
    """

    def load(folder: Path) -> None:
        server = start_virtuoso(folder / "server", image=blank_image(tmp_path_factory))
        try:
            dump = folder / "data.nq"
            with dump.open("wb") as out:
                write_dump(out)
            server.remote_store().restore(dump)
            dump.unlink()
            save_image(server)
        finally:
            server.stop()

    return built_once(tmp_path_factory, name, load) / "server" / "db"
