"""Indicator series, derived at load time so a council's figures for one measure are one step away.

A triple store has no (area, indicator) index: finding one council's observations of one measure
walks every observation of the council (or of the measure) one index probe at a time. So every
(indicator, area) pair that has observations gets a `qb:Slice` with a predictable IRI,
`…/id/series/{indicator id}--{area id}`, that links its observations (`qb:observation`), names its
fixed dimension values under their own properties (`cyp:seriesIndicator`, `cyp:seriesArea`, so a
lookup by series never matches an observation), and carries a summary computed from them: the
latest, previous and earliest years with a value and the observations of those years, the changes
between them, the observations printed as a status instead of a number, and, per statistical
neighbour model, the latest value against the median of the area's neighbours in the same year
(better or worse by the indicator's polarity).

Everything here is derived, never asserted: it lives in its own graph (`SERIES_GRAPH`), is
rebuilt whenever a write changes observations (the embedded store does it in the same transaction
as the write) and by every load. A dump carries it, so a restore does not derive it again.

Why text: the inputs are read one property at a time as N-Triples that oxigraph writes (an index
range scan each, no join), grouped here by subject, and the output goes back as N-Triples that
oxigraph bulk-loads; no RDF term object is made in Python, which keeps a million-triple load
within a few seconds of the raw bulk load.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg.namespaces import CYP, GRAPH, ID, QB, SLUG, local_id
from kg.store.rdf_io import serialized

SERIES_GRAPH = str(GRAPH["derived/indicator-series"])
"""The derived graph: not a document graph (its name is no slug), so no file or update can claim it."""

INPUTS: dict[str, str] = {
    "indicator": str(CYP.indicator),
    "area": str(CYP.refArea),
    "year": str(CYP.periodStartYear),
    "value": str(CYP.value),
    "status": str(CYP.obsStatus),
    "neighbourOf": str(CYP.neighbourOf),
    "neighbour": str(CYP.neighbour),
    "neighbourModel": str(CYP.neighbourModel),
    "polarity": str(CYP.polarity),
}
"""What series are built from, by role: the observations' properties, the statistical neighbour relations
and the indicators' polarity; writes touching any of them rebuild the series."""

_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_P: dict[str, bytes] = {
    "type": b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
    "slice": f"<{QB.Slice}>".encode(),
    "sliceStructure": f"<{QB.sliceStructure}>".encode(),
    "key": f"<{CYP.IndicatorAreaSeriesKey}>".encode(),
    "observation": f"<{QB.observation}>".encode(),
    **{
        name: f"<{CYP[name]}>".encode()
        for name in (
            "seriesIndicator",
            "seriesArea",
            "statusObservation",
            "latestYear",
            "latestObservation",
            "previousYear",
            "previousObservation",
            "earliestYear",
            "earliestObservation",
            "changeSincePrevious",
            "changeOverSeries",
            "neighbourComparison",
            "NeighbourComparison",
            "comparisonOf",
            "comparisonModel",
            "comparisonYear",
            "neighbourMedian",
            "neighbourValueCount",
            "comparedWithNeighbourMedian",
            "HigherIsBetter",
            "LowerIsBetter",
            "BetterThanNeighbourMedian",
            "WorseThanNeighbourMedian",
            "AtNeighbourMedian",
            "AboveNeighbourMedian",
            "BelowNeighbourMedian",
        )
    },
}

Columns = dict[str, dict[bytes, list[bytes]]]
"""Role → subject → objects, every term as N-Triples text."""


def series_iri(indicator: str, area: str) -> str:
    """The predictable IRI of the series of one indicator in one area: …/id/series/{indicator id}--{area id}.

    Ids are the IRIs' last segments, lower-cased (`lait-lac--medway`, `lait-lac--e92000001` for
    England), so the IRI follows the …/id/{kind}/{slug} rule; ids that would not make a slug, or
    that hold "--" themselves, are replaced by a hash of both IRIs.
    """
    return str(ID[f"series/{_slug(indicator, area)}"])


