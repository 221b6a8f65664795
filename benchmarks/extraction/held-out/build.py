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
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
BANNER = "Fictional test fixture for cypkg: not a record of any council."

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
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
YEAR = re.compile(r"^\d{4}$")


# --- The PDF: partnership-board minutes -----------------------------------------------------

PDF_NAME = "oakhurst-2006-06-28-partnership-board-minutes.pdf"
# Each entry is (style, text): "h" heading, "p" paragraph.
# The year of the meeting is printed only in this running header, on every page.
PDF_HEADER = (BANNER, "OAKHURST COUNTY COUNCIL - Children and Young People's Partnership Board 2006")
PDF_FOOTER = "OCYPPB minutes 28.06.06 v2 FINAL"
PDF_CONTENT: list[tuple[str, str]] = [
    ("h", "OAKHURST CHILDREN AND YOUNG PEOPLE'S PARTNERSHIP BOARD"),
    ("p", "Minutes of the meeting held on Wednesday 28 June at 2.00 pm in the Council Chamber, County Hall, Oakhurst"),
    (
        "p",
        "Present: Councillor Margaret Ellery (Cabinet Member for Children's Services, Oakhurst County Council) - "
        "in the Chair; Peter Danvers (Director of Children's Services, Oakhurst County Council); Dr Ruth Asante "
        "(Chief Executive, Oakhurst Primary Care Trust); Chief Superintendent Colin Mayhew (Oakhurst Division, "
        "Thamesbridge Police); Janet Lowe (Area Director, Oakhurst Learning and Skills Council); Revd Alan Pike "
        "(Director of Education, Oakhurst Diocesan Board of Education); Sue Carver (Co-ordinator, Oakhurst "
        "Voluntary Sector Forum); Kevin Hale (Head Teacher, Castle Rise School, representing secondary head teachers).",
    ),
    ("p", "In attendance: Linda Moss (Partnership Co-ordinator, minutes)"),
    ("p", "Apologies: Graham Tuck (Manager, Oakhurst Youth Offending Team)"),
    ("h", "1. ELECTION OF CHAIR AND VICE-CHAIR"),
    (
        "p",
        "1.1 Peter Danvers invited nominations for Chair of the Board for 2006/07. Councillor Margaret Ellery was "
        "nominated by Dr Ruth Asante and seconded by Sue Carver. There were no other nominations.",
    ),
    ("p", "1.2 AGREED: that Councillor Margaret Ellery be elected Chair of the Board for 2006/07."),
    ("p", "1.3 AGREED: that Dr Ruth Asante be elected Vice-Chair of the Board for 2006/07."),
    ("h", "2. MINUTES OF THE LAST MEETING"),
    (
        "p",
        "2.1 The minutes of the meeting held on 26 April 2006 were agreed as a correct record, subject to the "
        "addition of Sue Carver to the list of those present.",
    ),
    ("h", "3. MEMBERSHIP"),
    (
        "p",
        "3.1 AGREED: that the Oakhurst Youth Offending Team and the Oakhurst Connexions Partnership should each "
        "have a seat on the Board, and that the Chair write to the Oakhurst Local Safeguarding Children Board to "
        "invite its independent chair to attend as an observer.",
    ),
    ("h", "4. OAKHURST CHILDREN AND YOUNG PEOPLE'S PLAN 2006-09"),
    (
        "p",
        "4.1 Peter Danvers presented the published Oakhurst Children and Young People's Plan 2006-09, which the "
        "County Council adopted at its meeting on 23 March 2006. Copies have been sent to every school and GP "
        "surgery in the county.",
    ),
    (
        "p",
        "4.2 The Plan is built on the five Every Child Matters outcomes and sets out six priorities for the "
        "Board. Members discussed who should lead each one. AGREED: that the following partners lead the "
        "priorities named:",
    ),
    ("p", "- Reduce childhood obesity: Oakhurst Primary Care Trust"),
    ("p", "- Reduce bullying in and out of school: Oakhurst Local Safeguarding Children Board"),
    ("p", "- Raise attainment at 16 for looked after children: Director of Children's Services"),
    (
        "p",
        "- Reduce the number of young people not in education, employment or training: Oakhurst Connexions Partnership",
    ),
    (
        "p",
        "4.3 No lead has yet been identified for the other two priorities, Improve support for young carers and "
        "Increase the participation of young people in decisions about services. Progress on obesity will be "
        "measured by the proportion of Year 6 children who are obese.",
    ),
    (
        "p",
        "4.4 The Board noted that the Joint Area Review of Oakhurst will take place in the spring of 2007. "
        "AGREED: that Peter Danvers report on progress against the Plan's priorities to the Board's meeting on "
        "18 October 2006.",
    ),
    ("h", "5. TOWARDS A CHILDREN'S TRUST"),
    (
        "p",
        "5.1 Members discussed the move to a Children's Trust by 2008 and the duty to co-operate in section 10 "
        "of the Children Act 2004. Oakhurst is one of three areas in the South East piloting joint commissioning "
        "of child and adolescent mental health services.",
    ),
    (
        "p",
        "5.2 AGREED: that a Commissioning Group of officers from the County Council and the Primary Care Trust, "
        "chaired by the Director of Children's Services, be set up to prepare a joint commissioning framework.",
    ),
    ("h", "6. CONSULTATION WITH YOUNG PEOPLE"),
    (
        "p",
        "6.1 Sue Carver reported on the 'Speak Out Oakhurst' events held in May, at which some 450 young people "
        "commented on the Plan's priorities.",
    ),
    ("p", "6.2 AGREED: that a summary of the young people's comments be sent to all schools and youth groups."),
    ("h", "7. DATE OF NEXT MEETING"),
    (
        "p",
        "7.1 Wednesday 18 October 2006 at 2.00 pm, County Hall. An extraordinary meeting of the Board to agree "
        "the joint commissioning framework will be held in the autumn, date to be confirmed.",
    ),
    ("p", "Signed ................................ Chair        Date ....................."),
]

