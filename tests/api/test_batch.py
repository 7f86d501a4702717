"""POST /v1/quotes/batch: results in order, one per document; one bad document fails alone."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from typing import Any

import pytest
from flask.testing import FlaskClient

from schemas.problems import (
    BATCH_TOO_LARGE,
    HTML_NOT_READ,
    MALFORMED_BODY,
    NO_ARTICLE_TEXT,
    NOT_READY,
    TEXT_TOO_LONG,
    VALIDATION_ERROR,
)
from service.extraction import Extraction
from tests.api.test_html import HOSTILE
from tests.api.test_quotes import SHORT, assert_consistent
from tests.helpers import PAGES, SEEDS, Contract

BATCH = "/v1/quotes/batch"
BRIEF = (PAGES / "council-brief.html").read_text(encoding="utf-8")
PIER = (PAGES / "pier.html").read_text(encoding="utf-8")
SNIPPET = '"We will not back down," the union leader told reporters on Monday.'


def post_batch(client: FlaskClient, documents: list[Any], options: dict[str, Any] | None = None) -> Any:
    """POST a batch of ``documents`` (with ``options``) as JSON."""
    body: dict[str, Any] = {"documents": documents}
    if options is not None:
        body["options"] = options
    return client.post(BATCH, data=json.dumps(body), content_type="application/json")


def check_result(result: dict[str, Any], source: str | None = None) -> None:
    """Check a 200 result as a single reply: offsets index the returned text (pages) or the given one."""
    text = result.get("text", source)
    assert text is not None
    assert_consistent(result, text)


def test_mixed_batch_answers_each_document_in_order(client: FlaskClient, contract: Contract) -> None:
    """Good texts and pages get 200 results; bad ones get their own problem; order and ids are kept."""
    documents = [
        {"id": "text", "text": SHORT},
        {"id": "page", "html": BRIEF},
        {"id": "missing"},
        {"id": "empty-page", "html": "<html><body></body></html>"},
        {"id": "text", "text": SNIPPET},
        "not an object",
        {"id": "snippet", "text": SNIPPET},
    ]
    response = contract.check(post_batch(client, documents), request=False)
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [
        ("text", 200),
        ("page", 200),
        ("missing", 422),
        ("empty-page", 422),
        ("text", 422),
        (None, 422),
        ("snippet", 200),
    ]
    check_result(results[0], SHORT)
    check_result(results[1])
    check_result(results[6], SNIPPET)
    assert set(results[2]["problem"]["errors"]) == {"text", "html"}
    assert results[3]["problem"]["type"] == NO_ARTICLE_TEXT
    assert list(results[4]["problem"]["errors"]) == ["id"]
    assert results[5]["problem"]["errors"] == {"body": ["Invalid input type."]}


def test_results_equal_single_requests(client: FlaskClient, contract: Contract) -> None:
    """Each document's quotes, speakers and chars are what POST /v1/quotes answers for it alone."""
    documents = [{"id": seed.stem, "text": seed.read_text(encoding="utf-8")} for seed in SEEDS]
    documents += [{"id": "snippet", "text": SNIPPET}, {"id": "pier", "html": PIER}]
    batch = contract.check(post_batch(client, documents)).get_json()
    for document, result in zip(documents, batch["results"], strict=True):
        single = client.post("/v1/quotes", json={k: v for k, v in document.items() if k != "id"}).get_json()
        assert result["status"] == 200
        assert result["quotes"] == single["quotes"]
        assert result["speakers"] == single["speakers"]
        assert result.get("text") == single.get("text")
        run_meta = ("model", "version", "elapsed_ms")
        assert result["meta"] == {k: v for k, v in single["meta"].items() if k not in run_meta}
    assert batch["meta"]["model"] == single["meta"]["model"]
    assert batch["meta"]["version"] == single["meta"]["version"]


def test_options_apply_to_every_document(client: FlaskClient, contract: Contract) -> None:
    """Top-level kinds and min_confidence filter each result."""
    documents = [{"id": "pier", "html": PIER}, {"id": "seed", "text": SEEDS[0].read_text(encoding="utf-8")}]
    options = {"kinds": ["direct"], "min_confidence": 0.5}
    results = contract.check(post_batch(client, documents, options)).get_json()["results"]
    assert all(r["quotes"] for r in results)
    for result in results:
        assert all(q["kind"] == "direct" and q["confidence"] >= 0.5 for q in result["quotes"])


