"""JSON log lines (python-json-logger) for the service and, under gunicorn, for gunicorn's own records.

Every record becomes one JSON object on stderr with ``time``, ``level``, ``logger``, ``process`` and
``message``, plus ``request_id`` while a request is being handled and any ``extra`` fields. Article text
is never passed to a logger, so it never reaches these lines.
"""

from __future__ import annotations

import logging
from typing import Any

from pythonjsonlogger.json import JsonFormatter

#: Fields of every line after ``time`` (ISO 8601, UTC), in this order, renamed as RENAMED says.
FIELDS: tuple[str, ...] = ("levelname", "name", "process", "message")
RENAMED: dict[str, str] = {"levelname": "level", "name": "logger"}
#: The logger whose level QUOTES_LOG_LEVEL sets: the service's own modules log under it.
SERVICE_LOGGER = "service"


class RequestIdFilter(logging.Filter):
    """Add the current request's ID to records made while a Flask request is being handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Set ``record.request_id`` when inside a request; never drop the record."""
        from flask import g, has_request_context

        if has_request_context() and not hasattr(record, "request_id"):
            request_id = g.get("request_id")
            if request_id is not None:
                record.request_id = request_id
        return True


def json_formatter() -> logging.Formatter:
    """Return the formatter that turns a record into one JSON line."""
    return JsonFormatter(list(FIELDS), rename_fields=RENAMED, timestamp="time", json_ensure_ascii=False)


def json_handler() -> logging.Handler:
    """Return a stderr handler writing JSON lines, with request IDs added."""
    handler = logging.StreamHandler()
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter())
    return handler


def configure_logging(level: str) -> None:
    """Log the service's records at ``level`` as JSON lines on stderr, unless logging is already set up."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(json_handler())
    logging.getLogger(SERVICE_LOGGER).setLevel(level)


def gunicorn_logconfig(level: str) -> dict[str, Any]:
    """Return gunicorn's ``logconfig_dict``: its error log and the service's records as JSON lines on stderr.

    gunicorn's access log is left without a handler (the service logs one line per request itself).
    """
    level = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": f"{__name__}.json_formatter"}},
        "filters": {"request_id": {"()": f"{__name__}.RequestIdFilter"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "WARNING", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            "gunicorn.access": {"level": level, "handlers": [], "propagate": False},
            SERVICE_LOGGER: {"level": level, "handlers": [], "propagate": True},
        },
    }
