"""schemathesis over the OpenAPI description: no 5xx, and every response matches its documented schema.

Two runs, each bounded (a few examples per operation) so the suite stays quick; the larger run is
`benchmarks/fuzz_api.py`. Without a token, writes are off, so the fuzzer cannot change the store.
With the token (#14 acceptance) every operation is fuzzed, writes and /validate included, and the
schema must be as strict as the code both ways: valid-looking requests the code refuses are a
failure of the description, and so are requests it accepts that the description rules out.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from kg.store.embedded import OxigraphStore
from tests.api.conftest import TOKEN, settings_for

STRICT_CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.unsupported_method,
    schemathesis.checks.negative_data_rejection,
]
"""Everything but positive-data acceptance, which free text (SPARQL, RDF bodies) cannot be described for."""


@pytest.fixture(scope="module")
def api_schema(embedded_light_store: OxigraphStore):
    app = create_app(embedded_light_store, settings_for(query_timeout=5.0, max_rows=500))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module")
def api_schema_with_token(embedded_light_store: OxigraphStore):
    settings = settings_for(query_timeout=5.0, max_rows=500, api_token=TOKEN, write_timeout=30.0)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(embedded_light_store, settings))


schema = schemathesis.pytest.from_fixture("api_schema")
schema_with_token = schemathesis.pytest.from_fixture("api_schema_with_token")


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


@schema_with_token.parametrize()
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_with_the_token_answers_within_a_schema_as_strict_as_the_code(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=STRICT_CHECKS)
