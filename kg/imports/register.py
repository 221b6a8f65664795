"""The national plans register: real councils' plans, read from public web pages, as one graph per page.

The register (`data/sources/register/`, its method in SOURCES.md) is five CSV files transcribed by
hand from council pages: plans, their priorities, the meetings that considered them, the partners
named with them, and what was found for each authority (coverage). Each fact row carries the URL of
the page it was read from. This module turns a register folder into graphs:

* one named graph per source URL (`register-{host}-{hash}`), holding a `cyp:WebPage` node (the URL
  as an IRI and the day it was read) and every fact read from that page, each `prov:wasDerivedFrom`
  it. A plan is identity only (class, title, authority); what the page says of it (title as written,
  period, status and its words, board, note) is a `cyp:PlanStatement` as at the day it was read.
  Every graph that mentions a plan repeats its identity, derived from its own page, so each graph
  stands on its own and the gate accepts the graphs in any order;
* `register-coverage`: what the register found for each current authority, as dated statements;
* the theme mapping (`register-themes`, see `kg.imports.themes`).

Incompleteness stays: an undated meeting has no date, a priority whose page names no owner has none,
a plan with no stated period has no period. Rows a companion file (`plan-kinds.csv`) lists as not
strictly a CYPP are `cyp:Plan`s with a `cyp:planKind`, not CYPPs. Notes saying a row is "possibly" or
"probably same as" another link the two with `skos:closeMatch`, never merge them. Rows that break the
register's own rules are reported with file, row, column, value and the fix, and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import queries as named_queries
from kg.config import REPO_ROOT
from kg.errors import InputError, ValidationFailed
from kg.imports.extract.lexicon import load_lexicon
from kg.imports.workbook import Problem, WorkbookInvalid
from kg.namespaces import CYP, DCTERMS, GRAPH, ID, ORG, PREFIXES, PROV, SCHEMA, SKOS
from kg.ontology.files import load_ontology
from kg.ontology.vocabulary import Concept, concepts, lookup, notations
from kg.store.protocol import Store
from kg.store.terms import date_literal
from kg.validation.gate import check_write, drop, write_graph
from kg.validation.shapes import ValidationReport

SOURCE_DIR = REPO_ROOT / "data" / "sources" / "register"
"""The register as the repository holds it (a copy of the shared register, with its companions)."""
OUTPUT_DIR = REPO_ROOT / "data" / "register"
"""Where the register's graphs are committed, one Turtle file per graph, loaded by `cypkg load`."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "plans.csv": (
        "council",
        "gss_code",
        "dfe_la_code",
        "plan_title",
        "period_start",
        "period_end",
        "partnership_or_board",
        "status_as_stated",
        "source_url",
        "note",
    ),
    "priorities.csv": ("council", "plan_title", "kind", "ordinal", "name", "lead_or_owner", "source_url"),
    "meetings.csv": (
        "council",
        "plan_title",
        "body",
        "date",
        "item_or_minute_number",
        "what_was_decided_or_recommended",
        "decision_taken",
        "source_url",
    ),
    "partners.csv": ("council", "plan_title", "organisation", "role_as_stated", "source_url"),
    "coverage.csv": ("council", "gss_code", "dfe_la_code", "in_register", "note"),
    "plan-kinds.csv": ("council", "plan_title", "kind", "flagged_by"),
}
"""Each file's header, in order; plan-kinds.csv is the register's companion (the folder's, or the repository's)."""

REGISTER_FILES = ("plans.csv", "priorities.csv", "meetings.csv", "partners.csv", "coverage.csv")
COMPANIONS = ("plan-kinds.csv",)
NO_URL = "no-url"
"""What the register writes in source_url when the page's address was not recorded."""
UNCLEAR = "unclear"
"""The register's decision_taken word for a page that stops before the outcome or is silent: no status."""


@cache
def decision_status_words() -> dict[str, URIRef | None]:
    """The register's decision_taken words (SOURCES.md, "Rules of transcription") and the status each means:
    yes and no as the ontology's register notations of DecisionStatusScheme give them, and unclear for none."""
    words = notations("DecisionStatusScheme", "RegisterNotation")
    return {**{w: c.iri for w, c in words.items()}, UNCLEAR: None}


COVERAGE_ANSWERS = {"yes": True, "no": False}
GRAPH_PREFIX = "register"
COVERAGE_GRAPH = "register-coverage"
THEMES_GRAPH = "register-themes"
REGISTER_SOURCE = ID["source/plans-register"]

