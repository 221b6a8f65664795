"""Score `cypkg extract` against the gold files: precision and recall per kind, per split.

    python benchmarks/extract_score.py                   # tuning, tuning-holdout, held-out and seeds
    python benchmarks/extract_score.py --split tuning    # one split
    python benchmarks/extract_score.py --details         # also each file's misses and false proposals
    python benchmarks/extract_score.py --markdown        # the tables for docs/imports.md
    python benchmarks/extract_score.py --markdown --summary held-out   # ... with only the totals of held-out
    python benchmarks/extract_score.py --dir PATH        # the gold files in another folder

Gold files: benchmarks/extraction/{tuning,tuning-holdout,held-out,seeds}/*.gold.json (format:
benchmarks/extraction/README.md); a split with no folder yet scores nothing. A kind is scored on a
file only when its gold file has that key,
so a file annotated without risks neither rewards nor punishes risk proposals. A proposal matches
at most one gold entry (and the reverse):

- plan: the same period (start and end years); authority: the same GSS code;
- meeting: the same date at the same precision (or both undated) and the same body kind or a similar
  body name; decision: the same status and verb stem;
- legislation: the same legislation.gov.uk IRI; consultation: the same count;
- review: a similar name and the same date; monitoring: the same frequency and a similar body;
- duty: the same legal basis (legislation.gov.uk IRI); membership: a similar member and a similar body;
- anything else (bodies, people, partners, outcomes, priorities, pledges, strategies, indicators,
  risks, target groups): a similar name (rapidfuzz token-set ratio >= 85 after lower-casing).

An *invented meeting date* is a proposed meeting whose date agrees with no meeting date of its gold file
(neither equal nor one a coarser form of the other): a date the document gives to something else (a
target, a deadline, a period) read as a meeting's. The acceptance allows at most one across six reports.
*Dated meetings found* is the recall of the gold meetings that have a date (the acceptance counts them apart).

Targets (benchmarks, not test asserts): precision >= 0.9 and recall >= 0.8 per kind on held-out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.imports.extract import extract_file  # noqa: E402

CORPUS = ROOT / "benchmarks" / "extraction"
SPLITS = ("tuning", "tuning-holdout", "held-out", "held-out-2", "held-out-3", "held-out-4", "seeds")
KINDS = (
    "plan", "authority", "meeting", "decision", "body", "person", "partner", "outcome", "priority", "pledge",
    "strategy", "legislation", "indicator", "consultation", "review", "risk", "target_group", "monitoring", "duty",
    "membership",
)  # fmt: skip
TARGET_PRECISION, TARGET_RECALL = 0.9, 0.8
FREQUENCY = {"quarterly": "Quarterly", "six-monthly": "SixMonthly", "bi-annually": "SixMonthly", "annually": "Annually"}


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "").lower().replace("’", "'").replace("&", "and")).strip(" .;,")


def _similar(a: Any, b: Any, cutoff: float = 85) -> bool:
    return fuzz.token_set_ratio(_norm(a), _norm(b)) >= cutoff


def _stem(word: str) -> str:
    word = word.lower().split()[0] if word.strip() else ""
    return re.sub(r"(?:ing|ed|es|s|d|e)$", "", word)


def matches(kind: str, p: dict[str, Any], g: dict[str, Any]) -> bool:
    """Whether a proposal's value is the gold entry."""
    if kind == "plan":
        return (str(p.get("start")), str(p.get("end"))) == (str(g.get("start")), str(g.get("end")))
    if kind == "authority":
        return p.get("gss") == g.get("gss")
    if kind == "meeting":
        same_body = p.get("body_kind") == g.get("body_kind") or _similar(p.get("body"), g.get("body"), 80)
        return p.get("date") == g.get("date") and same_body
    if kind == "decision":
        return p.get("status") == g.get("status") and _stem(str(p.get("verb"))) == _stem(str(g.get("verb")))
    if kind == "legislation":
        return p.get("iri") == g.get("iri")
    if kind == "consultation":
        return p.get("count") == g.get("count")
    if kind == "review":
        return _similar(p.get("name"), g.get("name"), 80) and p.get("date") == g.get("date")
    if kind == "duty":
        return p.get("iri") == g.get("iri")
    if kind == "membership":
        return _similar(p.get("member"), g.get("member")) and _similar(p.get("body"), g.get("body"), 70)
    if kind == "monitoring":
        return p.get("frequency") == FREQUENCY.get(str(g.get("frequency"))) and _similar(p.get("by"), g.get("by"), 70)
    return _similar(p.get("name"), g.get("name"))


