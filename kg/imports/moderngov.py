"""Meetings, agenda items, decisions and memberships from a council's Modern.gov committee system.

Most English councils publish their committee system through Modern.gov's public web service
(`/mgWebService.asmx/GetCommittees`, `GetMeetings`, `GetMeeting`) and decision pages
(`ieDecisionDetails.aspx`). This module reads those answers into the ontology as one named graph
per imported range, with each node pointing at the URL it came from (`prov:wasDerivedFrom`).
Re-importing the same range replaces that graph rather than adding to it.

The network is reached only through a *fetcher* (`url -> bytes`), so tests feed it fixtures and
the default one (`http_fetcher`) is polite: one request per `min_interval` seconds, connect and read
timeouts, a size cap, and errors that name the URL. `SavedSite` is the offline fetcher: it answers
from a folder of saved answers (`GetCommittees.xml`, `GetMeetings-144.xml`, `GetMeeting-4967.xml`, …),
so an officer can import a copy saved earlier and the README tour runs without the network.
"""

from __future__ import annotations

import html
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import httpx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from kg.errors import InputError
from kg.namespaces import CYP, ID, ORG, SCHEMA, local_id

if TYPE_CHECKING:
    from kg.store.protocol import Store
    from kg.validation.shapes import ValidationReport

DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")

Fetcher = Callable[[str], bytes]
_T = TypeVar("_T")
SERVICE = "mgWebService.asmx"
MAX_BYTES = 10_000_000
USER_AGENT = "cypkg/0.1 (Children and Young People's Plans knowledge graph; +https://w3id.org/cypkg)"
_HOST_NOISE = {"democracy", "moderngov", "www", "committees", "councillors", "democratic", "meetings", "cmis", "mg"}
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")


class ModerngovError(InputError):
    """The committee system answered with something we cannot use (or did not answer)."""

    code = "MODERNGOV_ERROR"

    def __init__(self, message: str, *, url: str, line: int | None = None, column: int | None = None, hint: str = ""):
        super().__init__(message, file=url, line=line, column=column, hint=hint)
        self.url = url
        self.detail = message


# --- fetching -----------------------------------------------------------------------------------


def http_fetcher(
    *,
    timeout: float = 20.0,
    connect_timeout: float = 5.0,
    min_interval: float = 1.0,
    client: httpx.Client | None = None,
) -> Fetcher:
    """A polite HTTP fetcher: rate-limited, with timeouts, a size cap and errors that name the URL."""
    http = client or httpx.Client(
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
    )
    last = [0.0]

    def fetch(url: str) -> bytes:
        wait = last[0] + min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        last[0] = time.monotonic()
        try:
            response = http.get(url)
        except httpx.TimeoutException as exc:
            raise ModerngovError(
                f"no answer within {timeout:g} s",
                url=url,
                hint="the committee system is slow or down: try again later, or a smaller date range",
            ) from exc
        except httpx.HTTPError as exc:
            raise ModerngovError(
                f"cannot reach the committee system: {exc}",
                url=url,
                hint="check --base (e.g. https://democracy.medway.gov.uk)",
            ) from exc
        if response.status_code >= 400:
            raise ModerngovError(
                f"HTTP {response.status_code} {response.reason_phrase}",
                url=url,
                hint="check --base and the committee id (`cypkg import moderngov --base URL` lists committees)"
                if response.status_code < 500
                else "the committee system failed; try again later",
            )
        if len(response.content) > MAX_BYTES:
            raise ModerngovError(
                f"answer is {len(response.content):,} bytes, over the {MAX_BYTES:,} byte limit",
                url=url,
                hint="import a shorter date range",
            )
        return response.content

    return fetch


# Which saved file answers which request: (path ending, query parameter naming the file, file suffix).
_SAVED_NAMES = (
    (f"{SERVICE}/GetCommittees", None, "xml"),
    (f"{SERVICE}/GetMeetings", "lCommitteeId", "xml"),
    (f"{SERVICE}/GetMeeting", "lMeetingId", "xml"),
    ("mgDelegatedDecisions.aspx", None, "html"),
    ("ieDecisionDetails.aspx", "ID", "html"),
)
SAVED_LAYOUT = (
    "GetCommittees.xml, GetMeetings-{committee id}.xml, GetMeeting-{meeting id}.xml, "
    "and for --decisions-about mgDelegatedDecisions.html and ieDecisionDetails-{decision id}.html"
)


