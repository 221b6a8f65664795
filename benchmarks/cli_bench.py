"""How long `cypkg graphs` takes on a built store: graph sizes as the command counts them now
(each graph under 100,000 triples counted by SPARQL, the one larger graph as the total less the
others) against counting every quad of every graph in Python, as it did (#14 item 16).

    CYPKG_STORE_DIR=… python benchmarks/cli_bench.py [--repeat 5]

Build the store first with `cypkg load` (data/ with the indicator observations: 1.2M triples).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.cli.core import graph_sizes  # noqa: I001
from kg.store.build import open_store
from kg.store.graph_updates import graph_node
from kg.store.embedded import OxigraphStore


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def counted_in_python(store: OxigraphStore) -> dict[str, int]:
    """The old way: every quad of every graph through Python."""
    raw = store.as_oxigraph()
    return {g: sum(1 for _ in raw.quads_for_pattern(None, None, None, graph_node(g))) for g in store.graphs()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    store = open_store(read_only=True)
    assert isinstance(store, OxigraphStore), "set CYPKG_BACKEND=embedded"
    assert graph_sizes(store) == counted_in_python(store), "the two ways must agree"
    new = median_seconds(lambda: graph_sizes(store), args.repeat)
    old = median_seconds(lambda: counted_in_python(store), args.repeat)
    whole = median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-c", "from kg.cli import main; main()", "graphs"], check=True, capture_output=True
        ),
        args.repeat,
    )
    print(f"{store.count():,} triples in {len(store.graphs())} graphs; median of {args.repeat}")
    print(f"graph sizes, counted in Python (before): {old:.2f} s")
    print(f"graph sizes, as `cypkg graphs` counts now: {new:.2f} s")
    print(f"`cypkg graphs`, the whole command in a new process: {whole:.2f} s")


if __name__ == "__main__":
    main()
