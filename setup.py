"""Packaging glue that pyproject.toml cannot say: the wheel carries the ontology and the data `cypkg load` reads.

ontology/ and data/ (all but data/sources/, the raw inputs the importers regenerate data/ from) live
at the top of the checkout, beside the code. A wheel copies them into the package as kg/_resources/,
where kg.config.RESOURCE_ROOT finds them when cypkg runs from an installed wheel instead of a checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def resource_files() -> list[Path]:
    """The files a wheel carries, relative to the checkout: the ontology's Turtle and data/ without its sources."""
    ontology = sorted((HERE / "ontology").glob("*.ttl"))
    data = sorted(
        p for p in (HERE / "data").rglob("*") if p.is_file() and "sources" not in p.relative_to(HERE / "data").parts[:1]
    )
    return [p.relative_to(HERE) for p in ontology + data if not p.name.startswith(".")]


class BuildWithResources(build_py):
    """build_py, then the resource files copied to kg/_resources/ in the build (so into the wheel)."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "kg" / "_resources"
        for relative in resource_files():
            dest = target / relative
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(HERE / relative, dest)


setup(cmdclass={"build_py": BuildWithResources})
