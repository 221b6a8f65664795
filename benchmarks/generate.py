"""A synthetic national graph shaped like the real data, for the benchmark (never committed).

Why synthetic: the real seeds cover a handful of reports; the questions the store must answer fast
are national ones (about 150 upper-tier authorities, three plan generations each, years of DfE
indicator observations). The generator copies the real reference data (ontology terms, the ECM
outcomes, legislation, the chosen English upper-tier authorities) and invents, deterministically
from a seed, one committee report per plan generation in the shape of `data/seeds/*.ttl`: the
report and its paragraphs (provenance for every fact), people and posts, the authority's bodies and
partners (shared by all its reports, so a partner is described in several graphs), the plan with
outcomes, ~10 priorities each owned by 1-4 partners and measured by indicators, actions, targets,
meetings, decisions, a governance pathway, consultations, risks, an impact assessment and
implications. Indicators, statistical neighbours and Data Cube observations (which pad the graph
toward its size) follow `data/indicators/`.

Each named graph is written as its own N-Triples file named after the graph, so
`kg.store.build.data_sources(out_dir)` loads it exactly like `data/`.

    python benchmarks/generate.py OUT_DIR --size 100k [--seed 2004]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

REPO = Path(__file__).resolve().parents[1]
SIZES: dict[str, int] = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
GENERATOR_VERSION = "3"

CYP = "https://w3id.org/cypkg/def#"
ID = "https://w3id.org/cypkg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
QB = "http://purl.org/linked-data/cube#"
SOURCE_TABLE = "https://w3id.org/cypkg/benchmarks/synthetic-indicator-table"
"""Where every synthetic observation says it came from, as real ones cite the LAIT table (ObservationShape-source)."""
ENGLAND = "http://statistics.data.gov.uk/id/statistical-geography/E92000001"
CHILDREN_ACT_S17 = "http://www.legislation.gov.uk/id/ukpga/2004/31/section/17"

# Report triples per authority (three generations) are about this many; the rest is observations.
_REPORT_SHARE = 0.45
_TRIPLES_PER_AUTHORITY = 3 * 620
MAX_AUTHORITIES = 150

_WORDS = [
    "children",
    "young",
    "people",
    "families",
    "partners",
    "services",
    "outcomes",
    "priority",
    "plan",
    "early",
    "help",
    "safeguarding",
    "schools",
    "health",
    "police",
    "voluntary",
    "sector",
    "board",
    "trust",
    "council",
    "consultation",
    "needs",
    "assessment",
    "improve",
    "reduce",
    "increase",
    "support",
    "education",
    "attainment",
    "attendance",
    "looked",
    "after",
    "care",
    "leavers",
    "youth",
    "justice",
    "emotional",
    "wellbeing",
    "mental",
    "physical",
    "activity",
    "participation",
    "training",
    "employment",
    "disadvantage",
    "gap",
    "narrowing",
    "commissioning",
    "integrated",
    "multi-agency",
    "delivery",
    "review",
    "monitor",
    "performance",
    "targets",
]
_PARTNERS = [
    ("pct", "NHSBody", "Primary Care Trust"),
    ("police", "PoliceForce", "Police"),
    ("schools", "SchoolsPartner", "Schools"),
    ("voluntary-sector", "VoluntarySectorOrganisation", "Voluntary and community sector"),
    ("yos", "YouthOffendingService", "Youth Offending Service"),
    ("ccg", "NHSBody", "Clinical Commissioning Group"),
]
_DECISION_KINDS = ["Approve", "AgreeDraftForConsultation", "RecommendApproval", "Endorse", "Note"]
_POLARITIES = ["HigherIsBetter", "LowerIsBetter", "NoPolarity"]
_STATUSES = ["StatusSuppressed", "StatusNotAvailable", "StatusLowReliability"]


def iri(value: str) -> str:
    return f"<{value}>"


def the(kind: str, slug: str) -> str:
    """The data IRI of a thing: `…/id/{kind}/{slug}` as an N-Triples term."""
    return f"<{ID}{kind}/{slug}>"


def cyp(term: str) -> str:
    return f"<{CYP}{term}>"


def lit(value: object, datatype: str | None = None) -> str:
    """A literal as N-Triples text (escaped), typed when a datatype is given."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"^^<{XSD}{datatype}>' if datatype else f'"{text}"'


