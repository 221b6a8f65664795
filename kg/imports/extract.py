"""Draft RDF from a committee report: rules and gazetteers propose, a person reviews.

Every council publishes hundreds of committee reports a year; transcribing each by hand does not
scale. This reads a report (.txt, .md or .pdf) and proposes statements — the plan, dated meetings
and what they decide (including governance-pathway tables), legislation citations mapped to
legislation.gov.uk, named strategies and replaced plans, partners and boards, people and posts,
outcomes, consultation figures and risk rows. Each proposal carries the paragraph it came from and
a confidence. The output is a draft (Turtle plus a review table), never merged automatically: the
rules know English council prose, not the truth.

The rules look for the shapes of council writing (a "Section N of the X Act YYYY" citation, a body
name next to a date, a bullet list under "strategies such as"), not for the seeds' words, so they
carry over to other councils' reports.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rich.table import Table

from kg.config import REPO_ROOT
from kg.errors import InputError
from kg.namespaces import CYP, ID, LEG

DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")

MAX_BYTES = 5_000_000
REFERENCE = REPO_ROOT / "data" / "reference"


class ExtractError(InputError):
    """A report that cannot be read as text."""

    code = "BAD_REPORT"


# --- reading ------------------------------------------------------------------------------------


def read_report(path: Path) -> str:
    """The report's text: UTF-8 .txt/.md, or the text layer of a PDF (pypdf)."""
    if not path.is_file():
        raise ExtractError("no such file", file=str(path), hint="check the path")
    size = path.stat().st_size
    if size == 0:
        raise ExtractError("the file is empty", file=str(path), hint="give the report's text (.txt, .md or .pdf)")
    if size > MAX_BYTES:
        raise ExtractError(
            f"the file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit for one report",
            file=str(path),
            hint="extract one report at a time; split a bundle of papers into its reports first",
        )
    raw = path.read_bytes()
    if raw.startswith(b"%PDF"):
        return _pdf_text(path)
    if path.suffix.lower() == ".pdf":
        raise ExtractError("named .pdf but is not a PDF", file=str(path), hint="check the file downloaded completely")
    if b"\x00" in raw[:8192]:
        raise ExtractError(
            "a binary file, not text", file=str(path), hint="save the report as plain text (.txt) or give the PDF"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ExtractError(
            f"not UTF-8 text (byte {exc.start})",
            file=str(path),
            line=line,
            hint="re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`)",
        ) from exc


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractError(
            f"cannot read the PDF: {exc}", file=str(path), hint="open and re-save it, or give the text"
        ) from exc
    if not text.strip():
        raise ExtractError(
            "the PDF has no text layer (a scan?)", file=str(path), hint="run OCR on it first, or give the text"
        )
    return text


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph or unnumbered block of the report, with its number as printed."""

    number: str
    text: str


_PARA_START = re.compile(
    r"^\s*(?:[-*•·]\s*)?(?:(\d{1,2}(?:\.\d{1,2}){1,3})\.?|(\d{1,2})\.|\((\d{1,2}|[a-z])\))\s+(?=\S)"
)


def paragraphs(text: str) -> list[Paragraph]:
    """Split a report into paragraphs: a printed number starts one; a heading names the blocks after it."""
    out: list[Paragraph] = []
    number, heading, section = "", "title", ""
    buf: list[str] = []
    unnumbered = 0

    def flush() -> None:
        nonlocal unnumbered
        body = re.sub(r"\s+", " ", " ".join(buf)).strip()
        if body:
            if number:
                out.append(Paragraph(number, body))
            else:
                unnumbered += 1
                out.append(Paragraph(f"{heading}-{unnumbered}" if heading else str(unnumbered), body))
        buf.clear()

    for raw_line in text.splitlines():
        line = re.sub(r"</?(b|sup|i|u)>", "", raw_line).replace("**", "").strip()
        if not line:
            if not number:
                flush()
            continue
        m = _PARA_START.match(line)
        if m:
            flush()
            if m.group(1):
                number = m.group(1)
                section = number.split(".")[0]
            elif m.group(2):
                number = section = m.group(2)
            else:
                sub = m.group(3)
                number = f"{section}({sub})" if section else f"({sub})"
            buf.append(line[m.end() :])
            continue
        if line.startswith("#") or (line.isupper() and len(line) < 80):
            flush()
            number, unnumbered = "", 0
            heading = _slug(line.strip("# *")) or heading
            head_number = re.match(r"^#*\s*\**(\d{1,2})\.?\s", line)
            if head_number:
                section = head_number.group(1)
            buf.append(line.strip("# *"))
            flush()
            continue
        buf.append(line)
    flush()
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


# --- proposals ------------------------------------------------------------------------------------


@dataclass
class Proposal:
    """One proposed statement: what kind, a key for scoring, its wording, where it came from, how sure."""

    kind: str
    key: str
    label: str
    paragraph: Paragraph
    confidence: float
    details: dict = field(default_factory=dict)


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\s*,?\s+(\d{{4}})\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def find_dates(text: str) -> Iterator[tuple[date, int, int]]:
    """Every full date in a text (27 October 2009, 11th September 2008, 19/02/2019) with its span."""
    for m in _DAY_MONTH_YEAR.finditer(text):
        try:
            day = datetime.strptime(f"{m.group(1)} {m.group(2).title()} {m.group(3)}", "%d %B %Y").date()
        except ValueError:
            continue
        yield day, m.start(), m.end()
    for m in _NUMERIC_DATE.finditer(text):
        try:
            yield date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start(), m.end()
        except ValueError:
            continue


# Bodies: (canonical key, pattern). Order matters: specific before general.
BODIES: tuple[tuple[str, str], ...] = (
    ("health-and-wellbeing-board", r"health\s+and\s+well-?being\s+board|\bHWB\b"),
    ("childrens-trust-board", r"children'?s\s+trust\s+board|\bCTB\b"),
    ("strategic-transformation-board", r"strategic\s+transformation\s+board"),
    ("improvement-board", r"improvement\s+board"),
    ("safeguarding-board", r"safeguarding\s+(?:children\s+)?(?:board|partnership)|\bLSCB\b|\bMSCB\b"),
    (
        "scrutiny",
        r"overview\s+and\s+scrutiny(?:\s+\w+){0,2}|scrutiny\s+(?:committee|commission|panel)|policy\s+overview\s+committee",
    ),
    (
        "nhs-board",
        r"\bNHS\s+[A-Z][a-z]+\s+Board|\bPCT\s+Board|clinical\s+commissioning\s+group\s+(?:governing\s+body|board)",
    ),
    ("panel", r"\b[A-Z][A-Za-z]*\s+(?:[A-Z][A-Za-z]*\s+)?Panel\b"),
    ("cabinet", r"\bcabinet\b"),
    (
        "council",
        r"\b(?:full|county|city|borough|district)\s+council\b|\bcouncil\s*(?:[–-]|\(|$)|\bthe\s+council\s+on\b",
    ),
    ("board", r"\bthe\s+board\b"),
)
_NOT_MEETING = re.compile(
    r"consultation\s+(?:starts|ends|period|begins|closes)|\bpublished\b|\bdeadline\b|due\s+in", re.I
)


def body_key(text: str) -> str | None:
    """The kind of body a phrase names, as a stable key (used by the scorer too)."""
    for key, pattern in BODIES:
        if re.search(pattern, text, re.I):
            return key
    return None


def _meeting_proposals(paras: list[Paragraph], report_date: date | None) -> list[Proposal]:
    out: list[Proposal] = []
    last_board: str | None = None
    for para in paras:
        text = para.text
        for key, _ in BODIES[:-1]:
            if re.search(dict(BODIES)[key], text, re.I) and key != "board":
                last_board = key if key.endswith("board") else last_board
        rows = _pathway_rows(para.text)
        if rows:
            for position, (label, day) in enumerate(rows, start=1):
                row_body = body_key(label)
                if row_body is None or _NOT_MEETING.search(label):
                    continue
                out.append(
                    Proposal(
                        "meeting",
                        f"{row_body}|{day.isoformat()}",
                        f"{label} {day.isoformat()}",
                        para,
                        0.9,
                        {"body": label, "date": day, "step": position, "pathway": True},
                    )
                )
            continue
        for day, start, end in find_dates(text):
            window = text[max(0, start - 160) : min(len(text), end + 40)]
            before = text[max(0, start - 160) : start]
            if _NOT_MEETING.search(text[max(0, start - 40) : end + 10]):
                continue
            candidates = [(m.end(), key) for key, pattern in BODIES for m in re.finditer(pattern, before, re.I)]
            if not candidates:
                after_key = body_key(text[end : end + 40])
                if after_key is None:
                    continue
                candidates = [(0, after_key)]
            key = max(candidates)[1]
            if key == "board" and last_board:
                key = last_board
            meeting_words = re.search(
                r"meeting|considered|agreed|approved|met\b|held|report(?:ed)? to|considered by|to:|cabinet|"
                r"council|board|work programme|scrutinised",
                window,
                re.I,
            )
            if not meeting_words:
                continue
            confidence = 0.8 if key not in {"board", "panel"} else 0.6
            if report_date and day == report_date:
                confidence = 0.9
            out.append(
                Proposal(
                    "meeting",
                    f"{key}|{day.isoformat()}",
                    window.strip()[-120:],
                    para,
                    confidence,
                    {"body": key, "date": day},
                )
            )
    return _dedupe(out)


def _pathway_rows(text: str) -> list[tuple[str, date]]:
    """A governance-pathway table flattened into a paragraph: `Body dd/mm/yyyy` pairs in order."""
    pairs = re.findall(r"([A-Z][A-Za-z&/()' ]{3,80}?)\s+(\d{1,2}/\d{1,2}/\d{4})", text)
    if len(pairs) < 3:
        return []
    rows = []
    for label, numeric in pairs:
        d, m, y = (int(x) for x in numeric.split("/"))
        try:
            rows.append((label.strip(), date(y, m, d)))
        except ValueError:
            continue
    return rows


def _dedupe(proposals: list[Proposal]) -> list[Proposal]:
    best: dict[tuple[str, str], Proposal] = {}
    for p in proposals:
        k = (p.kind, p.key)
        if k not in best or p.confidence > best[k].confidence:
            best[k] = p
    return sorted(best.values(), key=lambda p: (p.kind, p.key))


# Acts: name -> legislation.gov.uk id path. A gazetteer of the Acts children's services reports cite.
ACTS: dict[str, str] = {
    "children act 1989": "ukpga/1989/41",
    "children act 2004": "ukpga/2004/31",
    "childcare act 2006": "ukpga/2006/21",
    "children and families act 2014": "ukpga/2014/6",
    "children and social work act 2017": "ukpga/2017/16",
    "children and young persons act 2008": "ukpga/2008/23",
    "child poverty act 2010": "ukpga/2010/9",
    "education act 1996": "ukpga/1996/56",
    "education act 2002": "ukpga/2002/32",
    "education act 2011": "ukpga/2011/21",
    "education and inspections act 2006": "ukpga/2006/40",
    "apprenticeships, skills, children and learning act 2009": "ukpga/2009/22",
    "academies act 2010": "ukpga/2010/32",
    "equality act 2010": "ukpga/2010/15",
    "human rights act 1998": "ukpga/1998/42",
    "crime and disorder act 1998": "ukpga/1998/37",
    "local government act 2000": "ukpga/2000/22",
    "local government and public involvement in health act 2007": "ukpga/2007/28",
    "national health service act 2006": "ukpga/2006/41",
    "health and social care act 2012": "ukpga/2012/7",
    "care act 2014": "ukpga/2014/23",
    "localism act 2011": "ukpga/2011/20",
    "data protection act 2018": "ukpga/2018/12",
    "health and care act 2022": "ukpga/2022/31",
}
_ACT = re.compile(r"\b((?:[A-Z][a-z,]+\s+(?:and\s+|of\s+|the\s+)?){1,7}Act)\s+(\d{4})\b")
_SECTION = re.compile(r"\b(?:section|s\.)\s*(\d+[A-Z]?)(?:\((\d+)\))?\s+(?:of\s+)?(?:the\s+)?$", re.I)


def _legislation_proposals(paras: list[Paragraph]) -> list[Proposal]:
    out = []
    for para in paras:
        for m in _ACT.finditer(para.text):
            name = f"{m.group(1)} {m.group(2)}"
            name = re.sub(r"^(?:The|Under|Whilst|In|And|Of)\s+", "", name)
            path = ACTS.get(name.lower())
            section = _SECTION.search(para.text[max(0, m.start() - 30) : m.start()])
            if path is None:
                key = f"act:{name.lower()}"
                out.append(Proposal("legislation", key, name, para, 0.5, {"iri": None, "name": name}))
                continue
            iri = f"{path}/section/{section.group(1).lower()}" if section else path
            label = f"{name} section {section.group(1)}" if section else name
            out.append(Proposal("legislation", iri, label, para, 0.95 if section else 0.9, {"iri": LEG[iri]}))
    return _dedupe(out)


_STRATEGY_HEAD = r"Strateg(?:y|ic Plan)|Plan|Needs Assessment|Local Area Agreement"
_STRATEGY = re.compile(
    rf"\b((?:(?:[A-Z][A-Za-z'’&]*|and|&|of|for|the|Young|People'?s)\s+){{0,7}}?(?:{_STRATEGY_HEAD}))\b"
    r"(?:\s+(\d{4})\s*[-–]\s*(\d{2,4}))?"
)
# Words that name a procedure or a generic plan, not a particular strategy.
_STRATEGY_STOP = {
    "strategic plan",
    "action plan",
    "draft plan",
    "forward plan",
    "partnership plan",
    "business plan",
    "delivery plan",
    "improvement plan",
    "service plan",
    "medium term plan",
}
_OWN_PLAN = re.compile(r"children\s+and\s+young\s+people['’]?s?\s+plan|\bCYPP\b", re.I)
_POST_TITLE = re.compile(r"(?:Head|Director|Manager|Lead|Officer|Member|Portfolio Holder)\b.*\b(?:of|for)\b", re.I)
_LEADING = re.compile(r"^(?:The|the|and|of|for|This|this|Our|our|A|a|An|an|its|their|new|New|whole)\s+")
_PREVIOUS_PERIOD = re.compile(r"(?:covered|covering|for)\s+the\s+period\s+(\d{4})\s*[-–]\s*(\d{2,4})", re.I)


def strategy_key(name: str) -> str:
    """A name reduced to its distinctive words, for matching (used by the scorer too)."""
    words = re.sub(r"['’]s\b", "", name.lower())
    words = re.sub(r"[^a-z0-9& ]+", " ", words)
    drop = {"the", "council", "councils", "a", "an", "our", "its", "new", "existing", "previous", "local"}
    drop |= _authority_words()
    return " ".join(w for w in words.split() if w not in drop)


def _strategy_proposals(paras: list[Paragraph], plan: Proposal | None) -> list[Proposal]:
    out = []
    own_period = plan.details.get("period") if plan else None
    for para in paras:
        for m in _STRATEGY.finditer(para.text):
            name = m.group(1).strip()
            while _LEADING.match(name):
                name = _LEADING.sub("", name, count=1)
            words = name.split()
            if (
                len(words) < 2
                or name.lower() in _STRATEGY_STOP
                or any(w.lower() in {"the", "this", "a"} for w in words)
            ):
                continue
            if not words[0][:1].isupper() or _POST_TITLE.match(name):
                continue
            period = (m.group(2), m.group(3))
            if _OWN_PLAN.search(name):
                previous = _PREVIOUS_PERIOD.search(para.text[m.end() : m.end() + 60])
                if previous and not m.group(2):
                    period = (previous.group(1), previous.group(2))
                if not period[0] or own_period is None or _same_period(period, own_period):
                    continue
                name = f"{name} {period[0]}-{period[1]}"
            confidence = 0.85 if re.search(r"Strategy|Plan$", name) else 0.7
            out.append(Proposal("strategy", strategy_key(name), name, para, confidence, {"name": name}))
        for m in re.finditer(r"\b(LAA2?|Local Area Agreement)\b", para.text):
            out.append(
                Proposal(
                    "strategy",
                    strategy_key("Local Area Agreement"),
                    m.group(1),
                    para,
                    0.8,
                    {"name": "Local Area Agreement"},
                )
            )
        for m in re.finditer(r"\b(\d{4})\s*[-–]\s*(\d{2,4})\s+(?:Plan|CYPP)\b", para.text):
            period = (m.group(1), m.group(2))
            if own_period and not _same_period(period, own_period):
                name = f"Children and Young People's Plan {m.group(1)}-{m.group(2)}"
                out.append(Proposal("strategy", strategy_key(name), name, para, 0.7, {"name": name}))
    return _dedupe(out)


def _same_period(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] == b[0] and a[1][-2:] == b[1][-2:]


@cache
def _authorities() -> dict[str, str]:
    """Authority names (lower case) -> id, from the reference data."""
    g = Graph()
    path = REFERENCE / "authorities.ttl"
    if path.exists():
        g.parse(path)
    names: dict[str, str] = {}
    for s, label in g.subject_objects(SKOS.prefLabel):
        names[str(label).lower()] = str(s).rsplit("/", 1)[-1]
    return names


@cache
def _authority_words() -> frozenset[str]:
    return frozenset(w for name in _authorities() for w in re.findall(r"[a-z]+", name) if len(name.split()) <= 2)


def _plan_proposal(paras: list[Paragraph], text: str) -> Proposal | None:
    m = re.search(
        r"(Children\s+and\s+Young\s+People['’]?s\s+Plan)\s*(?:for\s+)?(\d{4})\s*(?:[-–]|to)\s*(\d{2,4})", text, re.I
    )
    if not m:
        return None
    start, end = m.group(2), m.group(3)
    if len(end) == 2:
        end = start[:2] + end
    authority = _authority_of(text)
    para = next((p for p in paras if m.group(2) in p.text and re.search("plan", p.text, re.I)), paras[0])
    title = f"Children and Young People's Plan {start}-{end}"
    return Proposal(
        "plan",
        f"{authority or 'unknown'}-cypp-{start}-{end}",
        title,
        para,
        0.9 if authority else 0.6,
        {"period": (start, end), "authority": authority, "title": title},
    )


def _authority_of(text: str) -> str | None:
    counts: dict[str, int] = {}
    for name, ident in _authorities().items():
        if len(name) < 4:
            continue
        n = len(re.findall(rf"\b{re.escape(name)}\b", text, re.I))
        if n:
            counts[ident] = counts.get(ident, 0) + n
    return max(counts, key=lambda k: counts[k]) if counts else None


def _report_date(paras: list[Paragraph]) -> date | None:
    for para in paras[:12]:
        for day, _, _ in find_dates(para.text):
            return day
    return None


_PARTNER = re.compile(
    r"\b((?:[A-Z][A-Za-z'’]+\s+){0,5}(?:Board|Trust|Partnership|Clinical Commissioning Group|Primary Care Trust|"
    r"Youth Parliament|Police|Constabulary|Youth Offending (?:Service|Team)))\b"
)


def _partner_proposals(paras: list[Paragraph]) -> list[Proposal]:
    out = []
    for para in paras:
        for m in _PARTNER.finditer(para.text):
            name = re.sub(r"^(?:The|the)\s+", "", m.group(1)).strip()
            if len(name.split()) < 2:
                continue
            out.append(Proposal("partner", strategy_key(name), name, para, 0.7, {"name": name}))
        for m in re.finditer(r"\b(schools|PCT|police|voluntary sector|health|probation)\b", para.text):
            if re.search(r"partners?|including|agencies", para.text, re.I):
                out.append(Proposal("partner", m.group(1).lower(), m.group(1), para, 0.5, {"name": m.group(1)}))
    return _dedupe(out)


_PERSON = re.compile(
    r"(?:(?:Councillor|Cllr\.?)\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}),\s+"
    r"((?:Cabinet Member|Director|Deputy Director|Assistant Director"
    r"|Head|Planning Manager|Chief Executive|Lead Member|Corporate Director)[^,\n]{0,80})"
)


def _people_proposals(paras: list[Paragraph], text: str) -> list[Proposal]:
    out = []
    for para in paras:
        for m in _PERSON.finditer(para.text):
            out.append(
                Proposal(
                    "person",
                    _slug(m.group(1)),
                    f"{m.group(1)}, {m.group(2).strip()}",
                    para,
                    0.75,
                    {"name": m.group(1), "post": m.group(2).strip()},
                )
            )
        for m in re.finditer(r"(?:Councillor|Cllr\.?)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})", para.text):
            out.append(
                Proposal(
                    "person", _slug(m.group(1)), f"Councillor {m.group(1)}", para, 0.7, {"name": m.group(1), "post": ""}
                )
            )
    return _dedupe(out)


def _outcome_proposals(paras: list[Paragraph]) -> list[Proposal]:
    out = []
    for i, para in enumerate(paras):
        if not re.search(r"\b(?:three|four|five|six|key|following)\s+(?:key\s+)?outcomes\b", para.text, re.I):
            continue
        items = re.findall(r"[-•·]\s*([A-Z][^-•·;:]{3,60})", para.text)
        if not items:
            for follow in paras[i + 1 : i + 5]:
                if len(follow.text) < 60 and not follow.text.endswith("."):
                    items.append(follow.text)
        for item in items:
            label = item.strip(" ;,.").removeprefix("and ").strip()
            out.append(Proposal("outcome", strategy_key(label), label, para, 0.6, {"label": label}))
    return _dedupe(out)


_COUNT = re.compile(
    r"\b(around|approximately|about|over|more than|at least|some|nearly|almost|up to)?\s*(\d[\d,]*)\s+"
    r"((?:children|young people|practitioners|parents|pupils|residents|people|responses|participants|staff)"
    r"(?:\s+and\s+(?:young people|managers|carers))?)",
    re.I,
)
_QUALIFIER = {
    "around": CYP.Approximately,
    "approximately": CYP.Approximately,
    "about": CYP.Approximately,
    "some": CYP.Approximately,
    "nearly": CYP.AtMost,
    "almost": CYP.AtMost,
    "up to": CYP.AtMost,
    "over": CYP.MoreThan,
    "more than": CYP.MoreThan,
    "at least": CYP.AtLeast,
}


def _consultation_proposals(paras: list[Paragraph]) -> list[Proposal]:
    out = []
    for para in paras:
        if not re.search(r"consult|views|involved|attended|survey|engag", para.text, re.I):
            continue
        for m in _COUNT.finditer(para.text):
            n = int(m.group(2).replace(",", ""))
            if 1900 <= n <= 2100:
                continue
            qualifier = (m.group(1) or "").lower()
            out.append(
                Proposal(
                    "consultation",
                    str(n),
                    m.group(0).strip(),
                    para,
                    0.8,
                    {"count": n, "qualifier": _QUALIFIER.get(qualifier, CYP.Exact), "who": m.group(3).lower()},
                )
            )
    return _dedupe(out)


def _risk_proposals(text: str, paras: list[Paragraph]) -> list[Proposal]:
    out = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) >= 3 and re.fullmatch(r"[A-F][1-6]", cells[-1]):
            para = next((p for p in paras if cells[0][:30] in p.text), paras[0])
            out.append(
                Proposal(
                    "risk",
                    _slug(cells[0]),
                    cells[0],
                    para,
                    0.85,
                    {
                        "title": cells[0],
                        "description": cells[1] if len(cells) > 3 else "",
                        "mitigation": cells[-2],
                        "rating": cells[-1],
                    },
                )
            )
    return _dedupe(out)


@dataclass
class Draft:
    """What extraction proposes for one report."""

    report: str
    paragraphs: list[Paragraph]
    proposals: list[Proposal]

    def by_kind(self, kind: str) -> list[Proposal]:
        return [p for p in self.proposals if p.kind == kind]


def extract_text(text: str, report: str) -> Draft:
    """Propose statements from a report's text; `report` is the report's id (slug)."""
    paras = paragraphs(text)
    if not paras:
        raise ExtractError("no text to extract from", file=report, hint="check the file holds the report's text")
    plan = _plan_proposal(paras, text)
    proposals: list[Proposal] = [plan] if plan else []
    proposals += _meeting_proposals(paras, _report_date(paras))
    proposals += _legislation_proposals(paras)
    proposals += _strategy_proposals(paras, plan)
    proposals += _partner_proposals(paras)
    proposals += _people_proposals(paras, text)
    proposals += _outcome_proposals(paras)
    proposals += _consultation_proposals(paras)
    proposals += _risk_proposals(text, paras)
    return Draft(report, paras, proposals)


def extract_file(path: Path) -> Draft:
    """Read and extract one report; its id is its file name's slug."""
    return extract_text(read_report(path), _slug(path.stem) or "report")


# --- output ---------------------------------------------------------------------------------------


def draft_graph(draft: Draft) -> Graph:
    """The proposals as Turtle-ready RDF: each node cites its paragraph and carries cyp:confidence."""
    g = Graph()
    for prefix, ns in (
        ("cyp", CYP),
        ("dcterms", DCTERMS),
        ("prov", PROV),
        ("skos", SKOS),
        ("leg", LEG),
        ("org", ORG),
        ("foaf", FOAF),
    ):
        g.bind(prefix, ns)
    rid = draft.report
    report = ID[f"report/{rid}"]
    g.add((report, RDF.type, CYP.Report))
    g.add((report, DCTERMS.title, Literal(draft.paragraphs[0].text[:200])))

    def para_iri(p: Paragraph) -> URIRef:
        node = ID[f"paragraph/{rid}-p{_slug(p.number.replace('.', '-').replace('(', '-')) or 'x'}"]
        if (node, RDF.type, CYP.Paragraph) not in g:
            g.add((node, RDF.type, CYP.Paragraph))
            g.add((node, CYP.paragraphNumber, Literal(p.number)))
            g.add((node, DCTERMS.isPartOf, report))
            g.add((node, CYP.text, Literal(p.text)))
        return node

    plan_node = None
    for prop in draft.proposals:
        source = para_iri(prop.paragraph)
        conf = Literal(str(round(prop.confidence, 2)), datatype=XSD.decimal)
        d = prop.details
        node: URIRef | None = None
        if prop.kind == "plan":
            node = plan_node = ID[f"plan/{_slug(prop.key)}"]
            g.add((node, RDF.type, CYP.ChildrenAndYoungPeoplesPlan))
            g.add((node, DCTERMS.title, Literal(d["title"])))
            g.add((node, CYP.periodStart, Literal(d["period"][0], datatype=XSD.gYear)))
            g.add(
                (
                    node,
                    CYP.periodEnd,
                    Literal(
                        d["period"][1] if len(d["period"][1]) == 4 else d["period"][0][:2] + d["period"][1],
                        datatype=XSD.gYear,
                    ),
                )
            )
            if d.get("authority"):
                g.add((node, CYP.authority, ID[f"authority/{d['authority']}"]))
        elif prop.kind == "meeting":
            node = ID[f"meeting/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, CYP.Meeting))
            g.add((node, RDFS.label, Literal(prop.label)))
            g.add((node, CYP.meetingDate, Literal(d["date"], datatype=XSD.date)))
            g.add((node, DCTERMS.description, Literal(f"a meeting of: {d['body']}")))
        elif prop.kind == "legislation":
            if d.get("iri") is None:
                continue
            node = URIRef(d["iri"])
            g.add((node, RDF.type, CYP.LegislativeProvision))
            g.add((node, RDFS.label, Literal(prop.label)))
            if plan_node is not None:
                g.add((plan_node, CYP.legalBasis, node))
            g.add((report, DCTERMS.references, node))
            continue
        elif prop.kind == "strategy":
            node = ID[f"plan/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, CYP.Plan))
            g.add((node, DCTERMS.title, Literal(d["name"])))
        elif prop.kind == "partner":
            node = ID[f"organisation/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, ORG.Organization))
            g.add((node, SKOS.prefLabel, Literal(d["name"])))
        elif prop.kind == "person":
            node = ID[f"person/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, FOAF.Person))
            g.add((node, FOAF.name, Literal(d["name"])))
            if d.get("post"):
                post = ID[f"post/{rid}-{_slug(prop.key)}-post"]
                g.add((post, RDF.type, ORG.Post))
                g.add((post, RDFS.label, Literal(d["post"])))
                g.add((post, ORG.heldBy, node))
                g.add((post, PROV.wasDerivedFrom, source))
                g.add((post, CYP.confidence, conf))
        elif prop.kind == "outcome":
            node = ID[f"outcome/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, CYP.Outcome))
            g.add((node, SKOS.prefLabel, Literal(d["label"])))
            if plan_node is not None:
                g.add((plan_node, CYP.hasOutcome, node))
        elif prop.kind == "consultation":
            node = ID[f"consultation/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, CYP.Consultation))
            g.add((node, CYP.participantCount, Literal(d["count"], datatype=XSD.integer)))
            g.add((node, CYP.countQualifier, d["qualifier"]))
            g.add((node, CYP.participantKind, Literal(d["who"])))
            if plan_node is not None:
                g.add((node, CYP.consultationOn, plan_node))
        elif prop.kind == "risk":
            node = ID[f"risk/{rid}-{_slug(prop.key)}"]
            g.add((node, RDF.type, CYP.Risk))
            g.add((node, DCTERMS.title, Literal(d["title"])))
            if d.get("description"):
                g.add((node, DCTERMS.description, Literal(d["description"])))
            g.add((node, CYP.mitigation, Literal(d["mitigation"])))
            g.add((node, CYP.riskRating, Literal(d["rating"])))
            if plan_node is not None:
                g.add((node, CYP.riskTo, plan_node))
        if node is not None:
            g.add((node, PROV.wasDerivedFrom, source))
            g.add((node, CYP.confidence, conf))
    return g


def review_rows(draft: Draft) -> list[dict[str, str]]:
    """One row per proposal, for a person to accept or reject."""
    return [
        {
            "kind": p.kind,
            "statement": p.label if p.kind != "meeting" else f"{p.details['body']} on {p.details['date'].isoformat()}",
            "key": p.key,
            "paragraph": p.paragraph.number,
            "confidence": f"{p.confidence:.2f}",
            "evidence": p.paragraph.text[:160],
        }
        for p in draft.proposals
    ]


def review_table(draft: Draft) -> Table:
    """The review rows as a terminal table."""
    table = Table("kind", "statement", "paragraph", "confidence", title=f"draft from {draft.report}: review before use")
    for row in review_rows(draft):
        table.add_row(row["kind"], row["statement"], row["paragraph"], row["confidence"])
    return table


def review_csv(draft: Draft) -> str:
    """The review rows as CSV (for a spreadsheet)."""
    buf = io.StringIO()
    rows = review_rows(draft)
    writer = csv.DictWriter(
        buf, fieldnames=["kind", "statement", "key", "paragraph", "confidence", "evidence"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_draft(draft: Draft, out: Path) -> Path:
    """Write the draft's Turtle, headed by a reminder that it is unreviewed."""
    header = (
        f"# DRAFT extracted automatically from report {draft.report} by `cypkg extract`.\n"
        "# Every statement carries cyp:confidence and the paragraph it came from. Review it before loading:\n"
        "# it is never merged into the store automatically.\n\n"
    )
    out.write_text(header + draft_graph(draft).serialize(format="turtle"), encoding="utf-8")
    return out
