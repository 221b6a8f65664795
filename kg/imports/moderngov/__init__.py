"""Meetings, agenda items, decisions and memberships from a council's Modern.gov committee system.

Most English councils publish their committee system through Modern.gov's public web service
(`/mgWebService.asmx/GetCommittees`, `GetMeetings`, `GetMeeting`) and decision pages
(`ieDecisionDetails.aspx`). The import is in layers, each its own module:

- `fetch`: answers as bytes, from the network (`http_fetcher`: one request per `min_interval`
  seconds, timeouts, a size cap, errors that name the URL) or from a saved copy of a site
  (`SavedSite`: `GetCommittees.xml`, `GetMeetings-144.xml`, `GetMeeting-4967.xml`, …), so tests
  and the README tour run without the network;
- `parse`: XML (via defusedxml) and HTML answers into plain records (`Committee`, `Meeting`, `Decision`, …);
- `client`: which URL answers which question, fetched and parsed;
- `rdf`: the records as one named graph per imported range, every node `prov:wasDerivedFrom`
  the URL it came from, written through the SHACL gate (`write_range`).
"""

from kg.imports.moderngov.client import ModerngovClient
from kg.imports.moderngov.errors import ModerngovError
from kg.imports.moderngov.fetch import SAVED_LAYOUT, Fetcher, SavedSite, http_fetcher, saved_file_name
from kg.imports.moderngov.parse import (
    AgendaItem,
    Attendee,
    Committee,
    Decision,
    Document,
    Meeting,
    MeetingSummary,
    parse_committees,
    parse_decision_list,
    parse_decision_page,
    parse_meeting,
    parse_meetings,
    plain_text,
)
from kg.imports.moderngov.rdf import (
    RangeImport,
    authority_slug,
    body_class,
    import_range,
    meeting_status,
    range_graph_name,
    write_range,
)

__all__ = [
    "SAVED_LAYOUT",
    "AgendaItem",
    "Attendee",
    "Committee",
    "Decision",
    "Document",
    "Fetcher",
    "Meeting",
    "MeetingSummary",
    "ModerngovClient",
    "ModerngovError",
    "RangeImport",
    "SavedSite",
    "authority_slug",
    "body_class",
    "http_fetcher",
    "import_range",
    "meeting_status",
    "parse_committees",
    "parse_decision_list",
    "parse_decision_page",
    "parse_meeting",
    "parse_meetings",
    "plain_text",
    "range_graph_name",
    "saved_file_name",
    "write_range",
]
