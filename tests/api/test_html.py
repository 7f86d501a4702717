"""POST /v1/quotes with an HTML page: the reply holds the extracted text, and every offset indexes it."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from schemas.problems import HTML_NOT_READ, MALFORMED_BODY, NO_ARTICLE_TEXT, TEXT_TOO_LONG, VALIDATION_ERROR
from tests.api.test_quotes import assert_consistent
from tests.helpers import PAGES, Contract

PIER = (PAGES / "pier.html").read_text(encoding="utf-8")
BRIEF = (PAGES / "council-brief.html").read_text(encoding="utf-8")
HTML_TYPES = ["text/html", "text/html; charset=utf-8", "text/html;charset=UTF-8"]
P = "<p>The mayor said the bridge would open in May, after two years of repairs and delays.</p>"
#: Hostile pages: each must give an answer (200 or a 4xx problem), never a 500 or a hang.
HOSTILE = {
    "deep-nesting": "<html><body>" + "<div>" * 80_000 + P + "</div>" * 80_000 + "</body></html>",
    "unclosed-nesting": "<html><body>" + "<div><span>" * 50_000 + P,
    "huge-attribute": '<html><body><div class="' + "x" * 300_000 + '">' + P * 3 + "</div></body></html>",
    "many-attributes": "<html><body><div " + " ".join(f"a{i}=1" for i in range(40_000)) + ">" + P + "</div></body>",
    "entity-flood": "<html><body><p>" + "&amp;&#x1F600;&nbsp;" * 2_000 + "</p></body></html>",
    "comment-flood": "<html><body><!--" + "-" * 200_000 + P + "</body></html>",
    "control-chars": "<html><body><p>" + "\x00\x01\x0b\ufffe" * 10_000 + "</p>" + P + "</body></html>",
    "xml-declaration": '<?xml version="1.0" encoding="iso-8859-1"?><html><body>' + P + "</body></html>",
    "not-html": "{" * 10_000 + '"json": true' + "}" * 10_000,
}


def post_html(client: FlaskClient, html: str, options: dict[str, Any] | None = None) -> Any:
    """POST ``html`` as the JSON field html."""
    body: dict[str, Any] = {"html": html}
    if options is not None:
        body["options"] = options
    return client.post("/v1/quotes", json=body)


@pytest.mark.parametrize("page", [PIER, BRIEF], ids=["pier", "brief"])
def test_html_page_reply_holds_the_extracted_text_and_offsets_index_it(
    client: FlaskClient, contract: Contract, page: str
) -> None:
    """A page sent as html gets a 200 whose offsets slice the returned text, not the HTML."""
    reply = contract.check(post_html(client, page)).get_json()
    text = reply["text"]
    assert "<" not in text
    assert reply["quotes"], "the page's quotes are found"
    assert_consistent(reply, text)


def test_quotes_of_a_page_are_attributed(client: FlaskClient) -> None:
    """The pier story's quotes go to the people who said them."""
    reply = post_html(client, PIER).get_json()
    speakers = {q["text"].split(",")[0]: q["speaker"] and q["speaker"]["name"] for q in reply["quotes"]}
    assert speakers["The pier is the heart of this town"] == "Marguerite Osei"
    assert speakers["We are building a pier while the sea walls crumble"] == "Tomas Rehak"


def test_reply_fields_are_text_first_then_as_for_text(client: FlaskClient) -> None:
    """An HTML reply lists text, quotes, speakers, meta in that order."""
    assert list(json.loads(post_html(client, BRIEF).get_data())) == ["text", "quotes", "speakers", "meta"]


@pytest.mark.parametrize(
    ("page", "found"),
    [
        (PIER, {"title": "Harbour town votes to rebuild its pier", "author": "Priya Nandakumar", "date": "2023-09-14"}),
        (BRIEF, {"title": "Library hours extended"}),
    ],
    ids=["all", "title-only"],
)
def test_meta_holds_the_page_metadata_that_was_found(client: FlaskClient, page: str, found: dict[str, str]) -> None:
    """title, author and date are in meta when the page gives them, and absent otherwise."""
    meta = post_html(client, page).get_json()["meta"]
    assert {k: meta[k] for k in ("title", "author", "date") if k in meta} == found


