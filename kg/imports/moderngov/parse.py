"""Reading Modern.gov answers into records: the web service's XML and the decision pages' HTML.

Parsing knows nothing of RDF or of the network: each function takes an answer's bytes and the URL
it came from (for errors) and returns plain records. XML is parsed with defusedxml, which refuses
entity expansion and external references, so a hostile answer cannot blow up or reach out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlparse
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from kg.imports.moderngov.errors import ModerngovError
from kg.namespaces import slugify

_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);")


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


def parse_xml(body: bytes, *, url: str, root: str) -> Element:
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
        element = SafeET.fromstring(body, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ModerngovError(
            f"expected <{root}> XML, got XML with a DTD or entities ({type(exc).__name__})",
            url=url,
            hint="check --base points at the Modern.gov site root (the web service lives at /mgWebService.asmx)",
        ) from exc
    except ParseError as exc:
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


def _text(element: Element, tag: str) -> str:
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
