"""schemathesis over the OpenAPI description: no 5xx, and every response matches its documented schema.

The run is bounded (a few examples per operation) so the suite stays quick; writes are off on
this app, so the fuzzer cannot change the store.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from kg.store.embedded import OxigraphStore
from tests.api.conftest import settings_for


@pytest.fixture(scope="module")
def api_schema(embedded_light_store: OxigraphStore):
    app = create_app(embedded_light_store, settings_for(query_timeout=5.0, max_rows=500))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.serializer(
    "application/sparql-query",
    "application/sparql-update",
    "text/turtle",
    "application/x-turtle",
    "application/n-triples",
    "text/plain",
    "application/rdf+xml",
)
def _text_body(ctx: object, value: object) -> bytes:
    """Query and RDF bodies are text: send whatever was generated as UTF-8."""
    return str(value).encode("utf-8")


@schema.exclude(path="/validate").parametrize()  # /validate runs SHACL (~1 s a call); tested on its own
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_answers_within_its_schema(case, embedded_light_store: OxigraphStore):
    before = embedded_light_store.count()
    case.call_and_validate(
        checks=[
            schemathesis.checks.not_a_server_error,
            schemathesis.checks.status_code_conformance,
            schemathesis.checks.content_type_conformance,
            schemathesis.checks.response_schema_conformance,
        ]
    )
    assert embedded_light_store.count() == before
