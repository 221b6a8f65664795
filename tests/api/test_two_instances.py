"""The service keeps no state of its own: two instances over one Virtuoso answer alike, and a
write through one is seen by the other (the deployment docs/api.md describes behind a load balancer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.main import create_app
from kg.store.build import data_sources
from kg.store.rdf_io import RdfSource
from tests.api.conftest import TOKEN, LiveServer, settings_for
from tests.support.virtuoso import blank_image, start_virtuoso

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "seeds"
PRELOADED = "kent-2008-10-16-county-council"
WRITTEN = "medway-2019-02-19-hwb"

pytestmark = pytest.mark.virtuoso


def _reference_and(seed: str) -> list[RdfSource]:
    """The ontology, the reference Turtle and one seed graph: enough context for the SHACL gate."""
    keep = ("ontology", "authorities", "legislation", "ecm-outcomes", seed)
    return [s for s in data_sources(REPO / "data") if s.graph in keep]


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Two uvicorn servers, each its own app and RemoteStore, over one private Virtuoso."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-two-instances"), image=blank_image(tmp_path_factory))
    try:
        server.remote_store().load_sources(_reference_and(PRELOADED))
        instances = [LiveServer(create_app(server.remote_store(), settings_for(api_token=TOKEN))) for _ in range(2)]
        for instance in instances:
            instance.start()
        yield instances[0].url, instances[1].url
        for instance in instances:
            instance.stop()
    finally:
        server.stop()


def test_two_instances_give_the_same_plan(two_instances: tuple[str, str]):
    first, second = (httpx.get(f"{url}/plans/kent-cypp-2008-2011", timeout=60) for url in two_instances)
    assert first.status_code == second.status_code == 200
    same = {k: v for k, v in first.json().items() if k != "views"}  # links name each instance's own address
    assert same == {k: v for k, v in second.json().items() if k != "views"}


def test_a_write_through_one_instance_is_read_through_the_other(two_instances: tuple[str, str]):
    writer, reader = two_instances
    body = (SEEDS / f"{WRITTEN}.ttl").read_bytes()
    put = httpx.put(
        f"{writer}/store",
        params={"graph": WRITTEN},
        content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"},
        timeout=120,
    )
    assert put.status_code == 200, put.text
    plan = httpx.get(f"{reader}/plans/medway-cypp-2019-2024", timeout=60)
    assert plan.status_code == 200
    assert plan.json()["id"] == "medway-cypp-2019-2024"
