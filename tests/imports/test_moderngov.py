"""The committee-system import, offline against the copied Modern.gov fixtures."""

from __future__ import annotations

import contextlib
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from kg.imports.moderngov import (
    ModerngovClient,
    ModerngovError,
    SavedSite,
    body_class,
    http_fetcher,
    import_range,
    parse_committees,
    parse_decision_list,
    parse_decision_page,
    parse_meeting,
    plain_text,
    saved_file_name,
    write_range,
)
from kg.imports.moderngov.rdf import web_page
from kg.namespaces import CYP, GRAPH, ID, SCHEMA
from kg.ontology.vocabulary import concepts

MODERNGOV = Path(__file__).resolve().parent / "fixtures" / "moderngov"
BASE = "https://democracy.manchester.gov.uk"

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
START, END = date(2026, 1, 1), date(2026, 3, 31)
READ_ON = date(2026, 3, 1)


@pytest.fixture
def run_import(fixture_fetcher):
    """Import the fixtures' range through a client whose fetcher never leaves the machine."""

    def run(overrides: dict[str, bytes] | None = None, fetcher=None, **kwargs):
        client = ModerngovClient(BASE, fetcher=fetcher or fixture_fetcher(overrides))
        return import_range(client, start=START, end=END, **{"fetched_on": READ_ON, **kwargs})

    return run


def test_committees_parse_true_false_strings_and_mark_expired():
    committees = parse_committees((MODERNGOV / "manchester_GetCommittees.xml").read_bytes(), url="u")
    by_id = {c.id: c for c in committees}
    assert by_id["312"].expired is True
    assert by_id["144"].expired is False
    assert by_id["144"].deleted is False


def test_agenda_items_keep_their_order_and_escaped_html_becomes_text():
    meeting = parse_meeting((MODERNGOV / "manchester_GetMeeting_with_minutes.xml").read_bytes(), url="u")
    assert [i.title for i in meeting.items] == ["Minutes", "Work Programme"]
    assert [i.order for i in meeting.items] == [1, 2]
    assert meeting.items[0].text.startswith("To approve as a correct record the minutes")
    assert "<" not in meeting.items[0].minutes
    assert meeting.date == date(2026, 2, 10)


def test_double_escaped_html_is_unescaped_to_plain_text():
    assert plain_text("Children&amp;#39;s Trust &amp;amp; Partners") == "Children's Trust & Partners"
    assert plain_text("&lt;p&gt;Early &amp;amp; help&lt;/p&gt;") == "Early & help"


def _status_said(graph, meeting):
    """The (status, as-at date) of each meeting statement about `meeting`."""
    return {
        (graph.value(s, CYP.meetingStatus), graph.value(s, CYP.asAt)) for s in graph.subjects(CYP.describes, meeting)
    }


def test_cancelled_meeting_has_no_items_and_cancelled_status(run_import):
    result = run_import(committee="144")
    cancelled = ID["meeting/manchester-meeting-4966"]
    assert _status_said(result.graph, cancelled) == {(CYP.Cancelled, Literal(READ_ON))}
    assert not list(result.graph.subjects(CYP.agendaItemOf, cancelled))


def test_meeting_status_is_a_statement_as_at_the_day_the_page_was_read(run_import):
    g = run_import(committee="144").graph
    meeting = ID["meeting/manchester-meeting-4967"]
    url = f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId=4967"
    page = web_page(url, READ_ON)
    statement = ID[f"statement/{page.rsplit('/', 1)[-1]}-manchester-meeting-4967"]
    assert not list(g.objects(meeting, CYP.meetingStatus))
    assert (statement, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), CYP.MeetingStatement) in g
    assert (statement, CYP.describes, meeting) in g
    assert (statement, CYP.asAt, Literal(READ_ON)) in g
    assert (statement, PROV_DERIVED, page) in g
    assert (page, SCHEMA.url, URIRef(url)) in g
    assert (page, CYP.dateRead, Literal(READ_ON)) in g


