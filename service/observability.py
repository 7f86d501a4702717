"""Request IDs, one JSON log line per request, and Prometheus metrics served on GET /metrics.

Metrics are module-level (one set per process). Under gunicorn, gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR before this module is imported, so each worker writes its samples there and
/metrics adds up the files of every worker, living or dead.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import values as prometheus_values
from prometheus_client.multiprocess import MultiProcessCollector

#: One line per request goes to its own logger, so it can be tuned apart from the rest.
request_log = logging.getLogger("service.requests")

bp = Blueprint("observability", __name__)

REQUEST_ID_HEADER = "X-Request-ID"
#: A client's request ID is kept when it is 1 to 200 visible ASCII characters; otherwise a new one is made.
REQUEST_ID_PATTERN = re.compile(r"[\x21-\x7e]{1,200}")
#: Methods counted under their own name; any other method is counted as "other".
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})
#: Route label of requests that matched no route (404, 405), so unknown paths cannot grow the label set.
UNMATCHED_ROUTE = "unmatched"

#: prometheus_client chose multiprocess mode when it was first imported (PROMETHEUS_MULTIPROC_DIR was set).
MULTIPROCESS = prometheus_values.ValueClass is not prometheus_values.MutexValue

#: Seconds: from a millisecond probe up to gunicorn's 120 s worker timeout.
LATENCY_BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
#: Quotes returned for one article.
QUOTE_BUCKETS: tuple[float, ...] = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500)

REQUESTS = Counter(
    "quotes_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "quotes_http_request_duration_seconds",
    "Time from the start of the request to the reply, by route template.",
    ["route"],
    buckets=LATENCY_BUCKETS,
)
QUOTES_PER_DOCUMENT = Histogram(
    "quotes_per_document",
    "Quotes returned for one article (after the request's kinds and min_confidence filters).",
    buckets=QUOTE_BUCKETS,
)


def _accept_or_generate(value: str | None) -> str:
    """Return ``value`` when it is a sane request ID, else a new random one."""
    if value is not None and REQUEST_ID_PATTERN.fullmatch(value):
        return value
    return uuid.uuid4().hex


def request_id() -> str:
    """Return the current request's ID: the client's X-Request-ID when sane, else one made for it."""
    value = g.get("request_id")
    if value is None:
        value = _accept_or_generate(request.headers.get(REQUEST_ID_HEADER))
        g.request_id = value
    return value


def note_document(*, chars: int, quotes: int) -> None:
    """Record one processed article: its length goes to the request's log line, its quote count to metrics too."""
    QUOTES_PER_DOCUMENT.observe(quotes)
    g.document_chars = g.get("document_chars", 0) + chars
    g.document_quotes = g.get("document_quotes", 0) + quotes


def _route_label() -> str:
    """Return the matched route template, or UNMATCHED_ROUTE."""
    rule = request.url_rule
    return rule.rule if rule is not None else UNMATCHED_ROUTE


def _method_label() -> str:
    """Return the request method, or "other" for a method outside KNOWN_METHODS."""
    return request.method if request.method in KNOWN_METHODS else "other"


def _start_request() -> None:
    """Note when the request started and settle its ID before any view runs."""
    g.request_started = time.perf_counter()
    request_id()


def _finish_request(response: Response) -> Response:
    """Echo the request ID, count the request and log one line about it."""
    response.headers[REQUEST_ID_HEADER] = request_id()
    elapsed = time.perf_counter() - g.get("request_started", time.perf_counter())
    route = _route_label()
    method = _method_label()
    REQUESTS.labels(route=route, method=method, status=str(response.status_code)).inc()
    LATENCY.labels(route=route).observe(elapsed)
    request_log.info(
        "%s %s %d",
        method,
        route,
        response.status_code,
        extra={
            "request_id": request_id(),
            "method": method,
            "route": route,
            "status": response.status_code,
            "duration_ms": round(elapsed * 1000, 1),
            "chars": g.get("document_chars"),
            "quotes": g.get("document_quotes"),
        },
    )
    return response


def _registry() -> CollectorRegistry:
    """Return the registry to expose: every worker's samples in multiprocess mode, this process's otherwise."""
    if not MULTIPROCESS:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry


@bp.get("/metrics")
def metrics() -> Response:
    """Expose the metrics in the Prometheus text format."""
    return Response(generate_latest(_registry()), content_type=CONTENT_TYPE_PLAIN_0_0_4)


def register(app: Flask) -> None:
    """Give every request of ``app`` an ID, a log line and metrics; add GET /metrics."""
    app.before_request(_start_request)
    app.after_request(_finish_request)
    app.register_blueprint(bp)
