"""Request IDs on every reply, one JSON log line per request (never the article), and Prometheus metrics."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from pythonjsonlogger.json import JsonFormatter

from service.logs import RequestIdFilter, configure_logging, json_formatter, json_handler
from service.observability import REQUEST_ID_HEADER, UNMATCHED_ROUTE
from tests.helpers import Contract

GENERATED_ID = re.compile(r"[0-9a-f]{32}")
ARTICLE = 'The harbour master said: "The new pier opens on Monday, weather permitting."'
REQUEST_LOGGER = "service.requests"


def post_article(client: FlaskClient, text: str = ARTICLE, **headers: str) -> Any:
    """POST ``text`` as JSON to /v1/quotes."""
    return client.post("/v1/quotes", json={"text": text}, headers=headers)


def sample(name: str, **labels: str) -> float:
    """Return a sample of this process's default registry (0 when it does not exist yet)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


def request_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Return the per-request log records captured so far."""
    return [record for record in caplog.records if record.name == REQUEST_LOGGER]


# -- request IDs -------------------------------------------------------------------------------------------


def _fail(*_: Any, **__: Any) -> Any:
    """Raise like a bug in the core would."""
    raise RuntimeError("bug")


REPLIES: dict[str, Callable[..., Any]] = {
    "200-health": lambda c, **h: c.get("/healthz", headers=h),
    "200-quotes": lambda c, **h: post_article(c, **h),
    "404": lambda c, **h: c.get("/no/such/route", headers=h),
    "405": lambda c, **h: c.delete("/v1/quotes", headers=h),
    "415": lambda c, **h: c.post("/v1/quotes", data="x", content_type="application/xml", headers=h),
    "422": lambda c, **h: c.post("/v1/quotes", json={"text": ""}, headers=h),
    "400": lambda c, **h: c.post("/v1/quotes", data="{", content_type="application/json", headers=h),
}


@pytest.mark.parametrize("reply", list(REPLIES))
def test_a_sane_request_id_is_echoed_on_every_reply(client: FlaskClient, reply: str) -> None:
    """The client's X-Request-ID comes back unchanged, on successes and on problems alike."""
    response = REPLIES[reply](client, **{REQUEST_ID_HEADER: "trace-7f3a:edge/01"})
    assert response.headers[REQUEST_ID_HEADER] == "trace-7f3a:edge/01"


@pytest.mark.parametrize("reply", list(REPLIES))
def test_a_request_without_id_gets_a_new_one(client: FlaskClient, reply: str) -> None:
    """Without X-Request-ID the reply carries a fresh random ID."""
    response = REPLIES[reply](client)
    assert GENERATED_ID.fullmatch(response.headers[REQUEST_ID_HEADER])


def test_500_and_503_replies_carry_the_request_id(
    make_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch, contract: Contract
) -> None:
    """An unexpected error and a missing model still echo the ID (the reply conforms to the spec)."""
    monkeypatch.setattr("service.quotes.extract_quotes", _fail)
    crashed = contract.check(post_article(make_app().test_client(), **{REQUEST_ID_HEADER: "r-500"}))
    assert (crashed.status_code, crashed.headers[REQUEST_ID_HEADER]) == (500, "r-500")
    unready = make_app(NLP=None, LOAD_MODEL=False).test_client().get("/readyz", headers={REQUEST_ID_HEADER: "r-503"})
    assert (unready.status_code, unready.headers[REQUEST_ID_HEADER]) == (503, "r-503")


@pytest.mark.parametrize(
    "value",
    ["x" * 201, "", "two words", "tab\there", "bell\x07", "del\x7f", "caf\u00e9", " padded"],
    ids=["too-long", "empty", "space", "tab", "control", "delete", "non-ascii", "leading-space"],
)
def test_an_unusable_request_id_is_replaced(client: FlaskClient, value: str) -> None:
    """Absurdly long IDs, or IDs with control, space or non-ASCII characters, are replaced by a new one."""
    response = client.get("/healthz", headers={REQUEST_ID_HEADER: value})
    assert response.status_code == 200
    assert GENERATED_ID.fullmatch(response.headers[REQUEST_ID_HEADER])


def test_the_longest_allowed_request_id_is_kept(client: FlaskClient) -> None:
    """200 visible ASCII characters are still a usable ID."""
    value = "A~" * 100
    assert client.get("/healthz", headers={REQUEST_ID_HEADER: value}).headers[REQUEST_ID_HEADER] == value


def test_each_request_gets_its_own_id(client: FlaskClient) -> None:
    """Generated IDs differ from one request to the next."""
    ids = {client.get("/healthz").headers[REQUEST_ID_HEADER] for _ in range(5)}
    assert len(ids) == 5


# -- logs --------------------------------------------------------------------------------------------------