def comparison_iri(indicator: str, area: str, model: str) -> str:
    """The IRI of a series' comparison with its neighbours in one model: …/id/neighbour-comparison/{ids}."""
    return str(ID[f"neighbour-comparison/{_slug(indicator, area, model)}"])


def _slug(*iris: str) -> str:
    ids = [local_id(iri).lower() for iri in iris]
    if all(SLUG.match(i) and "--" not in i for i in ids):
        return "--".join(ids)
    return "h-" + hashlib.sha1(" ".join(iris).encode()).hexdigest()[:20]


def read_inputs(store: ox.Store, *, leave_out: Iterable[str] = (), extra: Iterable[ox.Quad] = ()) -> Columns:
    """The input properties of every named graph but `leave_out` (and the series graph), plus `extra` quads."""
    skipped = [SERIES_GRAPH, *leave_out]
    not_in = ", ".join(f"<{g}>" for g in skipped)  # inferred graphs are left out too: series read asserted data
    columns: Columns = {}
    extra = list(extra)
    for role, predicate in INPUTS.items():
        query = (
            f"CONSTRUCT {{ ?s <{predicate}> ?o }} "
            f"WHERE {{ GRAPH ?g {{ ?s <{predicate}> ?o }} "
            f'FILTER(?g NOT IN ({not_in}) && !STRENDS(STR(?g), "/inferred")) }}'
        )
        result = store.query(query)
        assert isinstance(result, ox.QueryTriples)
        text = serialized(result.serialize(format=ox.RdfFormat.N_TRIPLES))
        mine = [ox.Triple(q.subject, q.predicate, q.object) for q in extra if q.predicate.value == predicate]
        if mine:
            text += serialized(ox.serialize(mine, format=ox.RdfFormat.N_TRIPLES))
        columns[role] = _by_subject(text)
    return columns


def _by_subject(ntriples: bytes) -> dict[bytes, list[bytes]]:
    """Subject → objects of N-Triples lines of one predicate, as oxigraph writes them (`s p o .`)."""
    out: dict[bytes, list[bytes]] = {}
    for line in ntriples.split(b"\n"):
        if line:
            subject, _predicate, rest = line.split(b" ", 2)
            out.setdefault(subject, []).append(rest[:-2])
    return out


def derive_series(columns: Mapping[str, Mapping[bytes, list[bytes]]], *, graph: str | None = None) -> bytes:
    """The series for observations given as columns (see `read_inputs`): N-Triples, or N-Quads in `graph`."""
    areas = columns.get("area", {})
    members: dict[tuple[bytes, bytes], list[bytes]] = defaultdict(list)
    for subject, indicators in columns.get("indicator", {}).items():
        for area in areas.get(subject, ()):
            for indicator in indicators:
                if indicator[:1] == b"<" and area[:1] == b"<":
                    members[indicator, area].append(subject)
    years, values, statuses = columns.get("year", {}), columns.get("value", {}), columns.get("status", {})
    end = f" <{graph}> .\n".encode() if graph else b" .\n"
    out: list[bytes] = []
    taken: dict[bytes, tuple[bytes, bytes]] = {}
    p = _P
    made: dict[tuple[bytes, bytes], tuple[bytes, dict[bytes, list[tuple[bytes, bytes, list[bytes]]]]]] = {}
    for (indicator, area), subjects in sorted(members.items()):
        iri = _unique_iri(indicator, area, taken)
        s = iri + b" "
        out += [
            s + p["type"] + b" " + p["slice"] + end,
            s + p["sliceStructure"] + b" " + p["key"] + end,
            s + p["seriesIndicator"] + b" " + indicator + end,
            s + p["seriesArea"] + b" " + area + end,
        ]
        has_member = s + p["observation"] + b" "
        has_status = s + p["statusObservation"] + b" "
        by_year: dict[bytes, list[tuple[bytes, bytes, list[bytes]]]] = defaultdict(list)
        for obs in sorted(set(subjects)):
            out.append(has_member + obs + end)
            if obs in statuses:
                out.append(has_status + obs + end)
            obs_values = values.get(obs)
            if obs_values:
                for year in years.get(obs, ()):
                    by_year[_lexical(year)].append((obs, year, obs_values))
        ordered = sorted(by_year)
        for role, chosen in (("latest", ordered[-1:]), ("previous", ordered[-2:-1]), ("earliest", ordered[:1])):
            for key in chosen:
                out.append(s + p[role + "Year"] + b" " + by_year[key][0][1] + end)
                out += [s + p[role + "Observation"] + b" " + obs + end for obs, _y, _v in by_year[key]]
        if len(ordered) >= 2:
            latest, previous, earliest = (_single_value(by_year[k]) for k in (ordered[-1], ordered[-2], ordered[0]))
            if latest is not None and previous is not None:
                out.append(s + p["changeSincePrevious"] + b" " + _decimal(latest - previous) + end)
            if latest is not None and earliest is not None:
                out.append(s + p["changeOverSeries"] + b" " + _decimal(latest - earliest) + end)
        made[indicator, area] = (iri, by_year)
    out += _neighbour_comparisons(made, columns, end)
    return b"".join(out)


