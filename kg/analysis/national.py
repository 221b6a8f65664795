"""The national views' data: the council × theme matrix (`national_matrix.rq`) and one council's timeline
of plans and meetings (`council_timeline.rq`), each cell and event carrying the page it comes from.

Both read named queries only, so the views, the CSV and `cypkg query` give one answer. Fictional
example councils stay out unless `include_examples` is asked for, as in the queries themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kg import queries as named_queries
from kg.analysis.network import node_labels
from kg.errors import QueryError, UnknownIdError
from kg.namespaces import ID, local_id
from kg.store.protocol import Store

THEMES_VIEW = "themes"
TIMELINE_VIEW = "timeline"
NATIONAL_VIEWS = (THEMES_VIEW, TIMELINE_VIEW)
"""The national views' names beside the networks and the matrix (`cypkg view themes`, `/views/timeline`)."""

NO_REGION = "Not an authority of the reference data"
"""The group of councils the register names that the reference data does not hold (so no region is known)."""

REGISTER_HINT = (
    "add the council's plans and priorities to the register's CSV files, map the priorities to themes with "
    "`cypkg register themes`, and rebuild its graphs with `cypkg register build`"
)
EXAMPLES_NOTE = "Fictional example councils are left out unless asked for (`--include-examples`)."


def _params(authority: str | None, include_examples: bool) -> dict[str, str]:
    params = {"include_examples": "true" if include_examples else "false"}
    if authority:
        params["authority"] = authority
    return params


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def council_name(store: Store, authority: str) -> str:
    """A council's name from the graph; a council the graph does not name is an unknown id, not an empty view."""
    iri = authority if authority.startswith(("http://", "https://")) else str(ID[f"authority/{authority}"])
    name = node_labels(store, [iri]).get(iri)
    if name is None:
        raise UnknownIdError("authority", authority, hint="`cypkg query register_authorities` lists the councils")
    return name


# --- the council × theme matrix ------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeCell:
    """What one council's plans say under one theme: counts, the latest start year, and one page that says it."""

    plans: int
    priorities: int
    latest_start: str
    source: str


@dataclass(frozen=True)
class ThemeColumn:
    """A national theme and how many of the councils shown name it."""

    theme: str
    id: str
    label: str
    councils: int


@dataclass(frozen=True)
class CouncilRow:
    """A council (an authority IRI, or the name the register writes for a body outside the reference data)."""

    council: str
    id: str
    label: str
    region: str
    cells: dict[str, ThemeCell]

    @property
    def sources(self) -> list[str]:
        """The distinct pages behind the row's cells, sorted."""
        return sorted({c.source for c in self.cells.values() if c.source})


@dataclass
class ThemeMatrix:
    """Councils grouped by region × themes, the most widely named first."""

    title: str
    scope: str
    groups: list[tuple[str, list[CouncilRow]]]
    columns: list[ThemeColumn]
    include_examples: bool = False

    @property
    def rows(self) -> list[CouncilRow]:
        return [row for _, rows in self.groups for row in rows]

    @property
    def sources(self) -> list[str]:
        return sorted({s for row in self.rows for s in row.sources})

    def records(self) -> list[dict[str, str | int]]:
        """One flat dict per council (region, council, id, priorities per theme, themes, sources) for CSV."""
        out = []
        for row in self.rows:
            record: dict[str, str | int] = {"region": row.region, "council": row.label, "id": row.id}
            for col in self.columns:
                cell = row.cells.get(col.theme)
                record[col.label] = cell.priorities if cell else ""
            record["themes"] = len(row.cells)
            record["sources"] = " ".join(row.sources)
            out.append(record)
        return out


def theme_matrix(store: Store, *, authority: str | None = None, include_examples: bool = False) -> ThemeMatrix:
    """The council × theme matrix of `national_matrix.rq`, for every council or one."""
    rows = named_queries.run(store, "national_matrix", _params(authority, include_examples))
    councils: dict[str, CouncilRow] = {}
    labels: dict[str, str] = {}
    for row in rows:
        council = _text(row, "council")
        theme = _text(row, "theme")
        labels[theme] = _text(row, "themeLabel")
        if council not in councils:
            ident = local_id(council) if isinstance(row.get("council"), URIRef) else ""
            region = _text(row, "regionName") or NO_REGION
            councils[council] = CouncilRow(council, ident, _text(row, "councilName") or council, region, {})
        councils[council].cells[theme] = ThemeCell(
            int(_text(row, "plans") or 0),
            int(_text(row, "priorities") or 0),
            _text(row, "latestStart"),
            _text(row, "source"),
        )
    by_region: dict[str, list[CouncilRow]] = {}
    for council_row in councils.values():
        by_region.setdefault(council_row.region, []).append(council_row)
    groups = [
        (region, sorted(members, key=lambda r: (r.label.casefold(), r.council)))
        for region, members in sorted(by_region.items(), key=lambda kv: (kv[0] == NO_REGION, kv[0].casefold()))
    ]
    counts = {theme: sum(theme in r.cells for r in councils.values()) for theme in labels}
    columns = [
        ThemeColumn(theme, local_id(theme), labels[theme], counts[theme])
        for theme in sorted(labels, key=lambda t: (-counts[t], labels[t].casefold()))
    ]
    scope = council_name(store, authority) if authority else "all councils"
    return ThemeMatrix("Themes in councils' plans", scope, groups, columns, include_examples)


# --- one council's timeline ----------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    """A plan (its stated period) or a meeting that considered one (its date as printed, or none)."""

    when: str
    event: str
    plan: str
    title: str
    period_start: str
    period_end: str
    kind: str
    meeting: str
    body: str
    what: str
    status: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {
            "when": self.when,
            "event": self.event,
            "plan": self.plan,
            "title": self.title,
            "periodStart": self.period_start,
            "periodEnd": self.period_end,
            "kind": self.kind,
            "meeting": self.meeting,
            "body": self.body,
            "what": self.what,
            "status": self.status,
            "source": self.source,
        }


TIMELINE_FIELDS = tuple(TimelineEvent.__dataclass_fields__)


@dataclass
class CouncilTimeline:
    """A council's plans and the meetings about them, dated ones in date order, undated ones after."""

    title: str
    scope: str
    authority: str
    events: list[TimelineEvent] = field(default_factory=list)
    include_examples: bool = False

    @property
    def dated(self) -> list[TimelineEvent]:
        return [e for e in self.events if e.when]

    @property
    def undated(self) -> list[TimelineEvent]:
        return [e for e in self.events if not e.when]

    @property
    def sources(self) -> list[str]:
        return sorted({e.source for e in self.events if e.source})


def council_timeline(store: Store, *, authority: str | None, include_examples: bool = False) -> CouncilTimeline:
    """The events of `council_timeline.rq` for one council, in the query's order."""
    if not authority:
        raise QueryError("the timeline is of one council: give --authority", hint="e.g. --authority plymouth")
    rows = named_queries.run(store, "council_timeline", _params(authority, include_examples))
    events = []
    for row in rows:
        values = {name: _text(row, name) for name in ("when", "event", "title", "kind", "body", "what", "status")}
        events.append(
            TimelineEvent(
                plan=local_id(_text(row, "plan")),
                meeting=local_id(_text(row, "meeting")) if row.get("meeting") is not None else "",
                period_start=_text(row, "periodStart"),
                period_end=_text(row, "periodEnd"),
                source=_text(row, "source"),
                **values,
            )
        )
    scope = council_name(store, authority)
    return CouncilTimeline("Plans and meetings", scope, local_id(authority), events, include_examples)
