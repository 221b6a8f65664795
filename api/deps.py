"""What routes depend on: the store, the settings, the query runners and the write guard.

Routes name `StoreDep`, `SettingsDep`, `RunnerDep`, `ValidatorDep` and `WriterDep`; the values live on the app
(set by `create_app`), so tests swap them with `dependency_overrides` or by passing a store.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from api.errors import MissingToken, WritesDisabled, WrongToken
from api.runner import QueryRunner
from api.writes import Writes
from kg.config import Settings
from kg.store.protocol import Store


async def get_store(request: Request) -> Store:
    """The store this app serves."""
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    """The settings this app was built with."""
    return request.app.state.settings


def get_runner(request: Request) -> QueryRunner:
    """The query runner that enforces the time and row budget."""
    return request.app.state.runner


def get_validator(request: Request) -> QueryRunner:
    """The runner /validate uses: its own worker, time limit and queue."""
    return request.app.state.validator


def client_key(request: Request) -> str:
    """Who is asking, for fair queuing: the peer address (a proxy's clients share it)."""
    return request.client.host if request.client else ""


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
ValidatorDep = Annotated[QueryRunner, Depends(get_validator)]


class Writer:
    """Permission to write, granted by the bearer token, and where the write goes."""

    def __init__(self, writes: Writes, settings: Settings) -> None:
        self.writes = writes
        self.settings = settings


def check_token(authorization: str | None, settings: Settings) -> None:
    """Refuse a write unless the configured token is presented (no token configured = no writes)."""
    expected = settings.api_token.get_secret_value()
    if not expected:
        raise WritesDisabled(
            "writes are turned off on this service",
            hint="set CYPKG_API_TOKEN (16+ random characters) on the server to allow writes with that bearer token",
        )
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise MissingToken(
            "this write needs a bearer token",
            hint="send the header 'Authorization: Bearer <CYPKG_API_TOKEN>'",
        )
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise WrongToken("the bearer token is not the service's write token", hint="check the token you were given")


def get_writer(request: Request) -> Writer:
    """A Writer when the request carries the write token; 401/403 otherwise."""
    check_token(request.headers.get("authorization"), request.app.state.settings)
    return Writer(request.app.state.writes, request.app.state.settings)


WriterDep = Annotated[Writer, Depends(get_writer)]
