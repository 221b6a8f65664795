"""Dumps of the whole store that can prove they are complete, and the checks `restore` makes first.

A dump made by `cypkg dump` ends with one comment line (legal in N-Quads and TriG, so any RDF tool
still reads the file)::

    # cypkg dump complete: sha256=… bytes=…

naming the digest and length of everything before it. `check_dump` refuses, before anything in
the store is touched, a file that is not N-Quads or TriG by name, is empty, has no such line (cut
short, or not made by `cypkg dump`), or whose bytes do not match it (truncated or edited).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.protocol import Store

DUMP_FORMATS: dict[str, ox.RdfFormat] = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
_TRAILER = re.compile(rb"# cypkg dump complete: sha256=(?P<sha>[0-9a-f]{64}) bytes=(?P<size>\d+)\n?\Z")
_TAIL = 200  # the trailer is shorter than this
_CHUNK = 1 << 20
_HOW = "make dumps with `cypkg dump -o backup.nq` (N-Quads) or `cypkg dump -f trig -o backup.trig`"


class _Digest:
    """A binary stream that passes writes on and keeps their sha256, length and last byte."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.sha = hashlib.sha256()
        self.size = 0
        self.last = b"\n"

    def write(self, data: bytes) -> int:
        if data:
            self.out.write(data)
            self.sha.update(data)
            self.size += len(data)
            self.last = data[-1:]
        return len(data)

    def flush(self) -> None:
        self.out.flush()


def write_dump(store: Store, out: IO[bytes], fmt: str = "nquads") -> int:
    """Dump every graph to `out`, then the completeness line; returns the dump's size in bytes."""
    digest = _Digest(out)
    store.dump(digest, fmt)  # type: ignore[arg-type]  # a write()-only stream is all dump() uses
    if digest.last != b"\n":
        digest.write(b"\n")
    out.write(f"# cypkg dump complete: sha256={digest.sha.hexdigest()} bytes={digest.size}\n".encode())
    out.flush()
    return digest.size


def _holds_statements(path: Path) -> bool:
    """Whether any line is more than a comment, a blank or a prefix declaration."""
    with path.open("rb") as fh:
        for line in fh:
            text = line.strip()
            if text and not text.startswith(b"#") and not re.match(rb"(?i)@?(prefix|base)\b", text):
                return True
    return False


@dataclass(frozen=True)
class DumpFile:
    """A dump that passed the checks: its path and RDF format."""

    path: Path
    format: ox.RdfFormat
    verified: bool


def check_dump(path: Path, *, verify: bool = True) -> DumpFile:
    """Check a dump before restoring it: format by name, not empty, and (when `verify`) complete."""
    fmt = DUMP_FORMATS.get(path.suffix.lower())
    if fmt is None:
        what = {".ttl": "Turtle", ".nt": "N-Triples", ".jsonld": "JSON-LD", ".rdf": "RDF/XML", ".gz": "gzipped"}
        kind = what.get(path.suffix.lower(), f"a {path.suffix or 'suffix-less'} file")
        raise InputError(
            f"{kind} is not a dump of the store: restore reads N-Quads (.nq) or TriG (.trig); nothing was changed",
            file=str(path),
            hint=f"{_HOW}; to add one RDF file as a graph, use `cypkg load {path.name}`",
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read the dump: {exc.strerror}", file=str(path), hint=_HOW) from exc
    if size == 0:
        raise InputError(
            "the dump is empty: restoring it would empty the store, so nothing was changed",
            file=str(path),
            hint=f"check the command that wrote it; {_HOW}",
        )
    if not _holds_statements(path):
        raise InputError(
            "the dump holds no quads: restoring it would empty the store, so nothing was changed",
            file=str(path),
            hint=f"check the command that wrote it; {_HOW}",
        )
    if not verify:
        return DumpFile(path, fmt, verified=False)
    with path.open("rb") as fh:
        fh.seek(max(0, size - _TAIL))
        tail = fh.read()
        start = tail.rfind(b"# cypkg dump complete:")
        found = _TRAILER.search(tail[start:]) if start >= 0 else None
        if found is None:
            raise InputError(
                "the dump does not end with `# cypkg dump complete: …`: it was cut short, or not made by "
                "`cypkg dump`; nothing was changed",
                file=str(path),
                hint=f"{_HOW}; to restore a file from elsewhere that you know is whole, add --unverified",
            )
        body = max(0, size - _TAIL) + start
        sha = hashlib.sha256()
        fh.seek(0)
        remaining = body
        while remaining:
            chunk = fh.read(min(_CHUNK, remaining))
            if not chunk:
                break
            sha.update(chunk)
            remaining -= len(chunk)
    if int(found["size"]) != body or sha.hexdigest() != found["sha"].decode():
        raise InputError(
            f"the dump's content does not match its completeness line ({body:,} bytes before it, "
            f"{int(found['size']):,} written): it was truncated or changed; nothing was changed",
            file=str(path),
            hint=f"restore an intact copy; {_HOW}",
        )
    return DumpFile(path, fmt, verified=True)
