"""A draft's proposals as RDF that passes the SHACL gate as a draft (missing facts are Warnings).

One graph per report, named after the report's id. Every node cites the paragraph its evidence sits
in (`prov:wasDerivedFrom`, with the paragraph's text and the number the report prints) and carries
`cyp:confidence`. Only terms the ontology defines are written: a kind the ontology does not hold yet
(statements, reviews, aims, monitoring arrangements while the model grows) stays in the review
workbook, and the graph takes them as soon as the ontology defines them.
Nothing is invented: an undated meeting has no date, a priority with no named owner has no owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.errors import InputError
from kg.imports.extract.document import Document
from kg.imports.extract.lexicon import Authority
from kg.imports.extract.rules.context import Proposal
from kg.namespaces import CYP, DCTERMS, FOAF, ID, ORG, PREFIXES, PROV, SKOS
from kg.ontology.files import ontology_files
from kg.ontology.vocabulary import notations
from kg.store.terms import date_literal

DATE_FORMS = "write a day as 2019-02-19, a month as 2019-02 or a year as 2019"
DATE_FIELDS = ("date", "start", "end")
"""The fields of a proposal's value that hold a date."""

LEG = "http://www.legislation.gov.uk/id/"
REVIEW = "ReviewNotation"
"""The format of a proposal's status and qualifier words (`status=for-consultation`), read from the ontology."""


