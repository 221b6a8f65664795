"""Build the held-out-2 PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out-2/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out-2/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (in the project's test extra); the built files are committed, so
the extractor and its scorer never run this. The PDF and DOCX are written with fixed metadata
dates, so a rebuild gives the same bytes.

The check is what the gold files promise a scorer: every evidence string occurs verbatim in the
document's text (HTML's visible text; plain text, PDF and DOCX text as written; runs of white space
read as one space everywhere, as the scorer reads them), and every field holds a value of the agreed
form. The readers (HTML's visible text, the text read back from a PDF or DOCX) and the field checks
are the first held-out split's (../held-out/build.py), loaded from that script; this one adds the
checks of the keys the list work added (risk, target_group, monitoring, duty, membership).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def _first_split() -> ModuleType:
    """The first held-out split's build script, whose readers and field checks this split shares."""
    spec = importlib.util.spec_from_file_location("held_out_build", HERE.parent / "held-out" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIRST = _first_split()
BANNER: str = FIRST.BANNER
FIXED_DATE = FIRST.FIXED_DATE
DATE = FIRST.DATE
FREQUENCIES = {"quarterly", "six-monthly", "annually", "bi-annually", None}
PLAN_STATUSES = {"draft", "for-consultation", "approved", None}
SPLIT = "held-out-2"
# The first split's kinds and the five the list work added (README of benchmarks/extraction).
KINDS = (*FIRST.KINDS, "risk", "target_group", "monitoring", "duty", "membership")


# --- The DOCX: partnership minutes (Marrowby, 2022) -----------------------------------------

DOCX_NAME = "marrowby-2022-09-20-partnership-minutes.docx"
DOCX_TITLE = "Marrowby Children and Young People's Partnership: minutes"

# (style, text): "title" and "h" are headings, "b" a bulleted paragraph, "p" a paragraph.
DOCX_CONTENT: list[tuple[str, str]] = [
    ("p", BANNER),
    ("title", "Marrowby Children and Young People's Partnership"),
    (
        "p",
        "Minutes of the meeting held on Tuesday 20 September 2022 at 10.00am in Committee Room 2, "
        "Marrowby Town Hall, and on Microsoft Teams",
    ),
    ("h", "Present"),
    ("b", "Councillor Sandra Pyke, Cabinet Member for Children and Young People (Chair)"),
    ("b", "Joanne Threlfall, Director of Children's Services, Marrowby MBC"),
    (
        "b",
        "Dr Amir Haddad, Place Director (Marrowby), NHS Marrowby and Eastfold Integrated Care Board",
    ),
    ("b", "Chief Inspector Lee Brannigan, Marrowby District, Eastfold Police"),
    (
        "b",
        "Gillian Orme, Headteacher, St Aidan's CE Primary School (representing primary schools)",
    ),
    ("b", "Paul Vickers, Principal, Marrowby College"),
    ("b", "Farida Noor, Chief Executive, Marrowby Voluntary and Community Action"),
    ("b", "Kate Summers, Service Manager, Marrowby Youth Justice Service"),
    ("h", "In attendance"),
    ("b", "Owen Pratt, Partnership Officer (minutes)"),
    ("h", "Apologies"),
    ("b", "Dr Ruth Kellett, Designated Doctor for Safeguarding Children"),
    ("b", "Martin Hale, Secondary Heads' representative, Marrowby Secondary Heads' Group"),
    ("h", "1. Election of Chair for 2022/23"),
    (
        "p",
        "Joanne Threlfall invited nominations. Councillor Sandra Pyke was nominated by Farida Noor "
        "and the nomination was seconded by Paul Vickers. There were no other nominations.",
    ),
    ("p", "The Partnership AGREED that Councillor Sandra Pyke be elected Chair for 2022/23."),
    ("h", "2. Declarations of interest"),
    ("p", "None were made."),
    ("h", "3. Minutes of the last meeting and matters arising"),
    (
        "p",
        "The minutes of the meeting held on 12 July 2022 were agreed as a true record. The action "
        "to invite the new Integrated Care Board to nominate a member was complete (item 4).",
    ),
    ("h", "4. Membership"),
    (
        "p",
        "NHS Marrowby Clinical Commissioning Group was abolished on 1 July 2022 and its work passed "
        "to the Integrated Care Board. The Partnership AGREED that the ICB's Place Director for "
        "Marrowby take the seat previously held by the CCG's Accountable Officer.",
    ),
    (
        "p",
        "Paul Vickers had attended since March as an observer. The Partnership AGREED that Marrowby "
        "College become a full member.",
    ),
    ("h", "5. Marrowby Children & Young People's Plan 2022-25"),
    (
        "p",
        "Joanne Threlfall introduced the final draft of the Marrowby Children & Young People's Plan "
        "2022-25. The consultation, which ran through June and July 2022, had drawn 1,150 replies; "
        "in addition, 64 children in care gave their views through the Children in Care Council.",
    ),
    ("p", "The draft keeps the three outcomes of the 2019 plan:"),
    ("b", "Children grow up safe"),
    ("b", "Children are healthy and happy"),
    ("b", "Young people leave school ready for the next step"),
    ("p", "Under them it sets four priorities for the next three years:"),
    ("b", "Help families early, before problems grow (Head of Early Help)"),
    ("b", "Better mental health for children and young people (Integrated Care Board)"),
    ("b", "Reduce serious youth violence (Marrowby Community Safety Partnership)"),
    ("b", "Keep children in school and learning (lead not yet agreed)"),
    (
        "p",
        "Chief Inspector Brannigan asked that the violence priority use the number of young people "
        "admitted to hospital with a knife injury as one of its measures; this was accepted. Members "
        "asked that the plan name young carers and children who are electively home educated among "
        "the groups it is for.",
    ),
    (
        "p",
        "The Partnership AGREED to endorse the final draft, subject to those changes. It will go to "
        "Cabinet for approval on 18 October 2022.",
    ),
    (
        "p",
        "The Partnership will receive a highlight report on each priority at every meeting, and an "
        "annual report each summer.",
    ),
    ("h", "6. Youth Justice Plan 2022/23"),
    (
        "p",
        "Kate Summers presented the Youth Justice Plan 2022/23, which the Youth Justice Management "
        "Board approved in August. The Partnership noted the plan and its links to the violence "
        "priority.",
    ),
    ("h", "7. Joint targeted area inspection"),
    (
        "p",
        "The report of the joint targeted area inspection of the multi-agency response to children "
        "in need of help and protection, carried out in Marrowby in May 2022, had been published. "
        "The Partnership asked the Safeguarding Children Partnership to bring its action plan to "
        "the next meeting.",
    ),
    ("h", "8. Date of next meeting"),
    ("p", "Tuesday 15 November, 10.00am, Marrowby Town Hall."),
    ("h", "Actions"),
    ("b", "Owen Pratt to update the membership list on the website."),
    ("b", "Joanne Threlfall to circulate the amended plan before it goes to Cabinet."),
]


# --- The PDF: health and wellbeing board report (Drovermoor, 2018) --------------------------

PDF_NAME = "drovermoor-2018-06-14-health-and-wellbeing-board.pdf"
PDF_TITLE = "Drovermoor Health and Wellbeing Board: Children and Young People's Plan"
PDF_HEADER = (BANNER, "Drovermoor Health and Wellbeing Board - June 2018")
PDF_FOOTER = "Drovermoor County Council"

# (style, text) or ("row", cells): "h" a heading, "p" a paragraph, "row" a table row.
PDF_CONTENT: list[tuple[str, str | tuple[str, ...]]] = [
    ("h", "DROVERMOOR COUNTY COUNCIL"),
    ("p", "Report to: Drovermoor Health and Wellbeing Board"),
    ("p", "Date: Thursday 14 June"),
    ("p", "Agenda item: 7"),
    ("p", "Title: Children and Young People Plan 2017-2020: the first year and refreshed priorities"),
    ("p", "Report by: Director of Public Health and Director of Children's Services"),
    ("p", "Author: Dr Nisha Varma, Consultant in Public Health"),
    ("h", "1. Purpose"),
    (
        "p",
        "1.1 To update the Board on the first year of the Drovermoor Children and Young People Plan "
        "2017-2020 and to seek its endorsement of the refreshed priorities set out in section 4.",
    ),
    (
        "p",
        "1.2 The plan was approved by the Executive Board in March 2017 and launched at the "
        "Drovermoor Youth Summit. It followed the Children and Young People's Plan 2014-17.",
    ),
    ("h", "2. Recommendations"),
    ("p", "2.1 The Health and Wellbeing Board is asked to:"),
    ("p", "(i) note the progress made in the first year of the plan;"),
    ("p", "(ii) endorse the refreshed priorities in section 4;"),
    (
        "p",
        "(iii) agree that the Children's Trust Executive Group reports to the Board on the plan twice a year.",
    ),
    ("h", "3. Background"),
    (
        "p",
        "3.1 The Board took over oversight of the plan in 2016, when the Drovermoor Children's Trust "
        "Board was stood down. Delivery is led by the Children's Trust Executive Group, an officers' "
        "group chaired by Alan Crewe, Director of Children's Services, with senior managers from "
        "NHS Drovermoor Clinical Commissioning Group, Drovermoor Community Health NHS Trust, "
        "Drovermoor Constabulary and the Drovermoor Association of Secondary Heads.",
    ),
    (
        "p",
        "3.2 Section 195 of the Health and Social Care Act 2012 places a duty on the Board to "
        "encourage those who commission health and social care to work together; the plan is one "
        "of the ways the Board meets that duty for children.",
    ),
    ("h", "4. Refreshed priorities"),
    (
        "p",
        "4.1 The four priorities are unchanged in substance but have been reworded after the Youth "
        "Summit. Each has a measure the Board will see twice a year.",
    ),
    ("row", ("Priority", "Lead", "Measure")),
    (
        "row",
        (
            "Healthy weight in childhood",
            "Director of Public Health",
            "% of Year 6 children who are overweight or obese",
        ),
    ),
    (
        "row",
        (
            "Emotional health and resilience",
            "NHS Drovermoor CCG",
            "Hospital admissions for self-harm, rate per 100,000 aged 10-24",
        ),
    ),
    (
        "row",
        (
            "Help before crisis",
            "-",
            "Re-referrals to children's social care within 12 months (%)",
        ),
    ),
    (
        "row",
        (
            "Children in care and care leavers do well",
            "Corporate Parenting Panel",
            "Care leavers in suitable accommodation (%)",
        ),
    ),
    (
        "p",
        "4.2 A lead for 'Help before crisis' will be agreed once the Early Help Strategy 2018-2021 has been finalised.",
    ),
    ("h", "5. Progress in the first year"),
    (
        "p",
        "5.1 Breastfeeding at 6-8 weeks rose from 39% to 43%. The proportion of Year 6 children "
        "who are overweight or obese did not change.",
    ),
    (
        "p",
        "5.2 Ofsted and the Care Quality Commission carried out a SEND local area inspection in "
        "January; their letter asked the area to improve how quickly education, health and care "
        "plans are issued. The SEND Strategy is being rewritten in response.",
    ),
    (
        "p",
        "5.3 The Youth Summit on Saturday 12 May brought together 310 young people to test the reworded priorities.",
    ),
    ("h", "6. Next steps"),
    ("p", "6.1 The next progress report will come to the Board on Thursday 13 December."),
    ("p", "Background papers: Drovermoor Children and Young People Plan 2017-2020."),
]


def build_pdf(path: Path) -> None:
    """Write the report as a small, text-bearing PDF with a running header and footer."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "", 8)
            for line in PDF_HEADER:
                self.cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 4, f"{PDF_FOOTER} - Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("cypkg held-out-2 build.py")
    pdf.set_title(PDF_TITLE)
    pdf.set_margins(20, 14, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    rows: list[tuple[str, ...]] = []
    for style, text in [*PDF_CONTENT, ("end", "")]:
        if style == "row" and isinstance(text, tuple):
            rows.append(text)
            continue
        if rows:
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=(50, 45, 75), text_align="LEFT") as table:
                for cells in rows:
                    table.row(cells)
            pdf.ln(3)
            rows = []
        if style == "h":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, str(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif style == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, str(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))


def build_docx(path: Path) -> None:
    """Write the minutes as a DOCX with fixed core properties."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "cypkg held-out-2 build.py"
    props.title = DOCX_TITLE
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "cypkg"
    props.revision = 1
    for style, text in DOCX_CONTENT:
        if style == "title":
            document.add_heading(text, level=1)
        elif style == "h":
            document.add_heading(text, level=2)
        elif style == "b":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(str(path))
    FIRST._fix_zip_dates(path)


# --- Reading each document's text -----------------------------------------------------------


def document_text(path: Path) -> str:
    """The text evidence is checked against (a PDF table's cells one to a line)."""
    suffix = path.suffix
    if suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if suffix == ".html":
        return str(FIRST.visible_html(path.read_text(encoding="utf-8")))
    if suffix == ".pdf":
        lines = list(PDF_HEADER)
        for _, text in PDF_CONTENT:
            lines.extend(text if isinstance(text, tuple) else [text])
        return "\n".join([*lines, PDF_FOOTER])
    if suffix == ".docx":
        return "\n".join(text for _, text in DOCX_CONTENT)
    raise SystemExit(f"{path}: no reader for {suffix}")


# --- Checking the gold files ----------------------------------------------------------------


def check_gold(gold_path: Path) -> list[str]:
    """Every problem in one gold file, as 'file: kind[i]: what is wrong'."""
    errors: list[str] = []
    name = gold_path.name
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]
    if not source.exists():
        return [f"{name}: source {gold['source']} does not exist"]
    if gold.get("split") != SPLIT:
        errors.append(f"{name}: split is {gold.get('split')!r}, not {SPLIT!r}")
    if gold.get("report_date") is not None and not DATE.match(gold["report_date"]):
        errors.append(f"{name}: report_date {gold['report_date']!r} is not ISO")
    unknown = set(gold) - set(KINDS) - {"source", "split", "style", "report_date", "note"}
    if unknown:
        errors.append(f"{name}: unknown keys {sorted(unknown)}")
    text = document_text(source)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if first_line.strip() != BANNER:
        errors.append(f"{name}: the document's first visible line is not the fictional-fixture banner")
    haystack = FIRST.squash(text)
    readback = FIRST.extracted_text(source)
    for kind in KINDS:
        for i, item in enumerate(gold.get(kind, [])):
            where = f"{name}: {kind}[{i}]"
            evidence = item.get("evidence", "")
            needle = FIRST.squash(evidence)
            if not evidence or needle not in haystack:
                errors.append(f"{where}: evidence not in the document: {evidence!r}")
            elif readback is not None and FIRST.squash(evidence) not in FIRST.squash(readback):
                errors.append(f"{where}: evidence not in the text read back from {source.name}")
            errors.extend(f"{where}: {problem}" for problem in check_item(kind, item))
    return errors


def check_item(kind: str, item: dict) -> list[str]:
    """Problems with one entry's fields: the first split's checks and those of the added keys."""
    problems: list[str] = list(FIRST.check_item(kind, item))
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
    if kind == "duty" and not item["iri"].startswith("http://www.legislation.gov.uk/id/"):
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
