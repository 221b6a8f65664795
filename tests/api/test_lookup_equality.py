"""The fast lookups say what the queries they replaced said, and the cache never serves an answer older than the data.

`/plans/{id}` runs one query (kg/queries/lookups/plan.rq) where it ran five; each of its sections
must give the rows of the query it replaced (kg/queries/lookups/reference/). Answers are cached
under the store's generation with an ETag; a write changes both.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Literal, URIRef

from kg.namespaces import ID
from kg.queries import lookups
from kg.queries.lookups import AnswerCache, Row, Term
from kg.store.embedded import OxigraphStore
from kg.store.protocol import Store

SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def _plans(store: Store) -> list[str]:
    return sorted(str(r["p"]) for r in store.select("SELECT DISTINCT ?p WHERE { ?p a cyp:Plan }"))


def _sections(store: Store, plan: str) -> dict[str, list[Row]]:
    parts: dict[str, list[Row]] = {s: [] for s in lookups.PLAN_SECTIONS}
    for r in lookups.select(store, "plan", {"plan": plan}):
        parts[str(r["section"])].append(r)
    return parts


def _reference(store: Store, name: str, plan: str) -> list[Row]:
    return lookups.select_query(store, lookups.reference_query(name), {"plan": plan})


def _projected(rows: list[Row], columns: list[str]) -> Counter[frozenset[tuple[str, Term]]]:
    return Counter(frozenset((c, r[c]) for c in columns if c in r) for r in rows)


SECTION_COLUMNS = {
    "plan_priorities": ("priority", ["plan", "priority", "label", "owner", "ownerLabel", "role", "outcome",
                                     "outcomeLabel", "indicator", "indicatorLabel", "notation"]),
    "plan_duties": ("duty", ["plan", "duty", "label", "legalBasis", "legalBasisLabel", "status"]),
    "plan_meetings": ("meeting", ["plan", "meeting", "label", "date", "body", "bodyLabel", "decision", "decisionKind",
                                  "decisionStatus", "description"]),
}  # fmt: skip


def test_every_plan_section_of_the_one_query_gives_the_rows_of_the_query_it_replaced(
    embedded_light_store: OxigraphStore,
) -> None:
    store = embedded_light_store
    plans = _plans(store)
    assert len(plans) > 5
    for plan in plans:
        parts = _sections(store, plan)
        for name, (section, columns) in SECTION_COLUMNS.items():
            assert _projected(parts[section], columns) == _projected(_reference(store, name, plan), columns), (
                plan,
                name,
            )
        related = lookups.plan_related_rows(parts["related"])
        columns = ["plan", "relation", "other", "label"]
        assert _projected(related, columns) == _projected(_reference(store, "plan_related", plan), columns), plan
        (summary,) = _reference(store, "plan", plan)
        folded = lookups.plan_summary(parts["plan"])
        for column in ("label", "authority", "authorityLabel", "periodStart", "periodEnd", "status", "planType"):
            assert folded.get(column) == summary.get(column), (plan, column)
        assert lookups.value(folded["cypp"]) == lookups.value(summary["cypp"]), plan


def test_a_repeated_lookup_has_the_same_etag_and_if_none_match_gets_304_without_a_body(
    write_client: TestClient, light_store: Store
) -> None:
    if not isinstance(light_store, OxigraphStore):
        pytest.skip("a remote store keeps no generation, so its answers carry no ETag")
    first = write_client.get("/plans/kent-cypp-2008-2011")
    again = write_client.get("/plans/kent-cypp-2008-2011")
    assert first.status_code == again.status_code == 200
    assert first.headers["etag"] == again.headers["etag"]
    assert first.content == again.content
    unchanged = write_client.get("/plans/kent-cypp-2008-2011", headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == first.headers["etag"]


def test_each_representation_has_its_own_etag(write_client: TestClient, light_store: Store) -> None:
    if not isinstance(light_store, OxigraphStore):
        pytest.skip("a remote store keeps no generation, so its answers carry no ETag")
    as_json = write_client.get("/plans/kent-cypp-2008-2011")
    as_turtle = write_client.get("/plans/kent-cypp-2008-2011", headers={"Accept": "text/turtle"})
    assert as_json.headers["etag"] != as_turtle.headers["etag"]
    stale = write_client.get(
        "/plans/kent-cypp-2008-2011", headers={"Accept": "text/turtle", "If-None-Match": as_json.headers["etag"]}
    )
    assert stale.status_code == 200


def test_a_write_changes_the_etag_and_the_next_answer_shows_it(write_client: TestClient, light_store: Store) -> None:
    if not isinstance(light_store, OxigraphStore):
        pytest.skip("a remote store keeps no generation, so its answers are not cached")
    before = write_client.get("/authorities", params={"q": "speed-test"})
    assert before.json()["total"] == 0
    g = Graph()
    council = ID["authority/speed-test-council"]
    g.add((council, RDF.type, URIRef("https://w3id.org/cypkg/def#LocalAuthority")))
    g.add((council, URIRef(SKOS_LABEL), Literal("Speed-test Council")))
    light_store.put_graph("speed-test", g)
    try:
        etag = before.headers["etag"]
        after = write_client.get("/authorities", params={"q": "speed-test"}, headers={"If-None-Match": etag})
        assert after.status_code == 200
        assert after.headers["etag"] != before.headers["etag"]
        assert after.json()["total"] == 1
    finally:
        light_store.drop_graph("speed-test")


def test_the_cache_never_returns_an_answer_from_another_generation() -> None:
    cache = AnswerCache(max_entries=2)
    cache.put("g1", "a", 1)
    assert cache.get("g1", "a") == 1
    assert cache.get("g2", "a") is None
    cache.put("g2", "b", 2)
    assert cache.get("g1", "a") is None
    assert cache.get(None, "b") is None
    cache.put("g2", "c", 3)
    cache.put("g2", "d", 4)
    assert cache.get("g2", "b") is None and cache.get("g2", "d") == 4


def test_lookup_values_are_json_values_as_before() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    cases: list[tuple[Term, Any]] = [
        (Term(str(ID["plan/kent-cypp-2008-2011"]), iri=True), "kent-cypp-2008-2011"),
        (Term("https://w3id.org/cypkg/def#Draft", iri=True), "cyp:Draft"),
        (Term("2008", iri=False, datatype=xsd + "gYear"), "2008"),
        (Term("12", iri=False, datatype=xsd + "integer"), 12),
        (Term("1.5", iri=False, datatype=xsd + "decimal"), "1.5"),
        (Term("true", iri=False, datatype=xsd + "boolean"), True),
        (Term("Kent", iri=False, language="en"), "Kent"),
    ]
    for term, expected in cases:
        assert lookups.value(term) == expected
