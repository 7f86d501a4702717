"""Every error is an RFC 9457 problem with the right status; bad input never gives a 500."""

from __future__ import annotations

import gzip
import json
import logging
from typing import Any

import pytest
from flask.testing import FlaskClient

from schemas.problems import MALFORMED_BODY, TEXT_TOO_LONG, VALIDATION_ERROR
from service.errors import flatten_messages
from tests.helpers import Contract


@pytest.mark.parametrize(
    "body",
    [b"{", b'{"text": }', b"{'text': 'single quotes'}", b"", b'{"text": "a"} trailing', b"\xff\xfe{", b"[" * 100_000],
    ids=["unclosed", "no-value", "single-quotes", "empty", "trailing", "bad-utf8", "deep-nesting"],
)
def test_malformed_json_is_400(client: FlaskClient, contract: Contract, body: bytes) -> None:
    """A JSON body that does not parse is a 400 problem."""
    response = contract.check(client.post("/v1/quotes", data=body, content_type="application/json"), request=False)
    assert contract.check_problem(response, 400)["type"] == MALFORMED_BODY


def test_text_plain_that_is_not_utf8_is_400(client: FlaskClient, contract: Contract) -> None:
    """A text/plain body that does not decode as UTF-8 is a 400 problem."""
    response = client.post("/v1/quotes", data="café".encode("latin-1"), content_type="text/plain")
    contract.check_problem(contract.check(response, request=False), 400)


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/csv",
        "text/plain; charset=latin-1",
        "text/html; charset=windows-1252",
    ],
)
def test_unsupported_media_type_is_415(client: FlaskClient, contract: Contract, content_type: str | None) -> None:
    """Anything but JSON or UTF-8 text or HTML is a 415 problem that says what is accepted."""
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/v1/quotes", data=b"text=hello", headers=headers)
    contract.check_problem(contract.check(response, request=False), 415)
    assert "application/json" in response.headers["Accept-Post"]


@pytest.mark.parametrize("coding", ["gzip", "br", "deflate, gzip"])
@pytest.mark.parametrize("path", ["/v1/quotes", "/v1/quotes/batch", "/v1/stance"])
def test_compressed_body_is_415_with_accept_encoding(client: FlaskClient, contract: Contract, coding: str, path: str) -> None:
    """A body with a content coding is refused with 415 and Accept-Encoding: identity, not read as broken JSON."""
    body = gzip.compress(json.dumps({"text": 'He said: "Hi."'}).encode())
    response = client.post(path, data=body, headers={"Content-Type": "application/json", "Content-Encoding": coding})
    problem = contract.check_problem(contract.check(response, request=False), 415)
    assert response.headers["Accept-Encoding"] == "identity"
    assert coding in problem["detail"]


def test_identity_content_coding_is_read(client: FlaskClient, contract: Contract) -> None:
    """Content-Encoding: identity means no coding; the body is read as usual."""
    response = client.post("/v1/quotes", json={"text": 'He said: "Hi."'}, headers={"Content-Encoding": "identity"})
    assert contract.check(response).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": None}, "text"),
        ({"text": 42}, "text"),
        ({"text": ["a"]}, "text"),
        ([], "body"),
        ("just a string", "body"),
        (None, "body"),
        ({"text": "a", "extra": 1}, "extra"),
        ({"text": "a", "options": "fast"}, "options"),
        ({"text": "a", "options": None}, "options"),
        ({"text": "a", "options": {"speed": 1}}, "options.speed"),
        ({"text": "a", "options": {"kinds": "direct"}}, "options.kinds"),
        ({"text": "a", "options": {"kinds": []}}, "options.kinds"),
        ({"text": "a", "options": {"kinds": ["direct", "hearsay"]}}, "options.kinds.1"),
        ({"text": "a", "options": {"kinds": [None]}}, "options.kinds.0"),
        ({"text": "a", "options": {"min_confidence": -0.1}}, "options.min_confidence"),
        ({"text": "a", "options": {"min_confidence": 1.5}}, "options.min_confidence"),
        ({"text": "a", "options": {"min_confidence": "high"}}, "options.min_confidence"),
        ({"text": "a", "options": {"min_confidence": None}}, "options.min_confidence"),
    ],
)
def test_invalid_fields_are_422_with_field_errors(
    client: FlaskClient, contract: Contract, body: Any, field: str
) -> None:
    """A well-formed body with invalid fields is a 422 problem naming each field."""
    raw = json.dumps(body).encode("ascii")
    response = contract.check(client.post("/v1/quotes", data=raw, content_type="application/json"), request=False)
    problem = contract.check_problem(response, 422)
    assert problem["type"] == VALIDATION_ERROR
    assert field in problem["errors"], problem["errors"]
    assert all(problem["errors"][field])


