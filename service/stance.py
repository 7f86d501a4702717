"""POST /v1/stance: the stance of a text the caller already has, toward the targets it names."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify

from schemas.stance import StanceResponseSchema, load_stance_request

from .extraction.stance import assess_text
from .inputs import JSON, check_length, read_body, require_models

log = logging.getLogger(__name__)

bp = Blueprint("stance", __name__, url_prefix="/v1")

ACCEPTED = (JSON, "text/plain")

_RESPONSE = StanceResponseSchema()


@bp.post("/stance")
def post_stance() -> Response:
    """Judge the tone and commitment of a text and its stance toward each target, in the given order."""
    nlp, scorer = require_models()
    data = load_stance_request(read_body(accepted=ACCEPTED))
    check_length("text", data["text"])
    targets = [(t["text"], t.get("start"), t.get("end")) for t in data["targets"]]
    stance = assess_text(data["text"], nlp=nlp, scorer=scorer, targets=targets)
    log.info("judged stance toward %d targets in %d chars", len(targets), len(data["text"]))
    return jsonify(_RESPONSE.dump(stance))
