"""Draft RDF from a committee report: rules and gazetteers propose, an officer reviews.

`extract_file(path)` reads a report (text, PDF, HTML or Word; `kg.imports.extract.document`), proposes
every kind of statement the ontology holds (`kg.imports.extract.rules`), each with its evidence sentence,
character offsets, the paragraph id the report prints and a confidence. `kg.imports.extract.draft` turns
the proposals into a draft graph that passes the SHACL gate (missing facts are Warnings), and
`kg.imports.extract.review` writes and reads the officer's review workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.imports.extract.document import Document, ExtractError, read_document, read_html, read_text
from kg.imports.extract.lexicon import Authority
from kg.imports.extract.rules import Proposal, propose

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Draft", "ExtractError", "Proposal", "extract_document", "extract_file", "extract_text", "slug"]


@dataclass
class Draft:
    """What extraction proposes for one report."""

    report: str  # the report's id (a slug)
    document: Document
    proposals: list[Proposal]
    authority: Authority | None
    date: str | None = None  # the report's own date, as printed; None when it prints none

    def by_kind(self, kind: str) -> list[Proposal]:
        return [p for p in self.proposals if p.kind == kind]

    @property
    def report_date(self) -> str | None:
        return self.date

    def graph(self) -> Graph:
        """The draft as RDF: every proposal, as if an officer accepted all of them."""
        from kg.imports.extract.draft import build_graph

        return build_graph(self.report, self.document, self.proposals, self.authority, self.date)

    def write(self, out: Path) -> Path:
        """The draft's Turtle, headed by a reminder that it is unreviewed."""
        from kg.imports.extract.draft import write_turtle

        return write_turtle(self.graph(), self.report, out)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "report"


def extract_document(document: Document, report: str) -> Draft:
    """Propose statements from a document already read."""
    if not document.blocks:
        raise ExtractError("no text to extract from", file=document.source, hint="check the file holds the report")
    proposals, authority = propose(document)
    own = next((p for p in proposals if p.kind == "meeting" and p.value.get("own")), None)
    date = own.value.get("date") if own is not None else None
    if date is None:
        date = _decision_date(document)
    return Draft(report, document, proposals, authority, date)


def _decision_date(document: Document) -> str | None:
    """A decision notice's own date ("Date of decision: 14/03/2017")."""
    from kg.imports.extract.dates import find_dates

    for block in document.blocks:
        if re.match(r"Date of decision:", block.text):
            dates = find_dates(block.text)
            if dates and dates[0].precision == "day":
                return dates[0].value
    return None


def extract_text(text: str, report: str = "report", *, html: bool = False) -> Draft:
    """Propose statements from a report's text (or a page's HTML)."""
    document = read_html(text, report) if html else read_text(text, report)
    return extract_document(document, slug(report))


def extract_file(path: Path) -> Draft:
    """Read and extract one report; its id is its file name's slug."""
    name = path.name.split(".")[0]
    return extract_document(read_document(path), slug(name))
