"""Score `cypkg extract` against hand-made gold files: precision and recall per kind of statement.

    python benchmarks/extract_score.py            # all seeds with a gold file
    python benchmarks/extract_score.py --details  # also list misses and false proposals

Gold files (benchmarks/gold/{seed}.json) were written by reading each seed report. A meeting
matches on (kind of body, date); legislation on its legislation.gov.uk id; a strategy when the
distinctive words of one name contain the other's. Targets: meetings, legislation and strategies
at >= 0.9 precision and >= 0.8 recall.

The seeds are the reports the rules were written on, so their scores measure fit. Reports in
benchmarks/gold/held-out/ were not used to write the rules; they are scored and printed separately
and, being few, do not decide the exit status (which is the seeds' targets, as the tests check).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.imports.extract import extract_file, strategy_key

GOLD = ROOT / "benchmarks" / "gold"
HELD_OUT = GOLD / "held-out"
KINDS = ("meeting", "legislation", "strategy")
TARGET_PRECISION, TARGET_RECALL = 0.9, 0.8


def gold_keys(gold: dict, kind: str) -> list[str]:
    """The gold statements of one kind as comparable keys."""
    if kind == "meeting":
        return [f"{m['body']}|{m['date']}" for m in gold.get("meeting", [])]
    if kind == "legislation":
        return [m["iri"] for m in gold.get("legislation", [])]
    return [strategy_key(m["name"]) for m in gold.get("strategy", [])]


def matches(kind: str, predicted: str, gold: str) -> bool:
    """Whether a proposal is the gold statement."""
    if kind != "strategy":
        return predicted == gold
    p, g = predicted.split(), gold.split()
    return bool(p) and bool(g) and (_contains(p, g) or _contains(g, p))


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def score_seed(path: Path) -> dict[str, tuple[int, int, int, list[str], list[str]]]:
    """Per kind: (true positives, proposals, gold, false proposals, misses)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    draft = extract_file(ROOT / gold["source"])
    out = {}
    for kind in KINDS:
        predicted = sorted({p.key for p in draft.by_kind(kind)})
        wanted = gold_keys(gold, kind)
        hit_pred = [p for p in predicted if any(matches(kind, p, g) for g in wanted)]
        hit_gold = [g for g in wanted if any(matches(kind, p, g) for p in predicted)]
        false = [p for p in predicted if p not in hit_pred]
        missed = [g for g in wanted if g not in hit_gold]
        out[kind] = (len(hit_pred), len(predicted), len(wanted), false, missed, len(hit_gold))
    return out


def score_set(paths: list[Path], details: bool) -> dict[str, list[int]]:
    """Print each report's counts; return per kind (correct proposals, proposals, found gold, gold)."""
    totals = {k: [0, 0, 0, 0] for k in KINDS}
    for path in paths:
        result = score_seed(path)
        print(f"\n{path.stem}")
        for kind in KINDS:
            tp, n_pred, n_gold, false, missed, found = result[kind]
            t = totals[kind]
            t[0], t[1], t[2], t[3] = t[0] + tp, t[1] + n_pred, t[2] + found, t[3] + n_gold
            print(f"  {kind:12} proposed {n_pred:3}  correct {tp:3}  gold {n_gold:3}  found {found:3}")
            if details:
                for f in false:
                    print(f"      false: {f}")
                for m in missed:
                    print(f"      missed: {m}")
    return totals


def print_scores(title: str, totals: dict[str, list[int]]) -> bool:
    """Precision and recall per kind (with counts); whether every kind meets the targets."""
    print(f"\n{title}\nkind          precision      recall         (targets: precision >= 0.9, recall >= 0.8)")
    ok = True
    for kind in KINDS:
        correct, proposed, found, gold = totals[kind]
        if not proposed and not gold:
            print(f"{kind:12}  {'n/a (0/0)':13}  {'n/a (0/0)':13}  nothing to find, nothing proposed")
            continue
        precision = correct / proposed if proposed else 1.0
        recall = found / gold if gold else 1.0
        meets = precision >= TARGET_PRECISION and recall >= TARGET_RECALL
        ok &= meets
        p_text, r_text = f"{precision:.2f} ({correct}/{proposed})", f"{recall:.2f} ({found}/{gold})"
        print(f"{kind:12}  {p_text:13}  {r_text:13}  {'meets target' if meets else 'BELOW TARGET'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list false proposals and misses")
    args = parser.parse_args()
    print("== tuning set: the five seed reports the rules were written on ==")
    tuned = print_scores("tuning set", score_set(sorted(GOLD.glob("*.json")), args.details))
    print("\n== held out: reports the rules were not written on ==")
    print_scores("held out (not part of the exit status)", score_set(sorted(HELD_OUT.glob("*.json")), args.details))
    return 0 if tuned else 1


if __name__ == "__main__":
    raise SystemExit(main())