def test_meta_of_a_text_request_has_no_page_fields(client: FlaskClient) -> None:
    """Plain text requests keep their reply: no text echo, no page metadata."""
    reply = client.post("/v1/quotes", json={"text": 'She said: "Yes."'}).get_json()
    assert "text" not in reply
    assert not {"title", "author", "date"} & set(reply["meta"])


def test_html_gives_the_same_quotes_as_its_extracted_text(client: FlaskClient) -> None:
    """Sending the page or the text extracted from it is the same request for the core."""
    by_html = post_html(client, PIER).get_json()
    by_text = client.post("/v1/quotes", json={"text": by_html["text"]}).get_json()
    assert by_html["quotes"] == by_text["quotes"]
    assert by_html["speakers"] == by_text["speakers"]


@pytest.mark.parametrize("content_type", HTML_TYPES)
def test_text_html_body_is_the_same_request(client: FlaskClient, contract: Contract, content_type: str) -> None:
    """A UTF-8 text/html body is read like {"html": body}."""
    response = contract.check(client.post("/v1/quotes", data=BRIEF.encode("utf-8"), content_type=content_type))
    by_body = response.get_json()
    by_json = post_html(client, BRIEF).get_json()
    for reply in (by_body, by_json):
        reply["meta"].pop("elapsed_ms")
    assert by_body == by_json


def test_options_apply_to_pages(client: FlaskClient, contract: Contract) -> None:
    """kinds and min_confidence filter the quotes of a page as of a text."""
    reply = contract.check(post_html(client, PIER, {"kinds": ["indirect"]})).get_json()
    assert all(q["kind"] == "indirect" for q in reply["quotes"])


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"text": "a", "html": "<p>a</p>"}, {"body"}),
        ({}, {"text", "html"}),
        ({"options": {}}, {"text", "html"}),
        ({"html": ""}, {"html"}),
        ({"html": None}, {"html"}),
        ({"html": ["<p>"]}, {"html"}),
        ({"html": "<p>\ud800</p>"}, {"html"}),
        ({"text": "", "html": "<p>a</p>"}, {"text"}),
    ],
    ids=["both", "neither", "options-only", "empty-html", "null-html", "list-html", "surrogate", "empty-text-and-html"],
)
def test_exactly_one_of_text_and_html_is_required(
    client: FlaskClient, contract: Contract, body: Any, fields: set[str]
) -> None:
    """Both or neither of text and html, or an invalid html, is a 422 naming the fields."""
    raw = json.dumps(body).encode("ascii")
    response = contract.check(client.post("/v1/quotes", data=raw, content_type="application/json"), request=False)
    problem = contract.check_problem(response, 422)
    assert problem["type"] == VALIDATION_ERROR
    assert fields <= set(problem["errors"]), problem["errors"]


@pytest.mark.parametrize(
    "page",
    ["<html><body></body></html>", "plain words without any markup", (PAGES / "empty.html").read_text("utf-8")],
    ids=["empty-body", "no-markup", "script-app"],
)
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text-html"])
def test_page_without_article_text_is_422(client: FlaskClient, contract: Contract, page: str, as_json: bool) -> None:
    """A page with no text to extract is a 422 no-article-text problem about html."""
    if as_json:
        response = post_html(client, page)
    else:
        response = client.post("/v1/quotes", data=page.encode("utf-8"), content_type="text/html")
    problem = contract.check_problem(contract.check(response), 422)
    assert problem["type"] == NO_ARTICLE_TEXT
    assert list(problem["errors"]) == ["html"]


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text-html"])
def test_html_over_the_limit_is_413(make_app: Any, contract: Contract, as_json: bool) -> None:
    """HTML longer than MAX_TEXT_CHARS is a 413 before it is read; HTML at the limit is read."""
    client = make_app(MAX_TEXT_CHARS=len(BRIEF)).test_client()

    def post(html: str) -> Any:
        """POST ``html`` in the parametrized form."""
        if as_json:
            return post_html(client, html)
        return client.post("/v1/quotes", data=html.encode("utf-8"), content_type="text/html")

    assert contract.check(post(BRIEF)).status_code == 200
    problem = contract.check_problem(contract.check(post(BRIEF + " ")), 413)
    assert problem["type"] == TEXT_TOO_LONG
    assert "html" in problem["detail"]


