"""Rewrite tests/file_costs.csv from a run's JUnit XML: each test file's seconds (setup, call and teardown).

    python -m pytest -n 2 --dist loadfile -m "not fault" --junitxml=run.xml
    python scripts/file_costs.py run.xml

The test run hands out the costliest files first (tests/conftest.py), so the two processes finish
together; refresh the table when files are added or their cost changes a lot.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

from defusedxml import ElementTree

TABLE = Path(__file__).resolve().parents[1] / "tests" / "file_costs.csv"


def main(junit: str) -> None:
    seconds: defaultdict[str, float] = defaultdict(float)
    for case in ElementTree.parse(junit).iter("testcase"):
        seconds[case.get("classname", "").replace(".", "/") + ".py"] += float(case.get("time", "0"))
    with TABLE.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "seconds"])
        writer.writerows(
            (name, f"{cost:.0f}") for name, cost in sorted(seconds.items(), key=lambda kv: (-kv[1], kv[0]))
        )


if __name__ == "__main__":
    main(sys.argv[1])
