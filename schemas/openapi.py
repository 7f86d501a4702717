"""Generate openapi.yaml from the marshmallow schemas: ``python -m schemas.openapi [--write]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from schemas.batch import (
    BatchDocumentSchema,
    BatchFailureSchema,
    BatchRequestSchema,
    BatchResponseSchema,
    BatchResultField,
    BatchSuccessSchema,
    DocumentProblemSchema,
)
from schemas.health import HealthSchema, ReadySchema
from schemas.problems import PROBLEM_MEDIA_TYPE, ProblemSchema, ValidationProblemSchema
from schemas.quotes import SOURCES, QuoteRequestSchema, QuoteResponseSchema
from schemas.stance import StanceRequestSchema, StanceResponseSchema

OPENAPI_VERSION = "3.1.0"
SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"

DESCRIPTION = (
    "Finds the quotations in a news article, attributes them to their speakers and judges their stance.\n\n"
    "Every error is an RFC 9457 problem (`application/problem+json`). Besides the responses listed per "
    "operation, any path answers 404 when unknown and 405 (with `Allow`) for a method it does not "
    "support, both with a `Problem` body.\n\n"
    "Offsets (`start`, `end`) count Unicode code points of the submitted text: `text == input[start:end]`. "
    "For an HTML page they count code points of the text extracted from it, which the reply returns as `text`.\n\n"
    "Every reply, errors included, carries `X-Request-ID`: the request's own when it sent one of 1 to 200 "
    "visible ASCII characters, else a new one. The service's log line about the request bears the same ID.\n\n"
    "`GET /docs` shows this document in Swagger UI; the page is for people and is not part of the contract."
)

REQUEST_ID = "X-Request-ID"
REQUEST_ID_PATTERN = "^[!-~]{1,200}$"
#: Headers of every response.
RESPONSE_HEADERS: dict[str, str] = {REQUEST_ID: "RequestId"}

# Problem responses shared by operations: name -> (status, description, schema)
PROBLEMS: dict[str, tuple[int, str, str]] = {
    "BadRequest": (400, "The body is not valid JSON, or not valid UTF-8 text or HTML.", "Problem"),
    "NotFound": (404, "No such route.", "Problem"),
    "MethodNotAllowed": (405, "The route does not support this method; see the Allow header.", "Problem"),
    "RequestTimeout": (408, "The body did not arrive within the service's body timeout (`body-timeout`).", "Problem"),
    "ContentTooLarge": (413, "The text or HTML (or the body) is over the configured limit.", "Problem"),
    "UnsupportedMediaType": (
        415,
        "The body is not one of the media types the operation takes (see Accept-Post); text is taken as UTF-8 only, "
        "and bodies uncompressed (a Content-Encoding other than identity is refused, with Accept-Encoding: identity).",
        "Problem",
    ),
    "UnprocessableContent": (
        422,
        "Some fields of the request are invalid, or the HTML page has no article text or could not be read "
        "in time; see `type` and `errors`.",
        "ValidationProblem",
    ),
    "InternalServerError": (500, "An unexpected error; it was logged.", "Problem"),
    "ServiceUnavailable": (
        503,
        "The language model is not loaded (`not-ready`), or the analysis ran longer than the service's "
        "request timeout and was stopped (`timeout`, with Retry-After).",
        "Problem",
    ),
}
#: Headers that some problem responses add to RESPONSE_HEADERS.
PROBLEM_HEADERS: dict[str, dict[str, str]] = {"ServiceUnavailable": {"Retry-After": "RetryAfter"}}


#: The problems of every operation that reads a request body.
BODY_PROBLEMS = (
    "BadRequest",
    "RequestTimeout",
    "ContentTooLarge",
    "UnsupportedMediaType",
    "UnprocessableContent",
    "InternalServerError",
    "ServiceUnavailable",
)


def _problem_refs(*names: str) -> dict[str, Any]:
    """Return the responses entries for these shared problem responses."""
    return {str(PROBLEMS[name][0]): name for name in names}


def _success(description: str, media_type: str, schema: str | dict[str, Any]) -> dict[str, Any]:
    """Return a 200 response with ``schema`` as ``media_type`` and the headers of every response."""
    return {"description": description, "headers": RESPONSE_HEADERS, "content": {media_type: {"schema": schema}}}


def _add_request_id(spec: APISpec) -> None:
    """Add the X-Request-ID request parameter and response header components."""
    spec.components.parameter(
        "RequestId",
        "header",
        {
            "name": REQUEST_ID,
            "required": False,
            "description": "An ID for this request, echoed in the reply and logged; 1 to 200 visible ASCII "
            "characters (any other value is replaced by a new ID).",
            "schema": {"type": "string"},
        },
    )
    spec.components.header(
        "RetryAfter",
        {
            "description": "Seconds to wait before sending the request again (sent with `timeout` problems).",
            "required": False,
            "schema": {"type": "string", "pattern": "^[0-9]+$"},
        },
    )
    spec.components.header(
        "RequestId",
        {
            "description": "The request's X-Request-ID when it sent a usable one, else a new one.",
            "required": True,
            "schema": {"type": "string", "pattern": REQUEST_ID_PATTERN},
        },
    )


def _require_one_of(spec: APISpec, schema: str, names: tuple[str, ...]) -> None:
    """Add to component ``schema`` the rule that exactly one of the properties ``names`` is given."""
    spec.components.schemas[schema]["oneOf"] = [{"required": [name]} for name in names]


def _batch_result_one_of(self: Any, field: Any, **kwargs: Any) -> dict[str, Any]:
    """apispec attribute function: a BatchResultField is one of its success and failure schemas."""
    if not isinstance(field, BatchResultField):
        return {}
    return {"oneOf": [self.resolve_nested_schema(field.success), self.resolve_nested_schema(field.failure)]}


def _version() -> str:
    """Return the service version shown in the spec."""
    from service import package_version

    return package_version()


def build_spec() -> APISpec:
    """Build the OpenAPI document of the whole HTTP API."""
    marshmallow_plugin = MarshmallowPlugin()
    spec = APISpec(
        title="Quote API",
        version=_version(),
        openapi_version=OPENAPI_VERSION,
        plugins=[marshmallow_plugin],
        info={"description": DESCRIPTION},
    )
    assert marshmallow_plugin.converter is not None
    marshmallow_plugin.converter.add_attribute_function(_batch_result_one_of)
    spec.components.schema("Problem", schema=ProblemSchema)
    spec.components.schema("ValidationProblem", schema=ValidationProblemSchema)
    spec.components.schema("QuoteRequest", schema=QuoteRequestSchema)
    _require_one_of(spec, "QuoteRequest", SOURCES)
    spec.components.schema("QuoteResponse", schema=QuoteResponseSchema)
    spec.components.schema("BatchDocument", schema=BatchDocumentSchema)
    _require_one_of(spec, "BatchDocument", SOURCES)
    spec.components.schema("BatchRequest", schema=BatchRequestSchema)
    spec.components.schema("DocumentProblem", schema=DocumentProblemSchema)
    spec.components.schema("BatchSuccess", schema=BatchSuccessSchema)
    spec.components.schema("BatchFailure", schema=BatchFailureSchema)
    spec.components.schema("BatchResponse", schema=BatchResponseSchema)
    spec.components.schema("StanceRequest", schema=StanceRequestSchema)
    spec.components.schema("StanceResponse", schema=StanceResponseSchema)
    spec.components.schema("Health", schema=HealthSchema)
    spec.components.schema("Ready", schema=ReadySchema)
    _add_request_id(spec)
    for name, (_status, description, schema) in PROBLEMS.items():
        spec.components.response(
            name,
            {
                "description": description,
                "headers": {**RESPONSE_HEADERS, **PROBLEM_HEADERS.get(name, {})},
                "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}},
            },
        )

    spec.path(
        path="/v1/quotes",
        operations={
            "post": {
                "operationId": "extractQuotes",
                "summary": "Extract the quotes of an article and attribute them to speakers.",
                "parameters": ["RequestId"],
                "requestBody": {
                    "description": "The article as JSON (its text or its web page) with options, or as a "
                    "UTF-8 text/plain or text/html body with default options.",
                    "required": True,
                    "content": {
                        "application/json": {"schema": "QuoteRequest"},
                        "text/plain": {
                            "schema": {
                                "type": "string",
                                "minLength": 1,
                                "description": "The article itself, UTF-8, with default options.",
                            },
                        },
                        "text/html": {
                            "schema": {
                                "type": "string",
                                "minLength": 1,
                                "description": "The article's web page, UTF-8, with default options; the "
                                "reply holds the extracted `text`.",
                            },
                        },
                    },
                },
                "responses": {
                    "200": _success(
                        "The quotes and speakers found (and, for a page, its extracted text).",
                        "application/json",
                        "QuoteResponse",
                    ),
                    **_problem_refs(*BODY_PROBLEMS),
                },
            }
        },
    )
    spec.path(
        path="/v1/quotes/batch",
        operations={
            "post": {
                "operationId": "extractQuotesBatch",
                "summary": "Extract the quotes of several articles, parsed together.",
                "description": "Each document (its text or its web page) gets a result in request order: its "
                "quotes and speakers (status 200), or the problem it would have had alone (413 too long, 422 "
                "invalid, duplicate id, no article text, page not read in time) without failing the others. "
                "Options apply to every document. The whole batch is refused with 413 when it has more than "
                "QUOTES_MAX_BATCH_DOCUMENTS documents, or when its documents that pass on their own hold more "
                "than QUOTES_MAX_TEXT_CHARS characters of text and HTML together.",
                "parameters": ["RequestId"],
                "requestBody": {
                    "description": "The documents and the options for all of them.",
                    "required": True,
                    "content": {"application/json": {"schema": "BatchRequest"}},
                },
                "responses": {
                    "200": _success("One result per document, in order.", "application/json", "BatchResponse"),
                    **_problem_refs(*BODY_PROBLEMS),
                },
            }
        },
    )
    spec.path(
        path="/v1/stance",
        operations={
            "post": {
                "operationId": "judgeStance",
                "summary": "Judge the tone, commitment and stance toward targets of a text the caller already has.",
                "parameters": ["RequestId"],
                "requestBody": {
                    "description": "The text and the targets to judge, as JSON; or the text alone as plain UTF-8.",
                    "required": True,
                    "content": {
                        "application/json": {"schema": "StanceRequest"},
                        "text/plain": {"schema": {"type": "string", "minLength": 1}},
                    },
                },
                "responses": {
                    "200": _success(
                        "The stance; targets come back in the order given.", "application/json", "StanceResponse"
                    ),
                    **_problem_refs(*BODY_PROBLEMS),
                },
            }
        },
    )
    spec.path(
        path="/healthz",
        operations={
            "get": {
                "operationId": "healthz",
                "summary": "Liveness: 200 while the process is alive.",
                "parameters": ["RequestId"],
                "responses": {
                    "200": _success("Alive.", "application/json", "Health"),
                    **_problem_refs("InternalServerError"),
                },
            }
        },
    )
    spec.path(
        path="/readyz",
        operations={
            "get": {
                "operationId": "readyz",
                "summary": "Readiness: 200 once the model is loaded, 503 before.",
                "parameters": ["RequestId"],
                "responses": {
                    "200": _success("Ready.", "application/json", "Ready"),
                    **_problem_refs("InternalServerError", "ServiceUnavailable"),
                },
            }
        },
    )
    spec.path(
        path="/metrics",
        operations={
            "get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics of all workers: requests, latency, quotes per article.",
                "parameters": ["RequestId"],
                "responses": {
                    "200": _success(
                        "Metrics in the Prometheus text format 0.0.4.",
                        "text/plain",
                        {"type": "string"},
                    ),
                    **_problem_refs("InternalServerError"),
                },
            }
        },
    )
    spec.path(
        path="/openapi.yaml",
        operations={
            "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "parameters": ["RequestId"],
                "responses": {
                    "200": _success(
                        "This OpenAPI document, as committed.",
                        "application/yaml",
                        {"type": "object", "required": ["openapi", "info", "paths"]},
                    ),
                    **_problem_refs("InternalServerError"),
                },
            }
        },
    )
    return spec


def render() -> str:
    """Return openapi.yaml's content."""
    return build_spec().to_yaml()


def main(argv: list[str] | None = None) -> int:
    """Print the spec, or write it to openapi.yaml with --write."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {SPEC_PATH.name} at the repo top")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        SPEC_PATH.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