_GSS = re.compile(r"^E(0[6-9]|10)\d{6}$")
_GSS_IN_TEXT = re.compile(r"\bE(?:0[6-9]|10)\d{6}\b")
_DFE = re.compile(r"^\d{3}$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_SAME_AS = re.compile(r"\b(possibly|probably) same as\s+(?P<other>[^;]+)", re.IGNORECASE)
_UNNAMED = re.compile(r"\bnot named\b|\bname not given\b", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
SAME_AS_THRESHOLD = 80
"""How close (rapidfuzz partial token-set ratio, 0-100) a note's "same as …" must be to another plan of the council."""


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One CSV row: its file, its line as a spreadsheet shows it (the header is row 1) and its cells."""

    file: str
    number: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def plan_key(self) -> tuple[str, str]:
        return self["council"], self["plan_title"]


@dataclass(frozen=True)
class Authority:
    """A local authority of the reference data, as the register joins to it by GSS code."""

    iri: URIRef
    slug: str
    gss: str
    dfe: str
    label: str


def reference_authorities(store: Store) -> dict[str, Authority]:
    """Every local authority in the store, by GSS code (named query `register_authorities`)."""
    found: dict[str, Authority] = {}
    for row in named_queries.run(store, "register_authorities"):
        iri = URIRef(str(row["authority"]))
        gss = str(row["gss"])
        found[gss] = Authority(iri, str(iri).rsplit("/", 1)[-1], gss, str(row.get("dfe", "")), str(row["label"]))
    return found


@dataclass
class Register:
    """A register folder, read and checked: its rows by file and the day its pages were read."""

    folder: Path
    date_read: date
    rows: dict[str, list[Row]]
    plan_kinds: dict[tuple[str, str], Concept] = field(default_factory=dict)

    def plans(self) -> list[Row]:
        return self.rows["plans.csv"]


def _read_csv(path: Path, name: str) -> list[Row]:
    """A register file as rows; a file that cannot be read, or whose header is not the register's, is refused."""
    expected = COLUMNS[name]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(
            f"the register folder has no {name}", file=str(path), hint=f"the folder needs {', '.join(REGISTER_FILES)}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (byte {exc.start})", file=str(path), hint="save the file as UTF-8 CSV"
        ) from exc
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise InputError(f"{name} is empty", file=str(path), line=1, hint=f"its first row is {','.join(expected)}")
    if tuple(h.strip() for h in header) != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not expected {', '.join(extra)}" if extra else "",
                "columns out of order" if not missing and not extra else "",
            )
            if part
        )
        raise InputError(
            f"{name} does not have the register's columns ({detail})",
            file=str(path),
            line=1,
            hint=f"the header row must be exactly {','.join(expected)}",
        )
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(expected):
            raise InputError(
                f"{name} row {number} has {len(cells)} cells, not {len(expected)}",
                file=str(path),
                line=number,
                hint='quote any value that holds a comma ("a, b"), as the rest of the file does',
            )
        rows.append(Row(name, number, {c: v.strip() for c, v in zip(expected, cells, strict=True)}))
    return rows


def _date_read(folder: Path, given: date | None) -> date:
    """The day the register's pages were read: given, or the first ISO date its SOURCES.md states."""
    if given is not None:
        return given
    sources = folder / "SOURCES.md"
    if sources.is_file():
        found = _ISO_DATE.search(sources.read_text(encoding="utf-8"))
        if found:
            return date.fromisoformat(found.group(1))
    raise InputError(
        "the day the register's pages were read is not known",
        file=str(sources),
        hint="keep the register's SOURCES.md (it says when the pages were read), or pass --date-read yyyy-mm-dd",
    )


def _companion(folder: Path, name: str) -> Path:
    """A companion file from the register folder, or the repository's copy when the folder has none."""
    own = folder / name
    return own if own.is_file() else SOURCE_DIR / name


