"""Modern.gov records as RDF: bodies, meetings, agenda items, attendance, memberships and decisions.

One named graph per imported range. Each answer read is a cyp:WebPage source node (its URL as an IRI
and the day it was read), and every node `prov:wasDerivedFrom` that page (and a paragraph of the
import's snapshot report). Whether a meeting was scheduled, held or cancelled is what the page says
on the day it was read: a cyp:MeetingStatement as at that day, so a later import can say "held"
without contradicting an earlier "scheduled". Re-importing the same range replaces the graph.
Body types are read from the ontology's BodyTypeScheme (kg.ontology.vocabulary), not listed here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlparse

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg.imports.moderngov.client import ModerngovClient
from kg.imports.moderngov.errors import ModerngovError
from kg.imports.moderngov.fetch import SavedSite
from kg.imports.moderngov.parse import AgendaItem, Attendee, Decision, Meeting, MeetingSummary
from kg.namespaces import CYP, DCTERMS, FOAF, ID, ORG, PROV, SCHEMA, SKOS, local_id, slugify
from kg.ontology import vocabulary
from kg.store.protocol import Store
from kg.validation.gate import write_graph
from kg.validation.shapes import ValidationReport

_HOST_NOISE = {"democracy", "moderngov", "www", "committees", "councillors", "democratic", "meetings", "cmis", "mg"}


def authority_slug(base: str) -> str:
    """The authority a Modern.gov site belongs to, from its host: democracy.medway.gov.uk -> medway."""
    host = urlparse(base).hostname or ""
    labels = [part for part in host.split(".") if part not in _HOST_NOISE]
    return slugify(labels[0]) if labels else "unknown"


def range_graph_name(authority: str, committee: str | None, start: date, end: date) -> str:
    """One named graph per imported range, so re-importing the range replaces it."""
    scope = f"committee-{slugify(committee)}" if committee else "all"
    return f"moderngov-{authority}-{scope}-{start.isoformat()}-{end.isoformat()}"


def body_class(title: str) -> URIRef:
    """The body type (cyp:BodyTypeScheme, a punned class) whose longest name a committee's title contains.

    Full Council is only a title that is one of its names ("Council", "County Council"): a title
    merely containing "council" names some other body. Plain cyp:Body when no name fits.
    """
    found = vocabulary.named_in("BodyTypeScheme", title, only_whole=frozenset({CYP.FullCouncil}))
    return found.iri if found is not None else CYP.Body


def meeting_status(status: str, minutes_published: bool | None) -> URIRef:
    """Cancelled stays cancelled; published minutes mean it was held; anything else is scheduled."""
    if "cancel" in status.lower() or "postpone" in status.lower():
        return CYP.Cancelled
    return CYP.Held if minutes_published else CYP.Scheduled


def _start_time(day: date, text: str) -> datetime | None:
    m = re.fullmatch(r"(\d{1,2})[.:](\d{2})\s*([ap])\.?m\.?", text.strip().lower())
    if not m:
        return None
    hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
    return datetime(day.year, day.month, day.day, hour, int(m.group(2)))


@dataclass
class RangeImport:
    """What a range import found, before it is written."""

    graph_name: str
    graph: Graph
    committees: int = 0
    meetings: int = 0
    items: int = 0
    decisions: int = 0
    sources: list[str] = field(default_factory=list)


def web_page(url: str, date_read: date) -> URIRef:
    """The source node of one page as read on one day: `webpage/moderngov-{host}-{hash of the URL}-{day}`.

    Keyed by the day too, so two imports that read the same page on different days are two
    readings, each with its one cyp:dateRead, never one page with two.
    """
    host = slugify((urlparse(url).hostname or "page").removeprefix("www."))[:40]
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return ID[f"webpage/moderngov-{host}-{digest}-{date_read.isoformat()}"]


class _Builder:
    def __init__(self, authority: str, link_authority: bool, snapshot: URIRef, date_read: date) -> None:
        self.auth = authority
        self.link_authority = link_authority
        self.snapshot = snapshot
        self.date_read = Literal(date_read, datatype=XSD.date)
        self.day = date_read
        self.g = Graph()
        for prefix, ns in (("cyp", CYP), ("org", ORG), ("prov", PROV), ("dcterms", DCTERMS), ("schema", SCHEMA)):
            self.g.bind(prefix, ns)

    def page(self, source: str) -> URIRef:
        """The cyp:WebPage node of the answer at `source`: its URL (an IRI) and the day it was read."""
        page = web_page(source, self.day)
        if (page, RDF.type, CYP.WebPage) not in self.g:
            self.g.add((page, RDF.type, CYP.WebPage))
            self.g.add((page, SCHEMA.url, URIRef(source)))
            self.g.add((page, CYP.dateRead, self.date_read))
        return page

    def cite(self, node: URIRef, source: str) -> None:
        """node was read from the answer at `source`: its web page, and a paragraph of this import's snapshot."""
        g = self.g
        page = self.page(source)
        paragraph = ID[
            f"paragraph/{local_id(self.snapshot)}-{slugify(urlparse(source).path.rsplit('/', 1)[-1])}"
            f"-{slugify(urlparse(source).query) or 'page'}"
        ]
        if (paragraph, RDF.type, CYP.Paragraph) not in g:
            g.add((paragraph, RDF.type, CYP.Paragraph))
            g.add((paragraph, DCTERMS.isPartOf, self.snapshot))
            g.add((paragraph, CYP.paragraphNumber, Literal(source)))
            g.add((paragraph, CYP.text, Literal(f"The committee system's answer at {source}")))
            g.add((paragraph, PROV.wasDerivedFrom, page))
        g.add((node, PROV.wasDerivedFrom, paragraph))
        g.add((node, PROV.wasDerivedFrom, page))

    def meeting_statement(self, meeting: URIRef, status: URIRef, words: str | None, source: str) -> URIRef:
        """What the page at `source` says of the meeting's status on the day it was read."""
        g = self.g
        statement = ID[f"statement/{local_id(self.page(source))}-{local_id(meeting)}"]
        g.add((statement, RDF.type, CYP.MeetingStatement))
        g.add((statement, CYP.describes, meeting))
        g.add((statement, CYP.asAt, self.date_read))
        g.add((statement, CYP.meetingStatus, status))
        if words:
            g.add((statement, CYP.statusText, Literal(words)))
        self.cite(statement, source)
        return statement

    def iri(self, kind: str, *parts: str) -> URIRef:
        return ID[f"{kind}/{slugify('-'.join((self.auth, *parts)))}"]

    def add_body(self, committee_id: str, title: str, expired: bool | None, source: str) -> URIRef:
        body = self.iri("board", "committee", committee_id)
        g = self.g
        g.add((body, RDF.type, body_class(title)))
        g.set((body, SKOS.prefLabel, Literal(title)))
        g.set((body, DCTERMS.identifier, Literal(committee_id)))
        if expired is not None:
            g.set((body, CYP.expired, Literal(expired)))
        if self.link_authority:
            g.add((body, ORG.subOrganizationOf, ID[f"authority/{self.auth}"]))
        self.cite(body, source)
        return body

    def add_meeting(self, summary: MeetingSummary, detail: Meeting | None, source: str, body: URIRef) -> URIRef:
        g = self.g
        m = self.iri("meeting", "meeting", summary.id)
        day = detail.date if detail else summary.date
        status = detail.status if detail else summary.status
        g.add((m, RDF.type, CYP.Meeting))
        g.set((m, RDFS.label, Literal(f"{summary.committee_title}, {day.isoformat()}")))
        g.set((m, CYP.body, body))
        g.set((m, CYP.meetingDate, Literal(day, datatype=XSD.date)))
        self.meeting_statement(m, meeting_status(status, detail.minutes_published if detail else None), status, source)
        g.set((m, DCTERMS.identifier, Literal(summary.id)))
        starts = _start_time(day, detail.time if detail else summary.time)
        if starts:
            g.set((m, SCHEMA.startDate, Literal(starts, datatype=XSD.dateTime)))
        if detail and detail.location:
            g.set((m, SCHEMA.location, Literal(detail.location)))
        self.cite(m, source)
        if detail is None:
            return m
        for item in detail.items:
            self._add_item(m, detail, item, source)
        for person in detail.attendees:
            self._add_attendee(m, body, detail, person, source)
        return m

    def _add_item(self, meeting: URIRef, detail: Meeting, item: AgendaItem, source: str) -> None:
        g = self.g
        node = self.iri("agendaitem", "item", item.id or f"{detail.id}-{item.order}")
        g.add((node, RDF.type, CYP.AgendaItem))
        g.add((node, CYP.agendaItemOf, meeting))
        g.add((node, CYP.itemOrder, Literal(item.order, datatype=XSD.integer)))
        if item.number:
            g.add((node, CYP.itemNumber, Literal(item.number)))
        g.add((node, DCTERMS.title, Literal(item.title or f"Item {item.number}")))
        if item.text:
            g.add((node, DCTERMS.description, Literal(item.text)))
        if item.minutes:
            g.add((node, CYP.minutesText, Literal(item.minutes)))
        for doc in item.documents:
            d = URIRef(doc.url)
            g.add((node, CYP.linkedDocument, d))
            g.add((d, RDF.type, FOAF.Document))
            g.set((d, DCTERMS.title, Literal(doc.title or doc.url)))
        self.cite(node, source)

    def _add_attendee(self, meeting: URIRef, body: URIRef, detail: Meeting, a: Attendee, source: str) -> None:
        g = self.g
        key = a.member_id or slugify(a.name)
        person = self.iri("person", "member", key)
        g.add((person, RDF.type, FOAF.Person))
        g.set((person, FOAF.name, Literal(a.name)))
        if a.url.startswith(("http://", "https://")):
            g.set((person, FOAF.page, URIRef(a.url)))
        self.cite(person, source)
        attendance = self.iri("attendance", "meeting", detail.id, "member", key)
        g.add((attendance, RDF.type, CYP.Attendance))
        g.add((attendance, CYP.attendanceAt, meeting))
        g.add((attendance, CYP.attendee, person))
        if a.attendance:
            g.add((attendance, CYP.attendance, Literal(a.attendance)))
        if a.role:
            g.add((attendance, CYP.roleDescription, Literal(a.role)))
        self.cite(attendance, source)
        body_id = str(body).rsplit("/", 1)[-1]
        membership = ID[f"membership/{slugify(f'{body_id}-member-{key}')}"]
        g.add((membership, RDF.type, ORG.Membership))
        g.set((membership, ORG.member, person))
        g.set((membership, ORG.organization, body))
        if a.role:
            g.set((membership, CYP.roleDescription, Literal(a.role)))
        self.cite(membership, source)

    def add_decision(self, decision: Decision, source: str, plan: URIRef) -> URIRef:
        g = self.g
        node = self.iri("decision", "decision", decision.id)
        g.add((node, RDF.type, CYP.Decision))
        g.add((node, CYP.about, plan))
        g.add((node, DCTERMS.title, Literal(decision.title or f"Decision {decision.id}")))
        if decision.text:
            g.add((node, DCTERMS.description, Literal(decision.text)))
        if decision.status:
            g.add((node, CYP.statusText, Literal(decision.status)))
            status = vocabulary.named_in("DecisionStatusScheme", decision.status)
            if status is not None:
                g.add((node, CYP.decisionStatus, status.iri))
            kind = vocabulary.named_in("DecisionKindScheme", decision.status, inflected=True)
            if kind is not None:
                g.add((node, CYP.decisionKind, kind.iri))
        if decision.key_decision is not None:
            g.add((node, CYP.keyDecision, Literal(decision.key_decision)))
        if decision.call_in is not None:
            g.add((node, CYP.subjectToCallIn, Literal(decision.call_in)))
        if decision.decided:
            g.add((node, DCTERMS.date, Literal(decision.decided, datatype=XSD.date)))
        if decision.published:
            g.add((node, DCTERMS.issued, Literal(decision.published, datatype=XSD.date)))
        if decision.meeting_id:
            meeting = self.iri("meeting", "meeting", decision.meeting_id)
            g.add((node, CYP.madeAt, meeting))
            if (meeting, RDF.type, CYP.Meeting) not in g:
                self._meeting_stub(meeting, decision, source)
        for doc in decision.documents:
            g.add((node, CYP.linkedDocument, URIRef(doc.url)))
            g.add((URIRef(doc.url), RDF.type, FOAF.Document))
            g.set((URIRef(doc.url), DCTERMS.title, Literal(doc.title or doc.url)))
        self.cite(node, source)
        return node

    def _meeting_stub(self, meeting: URIRef, decision: Decision, source: str) -> None:
        """The meeting a decision page names, described from that page (a range import may add more)."""
        g = self.g
        g.add((meeting, RDF.type, CYP.Meeting))
        g.add((meeting, DCTERMS.identifier, Literal(decision.meeting_id)))
        if decision.decided:
            g.add((meeting, CYP.meetingDate, Literal(decision.decided, datatype=XSD.date)))
            self.meeting_statement(meeting, CYP.Held, None, source)
        if decision.committee_id:
            body = self.iri("board", "committee", decision.committee_id)
            g.add((meeting, CYP.body, body))
            if (body, RDF.type, None) not in g:
                g.add((body, RDF.type, body_class(decision.committee_title)))
                g.set((body, SKOS.prefLabel, Literal(decision.committee_title or f"Committee {decision.committee_id}")))
                g.set((body, DCTERMS.identifier, Literal(decision.committee_id)))
                self.cite(body, source)
        self.cite(meeting, source)