def _neighbour_comparisons(
    made: Mapping[tuple[bytes, bytes], tuple[bytes, dict[bytes, list[tuple[bytes, bytes, list[bytes]]]]]],
    columns: Mapping[str, Mapping[bytes, list[bytes]]],
    end: bytes,
) -> list[bytes]:
    """Each series' latest value against the median of its area's statistical neighbours in that year, per model.

    Stated only when the series' latest year has one value and at least one neighbour has one value
    in the same year; the comparison says better or worse by the indicator's polarity, and above or
    below where the indicator has none.
    """
    groups: dict[bytes, dict[bytes, set[bytes]]] = defaultdict(lambda: defaultdict(set))
    neighbour_of, neighbour, model_of = (columns.get(k, {}) for k in ("neighbourOf", "neighbour", "neighbourModel"))
    for relation, owners in neighbour_of.items():
        for owner in owners:
            for model in model_of.get(relation, ()):
                groups[owner][model].update(neighbour.get(relation, ()))
    polarities = columns.get("polarity", {})
    p = _P
    out: list[bytes] = []
    for (indicator, area), (iri, by_year) in made.items():
        if not by_year or area not in groups:
            continue
        year = max(by_year)
        own = _single_value(by_year[year])
        if own is None:
            continue
        polarity = polarities.get(indicator, [])
        for model, neighbours in sorted(groups[area].items()):
            values = []
            for other in neighbours:
                found = made.get((indicator, other))
                value = _single_value(found[1].get(year, [])) if found else None
                if value is not None:
                    values.append(value)
            if not values:
                continue
            median = statistics.median(values)
            c = f"<{comparison_iri(indicator[1:-1].decode(), area[1:-1].decode(), model[1:-1].decode())}> ".encode()
            out += [
                iri + b" " + p["neighbourComparison"] + b" " + c[:-1] + end,
                c + p["type"] + b" " + p["NeighbourComparison"] + end,
                c + p["comparisonOf"] + b" " + iri + end,
                c + p["comparisonModel"] + b" " + model + end,
                c + p["comparisonYear"] + b" " + by_year[year][0][1] + end,
                c + p["neighbourMedian"] + b" " + _decimal(median) + end,
                c + p["neighbourValueCount"] + b" " + f'"{len(values)}"^^<{_XSD_INTEGER}>'.encode() + end,
                c + p["comparedWithNeighbourMedian"] + b" " + _verdict(own - median, polarity) + end,
            ]
    return out


