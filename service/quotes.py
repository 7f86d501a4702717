"""POST /v1/quotes: load the request with its schema, call the core, dump the reply with its schema."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from schemas.problems import MALFORMED_BODY, NOT_READY, TEXT_TOO_LONG, UNSUPPORTED_MEDIA_TYPE
from schemas.quotes import QuoteResponseSchema, load_request

from . import package_version, results
from .errors import APIProblem
from .extraction import describe_pipeline, extract_quotes
from .observability import note_document

log = logging.getLogger(__name__)

bp = Blueprint("quotes", __name__, url_prefix="/v1")

ACCEPTED = "application/json, text/plain"
UTF8 = ("utf-8", "utf8")

_RESPONSE = QuoteResponseSchema()


def _read_body() -> Any:
    """Decode the body by media type: JSON as is, text/plain as {"text": body}."""
    if request.mimetype == "text/plain":
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in UTF8:
            raise APIProblem(
                415,
                f"text/plain bodies must be UTF-8, not {charset}.",
                type=UNSUPPORTED_MEDIA_TYPE,
                headers={"Accept-Post": ACCEPTED},
            )
        try:
            return {"text": request.get_data().decode("utf-8")}
        except UnicodeDecodeError as exc:
            raise APIProblem(
                400, f"The body is not valid UTF-8 ({exc.reason} at byte {exc.start}).", type=MALFORMED_BODY
            ) from None
    if request.is_json:
        try:
            return json.loads(request.get_data())
        except ValueError as exc:
            raise APIProblem(400, f"The body is not valid JSON: {exc}.", type=MALFORMED_BODY) from None
        except RecursionError:
            raise APIProblem(400, "The body is not valid JSON: nested too deeply.", type=MALFORMED_BODY) from None
    raise APIProblem(
        415,
        f"Send the article as application/json or text/plain, not {request.mimetype or 'no media type'}.",
        type=UNSUPPORTED_MEDIA_TYPE,
        headers={"Accept-Post": ACCEPTED},
    )


@bp.post("/quotes")
def post_quotes() -> Response:
    """Extract the quotes of one article and attribute them to their speakers."""
    nlp = current_app.extensions.get("nlp")
    if nlp is None:
        raise APIProblem(503, "The language model is not loaded.", type=NOT_READY, title="Not ready")
    data = load_request(_read_body())
    text: str = data["text"]
    limit: int = current_app.config["MAX_TEXT_CHARS"]
    if len(text) > limit:
        raise APIProblem(
            413,
            f"The text has {len(text)} characters; the limit is {limit}.",
            type=TEXT_TOO_LONG,
            title="Text too long",
        )
    options = data["options"]
    kinds = options.get("kinds")

    started = time.perf_counter()
    extraction = extract_quotes(text, nlp=nlp, kinds=kinds)
    extraction = results.select(extraction, kinds=kinds, min_confidence=options.get("min_confidence", 0.0))
    elapsed_ms = round((time.perf_counter() - started) * 1000)
    note_document(chars=len(text), quotes=len(extraction.quotes))

    meta = {
        "model": describe_pipeline(nlp),
        "version": package_version(),
        "chars": len(text),
        "elapsed_ms": elapsed_ms,
    }
    log.info(
        "extracted %d quotes, %d speakers from %d chars in %d ms",
        len(extraction.quotes),
        len(extraction.speakers),
        len(text),
        elapsed_ms,
    )
    return jsonify(_RESPONSE.dump(results.reply(extraction, meta)))
