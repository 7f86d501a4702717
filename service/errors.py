"""Every error becomes an RFC 9457 application/problem+json reply."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, current_app
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from schemas.problems import PROBLEM_MEDIA_TYPE, VALIDATION_ERROR, ProblemSchema, ValidationProblemSchema

log = logging.getLogger(__name__)

_PROBLEM = ProblemSchema()
_VALIDATION_PROBLEM = ValidationProblemSchema()


class APIProblem(Exception):
    """Raised by views to answer with a problem reply."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type: str = "about:blank",
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        errors: Mapping[str, list[str]] | None = None,
    ) -> None:
        """Describe the problem; ``title`` defaults to the status phrase; 422s carry field ``errors``."""
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type
        self.title = title or HTTPStatus(status).phrase
        self.headers = dict(headers or {})
        self.errors = None if errors is None else dict(errors)

    @classmethod
    def from_validation(
        cls, error: ValidationError, *, detail: str = "The request body has invalid fields."
    ) -> APIProblem:
        """Return the 422 problem of a marshmallow validation error."""
        return cls(
            422,
            detail,
            type=VALIDATION_ERROR,
            title="Validation error",
            errors=flatten_messages(error.messages),
        )


def problem_body(
    status: int,
    detail: str,
    *,
    type: str = "about:blank",
    title: str | None = None,
    errors: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """Return the dumped problem object (also used inside batch results)."""
    body: dict[str, Any] = {
        "type": type,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
        return _VALIDATION_PROBLEM.dump(body)
    return _PROBLEM.dump(body)


def problem_response(
    status: int,
    detail: str,
    *,
    type: str = "about:blank",
    title: str | None = None,
    headers: Iterable[tuple[str, str]] | Mapping[str, str] = (),
    errors: Mapping[str, list[str]] | None = None,
) -> Response:
    """Build a problem+json response."""
    payload = problem_body(status, detail, type=type, title=title, errors=errors)
    response = Response(current_app.json.dumps(payload), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    items = headers.items() if isinstance(headers, Mapping) else headers
    for name, value in items:
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def flatten_messages(messages: Any) -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into {"options.kinds.0": [...]}; whole-body errors go under "body"."""
    flat: dict[str, list[str]] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        """Collect the messages under ``node`` by dotted field path."""
        if isinstance(node, Mapping):
            for key, value in node.items():
                walk(value, path if key == "_schema" else (*path, str(key)))
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item, path)
        else:
            flat.setdefault(".".join(path) or "body", []).append(str(node))

    walk(messages, ())
    return flat


def _api_problem(error: APIProblem) -> Response:
    """Answer a problem raised by a view."""
    return problem_response(
        error.status, error.detail, type=error.type, title=error.title, headers=error.headers, errors=error.errors
    )


def _validation_error(error: ValidationError) -> Response:
    """Answer 422 with the messages of each invalid field."""
    return _api_problem(APIProblem.from_validation(error))


def _http_exception(error: HTTPException) -> Response:
    """Answer werkzeug's HTTP errors (404, 405, 413 ...) as problems, keeping headers such as Allow."""
    status = error.code or 500
    return problem_response(
        status,
        error.description or HTTPStatus(status).description,
        title=error.name,
        headers=error.get_headers(),
    )


def _unexpected(error: Exception) -> Response:
    """Log the traceback and answer 500 without it."""
    log.exception("unhandled %s", type(error).__name__)
    return problem_response(500, "The server could not handle this request; the error was logged.")


def register(app: Flask) -> None:
    """Install the problem handlers on ``app``."""
    app.register_error_handler(APIProblem, _api_problem)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(HTTPException, _http_exception)
    app.register_error_handler(Exception, _unexpected)