class GraphWriter:
    """The triples of one named graph, kept as N-Triples lines."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def node(self, s: str, cls: str, props: list[tuple[str, str]]) -> None:
        """One node: its type and (predicate, object) pairs."""
        self.add(s, iri(RDF_TYPE), cls)
        for p, o in props:
            self.add(s, p, o)

    def write(self, out_dir: Path) -> Path:
        path = out_dir / f"{self.name}.nt"
        path.write_text("".join(self.lines), encoding="utf-8")
        return path


@dataclass
class Authority:
    """An upper-tier authority copied from the reference data."""

    slug: str
    label: str


@dataclass
class GeneratedData:
    """What a run of the generator wrote, with ids the benchmark binds query parameters to."""

    out_dir: Path
    size: str
    seed: int
    triples: int
    graphs: int
    authorities: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    version: str = GENERATOR_VERSION

    def files(self) -> list[Path]:
        return sorted(self.out_dir.glob("*.nt"))

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "out_dir": str(self.out_dir)}, indent=1)


def reference_authorities() -> tuple[list[Authority], Graph]:
    """English upper-tier authorities (those with a DfE code) and the authorities reference graph."""
    g = Graph().parse(REPO / "data" / "reference" / "authorities.ttl")
    dfe = URIRef(CYP + "dfeCode")
    label = URIRef(SKOS + "prefLabel")
    found = []
    for s in sorted(set(g.subjects(dfe, None)), key=str):
        if str(s).startswith(ID + "authority/"):
            found.append(Authority(str(s).rsplit("/", 1)[1], str(g.value(s, label) or s)))
    return found, g


def _copy_reference(out: Path, chosen: set[str], authorities: Graph) -> list[GraphWriter]:
    """The reference graphs: the chosen authorities (plus regions and England), ECM outcomes, legislation."""
    writers = []
    auth = GraphWriter("authorities")
    for s, p, o in authorities:
        subject = str(s)
        if subject.startswith(ID + "authority/") and subject.rsplit("/", 1)[1] not in chosen:
            continue
        if isinstance(o, URIRef) and str(o).startswith(ID + "authority/") and str(o).rsplit("/", 1)[1] not in chosen:
            continue
        auth.add(s.n3(), p.n3(), o.n3())
    writers.append(auth)
    for name in ("ecm-outcomes", "legislation"):
        w = GraphWriter(name)
        for s, p, o in Graph().parse(REPO / "data" / "reference" / f"{name}.ttl"):
            w.add(s.n3(), p.n3(), o.n3())
        writers.append(w)
    return writers


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _date(year: int, month: int, day: int) -> str:
    return lit(f"{year:04d}-{month:02d}-{day:02d}", "date")


class ReportBuilder:
    """One synthetic committee report (a named graph) presenting one generation of a CYPP."""

    def __init__(self, rng: random.Random, auth: Authority, gen: int, indicators: list[str]) -> None:
        self.rng, self.auth, self.gen, self.indicators = rng, auth, gen, indicators
        self.start = 2006 + 3 * gen
        self.end = self.start + 3
        month, day = rng.randint(3, 11), rng.randint(1, 28)
        self.date = (self.start, month, day)
        self.slug = f"{auth.slug}-{self.start}-{month:02d}-{day:02d}-cabinet"
        self.plan = f"{auth.slug}-cypp-{self.start}-{self.end}"
        self.w = GraphWriter(self.slug)
        self.paragraphs: list[str] = []

    def para(self) -> str:
        """A paragraph of this report (IRI), chosen to carry a node's provenance."""
        return the("paragraph", self.rng.choice(self.paragraphs))

    def derived(self, n: int = 1) -> list[tuple[str, str]]:
        return [(iri(PROV + "wasDerivedFrom"), self.para()) for _ in range(n)]

    def build(self) -> GraphWriter:
        a, w, rng = self.auth, self.w, self.rng
        auth = the("authority", a.slug)
        n_paragraphs = rng.randint(18, 28)
        for i in range(1, n_paragraphs + 1):
            section, sub = divmod(i, 4)
            number = f"{section + 1}.{sub + 1}"
            slug = f"{self.slug}-p{section + 1}-{sub + 1}"
            self.paragraphs.append(slug)
            w.node(
                the("paragraph", slug),
                cyp("Paragraph"),
                [
                    (cyp("paragraphNumber"), lit(number)),
                    (iri(RDFS + "label"), lit(f"{number} {rng.choice(_WORDS).title()}")),
                    (iri(DCT + "isPartOf"), the("report", self.slug)),
                    (cyp("text"), lit(_sentence(rng, rng.randint(30, 70)))),
                ],
            )
        year, month, day = self.date
        meeting = f"{self.slug}-meeting"
        trust_meeting = f"{a.slug}-childrens-trust-board-{year}-{month - 2:02d}-01"
        people = [f"{a.slug}-officer-{self.gen}-{i}" for i in range(2)]
        w.node(
            the("report", self.slug),
            cyp("Report"),
            [
                (iri(DCT + "title"), lit(f"{a.label} Children and Young People's Plan {self.start}-{self.end}")),
                (iri(RDFS + "label"), lit(f"{a.label} Cabinet, {year}-{month:02d}-{day:02d}")),
                (iri(DCT + "date"), _date(year, month, day)),
                (iri(DCT + "creator"), auth),
                (iri(DCT + "subject"), the("plan", self.plan)),
                (cyp("sourceFile"), lit(f"seeds/{self.slug}.txt")),
                (cyp("presentedAt"), the("meeting", meeting)),
                (cyp("author"), the("person", people[0])),
                (cyp("contactOfficer"), the("person", people[1])),
                (iri(DCT + "description"), lit(_sentence(rng, 25))),
                *self.derived(2),
            ],
        )
        for i, person in enumerate(people):
            w.node(
                the("person", person),
                iri(FOAF + "Person"),
                [(iri(FOAF + "name"), lit(f"Officer {person}")), *self.derived()],
            )
            w.node(
                the("post", f"{person}-post"),
                iri(ORG + "Post"),
                [
                    (iri(RDFS + "label"), lit("Director of Children's Services" if i == 0 else "Planning Manager")),
                    (iri(ORG + "postIn"), auth),
                    (iri(ORG + "heldBy"), the("person", person)),
                    (iri(ORG + "role"), cyp("DirectorOfChildrensServicesRole" if i == 0 else "ContactOfficerRole")),
                    *self.derived(),
                ],
            )
        self._bodies_and_partners(auth)
        self._plan(auth)
        self._meetings(meeting, trust_meeting)
        self._consultation_risk_and_implications()
        return w

    def _bodies_and_partners(self, auth: str) -> None:
        a, w = self.auth, self.w
        w.node(
            the("board", f"{a.slug}-cabinet"),
            cyp("Cabinet"),
            [
                (iri(SKOS + "prefLabel"), lit(f"{a.label} Cabinet")),
                (iri(ORG + "subOrganizationOf"), auth),
                *self.derived(),
            ],
        )
        w.node(
            the("board", f"{a.slug}-childrens-trust-board"),
            cyp("ChildrensTrustBoard"),
            [
                (iri(SKOS + "prefLabel"), lit(f"{a.label} Children's Trust Board")),
                (cyp("authority"), auth),
                *self.derived(),
            ],
        )
        for slug, cls, label in _PARTNERS:
            w.node(
                the("organisation", f"{a.slug}-{slug}"),
                cyp(cls),
                [(iri(SKOS + "prefLabel"), lit(f"{a.label} {label}")), (cyp("authority"), auth), *self.derived()],
            )

    def _plan(self, auth: str) -> None:
        a, w, rng = self.auth, self.w, self.rng
        plan = the("plan", self.plan)
        scheme = f"{self.plan}-outcomes"
        outcomes = [f"{self.plan}-outcome-{i + 1}" for i in range(rng.randint(4, 6))]
        duty = f"{self.slug}-cypp-duty"
        props = [
            (iri(DCT + "title"), lit(f"{a.label} Children and Young People's Plan {self.start}-{self.end}")),
            (cyp("authority"), auth),
            (cyp("periodStart"), lit(self.start, "gYear")),
            (cyp("periodEnd"), lit(self.end, "gYear")),
            (cyp("status"), cyp("Approved" if self.gen < 2 else rng.choice(["Draft", "ForConsultation"]))),
            (cyp("ownedBy"), the("board", f"{a.slug}-childrens-trust-board")),
            (cyp("discharges"), the("duty", duty)),
            (cyp("legalBasis"), iri(CHILDREN_ACT_S17)),
            (cyp("outcomeFramework"), the("scheme", scheme)),
            (iri(DCT + "description"), lit(_sentence(rng, 30))),
            *[(cyp("hasOutcome"), the("outcome", o)) for o in outcomes],
            *self.derived(3),
        ]
        if self.gen:
            previous = f"{a.slug}-cypp-{self.start - 3}-{self.start}"
            props.append((cyp("supersedes"), the("plan", previous)))
        w.node(plan, cyp("ChildrenAndYoungPeoplesPlan"), props)
        w.node(
            the("duty", duty),
            cyp("StatutoryDuty"),
            [
                (iri(RDFS + "label"), lit("Produce a Children and Young People's Plan")),
                (iri(DCT + "description"), lit(_sentence(rng, 20))),
                (cyp("legalBasis"), iri(CHILDREN_ACT_S17)),
                (cyp("dutyHolder"), auth),
                (cyp("dutyStatus"), cyp("InForce")),
                *self.derived(),
            ],
        )
        w.node(
            the("scheme", scheme),
            cyp("OutcomeFramework"),
            [
                (iri(SKOS + "prefLabel"), lit(f"Outcomes of the {a.label} CYPP {self.start}-{self.end}")),
                *self.derived(),
            ],
        )
        for outcome in outcomes:
            w.node(
                the("outcome", outcome),
                cyp("Outcome"),
                [
                    (iri(SKOS + "prefLabel"), lit(_sentence(rng, 5))),
                    (iri(SKOS + "inScheme"), the("scheme", scheme)),
                    *self.derived(),
                ],
            )
        partners = [the("organisation", f"{a.slug}-{slug}") for slug, _, _ in _PARTNERS]
        for i in range(rng.randint(8, 12)):
            priority = f"{self.plan}-priority-{i + 1}"
            owners = rng.sample(partners, rng.randint(1, 4))
            measured = rng.sample(self.indicators, rng.randint(1, 2))
            w.node(
                the("priority", priority),
                cyp("Priority"),
                [
                    (iri(SKOS + "prefLabel"), lit(_sentence(rng, 6))),
                    (cyp("priorityOf"), plan),
                    (cyp("contributesTo"), the("outcome", rng.choice(outcomes))),
                    (cyp("leadPartner"), owners[0]),
                    *[(cyp("contributingPartner"), o) for o in owners[1:]],
                    *[(cyp("measuredBy"), the("indicator", m)) for m in measured],
                    *self.derived(),
                ],
            )
            w.node(
                the("action", f"{priority}-action"),
                cyp("Action"),
                [
                    (iri(RDFS + "label"), lit(_sentence(rng, 8))),
                    (cyp("actionFor"), the("priority", priority)),
                    (cyp("ownedBy"), owners[0]),
                    *self.derived(),
                ],
            )
            w.node(
                the("target", f"{priority}-target"),
                cyp("Target"),
                [
                    (cyp("targetFor"), the("indicator", measured[0])),
                    (cyp("value"), lit(f"{rng.uniform(1, 100):.1f}", "decimal")),
                    (cyp("year"), lit(self.end, "gYear")),
                    *self.derived(),
                ],
            )

    def _meetings(self, meeting: str, trust_meeting: str) -> None:
        a, w, rng = self.auth, self.w, self.rng
        year, month, day = self.date
        plan = the("plan", self.plan)
        w.node(
            the("meeting", trust_meeting),
            cyp("Meeting"),
            [
                (iri(RDFS + "label"), lit(f"{a.label} Children's Trust Board, {year}-{month - 2:02d}-01")),
                (cyp("body"), the("board", f"{a.slug}-childrens-trust-board")),
                (cyp("meetingDate"), _date(year, month - 2, 1)),
                (cyp("meetingStatus"), cyp("Held")),
                *self.derived(),
            ],
        )
        w.node(
            the("meeting", meeting),
            cyp("Meeting"),
            [
                (iri(RDFS + "label"), lit(f"{a.label} Cabinet, {year}-{month:02d}-{day:02d}")),
                (cyp("body"), the("board", f"{a.slug}-cabinet")),
                (cyp("meetingDate"), _date(year, month, day)),
                (cyp("meetingStatus"), cyp("Scheduled")),
                *self.derived(),
            ],
        )
        for i, (m, kind, status) in enumerate(
            [(trust_meeting, "AgreeDraftForConsultation", "Resolved"), (meeting, "Approve", "Recommended")]
        ):
            w.node(
                the("decision", f"{self.slug}-decision-{i + 1}"),
                cyp("Decision"),
                [
                    (cyp("madeAt"), the("meeting", m)),
                    (cyp("about"), plan),
                    (cyp("decisionKind"), cyp(kind)),
                    (cyp("decisionStatus"), cyp(status)),
                    (iri(DCT + "description"), lit(_sentence(rng, 12))),
                    *([(cyp("keyDecision"), lit("true", "boolean"))] if i else []),
                    *self.derived(),
                ],
            )
        pathway = f"{self.plan}-pathway"
        steps = [f"{pathway}-step-{i}" for i in (1, 2, 3)]
        w.node(
            the("pathway", pathway),
            cyp("GovernancePathway"),
            [(cyp("pathwayFor"), plan), *[(cyp("hasStep"), the("step", s)) for s in steps], *self.derived()],
        )
        consultation = f"{self.plan}-consultation"
        stops = [
            ("Children's Trust Board", ("meeting", trust_meeting), (year, month - 2, 1)),
            ("Consultation ends", ("consultation", consultation), (year, month - 1, 15)),
            ("Cabinet", ("meeting", meeting), (year, month, day)),
        ]
        for position, (step, (label, target, when)) in enumerate(zip(steps, stops, strict=True), start=1):
            link = cyp("stepMeeting") if target[0] == "meeting" else cyp("stepEvent")
            w.node(
                the("step", step),
                cyp("PathwayStep"),
                [
                    (iri(RDFS + "label"), lit(label)),
                    (cyp("position"), lit(position, "integer")),
                    (link, the(*target)),
                    (cyp("stepDate"), _date(*when)),
                    *self.derived(),
                ],
            )

    def _consultation_risk_and_implications(self) -> None:
        a, w, rng = self.auth, self.w, self.rng
        year, month, day = self.date
        plan = the("plan", self.plan)
        w.node(
            the("consultation", f"{self.plan}-consultation"),
            cyp("Consultation"),
            [
                (iri(RDFS + "label"), lit(f"Consultation on the {a.label} CYPP")),
                (cyp("consultationOn"), plan),
                (cyp("consultee"), lit("children and young people")),
                (cyp("consultee"), the("organisation", f"{a.slug}-schools")),
                (cyp("participantCount"), lit(rng.randint(50, 5000), "integer")),
                (cyp("countQualifier"), cyp(rng.choice(["Exact", "Approximately", "MoreThan"]))),
                (cyp("participantKind"), lit("children and young people")),
                (cyp("startDate"), lit(f"{year - 1:04d}-{rng.randint(1, 6):02d}", "gYearMonth")),
                (cyp("endDate"), lit(f"{year - 1:04d}-{rng.randint(7, 12):02d}", "gYearMonth")),
                *self.derived(),
            ],
        )
        for i in range(rng.randint(2, 4)):
            w.node(
                the("risk", f"{self.plan}-risk-{i + 1}"),
                cyp("Risk"),
                [
                    (iri(DCT + "title"), lit(_sentence(rng, 5))),
                    (iri(DCT + "description"), lit(_sentence(rng, 20))),
                    (cyp("mitigation"), lit(_sentence(rng, 15))),
                    (cyp("riskRating"), lit(f"{rng.choice('ABCD')}{rng.randint(1, 4)}")),
                    (cyp("riskTo"), plan),
                    *self.derived(),
                ],
            )
        w.node(
            the("assessment", f"{self.plan}-eia"),
            cyp("ImpactAssessment"),
            [
                (iri(RDFS + "label"), lit("Equality impact assessment")),
                (cyp("assessmentKind"), cyp("EqualityImpactAssessment")),
                (cyp("assesses"), plan),
                (cyp("assessmentStatus"), cyp("Done")),
                *self.derived(),
            ],
        )
        for area in ("Financial", "Legal", "Equalities", "Crime and Disorder", "Sustainability", "Human Rights"):
            slug = re.sub(r"[^a-z0-9]+", "-", area.lower())
            w.node(
                the("implication", f"{self.slug}-{slug}"),
                cyp("Implication"),
                [
                    (cyp("implicationOf"), the("report", self.slug)),
                    (cyp("implicationArea"), lit(area)),
                    (cyp("flag"), lit(rng.choice(["true", "false"]), "boolean")),
                    *self.derived(),
                ],
            )


