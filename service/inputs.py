"""What the routes share about their input: the body by media type, the model, the article's text and size.

Every check raises APIProblem, so a route can answer with it or, in a batch, put it in one document's
result.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app, request
from spacy.language import Language
from werkzeug.exceptions import RequestEntityTooLarge

from schemas.problems import (
    BODY_TIMEOUT,
    HTML_NOT_READ,
    MALFORMED_BODY,
    NO_ARTICLE_TEXT,
    NOT_READY,
    TEXT_TOO_LONG,
    UNSUPPORTED_MEDIA_TYPE,
)

from .deadline import deadline_or_problem
from .errors import APIProblem
from .extraction.stance import TargetScorer
from .html import Article, ExtractionFailed, NoArticleText, extract_article

log = logging.getLogger(__name__)

JSON = "application/json"
UTF8 = ("utf-8", "utf8")
#: Bodies that are the article itself, by media type -> the request field they stand for.
RAW_ARTICLE_TYPES: dict[str, str] = {"text/plain": "text", "text/html": "html"}


@dataclass(frozen=True, slots=True)
class Source:
    """The text to analyse and, when it came from a page, what the page said about it."""

    text: str
    article: Article | None = None

    def page_meta(self) -> dict[str, str]:
        """Return the page's title, author and date that were found (none for plain text)."""
        if self.article is None:
            return {}
        found = {"title": self.article.title, "author": self.article.author, "date": self.article.date}
        return {name: value for name, value in found.items() if value}


def require_models() -> tuple[Language, TargetScorer]:
    """Return the loaded spaCy pipeline and stance model, or answer 503 while either is missing."""
    nlp, scorer = current_app.extensions.get("nlp"), current_app.extensions.get("stance")
    if nlp is None or scorer is None:
        raise APIProblem(503, "The language models are not loaded.", type=NOT_READY, title="Not ready")
    return nlp, scorer


def _unsupported(accepted: Collection[str], detail: str) -> APIProblem:
    """Return the 415 problem that lists the accepted media types."""
    return APIProblem(415, detail, type=UNSUPPORTED_MEDIA_TYPE, headers={"Accept-Post": ", ".join(accepted)})


def _read_utf8(accepted: Collection[str]) -> str:
    """Decode the body as UTF-8, the only charset taken for raw articles."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in UTF8:
        raise _unsupported(accepted, f"{request.mimetype} bodies must be UTF-8, not {charset}.")
    try:
        return _receive_body().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise APIProblem(
            400, f"The body is not valid UTF-8 ({exc.reason} at byte {exc.start}).", type=MALFORMED_BODY
        ) from None


def _receive_body() -> bytes:
    """Return the request body, received within BODY_TIMEOUT_SECONDS, or answer 408.

    gunicorn's sync workers read the body only when the route asks for it; a client that sends it
    slowly would otherwise hold the worker until gunicorn's own timeout kills it.
    """
    seconds: float = current_app.config["BODY_TIMEOUT_SECONDS"]
    problem = APIProblem(
        408,
        f"The request body was not received within {seconds:g} seconds; send it again.",
        type=BODY_TIMEOUT,
        title="Request timeout",
    )
    with deadline_or_problem(seconds, problem, what="receiving the body"):
        body = request.get_data(cache=True)
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(body) >= limit:
        # A chunked body has no Content-Length to refuse up front, and werkzeug stops reading it at the
        # limit without an error: the rest of it would be cut off silently.
        raise RequestEntityTooLarge()  # the 413 of a body with a Content-Length over the limit
    return body


def read_body(*, accepted: Collection[str]) -> Any:
    """Decode the body by media type: JSON as is, text/plain as {"text": body}, text/html as {"html": body}.

    ``accepted`` lists the media types the route takes, application/json first.
    """
    coding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if coding not in ("", "identity"):
        raise APIProblem(
            415,
            f"Bodies with Content-Encoding {coding} are not taken; send the body uncompressed.",
            type=UNSUPPORTED_MEDIA_TYPE,
            headers={"Accept-Encoding": "identity", "Accept-Post": ", ".join(accepted)},
        )
    if request.is_json and JSON in accepted:
        try:
            return json.loads(_receive_body())
        except ValueError as exc:
            raise APIProblem(400, f"The body is not valid JSON: {exc}.", type=MALFORMED_BODY) from None
        except RecursionError:
            raise APIProblem(400, "The body is not valid JSON: nested too deeply.", type=MALFORMED_BODY) from None
    field = RAW_ARTICLE_TYPES.get(request.mimetype)
    if field is not None and request.mimetype in accepted:
        return {field: _read_utf8(accepted)}
    raise _unsupported(
        accepted, f"Send {' or '.join(accepted)}, not {request.mimetype or 'no media type'}."
    )


def check_length(name: str, value: str) -> None:
    """Answer 413 when ``value`` (the text or the html) is longer than MAX_TEXT_CHARS."""
    limit: int = current_app.config["MAX_TEXT_CHARS"]
    if len(value) > limit:
        raise APIProblem(
            413,
            f"The {name} has {len(value)} characters; the limit is {limit}.",
            type=TEXT_TOO_LONG,
            title="Text too long",
        )


def read_source(data: Mapping[str, Any], *, timeout: float | None = None) -> Source:
    """Return the text to analyse from a loaded request: its ``text``, or the text of its ``html`` page.

    ``timeout`` (default HTML_TIMEOUT_SECONDS) bounds the reading of the page.
    """
    if "text" in data:
        check_length("text", data["text"])
        return Source(data["text"])
    html: str = data["html"]
    check_length("html", html)
    if timeout is None:
        timeout = current_app.config["HTML_TIMEOUT_SECONDS"]
    try:
        article = extract_article(html, timeout=timeout)
    except NoArticleText as exc:
        raise APIProblem(
            422,
            "No article text was found in the page: send the article's page, or its text as text.",
            type=NO_ARTICLE_TEXT,
            title="No article text",
            errors={"html": [str(exc)]},
        ) from None
    except ExtractionFailed as exc:
        raise APIProblem(
            422,
            f"The page could not be read: {exc}",
            type=HTML_NOT_READ,
            title="HTML not read",
            errors={"html": [str(exc)]},
        ) from None
    check_length("text extracted from the page", article.text)
    return Source(article.text, article)
