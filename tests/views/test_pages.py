"""The pages in headless Debian Chromium: offline, complete, legible, printable, searchable, and inert to markup."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from pypdf import PdfReader

from kg.analysis.network import VIEWS
from kg.views import VIEW_NAMES, render_view

pytestmark = pytest.mark.browser

PLAN = "testshire-cypp-2030-2033"
EXAMPLE = "anyshire-cypp-2024-2027"
IRI = "https://w3id.org/cypkg/id/"
NETWORKS = list(VIEWS)
SCOPES: dict[str, dict[str, Any]] = {
    "partner-priority": {"plan": EXAMPLE},
    "plan-strategy": {"authority": "medway"},
    "boards": {"authority": "anyshire"},
    "partners-national": {"authority": "milton-keynes"},
    "themes-national": {"authority": "plymouth"},
    "matrix": {"plan": EXAMPLE},
    "themes": {"authority": "plymouth"},
    "timeline": {"authority": "plymouth"},
}


@pytest.fixture()
def testshire_page(testshire_store, open_offline):
    rendered = render_view(testshire_store, "partner-priority", "html", plan=PLAN)
    return rendered, open_offline(rendered.content)


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for a, b in itertools.combinations(boxes, 2)
        if a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    ]


def _pdf_pages(view) -> PdfReader:
    return PdfReader(io.BytesIO(view.page.pdf(format="A4", landscape=True, print_background=True)))


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_every_view_opens_offline_with_a_legend_and_prints_on_one_a4_page(embedded_store, open_offline, name) -> None:
    view = open_offline(render_view(embedded_store, name, "html", **SCOPES[name]).content)
    assert view.attempted == []
    assert view.errors == []
    assert view.page.locator("[data-legend]").count() > 0
    pdf = _pdf_pages(view)
    assert len(pdf.pages) == 1
    mediabox = pdf.pages[0].mediabox
    assert float(mediabox.width) > float(mediabox.height)  # landscape
    printed = pdf.pages[0].extract_text()
    assert "Legend" in printed
    assert "Source:" in printed


def test_print_carries_the_network_drawn_sharp_and_whole(embedded_store, open_offline) -> None:
    view = open_offline(render_view(embedded_store, "partner-priority", "html", plan=EXAMPLE).content)
    images = _pdf_pages(view).pages[0].images
    assert len(images) == 1  # the canvas copy the page draws for print
    assert images[0].image is not None
    picture = images[0].image.convert("L")
    assert picture.width >= 1500  # twice the printed box: sharp on paper
    dark = picture.histogram()[:128]
    assert sum(dark) > 0.01 * picture.width * picture.height  # a drawing, not a blank box


@pytest.mark.parametrize("name", NETWORKS)
def test_no_two_node_labels_overlap_on_the_page(embedded_store, open_offline, name) -> None:
    view = open_offline(render_view(embedded_store, name, "html", **SCOPES[name]).content)
    boxes = view.page.evaluate("window.cypkgView.labelBoxes()")
    assert len(boxes) == view.page.evaluate("window.cypkgView.total") > 1
    assert _overlaps(boxes) == []


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_an_empty_view_explains_what_is_missing_and_how_to_add_it(emptyshire_store, open_offline, name) -> None:
    scope: dict[str, Any] = (
        {"plan": "emptyshire-cypp-2030-2033"} if name in ("partner-priority", "matrix") else {"authority": "emptyshire"}
    )
    if name == "timeline":  # Emptyshire's timeline draws its one plan; Bareshire has none
        scope = {"authority": "bareshire"}
    view = open_offline(render_view(emptyshire_store, name, "html", **scope).content)
    assert view.page.is_visible("#notice")
    notice = view.page.text_content("#notice")
    assert "source reports" in notice and " no " in notice
    assert "cypkg" in notice  # says how to add it


def test_node_count_on_the_page_matches_the_graph(testshire_page) -> None:
    rendered, view = testshire_page
    assert view.page.evaluate("window.cypkgView.total") == len(rendered.graph) == 9
    assert view.page.evaluate("window.cypkgView.edgeCount") == rendered.graph.number_of_edges()
    assert view.page.text_content("#status") == "Showing 9 of 9 nodes"


def test_title_names_the_plan_not_its_id(testshire_page) -> None:
    _, view = testshire_page
    assert view.page.text_content("#view-title") == (
        "Who owns which priority — Testshire Children and Young People's Plan 2030-33"
    )


def test_search_shows_matches_and_their_neighbours_only(testshire_page) -> None:
    _, view = testshire_page
    view.page.fill("#search", "early help")
    assert sorted(view.page.evaluate("window.cypkgView.shownIds()")) == [
        IRI + "organisation/testshire-nhs",
        IRI + "outcome/testshire-healthy",
        IRI + "priority/testshire-early-help-2030",
    ]
    assert view.page.evaluate("window.cypkgView.renderedCount()") == 3


def test_partner_type_filter_keeps_that_type_and_what_it_owns(testshire_page) -> None:
    _, view = testshire_page
    view.page.select_option("#filter-partner-type", "Police force")
    assert sorted(view.page.evaluate("window.cypkgView.shownIds()")) == [
        IRI + "organisation/testshire-police",
        IRI + "priority/testshire-xss",
    ]


def test_gaps_only_keeps_unowned_and_single_owner_priorities_with_their_outcome_and_owner(testshire_page) -> None:
    _, view = testshire_page
    view.page.check("#gaps-only")
    assert sorted(view.page.evaluate("window.cypkgView.shownIds()")) == [
        IRI + "organisation/testshire-nhs",
        IRI + "outcome/testshire-healthy",
        IRI + "priority/testshire-early-help-2030",
        IRI + "priority/testshire-unowned",
    ]
    assert "gaps: 1 with no owner, 1 with one owner" in view.page.text_content("#status")


def _point_at(view, node: str) -> None:
    """Move the mouse onto a node of the canvas, where vis-network drew it."""
    point = view.page.evaluate("id => window.cypkgView.pointAt(id)", node)
    view.page.mouse.move(point["x"] - 40, point["y"] - 40)
    view.page.mouse.move(point["x"], point["y"], steps=4)


def _click(view, node: str) -> None:
    _point_at(view, node)
    view.page.mouse.down()
    view.page.mouse.up()


def test_hovering_a_priority_lists_its_owners_by_role(testshire_page) -> None:
    _, view = testshire_page
    _point_at(view, f"{IRI}priority/testshire-xss")
    view.page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = view.page.text_content("div.vis-tooltip")
    assert "lead: <script>window.pwned = true</script>Testshire Police" in tip
    assert "contributing: Testshire NHS Trust" in tip


def test_role_links_are_drawn_solid_dashed_and_dotted(testshire_page) -> None:
    _, view = testshire_page
    dashes = view.page.evaluate("window.cypkgView.edgeDashes()")
    assert dashes["lead"] is False
    assert dashes["contributing"]
    assert dashes["champion"] and dashes["champion"] != dashes["contributing"]


def test_positions_on_the_page_are_the_layouts(testshire_page) -> None:
    rendered, view = testshire_page
    from kg.views.layout import compute_layout

    layout = compute_layout(rendered.graph)
    positions = view.page.evaluate("window.cypkgView.network.getPositions()")
    assert {k: (p["x"], p["y"]) for k, p in positions.items()} == {
        k: (round(p.x), round(p.y)) for k, p in layout.nodes.items()
    }


def test_markup_in_labels_and_paragraphs_runs_nothing_and_shows_as_text(testshire_page) -> None:
    _, view = testshire_page
    view.page.evaluate("window.pwned = false")
    _click(view, f"{IRI}priority/testshire-xss")
    details = view.page.text_content("#details")
    assert "<img src=x onerror=alert(1)>" in details
    assert "<img src=x onerror=alert(2)>" in details
    _click(view, f"{IRI}organisation/testshire-police")
    assert "<script>window.pwned = true</script>Testshire Police" in view.page.text_content("#details")
    _point_at(view, f"{IRI}organisation/testshire-police")
    view.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "<script>window.pwned = true</script>" in view.page.text_content("div.vis-tooltip")
    assert view.page.evaluate("document.querySelectorAll('img, #details script, .vis-tooltip :not(br)').length") == 0
    assert view.page.evaluate("window.pwned") is False
    assert view.dialogs == []
    assert view.errors == []


def test_matrix_filter_and_gaps_only_keep_the_right_rows(embedded_store, open_offline) -> None:
    view = open_offline(render_view(embedded_store, "matrix", "html", plan=EXAMPLE).content)
    assert view.page.evaluate("window.cypkgView.total") == 10
    view.page.check("#gaps-only")
    assert view.page.evaluate("window.cypkgView.shownIds()") == ["anyshire-cypp-2024-2027-key-stage-2"]
    view.page.uncheck("#gaps-only")
    view.page.fill("#filter", "constabulary")
    assert len(view.page.evaluate("window.cypkgView.shownIds()")) == 3
    assert view.page.text_content("td.overloaded") == "⚑ yes"


def test_screenshots_of_the_example_views_are_saved(embedded_store, open_offline, artifacts) -> None:
    for name in ("partner-priority", "matrix"):
        view = open_offline(render_view(embedded_store, name, "html", plan=EXAMPLE).content, f"{name}.html")
        path = artifacts / f"views-{name}-{EXAMPLE}.png"
        view.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000


def test_a_region_of_the_national_summary_drills_down_to_its_own_drawing_and_back(embedded_store, open_offline) -> None:
    view = open_offline(render_view(embedded_store, "partners-national", "html").content)
    south_east = 'tr[data-region="http://statistics.data.gov.uk/id/statistical-geography/E12000008"]'
    assert view.page.is_visible("#summary")
    assert view.page.text_content(south_east).startswith("South East3")  # three councils
    view.page.click(south_east)
    shown = set(view.page.evaluate("window.cypkgView.shownIds()"))
    assert {IRI + "authority/medway", IRI + "authority/kent", IRI + "authority/milton-keynes"} <= shown
    assert IRI + "authority/derby" not in shown
    assert "Partners across councils — South East" in view.page.text_content("#view-title")
    assert "region: South East" in view.page.text_content("#status")
    assert _overlaps(view.page.evaluate("window.cypkgView.labelBoxes()")) == []
    view.page.click(south_east)
    assert IRI + "authority/derby" in view.page.evaluate("window.cypkgView.shownIds()")
    assert view.errors == []


def test_the_national_theme_network_shows_regions_first_and_a_regions_councils_on_a_click(
    embedded_store, open_offline
) -> None:
    view = open_offline(render_view(embedded_store, "themes-national", "html").content)
    london = 'tr[data-region="http://statistics.data.gov.uk/id/statistical-geography/E12000007"]'
    assert view.page.text_content("#summary-other") == "themes"
    first = set(view.page.evaluate("window.cypkgView.shownIds()"))
    assert "http://statistics.data.gov.uk/id/statistical-geography/E12000007" in first
    assert not any(i.startswith(IRI + "authority/") for i in first)
    view.page.click(london)
    shown = set(view.page.evaluate("window.cypkgView.shownIds()"))
    assert IRI + "authority/lewisham" in shown and IRI + "authority/york" not in shown
    assert _overlaps(view.page.evaluate("window.cypkgView.labelBoxes()")) == []
    assert view.errors == []
