"""RDF files: their formats, parsing them completely, and the named graph each goes into."""

from __future__ import annotations

import contextlib
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import ParseError
from kg.namespaces import GRAPH, PREFIXES

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class RdfSource:
    """A file to load and the named graph it goes into."""

    path: Path
    graph: str

    @property
    def format(self) -> ox.RdfFormat:
        return rdf_format(self.path)


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a file from its extension (`.gz` is looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = RDF_FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise ParseError(
            f"unknown RDF file type {path.suffix!r}",
            file=str(path),
            hint=f"use one of {', '.join(sorted(RDF_FORMATS))} (optionally gzipped)",
        )
    return fmt


def open_input(path: Path) -> IO[bytes]:
    """A binary reader for a file, decompressing `.gz` on the fly."""
    if path.suffix == ".gz":
        # A GzipFile is a binary file object, but typeshed does not declare it a typing.IO.
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def graph_name_for(path: Path) -> str:
    """The named graph a data file goes into: its stem without RDF and gzip extensions."""
    name = path.name
    for suffix in (".gz", *RDF_FORMATS):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name


def parse_file(path: Path, graph: str | None = None) -> list[ox.Quad]:
    """Parse a whole file into quads (in `graph` unless it is a quad format), or raise ParseError."""
    fmt = rdf_format(path)
    to_graph = None if fmt in QUAD_FORMATS else ox.NamedNode(str(GRAPH[graph or graph_name_for(path)]))
    try:
        with open_input(path) as stream:
            quads = ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri())
            if to_graph is None:
                return list(quads)
            return [ox.Quad(q.subject, q.predicate, q.object, to_graph) for q in quads]
    except SyntaxError as exc:
        raise parse_error(exc, path) from exc
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise ParseError(f"cannot read: {exc}", file=str(path), hint="check the file exists and is RDF text") from exc


def parse_error(exc: SyntaxError, path: Path | str) -> ParseError:
    message = str(exc.args[0]) if exc.args else str(exc)
    return ParseError(
        message,
        file=str(path),
        line=exc.lineno,
        column=exc.offset,
        hint="fix the syntax at that line (a missing '.', ';' or closing quote is the usual cause); nothing was loaded",
    )


def serialized(data: bytes | None) -> bytes:
    """What pyoxigraph's serialize() or dump() returned when given no output stream: the bytes.

    Their stubs say `bytes | None` because with an output stream they return None.
    """
    if data is None:
        raise TypeError("pyoxigraph returned no bytes: was it given an output stream?")
    return data


def graph_prefixes(graph_format: str) -> dict[str, str] | None:
    """cypkg's prefixes for the RDF formats that can use them (Turtle, TriG, RDF/XML), else None."""
    return PREFIXES if graph_format in ("turtle", "trig", "xml") else None


def iter_data_files(data_dir: Path) -> Iterable[Path]:
    """Every RDF file under a data folder, in a stable order."""
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            with contextlib.suppress(ParseError):
                rdf_format(path)
                yield path
