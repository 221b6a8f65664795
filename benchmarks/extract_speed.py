"""How long `cypkg extract` takes on a 20-page PDF, and how much memory it needs, against a baseline.

    python benchmarks/extract_speed.py                      # this checkout, 5 rounds
    python benchmarks/extract_speed.py --baseline e2c1663   # ... and that commit, measured in the same rounds
    python benchmarks/extract_speed.py --rounds 9

The PDF repeats the tuning corpus's PDF report (benchmarks/extraction/tuning/sallowby-2019-09-18-hwb-report.pdf.txt)
until it has 20 pages. Each round runs, for each variant in turn (so a shared machine's load falls on
all of them alike):

- `cli`: `cypkg extract twenty.pdf` in a fresh process, as an officer runs it (the draft's table and
  Turtle written to stdout): wall time from the interpreter's start to its exit, and its CPU time;
- `draft`: in a fresh process, `extract_file` from the first import to the draft (cold), the same
  draft again three times in that process (warm: their median), and the process's peak memory.

Variants: this checkout with its gazetteer cache filled (the usual run), this checkout with a cache
folder it cannot write (the first run after data or code change, or a read-only home), and the
baseline commit if given (exported with `git archive`, run from its own folder). Medians over the
rounds are printed. Targets (issue #15): a 20-page PDF drafted in at most 2 s; memory under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "benchmarks" / "extraction" / "tuning" / "sallowby-2019-09-18-hwb-report.pdf.txt"
PAGES = 20


def _cli(code: Path) -> str:
    """The `cypkg` script's entry point in that code (kg.cli's before kg/__main__.py existed)."""
    entry = "kg.__main__" if (code / "kg" / "__main__.py").is_file() else "kg.cli"
    return f"from {entry} import main; main()"


_DRAFT = """
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


def export(ref: str, folder: Path) -> Path:
    """The baseline commit's files, exported from git (never checked out over this worktree)."""
    archive = folder / "baseline.tar"
    subprocess.run(["git", "archive", "--output", str(archive), ref], cwd=ROOT, check=True)
    out = folder / "baseline"
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    return out


def _timed(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of one child process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=True, env=env, cwd=cwd)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stdout


def measure(code: Path, pdf: Path, env: dict[str, str]) -> dict[str, float]:
    """One round of one variant: the CLI run, then the draft run."""
    env = {**env, "PYTHONPATH": str(code), "COLUMNS": "200"}
    wall, cpu, out = _timed([sys.executable, "-c", _cli(code), "extract", str(pdf)], env, code)
    _, _, draft = _timed([sys.executable, "-c", _DRAFT, str(pdf)], env, code)
    cold, warm, rss, proposals = (float(x) for x in draft.split())
    return {"cli": wall, "cli_cpu": cpu, "cold": cold, "warm": warm, "rss": rss, "proposals": proposals,
            "output": float(hash(out))}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", help="a git commit to measure in the same rounds (e.g. the one before a change)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = build_pdf(folder)
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
        # bytecode is written and read, as in an installed package (a checkout run with PYTHONDONTWRITEBYTECODE
        # compiles every module of its own on every start)
        base = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}}
        base["CYPKG_STORE_DIR"] = str(folder / "store")  # extract opens no store; never the user's anyway
        unwritable = folder / "not-a-folder"
        unwritable.write_text("a file where the cache folder would be: the cache cannot be written\n")
        variants: dict[str, tuple[Path, dict[str, str]]] = {
            "this checkout, cache filled": (ROOT, {**base, "CYPKG_CACHE_DIR": str(folder / "cache")}),
            "this checkout, no cache": (ROOT, {**base, "CYPKG_CACHE_DIR": str(unwritable / "cache")}),
        }
        if args.baseline:
            variants[f"baseline {args.baseline}"] = (export(args.baseline, folder), base)
        for code, env in variants.values():  # once each, unmeasured: bytecode written, the cache filled
            _timed([sys.executable, "-c", _cli(code), "extract", str(pdf)], {**env, "PYTHONPATH": str(code)}, code)
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for _ in range(args.rounds):
            for name, (code, env) in variants.items():
                runs[name].append(measure(code, pdf, env))
        outputs = {r["output"] for rs in runs.values() for r in rs}
        print(f"{pages}-page PDF; {args.rounds} rounds; medians (min-max); load average {os.getloadavg()[0]:.1f}")
        print(f"the CLI's stdout was {'the same' if len(outputs) == 1 else 'NOT the same'} in every run")
        for name, rs in runs.items():

            def cell(key: str, rs: list[dict[str, float]] = rs) -> str:
                values = [r[key] for r in rs]
                return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

            print(f"\n{name}: {int(rs[0]['proposals'])} proposals")
            print(f"  cypkg extract, wall from interpreter start to exit: {cell('cli')} s; CPU {cell('cli_cpu')} s")
            print(f"  draft in a fresh process, from its first import (cold): {cell('cold')} s")
            print(f"  the same draft again in that process (warm): {cell('warm')} s")
            print(f"  peak resident memory: {cell('rss')} MB")
        print("\ntargets: at most 2 s; under 500 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
