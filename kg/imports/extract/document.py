"""Reading a report into blocks: text, PDF, HTML and Word, by structure first.

Every format becomes one `Document`: its visible text (markup removed, whitespace collapsed inside a
block, blocks separated by blank lines) and the blocks of that text — headings, paragraphs, list
items and table rows — each with the paragraph id the report itself prints ("3.4", "1(2)", "Item 5")
or, where it prints none, the heading it sits under. Page furniture (navigation, cookie notices,
footers, running page headers) is left out of the text; a running header is kept aside, because a
meeting's year is sometimes printed only there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from bs4 import Tag

MAX_BYTES = 5_000_000


class ExtractError(InputError):
    """A report that cannot be read as text."""

    code = "BAD_REPORT"


@dataclass
class Block:
    """A heading, paragraph, list item or table row, with where it sits in the document's text."""

    text: str
    kind: str  # heading | para | item | row | meta
    para: str = ""  # the paragraph id as printed, or the heading it sits under
    start: int = 0
    end: int = 0
    cells: list[str] = field(default_factory=list)
    section: str = ""  # the heading above it, as printed
    level: int = 0  # a heading's level where the format says (HTML h1-h6, Word Heading n, Markdown #s)
    marker: str = ""  # the list marker it starts with: bullet, number ("1."), dotted ("3.1"), letter ("(a)", "a)")
    table: int = -1  # rows of one table share a number


@dataclass
class Document:
    """A report as read: its text, its blocks in order, and what sits outside the text."""

    source: str
    fmt: str
    blocks: list[Block]
    text: str = ""
    page_headers: list[str] = field(default_factory=list)
    title: str = ""

    def __post_init__(self) -> None:
        parts, pos = [], 0
        table, previous = -1, ""
        for block in self.blocks:
            block.start, block.end = pos, pos + len(block.text)
            parts.append(block.text)
            pos = block.end + 2
            if block.kind == "row":  # consecutive rows are one table
                table += 1 if previous != "row" else 0
                block.table = table
            previous = block.kind
        self.text = "\n\n".join(parts)


# --- the file ------------------------------------------------------------------------------------


def read_document(path: Path) -> Document:
    """Read a .txt/.md, .pdf, .html/.htm or .docx report; a clear error for anything else."""
    if not path.is_file():
        raise ExtractError("no such file", file=str(path), hint="check the path")
    size = path.stat().st_size
    if size == 0:
        raise ExtractError("the file is empty", file=str(path), hint="give the report (.txt, .pdf, .html or .docx)")
    if size > MAX_BYTES:
        raise ExtractError(
            f"the file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit for one report",
            file=str(path),
            hint="extract one report at a time; split a bundle of papers into its reports first",
        )
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if raw.startswith(b"%PDF"):
        return read_pdf(path)
    if suffix == ".pdf":
        raise ExtractError("named .pdf but is not a PDF", file=str(path), hint="check the file downloaded completely")
    if raw.startswith(b"PK\x03\x04") and suffix == ".docx":
        return read_docx(path)
    if suffix == ".docx":
        raise ExtractError("named .docx but is not a Word document", file=str(path), hint="save it again as .docx")
    if b"\x00" in raw[:8192]:
        raise ExtractError(
            "a binary file, not text", file=str(path), hint="give the report as text, PDF, HTML or .docx"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ExtractError(
            f"not UTF-8 text (byte {exc.start})",
            file=str(path),
            line=line,
            hint="re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`)",
        ) from exc
    if suffix in {".html", ".htm"} or re.match(
        r"\s*(<!--.*?-->\s*)?<(!doctype|html|div|body)", text[:500], re.I | re.S
    ):
        return read_html(text, str(path))
    return read_text(text, str(path))


# --- plain text (and Markdown) -------------------------------------------------------------------

_MARKUP = [
    (re.compile(r"</?(?:b|i|u|strong|em|sup|sub|span)[^>]*>", re.I), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^)(]|\([^)]*\))*\)"), r"\1"),  # Markdown links keep their text
    (re.compile(r"\*\*|__"), ""),
    (re.compile(r"\\([_*])"), r"\1"),
]
_NUMBER = re.compile(
    r"^(?:[-*•·]\s*)?(?:"
    r"(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s|$)"
    r"|(?P<top>\d{1,2})\.\s*(?:\((?P<topsub>\d{1,2})\))?(?=\s|$)"
    r"|\((?P<sub>\d{1,2}|[a-z]|[ivx]{1,4})\)(?=\s)"
    r"|(?P<subdot>[a-z])\)(?=\s)"
    r"|(?P<letdot>[a-h])\.(?=\s+[A-Z])"  # "a. Children are safe": a lettered item (not "e.g.")
    r")\s*"
)
_HEADING_NUMBER = re.compile(r"^(\d{1,2})\.?\s+\S")


