"""Shared fixtures: one spaCy pipeline per session, apps built around it, and the OpenAPI contract."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_schema_validator import OAS31Validator
from spacy.language import Language
from werkzeug.test import TestResponse

from schemas.problems import PROBLEM_MEDIA_TYPE
from service import create_app
from service.config import DEFAULTS
from service.extraction import Cue, Extraction, Quote, Role, Span, Speaker, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SPEC_PATH = ROOT / "openapi.yaml"


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


class Contract:
    """Checks requests and responses against the committed openapi.yaml."""

    def __init__(self, path: Path) -> None:
        """Load the spec at ``path``."""
        self.openapi = OpenAPI.from_file_path(
            str(path), config=Config(extra_media_type_deserializers={PROBLEM_MEDIA_TYPE: json.loads})
        )
        self.schemas: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))["components"]["schemas"]

    def check(self, response: TestResponse, *, request: bool = True) -> TestResponse:
        """Validate ``response`` (and its request unless ``request=False``) against the spec."""
        stream = response.request.environ["wsgi.input"]
        stream.seek(0)  # the app consumed the body; rewind so the validator reads it again
        openapi_request = WerkzeugOpenAPIRequest(response.request)
        if request:
            self.openapi.validate_request(openapi_request)
        self.openapi.validate_response(openapi_request, WerkzeugOpenAPIResponse(response))
        return response

    def check_schema(self, name: str, instance: Any) -> None:
        """Validate ``instance`` against components/schemas/``name`` (for routes the spec cannot hold)."""
        schema = {**self.schemas[name], "components": {"schemas": self.schemas}}
        OAS31Validator(schema).validate(instance)

    def check_problem(self, response: TestResponse, status: int) -> dict[str, Any]:
        """Check that ``response`` is a problem+json reply with ``status`` and return its body."""
        assert response.status_code == status
        assert response.mimetype == PROBLEM_MEDIA_TYPE
        body = json.loads(response.get_data())
        self.check_schema("ValidationProblem" if status == 422 else "Problem", body)
        assert body["status"] == status
        assert "Traceback" not in body["detail"]
        return body


@pytest.fixture(scope="session")
def contract() -> Contract:
    """The OpenAPI contract of the committed openapi.yaml."""
    return Contract(SPEC_PATH)


ARTICLE = (
    "Defense Minister Sergei Shoigu said: \"Why not? We are talking about it.\"\n\n"
    "The ministry called the drills \"routine\", a spokesman said."
)


def _span(text: str, part: str, after: int = 0) -> Span:
    """Return the Span of the first ``part`` in ``text`` at or after ``after``."""
    start = text.index(part, after)
    return Span(part, start, start + len(part))


def sample_extraction(text: str = ARTICLE) -> Extraction:
    """A hand-made Extraction over ARTICLE: a direct quote by a person, a partial one by an organization."""
    q1 = _span(text, "Why not? We are talking about it.")
    q2 = _span(text, "routine")
    shoigu = _span(text, "Sergei Shoigu")
    ministry = _span(text, "The ministry")
    said = _span(text, "said")
    quotes = (
        Quote("q1", "direct", q1.text, q1.start, q1.end, 0, "s1", shoigu, Cue(said.text, "say", said.start, said.end), 0.93),
        Quote("q2", "partial", q2.text, q2.start, q2.end, 1, "s2", ministry, None, 0.4),
    )
    title = _span(text, "Defense Minister")
    speakers = (
        Speaker("s1", "Sergei Shoigu", "person", (Role("Defense Minister", None, title.text, title.start, title.end),), (shoigu,), ("q1",)),
        Speaker("s2", "The ministry", "organization", (), (ministry,), ("q2",)),
    )
    return Extraction(quotes=quotes, speakers=speakers)


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
