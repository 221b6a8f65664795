"""The officer's review: a workbook with one row per proposal, and loading what was accepted.

`write_review(draft, path)` writes sheet `review` (kind, value, evidence sentence, paragraph,
confidence, a drop-down decision — accept / correct / reject — and a corrected value), sheet
`paragraphs` (each paragraph's number and text, so the import needs nothing but the workbook) and
sheet `report` (the report's id, file, date and authority). `read_review(path)` turns the rows an
officer accepted or corrected back into proposals; `import_review(store, path)` builds the report's
graph from them and writes it through the SHACL gate as that report's named graph.

A value is written `field=value; field=value` (e.g. `body=Cabinet; date=2019-04-09`). A corrected
value uses the same form; fields left out keep the proposed value; `field=` empties one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.imports.extract.document import Block, Document
from kg.imports.extract.draft import DATE_FIELDS, DATE_FORMS, build_graph
from kg.imports.extract.lexicon import load_lexicon
from kg.imports.extract.rules.context import Proposal
from kg.store.terms import date_literal

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.imports.extract import Draft
    from kg.store.protocol import Store
    from kg.validation.shapes import ValidationReport

SHEET = "review"
COLUMNS = (
    "kind",
    "value",
    "evidence",
    "paragraph",
    "confidence",
    "decision",
    "corrected value",
    "start",
    "end",
    "proposal",
)
DECISIONS = ("accept", "correct", "reject")
FIELDS: dict[str, tuple[str, ...]] = {
    "plan": ("title", "start", "end", "status"),
    "authority": ("name", "gss"),
    "meeting": ("body", "date"),
    "decision": ("verb", "status", "about", "body"),
    "body": ("name", "body_kind"),
    "partner": ("name", "partner_kind"),
    "person": ("name", "post"),
    "priority": ("name", "owner"),
    "consultation": ("count", "qualifier", "who"),
    "legislation": ("iri",),
    "review": ("name", "date"),
    "risk": ("name", "rating"),
    "monitoring": ("by", "frequency"),
}


class ReviewError(InputError):
    """A review workbook that cannot be loaded as it stands."""

    code = "BAD_REVIEW"


def format_value(kind: str, value: dict[str, Any]) -> str:
    """`field=value; …` for the fields an officer checks."""
    fields = FIELDS.get(kind, ("name",))
    return "; ".join(f"{f}={'' if value.get(f) is None else value.get(f)}" for f in fields)


def parse_value(text: str, *, where: str) -> dict[str, Any]:
    """The fields of a `field=value; …` cell."""
    out: dict[str, Any] = {}
    for part in [p for p in text.split(";") if p.strip()]:
        if "=" not in part:
            raise ReviewError(
                f"{part.strip()!r} is not field=value", file=where, hint="write e.g. `date=2019-04-09; body=Cabinet`"
            )
        key, val = part.split("=", 1)
        key, val = key.strip(), val.strip()
        if key in DATE_FIELDS and val and date_literal(val) is None:
            raise ReviewError(f"{key}={val!r} is not a date", file=where, hint=DATE_FORMS)
        out[key] = val or None
    return out


def write_review(draft: Draft, path: Path) -> Path:
    """The review workbook for a draft, every proposal accepted until the officer says otherwise."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.fill, cell.font = PatternFill("solid", fgColor="DDEBF7"), Font(bold=True)
    for p in draft.proposals:
        ws.append(
            [
                p.kind,
                format_value(p.kind, p.value),
                p.evidence,
                p.paragraph,
                p.confidence,
                "accept",
                None,
                p.start,
                p.end,
                json.dumps(p.value, ensure_ascii=False),
            ]
        )
    rule = DataValidation(
        type="list",
        formula1=f'"{",".join(DECISIONS)}"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="accept, correct or reject",
        error="Choose accept, correct or reject.",
    )
    ws.add_data_validation(rule)
    rule.add(f"F2:F{max(2, ws.max_row)}")
    for col, width in zip("ABCDEFG", (13, 50, 80, 11, 11, 10, 40), strict=True):
        ws.column_dimensions[col].width = width
    for col in "HIJ":
        ws.column_dimensions[col].hidden = True
    ws.freeze_panes = "A2"
    paras = wb.create_sheet("paragraphs")
    paras.append(("paragraph", "kind", "text"))
    for b in draft.document.blocks:
        paras.append((b.para, b.kind, b.text))
    meta = wb.create_sheet("report")
    auth = draft.authority
    for row in (
        ("report", draft.report),
        ("source file", draft.document.source),
        ("report date", draft.report_date or ""),
        ("authority", auth.slug if auth else ""),
        ("authority name", auth.name if auth else ""),
        ("authority gss", auth.gss if auth else ""),
        ("fictional", "yes" if auth and auth.fictional else "no"),
    ):
        meta.append(row)
    wb.save(path)
    return path


