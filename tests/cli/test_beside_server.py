"""The CLI beside a running `cypkg serve` (#14 item 12): reads work (on the latest snapshot), a write
to one graph goes through the service's writer, a whole rebuild is refused naming the service and
how to go on, and a failed write open never touches a running build's files."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.errors import StoreError
from kg.store.build import build_store, data_sources
from kg.store.embedded import OxigraphStore
from kg.store.rdf_io import RdfSource
from kg.store.sharing import store_in_use
from tests.cli.conftest import TINY, Place, build, cli, use
from tests.support.command import cypkg_command

ALPHA = "SELECT ?label WHERE { <https://w3id.org/cypkg/id/test/alpha> skos:prefLabel ?label }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Place, subprocess.Popen[bytes]]]:
    """A real `cypkg serve` process over a built tiny store, until the module's tests are done."""
    root = tmp_path_factory.mktemp("served")
    (root / "data").mkdir()
    (root / "data" / "tiny.ttl").write_text(TINY, encoding="utf-8")
    place = build(Place(root / "store", root / "data"))
    port = _free_port()
    env = {**os.environ, "CYPKG_STORE_DIR": str(place.store), "CYPKG_DATA_DIR": str(place.data)}
    server = subprocess.Popen(
        [*cypkg_command(), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "cypkg serve exited"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "cypkg serve did not answer within 120 s"
            time.sleep(0.3)
        yield place, server
    finally:
        server.terminate()
        server.wait(30)


@pytest.fixture
def beside(served: tuple[Place, subprocess.Popen[bytes]], monkeypatch: pytest.MonkeyPatch) -> tuple[Place, int]:
    place, server = served
    return use(place, monkeypatch), server.pid


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("graphs",), id="graphs"),
        pytest.param(("sparql", ALPHA), id="sparql"),
        pytest.param(("queries",), id="queries"),
        pytest.param(("dump",), id="dump"),
    ],
)
def test_reading_commands_work_while_the_server_holds_the_store(beside: tuple[Place, int], args) -> None:
    done = cli(*args)
    assert done.exit_code == 0, done.output


def test_a_read_beside_the_server_sees_the_data(beside: tuple[Place, int]) -> None:
    assert "alpha" in cli("sparql", ALPHA, "--format", "csv").stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("load",), id="load"),
        pytest.param(("restore", "--unverified", "SELF"), id="restore"),
    ],
)
def test_a_rebuild_beside_the_server_names_it_says_how_to_stop_it_and_changes_nothing(
    beside: tuple[Place, int], tmp_path: Path, args
) -> None:
    place, pid = beside
    if "SELF" in args:
        dump = tmp_path / "all.nq"
        dump.write_text(cli("dump").stdout, encoding="utf-8")
        args = tuple(str(dump) if a == "SELF" else a for a in args)
    before = place.fingerprint()
    refused = cli(*args)
    assert refused.exit_code == 1
    said = " ".join(refused.stderr.split())
    assert f"process {pid} (`cypkg serve" in said
    assert f"kill {pid}" in said and "/store?graph=" in said
    assert place.fingerprint() == before


