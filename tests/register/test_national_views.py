"""The national views on the fixed register (tests/fixtures/register): the council × theme matrix and a council's
timeline, their cells and events against the register's rows, their files, and their pages in headless Chromium.

Cells are checked against rows read by hand from the fixture's priorities.csv and theme-mapping.csv
(York's rows give no source page, so its cells link nowhere); events against council_timeline's golden rows.
"""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

import kg.queries
from api.main import create_app
from kg.analysis.national import NO_REGION, council_timeline, theme_matrix
from kg.store.protocol import Store
from kg.views import render_view
from tests.api.conftest import settings_for

CYP = "https://w3id.org/cypkg/def#"
RBWM = "https://rbwm.moderngov.co.uk/mgAi.aspx?ID=23369"
PLYMOUTH_ITEM = "https://democracy.plymouth.gov.uk/mgAi.aspx?ID=92699"


def _cells(m, council: str) -> dict[str, tuple[int, int, str]]:
    row = next(r for r in m.rows if r.id == council)
    return {theme.removeprefix(CYP): (c.priorities, c.plans, c.source) for theme, c in row.cells.items()}


def test_each_cell_counts_the_councils_priorities_mapped_to_the_theme(national_store: Store) -> None:
    m = theme_matrix(national_store)
    assert _cells(m, "windsor-and-maidenhead") == {"BeHealthyTheme": (1, 1, RBWM), "StaySafeTheme": (1, 1, RBWM)}
    # "Are Happy and Healthy" maps to both Be healthy and Enjoy and achieve; the register gives no page for York
    assert _cells(m, "york") == {
        "EarlyYearsTheme": (1, 1, ""),
        "BeHealthyTheme": (1, 1, ""),
        "EnjoyAndAchieveTheme": (1, 1, ""),
        "StaySafeTheme": (1, 1, ""),
        "AdulthoodTheme": (1, 1, ""),
    }
    assert _cells(m, "plymouth") == {
        theme: (1, 1, PLYMOUTH_ITEM)
        for theme in ("ChildrenInCareTheme", "EarlyHelpTheme", "EducationTheme", "InclusionTheme", "PovertyTheme")
    }


def test_every_cell_is_one_row_of_the_national_matrix_query_and_no_more(national_store: Store) -> None:
    m = theme_matrix(national_store)
    rows = kg.queries.run(national_store, "national_matrix", {})
    from_query = {(str(r["council"]), str(r["theme"])): int(str(r["priorities"])) for r in rows}
    assert {(row.council, t): c.priorities for row in m.rows for t, c in row.cells.items()} == from_query


def test_councils_are_grouped_by_region_and_bodies_outside_the_reference_data_come_last(national_store: Store) -> None:
    m = theme_matrix(national_store)
    assert [name for name, _ in m.groups] == [
        "London",
        "North West",
        "South East",
        "South West",
        "Yorkshire and The Humber",
        NO_REGION,
    ]
    assert [r.label for r in dict(m.groups)[NO_REGION]] == ["Greater Manchester Combined Authority (not an LA)"]
    assert [r.id for r in dict(m.groups)["South East"]] == [
        "hampshire",
        "milton-keynes",
        "oxfordshire",
        "windsor-and-maidenhead",
    ]


def test_themes_named_by_most_councils_come_first(national_store: Store) -> None:
    m = theme_matrix(national_store)
    assert [(c.id, c.councils) for c in m.columns[:3]] == [
        ("StaySafeTheme", 9),
        ("BeHealthyTheme", 8),
        ("EducationTheme", 8),
    ]
    assert [c.councils for c in m.columns] == sorted((c.councils for c in m.columns), reverse=True)