def read_register(folder: Path, authorities: dict[str, Authority], *, date_read: date | None = None) -> Register:
    """Read and check a register folder; every broken row is reported at once, and any refuses the import."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(
            f"{folder} is not a folder", file=str(folder), hint=f"give the folder holding {', '.join(REGISTER_FILES)}"
        )
    rows = {name: _read_csv(folder / name, name) for name in REGISTER_FILES}
    rows["plan-kinds.csv"] = _read_csv(_companion(folder, "plan-kinds.csv"), "plan-kinds.csv")
    register = Register(folder, _date_read(folder, date_read), rows)
    problems = list(_check(register, authorities))
    if problems:
        raise WorkbookInvalid(problems, file=str(folder))
    return register


def _problem(row: Row, column: str, message: str, fix: str) -> Problem:
    return Problem("Violation", row.file, row.number, column, row[column], message, fix)


def _check(register: Register, authorities: dict[str, Authority]) -> Iterator[Problem]:
    """Every row that breaks the register's rules (SOURCES.md), with where it is and how to fix it."""
    plans: dict[tuple[str, str], Row] = {}
    for row in register.rows["plans.csv"]:
        yield from _check_required(row, ("council", "plan_title"))
        yield from _check_codes(row, authorities)
        if row.plan_key in plans:
            yield _problem(
                row,
                "plan_title",
                f"the council already has a plan with this title (row {plans[row.plan_key].number})",
                "several pages about one plan share one plan row: merge the rows, or tell the plans apart in the title",
            )
        plans.setdefault(row.plan_key, row)
        yield from _check_period(row)
        yield from _check_url(row)
    for name in ("priorities.csv", "meetings.csv", "partners.csv"):
        for row in register.rows[name]:
            if row.plan_key not in plans:
                yield _problem(
                    row,
                    "plan_title",
                    f"no plan of {row['council']!r} in plans.csv has this title",
                    "rows join on (council, plan_title): copy both exactly from the plan's row in plans.csv",
                )
            yield from _check_url(row)
    for row in register.rows["priorities.csv"]:
        yield from _check_required(row, ("name",))
        if _priority_kind(row["kind"]) is None:
            words = ", ".join(c.pref_label.lower() for c in concepts("PriorityKindScheme"))
            yield _problem(row, "kind", "not a kind of priority the register uses", f"write one of: {words}")
    for row in register.rows["meetings.csv"]:
        yield from _check_required(row, ("body",))
        if row["date"] and date_literal(row["date"]) is None:
            yield _problem(
                row,
                "date",
                "not a date",
                "write the date at the precision printed (yyyy-mm-dd, yyyy-mm or yyyy); leave it empty if none is",
            )
        if row["decision_taken"] not in decision_status_words():
            yield _problem(row, "decision_taken", "not yes, no or unclear", "write yes, no or unclear (SOURCES.md)")
    for row in register.rows["partners.csv"]:
        yield from _check_required(row, ("organisation",))
    yield from _check_coverage(register.rows["coverage.csv"], authorities)
    for row in register.rows["plan-kinds.csv"]:
        kind = lookup("PlanKindScheme", row["kind"])
        if row.plan_key not in plans:
            yield _problem(
                row,
                "plan_title",
                "plan-kinds.csv names a plan that plans.csv does not have",
                "copy council and plan_title exactly from plans.csv, or remove the row",
            )
        elif kind is None:
            words = ", ".join(c.pref_label.lower() for c in concepts("PlanKindScheme"))
            yield _problem(row, "kind", "not a kind of plan in cyp:PlanKindScheme", f"write one of: {words}")
        else:
            register.plan_kinds[row.plan_key] = kind
    for row in register.rows["plans.csv"]:
        same = _SAME_AS.search(row["note"])
        if same and _same_as_target(row, same.group("other"), register.rows["plans.csv"]) is None:
            yield _problem(
                row,
                "note",
                f"the note says it may be the same as {same.group('other').strip()!r}, but no other plan of the "
                "council has a title like that",
                "name the other plan by (part of) its title as plans.csv writes it",
            )


def _check_required(row: Row, columns: Iterable[str]) -> Iterator[Problem]:
    for column in columns:
        if not row[column]:
            yield _problem(row, column, "is empty", f"every row of {row.file} needs a {column}")


def _check_codes(row: Row, authorities: dict[str, Authority]) -> Iterator[Problem]:
    gss, dfe = row["gss_code"], row["dfe_la_code"]
    if not gss:
        if dfe:
            yield _problem(
                row, "dfe_la_code", "a DfE code without a GSS code", "give both codes from the DfE table, or neither"
            )
        return
    if not _GSS.match(gss):
        yield _problem(
            row, "gss_code", "not a GSS code of an English authority", "write the nine-character code, e.g. E06000035"
        )
        return
    authority = authorities.get(gss)
    if authority is None:
        yield _problem(
            row,
            "gss_code",
            "no local authority of the reference data has this GSS code",
            "check the code against data/reference/authorities.ttl (the DfE table in data/sources/reference/)",
        )
        return
    if not _DFE.match(dfe):
        yield _problem(
            row, "dfe_la_code", "not a three-digit DfE code", f"{authority.label}'s DfE code is {authority.dfe}"
        )
    elif authority.dfe and dfe != authority.dfe:
        yield _problem(
            row,
            "dfe_la_code",
            f"{gss} is {authority.label}, whose DfE code is {authority.dfe}",
            "correct whichever code is wrong: the two must name the same authority",
        )


def _check_period(row: Row) -> Iterator[Problem]:
    start, end = row["period_start"], row["period_end"]
    for column in ("period_start", "period_end"):
        if row[column] and not _YEAR.match(row[column]):
            yield _problem(row, column, "not a year", "write the year as printed, e.g. 2019; leave it empty if none is")
    if _YEAR.match(start) and _YEAR.match(end) and int(end) < int(start):
        yield _problem(row, "period_end", f"the period ends before it starts ({start})", "check the years on the page")


