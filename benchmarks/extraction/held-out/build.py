"""Build the held-out PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (in the project's test extra); the built files are committed, so
the extractor and its scorer never run this. The writers and the check are ../fixture_writer.py's;
this script holds this split's documents and the rules its gold files keep: the first split's kinds
and fields, plain text matched as written (HTML's visible text, PDF and DOCX text with runs of white
space read as one space), the fictional-fixture banner anywhere in the document.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from fixture_writer import BANNER, Docx, Pdf, Split, main

# --- The PDF: partnership-board minutes -----------------------------------------------------

PDF_NAME = "oakhurst-2006-06-28-partnership-board-minutes.pdf"
PDF_TITLE = "Oakhurst Children and Young People's Partnership Board: minutes"
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
DOCX_TITLE = "Dunmoor Children's Trust Board: minutes"
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

PDF = Pdf(PDF_NAME, PDF_TITLE, PDF_HEADER, PDF_FOOTER, PDF_CONTENT, producer="cypkg held-out build.py")
DOCX = Docx(DOCX_NAME, DOCX_TITLE, DOCX_CONTENT, author="cypkg held-out build.py")
SPLIT = Split(HERE, (PDF, DOCX), list_work=False, banner_first=False, squash_plain_text=False)

if __name__ == "__main__":
    sys.exit(main(SPLIT, __doc__))