def saved_file_name(url: str) -> str:
    """The file a saved copy keeps a request's answer in: `…/GetMeeting?lMeetingId=4967` -> GetMeeting-4967.xml.

    Date-range parameters are not part of the name: a saved GetMeetings answer covers whatever range
    it was saved for, and the import keeps only the meetings inside the range asked for.
    """
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    for ending, key, suffix in _SAVED_NAMES:
        if parsed.path.endswith(ending):
            stem = ending.rsplit("/", 1)[-1].removesuffix(".aspx")
            value = (query.get(key) or [""])[0] if key else ""
            return f"{stem}-{slugify(value)}.{suffix}" if key else f"{stem}.{suffix}"
    raise ModerngovError("not a request a saved copy can answer", url=url, hint=f"a saved copy holds {SAVED_LAYOUT}")


class SavedSite:
    """A fetcher answering from a folder of saved Modern.gov answers instead of the network."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ModerngovError(
                "no such folder" if not folder.exists() else "not a folder",
                url=str(folder),
                hint=f"--saved is a folder of answers saved from the site: {SAVED_LAYOUT}",
            )
        self.folder = folder

    def path_for(self, url: str) -> Path:
        """Where the answer to `url` is saved."""
        return self.folder / saved_file_name(url)

    def __call__(self, url: str) -> bytes:
        path = self.path_for(url)
        if not path.is_file():
            raise ModerngovError(
                f"the saved copy has no answer to {url}",
                url=str(path),
                hint=f"save that address from the site as {path.name} in {self.folder}, "
                "or narrow the import (--committee, --from, --to) to what the copy holds",
            )
        if path.stat().st_size > MAX_BYTES:
            raise ModerngovError(
                f"the file is over the {MAX_BYTES:,} byte limit", url=str(path), hint="save a shorter date range"
            )
        return path.read_bytes()


# --- text -----------------------------------------------------------------------------------------


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"p", "br", "div", "li", "tr"}:
            self.parts.append(" ")


def plain_text(value: str | None) -> str:
    """Text from a field that may hold HTML escaped once or twice (`&lt;p&gt;`, `&amp;#39;`)."""
    text = value or ""
    for _ in range(4):
        if re.search(r"<[A-Za-z/!]", text):
            parser = _TextOnly()
            parser.feed(text)
            parser.close()
            text = "".join(parser.parts)
        elif _ENTITY.search(text):
            text = html.unescape(text)
        else:
            break
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str) -> str:
    """Lower-case letters, digits and hyphens, for ids."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_uk_date(text: str, *, url: str, what: str) -> date:
    """A dd/mm/yyyy date as Modern.gov writes it."""
    value = plain_text(text)
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError as exc:
        raise ModerngovError(
            f"{what} {value!r} is not a dd/mm/yyyy date", url=url, hint="the answer is not from a Modern.gov service"
        ) from exc


def parse_bool(text: str | None) -> bool | None:
    """Modern.gov's `True`/`False` strings (also Yes/No on pages); None when absent."""
    value = plain_text(text).lower()
    if value in {"true", "yes", "1"}:
        return True
    if value in {"false", "no", "0"}:
        return False
    return None


# --- XML answers --------------------------------------------------------------------------------


def parse_xml(body: bytes, *, url: str, root: str) -> ET.Element:
    """Parse an answer, refusing DTDs, empty and truncated bodies, and answers of the wrong kind."""
    if not body.strip():
        raise ModerngovError("the answer is empty", url=url, hint="the service may be switched off on this site")
    if b"<!DOCTYPE" in body[:2000].upper() or b"<!ENTITY" in body:
        what = "an HTML page" if b"<html" in body[:4000].lower() else "XML with a DTD"
        raise ModerngovError(
            f"expected <{root}> XML, got {what}",
            url=url,
            hint="check --base points at the Modern.gov site root (the web service lives at /mgWebService.asmx)",
        )
    try:
        element = ET.fromstring(body)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ModerngovError(
            f"malformed or truncated XML: {exc}",
            url=url,
            line=line,
            column=column,
            hint="the answer was cut off or is not XML; try again, or import a shorter date range",
        ) from exc
    if element.tag != root:
        raise ModerngovError(
            f"expected <{root}>, got <{element.tag}>", url=url, hint="the URL answered a different operation"
        )
    return element