def _check_url(row: Row) -> Iterator[Problem]:
    url = row["source_url"]
    if url != NO_URL and not _URL.match(url):
        yield _problem(
            row,
            "source_url",
            "not a web address",
            f"write the page's full http(s) address, or {NO_URL} if it was not recorded (say how to find it in note)",
        )


def _check_coverage(rows: list[Row], authorities: dict[str, Authority]) -> Iterator[Problem]:
    seen: dict[str, Row] = {}
    for row in rows:
        yield from _check_required(row, ("council", "gss_code"))
        yield from _check_codes(row, authorities)
        if row["gss_code"] in seen:
            yield _problem(
                row, "gss_code", f"the authority is already on row {seen[row['gss_code']].number}", "keep one row each"
            )
        seen.setdefault(row["gss_code"], row)
        answer = row["in_register"]
        if answer not in COVERAGE_ANSWERS:
            yield _problem(row, "in_register", "not yes or no", "write yes or no")
        elif not COVERAGE_ANSWERS[answer] and _coverage_finding(row) is None:
            words = "; ".join(w for c in concepts("CoverageFindingScheme") for w in c.alt_labels)
            yield _problem(
                row, "note", "does not say what the pages showed instead", f"start the note with one of: {words}"
            )


# --- small rules -----------------------------------------------------------------------------------


def _priority_kind(word: str) -> Concept | None:
    return lookup("PriorityKindScheme", word)


def _coverage_finding(row: Row) -> Concept | None:
    if COVERAGE_ANSWERS.get(row["in_register"]):
        return lookup("CoverageFindingScheme", "plans found")
    return lookup("CoverageFindingScheme", row["note"].split(";", 1)[0])


def _plan_status(stated: str) -> Concept | None:
    """The status concept the page's words begin with ("published (PDF on page)" is Published), if any."""
    first = re.split(r"[\s;,(]", stated.strip(), maxsplit=1)[0] if stated.strip() else ""
    return lookup("PlanStatusScheme", first) if first else None


def slug(text: str, limit: int = 60) -> str:
    """Lower-case letters, digits and hyphens, cut at a hyphen to at most `limit` characters."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "").replace("&", " and ")).strip("-")
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return words or "x"


def graph_name(url: str, plan_slug: str) -> str:
    """The named graph of a source page: `register-{host}-{hash of the URL}` (`register-no-url-{plan}` without one)."""
    if url == NO_URL:
        return f"{GRAPH_PREFIX}-no-url-{plan_slug}"
    host = slug(urlsplit(url).netloc.removeprefix("www."), 30)
    return f"{GRAPH_PREFIX}-{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"


def _same_as_target(row: Row, words: str, plans: list[Row]) -> Row | None:
    """The council's other plan that a "possibly/probably same as …" note names (best title match, if close)."""
    others = [p for p in plans if p["council"] == row["council"] and p is not row]
    if not others:
        return None
    wanted = words.strip().strip("'\"").removesuffix(" plan").strip()
    best = process.extractOne(wanted, [p["plan_title"] for p in others], scorer=fuzz.partial_token_set_ratio)
    if best is None or best[1] < SAME_AS_THRESHOLD:
        return None
    return others[best[2]]


# --- building the graphs ---------------------------------------------------------------------------


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


@cache
def _ontology_terms() -> frozenset[URIRef]:
    return frozenset(s for s in load_ontology().subjects() if isinstance(s, URIRef) and s.startswith(str(CYP)))


def _organisation_kind(name: str, *, as_body: bool) -> tuple[str, URIRef]:
    """The id kind and class of a body or partner from its name, read from the extractor's lexicon.

    The last words of the name decide ("Young People Overview and Scrutiny Committee" is a scrutiny
    committee, "Kent County Council Committee" is not the full council); words in brackets are
    left out; a name the page does not give ("the Committee (name not given)") stays a plain body.
    A partner is never typed as a council's own meeting body: "Sefton Council" or "Youth Cabinet"
    named as a partner is an organisation, not the full council or the cabinet.
    """
    lexicon = load_lexicon()
    words = " " + _PARENTHETICAL.sub("", name).lower().replace("&", "and").replace("’", "'").strip()
    plain = ("board", CYP.Body) if as_body else ("organisation", ORG.Organization)
    if _UNNAMED.search(name):
        return plain
    order = ("body", "partner") if as_body else ("partner", "body")
    for kind in order:
        pairs = sorted(lexicon.phrases.get(kind, []), key=lambda cp: -len(cp[1]))
        for concept_name, phrase in pairs:
            if not words.endswith(" " + phrase):
                continue
            cls = CYP[concept_name]
            if not as_body and cls in _MEETING_BODIES:
                continue
            if cls in _ontology_terms():
                return ("board" if kind == "body" else "organisation"), cls
            return plain
    return plain


_MEETING_BODIES = frozenset({CYP.FullCouncil, CYP.Cabinet, CYP.CabinetMember})


