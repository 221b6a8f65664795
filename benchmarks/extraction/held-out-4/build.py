"""Build the held-out-4 PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out-4/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out-4/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (in the project's test extra); the built files are committed, so
the extractor and its scorer never run this. The writers and the check are ../fixture_writer.py's;
this script holds this split's documents and the rules its gold files keep: held-out-3's, and no kind
lists the same fact twice. Both files were first built by held-out-3's script, whose name their
producer and author metadata carry (`MADE_BY`), so a rebuild gives the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from fixture_writer import BANNER, Content, Docx, Pdf, Split, main

# --- The DOCX: children's trust board minutes (Duntarrow); no year anywhere but the page header ---

DOCX_NAME = "duntarrow-2011-01-19-childrens-trust-board-minutes.docx"
DOCX_TITLE = "Duntarrow Children's Trust Board: minutes"
DOCX_HEADER = (BANNER, "DUNTARROW CHILDREN'S TRUST BOARD - MINUTES - 2011")
DOCX_CONTENT: Content = [
    ("title", "Duntarrow Children's Trust Board"),
    ("p", "Minutes of the meeting held on Wednesday 19 January at 2.00pm in Committee Room 2, Duntarrow Civic Centre"),
    ("h", "Present"),
    ("row", ("Name", "Post", "Organisation")),
    ("row", ("Councillor Margaret Ilsley (Chair)", "Executive Member for Children and Young People", "Duntarrow MBC")),
    ("row", ("Alan Brierley", "Director of Children's Services", "Duntarrow MBC")),
    ("row", ("Dr Funmi Adeyemi", "Director of Public Health", "NHS Duntarrow")),
    ("row", ("Dr Sarah Quayle", "Lead GP", "Duntarrow GP Commissioning Consortium")),
    ("row", ("Ch Supt Neil Garside", "Divisional Commander", "Eastmarch Police")),
    ("row", ("Helen Ashworth", "Headteacher, Moorside Primary School", "Duntarrow Primary Heads' Forum")),
    ("row", ("Kevin Doyle", "Principal", "Duntarrow College")),
    ("row", ("Rukhsana Begum", "Chief Executive", "Duntarrow Voluntary Action")),
    ("row", ("Peter Lomas", "Head of Service", "Duntarrow Youth Offending Service")),
    ("p", "In attendance: Joanne Whitlow, Partnership Manager (minutes)"),
    ("p", "Apologies: Councillor Terence Oldroyd; Jobcentre Plus"),
    ("h", "1. Election of Chair"),
    ("p", "Councillor Margaret Ilsley was elected Chair of the Board for the rest of the municipal year."),
    ("h", "2. Declarations of interest"),
    ("p", "None were declared."),
    ("h", "3. Minutes of the last meeting"),
    (
        "p",
        "The minutes of the meeting held on 10 November were agreed as a correct record. There were no matters "
        "arising that are not on the agenda.",
    ),
    ("h", "4. A new Children and Young People's Plan"),
    (
        "p",
        "4.1 Alan Brierley reminded the Board that the national requirement to publish a Children and Young People's "
        "Plan has been withdrawn, although the Council and its partners are still expected to co-operate to improve "
        "children's well-being. He asked whether partners still wanted a single shared plan.",
    ),
    (
        "p",
        "4.2 Every partner present said they did. Dr Adeyemi said that NHS Duntarrow would want the plan to sit "
        "alongside the health and wellbeing strategy that the new shadow board will write. Kevin Doyle asked that "
        "the plan keep a clear line of sight to 16-18 participation.",
    ),
    ("p", "4.3 It was proposed that the new plan keep the five Every Child Matters outcomes as its framework:"),
    ("b", "Be healthy"),
    ("b", "Stay safe"),
    ("b", "Enjoy and achieve"),
    ("b", "Make a positive contribution"),
    ("b", "Achieve economic well-being"),
    ("p", "4.4 Joanne Whitlow presented the five proposed priorities and the partner each would be led by:"),
    ("row", ("Priority", "Lead partner")),
    ("row", ("Narrow the gap at age 11 for children eligible for free school meals", "Duntarrow Primary Heads' Forum")),
    ("row", ("Reduce teenage conceptions", "NHS Duntarrow")),
    ("row", ("Cut the number of first-time entrants to the youth justice system", "Duntarrow Youth Offending Service")),
    ("row", ("More 16-18 year olds in education, employment or training", "Duntarrow College")),
    ("row", ("Improve the stability of placements for looked after children", "")),
    (
        "p",
        "4.5 No lead has yet been agreed for placement stability; the Corporate Parenting Group will be asked to "
        "propose one. Progress will be tracked through four national indicators:",
    ),
    ("b", "NI 112 Under 18 conception rate"),
    ("b", "NI 111 First time entrants to the Youth Justice System aged 10-17"),
    ("b", "NI 117 16 to 18 year olds who are not in education, employment or training (NEET)"),
    ("b", "NI 63 Stability of placements of looked after children: length of placement"),
    ("p", "4.6 The Board AGREED:"),
    ("p", "(a) to adopt the five outcomes and five priorities above as the basis of the new plan;"),
    ("p", "(b) that the draft plan be submitted to the Executive Board on 6 April for approval; and"),
    ("p", "(c) that Rukhsana Begum be appointed as the voluntary sector representative on the Board."),
    ("h", "5. Annual report of the Local Safeguarding Children Board"),
    (
        "p",
        "The independent chair of the Duntarrow Local Safeguarding Children Board had sent apologies. Members noted "
        "the annual report and the findings of the recent unannounced inspection of contact, referral and assessment "
        "arrangements, which found no priority actions.",
    ),
    ("h", "6. Actions"),
    ("row", ("Action", "Owner", "By")),
    ("row", ("Circulate the draft plan to all partners", "Joanne Whitlow", "4 February")),
    (
        "row",
        (
            "Ask the Corporate Parenting Group to propose a lead for placement stability",
            "Alan Brierley",
            "Next meeting",
        ),
    ),
    ("row", ("Update on shadow health and wellbeing board arrangements", "Dr Funmi Adeyemi", "Next meeting")),
    ("h", "7. Date of next meeting"),
    ("p", "Wednesday 16 March, 2.00pm, Committee Room 2, Duntarrow Civic Centre."),
]

# --- The PDF: a health and wellbeing board report (Orrinsford); the year only in the running header ---

PDF_NAME = "orrinsford-2023-09-14-health-and-wellbeing-board.pdf"
PDF_TITLE = "Orrinsford Health and Wellbeing Board: Children and Young People's Plan"
PDF_HEADER = (BANNER, "Orrinsford Health and Wellbeing Board | 2023")
PDF_FOOTER = "Orrinsford Council | HWB report | OFFICIAL"
PDF_CONTENT: Content = [
    ("h", "Orrinsford Health and Wellbeing Board"),
    ("p", "Date of meeting: Thursday 14 September"),
    ("p", "Agenda item: 7"),
    ("p", "Title of report: Orrinsford Children and Young People's Plan 2023-26"),
    (
        "p",
        "Report of: Naomi Carrick, Director of Children's Services, and Dr Oliver Stainsby, Director of Public Health",
    ),
    ("p", "Contact officer: Priti Varma, Children's Partnerships Manager"),
    ("h", "1. Purpose of the report"),
    (
        "p",
        "1.1 This report presents the Children and Young People's Plan 2023-26 to the Board so that it can be "
        "endorsed as a joint plan of the Council and its partners, and sets out how the Board will oversee it.",
    ),
    ("h", "2. Recommendations"),
    ("p", "The Board is asked to:"),
    (
        "p",
        "a) endorse the Orrinsford Children and Young People's Plan 2023-26 as a joint plan of the Board's member "
        "organisations;",
    ),
    ("p", "b) agree to receive a progress report on the plan every six months;"),
    ("p", "c) note that Cabinet approved the plan at its meeting on 5 September; and"),
    ("p", "d) nominate one of its members to champion young carers."),
    ("h", "3. Background"),
    (
        "p",
        "3.1 The previous plan ran out in March. The new plan was written by the Orrinsford Children and Young "
        "People's Partnership, which brings together the Council, Wend Valley Integrated Care Board, Orrinsford "
        "Community Health NHS Trust, Wend Valley Police, Orrinsford Sixth Form College and Orrinsford Youth Action. "
        "The Partnership agreed the final draft on 12 July.",
    ),
    (
        "p",
        "3.2 The draft was considered by the Children and Young People Scrutiny Committee on 20 June, which asked "
        "for clearer measures on waiting times; these have been added at section 5.",
    ),
    (
        "p",
        "3.3 Around 900 children and young people took part in the Big Say, through school councils, youth clubs and "
        "an online survey. A further 140 parents and carers answered a separate questionnaire.",
    ),
    ("h", "4. What the plan sets out"),
    (
        "p",
        "4.1 The plan has three outcomes. Under each sit the priorities partners have agreed and the lead for each. "
        "Where no lead has been agreed yet the table shows TBC.",
    ),
    ("row", ("Outcome", "Priority", "Lead")),
    (
        "row",
        (
            "Children get the best start in life",
            "Increase take-up of funded early education by two-year-olds",
            "Early Years and Childcare Service",
        ),
    ),
    ("row", ("", "Reduce tooth decay in children under five", "Public Health")),
    (
        "row",
        (
            "Children and young people are safe and supported",
            "Safely reduce the number of children who need to come into care",
            "Children's Social Care",
        ),
    ),
    ("row", ("", "Improve access to mental health support in schools", "Wend Valley Integrated Care Board")),
    ("row", ("", "Identify and support young carers earlier", "TBC")),
    (
        "row",
        (
            "Young people are ready for adult life",
            "Improve outcomes for children and young people with SEND",
            "SEND Partnership Board",
        ),
    ),
    ("row", ("", "Increase the number of young people starting apprenticeships", "TBC")),
    (
        "p",
        "4.2 The plan also makes promises directly to children and young people, written with the Orrinsford Youth "
        "Council:",
    ),
    ("p", "- We will reply to every young person who contacts us within ten working days."),
    ("p", "- We will make sure you can see a mental health worker at school."),
    ("p", "- We will ask for your views before we change a service you use."),
    ("h", "5. How we will know it is working"),
    (
        "p",
        "5.1 Each priority has at least one measure. Targets are for the end of the plan unless the table says "
        "otherwise.",
    ),
    ("row", ("Measure", "Latest", "Target")),
    (
        "row",
        (
            "% of children achieving a good level of development at the end of Reception",
            "63%",
            "70% by the end of 2025",
        ),
    ),
    ("row", ("Children looked after, rate per 10,000 children aged under 18", "84", "75")),
    ("row", ("Hospital admissions for tooth decay, 0-5 years, per 100,000", "312", "250 by the end of 2025")),
    ("row", ("% of young carers known to services who have had a carer's assessment", "41%", "80%")),
    ("h", "6. Governance and monitoring"),
    (
        "p",
        "6.1 The Orrinsford Children and Young People's Partnership will check progress every quarter. The Board "
        "will receive a report every six months, in line with its duty under section 195 of the Health and Social "
        "Care Act 2012 to encourage integrated working, and will consider the plan alongside the Joint Local Health "
        "and Wellbeing Strategy.",
    ),
    (
        "p",
        "6.2 The plan takes account of the local area SEND inspection carried out in February, and its written "
        "statement of action is delivered through the SEND Strategy.",
    ),
    ("h", "7. Risks"),
    ("row", ("Risk", "Rating", "Mitigation")),
    (
        "row",
        (
            "Demand for children's mental health services keeps rising faster than capacity",
            "High",
            "Mental health support teams in a further 12 schools",
        ),
    ),
    (
        "row",
        (
            "Partners' budgets fall during the life of the plan",
            "Medium",
            "The Partnership reviews the priorities each year",
        ),
    ),
    ("h", "8. Implications"),
    (
        "p",
        "Financial: there are no new costs arising from this report. Delivery is funded from partners' existing "
        "budgets.",
    ),
    (
        "p",
        "Background papers: Big Say findings report; Orrinsford Joint Strategic Needs Assessment, children and young "
        "people chapter.",
    ),
]
PDF_WIDTHS = (50, 80, 40)

# The PDF and DOCX were first built by held-out-3's script, which their metadata names: it stays, so
# a rebuild gives the same bytes.
MADE_BY = "cypkg held-out-3 build.py"
PDF = Pdf(PDF_NAME, PDF_TITLE, PDF_HEADER, PDF_FOOTER, PDF_CONTENT, MADE_BY, page_label=" | page ", widths=PDF_WIDTHS)
DOCX = Docx(DOCX_NAME, DOCX_TITLE, DOCX_CONTENT, author=MADE_BY, header=DOCX_HEADER)
SPLIT = Split(HERE, (PDF, DOCX), all_kinds=True, one_entry_per_fact=True)

if __name__ == "__main__":
    sys.exit(main(SPLIT, __doc__))