def _text(element: ET.Element, tag: str) -> str:
    return plain_text(element.findtext(tag))


@dataclass(frozen=True)
class Committee:
    """A committee as GetCommittees lists it."""

    id: str
    title: str
    expired: bool | None = None
    deleted: bool | None = None
    category: str = ""


@dataclass(frozen=True)
class MeetingSummary:
    """A meeting as GetMeetings lists it."""

    id: str
    committee_id: str
    committee_title: str
    date: date
    status: str
    time: str = ""


@dataclass(frozen=True)
class Document:
    """A document linked to an agenda item or decision."""

    url: str
    title: str


@dataclass(frozen=True)
class AgendaItem:
    """One agenda item, in agenda order."""

    id: str
    order: int
    number: str
    title: str
    text: str
    minutes: str
    is_decision: bool | None
    documents: tuple[Document, ...] = ()


@dataclass(frozen=True)
class Attendee:
    """One expected or actual attendee of a meeting."""

    member_id: str
    name: str
    role: str
    attendance: str
    url: str = ""


@dataclass(frozen=True)
class Meeting:
    """A meeting as GetMeeting describes it."""

    id: str
    date: date
    status: str
    time: str
    location: str
    minutes_published: bool | None
    items: tuple[AgendaItem, ...] = ()
    attendees: tuple[Attendee, ...] = ()


@dataclass(frozen=True)
class Decision:
    """A decision as its ieDecisionDetails.aspx page shows it."""

    id: str
    title: str
    status: str
    key_decision: bool | None
    call_in: bool | None
    text: str
    published: date | None
    decided: date | None
    meeting_id: str | None
    committee_id: str | None
    committee_title: str = ""
    documents: tuple[Document, ...] = ()


def parse_committees(body: bytes, *, url: str) -> list[Committee]:
    """GetCommittees: every committee, expired and deleted ones marked."""
    root = parse_xml(body, url=url, root="committees")
    return [
        Committee(
            id=_text(c, "committeeid"),
            title=_text(c, "committeetitle"),
            expired=parse_bool(c.findtext("committeeexpired")),
            deleted=parse_bool(c.findtext("committeedeleted")),
            category=_text(c, "committeecategory"),
        )
        for c in root.iter("committee")
        if _text(c, "committeeid")
    ]


def parse_meetings(body: bytes, *, url: str) -> list[MeetingSummary]:
    """GetMeetings: the meetings of one (or each) committee in a date range."""
    root = parse_xml(body, url=url, root="getmeetings")
    out = []
    for committee in root.iter("committee"):
        cid, title = _text(committee, "committeeid"), _text(committee, "committeetitle")
        for m in committee.iter("meeting"):
            out.append(
                MeetingSummary(
                    id=_text(m, "meetingid"),
                    committee_id=cid,
                    committee_title=title,
                    date=parse_uk_date(m.findtext("meetingdate") or "", url=url, what="meetingdate"),
                    status=_text(m, "meetingstatus"),
                    time=_text(m, "meetingtime"),
                )
            )
    return out