def test_per_document_options_are_refused(client: FlaskClient, contract: Contract) -> None:
    """Options belong to the whole batch: a document that carries its own fails alone."""
    documents = [{"id": "a", "text": SHORT, "options": {"kinds": ["direct"]}}, {"id": "b", "text": SHORT}]
    results = contract.check(post_batch(client, documents), request=False).get_json()["results"]
    assert [r["status"] for r in results] == [422, 200]
    assert results[0]["problem"]["type"] == VALIDATION_ERROR
    assert "options" in results[0]["problem"]["errors"]


def test_valid_documents_are_analysed_in_one_core_call(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The texts of the valid documents (pages read first) reach extract_quotes_many together, in order."""
    calls: list[tuple[list[str], Any]] = []

    def many(texts: list[str], *, nlp: Any, kinds: Collection[str] | None = None, **_: Any) -> list[Extraction]:
        """Record the call and find nothing."""
        calls.append((list(texts), kinds))
        return [Extraction() for _ in texts]

    monkeypatch.setattr("service.batch.extract_quotes_many", many)
    documents = [{"id": "a", "text": SHORT}, {"id": "b"}, {"id": "c", "html": BRIEF}, {"id": "d", "text": SNIPPET}]
    results = post_batch(client, documents, {"kinds": ["partial"]}).get_json()["results"]
    assert len(calls) == 1
    texts, kinds = calls[0]
    assert texts == [SHORT, results[2]["text"], SNIPPET]
    assert kinds == ["partial"]


@pytest.mark.parametrize(("count", "status"), [(3, 200), (4, 413)])
def test_more_documents_than_the_limit_is_413(make_app: Any, contract: Contract, count: int, status: int) -> None:
    """Up to MAX_BATCH_DOCUMENTS documents are taken; one more refuses the whole batch."""
    client = make_app(MAX_BATCH_DOCUMENTS=3).test_client()
    response = contract.check(post_batch(client, [{"id": str(i), "text": SHORT} for i in range(count)]))
    assert response.status_code == status
    if status == 413:
        problem = contract.check_problem(response, 413)
        assert problem["type"] == BATCH_TOO_LARGE
        assert "3" in problem["detail"]


def test_documents_over_the_total_are_413(make_app: Any, contract: Contract) -> None:
    """Documents that together hold more than MAX_TEXT_CHARS characters refuse the whole batch."""
    client = make_app(MAX_TEXT_CHARS=100).test_client()
    fits = [{"id": "a", "text": "é" * 60}, {"id": "b", "text": "é" * 40}]
    assert contract.check(post_batch(client, fits)).status_code == 200
    response = contract.check(post_batch(client, [*fits, {"id": "c", "html": "<p>x</p>"}]))
    problem = contract.check_problem(response, 413)
    assert problem["type"] == BATCH_TOO_LARGE
    assert "108" in problem["detail"]


def test_too_long_document_fails_alone_and_does_not_count(make_app: Any, contract: Contract) -> None:
    """A document over MAX_TEXT_CHARS gets a 413 result; it is left out of the batch's total."""
    client = make_app(MAX_TEXT_CHARS=100).test_client()
    documents = [{"id": "long", "text": "x" * 101}, {"id": "page", "html": "<p>" + "y" * 120 + "</p>"}]
    documents += [{"id": "fits", "text": "é" * 100}]
    results = contract.check(post_batch(client, documents)).get_json()["results"]
    assert [r["status"] for r in results] == [413, 413, 200]
    assert [r["problem"]["type"] for r in results[:2]] == [TEXT_TOO_LONG, TEXT_TOO_LONG]
    assert "html" in results[1]["problem"]["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "documents"),
        ({"documents": []}, "documents"),
        ({"documents": None}, "documents"),
        ({"documents": "a"}, "documents"),
        ({"documents": {"id": "a", "text": "b"}}, "documents"),
        ({"documents": [{"id": "a", "text": "b"}], "extra": 1}, "extra"),
        ({"documents": [{"id": "a", "text": "b"}], "options": {"kinds": ["hearsay"]}}, "options.kinds.0"),
        ({"documents": [{"id": "a", "text": "b"}], "options": None}, "options"),
        ({"text": "a"}, "text"),
        ([], "body"),
        (None, "body"),
    ],
)
def test_invalid_envelope_is_422(client: FlaskClient, contract: Contract, body: Any, field: str) -> None:
    """A body that is not a list of documents with valid options fails as a whole, naming the field."""
    raw = json.dumps(body).encode("ascii")
    response = contract.check(client.post(BATCH, data=raw, content_type="application/json"), request=False)
    problem = contract.check_problem(response, 422)
    assert problem["type"] == VALIDATION_ERROR
    assert field in problem["errors"], problem["errors"]


