"""Work done once per test run and shared by all its processes (the pytest-xdist workers).

A session fixture is built once per process; when two processes would each build the same costly
thing (a Virtuoso loaded with all of data/), the first builds it into a folder every process of the
run can see, under a file lock, and the others wait for it and copy it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run seen by every process: the xdist workers' base folders share a parent."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name`, filled by `build(folder)` in the first process that asks; the others wait for it.

    A build that fails leaves no folder behind, so the next process to ask tries again (and fails
    with its own error).
    """
    shared = run_folder(tmp_path_factory)
    folder = shared / name
    done = shared / f"{name}.done"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            try:
                build(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder
