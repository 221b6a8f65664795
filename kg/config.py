"""Settings, read from `CYPKG_*` environment variables (or a `.env` file) when first asked for.

Every field has a default that runs the embedded store with no environment at all.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir, user_data_dir
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
"""The checkout this code runs from (in an installed wheel: the site-packages folder)."""
RESOURCE_ROOT = (
    REPO_ROOT if (REPO_ROOT / "ontology" / "cypkg.ttl").is_file() else Path(__file__).resolve().parent / "_resources"
)
"""Where ontology/ and data/ are read from: the checkout's, or the copies a wheel carries (kg/_resources/, setup.py)."""


class Settings(BaseSettings):
    """cypkg's configuration; the README's configuration table lists the same fields in this order."""

    model_config = SettingsConfigDict(env_prefix="CYPKG_", env_file=".env", extra="ignore")

    backend: Literal["embedded", "remote"] = Field(
        "embedded", description="Which store: the embedded on-disk store, or a remote SPARQL endpoint"
    )
    store_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("cypkg")) / "store",
        description="Where the embedded store keeps its files",
    )
    data_dir: Path = Field(RESOURCE_ROOT / "data", description="The folder `cypkg load` builds the store from")
    cache_dir: Path = Field(
        default_factory=lambda: Path(user_cache_dir("cypkg")),
        description="Where built gazetteers are kept between runs (rebuilt when their inputs change; optional)",
    )
    sparql_url: str = Field("", description="Remote backend: SPARQL query endpoint, e.g. http://127.0.0.1:8890/sparql")
    update_url: str = Field("", description="Remote backend: SPARQL update endpoint (default: query URL + '-auth')")
    remote_user: str = Field("", description="Remote backend: user for HTTP digest auth on updates")
    remote_password: SecretStr = Field(SecretStr(""), description="Remote backend: password for updates")
    connect_timeout: float = Field(5.0, description="Seconds to wait for a remote endpoint to accept a connection")
    read_timeout: float = Field(60.0, description="Seconds to wait for a remote endpoint's answer")
    query_timeout: float = Field(10.0, description="Seconds a query over HTTP may run before it is stopped")
    max_rows: int = Field(10_000, description="Most rows a query over HTTP may return")
    api_token: SecretStr = Field(SecretStr(""), description="Bearer token for writes over HTTP; empty = writes off")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty = closed")
    max_body_bytes: int = Field(5_000_000, description="Largest request body the service accepts")
    query_memory_mb: int = Field(
        2048,
        description="Address space (MB) each query or validation worker may take beyond its loaded state; 0 = no limit",
    )
    write_timeout: float = Field(60.0, description="Seconds a write over HTTP (PUT, DELETE, update) may run")
    write_memory_mb: int = Field(
        4096, description="Address space (MB) the store's write process may take beyond its loaded state; 0 = none"
    )
    validate_timeout: float = Field(30.0, description="Seconds a POST /validate may run before it is stopped")
    validate_max_bytes: int = Field(1_000_000, description="Largest body POST /validate accepts")
    federation_allow: list[str] = Field(
        default_factory=list,
        description="Endpoint IRI prefixes SERVICE and LOAD may reach; empty = no server-side requests",
    )
    header_timeout: float = Field(10.0, description="Seconds a client has to send a request's headers")
    public_url: str = Field(
        "", description="Base URL for absolute links, e.g. https://cypkg.example.gov.uk/; empty = the listening address"
    )
    host: str = Field("127.0.0.1", description="Address `cypkg serve` listens on")
    port: int = Field(8000, description="Port `cypkg serve` listens on")
    overload_max_leads: int = Field(
        2, ge=0, description="Views and metrics: a partner leading more priorities than this is flagged overloaded"
    )
    overload_max_roles: int = Field(
        5, ge=0, description="Views and metrics: a partner with a role in more priorities than this is flagged"
    )

    def uvicorn_options(self) -> dict[str, object]:
        """How every way of serving cypkg runs uvicorn: a header-read timeout (api.server), and no trust in
        proxy headers (a client cannot claim another address; behind a proxy, set CYPKG_PUBLIC_URL)."""
        return {
            "http": "api.server:HeaderTimeoutProtocol",
            "timeout_keep_alive": 5,
            "proxy_headers": False,
            "server_header": False,
            "h11_max_incomplete_event_size": 16 * 1024,
            "timeout_worker_healthcheck": 60,  # a worker starting on a busy machine is not a dead one
        }

    @model_validator(mode="after")
    def _check(self) -> Settings:
        from kg.errors import ConfigError

        if self.backend == "remote" and not self.sparql_url:
            raise ConfigError(
                "CYPKG_SPARQL_URL", "is required when CYPKG_BACKEND=remote", hint="set it to the endpoint's query URL"
            )
        if self.api_token.get_secret_value() and len(self.api_token.get_secret_value()) < 16:
            raise ConfigError("CYPKG_API_TOKEN", "is too short to be safe", hint="use at least 16 random characters")
        return self


@cache
def get_settings() -> Settings:
    """The settings, built once on first use (importing kg reads nothing)."""
    return Settings()
