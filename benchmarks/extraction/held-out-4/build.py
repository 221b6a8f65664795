"""Build the held-out-4 PDF and DOCX fixtures from the text in this script, and check every gold file.

    python benchmarks/extraction/held-out-4/build.py           # rebuild the PDF and DOCX, then check
    python benchmarks/extraction/held-out-4/build.py --check   # only check the gold files

Needs fpdf2, python-docx and pypdf (in the project's test extra); the built files are committed, so
the extractor and its scorer never run this. Both are written with fixed metadata dates, so a
rebuild gives the same bytes.

The check is what the gold files promise a scorer: every evidence string occurs verbatim in the
document's text (HTML's visible text; plain text, PDF and DOCX as written; runs of white space read
as one space) and in the text pypdf or python-docx reads back, the document's first visible line is
the fictional-fixture banner, and every field holds a value of the agreed form. The HTML reader,
the zip-date fix, the field checks and the PDF/DOCX read-back are the earlier splits'
(../held-out/build.py, ../held-out-2/build.py, ../held-out-3/build.py), loaded from those scripts.
The check also refuses the same fact listed twice in one kind.
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


def _load(folder: str) -> ModuleType:
    """An earlier split's build script, whose readers and field checks this split shares."""
    spec = importlib.util.spec_from_file_location(f"{folder}_build", HERE.parent / folder / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIRST = _load("held-out")
SECOND = _load("held-out-2")
THIRD = _load("held-out-3")
BANNER: str = FIRST.BANNER
FIXED_DATE = FIRST.FIXED_DATE
SPLIT = "held-out-4"
KINDS: tuple[str, ...] = SECOND.KINDS

Row = tuple[str, ...]
Content = list[tuple[str, str | Row]]

# --- The DOCX: children's trust board minutes (Duntarrow); no year anywhere but the page header ---

DOCX_NAME = "duntarrow-2011-01-19-childrens-trust-board-minutes.docx"
DOCX_TITLE = "Duntarrow Children's Trust Board: minutes"
DOCX_HEADER = (BANNER, "DUNTARROW CHILDREN'S TRUST BOARD - MINUTES - 2011")
DOCX_CONTENT: Content = []

# --- The PDF: a health and wellbeing board report (Orrinsford); the year only in the running header ---

PDF_NAME = "orrinsford-2023-09-14-health-and-wellbeing-board.pdf"
PDF_TITLE = "Orrinsford Health and Wellbeing Board: Children and Young People's Plan"
PDF_HEADER = (BANNER, "Orrinsford Health and Wellbeing Board | 2023")
PDF_FOOTER = "Orrinsford Council | HWB report | OFFICIAL"
PDF_CONTENT: Content = []
PDF_WIDTHS = (50, 80, 40)


def build_pdf(path: Path) -> None:
    """Write the report as a text-bearing PDF with a running header and footer and one table."""
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
            self.cell(0, 4, f"{PDF_FOOTER} | Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("cypkg held-out-4 build.py")
    pdf.set_title(PDF_TITLE)
    pdf.set_margins(20, 14, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for kind, block in _blocks(PDF_CONTENT):
        if kind == "table":
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(col_widths=PDF_WIDTHS, text_align="LEFT") as table:
                for cells in block:
                    table.row(cells)
            pdf.ln(3)
        elif kind == "h":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, str(block), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, str(block), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))


def build_docx(path: Path) -> None:
    """Write the minutes as a DOCX with a page header, Word tables and fixed core properties."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = "cypkg held-out-4 build.py"
    props.title = DOCX_TITLE
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = "cypkg"
    props.revision = 1
    header = document.sections[0].header
    header.paragraphs[0].text = DOCX_HEADER[0]
    for line in DOCX_HEADER[1:]:
        header.add_paragraph(line)
    styles = {"b": "List Bullet", "n": "List Number"}
    for kind, block in _blocks(DOCX_CONTENT):
        if kind == "table":
            table = document.add_table(rows=0, cols=len(block[0]))
            table.style = "Table Grid"
            for cells in block:
                for cell, value in zip(table.add_row().cells, cells, strict=True):
                    cell.text = value
        elif kind in ("title", "h"):
            document.add_heading(str(block), level=1 if kind == "title" else 2)
        else:
            document.add_paragraph(str(block), style=styles.get(kind))
    document.save(str(path))
    FIRST._fix_zip_dates(path)


def _blocks(content: Content) -> list[tuple[str, object]]:
    """The content with each run of table rows gathered into one ("table", rows) block."""
    blocks: list[tuple[str, object]] = []
    for kind, text in content:
        if kind == "row":
            if blocks and blocks[-1][0] == "table":
                rows = blocks[-1][1]
                assert isinstance(rows, list)
                rows.append(text)
            else:
                blocks.append(("table", [text]))
        else:
            blocks.append((kind, text))
    return blocks


# --- Reading each document's text -----------------------------------------------------------


def document_text(path: Path) -> str:
    """The text evidence is checked against (table cells one to a line)."""
    suffix = path.suffix
    if suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if suffix == ".html":
        return str(FIRST.visible_html(path.read_text(encoding="utf-8")))
    if suffix == ".pdf":
        return str(THIRD._lines(PDF_HEADER, PDF_CONTENT, PDF_FOOTER))
    if suffix == ".docx":
        return str(THIRD._lines(DOCX_HEADER, DOCX_CONTENT, ""))
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
    if gold.get("report_date") is not None and not FIRST.DATE.match(gold["report_date"]):
        errors.append(f"{name}: report_date {gold['report_date']!r} is not ISO")
    unknown = set(gold) - set(KINDS) - {"source", "split", "style", "report_date", "note"}
    if unknown:
        errors.append(f"{name}: unknown keys {sorted(unknown)}")
    missing = set(KINDS) - set(gold)
    if missing:
        errors.append(f"{name}: missing kinds {sorted(missing)} (write an empty list)")
    text = document_text(source)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if first_line.strip() != BANNER:
        errors.append(f"{name}: the document's first visible line is not the fictional-fixture banner")
    haystack = FIRST.squash(text)
    readback = THIRD.extracted_text(source)
    for kind in KINDS:
        seen: set[str] = set()
        for i, item in enumerate(gold.get(kind, [])):
            where = f"{name}: {kind}[{i}]"
            needle = FIRST.squash(item.get("evidence", ""))
            if not needle or needle not in haystack:
                errors.append(f"{where}: evidence not in the document: {item.get('evidence')!r}")
            elif readback is not None and needle not in FIRST.squash(readback):
                errors.append(f"{where}: evidence not in the text read back from {source.name}")
            key = json.dumps({k: v for k, v in item.items() if k != "evidence"}, sort_keys=True)
            if key in seen:
                errors.append(f"{where}: the same fact twice (one entry per distinct fact)")
            seen.add(key)
            errors.extend(f"{where}: {problem}" for problem in SECOND.check_item(kind, item))
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, do not rebuild")
    args = parser.parse_args()
    if not args.check:
        build_pdf(HERE / PDF_NAME)
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