@cache
def ontology_terms() -> frozenset[str]:
    """Local names of every term the ontology declares, so a draft never writes an undefined one (the
    subjects of its files, read by pyoxigraph: a set of names needs no rdflib graph)."""
    import pyoxigraph as ox

    return frozenset(
        t.subject.value.split("#", 1)[1]
        for path in ontology_files()
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(str(CYP))
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")[:60] or "x"


def _date_literal(value: str) -> Literal:
    """A proposal's date as written (day, month or year); the rules and the review write only these."""
    literal = date_literal(value)
    if literal is None:
        raise InputError(f"{value!r} is not a date", hint=DATE_FORMS)
    return literal


class DraftBuilder:
    """Builds one report's graph from proposals (all of them, or the ones an officer accepted)."""

    def __init__(
        self,
        report: str,
        document_blocks: Iterable[tuple[str, str]],
        *,
        source_file: str,
        report_date: str | None,
        title: str,
        authority: Authority | None,
    ) -> None:
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.report_id = report
        self.terms = ontology_terms()
        self.report = ID[f"report/{report}"]
        self.fictional = bool(authority and authority.fictional)
        self.texts = dict(document_blocks)
        self.authority = ID[f"authority/{authority.slug}"] if authority else None
        self.auth_slug = authority.slug if authority else report
        self.report_date = report_date
        g = self.g
        g.add((self.report, RDF.type, CYP.Report))
        g.add((self.report, DCTERMS.title, Literal(title or report)))
        g.add((self.report, CYP.sourceFile, Literal(source_file)))
        if report_date:
            g.add((self.report, DCTERMS.date, _date_literal(report_date)))
        self._mark(self.report)
        if authority and authority.fictional:
            a = ID[f"authority/{authority.slug}"]
            g.add((a, RDF.type, CYP.LocalAuthority))
            g.add((a, SKOS.prefLabel, Literal(authority.name)))
            g.add((a, CYP.gssCode, Literal(authority.gss)))
            g.add((a, RDFS.comment, Literal("A fictional authority of the extraction test corpus.")))
            self._mark(a)
        self.plan: URIRef | None = None
        self.nodes: dict[tuple[str, str], URIRef] = {}
        self.meetings: list[tuple[URIRef, dict[str, Any]]] = []
        self.counter = 0

    # helpers

    def _mark(self, node: URIRef) -> None:
        if self.fictional:
            self.g.add((node, CYP.fictional, Literal(True)))

    def _para(self, para: str) -> URIRef:
        node = ID[f"paragraph/{self.report_id}-p{_slug(para)}"]
        if (node, RDF.type, CYP.Paragraph) not in self.g:
            self.g.add((node, RDF.type, CYP.Paragraph))
            self.g.add((node, CYP.paragraphNumber, Literal(para)))
            self.g.add((node, DCTERMS.isPartOf, self.report))
            if para in self.texts:
                self.g.add((node, CYP.text, Literal(self.texts[para])))
            self._mark(node)
        return node

    def _node(self, kind: str, key: str, p: Proposal, cls: URIRef) -> URIRef:
        node = ID[f"{kind}/{self.report_id}-{_slug(key)}"]
        self.g.add((node, RDF.type, cls))
        self.g.add((node, PROV.wasDerivedFrom, self._para(p.paragraph)))
        self.g.add((node, CYP.confidence, Literal(str(p.confidence), datatype=XSD.decimal)))
        self._mark(node)
        return node

    def _class(self, local: str | None, fallback: URIRef) -> URIRef:
        return CYP[local] if local and local in self.terms else fallback

    def organisation(self, name: str, kind_local: str | None, p: Proposal, *, body: bool) -> URIRef:
        """A body or partner node, one per name in this report."""
        key = ("org", name.lower())
        if key in self.nodes:
            return self.nodes[key]
        cls = self._class(kind_local, CYP.Body if body else ORG.Organization)
        node = self._node("board" if body else "organisation", name, p, cls)
        self.g.add((node, SKOS.prefLabel, Literal(name)))
        if body and self.authority is not None and kind_local in {"Cabinet", "FullCouncil", "ScrutinyCommittee"}:
            self.g.add((node, ORG.subOrganizationOf, self.authority))
        self.nodes[key] = node
        return node

    # kinds

    def add(self, p: Proposal) -> None:
        handler = getattr(self, f"_add_{p.kind}", None)
        if handler is not None:
            handler(p, p.value)

    def _add_plan(self, p: Proposal, v: dict[str, Any]) -> None:
        dated = v.get("start") is not None and v.get("end") is not None  # a plan whose period is not printed
        node = ID[f"plan/{self.auth_slug}-cypp-{v['start']}-{v['end']}" if dated else f"plan/{self.auth_slug}-cypp"]
        self.g.add((node, RDF.type, CYP.ChildrenAndYoungPeoplesPlan))
        self.g.add((node, DCTERMS.title, Literal(str(v["title"]))))
        if self.authority is not None:
            self.g.add((node, CYP.authority, self.authority))
        status = notations("PlanStatusScheme", REVIEW).get(str(v.get("status") or ""))
        # What this report says of the plan on its date is a dated statement where the ontology has them;
        # before that, the period and status sit on the plan itself.
        said = node
        if "PlanStatement" in self.terms:
            said = self._node("statement", f"{v['start']}-{v['end']}-plan" if dated else "plan", p, CYP.PlanStatement)
            self.g.add((said, CYP.describes, node))
            self.g.add((said, DCTERMS.title, Literal(str(v["title"]))))
            if self.report_date:
                self.g.add((said, CYP.asAt, _date_literal(self.report_date)))
            if v.get("period_text"):
                self.g.add((said, CYP.periodText, Literal(str(v["period_text"]))))
        if dated:  # undated stays undated: the gate warns, nothing fills it in
            self.g.add((said, CYP.periodStart, Literal(str(v["start"]), datatype=XSD.gYear)))
            self.g.add((said, CYP.periodEnd, Literal(str(v["end"]), datatype=XSD.gYear)))
        if status:
            self.g.add((said, CYP.status, status.iri))
        self.g.add((node, PROV.wasDerivedFrom, self._para(p.paragraph)))
        self.g.add((node, CYP.confidence, Literal(str(p.confidence), datatype=XSD.decimal)))
        self._mark(node)
        if self.plan is None:
            self.plan = node

    def _add_body(self, p: Proposal, v: dict[str, Any]) -> None:
        self.organisation(str(v["name"]), v.get("body_kind"), p, body=True)

    def _add_partner(self, p: Proposal, v: dict[str, Any]) -> None:
        self.organisation(str(v["name"]), v.get("partner_kind"), p, body=False)

    def _add_meeting(self, p: Proposal, v: dict[str, Any]) -> None:
        self.counter += 1
        node = self._node("meeting", f"meeting-{self.counter}", p, CYP.Meeting)
        body = self.organisation(str(v["body"]), v.get("body_kind"), p, body=True)
        self.g.add((node, CYP.body, body))
        date = v.get("date")
        if date:
            self.g.add((node, CYP.meetingDate, _date_literal(str(date))))
            if self.report_date and len(self.report_date) == 10 and len(str(date)) == 10:
                status = "Held" if str(date) <= self.report_date else "Scheduled"
                self.g.add((node, CYP.meetingStatus, CYP[status]))
        if v.get("date_text") and "dateText" in self.terms:
            self.g.add((node, CYP.dateText, Literal(str(v["date_text"]))))
        if not date and v.get("after_report") and self.report_date and "earliestDate" in self.terms:
            self.g.add((node, CYP.earliestDate, _date_literal(self.report_date)))  # the next meeting: after this one
        self.g.add((node, RDFS.label, Literal(f"{v['body']}" + (f" {date}" if date else " (undated)"))))
        self.meetings.append((node, v))

    def _meeting_for(self, body: str, p: Proposal) -> URIRef | None:
        for node, v in self.meetings:
            if str(v.get("body")).lower() == body.lower():
                return node
        return None

    def _add_decision(self, p: Proposal, v: dict[str, Any]) -> None:
        self.counter += 1
        node = self._node("decision", f"decision-{self.counter}", p, CYP.Decision)
        body = str(v.get("body") or "")
        meeting = self._meeting_for(body, p) if body else None
        if meeting is not None:
            self.g.add((node, CYP.madeAt, meeting))
        else:
            org = self.organisation(body or "the meeting", None, p, body=True)
            self.g.add((node, PROV.wasAssociatedWith, org))
            self.g.add(
                (node, CYP.inferenceNote, Literal("The report names the body that decides but no meeting of it."))
            )
        about = self.plan
        if v.get("about") in {"chair", "membership"} or about is None:
            about = self.organisation(body or "the meeting", None, p, body=True)
        if v.get("about") == "minutes" and meeting is not None:
            about = meeting
        self.g.add((node, CYP.about, about))
        kind = v.get("kind")
        if kind and kind in self.terms:
            self.g.add((node, CYP.decisionKind, CYP[kind]))
        status = notations("DecisionStatusScheme", REVIEW).get(str(v.get("status")))
        if status:
            self.g.add((node, CYP.decisionStatus, status.iri))
        if "decisionVerb" in self.terms:
            self.g.add((node, CYP.decisionVerb, Literal(str(v.get("verb")))))
        self.g.add((node, DCTERMS.description, Literal(p.evidence)))

    def _add_person(self, p: Proposal, v: dict[str, Any]) -> None:
        node = self._node("person", str(v["name"]), p, FOAF.Person)
        self.g.add((node, FOAF.name, Literal(str(v["name"]))))
        self.nodes[("person", str(v["name"]).lower())] = node
        if v.get("post"):
            post = self._node("post", f"{v['name']}-post", p, ORG.Post)
            self.g.add((post, RDFS.label, Literal(str(v["post"]))))
            self.g.add((post, ORG.heldBy, node))

    def _add_outcome(self, p: Proposal, v: dict[str, Any]) -> None:
        if v.get("ecm"):
            node = URIRef(str(v["ecm"]))
        else:
            node = self._node("outcome", str(v["name"]), p, CYP.Outcome)
            self.g.add((node, SKOS.prefLabel, Literal(str(v["name"]))))
            scheme = ID[f"scheme/{self.report_id}-outcomes"]
            self.g.add((scheme, RDF.type, CYP.OutcomeFramework))
            self.g.add((scheme, SKOS.prefLabel, Literal(f"Outcomes named in {self.report_id}")))
            self.g.add((scheme, PROV.wasDerivedFrom, self._para(p.paragraph)))
            self._mark(scheme)
            self.g.add((node, SKOS.inScheme, scheme))
        if self.plan is not None:
            self.g.add((self.plan, CYP.hasOutcome, node))
        self.nodes[("outcome", str(v["name"]).lower())] = node

    def _add_priority(self, p: Proposal, v: dict[str, Any]) -> None:
        if self.plan is None:
            return
        node = self._node("priority", str(v["name"]), p, CYP.Priority)
        self.g.add((node, SKOS.prefLabel, Literal(str(v["name"]))))
        self.g.add((node, CYP.priorityOf, self.plan))
        if v.get("owner"):
            owner = self.nodes.get(("org", str(v["owner"]).lower())) or self.organisation(
                str(v["owner"]), None, p, body=False
            )
            self.g.add((node, CYP.ownedBy, owner))
        if v.get("outcome"):
            outcome = self.nodes.get(("outcome", str(v["outcome"]).lower()))
            if outcome is not None:
                self.g.add((node, CYP.contributesTo, outcome))  # the outcome it sits under in the report
        self.nodes[("priority", str(v["name"]).lower())] = node

    def _add_strategy(self, p: Proposal, v: dict[str, Any]) -> None:
        node = self._node("plan", str(v["name"]), p, CYP.Plan)
        self.g.add((node, DCTERMS.title, Literal(str(v["name"]))))

    def _add_legislation(self, p: Proposal, v: dict[str, Any]) -> None:
        iri = URIRef(str(v["iri"]))
        if not str(iri).startswith(LEG):
            return
        self.g.add((iri, RDF.type, CYP.LegislativeProvision))
        self.g.add((self.report, DCTERMS.references, iri))
        if self.plan is not None:
            self.g.add((self.plan, CYP.legalBasis, iri))

    def _add_consultation(self, p: Proposal, v: dict[str, Any]) -> None:
        self.counter += 1
        node = self._node("consultation", f"consultation-{self.counter}", p, CYP.Consultation)
        self.g.add((node, CYP.participantCount, Literal(int(v["count"]), datatype=XSD.integer)))
        qualifiers = notations("CountQualifierScheme", REVIEW)
        qualifier = qualifiers.get(str(v.get("qualifier") or "exact")) or qualifiers["exact"]
        self.g.add((node, CYP.countQualifier, qualifier.iri))
        if v.get("who"):
            self.g.add((node, CYP.participantKind, Literal(str(v["who"]))))
        if v.get("start") and "startDate" in self.terms:
            self.g.add((node, CYP.startDate, _date_literal(str(v["start"]))))
        if v.get("end") and "endDate" in self.terms:
            self.g.add((node, CYP.endDate, _date_literal(str(v["end"]))))
        if self.plan is not None:
            self.g.add((node, CYP.consultationOn, self.plan))

    def _add_review(self, p: Proposal, v: dict[str, Any]) -> None:
        if "Review" not in self.terms:
            return
        node = self._node("review", f"{v['name']}-{v.get('date') or 'undated'}", p, CYP.Review)
        self.g.add((node, RDFS.label, Literal(str(v["name"]))))
        if v.get("kind") and v["kind"] in self.terms:
            self.g.add((node, CYP.reviewKind, CYP[str(v["kind"])]))
        if v.get("date") and "startDate" in self.terms:
            self.g.add((node, CYP.startDate, _date_literal(str(v["date"]))))

    def _add_pledge(self, p: Proposal, v: dict[str, Any]) -> None:
        if "Aim" not in self.terms or self.plan is None:
            return
        node = self._node("aim", str(v["name"]), p, CYP.Aim)
        self.g.add((node, SKOS.prefLabel, Literal(str(v["name"]))))
        self.g.add((node, CYP.aimOf, self.plan))
        if "Commitment" in self.terms:
            self.g.add((node, CYP.aimKind, CYP.Commitment))

    def _add_monitoring(self, p: Proposal, v: dict[str, Any]) -> None:
        if "MonitoringArrangement" not in self.terms or self.plan is None:
            return
        self.counter += 1
        node = self._node("monitoring", f"monitoring-{self.counter}", p, CYP.MonitoringArrangement)
        self.g.add((node, CYP.monitors, self.plan))
        self.g.add((node, CYP.receivingBody, self.organisation(str(v["by"]), None, p, body=True)))
        if v.get("frequency") in self.terms:
            self.g.add((node, CYP.frequency, CYP[str(v["frequency"])]))

    def _add_target_group(self, p: Proposal, v: dict[str, Any]) -> None:
        if "targetGroup" not in self.terms or self.plan is None or v.get("concept") not in self.terms:
            return
        for subject in [*self.g.subjects(CYP.priorityOf, self.plan), *self.g.subjects(CYP.aimOf, self.plan)]:
            if str(v["name"]).lower() in str(self.g.value(subject, SKOS.prefLabel)).lower():
                self.g.add((subject, CYP.targetGroup, CYP[str(v["concept"])]))  # the group the priority or pledge names

    def _add_indicator(self, p: Proposal, v: dict[str, Any]) -> None:
        node = self._node("indicator", str(v["name"]), p, CYP.Indicator)
        self.g.add((node, SKOS.prefLabel, Literal(str(v["name"]))))
        priority = self.nodes.get(("priority", str(v.get("priority") or "").lower()))
        if priority is not None:
            self.g.add((priority, CYP.measuredBy, node))

    def _add_duty(self, p: Proposal, v: dict[str, Any]) -> None:
        """A duty an Act places, as the report states it: its legal basis as cited, its holder as printed."""
        if "StatutoryDuty" not in self.terms:
            return
        node = self._node("duty", f"{v['iri'].rsplit('/id/', 1)[-1]}-{v.get('holder') or ''}", p, CYP.StatutoryDuty)
        self.g.add((node, RDFS.label, Literal(str(v.get("text") or p.evidence))))
        basis = URIRef(str(v["iri"]))
        self.g.add((basis, RDF.type, CYP.LegislativeProvision))
        self.g.add((node, CYP.legalBasis, basis))
        if v.get("holder") and "holderCategory" in self.terms:
            self.g.add((node, CYP.holderCategory, Literal(str(v["holder"]))))
        if "InForce" in self.terms:
            self.g.add((node, CYP.dutyStatus, CYP.InForce))

    def _add_membership(self, p: Proposal, v: dict[str, Any]) -> None:
        """Who belongs to a body (a person or an organisation), with the role where the report names one."""
        member_name = str(v["member"])
        person = self.nodes.get(("person", member_name.lower()))
        looks_like_person = re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][\w'’-]+){1,2}", member_name) and not re.search(
            r"\b(?:Council|Board|Trust|Police|Group|Partnership|Service|College|Forum|Constabulary)\b", member_name
        )
        if person is None and looks_like_person:
            person = self._node("person", member_name, p, FOAF.Person)
            self.g.add((person, FOAF.name, Literal(member_name)))
        member = person or self.organisation(member_name, None, p, body=False)
        body = self.organisation(str(v["body"]), None, p, body=True)
        self.counter += 1
        node = self._node("membership", f"membership-{self.counter}", p, ORG.Membership)
        self.g.add((node, ORG.member, member))
        self.g.add((node, ORG.organization, body))
        role = str(v.get("role") or "")
        if role:
            self.g.add((node, RDFS.label, Literal(f"{member_name}, {role} of {v['body']}")))
            if re.fullmatch(r"Chair(?:man|person)?", role) and "ChairRole" in self.terms:
                self.g.add((node, ORG.role, CYP.ChairRole))

    def _add_risk(self, p: Proposal, v: dict[str, Any]) -> None:
        node = self._node("risk", str(v["name"]), p, CYP.Risk)
        self.g.add((node, DCTERMS.title, Literal(str(v["name"]))))
        if v.get("rating"):
            self.g.add((node, CYP.riskRating, Literal(str(v["rating"]))))
        if v.get("description"):
            self.g.add((node, DCTERMS.description, Literal(str(v["description"]))))
        if v.get("mitigation"):
            self.g.add((node, CYP.mitigation, Literal(str(v["mitigation"]))))
        if self.plan is not None:
            self.g.add((node, CYP.riskTo, self.plan))