def test_pages_read_on_different_days_are_different_sources(run_import):
    first = run_import(committee="144", fetched_on=date(2026, 3, 1)).graph
    later = run_import(committee="144", fetched_on=date(2026, 4, 1)).graph
    pages = [set(g.subjects(CYP.dateRead, None)) for g in (first, later)]
    assert pages[0] and not pages[0] & pages[1]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        pytest.param("Health and Wellbeing Board", CYP.HealthAndWellbeingBoard, id="preferred-label"),
        pytest.param("Economy Scrutiny Committee", CYP.ScrutinyCommittee, id="contained"),
        pytest.param("Manchester Safeguarding Children Board", CYP.SafeguardingPartnership, id="hidden-label"),
        pytest.param("Council", CYP.FullCouncil, id="council-by-its-name"),
        pytest.param("Licensing Committee", CYP.Body, id="no-listed-kind"),
    ],
)
def test_committee_type_is_read_from_the_ontology_body_types(title, kind):
    assert body_class(title) == kind
    assert kind == CYP.Body or kind in {c.iri for c in concepts("BodyTypeScheme")}


def test_held_meeting_has_agenda_items_attendance_and_membership(run_import):
    result = run_import(committee="144")
    g = result.graph
    held = ID["meeting/manchester-meeting-4967"]
    assert (held, CYP.meetingDate, Literal(date(2026, 2, 10))) in g
    assert _status_said(g, held) == {(CYP.Held, Literal(READ_ON))}
    assert len(list(g.subjects(CYP.agendaItemOf, held))) == 2
    attendance = ID["attendance/manchester-meeting-4967-member-192"]
    assert (attendance, CYP.attendance, Literal("Expected")) in g
    membership = ID["membership/manchester-committee-144-member-192"]
    assert (membership, URIRef("http://www.w3.org/ns/org#organization"), ID["board/manchester-committee-144"]) in g


def test_every_imported_node_cites_the_web_page_it_was_read_from(run_import):
    g = run_import(committee="144").graph
    pages = set(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), CYP.WebPage))
    url = URIRef(f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId=4967")
    assert (ID["meeting/manchester-meeting-4967"], PROV_DERIVED, web_page(str(url), READ_ON)) in g
    assert url in {g.value(page, SCHEMA.url) for page in pages}
    for node in {s for s in g.subjects() if isinstance(s, URIRef)} - pages:
        if str(node).startswith(str(ID)) and "/paragraph/" not in str(node) and "/report/" not in str(node):
            assert set(g.objects(node, PROV_DERIVED)) & pages, node


def test_expired_committee_is_recorded_but_its_meetings_are_not_fetched(run_import, fixture_fetcher) -> None:
    requested: list[str] = []
    fetch = fixture_fetcher()

    def recording(url: str) -> bytes:
        requested.append(url)
        return fetch(url)

    result = run_import(fetcher=recording)
    assert (ID["board/manchester-committee-312"], CYP.expired, Literal(True)) in result.graph
    assert not any("lCommitteeId=312" in u for u in requested)


def test_decision_page_gives_status_key_decision_dates_and_meeting():
    decision = parse_decision_page(
        (MODERNGOV / "kirklees_ieDecisionDetails.html").read_bytes(), url=f"{BASE}/ieDecisionDetails.aspx?ID=13149"
    )
    assert decision.status == "Recommendations Approved"
    assert decision.key_decision is False
    assert decision.call_in is False
    assert decision.decided == date(2015, 10, 19)
    assert decision.meeting_id == "4832"
    assert decision.text.startswith("The Minutes of the Policy Committee meeting")


def test_decision_list_skips_issue_history_rows():
    ids = parse_decision_list((MODERNGOV / "kirklees_mgDelegatedDecisions_list.html").read_bytes(), url="u")
    assert ids == ["13567", "13149"]


def test_import_is_written_as_its_own_named_graph(fresh_store, run_import):
    result = run_import(committee="144")
    write_range(fresh_store, result)
    assert str(GRAPH[result.graph_name]) in fresh_store.graphs()
    rows = fresh_store.select("SELECT ?m WHERE { ?m a cyp:Meeting ; cyp:body ?b . ?b dcterms:identifier '144' }")
    assert len(rows) == 2


def test_reimporting_the_same_range_replaces_rather_than_duplicates(fresh_store, run_import):
    write_range(fresh_store, run_import(committee="144"))
    first = fresh_store.count(run_import(committee="144").graph_name)
    write_range(fresh_store, run_import(committee="144"))
    assert fresh_store.count(run_import(committee="144").graph_name) == first


def test_decisions_are_imported_about_the_named_plan(fresh_store, run_import):
    plan = ID["plan/medway-cypp-2019-2024"]
    result = run_import(committee="144", decisions_about=plan)
    write_range(fresh_store, result)
    decision = ID["decision/manchester-decision-13149"]
    assert (decision, CYP.about, plan) in result.graph
    assert (decision, CYP.keyDecision, Literal(False)) in result.graph


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"<?xml version='1.0'?><meeting><meetingid>1</meetingid><agendaitems>", id="truncated"),
        pytest.param(b"<meeting><meetingid>1</meeting>", id="malformed"),
        pytest.param(b"<!DOCTYPE html><html><body>Runtime Error</body></html>", id="html-error-page"),
        pytest.param(b"", id="empty"),
        pytest.param(b"<committees/>", id="wrong-operation"),
    ],
)
def test_bad_xml_is_a_clear_error_and_nothing_is_written(lookup_store, body, run_import):
    before = lookup_store.graphs()
    with pytest.raises(ModerngovError) as caught:
        write_range(lookup_store, run_import({"lMeetingId=4967": body}, committee="144"))
    assert "lMeetingId=4967" in str(caught.value)
    assert caught.value.hint
    assert lookup_store.graphs() == before