@dataclass
class _Plan:
    """What every graph that mentions a plan says of its identity."""

    iri: URIRef
    slug: str
    title: str
    authority: Authority | None
    council_slug: str
    kind: Concept | None


class RegisterBuilder:
    """Builds the register's graphs: one per source page, plus the coverage graph."""

    def __init__(self, register: Register, authorities: dict[str, Authority]) -> None:
        self.register = register
        self.authorities = authorities
        self.date_read = Literal(register.date_read.isoformat(), datatype=XSD.date)
        self.graphs: dict[str, Graph] = {}
        self.plans: dict[tuple[str, str], _Plan] = {}
        self._slugs: set[str] = set()
        self.priorities: list[tuple[str, str, str]] = []
        """(priority id, council as written, wording) in the register's order, for the theme mapper."""
        self._ids: dict[str, set[str]] = defaultdict(set)
        for row in register.plans():
            self.plans[row.plan_key] = self._plan(row)
        self._bodies = {
            (self.plans[r.plan_key].council_slug, _PARENTHETICAL.sub("", r["body"]).strip().lower())
            for r in register.rows["meetings.csv"]
        }

    # identity ------------------------------------------------------------------------------------

    def _authority(self, row: Row) -> Authority | None:
        """By the row's GSS code; for a body the register gives none, a code its note names (if referenced)."""
        if row["gss_code"]:
            return self.authorities[row["gss_code"]]
        for code in _GSS_IN_TEXT.findall(row["note"]):
            if code in self.authorities:
                return self.authorities[code]
        return None

    def _plan(self, row: Row) -> _Plan:
        authority = self._authority(row)
        council_slug = authority.slug if authority else slug(_PARENTHETICAL.sub("", row["council"]), 40)
        council = _PARENTHETICAL.sub("", row["council"]).strip().lower()
        # "(Barnet)" or "(Rotherham; plan on a page)" only says whose plan it is, which the id starts with.
        words = re.sub(
            r"\s*\(([^)]*)\)", lambda m: "" if council in m.group(1).lower() else m.group(0), row["plan_title"]
        )
        title = slug(words.strip("[] "), 60)
        title = title.removeprefix(council_slug + "-").removesuffix("-" + council_slug) or title
        base = f"{council_slug}-{title}"
        plan_slug, n = base, 2
        while plan_slug in self._slugs:
            plan_slug, n = f"{base}-{n}", n + 1
        self._slugs.add(plan_slug)
        kind = self.register.plan_kinds.get(row.plan_key)
        return _Plan(ID[f"plan/{plan_slug}"], plan_slug, row["plan_title"], authority, council_slug, kind)

    def _unique(self, kind: str, wanted: str) -> URIRef:
        """An id of `kind` not yet used by this build (…-2, …-3 for a second row that would share it)."""
        candidate, n = wanted, 2
        while candidate in self._ids[kind]:
            candidate, n = f"{wanted}-{n}", n + 1
        self._ids[kind].add(candidate)
        return ID[f"{kind}/{candidate}"]

    # graphs --------------------------------------------------------------------------------------

    def _page(self, row: Row) -> tuple[Graph, URIRef, str]:
        """The graph of the row's page and its source node, made on first use."""
        plan = self.plans[row.plan_key]
        url = row["source_url"]
        name = graph_name(url, plan.slug)
        g = self.graphs.get(name)
        if url == NO_URL:
            source = ID[f"source/{name}"]
            if g is None:
                g = self.graphs[name] = _new_graph()
                g.add((source, RDF.type, CYP.RegisterEntry))
                g.add(
                    (
                        source,
                        RDFS.label,
                        Literal(f"A page the plans register read for {plan.title!r} without recording its address"),
                    )
                )
                g.add((source, CYP.dateRead, self.date_read))
                g.add((source, DCTERMS.isPartOf, REGISTER_SOURCE))
            plan_row = next(p for p in self.register.plans() if p.plan_key == row.plan_key)
            if plan_row["note"]:
                g.add((source, CYP.locator, Literal(plan_row["note"])))
            return g, source, name
        source = ID[f"webpage/{name}"]
        if g is None:
            g = self.graphs[name] = _new_graph()
            g.add((source, RDF.type, CYP.WebPage))
            g.add((source, SCHEMA.url, URIRef(url)))
            g.add((source, CYP.dateRead, self.date_read))
        return g, source, name

    def _identity(self, g: Graph, plan: _Plan, source: URIRef) -> None:
        g.add((plan.iri, RDF.type, CYP.Plan if plan.kind else CYP.ChildrenAndYoungPeoplesPlan))
        g.add((plan.iri, DCTERMS.title, Literal(plan.title)))
        if plan.authority is not None:
            g.add((plan.iri, CYP.authority, plan.authority.iri))
        if plan.kind is not None:
            g.add((plan.iri, CYP.planKind, plan.kind.iri))
        g.add((plan.iri, PROV.wasDerivedFrom, source))

    def _organisation(self, g: Graph, plan: _Plan, name: str, source: URIRef, *, as_body: bool) -> URIRef:
        """A body or partner as the page names it, scoped to the plan's council (per meeting if unnamed)."""
        key = _PARENTHETICAL.sub("", name).strip().lower()
        id_kind, cls = _organisation_kind(name, as_body=as_body or (plan.council_slug, key) in self._bodies)
        node = ID[f"{id_kind}/{plan.council_slug}-{slug(name, 60)}"]
        g.add((node, RDF.type, cls))
        g.add((node, SKOS.prefLabel, Literal(name)))
        g.add((node, PROV.wasDerivedFrom, source))
        return node

    def build(self) -> dict[str, Graph]:
        """Every graph of the register, by name."""
        for row in self.register.plans():
            self._add_plan(row)
        for row in self.register.rows["priorities.csv"]:
            self._add_priority(row)
        for row in self.register.rows["meetings.csv"]:
            self._add_meeting(row)
        for row in self.register.rows["partners.csv"]:
            self._add_partner(row)
        self.graphs[COVERAGE_GRAPH] = self._coverage()
        return self.graphs

    def _add_plan(self, row: Row) -> None:
        plan = self.plans[row.plan_key]
        g, source, name = self._page(row)
        self._identity(g, plan, source)
        statement = ID[f"statement/{name}-{plan.slug}"]
        g.add((statement, RDF.type, CYP.PlanStatement))
        g.add((statement, CYP.describes, plan.iri))
        g.add((statement, CYP.asAt, self.date_read))
        g.add((statement, DCTERMS.title, Literal(row["plan_title"])))
        g.add((statement, CYP.councilAsWritten, Literal(row["council"])))
        if row["period_start"] or row["period_end"]:
            period = "-".join(p for p in (row["period_start"], row["period_end"]) if p)
            g.add((statement, CYP.periodText, Literal(period)))
        for column, prop in (("period_start", CYP.periodStart), ("period_end", CYP.periodEnd)):
            if row[column]:
                g.add((statement, prop, Literal(row[column], datatype=XSD.gYear)))
        if row["status_as_stated"]:
            g.add((statement, CYP.statusText, Literal(row["status_as_stated"])))
            status = _plan_status(row["status_as_stated"])
            if status is not None:
                g.add((statement, CYP.status, status.iri))
        if row["partnership_or_board"]:
            g.add((statement, CYP.boardAsWritten, Literal(row["partnership_or_board"])))
        if row["note"]:
            g.add((statement, DCTERMS.description, Literal(row["note"])))
        g.add((statement, PROV.wasDerivedFrom, source))
        same = _SAME_AS.search(row["note"])
        if same:
            other = _same_as_target(row, same.group("other"), self.register.plans())
            if other is not None:
                g.add((plan.iri, SKOS.closeMatch, self.plans[other.plan_key].iri))
        for twin in self.register.plans():
            if twin is not row and twin["plan_title"] == row["plan_title"] and twin["source_url"] == row["source_url"]:
                # One page naming one plan for two councils (a bi-borough plan): the same plan, written twice.
                g.add((plan.iri, SKOS.exactMatch, self.plans[twin.plan_key].iri))

    def _add_priority(self, row: Row) -> None:
        plan = self.plans[row.plan_key]
        g, source, _ = self._page(row)
        self._identity(g, plan, source)
        node = self._unique("priority", f"{plan.slug}-{slug(row['name'], 40)}")
        self.priorities.append((str(node).rsplit("/", 1)[-1], row["council"], row["name"]))
        g.add((node, RDF.type, CYP.Priority))
        g.add((node, SKOS.prefLabel, Literal(row["name"])))
        g.add((node, CYP.priorityOf, plan.iri))
        kind = _priority_kind(row["kind"])
        if kind is not None:
            g.add((node, CYP.priorityKind, kind.iri))
        if row["ordinal"]:
            g.add((node, SKOS.notation, Literal(row["ordinal"])))
        owner = row["lead_or_owner"]
        if owner and _PARENTHETICAL.search(owner):
            # "Somerset Youth Forum (suggested)": the words qualify the name; they do not say it owns the priority.
            g.add((node, CYP.ownerText, Literal(owner)))
        elif owner:
            g.add((node, CYP.ownedBy, self._organisation(g, plan, owner, source, as_body=False)))
        g.add((node, PROV.wasDerivedFrom, source))

    def _add_meeting(self, row: Row) -> None:
        plan = self.plans[row.plan_key]
        g, source, name = self._page(row)
        self._identity(g, plan, source)
        body = self._organisation(g, plan, row["body"], source, as_body=True)
        when = date_literal(row["date"]) if row["date"] else None
        body_slug = str(body).rsplit("/", 1)[-1]
        tail = row["date"] if when is not None else name.rsplit("-", 1)[-1]
        meeting = self._unique("meeting", f"{body_slug}-{tail}")
        g.add((meeting, RDF.type, CYP.Meeting))
        g.add((meeting, CYP.body, body))
        if when is not None:
            g.add((meeting, CYP.meetingDate, when))
        g.add((meeting, PROV.wasDerivedFrom, source))
        decision = ID[f"decision/{str(meeting).rsplit('/', 1)[-1]}"]  # one row: one meeting, one decision
        g.add((decision, RDF.type, CYP.Decision))
        g.add((decision, CYP.madeAt, meeting))
        g.add((decision, CYP.about, plan.iri))
        # Every meetings row is "a meeting at which a plan was considered" (SOURCES.md); what the body did
        # is the register's paraphrase, kept as a description, with whether a decision was recorded.
        g.add((decision, CYP.decisionKind, CYP.Consider))
        status = decision_status_words()[row["decision_taken"]]
        if status is not None:
            g.add((decision, CYP.decisionStatus, status))
        g.add((decision, CYP.statusText, Literal(row["decision_taken"])))
        g.add((decision, DCTERMS.description, Literal(row["what_was_decided_or_recommended"])))
        if row["item_or_minute_number"]:
            g.add((decision, CYP.minuteNumber, Literal(row["item_or_minute_number"])))
        g.add((decision, PROV.wasDerivedFrom, source))

    def _add_partner(self, row: Row) -> None:
        plan = self.plans[row.plan_key]
        g, source, name = self._page(row)
        self._identity(g, plan, source)
        partner = self._organisation(g, plan, row["organisation"], source, as_body=False)
        g.add((plan.iri, CYP.stakeholder, partner))
        statement = self._unique("statement", f"{name}-{plan.slug}-{str(partner).rsplit('/', 1)[-1]}"[:150])
        g.add((statement, RDF.type, CYP.PartnerStatement))
        g.add((statement, CYP.describes, plan.iri))
        g.add((statement, CYP.partner, partner))
        g.add((statement, CYP.asAt, self.date_read))
        if row["role_as_stated"]:
            g.add((statement, CYP.roleText, Literal(row["role_as_stated"])))
        g.add((statement, PROV.wasDerivedFrom, source))

    def _coverage(self) -> Graph:
        g = _new_graph()
        g.add((REGISTER_SOURCE, RDF.type, CYP.ReferenceSource))
        g.add((REGISTER_SOURCE, DCTERMS.title, Literal("Register of English Children and Young People's Plans")))
        g.add(
            (
                REGISTER_SOURCE,
                DCTERMS.description,
                Literal(
                    "Facts about real plans transcribed by hand from public council, partnership and news pages, "
                    "each row with its source URL; coverage.csv says what was found for each current authority."
                ),
            )
        )
        g.add((REGISTER_SOURCE, DCTERMS.created, self.date_read))
        g.add((REGISTER_SOURCE, CYP.sourceFile, Literal("data/sources/register/SOURCES.md")))
        for row in self.register.rows["coverage.csv"]:
            authority = self.authorities[row["gss_code"]]
            node = ID[f"statement/{COVERAGE_GRAPH}-{authority.slug}"]
            g.add((node, RDF.type, CYP.CoverageStatement))
            g.add((node, CYP.coverageOf, authority.iri))
            g.add((node, CYP.asAt, self.date_read))
            g.add((node, CYP.inRegister, Literal(COVERAGE_ANSWERS[row["in_register"]])))
            finding = _coverage_finding(row)
            if finding is not None:
                g.add((node, CYP.coverageFinding, finding.iri))
            if row["note"]:
                g.add((node, DCTERMS.description, Literal(row["note"])))
            g.add((node, PROV.wasDerivedFrom, REGISTER_SOURCE))
        return g