def test_timeline_events_are_the_plans_and_meetings_in_date_order_then_undated(national_store: Store) -> None:
    t = council_timeline(national_store, authority="plymouth")
    assert [(e.when, e.event, e.body) for e in t.events] == [
        ("2011", "plan", ""),
        ("2011-02-08", "meeting", "Cabinet"),
        ("2011-02-24", "meeting", "Children and Young People Overview and Scrutiny Panel"),
        ("2011-03-29", "meeting", "Cabinet"),
        ("2011-04-11", "meeting", "City Council"),
        ("", "meeting", "the Board (name not given in excerpt)"),
        ("", "plan", ""),
    ]
    assert [e.title for e in t.undated] == ["Bright Futures", "Bright Futures"]
    assert all(e.source for e in t.events)


def test_fictional_councils_stay_out_of_the_timeline_unless_asked(national_store: Store) -> None:
    assert council_timeline(national_store, authority="anyshire").events == []
    assert len(council_timeline(national_store, authority="anyshire", include_examples=True).events) == 3


def test_themes_csv_has_one_row_per_council_with_its_counts_and_pages(national_embedded: Store) -> None:
    text = render_view(national_embedded, "themes", "csv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12
    rbwm = next(r for r in rows if r["id"] == "windsor-and-maidenhead")
    picked = ("region", "council", "Be healthy", "Stay safe", "Poverty and disadvantage")
    assert [rbwm[k] for k in picked] == ["South East", "Windsor and Maidenhead", "1", "1", ""]
    assert (rbwm["themes"], rbwm["sources"]) == ("2", RBWM)


def test_themes_workbook_cells_link_to_the_page_that_states_them(national_embedded: Store) -> None:
    wb = load_workbook(io.BytesIO(render_view(national_embedded, "themes", "xlsx", authority="plymouth").content))
    ws = wb.active
    header = [c.value for c in ws[2]]
    assert header[:2] == ["Region", "Council"]
    row = list(ws[3])
    linked = [(header[i], c.value, c.hyperlink.target) for i, c in enumerate(row) if c.hyperlink]
    assert len(linked) == 5
    assert {target for _, _, target in linked} == {PLYMOUTH_ITEM}
    assert all(value == 1 for _, value, _ in linked)


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_the_whole_register_draws_as_an_a4_picture_with_its_legend_and_source(national_embedded: Store, fmt) -> None:
    content = render_view(national_embedded, "themes", fmt).content
    if fmt == "png":
        assert content.startswith(b"\x89PNG")
        return
    svg = content.decode("utf-8")
    assert "Themes in councils" in svg and "Stay safe" in svg and "Windsor and Maidenhead" in svg
    assert "number of the council" in svg  # the legend
    assert "Source: 13 public web pages" in svg


def test_a_plan_scope_or_a_timeline_of_no_council_is_refused_clearly(national_embedded: Store) -> None:
    from kg.errors import QueryError, UnknownIdError

    with pytest.raises(QueryError, match="give --authority"):
        render_view(national_embedded, "timeline", "html")
    with pytest.raises(QueryError, match="councils, not plans"):
        render_view(national_embedded, "themes", "html", plan="york-children-and-young-peoples-plan-2024-2027")
    with pytest.raises(UnknownIdError):
        render_view(national_embedded, "themes", "html", authority="nowhereshire")
    with pytest.raises(QueryError, match="timeline view comes as html, csv"):
        render_view(national_embedded, "timeline", "png", authority="york")


def test_the_api_serves_the_national_views_as_the_cli_writes_them(national_embedded: Store) -> None:
    with TestClient(create_app(national_embedded, settings_for())) as client:
        r = client.get("/views/themes", params={"format": "csv", "authority": "plymouth"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert r.content == render_view(national_embedded, "themes", "csv", authority="plymouth").content
        r = client.get("/views/timeline", params={"authority": "anyshire", "include_examples": "true", "format": "csv"})
        assert r.text.count("\n") == 4  # header and three events of the fictional plan
        assert client.get("/views/timeline").status_code == 400
        assert client.get("/views/timeline", params={"authority": "york", "format": "xlsx"}).status_code == 400


# --- in Chromium, offline ------------------------------------------------------------------------


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for a, b in itertools.combinations(boxes, 2)
        if a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    ]


def test_the_matrix_page_opens_offline_with_a_legend_and_every_cell_links_to_its_page(
    national_embedded: Store,
    open_offline,  # noqa: F811
) -> None:
    view = open_offline(render_view(national_embedded, "themes", "html").content)
    assert view.attempted == [] and view.errors == []
    assert view.page.locator("#legend [data-legend]").count() >= 5
    assert view.page.evaluate("window.cypkgView.total") == 12
    cells = view.page.evaluate(
        """Array.from(document.querySelectorAll('tr[data-id] td.cell[data-priorities]')).map(td => {
             const a = td.querySelector('a');
             return [td.parentNode.getAttribute('data-id'), a ? a.href : '', td.textContent];
           })"""
    )
    assert len(cells) == 88  # one per row of national_matrix
    assert {href for council, href, _ in cells if council == "windsor-and-maidenhead"} == {RBWM}
    assert {href for council, href, _ in cells if council == "york"} == {""}  # no page given: no link
    assert all(href.startswith("http") for council, href, _ in cells if council != "york")
    assert _overlaps(view.page.evaluate("window.cypkgView.labelBoxes()")) == []


def test_the_matrix_page_sorts_by_a_theme_and_filters_by_region(national_embedded: Store, open_offline) -> None:  # noqa: F811
    view = open_offline(render_view(national_embedded, "themes", "html").content)
    view.page.select_option("#filter-region", "South West")
    assert view.page.evaluate("window.cypkgView.shownIds()") == ["plymouth", "somerset"]
    view.page.select_option("#filter-region", "")
    view.page.click("th[data-col='2']")  # Be healthy, most first
    assert view.page.evaluate("window.cypkgView.shownIds()")[0] == "hampshire"


def test_the_timeline_page_lists_its_events_in_order_each_linked_to_its_source(
    national_embedded: Store,
    open_offline,  # noqa: F811
) -> None:
    view = open_offline(render_view(national_embedded, "timeline", "html", authority="plymouth").content)
    assert view.attempted == [] and view.errors == []
    assert view.page.locator("#legend [data-legend]").count() == 4
    assert view.page.evaluate("window.cypkgView.events()") == [
        ["2011", "plan", "Children and Young People's Plan 2011-2014"],
        ["8 February 2011", "meeting", "Children and Young People's Plan 2011-2014"],
        ["24 February 2011", "meeting", "Children and Young People's Plan 2011-2014"],
        ["29 March 2011", "meeting", "Children and Young People's Plan 2011-2014"],
        ["11 April 2011", "meeting", "Children and Young People's Plan 2011-2014"],
        ["undated", "meeting", "Bright Futures"],
        ["undated", "plan", "Bright Futures"],
    ]
    assert view.page.evaluate("window.cypkgView.sources()")[-1] == PLYMOUTH_ITEM
    assert view.page.locator("#axis circle").count() == 4  # the dated meetings; undated ones are not placed
    boxes = view.page.evaluate("window.cypkgView.labelBoxes()")
    assert {b["id"] for b in boxes} >= {"year-2011", "year-2014", "no-period-plymouth-bright-futures"}
    assert _overlaps(boxes) == []


@pytest.mark.parametrize("name", ["themes", "timeline"])
def test_a_national_view_of_a_council_with_nothing_to_show_explains_itself(
    national_embedded: Store,
    open_offline,  # noqa: F811
    name: str,
) -> None:
    view = open_offline(render_view(national_embedded, name, "html", authority="anyshire").content)
    assert view.page.is_visible("#notice")
    notice = view.page.text_content("#notice")
    assert " no " in notice and "--include-examples" in notice and "cypkg register build" in notice


def test_the_api_answers_400_naming_the_formats_for_a_format_the_view_does_not_come_in(
    national_embedded: Store,
) -> None:
    with TestClient(create_app(national_embedded, settings_for())) as client:
        r = client.get("/views/timeline", params={"authority": "york", "format": "png"})
    assert r.status_code == 400
    assert "comes as html, csv" in r.text
