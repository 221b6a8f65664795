"""Domain errors, each carrying where the problem is and how to fix it.

The tree::

    CypkgError                 base: a message and a hint
    ├── InputError             bad input file (file, line, column)
    │   └── ParseError         RDF that does not parse
    ├── ValidationFailed       a write refused by the SHACL gate (carries the report)
    ├── ReadOnlyGraph          a write to a graph that only `cypkg load` may change (the ontology)
    ├── UnknownIdError         no such plan / partner / query (kind, id)
    ├── QueryError             a SPARQL query that is malformed or not allowed (name, line, column)
    │   └── QueryLimitExceeded a query over its time or row budget (limit)
    ├── StoreError             the store failed or is unreachable (url)
    │   └── StoreInUse         another process holds the store for writing (holder: pid, command)
    └── ConfigError            a setting that is missing or unsafe (variable)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class CypkgError(Exception):
    """Base of every error cypkg raises on purpose; `code` is stable for APIs."""

    code = "CYPKG_ERROR"
    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "hint": self.hint}


class InputError(CypkgError):
    """An input file is wrong; says which file and where."""

    code = "BAD_INPUT"
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        where = ":".join(str(p) for p in (file, line, column) if p is not None)
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.file, self.line, self.column = file, line, column

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "file": self.file, "line": self.line, "column": self.column}


class ParseError(InputError):
    """RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD) that does not parse."""

    code = "PARSE_ERROR"


class ValidationFailed(CypkgError):
    """A write whose result has SHACL Violations; nothing was written."""

    code = "SHACL_VIOLATION"

    def __init__(self, report: Any, *, graph: str | None = None, conflicts: dict[str, list[str]] | None = None) -> None:
        n = sum(1 for r in report.results if r.severity == "Violation")
        target = f" to graph {graph}" if graph else ""
        others = sorted({g for graphs in (conflicts or {}).values() for g in graphs})
        clash = f" together with what graph(s) {', '.join(others)} say" if others else ""
        super().__init__(
            f"write{target} refused: {n} SHACL violation(s){clash}; the store is unchanged",
            hint="fix the data at each focus node listed in the report, then run the command again "
            "(`cypkg validate FILE` checks a file without writing)"
            + ("; where another graph disagrees, change one of the two so they agree" if others else ""),
        )
        self.report = report
        self.graph = graph
        self.conflicts = conflicts or {}


class ReadOnlyGraph(CypkgError):
    """A write to the ontology graph (or another graph only `cypkg load` builds); nothing was written."""

    code = "READ_ONLY_GRAPH"

    def __init__(self, graph: str) -> None:
        super().__init__(
            f"graph {graph!r} is read-only: it is built from the ontology files by `cypkg load`",
            hint="change ontology/*.ttl and rebuild with `cypkg load`; write your data to a document graph",
        )
        self.graph = graph


class UnknownIdError(CypkgError):
    """An id (plan, partner, query, graph …) that is not in the graph."""

    code = "UNKNOWN_ID"

    def __init__(self, kind: str, ident: str, *, hint: str = "", known: Iterable[str] = ()) -> None:
        close = nearest(ident, known)
        if close:
            hint = f"did you mean {' or '.join(close)}?" + (f" ({hint})" if hint else "")
        super().__init__(f"no {kind} with id {ident!r}", hint=hint or f"list the known {kind}s first")
        self.kind, self.ident = kind, ident
        self.suggestions = close


def nearest(ident: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known ids closest to a mistyped one, best first (rapidfuzz; none when nothing is close)."""
    from rapidfuzz import fuzz, process, utils

    choices = sorted(set(known))
    found = process.extract(
        ident, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=70
    )
    return [choice for choice, _score, _index in found]


class QueryError(CypkgError):
    """A SPARQL query that is malformed, not allowed, or missing a parameter."""

    code = "BAD_QUERY"

    def __init__(
        self,
        message: str,
        *,
        name: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message, hint=hint)
        self.name, self.line, self.column = name, line, column


class QueryLimitExceeded(QueryError):
    """A query that ran past its time budget or returned more rows than allowed."""

    code = "QUERY_LIMIT"

    def __init__(self, limit: str, message: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint or "narrow the query (add filters or LIMIT) and try again")
        self.limit = limit


class StoreError(CypkgError):
    """The store is unreachable or answered with an error."""

    code = "STORE_ERROR"

    def __init__(self, message: str, *, url: str | None = None, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.url = url


class StoreInUse(StoreError):
    """Another process holds the on-disk store's write lock; `holder` is what it wrote there (pid, command)."""

    code = "STORE_IN_USE"

    def __init__(self, message: str, *, holder: dict[str, Any], hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.holder = holder


class ConfigError(CypkgError):
    """A setting that is missing or unsafe; names the environment variable."""

    code = "CONFIG_ERROR"

    def __init__(self, variable: str, message: str, *, hint: str = "") -> None:
        super().__init__(f"{variable}: {message}", hint=hint)
        self.variable = variable
