"""`cypkg restore` checks a dump before it replaces anything (#14 item 8): a wrong format, an empty
file or a dump cut short or edited is refused with the store byte-for-byte as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import TINY, Place, cli


def _dump(tmp_path: Path, name: str = "backup.nq") -> Path:
    path = tmp_path / name
    made = cli("dump", "-o", str(path))
    assert made.exit_code == 0, made.output
    return path


def test_a_dump_ends_with_a_line_that_proves_it_is_complete(tiny: Place, tmp_path: Path) -> None:
    last = _dump(tmp_path).read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith("# cypkg dump complete: sha256=")


def test_a_whole_dump_restores(tiny: Place, tmp_path: Path) -> None:
    before = tiny.fingerprint()
    backup = _dump(tmp_path)
    assert cli("drop", "tiny").exit_code == 0
    restored = cli("restore", str(backup))
    assert restored.exit_code == 0, restored.output
    assert tiny.fingerprint() == before


def _turtle(tmp_path: Path, backup: Path) -> Path:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    return path


def _empty(tmp_path: Path, backup: Path) -> Path:
    path = tmp_path / "empty.nq"
    path.write_bytes(b"")
    return path


def _truncated_at_a_line(tmp_path: Path, backup: Path) -> Path:
    lines = backup.read_bytes().splitlines(keepends=True)
    path = tmp_path / "half.nq"
    path.write_bytes(b"".join(lines[: len(lines) // 2]))
    return path


def _truncated_mid_line(tmp_path: Path, backup: Path) -> Path:
    whole = backup.read_bytes()
    path = tmp_path / "cut.nq"
    path.write_bytes(whole[: len(whole) - 30])
    return path


def _edited(tmp_path: Path, backup: Path) -> Path:
    path = tmp_path / "edited.nq"
    path.write_bytes(backup.read_bytes().replace(b'"alpha"', b'"gamma"'))
    return path


def _turtle_named_nq(tmp_path: Path, backup: Path) -> Path:
    path = tmp_path / "turtle.nq"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        pytest.param(_turtle, "Turtle is not a dump", id="turtle-file"),
        pytest.param(_empty, "the dump is empty", id="empty-file"),
        pytest.param(_truncated_at_a_line, "cut short", id="truncated-at-a-line"),
        pytest.param(_truncated_mid_line, "cut short", id="truncated-mid-line"),
        pytest.param(_edited, "truncated or changed", id="edited"),
        pytest.param(_turtle_named_nq, "cut short", id="turtle-named-nq"),
    ],
)
def test_restore_refuses_a_bad_dump_and_leaves_the_store_unchanged(
    tiny: Place, tmp_path: Path, make, says: str
) -> None:
    backup = _dump(tmp_path)
    before = tiny.fingerprint()
    refused = cli("restore", str(make(tmp_path, backup)))
    assert refused.exit_code == 2
    assert says in refused.stderr and "nothing was changed" in refused.stderr
    assert tiny.fingerprint() == before


def test_unverified_restore_still_refuses_a_file_that_does_not_parse(tiny: Place, tmp_path: Path) -> None:
    before = tiny.fingerprint()
    refused = cli("restore", "--unverified", str(_turtle_named_nq(tmp_path, tmp_path)))
    assert refused.exit_code == 2
    assert "turtle.nq:" in refused.stderr
    assert tiny.fingerprint() == before


def test_unverified_restore_refuses_a_file_of_comments_only(tiny: Place, tmp_path: Path) -> None:
    before = tiny.fingerprint()
    path = tmp_path / "comments.nq"
    path.write_text("# nothing here\n\n", encoding="utf-8")
    refused = cli("restore", "--unverified", str(path))
    assert refused.exit_code == 2
    assert "holds no quads" in refused.stderr
    assert tiny.fingerprint() == before


def test_unverified_restore_takes_a_whole_dump_from_elsewhere(tiny: Place, tmp_path: Path) -> None:
    before = tiny.fingerprint()
    backup = _dump(tmp_path)
    plain = tmp_path / "plain.nq"
    plain.write_bytes(b"".join(backup.read_bytes().splitlines(keepends=True)[:-1]))  # no completeness line
    assert cli("drop", "tiny").exit_code == 0
    restored = cli("restore", "--unverified", str(plain))
    assert restored.exit_code == 0, restored.output
    assert tiny.fingerprint() == before