def invented_dates(proposed: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Proposed meetings dated where no gold meeting of the file has that date, at any precision."""
    known = [str(g["date"]) for g in gold if g.get("date")]
    return [
        p
        for p in proposed
        if p.get("date") and not any(d.startswith(str(p["date"])) or str(p["date"]).startswith(d) for d in known)
    ]


def score_file(path: Path) -> dict[str, dict[str, Any]]:
    """Per kind annotated in the gold file: counts, false proposals and misses."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]
    if not source.exists():  # a corpus folder given with --dir, in another checkout
        source = path.parent / Path(gold["source"]).name
    draft = extract_file(source)
    out: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        if kind not in gold:
            continue
        wanted = list(gold[kind])
        proposed = [p.value for p in draft.by_kind(kind)]
        used: set[int] = set()
        correct, false = 0, []
        owners, dates, found_dated = [0, 0], [0, 0], [0, 0]
        for p in proposed:
            hit = next((i for i, g in enumerate(wanted) if i not in used and matches(kind, p, g)), None)
            if hit is None:
                false.append(p)
                continue
            used.add(hit)
            correct += 1
            if kind == "priority":
                owners[1] += 1
                owners[0] += int(
                    _norm(p.get("owner")) == _norm(wanted[hit].get("owner"))
                    or _similar(p.get("owner"), wanted[hit].get("owner"), 90)
                    and bool(p.get("owner"))
                )
            if kind == "consultation" and "start" in wanted[hit]:
                dates[1] += 1
                dates[0] += int((p.get("start"), p.get("end")) == (wanted[hit]["start"], wanted[hit].get("end")))
        missed = [g for i, g in enumerate(wanted) if i not in used]
        if kind == "meeting":  # the acceptance counts dated meetings on their own
            with_date = [i for i, g in enumerate(wanted) if g.get("date")]
            found_dated = [sum(i in used for i in with_date), len(with_date)]
        out[kind] = {
            "proposed": len(proposed),
            "correct": correct,
            "gold": len(wanted),
            "found": correct,
            "false": false,
            "missed": missed,
            "owners": owners,
            "dates": dates,
            "dated": found_dated,
            "invented": invented_dates(proposed, wanted) if kind == "meeting" else [],
        }
    return out


def score_split(split: str, details: bool, folder: Path | None = None) -> tuple[dict[str, list[int]], int]:
    """Totals per kind (correct, proposed, found, gold) over a split's files; prints details if asked."""
    totals = {k: [0, 0, 0, 0] for k in KINDS}
    owners, dates, dated, invented = [0, 0], [0, 0], [0, 0], [0, 0]
    files = sorted((folder or CORPUS / split).glob("*.gold.json"))
    for path in files:
        result = score_file(path)
        if details:
            print(f"\n{split}/{path.name}")
        for kind, r in result.items():
            t = totals[kind]
            t[0] += r["correct"]
            t[1] += r["proposed"]
            t[2] += r["found"]
            t[3] += r["gold"]
            if kind == "priority":
                owners[0] += r["owners"][0]
                owners[1] += r["owners"][1]
            if kind == "consultation":
                dates[0] += r["dates"][0]
                dates[1] += r["dates"][1]
            if kind == "meeting":
                dated[0] += r["dated"][0]
                dated[1] += r["dated"][1]
                invented[0] += len(r["invented"])
                invented[1] += 1
            if details and (r["false"] or r["missed"]):
                for f in r["false"]:
                    print(f"  {kind:12} false:  {_short(f)}")
                for m in r["missed"]:
                    print(f"  {kind:12} missed: {_short(m)}")
                for i in r["invented"]:
                    print(f"  {kind:12} INVENTED DATE: {_short(i)}")
    totals["_owners"] = owners
    totals["_dates"] = dates
    totals["_dated"] = dated
    totals["_invented"] = invented
    return totals, len(files)


def _short(value: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in value.items() if k != "evidence"}, ensure_ascii=False)[:150]


