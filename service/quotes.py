"""POST /v1/quotes: load the request with its schema, call the core, dump the reply with its schema."""

from __future__ import annotations

import logging
import time

from flask import Blueprint, Response, jsonify

from schemas.quotes import QuoteResponseSchema, load_request

from . import package_version, results
from .deadline import request_deadline
from .extraction import describe_pipeline, extract_quotes
from .observability import note_document
from .inputs import read_body, read_source, require_models

log = logging.getLogger(__name__)

bp = Blueprint("quotes", __name__, url_prefix="/v1")

ACCEPTED = ("application/json", "text/plain", "text/html")

_RESPONSE = QuoteResponseSchema()


@bp.post("/quotes")
def post_quotes() -> Response:
    """Extract the quotes of one article and attribute them to their speakers."""
    nlp, scorer = require_models()
    data = load_request(read_body(accepted=ACCEPTED))
    started = time.perf_counter()
    source = read_source(data)
    text = source.text
    options = data["options"]
    kinds = options.get("kinds")

    with request_deadline():
        extraction = extract_quotes(
            text, nlp=nlp, kinds=kinds, scorer=scorer, stance_targets=options.get("stance_targets", ())
        )
    extraction = results.select(extraction, kinds=kinds, min_confidence=options.get("min_confidence", 0.0))
    elapsed_ms = round((time.perf_counter() - started) * 1000)
    note_document(chars=len(text), quotes=len(extraction.quotes))

    meta = {
        "model": describe_pipeline(nlp),
        "version": package_version(),
        "chars": len(text),
        "elapsed_ms": elapsed_ms,
        **source.page_meta(),
    }
    log.info(
        "extracted %d quotes, %d speakers from %d chars in %d ms",
        len(extraction.quotes),
        len(extraction.speakers),
        len(text),
        elapsed_ms,
    )
    reply = results.reply(extraction, meta)
    if source.article is not None:
        reply = {"text": text, **reply}
    return jsonify(_RESPONSE.dump(reply))
