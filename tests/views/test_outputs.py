"""Rendered outputs outside the browser: self-contained HTML, A4 pictures, the CLI and the /views route."""

from __future__ import annotations

import re

import defusedxml.ElementTree as ET
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.errors import install
from api.routes.views import router
from kg.cli import app as cli_app
from kg.views import render_view
from kg.views.html import json_for_script

PLAN = "testshire-cypp-2030-2033"


def test_html_inlines_every_script_and_style_and_loads_nothing(testshire_store) -> None:
    page = render_view(testshire_store, "partner-priority", "html", plan=PLAN).content.decode("utf-8")
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"<script[^>]+src=|<link\b|@import|<iframe|cdn\.", page, re.IGNORECASE)
    assert "default-src 'none'" in page


def test_data_json_cannot_close_its_script_block() -> None:
    text = json_for_script({"label": "</script><script>alert(1)</script> & <img>"})
    assert "<" not in text and ">" not in text and "&" not in text


def test_png_is_a4_landscape_at_200_dpi(testshire_store) -> None:
    png = render_view(testshire_store, "partner-priority", "png", plan=PLAN).content
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2338, 1654)


def test_svg_is_well_formed_and_keeps_markup_in_labels_as_text(testshire_store) -> None:
    svg = render_view(testshire_store, "partner-priority", "svg", plan=PLAN).content
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert b"<script" not in svg and b"<img" not in svg


def test_view_command_writes_the_file_and_says_how_big(testshire_store, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("kg.cli.views._store", lambda: testshire_store)
    out = tmp_path / "board.png"
    result = CliRunner().invoke(cli_app, ["view", "partner-priority", "--plan", PLAN, "-f", "png", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert "9 nodes" in result.output


def test_metrics_command_writes_csv_with_one_row_per_metric(testshire_store, monkeypatch) -> None:
    monkeypatch.setattr("kg.cli.views._store", lambda: testshire_store)
    result = CliRunner().invoke(cli_app, ["metrics", "--plan", PLAN, "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "section,id,label,kind,value,detail"
    assert (
        "no-owner,testshire-unowned,Youth voice,priority,0,Testshire Children and Young People's Plan 2030-33" in lines
    )


def test_compare_command_lists_added_dropped_and_kept(testshire_store, monkeypatch) -> None:
    monkeypatch.setattr("kg.cli.views._store", lambda: testshire_store)
    result = CliRunner().invoke(cli_app, ["compare", "testshire-cypp-2027-2030", PLAN, "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "priority,kept,Early help," in result.output
    assert "partner,dropped,Testshire Voluntary Action," in result.output
    assert "outcome,not recorded,Healthy," in result.output


def test_view_help_names_every_view() -> None:
    result = CliRunner().invoke(cli_app, ["view", "--help"])
    assert result.exit_code == 0
    for name in ("partner-priority", "plan-strategy", "boards", "partners-national", "themes-national"):
        assert name in result.output


def _client(store) -> TestClient:
    app = FastAPI()
    app.state.store = store
    install(app)
    app.include_router(router)
    return TestClient(app)


def test_views_route_serves_the_offline_page(testshire_store) -> None:
    response = _client(testshire_store).get("/views/partner-priority", params={"plan": PLAN})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "cypkgView" in response.text


def test_unknown_plan_id_returns_404_with_listing_hint(testshire_store) -> None:
    response = _client(testshire_store).get("/views/partner-priority", params={"plan": "no-such-plan"})
    assert response.status_code == 404
    assert "plans_by_authority" in response.json()["hint"]


def test_unknown_view_name_is_refused(testshire_store) -> None:
    assert _client(testshire_store).get("/views/pie-chart").status_code in (400, 422)


def test_matrix_csv_has_a_row_per_priority_the_totals_and_the_rule(embedded_store) -> None:
    text = render_view(embedded_store, "matrix", "csv", plan="anyshire-cypp-2024-2027").content.decode("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("outcome,item,kind,Anyshire Borough Council,")
    assert any(line.startswith("Learning and Achieving,Raise attainment at key stage 2,priority,") for line in lines)
    assert any(line.startswith(",total leads,,3,") for line in lines)
    assert lines[-1] == "# overloaded: leads more than 2 priorities or outcomes, or has a role in more than 5"


def test_matrix_xlsx_opens_with_the_grid_and_the_rule(embedded_store, tmp_path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "matrix.xlsx"
    path.write_bytes(render_view(embedded_store, "matrix", "xlsx", plan="anyshire-cypp-2024-2027").content)
    ws = load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[1][:3] == ["Outcome", "Priority", "Anyshire Borough Council"]
    assert any(row[1] == "Raise attainment at key stage 2" and row[-1] == "one owner" for row in values)
    assert any(row[0] and str(row[0]).startswith("overloaded: leads more than 2") for row in values)


def test_views_route_serves_the_matrix_as_xlsx_and_refuses_csv_for_a_network(testshire_store) -> None:
    client = _client(testshire_store)
    response = client.get("/views/matrix", params={"plan": PLAN, "format": "xlsx"})
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert client.get("/views/boards", params={"authority": "testshire", "format": "csv"}).status_code == 400