def _cell(num: int, den: int) -> str:
    return f"{num / den:.2f} ({num}/{den})" if den else "n/a (0/0)"


def print_table(split: str, totals: dict[str, list[int]], files: int, markdown: bool, summary: bool = False) -> None:
    """Precision and recall per kind for one split (only the totals over all kinds, with `summary`)."""
    if summary:
        kinds = [totals[k] for k in KINDS]
        c, p, f, g = (sum(t[i] for t in kinds) for i in range(4))
        line = f"precision {_cell(c, p)}, recall {_cell(f, g)}"
        print(
            f"\n**{split}** ({files} files), all kinds: {line}"
            if markdown
            else f"\n== {split} ({files} files) ==\n{line}"
        )
        return
    if markdown:
        print(f"\n**{split}** ({files} files)\n\n| kind | precision | recall |\n|---|---|---|")
    else:
        print(f"\n== {split} ({files} files) ==\n{'kind':14}{'precision':16}{'recall':16}")
    all_c = all_p = all_f = all_g = 0
    for kind in KINDS:
        correct, proposed, found, gold = totals[kind]
        if not proposed and not gold:
            continue
        all_c, all_p, all_f, all_g = all_c + correct, all_p + proposed, all_f + found, all_g + gold
        if markdown:
            print(f"| {kind} | {_cell(correct, proposed)} | {_cell(found, gold)} |")
        else:
            flag = (
                ""
                if (not proposed or correct / proposed >= TARGET_PRECISION)
                and (not gold or found / gold >= TARGET_RECALL)
                else "  below target"
            )
            print(f"{kind:14}{_cell(correct, proposed):16}{_cell(found, gold):16}{flag}")
    owners = totals.get("_owners", [0, 0])
    dates = totals.get("_dates", [0, 0])
    dated = totals.get("_dated", [0, 0])
    invented, files_with_meetings = totals.get("_invented", [0, 0])
    if markdown:
        print(f"| **all kinds** | {_cell(all_c, all_p)} | {_cell(all_f, all_g)} |")
        if owners[1]:
            right = _cell(owners[0], owners[1])
            print(f"\nPriority owners right (named or correctly absent) on matched priorities: {right}.")
        if dates[1]:
            print(f"\nConsultation dates right (start and end as printed) on matched consultations: {_cell(*dates)}.")
        if dated[1]:
            print(f"\nDated meetings found (recall of the gold meetings that have a date): {_cell(*dated)}.")
        if files_with_meetings:
            print(f"\nInvented meeting dates: {invented} in {files_with_meetings} files.")
    else:
        print(f"{'all kinds':14}{_cell(all_c, all_p):16}{_cell(all_f, all_g):16}")
        if owners[1]:
            print(f"priority owners right on matched priorities: {_cell(owners[0], owners[1])}")
        if dates[1]:
            print(f"consultation dates right on matched consultations: {_cell(*dates)}")
        if dated[1]:
            print(f"dated meetings found: {_cell(*dated)}")
        if files_with_meetings:
            print(f"invented meeting dates: {invented} in {files_with_meetings} files")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, action="append", help="score only this split (repeatable)")
    parser.add_argument("--details", action="store_true", help="list each file's false proposals and misses")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--dir", type=Path, help="score the gold files in this folder instead")
    parser.add_argument(
        "--summary", choices=SPLITS, action="append", default=[], help="print only this split's totals (repeatable)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if args.dir:
        totals, files = score_split(args.dir.name, args.details, args.dir)
        print_table(args.dir.name, totals, files, args.markdown)
    for split in [] if args.dir else args.split or SPLITS:
        totals, files = score_split(split, args.details and split not in args.summary)
        print_table(split, totals, files, args.markdown, split in args.summary)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