@pytest.mark.parametrize(
    ("document", "field", "echoed"),
    [
        ({"text": SHORT}, "id", None),
        ({"id": "", "text": SHORT}, "id", None),
        ({"id": 7, "text": SHORT}, "id", None),
        ({"id": "x" * 257, "text": SHORT}, "id", None),
        ({"id": "a", "text": SHORT, "html": BRIEF}, "body", "a"),
        ({"id": "a", "text": ""}, "text", "a"),
        ({"id": "a", "html": 5}, "html", "a"),
        ({"id": "a", "text": None}, "text", "a"),
    ],
)
def test_invalid_document_fails_alone(
    client: FlaskClient, contract: Contract, document: Any, field: str, echoed: str | None
) -> None:
    """An invalid document gets a 422 result naming its field (and its id when valid); the other is analysed."""
    response = contract.check(post_batch(client, [document, {"id": "ok", "text": SHORT}]), request=False)
    first, second = response.get_json()["results"]
    assert (first["id"], first["status"], first["problem"]["status"]) == (echoed, 422, 422)
    assert field in first["problem"]["errors"], first["problem"]["errors"]
    assert second["status"] == 200


def test_pages_share_one_deadline(make_app: Any, contract: Contract) -> None:
    """A page that eats the batch's reading time fails, so do the pages after it; texts are still analysed."""
    client = make_app(HTML_TIMEOUT_SECONDS=1.0).test_client()
    documents = [
        {"id": "hostile", "html": HOSTILE["many-attributes"]},
        {"id": "late-page", "html": BRIEF},
        {"id": "text", "text": SHORT},
    ]
    results = contract.check(post_batch(client, documents)).get_json()["results"]
    assert [r["status"] for r in results] == [422, 422, 200]
    assert [r["problem"]["type"] for r in results[:2]] == [HTML_NOT_READ, HTML_NOT_READ]
    assert "ran out" in results[1]["problem"]["detail"]


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("text/plain", SHORT.encode(), 415),
        ("text/html", BRIEF.encode(), 415),
        (None, b"{}", 415),
        ("application/json", b'{"documents": [', 400),
        ("application/json", b"[" * 100_000, 400),
    ],
    ids=["text-plain", "text-html", "no-type", "unclosed", "deep"],
)
def test_body_that_is_not_a_json_batch_fails_whole(
    client: FlaskClient, contract: Contract, content_type: str | None, body: bytes, status: int
) -> None:
    """Only application/json is taken (415 otherwise, with Accept-Post); malformed JSON is 400."""
    headers = {"Content-Type": content_type} if content_type else {}
    response = contract.check(client.post(BATCH, data=body, headers=headers), request=False)
    problem = contract.check_problem(response, status)
    if status == 415:
        assert response.headers["Accept-Post"] == "application/json"
    else:
        assert problem["type"] == MALFORMED_BODY


def test_body_over_max_content_length_is_413(make_app: Any, contract: Contract) -> None:
    """The batch's body has the same limit as a single request's."""
    app = make_app(MAX_TEXT_CHARS=10)
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = json.dumps({"documents": [{"id": "a", "text": "x" * limit}]})
    response = app.test_client().post(BATCH, data=body, content_type="application/json")
    contract.check_problem(contract.check(response, request=False), 413)


def test_batch_without_model_is_503(make_app: Any, contract: Contract) -> None:
    """Before the model is loaded the batch route answers 503 like the single one."""
    client = make_app(NLP=None, LOAD_MODEL=False).test_client()
    response = contract.check(post_batch(client, [{"id": "a", "text": SHORT}]))
    assert contract.check_problem(response, 503)["type"] == NOT_READY


def test_core_crash_is_500_for_the_batch(
    client: FlaskClient, contract: Contract, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in the core is the service's fault: a 500 problem, not a document's."""

    def crash(texts: Any, **kwargs: Any) -> Any:
        """Fail like a bug would."""
        raise RuntimeError("internal detail that must stay private")

    monkeypatch.setattr("service.batch.extract_quotes_many", crash)
    response = contract.check(post_batch(client, [{"id": "a", "text": SHORT}]))
    contract.check_problem(response, 500)
    assert "internal detail" not in response.get_data(as_text=True)


def test_batch_text_is_never_logged(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    """Even at DEBUG, no log record holds a document's text or page."""
    marker = "Zanzibarian-marker-sentence-that-must-not-leak"
    documents = [
        {"id": "a", "text": f'He said: "{marker}."'},
        {"id": "b", "html": f"<html><body><article><p>{marker} said the mayor.</p></article></body></html>"},
        {"id": "c", "html": f"<script>{marker}</script>"},
    ]
    with caplog.at_level(logging.DEBUG):
        assert post_batch(client, documents).status_code == 200
    assert caplog.records
    assert not [r for r in caplog.records if marker in r.getMessage()]
