"""Test helpers shared by the test modules: paths, the OpenAPI contract, a hand-made extraction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_schema_validator import OAS31Validator
from werkzeug.test import TestResponse

from schemas.problems import PROBLEM_MEDIA_TYPE
from service.extraction import Cue, Extraction, Quote, Role, Span, Speaker
from service.extraction.types import Commitment, Framing, Polarity, Stance, TargetStance

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SPEC_PATH = ROOT / "openapi.yaml"
PAGES = ROOT / "tests" / "pages"


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


ARTICLE = (
    'Defense Minister Sergei Shoigu said: "Why not? We are talking about it."\n\n'
    'The ministry called the drills "routine", a spokesman said.'
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
    title = _span(text, "Defense Minister")
    quotes = (
        Quote(
            id="q1",
            kind="direct",
            text=q1.text,
            start=q1.start,
            end=q1.end,
            paragraph=0,
            speaker_id="s1",
            mention=shoigu,
            cue=Cue(text=said.text, lemma="say", start=said.start, end=said.end),
            confidence=0.93,
            stance=Stance(
                polarity=Polarity("neutral", 0.0),
                commitment=Commitment("asserted", 0.75),
                framing=Framing("neutral", said.text),
                targets=(TargetStance("Atlantis", None, None, "neutral", 0.0, 0.0, "caller"),),
            ),
        ),
        Quote(
            id="q2",
            kind="partial",
            text=q2.text,
            start=q2.start,
            end=q2.end,
            paragraph=1,
            speaker_id="s2",
            mention=ministry,
            cue=None,
            confidence=0.4,
            stance=Stance(polarity=Polarity("negative", -0.3), commitment=Commitment("hedged", 0.55, ("may",))),
        ),
    )
    speakers = (
        Speaker(
            id="s1",
            name="Sergei Shoigu",
            kind="person",
            roles=(
                Role(title="Defense Minister", affiliation=None, text=title.text, start=title.start, end=title.end),
            ),
            mentions=(shoigu,),
            quote_ids=("q1",),
        ),
        Speaker(id="s2", name="The ministry", kind="organization", mentions=(ministry,), quote_ids=("q2",)),
    )
    return Extraction(quotes=quotes, speakers=speakers)
