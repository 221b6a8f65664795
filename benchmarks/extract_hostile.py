"""How `cypkg extract`'s time grows on hostile text: each input at one size and at twice it, medians of rounds.

    python benchmarks/extract_hostile.py              # 3 rounds
    python benchmarks/extract_hostile.py --rounds 5

A rule whose pattern backtracks over a long run of words costs the square of the run: doubling the input then
quadruples the time. The inputs are runs a pasted or badly converted page can hold — one very long line of a
title's words ("Children and Young People and ..."), thousands of short cover lines, a long capitalised run with
"and"s (a name split into two organisations) — and the ratio printed for each should stay near 2 (linear).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.imports.extract import extract_text  # noqa: E402

INPUTS = {
    "one long line of a title's words": lambda n: "Children and Young People and " * n + "Plan 2020-2023.\n",
    "short cover lines": lambda n: "Children and\n\n" * n,
    "a capitalised run with 'and's": lambda n: "The Board of " + "Tollerdown Police and " * n + "Council met.\n",
}


def _seconds(text: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        extract_text(text, "hostile")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=1600, help="repetitions of the smaller input")
    args = parser.parse_args()
    extract_text("A warm-up line loads the lexicon and the sentence splitter.\n", "warm-up")
    print(f"medians of {args.rounds} rounds; ratio = time at 2n / time at n (2 is linear, 4 quadratic)")
    for name, make in INPUTS.items():
        small, large = make(args.size), make(2 * args.size)
        a, b = _seconds(small, args.rounds), _seconds(large, args.rounds)
        print(f"{name}: {len(small):,} chars {a:.2f} s; {len(large):,} chars {b:.2f} s; ratio {b / a:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