def build_graphs(register: Register, authorities: dict[str, Authority]) -> dict[str, Graph]:
    """The register as named graphs: one per source page and the coverage graph."""
    return RegisterBuilder(register, authorities).build()


# --- the import and the committed files ------------------------------------------------------------


@dataclass
class RegisterImport:
    """What an import did (or would do): the graphs, which of them change, and the gate's report on them."""

    graphs: dict[str, Graph]
    changed: list[str]
    dropped: list[str]
    report: ValidationReport | None

    @property
    def unchanged(self) -> list[str]:
        return sorted(set(self.graphs) - set(self.changed))


def register_graphs(
    folder: Path, authorities: dict[str, Authority], *, date_read: date | None = None
) -> dict[str, Graph]:
    """Every graph a register folder makes: its pages, its coverage and its theme mapping."""
    from kg.imports.themes import theme_mapping_graph

    register = read_register(folder, authorities, date_read=date_read)
    graphs = build_graphs(register, authorities)
    graphs[THEMES_GRAPH] = theme_mapping_graph(folder, graphs, register.date_read)
    return graphs


def is_register_graph(name: str) -> bool:
    """Whether a named graph is one the register import owns (and may replace or drop)."""
    return "/" not in name and (name == GRAPH_PREFIX or name.startswith(GRAPH_PREFIX + "-"))


