"""What a cold `cypkg extract` loads: what drafting needs and nothing else (its speed is a benchmark:
benchmarks/extract_speed.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPORT = (
    Path(__file__).resolve().parents[2] / "benchmarks" / "extraction" / "tuning" / "quenstead-2007-03-14-cabinet.txt"
)

PROBE = """
import json, sys
from kg.__main__ import main  # the cypkg script's entry point
report, out = sys.argv[1:]
sys.argv = ["cypkg", "extract", report]
try:
    main()
except SystemExit as exc:
    if exc.code:
        raise
with open(out, "w", encoding="utf-8") as f:
    json.dump(sorted(sys.modules), f)
"""

NOT_FOR_EXTRACT = (
    "api",  # the HTTP service
    "kg.views",  # drawing views
    "kg.validation",  # SHACL and the write gate: a draft is checked when it is imported
    "kg.store.build",  # the store: a draft is not loaded
    "kg.store.embedded",
    "pyshacl",
    "networkx",
    "openpyxl",  # the review workbook, only with --review
    "matplotlib",
    "fastapi",
    "spacy",  # loaded by the helper process, not this one
)


def test_cypkg_extract_loads_no_store_views_service_validation_or_workbook_code(tmp_path: Path):
    modules = tmp_path / "modules.json"
    env = {**os.environ, "CYPKG_STORE_DIR": str(tmp_path / "store"), "CYPKG_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run(
        [sys.executable, "-c", PROBE, str(REPORT), str(modules)], env=env, check=True, capture_output=True, text=True
    )
    loaded = json.loads(modules.read_text(encoding="utf-8"))
    assert [m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_FOR_EXTRACT)] == []
