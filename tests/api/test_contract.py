"""Contract tests: schemathesis generates requests from openapi.yaml and checks the app's replies against it.

The run is in-process (WSGI) and bounded: a fixed seed, derandomized Hypothesis, no example database and
MAX_EXAMPLES per operation and phase, so the same examples run every time. Each example is recorded in
the test's user_properties; tests/conftest.py prints the total at the end of the session.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from schemathesis.config import SchemathesisConfig
from spacy.language import Language

from service import create_app
from tests.helpers import SPEC_PATH

SEED = 20240601
#: Examples per phase for the GET routes, whose only input is the X-Request-ID header.
MAX_EXAMPLES = 25
#: Examples per phase for POST /v1/quotes, where the bodies vary.
MAX_QUOTES_EXAMPLES = 200
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
def contract_app(nlp: Language) -> Iterator[Flask]:
    """One app for every generated example (Hypothesis runs all examples of a test in one fixture scope)."""
    yield create_app({"TESTING": True, "NLP": nlp})


@schema.parametrize()
def test_replies_conform_to_the_spec(case: schemathesis.Case, contract_app: Flask, request: pytest.FixtureRequest) -> None:
    """Any request the spec allows, or a near miss of one, gets a documented reply: status, headers, body."""
    request.node.user_properties.append((EXAMPLE_PROPERTY, case.operation.label))
    case.call_and_validate(app=contract_app)
