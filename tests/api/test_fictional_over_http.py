"""Over HTTP, fictional example data is left out unless asked for (`include_examples`) or named by an id."""

from __future__ import annotations

from fastapi.testclient import TestClient

FICTIONAL_PLAN = "anyshire-cypp-2024-2027"
REAL_PLAN = "medway-cypp-2019-2024"


def test_a_named_query_naming_a_fictional_plan_answers_it(client: TestClient) -> None:
    rows = client.get("/queries/partners_by_priority", params={"plan": FICTIONAL_PLAN}).json()["rows"]
    assert rows and {r["plan"] for r in rows} == {f"https://w3id.org/cypkg/id/plan/{FICTIONAL_PLAN}"}


def test_a_named_query_naming_a_real_plan_brings_no_fictional_rows(client: TestClient) -> None:
    rows = client.get("/queries/partners_by_priority", params={"plan": REAL_PLAN}).json()["rows"]
    assert rows and not [r for r in rows if "anyshire" in str(r.values())]


def test_a_named_query_leaves_fictional_plans_out_unless_asked(client: TestClient) -> None:
    plans = {r["plan"] for r in client.get("/queries/plans_by_authority").json()["rows"]}
    asked = {r["plan"] for r in client.get("/queries/plans_by_authority?include_examples=true").json()["rows"]}
    fictional = f"https://w3id.org/cypkg/id/plan/{FICTIONAL_PLAN}"
    assert fictional not in plans and fictional in asked


def test_the_plan_lookup_answers_a_fictional_plan_named_in_its_path(client: TestClient) -> None:
    assert client.get(f"/plans/{FICTIONAL_PLAN}").json()["id"] == FICTIONAL_PLAN


def test_the_plans_list_leaves_fictional_plans_out_unless_asked(client: TestClient) -> None:
    listed = {p["id"] for p in client.get("/plans", params={"limit": 500}).json()["items"]}
    asked = {p["id"] for p in client.get("/plans", params={"limit": 500, "include_examples": "true"}).json()["items"]}
    assert FICTIONAL_PLAN not in listed and FICTIONAL_PLAN in asked
