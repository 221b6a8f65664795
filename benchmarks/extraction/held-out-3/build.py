"""Build the held-out-3 PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out-3/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out-3/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (in the project's test extra); the built files are committed, so
the extractor and its scorer never run this. The writers and the check are ../fixture_writer.py's;
this script holds this split's documents and the rules its gold files keep: held-out-2's, and every
kind present (an empty list where the document states none). This split's DOCX keeps its year only in
the page header and lays lists out in Word tables; the read-back takes the header and the table cells.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from fixture_writer import BANNER, Content, Docx, Pdf, Split, main

# --- The DOCX: children's trust board minutes (Ardlingsby), the year only in the page header ---

DOCX_NAME = "ardlingsby-2010-01-21-childrens-trust-board-minutes.docx"
DOCX_TITLE = "Ardlingsby Children's Trust Board: minutes"
DOCX_HEADER = (BANNER, "Ardlingsby County Council | Children's Trust Board | Minutes 2010")

# (style, text): "title"/"h" headings, "p" paragraph, "b" bullet, "n" Word List Number paragraph
# (its number is not in the text), "row" a table row (the first row of a run is the header).
DOCX_CONTENT: Content = [
    ("p", BANNER),
    ("title", "ARDLINGSBY CHILDREN'S TRUST BOARD"),
    ("p", "Minutes of the meeting held on Thursday 21 January at County Hall, Ardlingsby, 2.00pm to 4.15pm"),
    ("h", "Present"),
    ("row", ("Name", "Post", "Representing")),
    (
        "row",
        ("Cllr Margaret Tenby (Chair)", "Cabinet Member for Children and Young People", "Ardlingsby County Council"),
    ),
    ("row", ("Graham Pellow", "Director of Children's Services", "Ardlingsby County Council")),
    ("row", ("Dr Anita Varsani", "Director of Public Health", "NHS Ardlingsby")),
    ("row", ("Det Supt Colin Marsh", "Head of Public Protection", "Ardlingsby Constabulary")),
    ("row", ("Sue Redfern", "Headteacher, Hawbeck Primary School", "Ardlingsby Primary Heads' Forum")),
    ("row", ("Tom Ashworth", "Principal", "Ardlingsby College")),
    ("row", ("Jenny Loxley", "Chief Executive", "Ardlingsby Council for Voluntary Service")),
    ("row", ("Paul Dunstan", "Head of Service", "Ardlingsby Youth Offending Service")),
    ("p", "In attendance: Rachel Coombe, Children's Trust Manager (minutes)"),
    ("p", "Apologies: Kevin Oduya (Jobcentre Plus); Cllr Derek Fallon"),
    ("h", "1. Chair for the remainder of the year"),
    (
        "p",
        "Graham Pellow opened the meeting and invited nominations. Cllr Tenby was proposed by Jenny "
        "Loxley and seconded by Dr Varsani. There were no other nominations.",
    ),
    ("p", "The Board AGREED that Cllr Margaret Tenby be elected Chair of the Children's Trust Board."),
    ("h", "2. Minutes and matters arising"),
    (
        "p",
        "The minutes of the meeting on 19 November were agreed as a true record. On matters arising, "
        "members noted that the letter from the unannounced inspection of contact, referral and "
        "assessment arrangements in December had identified no areas for priority action.",
    ),
    ("h", "3. Membership"),
    (
        "p",
        "The Chair welcomed Tom Ashworth to his first meeting. Ardlingsby College has joined the Board "
        "to represent further education and the 14-19 partnership. The Board noted that Jobcentre Plus "
        "had been invited to nominate a standing member.",
    ),
    ("h", "4. Draft Children and Young People's Plan"),
    (
        "p",
        "Graham Pellow introduced the draft Children and Young People's Plan for the next three years. "
        "It builds on the Joint Area Review and on the Children's Trust needs assessment, and it keeps "
        "the Every Child Matters framework.",
    ),
    (
        "p",
        "During the autumn term 1,480 pupils filled in the 'Have Your Say' questionnaire and roughly "
        "200 parents came to the six drop-in sessions. Their views are summarised in annex 2.",
    ),
    ("p", "The draft proposes five priorities:"),
    ("n", "Narrow the gap in attainment for pupils eligible for free school meals"),
    ("n", "Cut the number of teenage conceptions"),
    ("n", "Improve the emotional health of children in care"),
    ("n", "Tackle child poverty in the coalfield wards"),
    ("n", "Identify and support young carers earlier"),
    (
        "p",
        "Members observed that none of the priorities has a named lead yet. Dr Varsani said the PCT "
        "would expect to take the lead on emotional health but could not confirm it before its own "
        "board had met.",
    ),
    ("p", "The draft scorecard proposes these measures:"),
    ("row", ("Measure", "Latest", "Source")),
    ("row", ("Under-18 conception rate per 1,000 girls aged 15-17", "41.2", "ONS")),
    ("row", ("% of looked after children with an up to date health assessment", "78%", "SSDA903")),
    ("row", ("Free school meals attainment gap at Key Stage 2", "24 points", "DCSF")),
    ("p", "After discussion the Board AGREED:"),
    ("b", "to endorse the draft plan for consultation with schools and partners;"),
    ("b", "that the draft be submitted to the County Council's Executive Board on 4 March; and"),
    ("b", "that a lead for each priority be proposed at the next meeting."),
    (
        "p",
        "The final plan will then go to full Council in April for adoption. The Board will review "
        "progress against the plan twice a year.",
    ),
    ("h", "5. Early intervention and youth justice"),
    (
        "p",
        "Paul Dunstan presented the Youth Justice Plan, which has been rewritten to sit under the "
        "Children and Young People's Plan. Rachel Coombe outlined the Early Intervention Strategy, "
        "which will become the delivery plan for the early help elements of the CYPP.",
    ),
    (
        "p",
        "The Board noted both documents and asked for the Youth Justice Plan to return once the "
        "Youth Justice Board had commented.",
    ),
    ("h", "6. Actions"),
    ("row", ("Action", "Who", "When")),
    ("row", ("Circulate the draft plan to all schools", "Rachel Coombe", "29 January")),
    ("row", ("Propose leads for the five priorities", "Graham Pellow", "Next meeting")),
    ("row", ("Confirm PCT lead for emotional health", "Dr Anita Varsani", "Next meeting")),
    ("h", "7. Date of next meeting"),
    ("p", "Thursday 18 March, 2.00pm, Committee Room 2, County Hall."),
]

# --- The PDF: health and wellbeing board report (Gorsethwaite), the year only in the header ----

PDF_NAME = "gorsethwaite-2021-07-08-health-and-wellbeing-board.pdf"
PDF_TITLE = "Gorsethwaite Health and Wellbeing Board: Children and Young People's Plan"
PDF_HEADER: tuple[str, ...] = (BANNER, "Gorsethwaite Health and Wellbeing Board | 2021")
PDF_FOOTER = "Gorsethwaite Metropolitan Borough Council | HWB agenda item 7"
PDF_CONTENT: Content = [
    ("h", "Report to the Health and Wellbeing Board"),
    ("p", "Meeting date: Thursday 8 July"),
    ("p", "Agenda item: 7"),
    ("p", "Subject: Children and Young People's Plan 2021 to 2024 - sign-off by the Board"),
    ("p", "Report author: Nadia Kellett, Strategic Lead for Children's Commissioning"),
    ("p", "Sponsoring director: Andrew Birtles, Director of Children's Services"),
    ("h", "1. Summary"),
    (
        "p",
        "The Gorsethwaite Children and Young People's Plan 2021 to 2024 sets out what the partnership "
        "will do together over the next three years. Cabinet approved the plan on 15 June, and it now "
        "comes to the Board so that health partners can sign it off as a joint plan.",
    ),
    ("h", "2. Recommendations"),
    ("p", "The Health and Wellbeing Board is asked to:"),
    ("p", "a) sign off the Children and Young People's Plan 2021 to 2024 as a shared plan of the Board's partners;"),
    (
        "p",
        "b) agree that the Children and Young People's Strategic Partnership reports to the Board on "
        "delivery every six months;",
    ),
    ("p", "c) note the findings of the SEND local area revisit held in March; and"),
    (
        "p",
        "d) ask the Integrated Care Board transition group to confirm a health lead for priority 3 "
        "before the Board meets on 14 October.",
    ),
    ("h", "3. Background"),
    (
        "p",
        "The previous Children, Young People and Families Plan 2017-2020 was extended by a year "
        "because the pandemic stopped face-to-face consultation. The new plan was written by the "
        "Children and Young People's Strategic Partnership, whose members are the Council, NHS "
        "Gorsethwaite Clinical Commissioning Group, Pennine Valleys Police, Gorsethwaite College, the "
        "Gorsethwaite Schools Forum and Voluntary Action Gorsethwaite.",
    ),
    (
        "p",
        "An online survey ran from October to December and drew 963 responses, 611 of them from young "
        "people under 18. The Youth Parliament also ran a 'Plan Takeover' day for about 90 young people.",
    ),
    (
        "p",
        "The revisit of the SEND local area inspection in March found sufficient progress on four of "
        "the five weaknesses identified at the first inspection.",
    ),
    ("h", "4. Outcomes and priorities"),
    ("row", ("Outcome", "Priority", "Lead")),
    (
        "row",
        (
            "Children are safe and feel safe",
            "Reduce harm from domestic abuse",
            "Gorsethwaite Safeguarding Children Partnership",
        ),
    ),
    ("row", ("", "Keep children safe from exploitation", "Pennine Valleys Police")),
    ("row", ("Children are healthy and happy", "Improve access to mental health support", "To be confirmed")),
    ("row", ("", "Halve the gap in healthy weight at age 11", "Director of Public Health")),
    (
        "row",
        (
            "Children achieve and are ready for adult life",
            "Raise attendance of children with an EHC plan",
            "Head of Inclusion",
        ),
    ),
    ("row", ("", "More apprenticeships for care leavers", "")),
    ("h", "5. How we will know"),
    ("p", "The partnership's dashboard will track, among other measures:"),
    ("p", "- the rate of children subject to a child protection plan per 10,000 children;"),
    ("p", "- the % of Year 6 children who are a healthy weight;"),
    ("p", "- the persistent absence rate of pupils with an EHC plan; and"),
    ("p", "- the number of care leavers starting an apprenticeship."),
    ("h", "6. Links to other strategies"),
    (
        "p",
        "The plan draws together the Corporate Parenting Strategy, the Gorsethwaite SEND Strategy "
        "2020-23, the Domestic Abuse Strategy and the Joint Health and Wellbeing Strategy.",
    ),
    ("h", "7. Risks"),
    (
        "p",
        "The main risk is that health structures change during the life of the plan as the Clinical "
        "Commissioning Group's functions pass to the Integrated Care Board (rated amber). A second is "
        "the end of short-term early help funding next spring (rated red).",
    ),
    ("h", "8. Legal implications"),
    (
        "p",
        "Section 195 of the Health and Social Care Act 2012 places a duty on the Board to encourage "
        "those who commission health and social care services to work in an integrated way. Signing "
        "off the plan as a joint plan is part of meeting that duty.",
    ),
]
PDF_WIDTHS = (60, 70, 40)

MADE_BY = "cypkg held-out-3 build.py"
PDF = Pdf(PDF_NAME, PDF_TITLE, PDF_HEADER, PDF_FOOTER, PDF_CONTENT, MADE_BY, page_label=" | page ", widths=PDF_WIDTHS)
DOCX = Docx(DOCX_NAME, DOCX_TITLE, DOCX_CONTENT, author=MADE_BY, header=DOCX_HEADER)
SPLIT = Split(HERE, (PDF, DOCX), all_kinds=True)

if __name__ == "__main__":
    sys.exit(main(SPLIT, __doc__))