def _clean(line: str) -> str:
    for pattern, repl in _MARKUP:
        line = pattern.sub(repl, line)
    return line


def _short_title(text: str) -> bool:
    """A short line that does not end like a sentence: a heading's words after its number."""
    return 0 < len(text) < 60 and not text.rstrip().endswith((".", ";", ":", ",")) and text[:1].isupper()


def _is_heading(line: str, raw: str) -> bool:
    if raw.lstrip().startswith("#"):
        return True
    if re.match(r"[-*•·]\s", line):
        return False  # "• SEND": a bullet in capitals is a list's item, not a heading
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line) < 90 and all(c.isupper() for c in letters) and not line.endswith(".")


class _Paragraphs:
    """Assigns paragraph ids as printed: 1.1, 10.1.1, 1(2), 4.2(a); else the heading above."""

    def __init__(self) -> None:
        self.section = ""  # the printed section number (from "1." or a numbered heading)
        self.number = ""  # the current numbered paragraph
        self.heading = ""

    def heading_seen(self, text: str) -> None:
        self.heading = text
        self.number = ""
        m = _HEADING_NUMBER.match(text)
        if m:
            self.section = m.group(1)

    def numbered(self, line: str) -> tuple[str, str] | None:
        """(id, rest of the line) when the line starts with a paragraph number."""
        m = _NUMBER.match(line)
        if not m:
            return None
        rest = line[m.end() :]
        if m.group("dotted"):
            self.number = m.group("dotted")
            self.section = self.number.split(".")[0]
        elif m.group("top"):
            self.section = m.group("top")
            self.number = f"{self.section}({m.group('topsub')})" if m.group("topsub") else self.section
        else:
            sub = m.group("sub") or m.group("subdot") or m.group("letdot")
            base = self.number.split("(")[0] if self.number else self.section
            self.number = f"{base}({sub})" if base else f"({sub})"
        return self.number, rest

    def current(self) -> str:
        return self.number or self.heading or "header"


_FIELD = re.compile(  # "Report to: Cabinet", "Date of meeting: 10 February 2026": a cover sheet's field
    r"^[A-Z][A-Za-z'’]*(?:\s+[A-Za-z'’]+){0,3}:\s+\S"
)
_LABEL_LINE = re.compile(r"[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}\s*:")  # a line that is only a label: "Strategic Outcomes:"
_LABELLED_ITEM = re.compile(  # "Priority A - …", "Outcome 2: …": a labelled line starts a block of its own
    r"^[A-Z][a-z]+\s+(?:\d{1,2}|[A-Z]|one|two|three|four|five|six)\s*[:.–—-]\s"
)


def _marker(line: str) -> str:
    """The kind of list marker a numbered line starts with."""
    m = _NUMBER.match(line)
    if not m:
        return ""
    if m.group("dotted"):
        return "dotted"
    if m.group("top"):
        return "number"
    sub = m.group("sub") or m.group("subdot") or m.group("letdot") or ""
    return "number" if sub.isdigit() else "letter"  # (a), a), (i), (ii): one family


