"""The one writer of the extraction corpus's PDF and DOCX fixtures, and the check of the held-out gold files.

Each held-out split's `build.py` holds only its documents' text and the rules its gold files keep, and
calls `main`. Documents are written with fpdf2 and python-docx with fixed metadata dates and zip member
times, so a rebuild gives the same bytes; whatever differs between splits and is in those bytes (the
script named as producer or author, the table column widths, the page header and footer) is a field of
`Pdf` or `Docx`, not a copy of the writer. `build_fixtures.py` (the tuning splits' text sources) uses the
page frame and the zip-time fix.

The check is what the gold files promise a scorer: every evidence string occurs verbatim in the
document's text (HTML's visible text; runs of white space read as one space) and in the text pypdf or
python-docx reads back from the built file, and every field holds a value of the agreed form.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[2]
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
BANNER = "Fictional test fixture for cypkg: not a record of any council."

Row = tuple[str, ...]
# (style, text): "title" and "h" headings, "p" a paragraph, "b" a bulleted and "n" a numbered Word list
# paragraph (the bullet or number is not in the text), "row" a table row (the first of a run is its header).
Block = tuple[str, str | Row]
Content = Sequence[Block]

# --- Writing --------------------------------------------------------------------------------


def fix_zip_dates(path: Path, when: dt.datetime) -> None:
    """Rewrite a .docx (a zip) with one fixed time for every member, so a rebuild gives the same bytes."""
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, data)


def framed_pdf(
    header: Sequence[str], footer: str, page_label: str, *, line: float = 4, gap: float = 4, footer_line: float = 4
) -> FPDF:
    """An A4 fpdf2 document whose pages carry the header lines (8pt) and a centred footer 'FOOTER{page_label}N'."""
    from fpdf import FPDF

    class Framed(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "", 8)
            for text in header:
                self.cell(0, line, text, new_x="LMARGIN", new_y="NEXT")
            self.ln(gap)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.cell(0, footer_line, f"{footer}{page_label}{self.page_no()}", align="C")

    return Framed(format="A4")


def _flatten(header: Sequence[str], content: Content, footer: Sequence[str]) -> str:
    """The document's text as written: header lines, each block (a table row's cells one to a line), footer."""
    lines = list(header)
    for _, text in content:
        lines.extend(text if isinstance(text, tuple) else [text])
    return "\n".join([*lines, *footer])


def _runs(content: Content) -> list[tuple[str, str] | list[Row]]:
    """The blocks with each run of table rows gathered into one list."""
    out: list[tuple[str, str] | list[Row]] = []
    for style, text in content:
        if style == "row" and isinstance(text, tuple):
            if out and isinstance(out[-1], list):
                out[-1].append(text)
            else:
                out.append([text])
        elif isinstance(text, str):
            out.append((style, text))
        else:
            raise SystemExit(f"a {style!r} block holds a row: {text!r}")
    return out


@dataclass(frozen=True)
class Pdf:
    """A held-out PDF: its text, running header and footer, and what else is in its bytes."""

    name: str
    title: str
    header: tuple[str, ...]
    footer: str
    content: Content
    producer: str  # the build script named in the file's metadata
    page_label: str = " - Page "  # between the footer text and the page number
    widths: tuple[int, ...] | None = None  # table column widths (mm)

    def write(self, path: Path) -> None:
        """Headings (h) and paragraphs (p) in Helvetica, table rows (row) as fpdf2 tables."""
        pdf = framed_pdf(self.header, self.footer, self.page_label)
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_producer(self.producer)
        pdf.set_title(self.title)
        pdf.set_margins(20, 14, 20)
        pdf.set_auto_page_break(True, margin=20)
        pdf.add_page()
        for block in _runs(self.content):
            if isinstance(block, list):
                pdf.set_font("Helvetica", "", 9)
                with pdf.table(col_widths=self.widths, text_align="LEFT") as table:
                    for cells in block:
                        table.row(cells)
                pdf.ln(3)
            elif block[0] == "h":
                pdf.set_font("Helvetica", "B", 11)
                pdf.multi_cell(0, 6, block[1], new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            elif block[0] == "p":
                pdf.set_font("Helvetica", "", 10)
                pdf.multi_cell(0, 5, block[1], new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            else:
                raise SystemExit(f"{self.name}: a PDF has no {block[0]!r} blocks (h, p, row)")
        pdf.output(str(path))

    def text(self) -> str:
        return _flatten(self.header, self.content, [self.footer])


@dataclass(frozen=True)
class Docx:
    """A held-out Word document: its text, page header, and what else is in its bytes."""

    name: str
    title: str
    content: Content
    author: str  # the build script named in the file's core properties
    header: tuple[str, ...] = ()

    def write(self, path: Path) -> None:
        """Real Word headings, list paragraphs and tables ("Table Grid"), and fixed core properties."""
        import docx

        document = docx.Document()
        props = document.core_properties
        props.author = self.author
        props.title = self.title
        props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
        props.last_modified_by = "cypkg"
        props.revision = 1
        if self.header:
            header = document.sections[0].header
            header.paragraphs[0].text = self.header[0]
            for line in self.header[1:]:
                header.add_paragraph(line)
        styles = {"p": None, "b": "List Bullet", "n": "List Number"}
        for block in _runs(self.content):
            if isinstance(block, list):
                table = document.add_table(rows=0, cols=len(block[0]))
                table.style = "Table Grid"
                for cells in block:
                    for cell, value in zip(table.add_row().cells, cells, strict=True):
                        cell.text = value
            elif block[0] in ("title", "h"):
                document.add_heading(block[1], level=1 if block[0] == "title" else 2)
            elif block[0] in styles:
                document.add_paragraph(block[1], style=styles[block[0]])
            else:
                raise SystemExit(f"{self.name}: a DOCX has no {block[0]!r} blocks (title, h, p, b, n, row)")
        document.save(str(path))
        fix_zip_dates(path, FIXED_DATE)

    def text(self) -> str:
        return _flatten(self.header, self.content, [])


# --- Reading each document's text -----------------------------------------------------------

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "header",
    "footer",
    "nav",
    "main",
    "article",
    "aside",
    "dt",
    "dd",
    "dl",
    "caption",
    "form",
    "button",
    "label",
}
HIDDEN_TAGS = {"script", "style", "head", "template", "noscript"}


class _Visible(HTMLParser):
    """Collect the text a browser shows: no head, script, style or comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_html(text: str) -> str:
    parser = _Visible()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_back(path: Path) -> str | None:
    """The text pypdf or python-docx reads from a built PDF or DOCX (a DOCX's page header and table
    cells too); None for plain text and HTML."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for section in document.sections for p in section.header.paragraphs]
        parts += [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    return None


# --- Checking the gold files ----------------------------------------------------------------

KINDS = (
    "plan",
    "authority",
    "meeting",
    "decision",
    "body",
    "person",
    "partner",
    "outcome",
    "priority",
    "pledge",
    "strategy",
    "legislation",
    "indicator",
    "consultation",
    "review",
)
# The kinds the list work added (README of benchmarks/extraction).
LIST_KINDS = ("risk", "target_group", "monitoring", "duty", "membership")
BODY_KINDS = {
    "Cabinet",
    "FullCouncil",
    "ScrutinyCommittee",
    "HealthAndWellbeingBoard",
    "ChildrensTrustBoard",
    "ChildrensTrust",
    "SafeguardingPartnership",
    "ImprovementBoard",
    "StrategicTransformationBoard",
    "OfficerGroup",
    "CabinetMember",
    "PartnershipBoard",
    "Other",
}
PARTNER_KINDS = {
    "NHSBody",
    "PoliceForce",
    "SchoolsPartner",
    "VoluntarySectorOrganisation",
    "YouthOffendingService",
    "PartnerGroup",
    "Other",
}
STATUSES = {"resolved", "recommended", "intended"}
ABOUTS = {"plan", "minutes", "chair", "membership", "report-request", "next-steps", "other"}
QUALIFIERS = {"approximately", "exact", "at-least", "more-than", None}
FREQUENCIES = {"quarterly", "six-monthly", "annually", "bi-annually", None}
PLAN_STATUSES = {"draft", "for-consultation", "approved", None}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
YEAR = re.compile(r"^\d{4}$")
LEGISLATION = "http://www.legislation.gov.uk/id/"


@dataclass(frozen=True)
class Split:
    """A held-out split: its folder (named as the gold files' split), its built documents, and its rules."""

    folder: Path
    documents: tuple[Pdf | Docx, ...]
    list_work: bool = True  # the kinds the list work added, and the checks of the fields it added
    banner_first: bool = True  # the banner is the first visible line (else: anywhere in the text)
    squash_plain_text: bool = True  # plain text's runs of white space read as one space (else: verbatim)
    all_kinds: bool = False  # every kind is present, an empty list where the document states none
    one_entry_per_fact: bool = False  # no kind lists the same fact twice

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def kinds(self) -> tuple[str, ...]:
        return (*KINDS, *LIST_KINDS) if self.list_work else KINDS


def document_text(split: Split, path: Path) -> str:
    """The text evidence is checked against: plain text as is, HTML's visible text, a built file's text."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return visible_html(path.read_text(encoding="utf-8"))
    for document in split.documents:
        if document.name == path.name:
            return document.text()
    raise SystemExit(f"{path}: not a .txt or .html file, nor a document {split.folder}/build.py builds")


def check_gold(split: Split, gold_path: Path) -> list[str]:
    """Every problem in one gold file, as 'file: kind[i]: what is wrong'."""
    errors: list[str] = []
    name = gold_path.name
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]
    if not source.exists():
        return [f"{name}: source {gold['source']} does not exist"]
    if gold.get("split") != split.name:
        errors.append(f"{name}: split is {gold.get('split')!r}, not {split.name!r}")
    if gold.get("report_date") is not None and not DATE.match(gold["report_date"]):
        errors.append(f"{name}: report_date {gold['report_date']!r} is not ISO")
    unknown = set(gold) - set(split.kinds) - {"source", "split", "style", "report_date", "note"}
    if unknown:
        errors.append(f"{name}: unknown keys {sorted(unknown)}")
    missing = set(split.kinds) - set(gold)
    if split.all_kinds and missing:
        errors.append(f"{name}: missing kinds {sorted(missing)} (write an empty list)")
    text = document_text(split, source)
    if split.banner_first:
        first_line = next((line for line in text.splitlines() if line.strip()), "")
        if first_line.strip() != BANNER:
            errors.append(f"{name}: the document's first visible line is not the fictional-fixture banner")
    elif BANNER not in text:
        errors.append(f"{name}: the document does not carry the fictional-fixture banner")
    loose = split.squash_plain_text or source.suffix != ".txt"
    haystack = squash(text) if loose else text
    readback = read_back(source)
    for kind in split.kinds:
        for i, item in enumerate(gold.get(kind, [])):
            where = f"{name}: {kind}[{i}]"
            evidence = item.get("evidence") or ""
            if not squash(evidence) or (squash(evidence) if loose else evidence) not in haystack:
                errors.append(f"{where}: evidence not in the document: {item.get('evidence')!r}")
            elif readback is not None and squash(evidence) not in squash(readback):
                errors.append(f"{where}: evidence not in the text read back from {source.name}")
            errors.extend(f"{where}: {problem}" for problem in check_item(kind, item, split.list_work))
    return errors


def check_item(kind: str, item: dict, list_work: bool) -> list[str]:
    """Problems with one entry's fields (with `list_work`, also those of the fields the list work added)."""
    problems = []
    if kind == "plan":
        for key in ("start", "end"):
            if item[key] is not None and not YEAR.match(item[key]):
                problems.append(f"{key} {item[key]!r} is not a four-digit year")
    if kind in ("meeting", "body") and item["body_kind"] not in BODY_KINDS:
        problems.append(f"body_kind {item['body_kind']!r} is not one of the agreed kinds")
    if kind in ("meeting", "review") and item["date"] is not None and not DATE.match(item["date"]):
        problems.append(f"date {item['date']!r} is not ISO at a precision")
    if kind == "decision":
        if item["status"] not in STATUSES:
            problems.append(f"status {item['status']!r} is not one of {sorted(STATUSES)}")
        if item["about"] not in ABOUTS:
            problems.append(f"about {item['about']!r} is not one of {sorted(ABOUTS)}")
    if kind == "partner" and item["partner_kind"] not in PARTNER_KINDS:
        problems.append(f"partner_kind {item['partner_kind']!r} is not an agreed kind")
    if kind == "consultation" and item["qualifier"] not in QUALIFIERS:
        problems.append(f"qualifier {item['qualifier']!r} is not an agreed qualifier")
    if kind == "legislation" and not item["iri"].startswith(LEGISLATION):
        problems.append(f"iri {item['iri']!r} is not a legislation.gov.uk id")
    if not list_work:
        return problems
    if kind == "plan" and item.get("status", "") not in PLAN_STATUSES:
        problems.append(f"status {item.get('status')!r} is not an agreed plan status")
    if kind == "priority" and "owner" not in item:
        problems.append("priority has no owner key (null when the document names none)")
    if kind == "consultation":
        for key in ("start", "end"):
            if item[key] is not None and not DATE.match(item[key]):
                problems.append(f"{key} {item[key]!r} is not ISO at a precision")
    if kind == "monitoring" and item["frequency"] not in FREQUENCIES:
        problems.append(f"frequency {item['frequency']!r} is not one of the agreed frequencies")
    if kind == "duty" and not item["iri"].startswith(LEGISLATION):
        problems.append(f"iri {item['iri']!r} is not a legislation.gov.uk id")
    return problems


def repeated_facts(gold_path: Path) -> list[str]:
    """Entries that state the same fact twice in one kind (one entry per distinct fact)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    errors: list[str] = []
    for kind, items in gold.items():
        if not isinstance(items, list):
            continue
        seen: set[str] = set()
        for i, item in enumerate(items):
            key = json.dumps({k: v for k, v in item.items() if k != "evidence"}, sort_keys=True)
            if key in seen:
                errors.append(f"{gold_path.name}: {kind}[{i}]: the same fact twice")
            seen.add(key)
    return errors


def main(split: Split, description: str | None) -> int:
    """Rebuild the split's documents (unless --check), then check every gold file in its folder."""
    parser = argparse.ArgumentParser(description=(description or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, do not rebuild")
    args = parser.parse_args()
    if not args.check:
        for document in split.documents:
            document.write(split.folder / document.name)
    golds = sorted(split.folder.glob("*.gold.json"))
    errors: list[str] = []
    for gold_path in golds:
        errors.extend(check_gold(split, gold_path))
        if split.one_entry_per_fact:
            errors.extend(repeated_facts(gold_path))
    for line in errors:
        print(line, file=sys.stderr)
    print(f"{len(golds)} gold files, {len(errors)} problems")
    return 1 if errors else 0
