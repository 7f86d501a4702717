"""openapi.yaml is generated from the schemas, is valid, and documents every route."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from flask import Flask
from openapi_spec_validator import validate

from schemas.openapi import build_spec, render
from tests.helpers import ROOT, SPEC_PATH


def test_committed_spec_matches_the_schemas() -> None:
    """The committed openapi.yaml is what `python -m schemas.openapi` generates (run `./dev openapi`)."""
    assert SPEC_PATH.read_text(encoding="utf-8") == render(), "openapi.yaml is stale: run ./dev openapi"


def test_spec_is_valid_openapi() -> None:
    """The generated document passes the OpenAPI 3.1 validator."""
    validate(build_spec().to_dict())


def test_cli_prints_the_spec() -> None:
    """`python -m schemas.openapi` prints the same document."""
    printed = subprocess.run(
        [sys.executable, "-m", "schemas.openapi"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert printed == render()


#: Swagger UI's page and files are for people, not part of the contract.
UNDOCUMENTED_ROUTES = {"/docs", "/docs/<path:filename>"}


def test_spec_documents_every_route_and_method(app: Flask) -> None:
    """Each Flask route and method (bar HEAD/OPTIONS and Swagger UI) is a path operation of the spec, and vice versa."""
    routes = {
        (rule.rule, method.lower())
        for rule in app.url_map.iter_rules()
        for method in rule.methods or ()
        if method not in {"HEAD", "OPTIONS"} and rule.rule not in UNDOCUMENTED_ROUTES
    }
    paths = yaml.safe_load(render())["paths"]
    documented = {(path, method) for path, operations in paths.items() for method in operations}
    assert routes == documented


@pytest.mark.parametrize(
    ("path", "method", "statuses"),
    [
        ("/v1/quotes", "post", {"200", "400", "408", "413", "415", "422", "500", "503"}),
        ("/v1/quotes/batch", "post", {"200", "400", "408", "413", "415", "422", "500", "503"}),
        ("/healthz", "get", {"200", "500"}),
        ("/readyz", "get", {"200", "500", "503"}),
        ("/metrics", "get", {"200", "500"}),
        ("/openapi.yaml", "get", {"200", "500"}),
    ],
)
def test_spec_documents_each_response(path: str, method: str, statuses: set[str]) -> None:
    """Every status a route can answer is documented, errors as application/problem+json."""
    spec = yaml.safe_load(render())
    responses = spec["paths"][path][method]["responses"]
    assert set(responses) == statuses
    for status, response in responses.items():
        if status.startswith(("4", "5")):
            name = response["$ref"].rsplit("/", 1)[1]
            assert "application/problem+json" in spec["components"]["responses"][name]["content"]


def test_every_operation_takes_and_every_response_returns_a_request_id() -> None:
    """Each operation documents the X-Request-ID request header, and each response (errors too) returns it."""
    spec = build_spec().to_dict()
    shared = spec["components"]["responses"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert {"$ref": "#/components/parameters/RequestId"} in operation["parameters"], (path, method)
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    response = shared[response["$ref"].rsplit("/", 1)[1]]
                assert "X-Request-ID" in response["headers"], (path, method, status)
    for name, response in shared.items():
        assert "X-Request-ID" in response["headers"], name


def test_request_body_accepts_json_plain_text_and_html() -> None:
    """POST /v1/quotes documents the three request forms."""
    content = yaml.safe_load(render())["paths"]["/v1/quotes"]["post"]["requestBody"]["content"]
    assert set(content) == {"application/json", "text/plain", "text/html"}


@pytest.mark.parametrize(("schema", "required"), [("QuoteRequest", None), ("BatchDocument", ["id"])])
def test_requests_require_exactly_one_of_text_and_html(schema: str, required: list[str] | None) -> None:
    """The spec states the rule the schemas enforce: one of text and html, not both."""
    request = yaml.safe_load(render())["components"]["schemas"][schema]
    assert request["oneOf"] == [{"required": ["text"]}, {"required": ["html"]}]
    assert request.get("required") == required


def test_batch_results_are_one_of_success_and_failure() -> None:
    """Each batch result is documented as a success or a failure, never a loose mix."""
    results = yaml.safe_load(render())["components"]["schemas"]["BatchResponse"]["properties"]["results"]
    assert results["items"] == {
        "oneOf": [{"$ref": "#/components/schemas/BatchSuccess"}, {"$ref": "#/components/schemas/BatchFailure"}]
    }