def _blocks_from_lines(lines: list[str], *, join_wrapped: bool = False) -> list[Block]:
    """Text lines to blocks: a number, heading, list bullet, tab row or blank line starts a block."""
    blocks: list[Block] = []
    paras = _Paragraphs()
    buf: list[str] = []
    buf_para = ""
    buf_marker = ""
    pending_number: str | None = None
    widths = [len(x) for x in lines if x.strip()]
    full = (sorted(widths)[int(len(widths) * 0.9)] * 0.8) if widths else 0

    def flush() -> None:
        nonlocal buf, buf_para, buf_marker
        text = re.sub(r"\s+", " ", " ".join(buf)).strip()
        if text:
            kind = "item" if buf_para.startswith("•") else "para"
            para = buf_para.lstrip("•") or paras.current()
            blocks.append(Block(text, kind, para, section=paras.heading, marker=buf_marker))
        buf, buf_para, buf_marker = [], "", ""

    def heading(text: str, para: str, section: str, raw: str) -> None:
        hashes = len(raw) - len(raw.lstrip("#")) if raw.startswith("#") else 0
        numbered_title = re.match(r"\d{1,2}(\.\d{1,2})*\.?\s", text)
        level = hashes or (2 + text.split()[0].rstrip(".").count(".") if numbered_title else 1)
        blocks.append(Block(text, "heading", para, section=section, level=level))

    previous = ""
    labelled_list = False  # the lines under a label ("Strategic Outcomes:") that each end a sentence: one item each
    counting = 0  # the number the next item of a numbered list opened by a colon ("These are:") would carry
    last_line = ""  # the last line with text, across blank lines
    bullet_indent = 0  # how far the open bullet's marker is indented
    for raw in lines:
        line = _clean(raw).strip()
        if not line:
            flush()
            previous = ""
            labelled_list = False
            continue
        top = re.match(r"(?:[-*•·]\s*)?(\d{1,2})\.\s", line.lstrip("#").strip())
        if top and (int(top.group(1)) == counting or top.group(1) == "1" and last_line.endswith(":")):
            counting = int(top.group(1)) + 1  # "1. Tackling poverty" under "These are:": an item, not a heading
        elif top or not previous:
            counting = 0
        last_line = line
        listed = counting > 0
        if line.startswith(_CONTENTS_MARK):  # a table of contents' entry
            flush()
            pending_number = None
            entry = line[len(_CONTENTS_MARK) :]
            blocks.append(Block(entry, "para", paras.current(), section=paras.heading, marker="contents"))
            previous = ""
            continue
        bare = line.lstrip("#").strip()
        if _NUMBER.match(bare) and re.match(r"^[-*•·]\s*", bare):
            bare = re.sub(r"^[-*•·]\s*", "", bare)
        if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){0,3}\.?", bare):  # a number on its own line (Word tables)
            flush()
            pending_number = bare.rstrip(".")
            if "." not in pending_number:
                paras.section = pending_number
            previous = ""
            continue
        filled = len([c for c in raw.split("\t") if c.strip()])
        if "\t" in raw and (filled >= 2 or filled == 1 and not buf and blocks and blocks[-1].kind == "row"):
            flush()
            cells = [_clean(c).strip() for c in raw.split("\t")]  # empty cells keep their column
            text = "\t".join(c for c in cells if c)
            blocks.append(Block(text, "row", paras.current(), cells=cells, section=paras.heading))
            previous = ""
            continue
        if pending_number is not None:
            paras.number = pending_number
            if _is_heading(line, raw) or (len(line) < 60 and not line.endswith((".", ";", ":"))):
                paras.heading_seen(f"{pending_number} {line}")
                paras.section = pending_number.split(".")[0]
                heading(f"{pending_number}. {line}", pending_number, line, raw)
                pending_number = None
                previous = ""
                continue
            buf_para = pending_number
            pending_number = None
            buf.append(line)
            previous = line
            continue
        numbered = paras.numbered(bare) if not raw.lstrip().startswith("#") else None
        if numbered and re.fullmatch(r"\d{1,2}\.?", numbered[0]) and _short_title(numbered[1]) and not listed:
            flush()
            paras.heading_seen(bare)
            heading(bare, numbered[0], bare, raw)
            previous = ""
            continue
        if numbered:
            flush()
            buf_para = numbered[0]
            buf_marker = _marker(bare)
            buf.append(bare)
            previous = bare
            continue
        if _is_heading(bare, raw):
            flush()
            paras.heading_seen(bare)
            heading(bare, paras.current() if paras.number else bare, bare, raw.strip())
            previous = ""
            continue
        if re.match(r"^[-*•·]\s+", line):
            flush()
            buf_para = "•" + paras.current()
            buf_marker = "bullet"
            bullet_indent = len(raw) - len(raw.lstrip())
            buf.append(re.sub(r"^[-*•·]\s+", "", line))
            previous = line
            continue
        if buf_marker == "bullet" and not join_wrapped and len(raw) - len(raw.lstrip()) < bullet_indent:
            flush()  # in a text file, a line printed left of its bullet's marker is not the bullet's wrapped end
        if (
            join_wrapped
            and previous
            and len(previous) < full
            or _LABELLED_ITEM.match(line)
            or _FIELD.match(line)
            and _FIELD.match(previous)
            or _LABEL_LINE.fullmatch(previous)
            or labelled_list
            and previous.endswith((".", ";"))
            and line[:1].isupper()
        ):
            flush()  # a wrapped line's end, a labelled list line ("Priority A - ..."), a cover sheet's next field
        labelled_list = bool(_LABEL_LINE.fullmatch(previous)) or labelled_list and previous.endswith((".", ";"))
        buf.append(line)
        previous = line
        if raw.endswith("  "):  # a Markdown hard line break ends the block
            flush()
            previous = ""
    flush()
    return blocks