def parse_meeting(body: bytes, *, url: str) -> Meeting:
    """GetMeeting: one meeting with its agenda items in order and its attendees."""
    root = parse_xml(body, url=url, root="meeting")
    items = []
    agenda = root.find("agendaitems")
    for order, item in enumerate(agenda.iter("agendaitem") if agenda is not None else (), start=1):
        docs = tuple(
            Document(url=_text(d, "url"), title=_text(d, "title"))
            for d in item.iter("linkeddoc")
            if _text(d, "url").startswith(("http://", "https://"))
        )
        items.append(
            AgendaItem(
                id=_text(item, "agendaitemid"),
                order=order,
                number=_text(item, "fulldisplaynumberformat").rstrip(".") or _text(item, "agendaitemnumber"),
                title=_text(item, "agendaitemtitle"),
                text=_text(item, "agendatext"),
                minutes=_text(item, "minutesnonemptyhtmlbody"),
                is_decision=parse_bool(item.findtext("isdecision")),
                documents=docs,
            )
        )
    attendees = []
    people = root.find("attendees")
    for a in people.iter("attendee") if people is not None else ():
        attendees.append(
            Attendee(
                member_id=plain_text(a.get("memberid")),
                name=plain_text(a.get("name")),
                role=plain_text(a.get("roledescription")),
                attendance=plain_text(a.get("attendance")),
                url=_text(a, "url"),
            )
        )
    return Meeting(
        id=_text(root, "meetingid"),
        date=parse_uk_date(root.findtext("meetingdate") or "", url=url, what="meetingdate"),
        status=_text(root, "meetingstatus"),
        time=_text(root, "meetingtime"),
        location=_text(root, "meetinglocation"),
        minutes_published=parse_bool(root.findtext("minutepublished")),
        items=tuple(items),
        attendees=tuple(attendees),
    )


# --- HTML pages ---------------------------------------------------------------------------------


