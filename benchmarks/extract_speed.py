"""How long `cypkg extract` takes on a 20-page PDF, and how much memory it needs.

    python benchmarks/extract_speed.py            # builds the PDF in a temporary folder, then measures

The PDF repeats the tuning corpus's PDF report (benchmarks/extraction/tuning/sallowby-2019-09-18-hwb-report.pdf.txt)
until it has 20 pages. Three figures: a cold run (a fresh process: imports, gazetteers, spaCy and
dateparser loaded, then the draft), the same draft again warm in one process (median of three), and
the cold process's peak resident memory. Targets (issue #15): at most 2 s, under 500 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "benchmarks" / "extraction" / "tuning" / "sallowby-2019-09-18-hwb-report.pdf.txt"
PAGES = 20

_RUN = """
import resource, sys, time
t = time.perf_counter()
from pathlib import Path
from kg.imports.extract import extract_file
draft = extract_file(Path(sys.argv[1]))
cold = time.perf_counter() - t
warm = []
for _ in range(3):
    t = time.perf_counter()
    extract_file(Path(sys.argv[1]))
    warm.append(time.perf_counter() - t)
print(cold, sorted(warm)[1], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(draft.proposals))
"""


def build_pdf(folder: Path) -> Path:
    """The benchmark PDF: the fixture's source repeated, a page break between copies, until 20 pages."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "extraction"))
    from build_fixtures import build_pdf as build  # type: ignore[import-not-found]
    from pypdf import PdfReader

    text = SOURCE.read_text(encoding="utf-8")
    lines = text.splitlines()
    head = [ln for ln in lines if ln.startswith("@")]
    body = [ln for ln in lines if not ln.startswith("@")]
    copies = 1
    while True:
        src = folder / "twenty.pdf.txt"
        src.write_text("\n".join(head + sum(([*body, "@page"] for _ in range(copies)), [])), encoding="utf-8")
        out = folder / "twenty.pdf"
        build(src, out)
        pages = len(PdfReader(out).pages)
        if pages >= PAGES:
            return out
        copies += 1


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_pdf(Path(tmp))
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", _RUN, str(pdf)], capture_output=True, text=True, check=True, cwd=ROOT
        )
        process = time.perf_counter() - started
        cold, warm, rss, proposals = (float(x) for x in result.stdout.split())
    print(f"{pages}-page PDF, {int(proposals)} proposals")
    print(f"process start to draft (cold): {cold:.2f} s in-process, {process:.2f} s wall with interpreter start")
    print(f"draft again in the same process (warm, median of 3): {warm:.2f} s")
    print(f"peak resident memory: {rss:.0f} MB (targets: <= 2 s, < 500 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