def test_meeting_date_not_in_dd_mm_yyyy_is_a_clear_error(run_import):
    body = (MODERNGOV / "manchester_GetMeetings.xml").read_bytes().replace(b"13/01/2026", b"2026-01-13")
    with pytest.raises(ModerngovError, match="not a dd/mm/yyyy date"):
        run_import({"GetMeetings": body}, committee="144")


def test_unknown_committee_id_lists_known_ones(run_import):
    with pytest.raises(ModerngovError, match="no committee with id '999'") as caught:
        run_import(committee="999")
    assert "144" in caught.value.hint


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"{BASE}/mgWebService.asmx/GetCommittees", "GetCommittees.xml"),
        (f"{BASE}/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01%2F01%2F2026", "GetMeetings-144.xml"),
        (f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId=4967", "GetMeeting-4967.xml"),
        (f"{BASE}/mgDelegatedDecisions.aspx?bcr=1&DR=01%2F01%2F2026-31%2F03%2F2026", "mgDelegatedDecisions.html"),
        (f"{BASE}/ieDecisionDetails.aspx?ID=4832", "ieDecisionDetails-4832.html"),
        (f"{BASE}/ieDecisionDetails.aspx?ID=../../etc/passwd", "ieDecisionDetails-etc-passwd.html"),
    ],
)
def test_saved_copy_files_are_named_after_the_request_without_its_dates(url, name):
    assert saved_file_name(url) == name


def test_a_saved_copy_imports_the_same_graph_as_the_site(fixture_fetcher):
    saved = SavedSite(Path(__file__).resolve().parents[2] / "data" / "sources" / "moderngov" / "manchester")
    scope = {"committee": "144", "start": START, "end": END, "fetched_on": date(2026, 3, 1)}
    offline = import_range(ModerngovClient(BASE, fetcher=saved), **scope)
    online = import_range(ModerngovClient(BASE, fetcher=fixture_fetcher()), **scope)
    offline.graph.remove(
        (
            None,
            URIRef("http://purl.org/dc/terms/description"),
            Literal("Read from a saved copy of the site (folder manchester), not the live service"),
        )
    )
    assert offline.sources == online.sources
    assert isomorphic(offline.graph, online.graph)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client may have given up
            if "slow" in self.path:
                time.sleep(2)
            if "fail" in self.path:
                self.send_response(503)
                self.end_headers()
                return
            self.send_response(200)
            self.end_headers()
            self.wfile.write(self.headers.get("User-Agent", "").encode())

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def loopback():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_error_from_the_committee_system_is_a_clear_error(loopback):
    fetch = http_fetcher(min_interval=0)
    with pytest.raises(ModerngovError, match="HTTP 503") as caught:
        fetch(f"{loopback}/fail")
    assert caught.value.url.endswith("/fail")


def test_timeout_from_the_committee_system_is_a_clear_error(loopback):
    fetch = http_fetcher(timeout=0.2, min_interval=0)
    with pytest.raises(ModerngovError, match="no answer within"):
        fetch(f"{loopback}/slow")


def test_fetcher_identifies_itself(loopback):
    assert b"cypkg" in http_fetcher(min_interval=0)(f"{loopback}/ua")
