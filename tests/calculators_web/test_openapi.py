"""The OpenAPI document: valid, complete (every /api/v1 route), and true to the responses."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from portal.domain.calculators import CALCULATORS
from tests.calculators_web.conftest import JSON_SAMPLES


@pytest.fixture
def document(client: FlaskClient) -> dict:  # type: ignore[type-arg]
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.json  # type: ignore[no-any-return]


def test_document_is_a_valid_openapi_3_1_document(document: dict) -> None:  # type: ignore[type-arg]
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on any problem


def test_every_api_route_is_documented_with_its_methods(app: Flask, document: dict) -> None:  # type: ignore[type-arg]
    documented = document["paths"]
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        methods = {m.lower() for m in rule.methods or ()} - {"head", "options"}
        if rule.rule == "/api/v1/calculators/<name>":
            paths = [f"/api/v1/calculators/{name}" for name in CALCULATORS]
        else:
            paths = [re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)]
        for path in paths:
            assert path in documented, f"{rule.rule} is not in the OpenAPI document"
            assert methods <= set(documented[path]), (path, methods)
    assert "/healthz" in documented


def test_each_calculator_has_its_own_path_and_input_schema(document: dict) -> None:  # type: ignore[type-arg]
    schemas = document["components"]["schemas"]
    for name, spec in CALCULATORS.items():
        operation = document["paths"][f"/api/v1/calculators/{name}"]["post"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        documented = schemas[ref.rsplit("/", 1)[1]]
        expected = json.loads(json.dumps(spec.json_schema()))
        # The year is limited to the years with a rate file; everything else is the spec's.
        year = documented["properties"].pop("year")
        expected_year = expected["properties"].pop("year")
        assert year["enum"] == [2025, 2026, 2027]
        assert year["minimum"] == expected_year["minimum"]
        assert "Rates are available for: 2025, 2026, 2027." in year["description"]
        assert documented == expected
        assert set(operation["responses"]) == {"200", "415", "422"}


def test_assistant_paths_are_merged(document: dict) -> None:  # type: ignore[type-arg]
    pytest.importorskip("portal.assistant.openapi_paths")
    from portal.assistant.openapi_paths import PATHS

    for path in PATHS:
        assert path in document["paths"]
    assert "assistantToken" in document["components"]["securitySchemes"]


def _validator(document: dict, ref: str) -> Draft202012Validator:  # type: ignore[type-arg]
    """A JSON Schema validator for a component, resolving #/components refs in the document."""
    schema = {"$ref": ref, "components": document["components"]}
    return Draft202012Validator(schema)


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_responses_match_the_documented_schemas(
    client: FlaskClient,
    document: dict,
    name: str,  # type: ignore[type-arg]
) -> None:
    ok = client.post(f"/api/v1/calculators/{name}", json=JSON_SAMPLES[name])
    _validator(document, "#/components/schemas/CalculatorResult").validate(ok.json)
    bad = client.post(f"/api/v1/calculators/{name}", json={"year": "x"})
    assert bad.status_code == 422
    _validator(document, "#/components/schemas/CalculatorValidationErrors").validate(bad.json)


def test_list_and_topic_responses_match(client: FlaskClient, document: dict) -> None:  # type: ignore[type-arg]
    _validator(document, "#/components/schemas/CalculatorList").validate(
        client.get("/api/v1/calculators").json
    )
    topics = client.get("/api/v1/topics").json
    _validator(document, "#/components/schemas/TopicList").validate(topics)
    topic = client.get(f"/api/v1/topics/{topics['topics'][0]['id']}?language=en").json
    _validator(document, "#/components/schemas/Topic").validate(topic)