GAMMA = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/cypkg/id/test/gamma> skos:prefLabel "gamma"@en .
"""


def test_a_one_graph_write_beside_the_server_goes_through_its_writer(beside: tuple[Place, int], tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(GAMMA, encoding="utf-8")
    loaded = cli("load", str(extra), "--graph", "extra")
    assert loaded.exit_code == 0, loaded.output
    assert "gamma" in cli("sparql", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--format", "csv").stdout
    dropped = cli("drop", "extra")
    assert dropped.exit_code == 0, dropped.output
    assert "gamma" not in cli("sparql", "SELECT ?l WHERE { ?s skos:prefLabel ?l }", "--format", "csv").stdout


def test_a_failed_write_open_leaves_a_running_build_alone(tiny_place: Place) -> None:
    """A second writer opening the store while a build runs is refused, and the build's new
    generation (not yet current) is neither deleted nor disturbed: the build finishes."""
    build(tiny_place)
    store = OxigraphStore(tiny_place.store)
    seen: list[str] = []

    def second_writer(src: RdfSource) -> None:
        building = sorted(p.name for p in tiny_place.store.glob("gen-*") if p.is_dir())
        with pytest.raises(StoreError, match="held for writing"):
            OxigraphStore(tiny_place.store)
        seen.extend(p for p in building if (tiny_place.store / p).is_dir())

    try:
        build_store(store, data_sources(tiny_place.data), on_file=second_writer)
        assert len(set(seen)) == 2  # the old generation and the one being built, both still there
        assert store.ask("ASK { <https://w3id.org/cypkg/id/test/alpha> ?p ?o }")
    finally:
        store.close()


def test_a_reader_keeps_its_snapshot_through_a_rebuild(tiny_place: Place) -> None:
    build(tiny_place)
    reader = OxigraphStore(tiny_place.store, read_only=True)
    (tiny_place.data / "tiny.ttl").write_text(TINY.replace("beta", "gamma"), encoding="utf-8")
    build(tiny_place)
    assert reader.ask('ASK { ?s ?p "beta"@en }')  # its snapshot was not collected under it
    reader.close()
    writer = OxigraphStore(tiny_place.store)  # the next writer collects the snapshot no reader holds
    writer.close()
    assert len([p for p in tiny_place.store.glob("gen-*") if p.is_dir()]) == 1
    assert len([p for p in (tiny_place.store / "snapshots").iterdir() if p.is_dir()]) == 1


def test_a_followers_pyoxigraph_store_keeps_its_snapshot_through_a_rebuild(tiny_place: Place) -> None:
    from kg.store.snapshots import SnapshotStore

    build(tiny_place)
    follower = SnapshotStore(tiny_place.store)
    data = follower.as_oxigraph()
    (tiny_place.data / "tiny.ttl").write_text(TINY.replace("beta", "gamma"), encoding="utf-8")
    build(tiny_place)
    assert "gamma" in str(follower.select("SELECT ?l WHERE { ?s ?p ?l }"))  # the follower moved on
    writer = OxigraphStore(tiny_place.store)  # a writer collects every snapshot no reader holds
    writer.close()
    assert data.query('ASK { GRAPH ?g { ?s ?p "beta"@en } }')
    follower.close()


def test_a_read_on_a_missing_store_builds_it_first_and_says_so(
    tiny_place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(tiny_place, monkeypatch)
    answered = cli("sparql", ALPHA, "--format", "csv")
    assert answered.exit_code == 0, answered.output
    assert "no store yet" in answered.stderr and "building it from data/" in answered.stderr
    assert "alpha" in answered.stdout


def test_a_write_during_a_load_is_told_to_wait_for_it(tmp_path: Path) -> None:
    refused = store_in_use(tmp_path, {"pid": 4242, "command": "cypkg load"})
    assert "process 4242 (`cypkg load`)" in refused.message
    assert refused.hint.startswith("wait for it to finish")


def test_a_one_graph_write_whose_writer_has_gone_starts_one_and_is_applied(tiny_place: Place) -> None:
    """The race of #14: a command sees a writer holding the store, and the writer exits before the
    command's write reaches it. The write starts a writer of its own instead of failing."""
    from rdflib import Graph

    from kg.store.sharing import is_held
    from kg.validation.writer import ThroughWriter

    build(tiny_place)
    writer = subprocess.Popen([sys.executable, "-m", "kg.validation.writer", str(tiny_place.store)])
    try:
        deadline = time.monotonic() + 60
        while not (tiny_place.store / "writer.sock").exists():
            assert writer.poll() is None and time.monotonic() < deadline, "the writer did not start"
            time.sleep(0.05)
        store = ThroughWriter(tiny_place.store)
    finally:
        writer.send_signal(signal.SIGINT)  # a clean exit, as when its linger runs out
        writer.wait(120)
    assert not is_held(tiny_place.store)
    store.write_graph("extra", Graph().parse(data=GAMMA, format="turtle"), "replace")
    assert store.ask('ASK { ?s ?p "gamma"@en }')
    store.close()