def _indicators(rng: random.Random, count: int) -> tuple[GraphWriter, list[str], dict[str, str]]:
    """Indicators in the shape of `data/indicators/lait-indicators.ttl`, each with its Data Cube dataset."""
    w = GraphWriter("lait-indicators")
    slugs, polarity = [], {}
    w.node(the("scheme", "lait"), iri(SKOS + "ConceptScheme"), [(iri(SKOS + "prefLabel"), lit("LAIT measures"))])
    for i in range(count):
        slug = f"lait-synthetic-{i + 1:03d}"
        slugs.append(slug)
        polarity[slug] = _POLARITIES[i % 3]
        w.node(
            the("indicator", slug),
            cyp("Indicator"),
            [
                (iri(DCT + "publisher"), lit("DfE")),
                (iri(SKOS + "definition"), lit(_sentence(rng, 25))),
                (iri(SKOS + "inScheme"), the("scheme", "lait")),
                (iri(SKOS + "notation"), lit(f"SYN{i + 1:03d}")),
                (iri(SKOS + "prefLabel"), lit(_sentence(rng, 5))),
                (cyp("polarity"), cyp(polarity[slug])),
                (cyp("unit"), lit("Rate per 10,000 children")),
                (cyp("yearType"), lit("Financial Year")),
            ],
        )
        w.node(
            the("dataset", f"{slug}-dataset"),
            iri(QB + "DataSet"),
            [
                (iri(RDFS + "label"), lit(f"{slug} dataset")),
                (cyp("indicator"), the("indicator", slug)),
                (cyp("unit"), lit("Rate per 10,000 children")),
            ],
        )
    return w, slugs, polarity


