"""cypkg installed from a wheel, outside the checkout, finds its ontology and data in the package.

The wheel is built from a copy of the checkout (so the checkout is left as it was), installed with
--no-deps into a fresh virtual environment that sees this environment's dependencies through a
.pth line (no network, no second download), and run from a folder that is not the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "artifacts", ".venv", ".cypkg"
)


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with cypkg installed from a wheel; returns its bin folder."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=_NOT_SOURCES)
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        work / "dist",
        ".",
        cwd=source,
    )
    (wheel,) = (work / "dist").glob("cypkg-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=work)
    bin_dir = venv / "bin"
    purelib = Path(
        _run(
            bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work
        ).stdout.strip()
    )
    (purelib / "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=work)
    return bin_dir


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout, and an environment that names no checkout paths."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYPKG_", "PYTHON", "VIRTUAL_ENV"))}
    env["CYPKG_STORE_DIR"] = str(tmp_path / "store")
    folder = tmp_path / "work"
    folder.mkdir()
    return folder, env


def test_the_installed_package_is_the_one_that_runs(installed: Path, elsewhere: tuple[Path, dict[str, str]]) -> None:
    folder, env = elsewhere
    where = _run(
        installed / "python",
        "-c",
        "import kg, kg.config; print(kg.__file__); print(kg.config.RESOURCE_ROOT)",
        cwd=folder,
        env=env,
    )
    package, resources = where.stdout.split()
    assert Path(package).is_relative_to(installed.parent)
    assert Path(resources) == Path(package).parent / "_resources"


def test_load_and_query_from_another_folder_use_the_packaged_ontology_and_data(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    loaded = _run(installed / "cypkg", "load", cwd=folder, env=env)
    assert "loaded" in loaded.stdout and "graphs" in loaded.stdout
    answer = _run(
        installed / "cypkg",
        "query",
        "plans_by_authority",
        "--param",
        "authority=medway",
        "--format",
        "csv",
        cwd=folder,
        env=env,
    )
    assert "medway-cypp-2019-2024" in answer.stdout
