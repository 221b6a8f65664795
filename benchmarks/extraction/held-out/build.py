"""Build the held-out PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (not project dependencies: the built files are committed, so
the extractor and its scorer never run this). The PDF and DOCX are written with fixed metadata
dates, so a rebuild gives the same bytes.

The check is what the gold files promise a scorer: every evidence string occurs verbatim in the
document's text (plain text as is; HTML's visible text, PDF and DOCX text with runs of white space
read as one space), and every field holds a value of the agreed form.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
BANNER = "Fictional test fixture for cypkg: not a record of any council."

BODY_KINDS = {
    "Cabinet", "FullCouncil", "ScrutinyCommittee", "HealthAndWellbeingBoard", "ChildrensTrustBoard",
    "ChildrensTrust", "SafeguardingPartnership", "ImprovementBoard", "StrategicTransformationBoard",
    "OfficerGroup", "CabinetMember", "PartnershipBoard", "Other",
}
PARTNER_KINDS = {
    "NHSBody", "PoliceForce", "SchoolsPartner", "VoluntarySectorOrganisation",
    "YouthOffendingService", "PartnerGroup", "Other",
}
STATUSES = {"resolved", "recommended", "intended"}
ABOUTS = {"plan", "minutes", "chair", "membership", "report-request", "next-steps", "other"}
QUALIFIERS = {"approximately", "exact", "at-least", "more-than", None}
KINDS = (
    "plan", "authority", "meeting", "decision", "body", "person", "partner", "outcome", "priority",
    "pledge", "strategy", "legislation", "indicator", "consultation", "review",
)
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
YEAR = re.compile(r"^\d{4}$")


# --- The PDF: partnership-board minutes -----------------------------------------------------

PDF_NAME = "oakhurst-2006-06-28-partnership-board-minutes.pdf"
# Each entry is (style, text): "h" heading, "p" paragraph, "small" running header or footer line.
PDF_CONTENT: list[tuple[str, str]] = []

# --- The DOCX: Children's Trust Board minutes with no year --------------------------------

DOCX_NAME = "dunmoor-2017-childrens-trust-board-minutes.docx"
DOCX_CONTENT: list[tuple[str, str]] = []


def build_pdf(path: Path) -> None:
    """Write the minutes as a small, text-bearing PDF with fixed metadata."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("cypkg held-out build.py")
    pdf.set_title("Oakhurst Children and Young People's Partnership Board: minutes")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for style, text in PDF_CONTENT:
        if style == "h":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif style == "small":
            pdf.set_font("Helvetica", "", 8)
            pdf.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))


def build_docx(path: Path) -> None:
    """Write the minutes as a DOCX with fixed core properties."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "cypkg held-out build.py"
    props.title = "Dunmoor Children's Trust Board: minutes"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "cypkg"
    props.revision = 1
    for style, text in DOCX_CONTENT:
        if style == "h":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    document.save(str(path))
    _fix_zip_dates(path)


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the zip with one fixed date per member, so rebuilding gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, data)


# --- Reading each document's text -----------------------------------------------------------

BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "section", "header", "footer", "nav", "main", "article", "aside", "dt", "dd", "dl",
    "caption", "form", "button", "label",
}


class _Visible(HTMLParser):
    """Collect the text a browser shows: no head, script, style or comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head", "template", "noscript"}:
            self.hidden += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head", "template", "noscript"}:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK:
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


def document_text(path: Path) -> tuple[str, bool]:
    """The text evidence is checked against, and whether white space is squashed first."""
    suffix = path.suffix
    if suffix == ".txt":
        return path.read_text(encoding="utf-8"), False
    if suffix == ".html":
        return visible_html(path.read_text(encoding="utf-8")), True
    if suffix == ".pdf":
        return "\n".join(text for _, text in PDF_CONTENT), True
    if suffix == ".docx":
        return "\n".join(text for _, text in DOCX_CONTENT), True
    raise SystemExit(f"{path}: no reader for {suffix}")


def extracted_text(path: Path) -> str | None:
    """The text a library reads back from a built PDF or DOCX (None for text and HTML)."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return None


# --- Checking the gold files ----------------------------------------------------------------


def check_gold(gold_path: Path) -> list[str]:
    """Every problem in one gold file, as 'file: kind[i]: what is wrong'."""
    errors: list[str] = []
    name = gold_path.name
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]
    if not source.exists():
        return [f"{name}: source {gold['source']} does not exist"]
    if gold.get("split") != "held-out":
        errors.append(f"{name}: split is {gold.get('split')!r}, not 'held-out'")
    if gold.get("report_date") is not None and not DATE.match(gold["report_date"]):
        errors.append(f"{name}: report_date {gold['report_date']!r} is not ISO")
    unknown = set(gold) - set(KINDS) - {"source", "split", "style", "report_date", "note"}
    if unknown:
        errors.append(f"{name}: unknown keys {sorted(unknown)}")
    text, loose = document_text(source)
    if BANNER not in text:
        errors.append(f"{name}: the document does not carry the fictional-fixture banner")
    haystack = squash(text) if loose else text
    readback = extracted_text(source)
    for kind in KINDS:
        for i, item in enumerate(gold.get(kind, [])):
            where = f"{name}: {kind}[{i}]"
            evidence = item.get("evidence", "")
            needle = squash(evidence) if loose else evidence
            if not evidence or needle not in haystack:
                errors.append(f"{where}: evidence not in the document: {evidence!r}")
            elif readback is not None and squash(evidence) not in squash(readback):
                errors.append(f"{where}: evidence not in the text read back from {source.name}")
            errors.extend(f"{where}: {problem}" for problem in check_item(kind, item))
    return errors


def check_item(kind: str, item: dict) -> list[str]:
    """Problems with one entry's fields."""
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
    if kind == "legislation" and not item["iri"].startswith("http://www.legislation.gov.uk/id/"):
        problems.append(f"iri {item['iri']!r} is not a legislation.gov.uk id")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, do not rebuild")
    args = parser.parse_args()
    if not args.check:
        if PDF_CONTENT:
            build_pdf(HERE / PDF_NAME)
        if DOCX_CONTENT:
            build_docx(HERE / DOCX_NAME)
    errors: list[str] = []
    golds = sorted(HERE.glob("*.gold.json"))
    for gold_path in golds:
        errors.extend(check_gold(gold_path))
    for line in errors:
        print(line, file=sys.stderr)
    print(f"{len(golds)} gold files, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
