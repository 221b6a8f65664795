"""The `cypkg` command of the Python running the tests, so a test never runs another install's."""

from __future__ import annotations

import sys
from pathlib import Path

CYPKG = Path(sys.executable).with_name("cypkg")


def cypkg_command() -> list[str]:
    """`cypkg` beside this interpreter, or the same entry point through it where no script was installed."""
    return [str(CYPKG)] if CYPKG.exists() else [sys.executable, "-c", "from kg.cli import main; main()"]
