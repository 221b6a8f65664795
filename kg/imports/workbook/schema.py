"""The plan workbook's shape: its sheets and columns, and the words its drop-downs accept.

Officers work in Excel, not Turtle. The workbook has one sheet per kind of thing (plan, outcomes,
priorities, owners, indicators, meetings, strategies, partners), an instructions sheet, drop-down
lists for the controlled values and one worked example row per sheet. Every other module of the
workbook (reading, row checks, RDF, template, export) reads its layout from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Namespace, URIRef

from kg.namespaces import CYP

DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")

INSTRUCTIONS = "instructions"
LISTS = "lists"
MAX_ROWS = 5_000

# --- controlled values: the words in the drop-downs and the terms they stand for -----------------

PARTNER_TYPES: dict[str, tuple[str, URIRef]] = {
    "nhs body": ("organisation", CYP.NHSBody),
    "police force": ("organisation", CYP.PoliceForce),
    "schools partner": ("organisation", CYP.SchoolsPartner),
    "voluntary sector organisation": ("organisation", CYP.VoluntarySectorOrganisation),
    "youth offending service": ("organisation", CYP.YouthOffendingService),
    "partner group": ("organisation", CYP.PartnerGroup),
    "other organisation": ("organisation", ORG.Organization),
    "children's trust": ("board", CYP.ChildrensTrust),
    "children's trust board": ("board", CYP.ChildrensTrustBoard),
    "health and wellbeing board": ("board", CYP.HealthAndWellbeingBoard),
    "improvement board": ("board", CYP.ImprovementBoard),
    "strategic transformation board": ("board", CYP.StrategicTransformationBoard),
    "safeguarding partnership": ("board", CYP.SafeguardingPartnership),
    "cabinet": ("board", CYP.Cabinet),
    "full council": ("board", CYP.FullCouncil),
    "scrutiny committee": ("board", CYP.ScrutinyCommittee),
    "officer group": ("board", CYP.OfficerGroup),
    "other body": ("board", CYP.Body),
}
ROLES = {"lead": CYP.leadPartner, "contributor": CYP.contributingPartner}
PLAN_STATUS = {"draft": CYP.Draft, "for consultation": CYP.ForConsultation, "approved": CYP.Approved}
MEETING_STATUS = {"scheduled": CYP.Scheduled, "held": CYP.Held, "cancelled": CYP.Cancelled}
DECISION_KINDS = {
    "approve": CYP.Approve,
    "agree draft for consultation": CYP.AgreeDraftForConsultation,
    "recommend approval": CYP.RecommendApproval,
    "refer": CYP.Refer,
    "comment": CYP.Comment,
    "note": CYP.Note,
    "endorse": CYP.Endorse,
}
DECISION_STATUS = {"recommended": CYP.Recommended, "resolved": CYP.Resolved, "intended": CYP.Intended}
# relation word -> (property, True when the strategy is the subject, class of the strategy)
RELATIONS: dict[str, tuple[URIRef, bool, URIRef]] = {
    "feeds into the plan": (CYP.feedsInto, True, CYP.SubsidiaryStrategy),
    "aligns with the plan": (CYP.alignsWith, False, CYP.Plan),
    "replaced by the plan": (DCTERMS.replaces, False, CYP.Plan),
    "superseded by the plan": (CYP.supersedes, False, CYP.Plan),
    "plan contributes to it": (CYP.contributesToPlan, False, CYP.Plan),
}
STRATEGY_TYPES = {
    "send and inclusion": CYP.SENDAndInclusion,
    "looked after children": CYP.LookedAfterChildren,
    "youth justice": CYP.YouthJustice,
    "early help": CYP.EarlyHelp,
    "safeguarding": CYP.Safeguarding,
    "education": CYP.Education,
    "skills and employability": CYP.SkillsAndEmployability,
    "performance improvement": CYP.PerformanceImprovement,
    "community strategy": CYP.CommunityStrategy,
    "council plan": CYP.CouncilPlan,
    "local area agreement": CYP.LocalAreaAgreement,
    "statutory service plan": CYP.StatutoryServicePlan,
    "needs assessment": CYP.NeedsAssessment,
}
PLAN_TYPE_WORDS = {
    k
    for k in STRATEGY_TYPES
    if k in {"community strategy", "council plan", "local area agreement", "statutory service plan", "needs assessment"}
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, what goes in it, and its drop-down list if it has one."""

    name: str
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook."""

    name: str
    purpose: str
    columns: tuple[Column, ...]
    example: tuple[Any, ...]


def _c(name: str, help: str, required: bool = False, choices: Iterable[str] = ()) -> Column:
    return Column(name, help, required, tuple(choices))


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "plan",
        "The plan itself: exactly one row.",
        (
            _c("id", "Short id: lower-case letters, digits, hyphens, e.g. medway-cypp-2019-2024", True),
            _c("title", "The plan's title as printed", True),
            _c("authority", "The council's id, e.g. medway, kent, milton-keynes (see `cypkg query`)", True),
            _c("period start", "First year the plan covers, e.g. 2019", True),
            _c("period end", "Last year the plan covers, e.g. 2024", True),
            _c("status", "draft, for consultation or approved", False, PLAN_STATUS),
            _c("as at", "The date this workbook is true at (meetings after it are scheduled, not held)"),
        ),
        (
            "example-cypp-2025-2028",
            "Example Children and Young People's Plan 2025-2028",
            "medway",
            2025,
            2028,
            "draft",
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
            _c("date", "The meeting date (a date cell, or yyyy-mm-dd)", True),
            _c("status", "scheduled, held or cancelled", False, MEETING_STATUS),
            _c("decision", "What the meeting decides about the plan", False, DECISION_KINDS),
            _c("decision status", "recommended, resolved or intended", False, DECISION_STATUS),
            _c("description", "What was decided, as worded"),
        ),
        (
            "example-hwb-2025-03-04",
            "example-hwb",
            dt.date(2025, 3, 4),
            "scheduled",
            "comment",
            "recommended",
            "Comment on the draft plan",
        ),
    ),
    Sheet(
        "strategies",
        "Other plans and strategies the plan relates to.",
        (
            _c("id", "Short id, e.g. medway-send-strategy", True),
            _c("name", "The strategy's title as printed", True),
            _c("relation", "How it relates to this plan", True, RELATIONS),
            _c("type", "What kind of strategy or plan it is", False, STRATEGY_TYPES),
        ),
        ("example-send-strategy", "SEND and Inclusion Strategy", "feeds into the plan", "send and inclusion"),
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
        ("example-nhs-trust", "Example NHS Foundation Trust", "nhs body", "RXX"),
    ),
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}
# The example partner list also needs the example board that the example meeting refers to.
EXTRA_EXAMPLES = {"partners": [("example-hwb", "Example Health and Wellbeing Board", "health and wellbeing board", "")]}
