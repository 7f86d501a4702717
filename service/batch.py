"""POST /v1/quotes/batch: several articles in one request, parsed together; one bad document fails alone.

Limits of a batch, checked before any work: at most MAX_BATCH_DOCUMENTS documents, and the documents
that pass on their own (valid, each within MAX_TEXT_CHARS) total at most MAX_TEXT_CHARS characters of
text or HTML, so a batch never asks more of a worker than the longest single article. Both give a 413
for the whole batch. The pages of a batch share one HTML_TIMEOUT_SECONDS for their reading.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, jsonify
from marshmallow import ValidationError

from schemas.batch import ID_MAX_CHARS, BatchResponseSchema, load_batch, load_document
from schemas.problems import BATCH_TOO_LARGE, HTML_NOT_READ

from . import package_version, results
from .deadline import request_deadline
from .errors import APIProblem, problem_body
from .extraction import describe_pipeline, extract_quotes_many
from .inputs import JSON, Source, check_length, read_body, read_source, require_models

log = logging.getLogger(__name__)

bp = Blueprint("batch", __name__, url_prefix="/v1")

ACCEPTED = (JSON,)
INVALID_DOCUMENT = "The document has invalid fields."

_RESPONSE = BatchResponseSchema()


@dataclass(frozen=True, slots=True)
class Document:
    """One document of the batch as loaded: its id and fields, or the problem that stops it."""

    id: str | None
    data: dict[str, Any] | None = None
    problem: APIProblem | None = None

    @property
    def size(self) -> int:
        """Return the characters of its text or html (0 once it failed)."""
        return 0 if self.data is None else len(self.data.get("text") or self.data["html"])


def _item_id(item: Any) -> str | None:
    """Return the id an item gives, when it is one a result can echo."""
    if isinstance(item, dict):
        value = item.get("id")
        if isinstance(value, str) and 0 < len(value) <= ID_MAX_CHARS:
            return value
    return None


def _load_document(item: Any, *, seen: set[str]) -> Document:
    """Load one document: schema, unique id and length; a failure becomes the document's problem."""
    try:
        data = load_document(item)
    except ValidationError as exc:
        return Document(_item_id(item), problem=APIProblem.from_validation(exc, detail=INVALID_DOCUMENT))
    if data["id"] in seen:
        error = ValidationError({"id": [f"Another document of the batch already has the id {data['id']!r}."]})
        return Document(data["id"], problem=APIProblem.from_validation(error, detail=INVALID_DOCUMENT))
    seen.add(data["id"])
    try:
        check_length("text" if "text" in data else "html", data.get("text") or data["html"])
    except APIProblem as problem:
        return Document(data["id"], problem=problem)
    return Document(data["id"], data)


def _too_large(detail: str) -> APIProblem:
    """Return the 413 problem of a batch over one of its limits."""
    return APIProblem(
        413, f"{detail} Send the documents in several batches.", type=BATCH_TOO_LARGE, title="Batch too large"
    )


def _check_count(count: int) -> None:
    """Answer 413 when the batch has more than MAX_BATCH_DOCUMENTS documents."""
    most: int = current_app.config["MAX_BATCH_DOCUMENTS"]
    if count > most:
        raise _too_large(f"The batch has {count} documents; the limit is {most}.")


def _check_total(documents: list[Document]) -> None:
    """Answer 413 when the documents to analyse hold more than MAX_TEXT_CHARS characters together."""
    limit: int = current_app.config["MAX_TEXT_CHARS"]
    total = sum(document.size for document in documents)
    if total > limit:
        raise _too_large(f"The batch's documents hold {total} characters of text and HTML; the limit is {limit}.")


def _read_sources(documents: list[Document]) -> list[Source | APIProblem]:
    """Return each document's text, its pages read within one shared deadline, or its problem."""
    budget: float = current_app.config["HTML_TIMEOUT_SECONDS"]
    deadline = time.monotonic() + budget
    sources: list[Source | APIProblem] = []
    for document in documents:
        if document.data is None:
            assert document.problem is not None
            sources.append(document.problem)
            continue
        remaining = deadline - time.monotonic()
        if "html" in document.data and remaining <= 0:
            message = f"The batch's {budget:g} seconds for reading pages ran out before this one; send it again."
            sources.append(
                APIProblem(422, message, type=HTML_NOT_READ, title="HTML not read", errors={"html": [message]})
            )
            continue
        try:
            sources.append(read_source(document.data, timeout=remaining))
        except APIProblem as problem:
            sources.append(problem)
    return sources


def _failure(document_id: str | None, problem: APIProblem) -> dict[str, Any]:
    """Return the result of a document that failed."""
    body = problem_body(problem.status, problem.detail, type=problem.type, title=problem.title, errors=problem.errors)
    return {"id": document_id, "status": problem.status, "problem": body}


@bp.post("/quotes/batch")
def post_batch() -> Response:
    """Extract the quotes of several articles; each result is the document's reply or its problem."""
    nlp, scorer = require_models()
    envelope = load_batch(read_body(accepted=ACCEPTED))
    _check_count(len(envelope["documents"]))
    seen: set[str] = set()
    documents = [_load_document(item, seen=seen) for item in envelope["documents"]]
    _check_total(documents)
    options = envelope["options"]
    kinds = options.get("kinds")

    started = time.perf_counter()
    sources = _read_sources(documents)
    texts = [source.text for source in sources if isinstance(source, Source)]
    with request_deadline():
        extractions = iter(
            extract_quotes_many(
                texts, nlp=nlp, kinds=kinds, scorer=scorer, stance_targets=options.get("stance_targets", ())
            )
        )
    replies: list[dict[str, Any]] = []
    for document, source in zip(documents, sources, strict=True):
        if isinstance(source, APIProblem):
            replies.append(_failure(document.id, source))
            continue
        extraction = results.select(next(extractions), kinds=kinds, min_confidence=options.get("min_confidence", 0.0))
        reply = results.reply(extraction, {"chars": len(source.text), **source.page_meta()})
        text = {"text": source.text} if source.article is not None else {}
        replies.append({"id": document.id, "status": 200, **text, **reply})
    elapsed_ms = round((time.perf_counter() - started) * 1000)

    log.info(
        "batch of %d documents (%d failed): %d chars analysed in %d ms",
        len(replies),
        len(replies) - len(texts),
        sum(len(text) for text in texts),
        elapsed_ms,
    )
    meta = {"model": describe_pipeline(nlp), "version": package_version(), "elapsed_ms": elapsed_ms}
    return jsonify(_RESPONSE.dump({"results": replies, "meta": meta}))
