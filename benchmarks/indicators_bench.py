"""Indicator import and query timings (issue 7 targets: import <= 30 s, neighbour query p50 <= 50 ms).

Run: python benchmarks/indicators_bench.py [--repeat 50]. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.imports.indicators import import_indicators
from kg.queries import run
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    ("data/reference/authorities.ttl", "authorities"),
    ("data/indicators/lait-indicators.ttl", "lait-indicators"),
    ("data/indicators/lait-observations.nt.gz", "lait-observations"),
    ("data/indicators/statistical-neighbours.ttl", "statistical-neighbours"),
]
QUERIES = {
    "indicator_neighbours": {"authority": "medway", "indicator": "lait-lac", "period": "2025", "model": "sn-2025"},
    "indicator_trend": {"authority": "medway", "indicator": "lait-lac"},
    "indicator_completeness": {"authority": "medway"},
    "indicator_biggest_change": {"indicator": "lait-lac", "from": "2016", "to": "2025"},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        result = import_indicators(Path(tmp))
        print(f"import (CSV -> files): {time.perf_counter() - t:.1f} s, {result.observations:,} observations")

    store = OxigraphStore(path=None)
    t = time.perf_counter()
    store.load_sources([RdfSource(ROOT / p, g) for p, g in FILES], infer=False)
    print(f"load into embedded store: {time.perf_counter() - t:.1f} s, {store.count():,} quads")

    for name, params in QUERIES.items():
        repeat = args.repeat if name != "indicator_biggest_change" else max(3, args.repeat // 10)
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            run(store, name, params)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"{name}: p50 {statistics.median(times):.1f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms")


if __name__ == "__main__":
    main()
