"""The plan workbook's shape: its sheets and columns, and the words its drop-downs accept.

Officers work in Excel, not Turtle. The workbook has one sheet per kind of thing (plan, outcomes,
priorities, owners, indicators, meetings, strategies, partners), an instructions sheet, drop-down
lists for the controlled values and one worked example row per sheet. Every other module of the
workbook (reading, row checks, RDF, template, export) reads its layout from here. The drop-down lists
are the ontology's SKOS concept schemes (read through kg.ontology.vocabulary), never written out here.
The worked example belongs to Anyshire, the fictional council of data/examples/, so an imported
template is flagged fictional and left out of named queries unless examples are asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import URIRef

from kg.namespaces import CYP, DCTERMS, ORG
from kg.ontology.vocabulary import concepts

INSTRUCTIONS = "instructions"
LISTS = "lists"
MAX_ROWS = 5_000

# --- controlled values: the words in the drop-downs and the terms they stand for -----------------


def _key(word: str) -> str:
    """A drop-down word as compared: any case, curly or straight apostrophes, hyphens or spaces."""
    return " ".join(word.lower().replace("’", "'").replace("-", " ").split())


@dataclass(frozen=True)
class Choices:
    """A drop-down list: the preferred labels of the ontology's SKOS schemes, then the workbook's own words.

    The words an officer may type are every label of a concept (preferred, alternative, hidden) in any
    case; the list shown is the preferred labels. `own` words are not a list of the ontology but the
    workbook's own (a role that is a property, "other body" for a body of no listed kind).
    """

    schemes: tuple[str, ...] = ()
    own: tuple[tuple[str, URIRef], ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """The words shown in the drop-down, in the order of the schemes."""
        return _words(self)

    def term(self, word: str) -> URIRef | None:
        """The term a typed word stands for, or None when it is not one of the list's words."""
        return _index(self).get(_key(word))

    def word(self, term: object) -> str:
        """The drop-down word for a term (the reverse of `term`), or "" when the list has none for it."""
        return next((w for w in self.words if self.term(w) == term), "")

    def scheme_of(self, term: object) -> str | None:
        """The local name of the scheme a term of this list comes from (None for the workbook's own words)."""
        return next((s for s in self.schemes if any(c.iri == term for c in concepts(s))), None)


@cache
def _words(choices: Choices) -> tuple[str, ...]:
    shown = [c.pref_label for scheme in choices.schemes for c in concepts(scheme)]
    return tuple(dict.fromkeys([*shown, *(w for w, _ in choices.own)]))


@cache
def _index(choices: Choices) -> dict[str, URIRef]:
    index: dict[str, URIRef] = {}
    for scheme in choices.schemes:
        for c in concepts(scheme):
            for word in c.words:
                index.setdefault(_key(word), c.iri)
    for word, term in choices.own:
        index.setdefault(_key(word), term)
    return index


PARTNER_SCHEMES = ("PartnerTypeScheme", "BodyTypeScheme")
PARTNER_TYPES = Choices(PARTNER_SCHEMES, own=(("other organisation", ORG.Organization), ("other body", CYP.Body)))
"""Partner and body types: each concept is also the class its nodes are typed with (punned)."""
ROLES = Choices(own=(("lead", CYP.leadPartner), ("contributor", CYP.contributingPartner)))
PLAN_STATUS = Choices(("PlanStatusScheme",))
MEETING_STATUS = Choices(("MeetingStatusScheme",))
DECISION_KINDS = Choices(("DecisionKindScheme",))
DECISION_STATUS = Choices(("DecisionStatusScheme",))
STRATEGY_TYPES = Choices(("StrategyTypeScheme", "PlanTypeScheme"))
"""Strategy types (cyp:strategyType) and plan types (cyp:planType), told apart by their scheme."""
# relation word -> (property, True when the strategy is the subject, class of the strategy)
RELATIONS: dict[str, tuple[URIRef, bool, URIRef]] = {
    "feeds into the plan": (CYP.feedsInto, True, CYP.SubsidiaryStrategy),
    "aligns with the plan": (CYP.alignsWith, False, CYP.Plan),
    "replaced by the plan": (DCTERMS.replaces, False, CYP.Plan),
    "superseded by the plan": (CYP.supersedes, False, CYP.Plan),
    "plan contributes to it": (CYP.contributesToPlan, False, CYP.Plan),
}
RELATION_WORDS = Choices(own=tuple((word, prop) for word, (prop, _, _) in RELATIONS.items()))