def read_text(text: str, source: str = "report") -> Document:
    """A plain-text or Markdown report."""
    lines = text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")
    lines = [ln for ln in lines if not re.fullmatch(r"\s*(-{3,}|\*{3,}|_{3,})\s*", ln) and not _furniture(ln)]
    if _one_line_paragraphs(lines):
        lines = [x for ln in _rejoin_wrapped(lines) for x in (ln, "")]
    lines = _slash_tables(_contents(_title_lines(lines)))
    return Document(source, "text", _blocks_from_lines(_aligned_tables(lines)))


_LEADER = re.compile(
    r"^\s*(?:Contents\s+|Table of contents\s+)?(?P<title>\S.*?)\s*\.{4,}\s*(?P<page>\d{1,3})?\s*$", re.I
)
_CONTENTS_MARK = "\x00contents\x00"  # carried through the line reader to mark a block as a contents entry


def _contents(lines: list[str]) -> list[str]:
    """A table of contents ("Priorities ........ 7"): each entry a block of its own, without its dot leader
    and page number, marked as an entry (two or more such lines make a table of contents). Contents printed
    without dot leaders count too: entries run together on one line, each title followed by its page
    ("Foreword 3 Our priorities 9 Be healthy 13 …"), or each title on a line with its page on the next."""
    lines = _paged_lines(lines)
    entries = [i for i, ln in enumerate(lines) if _LEADER.match(ln)]
    out = list(lines)
    for i in entries if len(entries) >= 2 else []:
        m = _LEADER.match(lines[i])
        if m:
            out[i] = f"\n{_CONTENTS_MARK}{m.group('title')}\n"
    for i, line in enumerate(lines):
        paged = _paged_entries(line)
        if paged:
            out[i] = "".join(f"\n{_CONTENTS_MARK}{title}\n" for title in paged)
    return [x for ln in out for x in ln.split("\n")]


def _paged_entries(line: str) -> list[str]:
    """The titles of a contents line that runs its entries together, each followed by its page number: four
    entries at least, pages never going back, every title a few words opening with a capital, the line ending
    with a page. A number inside a title ("Chapter 2 key areas 11", "Chapter 4 Our priorities 27") is one that
    a lower-case word follows or that would take the pages back."""
    words = line.split()
    titles: list[str] = []
    current: list[str] = []
    last = 0
    for k, word in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if re.fullmatch(r"\d{1,3}", word) and current and int(word) >= last and not nxt[:1].islower():
            titles.append(" ".join(current))
            current, last = [], int(word)
            continue
        current.append(word)
    if current or len(titles) < 4 or len({*titles}) < 4:
        return []
    good = [t for t in titles if t[:1].isupper() and len(t.split()) <= 14 and not t.endswith(".")]
    return titles if len(good) >= len(titles) - 1 else []


def _paged_lines(lines: list[str]) -> list[str]:
    """Contents printed a title to a line and its page on the next ("Our Key Priorities\n\n15\n\nSafeguarding"):
    as "Title .... 15" lines, where four such pairs at least follow each other with pages never going back and
    not simply counting up one by one (a Word table's paragraph numbers do that)."""
    filled = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    pairs: list[tuple[int, int, int]] = []  # (title line, page line, page)
    runs: list[list[tuple[int, int, int]]] = []
    k = 0
    while k + 1 < len(filled):
        (i, title), (j, page) = filled[k], filled[k + 1]
        short = len(title) < 100 and len(title.split()) <= 14 and title[:1].isupper() and title[-1] not in ".;:,"
        if short and not re.fullmatch(r"[\d.]+", title) and re.fullmatch(r"\d{1,3}", page):
            if pairs and int(page) < pairs[-1][2]:
                runs.append(pairs)
                pairs = []
            pairs.append((i, j, int(page)))
            k += 2
            continue
        runs.append(pairs)
        pairs = []
        k += 1
    runs.append(pairs)
    out = list(lines)
    for run in runs:
        pages = [p for _, _, p in run]
        if len(run) < 4 or all(b == a + 1 for a, b in zip(pages, pages[1:], strict=False)):
            continue
        for i, j, number in run:
            out[i] = f"{lines[i].strip()} .... {number}"
            out[j] = ""
    return out


