"""The JSON API against its own OpenAPI document: requests generated from it (schemathesis, each
operation in turn) never get a server error."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="the API fuzzing needs schemathesis (dev extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from sourcetrace.web import WebSettings, create_app  # noqa: E402


def test_no_generated_request_gets_a_server_error(corpus_db: str, analyzer: Any) -> None:
    app = create_app(WebSettings(db=corpus_db), analyzer=analyzer)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        fuzz()
