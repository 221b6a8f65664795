"""`cypkg serve` as a user runs it: a real subprocess over an on-disk store, with its writer process.

Tests that need the multi-process design itself (several service workers, the writer process, a
write stopped at its time limit) start one of these on a port the OS chose, and stop it with
SIGINT as Ctrl+C would; the writer leaves by itself once its last worker has gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from tests.support.children import end_with_parent
from tests.support.command import cypkg_command

STARTUP_DEADLINE_S = 300.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """A `cypkg serve --workers N` subprocess over the store at `root`."""

    def __init__(self, root: Path, *, workers: int, log: Path, **env: str) -> None:
        self.root = root
        self.workers = workers
        self.log_path = log
        self.env = {**os.environ, "CYPKG_STORE_DIR": str(root), **env}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = cypkg_command()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "serve", "--workers", str(self.workers), "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=end_with_parent,
            )
        deadline = time.monotonic() + STARTUP_DEADLINE_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"cypkg serve exited ({self.process.returncode}):\n{self.log()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=5).status_code == 200 and self._all_workers_up():
                    return
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"cypkg serve did not answer within {STARTUP_DEADLINE_S:g} s:\n{self.log()}")

    def _all_workers_up(self) -> bool:
        return self.log().count("Application startup complete") >= self.workers

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        deadline = time.monotonic() + 30
        while self.writer_running() and time.monotonic() < deadline:
            time.sleep(0.2)

    def writer_running(self) -> bool:
        from kg.validation.writer import WriterClient

        return WriterClient(self.root, start=False).running()

    def dump_sha256(self) -> str:
        """The store's content as the service serves it (its latest snapshot), as a SHA-256 of its N-Quads."""
        from kg.store.embedded import OxigraphStore

        snap = OxigraphStore(self.root, read_only=True)
        try:
            out = io.BytesIO()
            snap.dump(out, "nquads")
            return hashlib.sha256(out.getvalue()).hexdigest()
        finally:
            snap.close()
