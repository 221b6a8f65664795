"""Data checks that must return nothing: `kg/queries/checks/*-violation.rq`.

SHACL shapes judge one node and its values; these SPARQL checks look across documents (a
paragraph cited from the wrong report, an id pointed at but described nowhere, a replacement
cycle). Each file returns the offending rows, so an empty result means the data passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib.term import Node

from kg.queries import QUERY_DIR, NamedQuery, parse_query_file
from kg.store.protocol import Store

__all__ = ["CHECK_DIR", "CheckResult", "all_checks", "run_checks"]

CHECK_DIR = QUERY_DIR / "checks"


@dataclass(frozen=True)
class CheckResult:
    """What one check found: its query (name, question, why) and the offending rows."""

    check: NamedQuery
    rows: list[dict[str, Node]]

    @property
    def passed(self) -> bool:
        return not self.rows

    @property
    def why(self) -> str:
        return self.check.extra.get("why", "")


def _check_files() -> list[Path]:
    return sorted(CHECK_DIR.glob("*-violation.rq"))


@cache
def all_checks() -> dict[str, NamedQuery]:
    """Every check by name (the file stem, e.g. `dangling-reference-violation`)."""
    return {p.stem: parse_query_file(p) for p in _check_files()}


def run_checks(store: Store, names: list[str] | None = None) -> list[CheckResult]:
    """Run the checks (all, or those named) on the store's union of graphs, in name order."""
    checks = all_checks()
    chosen = names or sorted(checks)
    return [CheckResult(checks[name], list(store.select(checks[name].text))) for name in chosen]