def _title_lines(lines: list[str]) -> list[str]:
    """The short lines a text opens with (a body's name, "Notes of meeting on 3 May 2011") are a block each,
    not the start of the first paragraph; the first long line ends them."""
    out: list[str] = []
    for n, line in enumerate(lines):
        text = line.strip()
        field = re.match(r"^[A-Z][\w ]{0,30}:\s*https?://\S+$", text)  # "Source: https://..."
        if text and len(text) >= 60 and not field or text.endswith((",", ";")):
            return out + lines[n:]
        out.extend([line, ""] if text else [line])
    return out


_FURNITURE_LINE = re.compile(  # a web page's navigation, saved with its text: not the report's words
    r"(?:skip\s+(?:to\s+)?(?:main\s+)?(?:content|menu|navigation)|access\s*keys|jump\s+to\s+(?:content|navigation)|"
    r"back\s+to\s+top|print\s+(?:this\s+)?page|you\s+are\s+here\b.*|main\s+menu|site\s+map|"
    r"home(?:\s*[>»›:|]\s*[^>»›:|]+){2,}|"  # a breadcrumb trail: "Home > Council > Issue"
    r"(?:sign\s+up|subscribe)\s+(?:to|for)\s+(?:our|the)\s+\w*\s*newsletters?)\s*:?",
    re.I,
)


def _furniture(line: str) -> bool:
    """A line that is only a web page's navigation ("Skip main menu", "Access keys:")."""
    return bool(_FURNITURE_LINE.fullmatch(line.strip()))


_SLASH = re.compile(r"\s+/\s+|\s+/$")  # " / " between a flattened table's cells (and one at a row's end)


def _slash_tables(lines: list[str]) -> list[str]:
    """Tables saved as text with " / " between the cells, as tab rows.

    Two or more lines in a row with two or more " / " each are a table's rows ("Name / AB / - / Police");
    a line between two of them with no separator is the previous row's last cell wrapped; a row whose
    first cell is a paragraph number ("2. / Minutes") is that numbered heading. A "-" cell is empty. A row
    that ends with its separator continues in the "- " bullets under it: each run of bullets, ended by one
    that ends with a full stop, fills the next column. A short line between such rows is the next row's
    label; a header whose last cell runs into the first row's label ("How will we know?Safe") is split.
    """

    def row(line: str) -> list[str] | None:
        cells = _SLASH.split(line.strip())
        return ["" if c.strip() in {"-", "–"} else c.strip() for c in cells] if len(cells) >= 3 else None

    out: list[str] = []
    i = 0
    while i < len(lines):
        numbered = re.fullmatch(r"\s*(\d{1,2}\.?)\s+/\s+(\S.*)", lines[i])
        if numbered:  # "1. / Present": a minutes table's item number and title
            out.append(f"{numbered.group(1).rstrip('.')}. {numbered.group(2)}")
            i += 1
            continue
        j, rows = i, list[list[str]]()
        open_at: int | None = None  # the column the bullets under an open row fill
        while j < len(lines):
            if rows and not lines[j].strip():  # a blank line inside the table (text saved a line a paragraph)
                k = next((k for k in range(j, len(lines)) if lines[k].strip()), len(lines))
                after = next((n for n in range(k + 1, len(lines)) if lines[n].strip()), len(lines))
                label = k < len(lines) and len(lines[k].split()) <= 4 and after < len(lines) and row(lines[after])
                if k < len(lines) and (
                    row(lines[k]) or label or open_at is not None and re.match(r"\s*[-–•·]\s", lines[k])
                ):
                    j = k
                    continue
            line = lines[j].strip()
            cells = row(lines[j])
            k = next((k for k in range(j + 1, len(lines)) if lines[k].strip()), len(lines))
            following = k < len(lines) and row(lines[k]) is not None
            if cells is not None:
                glued = re.fullmatch(r"(.*\S[?:])([A-Z][\w’'-]*)", cells[-1]) if not rows else None
                open_at = None
                if lines[j].rstrip().endswith("/"):
                    cells, open_at = cells[:-1], len(cells) - 1
                if glued:
                    cells[-1] = glued.group(1)
                rows.append(cells)
                if glued:
                    rows.append([glued.group(2)])
                j += 1
                continue
            bullet = re.match(r"^[-–•·]\s+(\S.*)$", line)
            if rows and open_at is not None and bullet:
                filled = [""] * (open_at + 1)
                filled[open_at] = bullet.group(1).rstrip(" ,;.")
                rows.append(filled)
                open_at += bullet.group(1).endswith(".")
                j += 1
                continue
            if rows and line and following and len(line.split()) <= 4 and len(rows[-1]) == 1:
                break
            if rows and line and following and open_at is None and len(rows[-1]) > 1 and not bullet:
                rows[-1][-1] = f"{rows[-1][-1]} {line}".strip()  # a wrapped last cell
                j += 1
                continue
            if rows and line and following and len(line.split()) <= 4 and not line.endswith((".", ",", ";", ":")):
                rows.append([line])  # a row's label on a line of its own
                j += 1
                continue
            break
        if len(rows) >= 2:
            width = max(len(r) for r in rows)
            out.extend(["", *("\t".join(r + [""] * (width - len(r))) for r in rows), ""])
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out