def _neighbours(rng: random.Random, authorities: list[Authority]) -> GraphWriter:
    """Two statistical-neighbour models, ten nearest each (fewer when there are fewer authorities)."""
    w = GraphWriter("statistical-neighbours")
    for model in ("sn-2021", "sn-2025"):
        w.node(
            the("neighbour-model", model),
            cyp("StatisticalNeighbourModel"),
            [
                (iri(RDFS + "label"), lit(f"Statistical neighbours {model}")),
                (iri(DCT + "issued"), lit(model[-4:], "gYear")),
            ],
        )
        for a in authorities:
            others = rng.sample([b for b in authorities if b is not a], min(10, len(authorities) - 1))
            for rank, b in enumerate(others, start=1):
                w.node(
                    the("neighbour", f"{model}-{a.slug}-{rank:02d}"),
                    cyp("StatisticalNeighbourRelation"),
                    [
                        (cyp("closeness"), lit(rng.choice(["Extremely close", "Close", "Somewhat close"]))),
                        (cyp("closenessRank"), lit(rng.randint(1, 5), "integer")),
                        (cyp("neighbour"), the("authority", b.slug)),
                        (cyp("neighbourModel"), the("neighbour-model", model)),
                        (cyp("neighbourOf"), the("authority", a.slug)),
                        (cyp("neighbourRank"), lit(rank, "integer")),
                    ],
                )
    return w