def import_register(
    store: Store, folder: Path, *, dry_run: bool = False, date_read: date | None = None
) -> RegisterImport:
    """Make the store's register graphs those of `folder`, through the SHACL gate, all or nothing.

    Rows are checked first (any broken row refuses the import before the store is touched). Then the
    gate judges every graph that would change, together, as the store would hold them; a Violation
    refuses the whole import. Only graphs whose content differs are written, so importing the same
    register twice changes nothing; register graphs the folder no longer makes are dropped.
    """
    authorities = reference_authorities(store)
    graphs = register_graphs(folder, authorities, date_read=date_read)
    existing = {str(g).removeprefix(str(GRAPH)) for g in store.graphs()}
    changed = [name for name in sorted(graphs) if name not in existing or set(store.graph(name)) != set(graphs[name])]
    dropped = sorted(n for n in existing if is_register_graph(n) and n not in graphs)
    report = None
    if changed:
        union = Graph()
        for name in changed:
            union += graphs[name]
        report = check_write(store, GRAPH_PREFIX, union, mode="replace")
        if not report.conforms:
            raise ValidationFailed(report, graph=f"{GRAPH_PREFIX} ({len(changed)} graphs)")
    if not dry_run:
        _write_all(store, {name: graphs[name] for name in changed}, dropped)
    return RegisterImport(graphs, changed, dropped, report)