ORDER = ("plan", "body", "partner", "meeting", "decision", "person", "outcome", "priority", "indicator", "strategy",
         "legislation", "duty", "membership", "consultation", "risk", "review", "pledge", "monitoring",
         "target_group")  # fmt: skip


def build_graph(
    report: str, document: Document, proposals: list[Proposal], authority: Authority | None, report_date: str | None
) -> Graph:
    """The graph for a report from the given proposals (plans first, so later nodes can point at them)."""
    title = next((b.text for b in document.blocks if b.kind == "heading"), document.title or report)
    texts: dict[str, str] = {}
    for b in document.blocks:
        texts[b.para] = f"{texts[b.para]} {b.text}" if b.para in texts else b.text
    builder = DraftBuilder(
        report, texts.items(), source_file=document.source, report_date=report_date, title=title, authority=authority
    )
    by_kind = sorted(proposals, key=lambda p: ORDER.index(p.kind) if p.kind in ORDER else len(ORDER))
    for p in by_kind:
        builder.add(p)
    held = sorted(
        str(p.value["date"]) for p in proposals if p.kind == "meeting" and p.value.get("held") and p.value.get("date")
    )
    if report_date is None and held and "earliestDate" in builder.terms:
        # an undated page that records meetings as held was written after the last of them
        builder.g.add((builder.report, CYP.earliestDate, _date_literal(held[-1])))
    return builder.g


def write_turtle(graph: Graph, report: str, out: Path) -> Path:
    """The draft's Turtle, headed by a reminder that it is unreviewed."""
    header = (
        f"# DRAFT extracted automatically from report {report} by `cypkg extract`.\n"
        "# Every statement carries cyp:confidence and the paragraph it came from. Review it before loading\n"
        "# (`cypkg extract REPORT --review review.xlsx`, then `cypkg import review.xlsx`).\n\n"
    )
    out.write_text(header + graph.serialize(format="turtle"), encoding="utf-8")
    return out