@pytest.mark.parametrize(
    "raw",
    [b'{"text": "a", "options": {"min_confidence": NaN}}', b'{"text": "a", "options": {"min_confidence": Infinity}}'],
)
def test_non_finite_numbers_are_422(client: FlaskClient, contract: Contract, raw: bytes) -> None:
    """NaN and Infinity (which Python's JSON accepts) are not confidences."""
    response = client.post("/v1/quotes", data=raw, content_type="application/json")
    assert "options.min_confidence" in contract.check_problem(response, 422)["errors"]


def test_empty_text_plain_body_is_422(client: FlaskClient, contract: Contract) -> None:
    """An empty text/plain article is invalid like an empty JSON text."""
    response = contract.check(client.post("/v1/quotes", data=b"", content_type="text/plain"), request=False)
    assert "text" in contract.check_problem(response, 422)["errors"]


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text-plain"])
def test_text_over_the_limit_is_413(make_app: Any, contract: Contract, as_json: bool) -> None:
    """A text longer than MAX_TEXT_CHARS is a 413 problem; one at the limit is fine."""
    client = make_app(MAX_TEXT_CHARS=50).test_client()

    def post(text: str) -> Any:
        """POST ``text`` in the parametrized form."""
        if as_json:
            return client.post("/v1/quotes", json={"text": text})
        return client.post("/v1/quotes", data=text.encode("utf-8"), content_type="text/plain")

    assert contract.check(post("é" * 50)).status_code == 200
    problem = contract.check_problem(contract.check(post("é" * 51)), 413)
    assert problem["type"] == TEXT_TOO_LONG
    assert "50" in problem["detail"]


def test_body_over_max_content_length_is_413(make_app: Any, contract: Contract) -> None:
    """A body larger than MAX_CONTENT_LENGTH is refused before it is read."""
    app = make_app(MAX_TEXT_CHARS=10)
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = app.test_client().post("/v1/quotes", data=b"x" * (limit + 1), content_type="text/plain")
    contract.check_problem(contract.check(response, request=False), 413)


@pytest.mark.parametrize("path", ["/", "/v1", "/v2/quotes", "/v1/quotes/1", "/static/x.css"])
def test_unknown_route_is_404(client: FlaskClient, contract: Contract, path: str) -> None:
    """Unknown paths are 404 problems."""
    contract.check_problem(client.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/v1/quotes", {"POST"}),
        ("PUT", "/v1/quotes", {"POST"}),
        ("POST", "/healthz", {"GET", "HEAD"}),
        ("DELETE", "/readyz", {"GET", "HEAD"}),
    ],
)
def test_wrong_method_is_405_with_allow(
    client: FlaskClient, contract: Contract, method: str, path: str, allowed: set[str]
) -> None:
    """A known path with the wrong method is a 405 problem whose Allow header lists the right ones."""
    response = client.open(path, method=method)
    contract.check_problem(response, 405)
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_unexpected_error_is_500_without_traceback(
    client: FlaskClient, contract: Contract, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A crash in the core is a 500 problem that shows nothing of it; the traceback goes to the log."""

    def crash(text: str, **kwargs: Any) -> Any:
        """Fail like a bug would."""
        raise RuntimeError("internal detail that must stay private")

    monkeypatch.setattr("service.quotes.extract_quotes", crash)
    with caplog.at_level(logging.ERROR):
        response = contract.check(client.post("/v1/quotes", json={"text": "He said so."}))
    body = contract.check_problem(response, 500)
    assert "internal detail" not in response.get_data(as_text=True)
    assert body["title"] == "Internal Server Error"
    assert any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    ("messages", "flat"),
    [
        ({"text": ["Missing data for required field."]}, {"text": ["Missing data for required field."]}),
        ({"_schema": ["Invalid input type."]}, {"body": ["Invalid input type."]}),
        ({"options": {"_schema": ["Invalid input type."]}}, {"options": ["Invalid input type."]}),
        ({"options": {"kinds": {1: ["Must be one of."]}}}, {"options.kinds.1": ["Must be one of."]}),
        ({"a": ["x"], "b": {"c": ["y", "z"]}}, {"a": ["x"], "b.c": ["y", "z"]}),
    ],
)
def test_validation_messages_flatten_to_dotted_paths(messages: Any, flat: dict[str, list[str]]) -> None:
    """marshmallow's nested messages become one list of messages per dotted field path."""
    assert flatten_messages(messages) == flat
