"""Time one small write through the SHACL gate: the compiled SPARQL engine against plain pyshacl.

    python benchmarks/gate_bench.py --store-dir /tmp/gate-store   # a copy of a built store (it is written to)
    python benchmarks/gate_bench.py --store-dir /tmp/gate-store --repeat 9 --file data/examples/example-cypp.ttl

Replaces one graph (by default the example plan, 438 triples) in a copy of a built embedded store and
reports, after one warm-up each, the median of --repeat runs of: the gate alone (`check_write`) with
the compiled engine (`kg.validation.whole_store.validate_graph`) and with the plain-pyshacl reference
(`plain_validate`, what the gate ran before), validation alone on the gate's candidate data, and the
whole write (`write_graph`: gate, then the store's replace) with each gate. The service's aim is 50 ms per small write.
Never point --store-dir at a store someone else uses: the write replaces the graph there.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cli_bench import median_seconds  # noqa: I001
from kg.store.embedded import OxigraphStore
from kg.validation.gate import check_write, read_rdf_file, write_graph
from kg.validation.whole_store import plain_validate, validate_graph


def warm_median(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs, after one warm-up run."""
    run()
    return median_seconds(run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store-dir", type=Path, required=True, help="a copy of a built store (written to)")
    parser.add_argument("--file", type=Path, default=ROOT / "data" / "examples" / "example-cypp.ttl")
    parser.add_argument("--graph", default=None, help="the graph to replace (default: the file's name)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    name = args.graph or args.file.stem
    data = read_rdf_file(args.file, name)
    store = OxigraphStore(args.store_dir)
    try:
        print(f"{len(data)} triples replacing graph {name}; store {store.count():,} triples; load {os.getloadavg()}")
        compiled = warm_median(lambda: check_write(store, name, data, mode="replace"), args.repeat)
        plain = warm_median(
            lambda: check_write(store, name, data, mode="replace", validator=plain_validate), args.repeat
        )
        assert check_write(store, name, data, mode="replace").results == (
            check_write(store, name, data, mode="replace", validator=plain_validate).results
        ), "the two engines disagree"
        seen: list[Graph] = []
        check_write(store, name, data, mode="replace", validator=lambda g: seen.append(g) or validate_graph(g))
        candidate = seen[0]
        only_compiled = warm_median(lambda: validate_graph(candidate), args.repeat)
        only_plain = warm_median(lambda: plain_validate(candidate), args.repeat)
        write = warm_median(lambda: write_graph(store, name, data, mode="replace"), args.repeat)

        def write_before() -> None:
            """What `write_graph` did before the compiled engine: the plain gate, then the same replace."""
            check_write(store, name, data, mode="replace", validator=plain_validate)
            store.put_graph(name, data)

        before = warm_median(write_before, args.repeat)
        print(f"candidate data checked by the gate: {len(candidate)} triples")
        print(f"gate (check_write), compiled engine:  {compiled * 1000:8.0f} ms")
        print(f"gate (check_write), plain pyshacl:    {plain * 1000:8.0f} ms   ({plain / compiled:.1f}x)")
        print(f"validation alone, compiled engine:    {only_compiled * 1000:8.0f} ms")
        print(
            f"validation alone, plain pyshacl:      {only_plain * 1000:8.0f} ms   ({only_plain / only_compiled:.1f}x)"
        )
        print(f"write_graph (gate + replace):         {write * 1000:8.0f} ms")
        print(f"the same with the plain-pyshacl gate: {before * 1000:8.0f} ms   ({before / write:.1f}x)")
        print(f"load average after: {os.getloadavg()}")
    finally:
        store.close()


if __name__ == "__main__":
    main()