def test_text_html_in_another_charset_is_415(client: FlaskClient, contract: Contract) -> None:
    """Like text/plain, text/html bodies are taken as UTF-8 only."""
    response = client.post("/v1/quotes", data=BRIEF.encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    contract.check_problem(contract.check(response, request=False), 415)
    assert "text/html" in response.headers["Accept-Post"]


def test_text_html_that_is_not_utf8_is_400(client: FlaskClient, contract: Contract) -> None:
    """A text/html body that does not decode as UTF-8 is a 400 problem."""
    response = client.post("/v1/quotes", data="<p>café</p>".encode("latin-1"), content_type="text/html")
    assert contract.check_problem(contract.check(response, request=False), 400)["type"] == MALFORMED_BODY


@pytest.fixture(scope="module")
def hostile_app(nlp: Any) -> Flask:
    """An app that gives each page one second, so hostile pages are cut short quickly."""
    from service import create_app

    return create_app({"TESTING": True, "NLP": nlp, "HTML_TIMEOUT_SECONDS": 1.0})


@pytest.mark.parametrize("page", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_gets_an_answer_not_a_500(hostile_app: Flask, contract: Contract, page: str) -> None:
    """Deep nesting, huge or many attributes and junk give a 200 or a 422, within the page's deadline."""
    response = contract.check(post_html(hostile_app.test_client(), page))
    assert response.status_code in (200, 422), response.get_data(as_text=True)
    if response.status_code == 422:
        assert contract.check_problem(response, 422)["type"] in (NO_ARTICLE_TEXT, HTML_NOT_READ)
    else:
        assert_consistent(response.get_json(), response.get_json()["text"])


def test_page_past_its_deadline_is_422_html_not_read(hostile_app: Flask, contract: Contract) -> None:
    """A page that would take minutes to read is a 422 html-not-read problem."""
    response = contract.check(post_html(hostile_app.test_client(), HOSTILE["many-attributes"]))
    problem = contract.check_problem(response, 422)
    assert problem["type"] == HTML_NOT_READ
    assert "1 seconds" in problem["errors"]["html"][0]


def test_page_after_the_reader_pool_broke_is_answered(client: FlaskClient, contract: Contract) -> None:
    """A helper pool that pebble marked broken (a worker died before taking its page) is replaced: 200, not 500."""
    from concurrent.futures.process import BrokenProcessPool

    from service import html

    assert post_html(client, PIER).status_code == 200
    html._WORKERS.get()._pool_manager.handle_broken_pool(BrokenProcessPool("All workers expired"))
    response = contract.check(post_html(client, PIER))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["quotes"]


def test_page_text_is_never_logged(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    """Even at DEBUG, no log record holds the page or its text, read or not."""
    marker = "Zanzibarian-marker-sentence-that-must-not-leak"
    page = f'<html><body><article><p>"{marker}," the mayor said.</p><p>{marker}</p></article></body></html>'
    with caplog.at_level(logging.DEBUG):
        assert post_html(client, page).status_code == 200
        assert post_html(client, f"<html><body><script>{marker}</script></body></html>").status_code == 422
    assert caplog.records
    assert not [r for r in caplog.records if marker in r.getMessage()]
