"""Build the held-out-2 PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out-2/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out-2/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (in the project's test extra); the built files are committed, so
the extractor and its scorer never run this. The writers and the check are ../fixture_writer.py's;
this script holds this split's documents and the rules its gold files keep: the kinds and fields the
list work added (risk, target_group, monitoring, duty, membership) as well as the first split's, runs
of white space read as one space everywhere (as the scorer reads them), the fictional-fixture banner
as the first visible line.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from fixture_writer import BANNER, Docx, Pdf, Split, main

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

MADE_BY = "cypkg held-out-2 build.py"
PDF = Pdf(PDF_NAME, PDF_TITLE, PDF_HEADER, PDF_FOOTER, PDF_CONTENT, producer=MADE_BY, widths=(50, 45, 75))
DOCX = Docx(DOCX_NAME, DOCX_TITLE, DOCX_CONTENT, author=MADE_BY)
SPLIT = Split(HERE, (PDF, DOCX))

if __name__ == "__main__":
    sys.exit(main(SPLIT, __doc__))
