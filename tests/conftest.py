"""Shared fixtures: one spaCy pipeline per session, apps built around it, and the OpenAPI contract."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from spacy.language import Language

from service import create_app
from service.config import DEFAULTS
from service.extraction import Extraction, load_pipeline
from service.extraction.target_stance import StanceModel, load_stance_model
from tests.helpers import SPEC_PATH, Contract, sample_extraction


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline, loaded once for the whole test session."""
    return load_pipeline(DEFAULTS["MODEL"])


@pytest.fixture(scope="session")
def stance_model() -> StanceModel:
    """The shipped stance model, loaded once for the whole test session."""
    return load_stance_model()


@pytest.fixture
def make_app(nlp: Language, stance_model: StanceModel) -> Callable[..., Flask]:
    """Build an app around the session's models, with config overrides as keyword arguments."""

    def make(**config: Any) -> Flask:
        """Return a testing app with these settings."""
        settings: dict[str, Any] = {"TESTING": True, "NLP": nlp, "STANCE": stance_model}
        settings.update(config)
        return create_app(settings)

    return make


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """A testing app with the default settings and the session's pipeline."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of ``app``."""
    return app.test_client()


@pytest.fixture(scope="session")
def contract() -> Contract:
    """The OpenAPI contract of the committed openapi.yaml."""
    return Contract(SPEC_PATH)


@pytest.fixture
def fake_core(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Make POST /v1/quotes use sample_extraction() instead of the core; yields the core's calls."""
    calls: list[dict[str, Any]] = []

    def extract(text: str, *, nlp: Language, kinds: Any = None, **_: Any) -> Extraction:
        """Record the call and return the sample."""
        calls.append({"text": text, "kinds": kinds})
        return sample_extraction(text)

    monkeypatch.setattr("service.quotes.extract_quotes", extract)
    yield calls


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many examples the schemathesis contract tests ran, per operation (tests/api/test_contract.py)."""
    examples: Counter[str] = Counter(
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "schemathesis_example"
    )
    if examples:
        per_operation = ", ".join(f"{label}: {count}" for label, count in examples.items())
        terminalreporter.write_line(f"schemathesis: {sum(examples.values())} examples ({per_operation})")
