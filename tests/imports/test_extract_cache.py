"""The gazetteer cache: an entry is read only while its inputs' bytes are unchanged, and never needed."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

from kg.cache import cached
from kg.config import REPO_ROOT, get_settings
from kg.imports.extract.lexicon import Lexicon, build_lexicon, lexicon_inputs, load_lexicon
from kg.ontology.files import ontology_files


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own (CYPKG_CACHE_DIR)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CYPKG_CACHE_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


class Counting:
    """A build that reads its input file and counts how often it ran."""

    def __init__(self, source: Path) -> None:
        self.source, self.runs = source, 0

    def __call__(self) -> str:
        self.runs += 1
        return self.source.read_text(encoding="utf-8")

    def get(self) -> str:
        return cached("words", [self.source], self, dump=lambda v: v, load=str)


def test_an_unchanged_input_is_read_from_the_cache_not_built_again(cache_dir: Path, tmp_path: Path):
    source = tmp_path / "words.csv"
    source.write_text("board\n", encoding="utf-8")
    build = Counting(source)
    assert build.get() == build.get() == "board\n"
    os.utime(source, (1, 1))  # a new date on the same bytes is the same input
    assert build.get() == "board\n"
    assert build.runs == 1


def test_a_changed_input_is_built_again_never_read_stale(cache_dir: Path, tmp_path: Path):
    source = tmp_path / "words.csv"
    source.write_text("board\n", encoding="utf-8")
    build = Counting(source)
    build.get()
    source.write_text("board\ncommittee\n", encoding="utf-8")
    assert build.get() == "board\ncommittee\n"
    assert build.runs == 2


def test_a_cache_folder_that_cannot_be_written_still_gives_the_built_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("CYPKG_CACHE_DIR", str(blocked / "cache"))  # under a file: no folder can be made
    get_settings.cache_clear()
    try:
        source = tmp_path / "words.csv"
        source.write_text("board\n", encoding="utf-8")
        build = Counting(source)
        assert build.get() == build.get() == "board\n"
        assert build.runs == 2
    finally:
        get_settings.cache_clear()


def test_an_entry_that_cannot_be_read_is_built_again(cache_dir: Path, tmp_path: Path):
    source = tmp_path / "words.csv"
    source.write_text("board\n", encoding="utf-8")
    build = Counting(source)
    build.get()
    (entry,) = cache_dir.glob("words-*.json")
    entry.write_text('{"cut short', encoding="utf-8")
    assert build.get() == "board\n"
    assert build.runs == 2
    assert json.loads(entry.read_text(encoding="utf-8")) == "board\n"


def _fields(lex: Lexicon) -> tuple:
    return lex.authorities, lex.phrases, list(lex.outcomes.items()), lex.acronyms, lex.generic


def test_the_cached_lexicon_is_the_lexicon_built_from_the_files(cache_dir: Path):
    built = build_lexicon()
    load_lexicon.cache_clear()
    try:
        first = load_lexicon()  # built and kept
        load_lexicon.cache_clear()
        again = load_lexicon()  # read from the entry
    finally:
        load_lexicon.cache_clear()
    assert len(list(cache_dir.glob("extract-lexicon-*.json"))) == 1
    assert _fields(first) == _fields(again) == _fields(built)


def test_the_lexicon_cache_key_covers_every_file_its_build_reads(monkeypatch: pytest.MonkeyPatch):
    read: set[Path] = set()
    watching = [True]

    def audit(event: str, args: tuple) -> None:
        if watching[0] and event == "open" and isinstance(args[0], str | Path):
            read.add(Path(args[0]).resolve())

    parse = pyoxigraph.parse

    def recording_parse(*args: Any, **kwargs: Any) -> Any:
        read.add(Path(str(kwargs["path"])).resolve())
        return parse(*args, **kwargs)

    monkeypatch.setattr(pyoxigraph, "parse", recording_parse)
    sys.addaudithook(audit)  # audit hooks cannot be removed: this one stops listening when the test ends
    try:
        build_lexicon()
    finally:
        watching[0] = False
    inputs = {p.resolve() for p in lexicon_inputs()}
    project = [p for p in read if p.is_relative_to(REPO_ROOT) and p.suffix in {".ttl", ".csv", ".py"}]
    assert project and set(project) <= inputs
    assert set(ontology_files()) <= inputs  # the schemes' labels, read once per process by kg.ontology
    assert all(p.is_file() for p in inputs)  # the code files named in the key are where the key says


def test_an_authoritys_names_are_listed_longest_first_then_alphabetically_whatever_the_build(cache_dir: Path):
    """A fixed order, not a set's: the rules read an authority's first names, so every build must agree."""
    for authority in build_lexicon().authorities:
        assert list(authority.names) == sorted(authority.names, key=lambda name: (-len(name), name))