def is_review_workbook(path: Path) -> bool:
    """Whether a workbook is an extraction review (it has the review and paragraphs sheets)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True)
    except Exception:  # not a workbook at all: the plan-workbook reader reports that
        return False
    try:
        return {SHEET, "paragraphs", "report"} <= set(wb.sheetnames)
    finally:
        wb.close()


def read_review(path: Path) -> tuple[Draft, list[Proposal]]:
    """The reviewed draft and the proposals accepted or corrected (rejected rows left out)."""
    from openpyxl import load_workbook

    from kg.imports.extract import Draft

    wb = load_workbook(path, data_only=False)
    for name in (SHEET, "paragraphs", "report"):
        if name not in wb.sheetnames:
            raise ReviewError(
                f"no sheet {name!r}", file=str(path), hint="give the workbook `cypkg extract --review` wrote"
            )
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    if tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise ReviewError(
            f"sheet review, row 1: the columns are {header}",
            file=str(path),
            line=1,
            hint=f"keep the columns as written: {', '.join(COLUMNS)}",
        )
    meta = {str(r[0].value): r[1].value for r in wb["report"].iter_rows() if r[0].value}
    blocks = [
        Block(str(r[2].value or ""), str(r[1].value or "para"), str(r[0].value or ""))
        for r in wb["paragraphs"].iter_rows(min_row=2)
        if r[2].value
    ]
    lex = load_lexicon()
    authority = next((a for a in lex.authorities if a.slug == meta.get("authority")), None)
    document = Document(str(meta.get("source file") or path), "review", blocks)
    accepted: list[Proposal] = []
    for row in ws.iter_rows(min_row=2):
        cells = [c.value for c in row[: len(COLUMNS)]]
        if not any(cells):
            continue
        where = f"{path} sheet review row {row[0].row}"
        kind, _, evidence, paragraph, confidence, decision, corrected, start, end, stored = cells
        decision = str(decision or "").strip().lower()
        if decision not in DECISIONS:
            raise ReviewError(
                f"sheet review, row {row[0].row}: decision {decision!r} is not one of {', '.join(DECISIONS)}",
                file=str(path),
                line=row[0].row,
                hint="choose accept, correct or reject from the drop-down",
            )
        if decision == "reject":
            continue
        value = json.loads(str(stored)) if stored else {}
        if decision == "correct":
            if not corrected:
                raise ReviewError(
                    f"sheet review, row {row[0].row}: marked correct but the corrected value is empty",
                    file=str(path),
                    line=row[0].row,
                    hint="write the right value as field=value; … or choose accept or reject",
                )
            value.update(parse_value(str(corrected), where=where))
        accepted.append(
            Proposal(
                str(kind),
                value,
                str(evidence or ""),
                int(start or 0),
                int(end or 0),
                str(paragraph or ""),
                float(confidence or 0),
            )
        )
    date = str(meta.get("report date") or "") or None
    return Draft(str(meta.get("report") or path.stem), document, accepted, authority, date), accepted


def review_graph(path: Path) -> tuple[str, Graph]:
    """The report's graph name and the graph of what the officer accepted."""
    draft, accepted = read_review(path)
    return draft.report, build_graph(draft.report, draft.document, accepted, draft.authority, draft.date)


def import_review(store: Store, path: Path, *, dry_run: bool = False) -> tuple[str, Graph, ValidationReport]:
    """Write what was accepted as the report's named graph, through the SHACL gate (replacing an earlier import)."""
    from kg.validation.gate import check_write, write_graph

    name, graph = review_graph(path)
    if dry_run:
        return name, graph, check_write(store, name, graph, mode="replace")
    return name, graph, write_graph(store, name, graph, mode="replace")
