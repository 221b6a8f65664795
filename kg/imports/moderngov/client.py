"""The Modern.gov client: which URL answers which question, fetched by a fetcher and read by `parse`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar
from urllib.parse import urlencode, urljoin, urlparse

from kg.imports.moderngov.errors import ModerngovError
from kg.imports.moderngov.fetch import SERVICE, Fetcher, SavedSite, http_fetcher
from kg.imports.moderngov.parse import (
    Committee,
    Decision,
    Meeting,
    MeetingSummary,
    parse_committees,
    parse_decision_list,
    parse_decision_page,
    parse_meeting,
    parse_meetings,
)

_T = TypeVar("_T")


@dataclass
class ModerngovClient:
    """Reads one Modern.gov site through a fetcher; each method returns parsed records."""

    base: str
    fetcher: Fetcher = field(default_factory=http_fetcher)
    sources: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        parsed = urlparse(self.base)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ModerngovError(
                "--base must be the site's address, starting http:// or https://",
                url=self.base,
                hint="e.g. --base https://democracy.medway.gov.uk",
            )
        self.base = self.base.rstrip("/") + "/"

    def url(self, path: str, **params: str) -> str:
        return urljoin(self.base, path) + (f"?{urlencode(params)}" if params else "")

    def _read(self, url: str, parse: Callable[..., _T]) -> _T:
        """Fetch and parse one answer; a bad answer from a saved copy is reported against its file."""
        self.sources.append(url)
        body = self.fetcher(url)
        try:
            return parse(body, url=url)
        except ModerngovError as exc:
            if not isinstance(self.fetcher, SavedSite):
                raise
            path = self.fetcher.path_for(url)
            raise ModerngovError(
                f"{exc.detail} (the saved answer to {url})",
                url=str(path),
                line=exc.line,
                column=exc.column,
                hint=f"save {path.name} again from the site: it is not a whole {path.suffix[1:].upper()} answer",
            ) from exc

    def committees(self) -> list[Committee]:
        return self._read(self.url(f"{SERVICE}/GetCommittees"), parse_committees)

    def meetings(self, committee_id: str, start: date, end: date) -> list[MeetingSummary]:
        url = self.url(
            f"{SERVICE}/GetMeetings",
            lCommitteeId=committee_id,
            sFromDate=start.strftime("%d/%m/%Y"),
            sToDate=end.strftime("%d/%m/%Y"),
        )
        return self._read(url, parse_meetings)

    def meeting(self, meeting_id: str) -> tuple[Meeting, str]:
        url = self.url(f"{SERVICE}/GetMeeting", lMeetingId=meeting_id)
        return self._read(url, parse_meeting), url

    def decision_ids(self, start: date, end: date) -> list[str]:
        span = f"{start.strftime('%d/%m/%Y')}-{end.strftime('%d/%m/%Y')}"
        url = self.url("mgDelegatedDecisions.aspx", bcr="1", DM="0", DS="2", K="0", DR=span)
        return self._read(url, parse_decision_list)

    def decision(self, decision_id: str) -> tuple[Decision, str]:
        url = self.url("ieDecisionDetails.aspx", ID=decision_id)
        return self._read(url, parse_decision_page), url
