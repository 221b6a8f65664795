"""schemathesis over the whole OpenAPI with the write token, at a size too large for the test suite.

    python benchmarks/fuzz_api.py --examples 200

Runs the same checks as tests/api/test_openapi_fuzz.py (no server error, responses as documented,
`Allow` on 405, schema-violating requests refused) against the app over the light data in memory,
and prints the number of cases and failures per operation. Exit code 1 on any failure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200, help="examples per operation")
    args = parser.parse_args()
    test = "tests/api/test_openapi_fuzz.py::test_api_with_the_token_answers_within_a_schema_as_strict_as_the_code"
    env_examples = f"--hypothesis-max-examples={args.examples}" if args.examples else ""
    command = [sys.executable, "-m", "pytest", test, "-q", "-p", "no:cacheprovider", env_examples]
    return subprocess.call([c for c in command if c], cwd=REPO)


if __name__ == "__main__":
    sys.exit(main())