def _observations(
    rng: random.Random, budget: int, authorities: list[Authority], indicators: list[str]
) -> Iterator[GraphWriter]:
    """Data Cube observations, one graph per indicator, until about `budget` triples are written."""
    written, areas = 0, [the("authority", a.slug) for a in authorities] + [iri(ENGLAND)]
    years = list(range(2010, 2026))
    for ind in indicators:
        if written >= budget:
            return
        w = GraphWriter(f"observations-{ind}")
        level = rng.uniform(5, 95)
        for year in years:
            for area in areas:
                if written + len(w.lines) >= budget:
                    break
                obs = the("observation", f"{ind}-{area.rsplit('/', 1)[1].rstrip('>').lower()}-{year}")
                props = [
                    (iri(QB + "dataSet"), the("dataset", f"{ind}-dataset")),
                    (cyp("indicator"), the("indicator", ind)),
                    (cyp("refArea"), area),
                    (cyp("refPeriod"), lit(str(year))),
                    (cyp("periodStartYear"), lit(year, "gYear")),
                    (iri(PROV + "wasDerivedFrom"), iri(SOURCE_TABLE)),
                ]
                if rng.random() < 0.03:
                    props.append((cyp("obsStatus"), cyp(rng.choice(_STATUSES))))
                else:
                    props.append((cyp("value"), lit(f"{level * rng.uniform(0.6, 1.4):.2f}", "decimal")))
                w.node(obs, iri(QB + "Observation"), props)
        written += len(w.lines)
        yield w


