"""Lookups for council systems and dereferenceable IRIs, on the data committed in data/."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.namespaces import ID
from kg.store.protocol import Store

KENT_CYPP = "kent-cypp-2008-2011"
KENT_TITLE = "Kent Children and Young People's Plan 2008-2011 – Positive about our Future"


def test_plans_list_pages_with_a_total(write_client: TestClient):
    first = write_client.get("/plans", params={"limit": 2}).json()
    second = write_client.get("/plans", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] > 4
    assert len(first["items"]) == len(second["items"]) == 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_plans_filter_by_authority_and_search_by_title(write_client: TestClient):
    kent = write_client.get("/plans", params={"authority": "kent"}).json()["items"]
    assert KENT_CYPP in {p["id"] for p in kent}
    assert all(p["authority"]["id"] == "kent" for p in kent)
    found = write_client.get("/plans", params={"q": "POSITIVE ABOUT"}).json()["items"]
    assert [p["id"] for p in found] == [KENT_CYPP]


def test_plan_by_id_has_its_sections_and_ids_are_iri_local_parts(write_client: TestClient):
    plan = write_client.get(f"/plans/{KENT_CYPP}").json()
    assert plan["id"] == KENT_CYPP
    assert plan["iri"] == str(ID[f"plan/{KENT_CYPP}"])
    assert plan["label"] == KENT_TITLE
    assert plan["authority"]["id"] == "kent"
    assert (plan["periodStart"], plan["periodEnd"]) == ("2008", "2011")
    assert {"relation": "supersedes", "id": "kent-cypp-2006-2008"}.items() <= next(
        r for r in plan["related"] if r["relation"] == "supersedes"
    ).items()
    assert "kent-childrens-trust-board-2008-09-11" in {m["id"] for m in plan["meetings"]}
    assert plan["views"]["partnerPriority"].endswith(f"/views/partner-priority?plan={KENT_CYPP}")


def test_unknown_plan_id_returns_404_with_search_hint(write_client: TestClient):
    r = write_client.get("/plans/nowhere-cypp-2000-2001")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "UNKNOWN_ID"
    assert "GET /plans?q=nowhere" in body["hint"]


def test_plan_as_turtle_says_the_same_as_the_json(write_client: TestClient):
    r = write_client.get(f"/plans/{KENT_CYPP}", headers={"Accept": "text/turtle"})
    assert r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    plan = URIRef(str(ID[f"plan/{KENT_CYPP}"]))
    assert (plan, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(KENT_TITLE)) in g
    assert (plan, URIRef("https://w3id.org/cypkg/def#authority"), URIRef(str(ID["authority/kent"]))) in g


def test_plan_as_jsonld_points_at_the_published_context(write_client: TestClient):
    r = write_client.get(f"/plans/{KENT_CYPP}", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert r.json()["@context"].endswith("/context.jsonld")
    context = write_client.get("/context.jsonld").json()["@context"]
    assert context["iri"] == "@id"


def test_lookup_in_an_unoffered_format_is_406(write_client: TestClient):
    r = write_client.get("/plans", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/json" in r.json()["hint"]


def test_authorities_search_by_name(write_client: TestClient):
    items = write_client.get("/authorities", params={"q": "keynes"}).json()["items"]
    assert [a["id"] for a in items] == ["milton-keynes"]


def test_partners_list_and_a_partners_priorities(write_client: TestClient):
    items = write_client.get("/partners", params={"authority": "kent", "limit": 500}).json()["items"]
    assert "kent-childrens-trust" in {p["id"] for p in items}
    r = write_client.get("/partners/kent-childrens-trust/priorities")
    assert r.status_code == 200
    assert r.json()["label"] == "Kent Children's Trust"
    assert isinstance(r.json()["priorities"], list)


def test_unknown_partner_is_404(write_client: TestClient):
    assert write_client.get("/partners/no-such-partner/priorities").json()["code"] == "UNKNOWN_ID"


def test_meetings_between_dates(write_client: TestClient):
    items = write_client.get("/meetings", params={"from": "2008-09-01", "to": "2008-10-31"}).json()["items"]
    ids = [m["id"] for m in items]
    assert "kent-childrens-trust-board-2008-09-11" in ids
    assert all("2008-09-01" <= m["date"] <= "2008-10-31" for m in items)


def test_meetings_of_one_body(write_client: TestClient):
    items = write_client.get("/meetings", params={"body": "kent-childrens-trust-board"}).json()["items"]
    assert items and all(m["body"]["id"] == "kent-childrens-trust-board" for m in items)


def test_strategies_list(write_client: TestClient):
    items = write_client.get("/strategies", params={"authority": "milton-keynes"}).json()["items"]
    assert "milton-keynes-cyps-performance-improvement-plan" in {s["id"] for s in items}


def test_indicator_by_id(write_client: TestClient):
    body = write_client.get("/indicators/lait-lac").json()
    assert body["id"] == "lait-lac"
    assert body["notation"] == "LAC"


def test_unknown_priority_is_404_with_hint(write_client: TestClient):
    body = write_client.get("/priorities/no-such-priority").json()
    assert body["code"] == "UNKNOWN_ID"
    assert "/plans/" in body["hint"]


def test_data_iri_dereferences_to_turtle_by_default(write_client: TestClient):
    r = write_client.get(f"/id/plan/{KENT_CYPP}")
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(str(ID[f"plan/{KENT_CYPP}"])), DCTERMS.title, Literal(KENT_TITLE)) in g


def test_data_iri_dereferences_to_html_for_a_browser(write_client: TestClient):
    r = write_client.get(f"/id/plan/{KENT_CYPP}", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html")
    assert "Kent Children and Young People&#x27;s Plan" in r.text
    assert f"/views/partner-priority?plan={KENT_CYPP}" in r.text
    assert 'href="http://testserver/id/authority/kent"' in r.text


def test_iris_of_every_kind_in_the_data_dereference(write_client: TestClient, light_store: Store):
    """Up to 25 IRIs of each kind (all 4,000 take most of a minute; the route is the same for all)."""
    rows = light_store.select(
        "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { ?x ?p ?s } "
        'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "https://w3id.org/cypkg/id/")) }'
    )
    by_kind: dict[str, list[str]] = {}
    for iri in sorted(str(r["s"]) for r in rows):
        by_kind.setdefault(iri[len(str(ID)) :].split("/")[0], []).append(iri)
    assert {"plan", "authority", "meeting", "board", "paragraph"} <= set(by_kind)
    failures = []
    for iris in by_kind.values():
        for iri in iris[:25]:
            path = "/id/" + iri[len(str(ID)) :]
            status = write_client.get(path, headers={"Accept": "application/n-triples"}).status_code
            if status != 200:
                failures.append((iri, status))
    assert failures == []


def test_html_escapes_data(write_client: TestClient, light_store: Store):
    evil = "<script>alert('x')</script>"
    g = Graph()
    node = URIRef(str(ID["organisation/api-test-escaping"]))
    g.add((node, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal(evil)))
    light_store.put_graph("api-test-escaping", g)
    try:
        r = write_client.get("/id/organisation/api-test-escaping", headers={"Accept": "text/html"})
        assert "<script>alert" not in r.text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in r.text
    finally:
        light_store.drop_graph("api-test-escaping")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/id/plan/nowhere-at-all", id="unknown-slug"),
        pytest.param("/id/no-such-kind/kent", id="unknown-kind"),
    ],
)
def test_unknown_iri_is_404(write_client: TestClient, path: str):
    r = write_client.get(path)
    assert r.status_code == 404
    assert r.json()["code"] == "UNKNOWN_ID"