def import_range(
    client: ModerngovClient,
    *,
    start: date,
    end: date,
    committee: str | None = None,
    authority: str | None = None,
    link_authority: bool = False,
    decisions_about: URIRef | None = None,
    fetched_on: date | None = None,
) -> RangeImport:
    """Read committees, their meetings in [start, end] with agendas and attendees into a graph.

    With `decisions_about` (a plan's IRI), the decisions published in the range are read from their
    pages too, recorded as decisions about that plan: Modern.gov does not say which plan a decision
    concerns, so the person importing does.
    """
    if end < start:
        raise ModerngovError(
            f"--to {end.isoformat()} is before --from {start.isoformat()}", url=client.base, hint="swap the dates"
        )
    auth = authority or authority_slug(client.base)
    name = range_graph_name(auth, committee, start, end)
    snapshot = ID[f"report/{name}"]
    read_on = fetched_on or date.today()
    builder = _Builder(auth, link_authority, snapshot, read_on)
    committees = client.committees()
    known = {c.id: c for c in committees}
    if committee is not None and committee not in known:
        raise ModerngovError(
            f"no committee with id {committee!r} on this site",
            url=client.base,
            hint=f"known committee ids include {', '.join(sorted(known)[:10])}",
        )
    chosen = [known[committee]] if committee else [c for c in committees if not c.deleted]
    result = RangeImport(name, builder.g)
    committees_url = client.sources[0]
    for c in chosen:
        body = builder.add_body(c.id, c.title, c.expired, committees_url)
        result.committees += 1
        if c.expired and committee is None:
            continue
        for summary in client.meetings(c.id, start, end):
            if not start <= summary.date <= end:
                continue
            detail, url = client.meeting(summary.id)
            builder.add_meeting(summary, detail, url, body)
            result.meetings += 1
            result.items += len(detail.items)
    if decisions_about is not None:
        for ident in client.decision_ids(start, end):
            decision, url = client.decision(ident)
            builder.add_decision(decision, url, decisions_about)
            result.decisions += 1
    result.sources = list(client.sources)
    g = builder.g
    g.add((snapshot, RDF.type, CYP.Report))
    g.add((snapshot, DCTERMS.title, Literal(f"Committee system import: {client.base} {start} to {end}")))
    g.add((snapshot, DCTERMS.date, Literal(read_on, datatype=XSD.date)))
    g.add((snapshot, CYP.sourceFile, Literal(committees_url)))
    g.add((snapshot, PROV.wasDerivedFrom, builder.page(committees_url)))
    if isinstance(client.fetcher, SavedSite):
        saved = f"Read from a saved copy of the site (folder {client.fetcher.folder.name}), not the live service"
        g.add((snapshot, DCTERMS.description, Literal(saved)))
    return result


def write_range(store: Store, result: RangeImport) -> ValidationReport:
    """Write an import as its own named graph through the SHACL gate, replacing an earlier import of the range."""
    return write_graph(store, result.graph_name, result.graph, mode="replace")
