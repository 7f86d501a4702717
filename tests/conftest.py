"""Shared fixtures: one spaCy pipeline per session, apps built around it, and the OpenAPI contract."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from spacy.language import Language

from service import create_app
from service.config import DEFAULTS
from service.extraction import Extraction, load_pipeline
from tests.helpers import SPEC_PATH, Contract, sample_extraction


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy pipeline, loaded once for the whole test session."""
    return load_pipeline(DEFAULTS["MODEL"])


@pytest.fixture
def make_app(nlp: Language) -> Callable[..., Flask]:
    """Build an app around the session's pipeline, with config overrides as keyword arguments."""

    def make(**config: Any) -> Flask:
        """Return a testing app with these settings."""
        settings: dict[str, Any] = {"TESTING": True, "NLP": nlp}
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

    def extract(text: str, *, nlp: Language, kinds: Any = None) -> Extraction:
        """Record the call and return the sample."""
        calls.append({"text": text, "kinds": kinds})
        return sample_extraction(text)

    monkeypatch.setattr("service.quotes.extract_quotes", extract)
    yield calls
