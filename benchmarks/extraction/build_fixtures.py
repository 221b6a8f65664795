"""Build the PDF and Word fixtures of the extraction corpus from their text sources, reproducibly.

    python benchmarks/extraction/build_fixtures.py          # every *.pdf.txt and *.docx.txt (tuning, holdout, seeds)
    python benchmarks/extraction/build_fixtures.py FILE...  # only these sources

A source `NAME.pdf.txt` becomes `NAME.pdf` (fpdf2), `NAME.docx.txt` becomes `NAME.docx` (python-docx).
Source lines: `@header TEXT` / `@footer TEXT` (running page header and footer), `@page` (page break),
`# TEXT` (title), `## TEXT` (heading), `| a | b |` (table rows; the first row is the header),
`- TEXT` (a bulleted list item), `+ TEXT` (a numbered list item), anything else a paragraph. Word list
items are paragraphs in the "List Bullet" / "List Number" styles, whose bullets and numbers are not part
of the text (as in a real Word document); a PDF prints "- " and "1. ". Creation dates are fixed so a
rebuild gives the same document. The held-out split is built by its own author; this script never reads
it unless given its files.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from fixture_writer import fix_zip_dates, framed_pdf

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@dataclass
class Source:
    """A fixture's text source, parsed into blocks."""

    header: str = ""
    footer: str = ""
    blocks: list[tuple[str, object]] = field(default_factory=list)


def parse(path: Path) -> Source:
    """Blocks in order: ("title"|"heading"|"para"|"bullet"|"number"|"page", text) and ("table", rows)."""
    src = Source()
    table: list[list[str]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("|"):
            table.append([c.strip() for c in line.strip("|").split("|")])
            continue
        if table:
            src.blocks.append(("table", table))
            table = []
        if not line:
            continue
        if line.startswith("@header "):
            src.header = line[8:]
        elif line.startswith("@footer "):
            src.footer = line[8:]
        elif line == "@page":
            src.blocks.append(("page", ""))
        elif line.startswith("## "):
            src.blocks.append(("heading", line[3:]))
        elif line.startswith("# "):
            src.blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            src.blocks.append(("bullet", line[2:]))
        elif line.startswith("+ "):
            src.blocks.append(("number", line[2:]))
        else:
            src.blocks.append(("para", line))
    if table:
        src.blocks.append(("table", table))
    return src


def build_pdf(source: Path, out: Path) -> None:
    """A PDF with a text layer, running header and footer, and page numbers (core Helvetica: Latin-1 text)."""
    src = parse(source)
    pdf = framed_pdf([src.header], src.footer, "    Page ", line=6, gap=2, footer_line=5)
    pdf.set_creation_date(FIXED)
    pdf.set_creator("cypkg benchmarks/extraction/build_fixtures.py")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    number = 0
    for kind, value in src.blocks:
        number = number + 1 if kind == "number" else 0
        if kind == "bullet":
            kind, value = "para", f"- {value}"
        elif kind == "number":
            kind, value = "para", f"{number}. {value}"
        if kind == "page":
            pdf.add_page()
        elif kind == "title":
            pdf.set_font("helvetica", "B", 13)
            pdf.multi_cell(0, 7, str(value), new_x="LMARGIN", new_y="NEXT")
        elif kind == "heading":
            pdf.ln(2)
            pdf.set_font("helvetica", "B", 11)
            pdf.multi_cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")
        elif kind == "para":
            pdf.set_font("helvetica", "", 10)
            pdf.multi_cell(0, 5, str(value), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "table":
            rows = value if isinstance(value, list) else []
            pdf.set_font("helvetica", "", 9)
            with pdf.table(line_height=5) as table:
                for cells in rows:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.ln(2)
    pdf.output(str(out))


def build_docx(source: Path, out: Path) -> None:
    """A Word document with real headings, tables and a running header/footer."""
    import docx

    src = parse(source)
    document = docx.Document()
    section = document.sections[0]
    if src.header:
        section.header.paragraphs[0].text = src.header
    if src.footer:
        section.footer.paragraphs[0].text = src.footer
    for kind, value in src.blocks:
        if kind == "page":
            document.add_page_break()
        elif kind == "title":
            document.add_heading(str(value), level=1)
        elif kind == "heading":
            document.add_heading(str(value), level=2)
        elif kind == "para":
            document.add_paragraph(str(value))
        elif kind == "bullet":
            document.add_paragraph(str(value), style="List Bullet")
        elif kind == "number":
            document.add_paragraph(str(value), style="List Number")
        elif kind == "table":
            rows = value if isinstance(value, list) else []
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for i, cells in enumerate(rows):
                for j, cell in enumerate(cells):
                    table.cell(i, j).text = cell
    props = document.core_properties
    props.created = props.modified = FIXED.replace(tzinfo=None)
    props.author = props.last_modified_by = "cypkg fixture"
    props.revision = 1
    document.save(str(out))
    fix_zip_dates(out, FIXED)


def build(source: Path) -> Path:
    """Build one fixture from its source; returns the file written."""
    name = source.name
    if name.endswith(".pdf.txt"):
        out = source.with_name(name[: -len(".txt")])
        build_pdf(source, out)
    elif name.endswith(".docx.txt"):
        out = source.with_name(name[: -len(".txt")])
        build_docx(source, out)
    else:
        raise SystemExit(f"{source}: not a .pdf.txt or .docx.txt source")
    return out


def main(argv: list[str]) -> int:
    sources = [Path(a) for a in argv] or sorted(
        p
        for split in ("tuning", "tuning-holdout", "seeds")
        for p in (HERE / split).glob("*.txt")
        if p.name.endswith((".pdf.txt", ".docx.txt"))
    )
    for source in sources:
        print(f"built {build(source)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
