"""A content-keyed cache of what a process builds from the project's files (the extractor's gazetteers).

A cold `cypkg extract` spent most of a second reading the reference data and the ontology into
gazetteers that are the same on every run. `cached(name, inputs, build, ...)` keeps the built value as
JSON in the cache folder (`CYPKG_CACHE_DIR`, by default the user's cache folder, never the install),
named by a SHA-256 of the inputs' bytes, so a changed input (data, ontology, or the code that builds
from them, which callers list too) is a new key and is rebuilt: an entry is never stale. Nothing here
is required: a cache folder that cannot be written, or an entry that cannot be read, costs only the
build. Entries are JSON, never pickles, so a cache file can at worst make a build run again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_KEY = 40  # hex digits of the digest in an entry's name

FORMAT = "1"
"""Part of every key: bump it when the way entries are written changes."""

KEEP = 8
"""Entries kept per name (newest first): checkouts of different versions can share one cache folder."""


def digest(inputs: Iterable[Path]) -> str:
    """SHA-256 of each input's name and bytes, in order (a missing file counts as missing, not as empty)."""
    h = hashlib.sha256(FORMAT.encode())
    for path in inputs:
        h.update(b"\0" + path.name.encode() + b"\0")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            h.update(b"missing")
            continue
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def cache_dir() -> Path:
    """Where entries live (the `cache_dir` setting)."""
    from kg.config import get_settings

    return get_settings().cache_dir


def cached(
    name: str,
    inputs: Iterable[Path],
    build: Callable[[], T],
    *,
    dump: Callable[[T], Any],
    load: Callable[[Any], T],
) -> T:
    """`build()`'s value, read from the entry for these inputs' content when there is one, else built and kept.

    `dump` turns the value into JSON-able data and `load` turns that data back; `load(dump(v))` must
    equal `v`. Every file `build` reads, and the code that turns them into the value, belong in `inputs`.
    """
    entry = cache_dir() / f"{name}-{digest(inputs)[:_KEY]}.json"
    try:
        return load(json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        pass  # no entry yet, or one that cannot be read: build it
    value = build()
    _write(entry, dump(value))
    return value


def _write(entry: Path, data: Any) -> None:
    """Write an entry atomically (a reader sees the whole entry or none); give up quietly if the folder
    cannot be written (a read-only home, a full disk), and drop the oldest entries beyond `KEEP`."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.stem}-", suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        name = entry.stem.rsplit("-", 1)[0]
        others = sorted(entry.parent.glob(f"{name}-{'?' * _KEY}.json"), key=_mtime, reverse=True)
        for old in others[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
