"""Contract tests: schemathesis generates requests from openapi.yaml and checks the app's replies against it.

The run is in-process (WSGI) and bounded: a fixed seed, derandomized Hypothesis, no example database and
MAX_EXAMPLES per operation and phase, so the same examples run every time. Each example is recorded in
the test's user_properties; tests/conftest.py prints the total at the end of the session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance
from spacy.language import Language

from schemas.problems import HTML_NOT_READ, NO_ARTICLE_TEXT
from service import create_app
from service.extraction.target_stance import StanceModel
from tests.helpers import SPEC_PATH

SEED = 20240601
#: Examples per phase for the GET routes, whose only input is the X-Request-ID header.
MAX_EXAMPLES = 25
#: Examples per phase for POST /v1/quotes, where the bodies vary.
MAX_QUOTES_EXAMPLES = 200
#: Problems about what a well-formed web page holds, which no schema can rule out in advance.
PAGE_PROBLEMS = frozenset({NO_ARTICLE_TEXT, HTML_NOT_READ})
#: Name of the user property each generated example adds to its test (read by tests/conftest.py).
EXAMPLE_PROPERTY = "schemathesis_example"

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        "operations": [{"include-path": "/v1/quotes", "generation": {"max-examples": MAX_QUOTES_EXAMPLES}}],
    }
)

schema = schemathesis.openapi.from_path(SPEC_PATH, config=CONFIG)


@pytest.fixture(scope="module")
def contract_app(nlp: Language, stance_model: StanceModel) -> Iterator[Flask]:
    """One app for every generated example (Hypothesis runs all examples of a test in one fixture scope)."""
    yield create_app({"TESTING": True, "NLP": nlp, "STANCE": stance_model})


@schema.parametrize()
def test_replies_conform_to_the_spec(case: schemathesis.Case, contract_app: Flask, request: pytest.FixtureRequest) -> None:
    """Any request the spec allows, or a near miss of one, gets a documented reply: status, headers, body."""
    request.node.user_properties.append((EXAMPLE_PROPERTY, case.operation.label))
    response = case.call(app=contract_app)
    case.validate_response(response, excluded_checks=_documented_exceptions(response.status_code, response.content))


def _documented_exceptions(status: int, content: bytes | None) -> list[Any]:
    """Return the checks that do not apply to a reply the spec documents as a per-item answer.

    A schema-valid page may hold no article text: that 422 is the documented answer, not a rejection.
    A batch with an invalid document is answered 200 with that document's own 422 in ``results``.
    A /v1/stance target may end past the text, or start after its end, which no schema can say: a 422 on
    ``targets.N.start`` or ``targets.N.end``.
    """
    try:
        body = json.loads(content or b"{}")
    except ValueError:
        return []
    if status == 422 and isinstance(body, dict) and body.get("type") in PAGE_PROBLEMS:
        return [positive_data_acceptance]
    errors = body.get("errors", {}) if isinstance(body, dict) else {}
    if status == 422 and errors and all(re.fullmatch(r"targets\.\d+\.(start|end)", name) for name in errors):
        return [positive_data_acceptance]
    if status == 200 and isinstance(body, dict) and any(r.get("status") != 200 for r in body.get("results", [])):
        return [negative_data_rejection]
    return []
