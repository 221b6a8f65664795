"""Indicators read back for analysts: a council against its statistical neighbours, a series, an indicator's id."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib.term import Node as RdfTerm

from kg.namespaces import slugify
from kg.queries import run
from kg.store.protocol import Store


@dataclass(frozen=True)
class Comparison:
    """An authority against its neighbours for one measure and period (what the CLI and API show)."""

    rows: list[dict[str, RdfTerm]]
    neighbour_mean: Decimal | None
    group_rank: int | None
    group_size: int
    england: Decimal | None


def _dec(term: RdfTerm | None) -> Decimal | None:
    return None if term is None else Decimal(str(term))


def compare_with_neighbours(
    store: Store, authority: str, indicator: str, period: str, model: str = "sn-2025"
) -> Comparison:
    """Run indicator_neighbours and add the neighbour mean and the rank within the group of eleven.

    The mean and group rank are done here rather than in SPARQL: the self-join they need is
    planned poorly by the embedded store when parameters are bound (seconds, not milliseconds).
    """
    rows = run(
        store,
        "indicator_neighbours",
        {"authority": authority, "indicator": indicator, "period": period, "model": model},
    )
    table = [{k: v for k, v in r.items()} for r in rows]
    lower_better = any(str(r.get("polarity", "")).endswith("LowerIsBetter") for r in table)
    values = [(Decimal(str(r["value"])), r) for r in table if r.get("value") is not None]
    neighbour_values = [v for v, r in values if str(r.get("role")) == "neighbour"]
    mean = (
        (sum(neighbour_values, Decimal(0)) / len(neighbour_values)).quantize(Decimal("0.1"))
        if neighbour_values
        else None
    )
    own = next((v for v, r in values if str(r.get("role")) == "authority"), None)
    group_rank = None
    if own is not None:
        group_rank = 1 + sum(1 for v, _ in values if (v < own if lower_better else v > own))
    england = _dec(table[0].get("englandValue")) if table else None
    return Comparison(table, mean, group_rank, len(values), england)


def trend(store: Store, authority: str, indicator: str) -> list[dict[str, RdfTerm]]:
    """The series of a measure for one authority, oldest first (rows of indicator_trend)."""
    return list(run(store, "indicator_trend", {"authority": authority, "indicator": indicator}))


def resolve_indicator(store: Store, text: str) -> str:
    """An indicator id from a LAIT key (``LAC``), an id (``lait-lac``) or an IRI."""
    if text.startswith(("http://", "https://")) or text.startswith("lait-"):
        return text
    rows = store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?i ?n WHERE { ?i skos:notation ?n ; skos:inScheme <https://w3id.org/cypkg/id/scheme/lait> }"
    )
    for r in rows:
        if str(r["n"]).lower() == text.lower():
            return str(r["i"])
    return "lait-" + slugify(text)