# --- The DOCX: Children's Trust Board minutes with no year --------------------------------

DOCX_NAME = "dunmoor-2017-childrens-trust-board-minutes.docx"
# The year of this meeting is printed nowhere in the document.
DOCX_CONTENT: list[tuple[str, str]] = [
    ("p", BANNER),
    ("h", "Dunmoor Children's Trust Board"),
    ("p", "Minutes of the meeting held on Wednesday 28 June, 10.00 am, Room 2.14, Dunmoor Civic Centre"),
    (
        "p",
        "Present: Councillor Sheila Brannigan (Chair), Lead Member for Children's Services; Mark Ellwood, "
        "Director of Children's Services, Dunmoor Council; Joanne Price, Chief Nurse, NHS Dunmoor Clinical "
        "Commissioning Group; Superintendent Ravi Dhillon, Northfold Police; Claire Benson, Head of Dunmoor Youth "
        "Offending Service; Father Tom Keane, Dunmoor Catholic Schools Partnership; Lisa Grant, Chief Executive, "
        "Dunmoor Voluntary Action.",
    ),
    ("p", "Apologies: Helen Marsh, Independent Chair, Dunmoor Safeguarding Children Board."),
    ("h", "1. Minutes and actions of the last meeting"),
    (
        "p",
        "The minutes of the meeting held on 26 April were agreed as an accurate record. Action 4 (school "
        "nursing data) remains open.",
    ),
    ("h", "2. Children and Young People's Plan 2017-2020"),
    (
        "p",
        "Mark Ellwood presented the final draft of the Dunmoor Children and Young People's Plan 2017-2020, "
        "Our Children, Our Promise. The draft reflects the views of 2,716 pupils who took part in the Dunmoor "
        "Schools Survey and the four priorities agreed at the Board's development session in March:",
    ),
    ("p", "Neglect - lead: Dunmoor Safeguarding Children Board"),
    ("p", "Mental health and resilience - lead: NHS Dunmoor Clinical Commissioning Group"),
    ("p", "Early years and school readiness - lead: Director of Children's Services"),
    ("p", "Youth unemployment - lead to be agreed"),
    (
        "p",
        "The Plan makes three promises to children and young people in Dunmoor: We will always listen to "
        "you. We will help your family early. We will be proud of what you achieve.",
    ),
    (
        "p",
        "Progress will be reported to the Board each quarter using the rate of referrals to children's social "
        "care per 10,000 children and the number of 16 and 17 year olds whose activity is not known.",
    ),
    ("p", "The Board agreed the Plan and recommended that Cabinet approve it in September."),
    ("h", "3. Ofsted inspection"),
    (
        "p",
        "The Board noted the findings of Ofsted's inspection of services for children in need of help and "
        "protection, published in February, and the improvement plan that responds to them.",
    ),
    ("h", "4. Safeguarding arrangements"),
    (
        "p",
        "Helen Marsh had sent a note explaining that the Dunmoor Safeguarding Children Board will be replaced "
        "by new local safeguarding arrangements under the Children and Social Work Act 2017. The Board noted "
        "the note.",
    ),
    ("h", "5. Membership"),
    ("p", "The Board agreed to invite the Principal of Dunmoor College to join the Board."),
    ("h", "6. Election of Vice-Chair"),
    ("p", "Joanne Price was elected Vice-Chair of the Board until the annual meeting."),
    ("h", "7. Any other business"),
    ("p", "The Board asked for a report on the second phase of the Troubled Families programme at its next meeting."),
    ("h", "8. Date of next meeting"),
    ("p", "Wednesday 27 September, 10.00 am, Dunmoor Civic Centre."),
]


def build_pdf(path: Path) -> None:
    """Write the minutes as a small, text-bearing PDF with a running header and footer."""
    from fpdf import FPDF

    class Minutes(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "", 8)
            for line in PDF_HEADER:
                self.cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 4, f"{PDF_FOOTER} - Page {self.page_no()}", align="C")

    pdf = Minutes(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("cypkg held-out build.py")
    pdf.set_title("Oakhurst Children and Young People's Partnership Board: minutes")
    pdf.set_margins(20, 14, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for style, text in PDF_CONTENT:
        if style == "h":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
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
        lines = [*PDF_HEADER, *(text for _, text in PDF_CONTENT), PDF_FOOTER]
        return "\n".join(lines), True
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
