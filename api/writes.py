"""Writes from HTTP handlers: sent to the store's writer process, or run on one thread of this one.

Either way a handler only awaits: no lock is held across an `await` (two overlapping writes once
froze the whole service that way), writes run one at a time in arrival order, and the event loop
never parses, validates or writes.

* `SharedWrites`: an on-disk store served by `cypkg serve` (one or more workers). Every worker
  sends its writes to the store's one writer process (kg.validation.writer), which runs each in a
  killable executor under `CYPKG_WRITE_TIMEOUT` and publishes a snapshot before it answers.
* `LocalWrites`: a store handed to `create_app` (tests, a remote store). Writes run on a single
  thread of this process; past the time limit the client gets 503, but the thread cannot be
  stopped, so the write may still complete (the error says so). An on-disk store publishes a
  snapshot after each write itself (kg.store.sharing), for the query workers.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from kg.errors import QueryLimitExceeded
from kg.store.protocol import Store
from kg.validation.writer import Job, WriterClient, run_job


class Writes(Protocol):
    """Where an HTTP handler sends a write job."""

    async def submit(self, job: Job) -> dict[str, Any]: ...
    def close(self) -> None: ...


class SharedWrites:
    """Writes go to the store's writer process (started when none runs)."""

    def __init__(self, client: WriterClient) -> None:
        self.client = client

    async def submit(self, job: Job) -> dict[str, Any]:
        return await asyncio.to_thread(self.client.submit, job)

    def close(self) -> None:
        self.client.detach()


class LocalWrites:
    """Writes run one at a time on a thread of this process."""

    def __init__(self, store: Store, *, timeout: float) -> None:
        self.store = store
        self.timeout = timeout
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cypkg-write")

    async def submit(self, job: Job) -> dict[str, Any]:
        future = asyncio.wrap_future(self.pool.submit(run_job, self.store, job))
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError as exc:
            raise QueryLimitExceeded(
                "time",
                f"the write did not finish within {self.timeout:g} s (CYPKG_WRITE_TIMEOUT); it runs on and may "
                "still be applied",
                hint="read the graph back in a moment to see whether it changed",
            ) from exc

    def close(self) -> None:
        self.pool.shutdown(wait=False)
