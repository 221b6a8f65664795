"""The interactive page in headless Debian Chromium: offline, complete, searchable, filterable, and inert to markup."""

from __future__ import annotations

import pytest

from kg.views import render_view

pytestmark = pytest.mark.browser

PLAN = "testshire-cypp-2030-2033"
IRI = "https://w3id.org/cypkg/id/"


@pytest.fixture()
def testshire_page(testshire_store, open_offline):
    rendered = render_view(testshire_store, "partner-priority", "html", plan=PLAN)
    return rendered, open_offline(rendered.content)


def test_page_loads_with_every_network_request_blocked_and_none_attempted(store, open_offline) -> None:
    rendered = render_view(store, "plan-strategy", "html", authority="medway")
    view = open_offline(rendered.content)
    assert view.attempted == []
    assert view.errors == []
    assert view.page.evaluate("window.cypkgView.renderedCount()") == len(rendered.graph)


def test_node_count_on_the_page_matches_the_graph(testshire_page) -> None:
    rendered, view = testshire_page
    assert view.page.evaluate("window.cypkgView.total") == len(rendered.graph) == 9
    assert view.page.evaluate("window.cypkgView.edgeCount") == rendered.graph.number_of_edges()
    assert view.page.text_content("#status") == "Showing 9 of 9 nodes"


def test_search_shows_matches_and_their_neighbours_only(testshire_page) -> None:
    _, view = testshire_page
    view.page.fill("#search", "early help")
    assert sorted(view.page.evaluate("window.cypkgView.shownIds()")) == [
        IRI + "organisation/testshire-nhs",
        IRI + "priority/testshire-early-help-2030",
    ]
    assert view.page.evaluate("window.cypkgView.renderedCount()") == 2


def test_partner_type_filter_keeps_that_type_and_what_it_owns(testshire_page) -> None:
    _, view = testshire_page
    view.page.select_option("#filter-partner-type", "Police")
    assert sorted(view.page.evaluate("window.cypkgView.shownIds()")) == [
        IRI + "organisation/testshire-police",
        IRI + "priority/testshire-xss",
    ]
    assert view.page.text_content("#status") == "Showing 2 of 9 nodes"


def test_outcome_filter_keeps_the_outcome_its_priorities_and_their_owners(testshire_page) -> None:
    _, view = testshire_page
    view.page.select_option("#filter-outcome", IRI + "outcome/testshire-healthy")
    assert sorted(view.page.evaluate("window.cypkgView.shownIds()")) == [
        IRI + "organisation/testshire-nhs",
        IRI + "outcome/testshire-healthy",
        IRI + "priority/testshire-early-help-2030",
        IRI + "priority/testshire-unowned",
    ]


def _click_node(view, iri: str) -> None:
    box = view.page.locator("#network").bounding_box()
    point = view.page.evaluate(
        "id => window.cypkgView.network.canvasToDOM(window.cypkgView.network.getPosition(id))", iri
    )
    view.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_markup_in_labels_and_paragraphs_runs_nothing_and_shows_as_text(testshire_page) -> None:
    _, view = testshire_page
    view.page.evaluate("window.pwned = false")
    _click_node(view, IRI + "priority/testshire-xss")
    details = view.page.text_content("#details")
    assert "<img src=x onerror=alert(1)>" in details
    assert "<img src=x onerror=alert(2)>" in details
    _click_node(view, IRI + "organisation/testshire-police")
    assert "<script>window.pwned = true</script>Testshire Police" in view.page.text_content("#details")
    view.page.hover("#network")
    view.page.wait_for_timeout(300)
    assert view.page.evaluate("document.querySelectorAll('img, #details script, .vis-tooltip script').length") == 0
    assert view.page.evaluate("window.pwned") is False
    assert view.dialogs == []
    assert view.errors == []


def test_screenshot_of_medway_2019_partner_view_is_saved(store, open_offline, artifacts) -> None:
    rendered = render_view(store, "partner-priority", "html", authority="medway")
    view = open_offline(rendered.content)
    path = artifacts / "views-partner-priority-medway.png"
    view.page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
