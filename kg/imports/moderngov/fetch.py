"""Fetching Modern.gov answers: the polite HTTP fetcher and the saved-copy fetcher (`url -> bytes`).

The network is reached only through a fetcher, so tests feed it fixtures and an officer can import a
copy of a site saved earlier. Nothing here reads what an answer says: that is `parse`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx

from kg.imports.moderngov.errors import ModerngovError
from kg.namespaces import slugify

Fetcher = Callable[[str], bytes]
SERVICE = "mgWebService.asmx"
MAX_BYTES = 10_000_000
USER_AGENT = "cypkg/0.1 (Children and Young People's Plans knowledge graph; +https://w3id.org/cypkg)"


def http_fetcher(
    *,
    timeout: float = 20.0,
    connect_timeout: float = 5.0,
    min_interval: float = 1.0,
    client: httpx.Client | None = None,
) -> Fetcher:
    """A polite HTTP fetcher: rate-limited, with timeouts, a size cap and errors that name the URL."""
    http = client or httpx.Client(
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
    )
    last = [0.0]

    def fetch(url: str) -> bytes:
        wait = last[0] + min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        last[0] = time.monotonic()
        try:
            response = http.get(url)
        except httpx.TimeoutException as exc:
            raise ModerngovError(
                f"no answer within {timeout:g} s",
                url=url,
                hint="the committee system is slow or down: try again later, or a smaller date range",
            ) from exc
        except httpx.HTTPError as exc:
            raise ModerngovError(
                f"cannot reach the committee system: {exc}",
                url=url,
                hint="check --base (e.g. https://democracy.medway.gov.uk)",
            ) from exc
        if response.status_code >= 400:
            raise ModerngovError(
                f"HTTP {response.status_code} {response.reason_phrase}",
                url=url,
                hint="check --base and the committee id (`cypkg import moderngov --base URL` lists committees)"
                if response.status_code < 500
                else "the committee system failed; try again later",
            )
        if len(response.content) > MAX_BYTES:
            raise ModerngovError(
                f"answer is {len(response.content):,} bytes, over the {MAX_BYTES:,} byte limit",
                url=url,
                hint="import a shorter date range",
            )
        return response.content

    return fetch


# Which saved file answers which request: (path ending, query parameter naming the file, file suffix).
_SAVED_NAMES = (
    (f"{SERVICE}/GetCommittees", None, "xml"),
    (f"{SERVICE}/GetMeetings", "lCommitteeId", "xml"),
    (f"{SERVICE}/GetMeeting", "lMeetingId", "xml"),
    ("mgDelegatedDecisions.aspx", None, "html"),
    ("ieDecisionDetails.aspx", "ID", "html"),
)
SAVED_LAYOUT = (
    "GetCommittees.xml, GetMeetings-{committee id}.xml, GetMeeting-{meeting id}.xml, "
    "and for --decisions-about mgDelegatedDecisions.html and ieDecisionDetails-{decision id}.html"
)


def saved_file_name(url: str) -> str:
    """The file a saved copy keeps a request's answer in: `…/GetMeeting?lMeetingId=4967` -> GetMeeting-4967.xml.

    Date-range parameters are not part of the name: a saved GetMeetings answer covers whatever range
    it was saved for, and the import keeps only the meetings inside the range asked for.
    """
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    for ending, key, suffix in _SAVED_NAMES:
        if parsed.path.endswith(ending):
            stem = ending.rsplit("/", 1)[-1].removesuffix(".aspx")
            value = (query.get(key) or [""])[0] if key else ""
            return f"{stem}-{slugify(value)}.{suffix}" if key else f"{stem}.{suffix}"
    raise ModerngovError("not a request a saved copy can answer", url=url, hint=f"a saved copy holds {SAVED_LAYOUT}")


class SavedSite:
    """A fetcher answering from a folder of saved Modern.gov answers instead of the network."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ModerngovError(
                "no such folder" if not folder.exists() else "not a folder",
                url=str(folder),
                hint=f"--saved is a folder of answers saved from the site: {SAVED_LAYOUT}",
            )
        self.folder = folder

    def path_for(self, url: str) -> Path:
        """Where the answer to `url` is saved."""
        return self.folder / saved_file_name(url)

    def __call__(self, url: str) -> bytes:
        path = self.path_for(url)
        if not path.is_file():
            raise ModerngovError(
                f"the saved copy has no answer to {url}",
                url=str(path),
                hint=f"save that address from the site as {path.name} in {self.folder}, "
                "or narrow the import (--committee, --from, --to) to what the copy holds",
            )
        if path.stat().st_size > MAX_BYTES:
            raise ModerngovError(
                f"the file is over the {MAX_BYTES:,} byte limit", url=str(path), hint="save a shorter date range"
            )
        return path.read_bytes()