_GAP = re.compile(r"\S(\s{3,})\S")


def _aligned_tables(lines: list[str]) -> list[str]:
    """Space-aligned tables (indented lines whose columns are runs of three or more spaces) as tab rows.

    A plain-text report lays a table out with spaces; a cell that wraps leaves a line with the first column
    only, whose words join the next row's first cell.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and re.match(r"\s{2,}\S", lines[j]) and "\t" not in lines[j]:
            j += 1
        run = lines[i:j]
        if len([ln for ln in run if _GAP.search(ln.strip())]) < 2:
            out.append(lines[i])
            i += 1
            continue
        pending = ""
        for ln in run:
            cells = re.split(r"\s{3,}", ln.strip())
            if len(cells) == 1:
                pending = f"{pending} {cells[0]}".strip()
                continue
            if pending:
                cells[0] = f"{pending} {cells[0]}"
                pending = ""
            out.append("\t".join(cells))
        if pending:
            out.append(pending)
        i = j
    return out


def _rejoin_wrapped(lines: list[str]) -> list[str]:
    """Lines of a one-line-per-paragraph page that a copy from a PDF wrapped: a long line (50 characters or more)
    that stops mid-sentence, then one that opens in lower case ("... around the child, young" / "person or family
    ..."), are one line again. Short lines stay apart, and so do lines that open alike ("improving …" / "reducing
    …"): a list's lower-case items."""
    out: list[str] = []
    for ln in lines:
        prev = out[-1].rstrip() if out else ""
        firsts = [w.split()[0].lower() if w.split() else "" for w in (prev, ln)]
        parallel = firsts[0] == firsts[1] or all(w.endswith("ing") for w in firsts)  # "improving …" / "reducing …"
        if len(prev) >= 50 and not re.search(r"[.:;!?)]$", prev) and re.match(r"[a-z]", ln.lstrip()) and not parallel:
            out[-1] = f"{prev} {ln.strip()}"
            continue
        out.append(ln)
    return out


def _one_line_paragraphs(lines: list[str]) -> bool:
    """Text saved from a web page: no blank line between its paragraphs, each a line of its own length.

    Hard-wrapped text (most lines within a few characters of one width) is not: its lines join.
    """
    filled = [ln.rstrip() for ln in "\n".join(lines).strip().split("\n")]
    if len(filled) < 4 or not all(ln.strip() for ln in filled):
        return False
    widest = max(len(ln) for ln in filled)
    near = sum(len(ln) >= widest - 12 for ln in filled[:-1])
    return widest > 100 and near < len(filled) // 2


# --- PDF -------------------------------------------------------------------------------------------


def read_pdf(path: Path) -> Document:
    """The text layer of a PDF (pypdf), running headers and footers set aside, wrapped lines joined."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        page_lines = [_pdf_page_lines(page) for page in PdfReader(path).pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ExtractError(
            f"cannot read the PDF: {exc}", file=str(path), hint="open and re-save it, or give the text"
        ) from exc
    if not any(ln.strip() for lines in page_lines for ln in lines):
        raise ExtractError("the PDF has no text layer (a scan?)", file=str(path), hint="run OCR on it first")
    pages = page_lines

    def furniture(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip())

    counts: dict[str, int] = {}
    for lines in page_lines:
        edge = {furniture(x) for x in lines[:2] + lines[-2:] if x.strip()}
        for key in edge:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if n >= 2 and len(pages) >= 2}
    headers: list[str] = []
    body: list[str] = []
    for lines in page_lines:
        for i, line in enumerate(lines):
            key = furniture(line)
            at_edge = i < 2 or i >= len(lines) - 2
            if at_edge and (key in repeated or re.fullmatch(r"(page\s*)?#(\s*of\s*#)?", key, re.I)):
                if i < 2 and line.strip() not in headers:
                    headers.append(line.strip())
                continue
            body.append(line)
        body.append("")
    doc = Document(str(path), "pdf", _blocks_from_lines(_contents(body), join_wrapped=True))
    doc.page_headers = headers
    return doc


def _pdf_page_lines(page: object) -> list[str]:
    """A page's text lines, with each table the page draws put back as rows of tab-separated cells.

    pypdf's text flattens a table: a row's cells run together on one line, or a wrapped cell's lines
    come one after another. The positions of the text runs (pypdf's visitor) show the columns: runs in
    the content stream at two or more column positions that repeat on two or more rows are a table.
    """
    runs: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, (size or 10) * (abs(cm[3]) or 1), text))

    text = page.extract_text(visitor_text=visit) or ""  # type: ignore[attr-defined]
    lines = [ln.rstrip() for ln in text.split("\n")]
    for table in _pdf_tables(runs):
        lines = _splice_table(lines, table)
    return lines


def _pdf_tables(runs: list[tuple[float, float, float, str]]) -> list[list[list[str]]]:
    """Tables among a page's text runs: rows of cells, each cell at its column (empty where none)."""
    cells: list[tuple[float, list[str]]] = []  # (x, lines) in content order
    last: tuple[float, float, float, float] | None = None  # x, y, size of the previous run, and the line gap
    for x, y, size, text in runs:
        gap = last[1] - y if last else 0.0
        same_cell = (
            last is not None
            and abs(x - last[0]) < 1.5
            and abs(size - last[2]) < 0.5
            and 0 < gap < min(2.2 * size, 1.25 * last[3] if last[3] else 2.2 * size)
        )
        if same_cell and last is not None:
            cells[-1][1].append(text.strip())  # the next line of the same cell (a paragraph gap ends it)
            last = (x, y, size, gap)
            continue
        if last and abs(gap) < 0.5 * size and 0 <= x - last[0] - len(cells[-1][1][-1]) * size * 0.5 < size:
            cells[-1][1][-1] += text if text.startswith(" ") else " " + text.strip()  # the same line, run on
            continue
        cells.append((x, [text.strip()]))
        last = (x, y, size, 0.0)
    rows: list[list[tuple[float, str]]] = []
    for x, parts in cells:
        if rows and x > rows[-1][-1][0] + 1.5:
            rows[-1].append((x, " ".join(parts)))
        else:
            rows.append([(x, " ".join(parts))])
    tables: list[list[list[tuple[float, str]]]] = []
    run: list[list[tuple[float, str]]] = []
    for row in [*rows, []]:
        if len(row) >= 2 and (not run or _same_columns(run[0], row)):
            run.append(row)
            continue
        if len(row) == 1 and len(run) >= 2 and _same_columns(run[0], row) and row[0][0] > run[0][0][0] + 3:
            run.append(row)  # a continuation row whose first cell (the outcome it shares) is left empty
            continue
        if len(run) >= 2:
            tables.append(run)
        run = [row] if len(row) >= 2 else []
    out = []
    for table in tables:
        columns = sorted({round(x) for row in table for x, _ in row})
        grid = []
        for row in table:
            cells_at = [""] * len(columns)
            for x, value in row:
                cells_at[min(range(len(columns)), key=lambda i: abs(columns[i] - x))] = value
            grid.append(cells_at)
        out.append(grid)
    return out


def _same_columns(first: list[tuple[float, str]], row: list[tuple[float, str]]) -> bool:
    starts = [x for x, _ in first]
    return all(any(abs(x - s) < 3 for s in starts) for x, _ in row)


def _splice_table(lines: list[str], table: list[list[str]]) -> list[str]:
    """Put a table's rows in place of the flattened lines that hold the same words in the same order."""
    want = re.sub(r"\s+", "", "".join(c for row in table for c in row))
    first = re.sub(r"\s+", "", next(c for c in table[0] if c))[:12]
    for i, line in enumerate(lines):
        if not re.sub(r"\s+", "", line).startswith(first):
            continue
        got = ""
        for j in range(i, len(lines)):
            got += re.sub(r"\s+", "", lines[j])
            if not want.startswith(got):
                break
            if got == want:
                return [*lines[:i], "", *("\t".join(row) for row in table), "", *lines[j + 1 :]]
    return lines


# --- Word --------------------------------------------------------------------------------------------


def read_docx(path: Path) -> Document:
    """A Word document: paragraphs and tables in order, headings by style, running headers aside."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ExtractError(f"cannot read the Word document: {exc}", file=str(path), hint="open and re-save it") from exc
    headers = [p.text.strip() for s in document.sections for p in s.header.paragraphs if p.text.strip()]
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.strip()
            style = para.style.name.lower() if para.style is not None else ""
            if style.startswith(("heading", "title")) and text:
                level = re.search(r"\d", style)
                lines.extend(["", "#" * (int(level.group(0)) if level else 1) + " " + text, ""])
            elif style.startswith("list") and text:  # Word keeps a list's bullets and numbers out of the text
                lines.extend(["• " + text, ""])
            else:
                lines.extend([text, ""])
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = [c.text.strip() for c in row.cells]
                lines.append("\t".join(cells) if len(cells) > 1 else cells[0])
            lines.append("")
    doc = Document(str(path), "docx", _blocks_from_lines(lines))
    doc.page_headers = headers
    return doc


# --- HTML ---------------------------------------------------------------------------------------------

_FURNITURE_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe"]
_FURNITURE_WORDS = re.compile(
    r"cookie|breadcrumb|skip|menu|share|feedback|site-header|site-footer|top-bar|mgFooter", re.I
)
_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "dt", "dd", "blockquote", "pre", "caption"}
_MEETING_HEADING = re.compile(r"Meeting:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*\(Item\s*(\w+)\)", re.I)


def _bullet_lines(tag: Tag) -> list[str]:
    """The lines of a paragraph that is a list written with line breaks, each line a bullet; else []."""
    if tag.name == "li" or not tag.find("br"):
        return []
    for br in tag.find_all("br"):
        br.replace_with("\n")
    lines = [re.sub(r"\s+", " ", x).strip() for x in tag.get_text().split("\n")]
    lines = [x for x in lines if x]
    if len(lines) >= 2 and all(_marker(x) == "letter" for x in lines):
        return lines  # "(a) ...<br>(b) ...": a lettered list written with line breaks
    if len(lines) < 2 or not all(re.match(r"^[-*•·–]\s*\S", x) for x in lines):
        return []
    return [re.sub(r"^[-*•·–]\s*", "", x) for x in lines]


def read_html(markup: str, source: str = "page") -> Document:
    """A committee-system or council web page: its content, by its headings, paragraphs and tables."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_FURNITURE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.attrs is None:
            continue
        marks = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
        if marks.strip() and _FURNITURE_WORDS.search(marks):
            tag.decompose()
    root = soup.find("main") or soup.find(id="modgov") or soup.body or soup
    blocks: list[Block] = []
    paras = _Paragraphs()
    item = ""

    def text_of(tag: Tag) -> str:
        return re.sub(r"\s+", " ", tag.get_text(" ", strip=True)).replace(" ,", ",").replace(" .", ".").strip()

    for tag in root.find_all(_BLOCK_TAGS):
        if tag.find(_BLOCK_TAGS):
            continue
        text = text_of(tag)
        if not text:
            continue
        if tag.name == "tr":
            cells = [text_of(c) for c in tag.find_all(["td", "th"])]  # empty cells keep their column
            row = Block("\t".join(c for c in cells if c), "row", item or paras.current(), cells=cells)
            row.section = paras.heading
            blocks.append(row)
            continue
        m = _MEETING_HEADING.search(text)
        if m:
            item = f"{m.group(1)} Item {m.group(3)}"
            paras.heading_seen(text)
            blocks.append(Block(text, "heading", item, section=text))
            continue
        if tag.name and tag.name[0] == "h":
            paras.heading_seen(text)
            blocks.append(Block(text, "heading", item or text, section=text, level=int(tag.name[1])))
            continue
        if re.fullmatch(r"\d{1,3}\.?", text):  # a minutes item number in its own cell
            item = f"Item {text.rstrip('.')}"
            paras.section, paras.number = text.rstrip("."), ""
            continue
        lines = _bullet_lines(tag)
        if lines:  # "• a<br>• b<br>• c" in one paragraph: a list written with line breaks
            for line in lines:
                lettered = paras.numbered(line) if _marker(line) == "letter" else None
                if lettered:
                    para = f"{item} {lettered[0]}" if item else lettered[0]
                    blocks.append(Block(line, "para", para, section=paras.heading, marker="letter"))
                    continue
                blocks.append(Block(line, "item", item or paras.current(), section=paras.heading, marker="bullet"))
            continue
        numbered = paras.numbered(text)
        para = numbered[0] if numbered else item
        if numbered and item and not numbered[0].startswith(("Item", item.split()[-1])):
            para = f"{item} {numbered[0]}"
        elif numbered and item:
            para = f"Item {numbered[0]}"
        blocks.append(
            Block(text, "item" if tag.name == "li" else "para", para or paras.current(), section=paras.heading)
        )
    doc = Document(source, "html", blocks)
    doc.title = title
    return doc