def generate(out_dir: Path, size: str, *, seed: int = 2004) -> GeneratedData:
    """Write the synthetic national graph of about SIZES[size] triples, one file per graph."""
    target = SIZES[size]
    rng = random.Random(f"{seed}-{size}")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.nt"):
        old.unlink()
    all_authorities, authorities_graph = reference_authorities()
    n_auth = max(3, min(MAX_AUTHORITIES, round(target * _REPORT_SHARE / _TRIPLES_PER_AUTHORITY)))
    authorities = sorted(rng.sample(all_authorities, n_auth), key=lambda a: a.slug)
    writers = _copy_reference(out_dir, {a.slug for a in authorities}, authorities_graph)
    indicator_graph, indicators, _ = _indicators(rng, 70 if target >= 100_000 else 20)
    writers += [indicator_graph, _neighbours(rng, authorities)]
    data = GeneratedData(out_dir, size, seed, 0, 0, authorities=[a.slug for a in authorities], indicators=indicators)
    for auth in authorities:
        for gen in range(3):
            report = ReportBuilder(random.Random(f"{seed}-{auth.slug}-{gen}"), auth, gen, indicators)
            writers.append(report.build())
            data.plans.append(report.plan)
            data.reports.append(report.slug)
    used = sum(len(w.lines) for w in writers)
    writers += list(_observations(rng, max(0, target - used), authorities, indicators))
    for w in writers:
        w.write(out_dir)
    data.triples = sum(len(w.lines) for w in writers)
    data.graphs = len(writers)
    (out_dir / "manifest.json").write_text(data.to_json(), encoding="utf-8")
    return data


def load_manifest(out_dir: Path) -> GeneratedData | None:
    """The manifest of an earlier run in `out_dir`, if there is one."""
    path = out_dir / "manifest.json"
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["out_dir"] = Path(raw["out_dir"])
    return GeneratedData(**raw)


def ensure_generated(out_dir: Path, size: str, *, seed: int = 2004) -> GeneratedData:
    """Reuse an earlier run with the same size, seed and generator version, or generate afresh."""
    found = load_manifest(out_dir)
    if found and (found.size, found.seed, found.version) == (size, seed, GENERATOR_VERSION):
        return found
    return generate(out_dir, size, seed=seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), default="10k")
    parser.add_argument("--seed", type=int, default=2004)
    args = parser.parse_args(argv)
    data = generate(args.out_dir, args.size, seed=args.seed)
    print(f"{data.triples:,} triples in {data.graphs} graphs ({len(data.authorities)} authorities) -> {data.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