def test_one_log_line_per_request_with_its_figures(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    """A quotes request logs one line: ID, method, route, status, duration, characters and quote count."""
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    response = post_article(client, **{REQUEST_ID_HEADER: "req-1"})
    assert response.status_code == 200
    (record,) = request_records(caplog)
    assert record.request_id == "req-1"
    assert (record.method, record.route, record.status) == ("POST", "/v1/quotes", 200)
    assert record.duration_ms >= 0
    assert record.chars == len(ARTICLE)
    assert record.quotes == len(response.get_json()["quotes"]) == 1


@pytest.mark.parametrize(
    ("path", "route", "status"),
    [("/healthz", "/healthz", 200), ("/missing/42", UNMATCHED_ROUTE, 404), ("/docs/nothing.js", "/docs/<path:filename>", 404)],
)
def test_log_line_names_the_route_template(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, path: str, route: str, status: int
) -> None:
    """Routes are logged as templates; requests matching none as "unmatched"; no document figures."""
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    client.get(path)
    (record,) = request_records(caplog)
    assert (record.route, record.status, record.chars, record.quotes) == (route, status, None, None)


def test_log_lines_are_json_without_the_article(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    """Every record of a quotes request formats as one JSON object, and none holds the article or a quote."""
    caplog.set_level(logging.DEBUG, logger="service")
    response = post_article(client)
    formatter = json_formatter()
    lines = [formatter.format(record) for record in caplog.records]
    assert lines
    for line in lines:
        assert "\n" not in line
        fields = json.loads(line)
        assert {"time", "level", "logger", "message"} <= set(fields)
        assert "harbour master" not in line and "new pier" not in line
    assert json.loads(lines[-1])["request_id"] == response.headers[REQUEST_ID_HEADER]


def test_records_made_during_a_request_carry_its_id(client: FlaskClient) -> None:
    """The JSON handler adds the request ID to the service's other records (here the quotes view's)."""
    stream = io.StringIO()
    handler = json_handler()
    handler.setStream(stream)  # type: ignore[attr-defined]
    service_log = logging.getLogger("service")
    service_log.addHandler(handler)
    try:
        post_article(client, **{REQUEST_ID_HEADER: "req-view"})
    finally:
        service_log.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert {line["logger"] for line in lines} >= {"service.quotes", REQUEST_LOGGER}
    assert {line["request_id"] for line in lines} == {"req-view"}


def test_request_id_filter_leaves_records_outside_requests_alone() -> None:
    """Outside a request the filter passes records through without an ID."""
    record = logging.LogRecord("service", logging.INFO, __file__, 1, "start-up", None, None)
    assert RequestIdFilter().filter(record)
    assert not hasattr(record, "request_id")


def test_configure_logging_installs_a_json_handler_when_none_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without handlers on the root logger, create_app's logging setup adds the JSON one at the given level."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    service_log = logging.getLogger("service")
    monkeypatch.setattr(service_log, "level", service_log.level)
    configure_logging("WARNING")
    (handler,) = root.handlers
    assert isinstance(handler.formatter, JsonFormatter)
    assert any(isinstance(f, RequestIdFilter) for f in handler.filters)
    assert service_log.level == logging.WARNING


# -- metrics -----------------------------------------------------------------------------------------------


def test_metrics_are_in_the_prometheus_text_format(client: FlaskClient) -> None:
    """GET /metrics answers the text format with the request counter and both histograms."""
    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain" and "version=0.0.4" in response.content_type
    families = {family.name: family.type for family in text_string_to_metric_families(response.get_data(as_text=True))}
    assert families["quotes_http_requests"] == "counter"
    assert families["quotes_http_request_duration_seconds"] == "histogram"
    assert families["quotes_per_document"] == "histogram"


@pytest.mark.parametrize(
    ("method", "path", "route", "method_label", "status"),
    [
        ("GET", "/healthz", "/healthz", "GET", "200"),
        ("GET", "/no/such/thing", UNMATCHED_ROUTE, "GET", "404"),
        ("PUT", "/healthz", UNMATCHED_ROUTE, "PUT", "405"),
        ("BREW", "/healthz", UNMATCHED_ROUTE, "other", "405"),
    ],
    ids=["ok", "not-found", "wrong-method", "unknown-method"],
)
def test_requests_are_counted_by_route_method_and_status(
    client: FlaskClient, method: str, path: str, route: str, method_label: str, status: str
) -> None:
    """Each request adds 1 to its (route, method, status) counter and one latency observation to its route."""
    labels = {"route": route, "method": method_label, "status": status}
    before = sample("quotes_http_requests_total", **labels)
    latency_before = sample("quotes_http_request_duration_seconds_count", route=route)
    for _ in range(3):
        assert client.open(path, method=method).status_code == int(status)
    assert sample("quotes_http_requests_total", **labels) == before + 3
    assert sample("quotes_http_request_duration_seconds_count", route=route) == latency_before + 3


def test_quotes_per_document_observes_each_article_answered(client: FlaskClient) -> None:
    """An answered article adds its quote count to the histogram; a rejected request adds nothing."""
    count, total = sample("quotes_per_document_count"), sample("quotes_per_document_sum")
    quotes = len(post_article(client).get_json()["quotes"])
    assert client.post("/v1/quotes", json={"text": ""}).status_code == 422
    assert sample("quotes_per_document_count") == count + 1
    assert sample("quotes_per_document_sum") == total + quotes