def partner_kind(term: URIRef) -> str:
    """The id kind of a partner of this type: "board" for a body type, "organisation" otherwise."""
    return "board" if term == CYP.Body or PARTNER_TYPES.scheme_of(term) == "BodyTypeScheme" else "organisation"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, what goes in it, and its drop-down list if it has one."""

    name: str
    help: str
    required: bool = False
    choices: Choices | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The drop-down's words, or () for a column without one."""
        return self.choices.words if self.choices is not None else ()


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook."""

    name: str
    purpose: str
    columns: tuple[Column, ...]
    example: tuple[Any, ...]


def _c(name: str, help: str, required: bool = False, choices: Choices | None = None) -> Column:
    return Column(name, help, required, choices)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "plan",
        "The plan itself: exactly one row.",
        (
            _c("id", "Short id: lower-case letters, digits, hyphens, e.g. medway-cypp-2019-2024", True),
            _c("title", "The plan's title as printed", True),
            _c("authority", "The council's id, e.g. medway, kent, milton-keynes (see `cypkg query`)", True),
            _c("period start", "First year the plan covers, e.g. 2019 (a month or date if the plan gives one)"),
            _c("period end", "Last year the plan covers, e.g. 2024 (empty if the plan gives none)"),
            _c("status", "The plan's status as at the workbook's date, e.g. draft", False, PLAN_STATUS),
            _c(
                "as at",
                "The date this workbook is true at, as precise as known: a date, a month (2025-01) or a year"
                " (meetings after it are scheduled, not held)",
            ),
        ),
        (
            "example-cypp-2025-2028",
            "Anyshire Children and Young People's Plan 2025-2028 (workbook example)",
            "anyshire",
            2025,
            2028,
            "Draft",
            dt.date(2025, 1, 31),
        ),
    ),
    Sheet(
        "outcomes",
        "The outcomes the plan seeks for children, one per row.",
        (
            _c("id", "Short id, e.g. medway-thriving", True),
            _c("outcome", "The outcome as the plan words it", True),
            _c("description", "Optional longer wording"),
        ),
        ("example-healthy-start", "A healthy start", "Children are born healthy and stay healthy."),
    ),
    Sheet(
        "priorities",
        "The plan's priorities; each contributes to an outcome from the outcomes sheet.",
        (
            _c("id", "Short id, e.g. medway-priority-1", True),
            _c("priority", "The priority as the plan words it", True),
            _c("outcome", "The id of the outcome it contributes to (outcomes sheet), or an Every Child Matters id"),
        ),
        ("example-priority-1", "Reduce childhood obesity", "example-healthy-start"),
    ),
    Sheet(
        "owners",
        "Who owns each priority: one row per priority and partner.",
        (
            _c("priority", "The priority's id (priorities sheet)", True),
            _c("partner", "The partner's id (partners sheet), or an authority id such as medway", True),
            _c("role", "lead or contributor", True, ROLES),
        ),
        ("example-priority-1", "example-nhs-trust", "lead"),
    ),
    Sheet(
        "indicators",
        "How progress is measured: one indicator per row, with its baseline and target.",
        (
            _c("id", "Short id, e.g. medway-obesity-year-6", True),
            _c("title", "What is measured", True),
            _c("priority", "The id of the priority it measures (priorities sheet)"),
            _c("unit", "e.g. percentage, rate per 10,000 children"),
            _c("baseline", "A number"),
            _c("baseline year", "The baseline's year, e.g. 2024"),
            _c("target", "A number"),
            _c("target year", "The year the target is for, e.g. 2028"),
        ),
        (
            "example-obesity-year-6",
            "Children in Year 6 who are obese",
            "example-priority-1",
            "percentage",
            21.5,
            2024,
            19,
            2028,
        ),
    ),
    Sheet(
        "meetings",
        "Meetings that consider the plan and what each decides.",
        (
            _c("id", "Short id, e.g. medway-hwb-2019-02-19", True),
            _c("body", "The id of the body that meets (partners sheet, type a board), e.g. medway-hwb", True),
            _c(
                "date",
                "The meeting date as printed: a date cell or yyyy-mm-dd, a month (2025-03) or a year;"
                " empty if the source prints none",
            ),
            _c("status", "Whether it is scheduled, held or cancelled as at the workbook's date", False, MEETING_STATUS),
            _c("decision", "What the meeting decides", False, DECISION_KINDS),
            _c("decision status", "Whether it is recommended, resolved, noted or intended", False, DECISION_STATUS),
            _c("description", "What was decided, as worded"),
            _c(
                "about",
                "What the decision is about when it is not the plan: the id of a strategy, outcome, priority or"
                " body of this workbook (or already in the graph); empty: the plan",
            ),
        ),
        (
            "example-hwb-2025-03-04",
            "example-hwb",
            dt.date(2025, 3, 4),
            "Scheduled",
            "Comment",
            "Recommended",
            "Comment on the draft plan",
            None,
        ),
    ),
    Sheet(
        "strategies",
        "Other plans and strategies the plan relates to.",
        (
            _c("id", "Short id, e.g. medway-send-strategy", True),
            _c("name", "The strategy's title as printed", True),
            _c("relation", "How it relates to this plan", True, RELATION_WORDS),
            _c("type", "What kind of strategy or plan it is", False, STRATEGY_TYPES),
        ),
        ("example-send-strategy", "SEND and Inclusion Strategy", "feeds into the plan", "SEND and inclusion"),
    ),
    Sheet(
        "partners",
        "The partners and boards named in the other sheets.",
        (
            _c("id", "Short id, e.g. medway-police", True),
            _c("name", "The partner's name as printed", True),
            _c("type", "What kind of partner or board it is", True, PARTNER_TYPES),
            _c("code", "GSS or ODS code where known, e.g. E38000102"),
        ),
        ("example-nhs-trust", "Anyshire NHS Foundation Trust (workbook example)", "NHS body", ""),
    ),
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}
# The example partner list also needs the example board that the example meeting refers to.
EXTRA_EXAMPLES = {
    "partners": [
        ("example-hwb", "Anyshire Health and Wellbeing Board (workbook example)", "Health and Wellbeing Board", ""),
    ]
}
