"""Property-based API test: schemathesis generates requests from /api/v1/openapi.json and runs
them in-process against the WSGI app; no request may give a server error (5xx), and the
responses must match the documented status codes and schemas.

Both schema-conforming (positive) and schema-violating (negative) requests are sent, at most
30 per operation and mode, without deadlines, so the whole run stays well under a minute.

The assistant and handoff endpoints are excluded here: they forward to the Rasa server (not
running in tests), are rate-limited and write cases to the database; tests/assistant covers them.
/healthz is excluded because it probes the assistant over HTTP.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

INCLUDED = r"^/api/v1/(calculators|topics|openapi\.json)"
MAX_EXAMPLES = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def fuzz(operation: Any, statuses: dict[str, set[int]]) -> None:
    """Send positive and negative generated requests to one operation; record status codes."""
    strategy = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )
    seen = statuses.setdefault(operation.label, set())

    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        try:
            response = case.call_and_validate(checks=CHECKS)
        except Exception as exc:  # show the request that failed, not only the error
            raise AssertionError(
                f"{case.method} {case.path} body={case.body!r} headers={case.headers!r}: {exc!r}"
            ) from exc
        seen.add(response.status_code)

    run()


def test_api_gives_no_server_error_for_generated_requests(app: Flask) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app).include(
        path_regex=INCLUDED
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert "POST /api/v1/calculators/dagpenge" in labels
    assert len([label for label in labels if label.startswith("POST /api/v1/calculators/")]) == 6
    assert "GET /api/v1/topics/{topic_id}" in labels
    assert not any("assistant" in label or "handoff" in label for label in labels)

    statuses: dict[str, set[int]] = {}
    for operation in operations:
        try:
            fuzz(operation, statuses)
        except Exception as exc:  # name the operation that failed
            pytest.fail(f"{operation.label}: {exc}")

    # The run really exercised the calculators: valid inputs computed, invalid ones refused.
    for name in ("dagpenge", "kontanthjaelp", "work_more_hours", "sygedagpenge", "loentilskud"):
        assert {200, 422} <= statuses[f"POST /api/v1/calculators/{name}"], (name, statuses)
    assert all(code < 500 for codes in statuses.values() for code in codes)