class _DecisionPage(HTMLParser):
    """Collects label/value pairs, the decision text, links and the title of a decision page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        self.title = ""
        self.text: list[str] = []
        self._label: str | None = None
        self._value: list[str] = []
        self._in: list[str] = []
        self._word_depth = 0
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        cls = dict(attrs).get("class") or ""
        if tag == "div" and self._word_depth:
            self._word_depth += 1
        elif tag == "div" and "mgWordPara" in cls:
            self._word_depth = 1
        if tag == "span" and "mgLabel" in cls:
            self._finish_field()
            self._label = ""
            self._in.append("label")
            return
        if tag == "h2" and "mgSubTitleTxt" in cls:
            self._in.append("title")
            return
        if tag == "a":
            self._link = (dict(attrs).get("href") or "", [])
        if tag == "p" and self._label is not None and not self._in:
            self._finish_field()
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._word_depth:
            self._word_depth -= 1
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1])))
            self._link = None
        if tag == "p":
            self._finish_field()
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "label" and self._label is not None:
            self._label += data
            return
        if self._in and self._in[-1] == "title":
            self.title += data
            return
        if self._link is not None:
            self._link[1].append(data)
        if self._word_depth:
            self.text.append(data)
        elif self._label is not None:
            self._value.append(data)

    def _finish_field(self) -> None:
        if self._label:
            key = self._label.strip().rstrip(":").strip().lower()
            self.fields.setdefault(key, re.sub(r"\s+", " ", "".join(self._value)).strip())
        self._label = None
        self._value = []


def _decode_page(body: bytes, *, url: str) -> str:
    if not body.strip():
        raise ModerngovError("the page is empty", url=url, hint="check the decision id")
    if b"\x00" in body[:4000]:
        raise ModerngovError("the page is binary, not HTML", url=url, hint="check the URL is a decision page")
    return body.decode("utf-8", errors="replace")


def parse_decision_page(body: bytes, *, url: str) -> Decision:
    """ieDecisionDetails.aspx: status, key decision, call-in, text, dates and the meeting it was made at."""
    page = _DecisionPage()
    page.feed(_decode_page(body, url=url))
    page.close()
    page._finish_field()
    if "decision status" not in page.fields and not page.text:
        raise ModerngovError(
            "no decision details on the page", url=url, hint="the page is not an ieDecisionDetails.aspx page"
        )
    meeting_id = committee_id = None
    committee_title = ""
    documents = []
    for href, label in page.links:
        query = parse_qs(urlparse(href).query)
        if "ieListDocuments.aspx" in href:
            meeting_id = next(iter(query.get("MID", [])), None)
            committee_id = next(iter(query.get("CId", [])), None)
            committee_title = plain_text(label).split(" - ", 1)[-1] if " - " in label else ""
        elif "/documents/" in f"/{href}" or href.lower().endswith(".pdf"):
            title = re.sub(r"\s*\b(PDF|DOCX?|XLSX?|RTF)\s+[\d.]+\s*[KMG]B\s*$", "", plain_text(label))
            documents.append(Document(url=urljoin(url, href.replace(" ", "%20")), title=title))

    def day(key: str) -> date | None:
        value = page.fields.get(key)
        return parse_uk_date(value, url=url, what=key) if value else None

    ident = (parse_qs(urlparse(url).query).get("ID") or [""])[0] or slugify(page.title)
    return Decision(
        id=ident,
        title=plain_text(page.title),
        status=plain_text(page.fields.get("decision status")),
        key_decision=parse_bool(page.fields.get("is key decision?")),
        call_in=parse_bool(page.fields.get("is subject to call in?")),
        text=plain_text(" ".join(page.text)),
        published=day("publication date"),
        decided=day("date of decision"),
        meeting_id=meeting_id,
        committee_id=committee_id,
        committee_title=committee_title,
        documents=tuple(documents),
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def parse_decision_list(body: bytes, *, url: str) -> list[str]:
    """mgDelegatedDecisions.aspx: the decision ids it lists (issue-history rows are not decisions)."""
    links = _Links()
    links.feed(_decode_page(body, url=url))
    ids: list[str] = []
    for href in links.hrefs:
        if "ieDecisionDetails.aspx" in href:
            ident = (parse_qs(urlparse(href).query).get("ID") or [""])[0]
            if ident and ident not in ids:
                ids.append(ident)
    return ids


# --- the client ---------------------------------------------------------------------------------


@dataclass
class ModerngovClient:
    """Reads one Modern.gov site through a fetcher; each method returns parsed records."""

    base: str
    fetcher: Fetcher = field(default_factory=http_fetcher)
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        parsed = urlparse(self.base)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ModerngovError(
                "--base must be the site's address, starting http:// or https://",
                url=self.base,
                hint="e.g. --base https://democracy.medway.gov.uk",
            )
        self.base = self.base.rstrip("/") + "/"

    def url(self, path: str, **params: str) -> str:
        return urljoin(self.base, path) + (f"?{urlencode(params)}" if params else "")

    def _read(self, url: str, parse: Callable[..., _T]) -> _T:
        """Fetch and parse one answer; a bad answer from a saved copy is reported against its file."""
        self.sources.append(url)
        body = self.fetcher(url)
        try:
            return parse(body, url=url)
        except ModerngovError as exc:
            if not isinstance(self.fetcher, SavedSite):
                raise
            path = self.fetcher.path_for(url)
            raise ModerngovError(
                f"{exc.detail} (the saved answer to {url})",
                url=str(path),
                line=exc.line,
                column=exc.column,
                hint=f"save {path.name} again from the site: it is not a whole {path.suffix[1:].upper()} answer",
            ) from exc

    def committees(self) -> list[Committee]:
        return self._read(self.url(f"{SERVICE}/GetCommittees"), parse_committees)

    def meetings(self, committee_id: str, start: date, end: date) -> list[MeetingSummary]:
        url = self.url(
            f"{SERVICE}/GetMeetings",
            lCommitteeId=committee_id,
            sFromDate=start.strftime("%d/%m/%Y"),
            sToDate=end.strftime("%d/%m/%Y"),
        )
        return self._read(url, parse_meetings)

    def meeting(self, meeting_id: str) -> tuple[Meeting, str]:
        url = self.url(f"{SERVICE}/GetMeeting", lMeetingId=meeting_id)
        return self._read(url, parse_meeting), url

    def decision_ids(self, start: date, end: date) -> list[str]:
        span = f"{start.strftime('%d/%m/%Y')}-{end.strftime('%d/%m/%Y')}"
        url = self.url("mgDelegatedDecisions.aspx", bcr="1", DM="0", DS="2", K="0", DR=span)
        return self._read(url, parse_decision_list)

    def decision(self, decision_id: str) -> tuple[Decision, str]:
        url = self.url("ieDecisionDetails.aspx", ID=decision_id)
        return self._read(url, parse_decision_page), url


def authority_slug(base: str) -> str:
    """The authority a Modern.gov site belongs to, from its host: democracy.medway.gov.uk -> medway."""
    host = urlparse(base).hostname or ""
    labels = [part for part in host.split(".") if part not in _HOST_NOISE]
    return slugify(labels[0]) if labels else "unknown"


def range_graph_name(authority: str, committee: str | None, start: date, end: date) -> str:
    """One named graph per imported range, so re-importing the range replaces it."""
    scope = f"committee-{slugify(committee)}" if committee else "all"
    return f"moderngov-{authority}-{scope}-{start.isoformat()}-{end.isoformat()}"


# --- to RDF -------------------------------------------------------------------------------------

_BODY_CLASSES = (
    ("health and wellbeing board", CYP.HealthAndWellbeingBoard),
    ("scrutiny", CYP.ScrutinyCommittee),
    ("cabinet", CYP.Cabinet),
    ("full council", CYP.FullCouncil),
    ("children's trust", CYP.ChildrensTrustBoard),
    ("safeguarding", CYP.SafeguardingPartnership),
)


def body_class(title: str) -> URIRef:
    """The most specific body class a committee's title supports; plain cyp:Body otherwise."""
    lowered = title.lower().replace("’", "'")
    if lowered in {"council", "full council", "county council", "city council"}:
        return CYP.FullCouncil
    for words, cls in _BODY_CLASSES:
        if words in lowered:
            return cls
    return CYP.Body


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