def _write_all(store: Store, graphs: dict[str, Graph], dropped: list[str]) -> None:
    """Write each graph through the gate; if one is refused after all, put back what was written before it."""
    before = {name: store.graph(name) for name in [*graphs, *dropped] if str(GRAPH[name]) in store.graphs()}
    done: list[str] = []
    try:
        for name, graph in graphs.items():
            write_graph(store, name, graph, mode="replace")
            done.append(name)
        for name in dropped:
            drop(store, name)
            done.append(name)
    except BaseException:
        for name in done:
            if name in before:
                store.put_graph(name, before[name])
            else:
                store.drop_graph(name)
        raise


def reference_store(reference: Path = REPO_ROOT / "data" / "reference" / "authorities.ttl") -> Store:
    """A small store of the reference authorities, to build the committed files without a full store."""
    from kg.store.embedded import OxigraphStore
    from kg.store.rdf_io import RdfSource

    store = OxigraphStore()
    store.load_sources([RdfSource(reference, "authorities")], infer=False)
    return store


HEADER = (
    "# Generated by `cypkg register build` from data/sources/register/ (the plans register; see its SOURCES.md).\n"
    "# One graph per source page: edit the register's CSV files and rebuild, never this file.\n"
)


def write_files(graphs: dict[str, Graph], out_dir: Path = OUTPUT_DIR) -> list[Path]:
    """Write each graph as `{name}.ttl` in `out_dir`, removing register files the graphs no longer include."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{name}.ttl" for name in graphs}
    for old in out_dir.glob("*.ttl"):
        if old.name not in wanted and (is_register_graph(old.stem) or old.stem == "theme-indicators"):
            old.unlink()
    written = []
    for name in sorted(graphs):
        path = out_dir / f"{name}.ttl"
        text = graphs[name].serialize(format="turtle")
        path.write_text(HEADER + text, encoding="utf-8")
        written.append(path)
    return written


def indicator_ids(path: Path = REPO_ROOT / "data" / "indicators" / "lait-indicators.ttl") -> set[str]:
    """The ids of the indicators the graph holds (data/indicators)."""
    g = Graph().parse(path, format="turtle")
    return {str(s).rsplit("/", 1)[-1] for s in g.subjects(RDF.type, CYP.Indicator)}


def build_files(folder: Path = SOURCE_DIR, out_dir: Path = OUTPUT_DIR) -> list[Path]:
    """`cypkg register build`: the committed graphs from the register folder and the reference data.

    Besides the register's own graphs, `theme-indicators` (which DfE indicators measure which theme,
    from the repository's theme-indicators.csv), kept apart because it is reference data, not the register.
    """
    from kg.imports.themes import INDICATOR_FILE, INDICATOR_GRAPH, theme_indicator_graph

    graphs = register_graphs(folder, reference_authorities(reference_store()))
    graphs[INDICATOR_GRAPH] = theme_indicator_graph(SOURCE_DIR / INDICATOR_FILE, indicator_ids())
    return write_files(graphs, out_dir)
