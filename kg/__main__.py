"""The `cypkg` command's entry point (also `python -m kg`).

For `cypkg extract` it first starts loading spaCy in a helper process (`kg.imports.sentences`), so
that the load overlaps importing the commands, reading the report and building dateparser's tables
instead of following them; every other command goes straight to `kg.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["extract"]:
        from kg.imports.sentences import start_loading

        start_loading()
    from kg.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