class _Builder:
    def __init__(self, authority: str, link_authority: bool, snapshot: URIRef) -> None:
        self.auth = authority
        self.link_authority = link_authority
        self.snapshot = snapshot
        self.g = Graph()
        for prefix, ns in (("cyp", CYP), ("org", ORG), ("prov", PROV), ("dcterms", DCTERMS), ("schema", SCHEMA)):
            self.g.bind(prefix, ns)

    def cite(self, node: URIRef, source: str) -> None:
        """node was read from the answer at `source`: a paragraph of this import's snapshot report."""
        g = self.g
        paragraph = ID[
            f"paragraph/{local_id(self.snapshot)}-{slugify(urlparse(source).path.rsplit('/', 1)[-1])}"
            f"-{slugify(urlparse(source).query) or 'page'}"
        ]
        if (paragraph, RDF.type, CYP.Paragraph) not in g:
            g.add((paragraph, RDF.type, CYP.Paragraph))
            g.add((paragraph, DCTERMS.isPartOf, self.snapshot))
            g.add((paragraph, CYP.paragraphNumber, Literal(source)))
            g.add((paragraph, CYP.text, Literal(f"The committee system's answer at {source}")))
            g.add((paragraph, PROV.wasDerivedFrom, URIRef(source)))
        g.add((node, PROV.wasDerivedFrom, paragraph))
        g.add((node, PROV.wasDerivedFrom, URIRef(source)))

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
        g.set((m, CYP.meetingStatus, meeting_status(status, detail.minutes_published if detail else None)))
        g.set((m, CYP.statusText, Literal(status)))
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
            if re.search(r"approved|agreed|resolved|made|noted", decision.status, re.I):
                g.add((node, CYP.decisionStatus, CYP.Resolved))
            elif re.search(r"recommend", decision.status, re.I):
                g.add((node, CYP.decisionStatus, CYP.Recommended))
            for pattern, kind in ((r"approv", CYP.Approve), (r"endors", CYP.Endorse), (r"noted", CYP.Note)):
                if re.search(pattern, decision.status, re.I):
                    g.add((node, CYP.decisionKind, kind))
                    break
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
            g.add((meeting, CYP.meetingStatus, CYP.Held))
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
    builder = _Builder(auth, link_authority, snapshot)
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
    g.add((snapshot, DCTERMS.date, Literal(fetched_on or date.today(), datatype=XSD.date)))
    g.add((snapshot, CYP.sourceFile, Literal(committees_url)))
    g.add((snapshot, PROV.wasDerivedFrom, URIRef(committees_url)))
    if isinstance(client.fetcher, SavedSite):
        saved = f"Read from a saved copy of the site (folder {client.fetcher.folder.name}), not the live service"
        g.add((snapshot, DCTERMS.description, Literal(saved)))
    return result


def write_range(store: Store, result: RangeImport) -> ValidationReport:
    """Write an import as its own named graph through the SHACL gate, replacing an earlier import of the range."""
    from kg.validation.gate import write_graph

    return write_graph(store, result.graph_name, result.graph, mode="replace")
