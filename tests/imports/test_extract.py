"""Draft extraction from committee reports: what it proposes, where from, and how it refuses bad files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.imports.extract import ExtractError, extract_file, read_report, write_draft
from kg.namespaces import CYP

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "sources" / "seeds"
UNSEEN = Path(__file__).resolve().parent / "fixtures" / "reports" / "fictional-borough-2023-cabinet.txt"
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def _keys(path: Path, kind: str) -> set[str]:
    return {p.key for p in extract_file(path).by_kind(kind)}


def test_governance_pathway_rows_become_dated_meetings_but_consultation_milestones_do_not():
    meetings = _keys(SEEDS / "medway-2019-02-19-hwb.txt", "meeting")
    assert {"scrutiny|2019-03-07", "cabinet|2019-04-09", "cabinet|2019-08-06"} <= meetings
    assert not any(k.endswith(("2019-05-06", "2019-06-16")) for k in meetings)


def test_section_citation_maps_to_the_legislation_gov_uk_section():
    assert _keys(SEEDS / "milton-keynes-2009-10-27-cabinet.txt", "legislation") == {"ukpga/2004/31/section/17"}


def test_replaced_statutory_plans_are_proposed_as_strategies():
    strategies = _keys(SEEDS / "kent-2008-10-16-county-council.txt", "strategy")
    assert {"education development plan", "behaviour support plan"} <= strategies


def test_unseen_report_yields_its_meetings_legislation_and_strategies():
    assert _keys(UNSEEN, "meeting") == {
        "cabinet|2023-03-14",
        "safeguarding-board|2023-02-02",
        "scrutiny|2023-02-21",
        "scrutiny|2023-06-15",
        "council|2023-07-12",
    }
    assert _keys(UNSEEN, "legislation") == {"ukpga/2004/31/section/11", "ukpga/2014/6"}
    assert {"corporate parenting strategy", "northbridge early help strategy"} <= _keys(UNSEEN, "strategy")
    assert "head of children strategy" not in _keys(UNSEEN, "strategy")


def test_consultation_count_keeps_its_qualifier():
    draft = extract_file(UNSEEN)
    (consultation,) = draft.by_kind("consultation")
    assert consultation.details["count"] == 1200
    assert consultation.details["qualifier"] == CYP.MoreThan


def test_every_drafted_node_cites_a_paragraph_with_its_text_and_a_confidence(tmp_path):
    path = write_draft(extract_file(SEEDS / "derby-2006-02-21-cabinet.txt"), tmp_path / "draft.ttl")
    g = Graph().parse(path)
    drafted = set(g.subjects(CYP.confidence))
    assert drafted
    for node in drafted:
        (paragraph,) = [p for p in g.objects(node, PROV_DERIVED) if (p, CYP.text, None) in g]
        assert (paragraph, CYP.paragraphNumber, None) in g


def test_draft_file_says_it_is_a_draft_for_review(tmp_path):
    path = write_draft(extract_file(UNSEEN), tmp_path / "draft.ttl")
    assert "DRAFT" in path.read_text(encoding="utf-8").splitlines()[0]


def test_scorer_meets_the_targets_on_the_seed_gold_files():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "extract_score.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_pdf_text_layer_is_read(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_tiny_pdf("Section 10 of the Children Act 2004"))
    assert "Children Act 2004" in read_report(pdf)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("empty.txt", b"", "empty", id="empty"),
        pytest.param("binary.txt", bytes(range(256)) * 4, "binary", id="binary"),
        pytest.param("latin1.txt", "Caf\xe9 report".encode("cp1252"), "not UTF-8", id="non-utf8"),
        pytest.param("fake.pdf", b"not a pdf at all", "not a PDF", id="fake-pdf"),
    ],
)
def test_unreadable_report_is_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=message) as caught:
        extract_file(path)
    assert caught.value.hint


def test_twenty_megabyte_text_is_refused_before_reading(tmp_path):
    path = tmp_path / "bundle.txt"
    with path.open("wb") as fh:
        fh.truncate(20_000_000)
    with pytest.raises(ExtractError, match="over the 5 MB limit"):
        extract_file(path)


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (built by hand: no PDF writer is needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