def _verdict(difference: Decimal, polarity: list[bytes]) -> bytes:
    """The concept of cyp:NeighbourComparisonScheme for a value this far from the median, by polarity."""
    p = _P
    if difference == 0:
        return p["AtNeighbourMedian"]
    if polarity == [p["HigherIsBetter"]]:
        return p["BetterThanNeighbourMedian"] if difference > 0 else p["WorseThanNeighbourMedian"]
    if polarity == [p["LowerIsBetter"]]:
        return p["BetterThanNeighbourMedian"] if difference < 0 else p["WorseThanNeighbourMedian"]
    return p["AboveNeighbourMedian"] if difference > 0 else p["BelowNeighbourMedian"]


def _unique_iri(indicator: bytes, area: bytes, taken: dict[bytes, tuple[bytes, bytes]]) -> bytes:
    """The series IRI as N-Triples, with a short hash added in the unlikely case two areas share a last segment."""
    iri = series_iri(indicator[1:-1].decode(), area[1:-1].decode()).encode()
    if iri in taken and taken[iri] != (indicator, area):
        iri += b"-" + hashlib.sha1(indicator + b" " + area).hexdigest()[:8].encode()
    taken[iri] = (indicator, area)
    return b"<" + iri + b">"


def _lexical(literal: bytes) -> bytes:
    """The lexical form of an N-Triples literal (`"2025"^^<…gYear>` → `2025`)."""
    return literal[1 : literal.rfind(b'"')] if literal[:1] == b'"' else literal


def _single_value(entries: list[tuple[bytes, bytes, list[bytes]]]) -> Decimal | None:
    """The value of a year that has exactly one, else None (no change is stated from an ambiguous year)."""
    found = {_lexical(v) for _o, _y, vs in entries for v in vs}
    if len(found) != 1:
        return None
    try:
        return Decimal(found.pop().decode())
    except InvalidOperation:
        return None


def _decimal(value: Decimal) -> bytes:
    """A decimal as an N-Triples xsd:decimal literal in canonical form."""
    text = format(value.normalize(), "f") if value else "0"
    if "." not in text:
        text += ".0"
    return f'"{text}"^^<{_XSD_DECIMAL}>'.encode()


_GRAPH_OPERATIONS = re.compile(r"\b(DROP|CLEAR|MOVE|COPY|ADD|LOAD)\b", re.IGNORECASE)
_VARIABLE_PREDICATE = re.compile(r"[?$]\w+\s+[?$]\w+\s+\S")


def may_change_series(update: str) -> bool:
    """Whether a SPARQL update's text could change what the series are built from (erring towards yes)."""
    names = ("indicator", "refArea", "periodStartYear", "value", "obsStatus", "neighbour", "polarity")
    return (
        any(name in update for name in names)
        or _GRAPH_OPERATIONS.search(update) is not None
        or _VARIABLE_PREDICATE.search(update) is not None
    )


def has_inputs(quads: Iterable[ox.Quad]) -> bool:
    """Whether any of these quads is one a series is built from."""
    inputs = set(INPUTS.values())
    return any(q.predicate.value in inputs for q in quads)


def graph_has_inputs(store: ox.Store, graph: str) -> bool:
    """Whether one graph of the store holds any quad a series is built from."""
    node = ox.NamedNode(graph)
    return any(
        next(iter(store.quads_for_pattern(None, ox.NamedNode(p), None, node)), None) is not None
        for p in INPUTS.values()
    )


def rebuild_series(store: ox.Store) -> None:
    """Replace the series graph of an oxigraph store with the series of its observations (not transactional)."""
    derived = derive_series(read_inputs(store))
    graph = ox.NamedNode(SERIES_GRAPH)
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    if derived:
        store.bulk_load(derived, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)


def series_update(store: ox.Store, *, leave_out: Iterable[str] = (), extra: Iterable[ox.Quad] = ()) -> str:
    """SPARQL Update text replacing the series graph, for a write that replaces `leave_out` with `extra`."""
    derived = derive_series(read_inputs(store, leave_out=leave_out, extra=extra)).decode()
    drop = f"DROP SILENT GRAPH <{SERIES_GRAPH}>"
    return f"{drop} ; INSERT DATA {{ GRAPH <{SERIES_GRAPH}> {{ {derived} }} }}" if derived else drop
