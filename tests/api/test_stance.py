"""POST /v1/stance, and the stance object of every quote on POST /v1/quotes."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers import SEEDS, Contract

SENTENCE = "Voters praised Maria Lopez for her courage, while critics mocked Tom Reed as a coward."


def test_stance_returns_targets_in_the_order_given(client: FlaskClient, contract: Contract) -> None:
    """Each target gets its own answer, in the request's order, located where the caller said."""
    targets = [{"text": "Tom Reed", "start": 65, "end": 73}, {"text": "Maria Lopez", "start": 15, "end": 26}]
    response = contract.check(client.post("/v1/stance", json={"text": SENTENCE, "targets": targets}))
    assert response.status_code == 200
    reply = response.get_json()
    assert [(t["text"], t["start"], t["end"], t["source"]) for t in reply["targets"]] == [
        ("Tom Reed", 65, 73, "caller"),
        ("Maria Lopez", 15, 26, "caller"),
    ]
    assert [t["label"] for t in reply["targets"]] == ["against", "favor"]
    assert set(reply) == {"polarity", "commitment", "targets"}


def test_stance_finds_targets_by_name_when_offsets_are_missing(client: FlaskClient, contract: Contract) -> None:
    """A target without offsets is located by its name; one that is absent is neutral and unlocated."""
    targets = [{"text": "Maria Lopez"}, {"text": "Atlantis"}]
    reply = contract.check(client.post("/v1/stance", json={"text": SENTENCE, "targets": targets})).get_json()
    found, missing = reply["targets"]
    assert SENTENCE[found["start"] : found["end"]] == "Maria Lopez"
    assert (missing["start"], missing["label"], missing["confidence"]) == (None, "neutral", 0.0)


def test_stance_of_plain_text_has_no_targets(client: FlaskClient, contract: Contract) -> None:
    """A text/plain body is the text alone: tone and commitment, no targets."""
    response = contract.check(
        client.post("/v1/stance", data="I believe this may be a terrible mistake.", content_type="text/plain")
    )
    reply = response.get_json()
    assert reply["targets"] == []
    assert reply["polarity"]["label"] == "negative"
    assert reply["commitment"]["label"] == "hedged"


@pytest.mark.parametrize(
    ("targets", "field"),
    [
        ([{"text": "Maria", "start": 15}], "targets.0.start"),
        ([{"text": "Maria", "start": 20, "end": 15}], "targets.0.start"),
        ([{"text": "Maria", "start": 0, "end": 10_000}], "targets.0.end"),
        ([{"text": ""}], "targets.0.text"),
        ([{"text": "Maria", "colour": "red"}], "targets.0.colour"),
        ([{"text": f"T{i}"} for i in range(51)], "targets"),
    ],
)
def test_invalid_targets_are_422_with_field_errors(
    client: FlaskClient, contract: Contract, targets: list[dict[str, Any]], field: str
) -> None:
    """Bad offsets, empty names, unknown keys and too many targets are named in `errors`."""
    response = contract.check(client.post("/v1/stance", json={"text": SENTENCE, "targets": targets}), request=False)
    assert field in contract.check_problem(response, 422)["errors"]


def test_stance_text_over_the_limit_is_413(make_app: Any, contract: Contract) -> None:
    """The text limit of /v1/quotes holds here too."""
    client = make_app(MAX_TEXT_CHARS=20).test_client()
    response = contract.check(client.post("/v1/stance", json={"text": SENTENCE}))
    contract.check_problem(response, 413)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_quote_has_a_stance_with_caller_targets_first(
    client: FlaskClient, contract: Contract, seed: Any
) -> None:
    """Each quote's stance lists the caller's targets first, in order, and offsets slice the text."""
    text = seed.read_text(encoding="utf-8")
    body = {"text": text, "options": {"stance_targets": ["Russia", "North Korea"]}}
    reply = contract.check(client.post("/v1/quotes", json=body)).get_json()
    assert reply["quotes"]
    for quote in reply["quotes"]:
        targets = quote["stance"]["targets"]
        assert [t["text"] for t in targets[:2]] == ["Russia", "North Korea"]
        assert all(t["source"] == "caller" for t in targets[:2])
        assert all(t["source"] != "caller" for t in targets[2:])
        for target in targets:
            if target["start"] is not None:
                assert text[target["start"] : target["end"]].lower().startswith(target["text"][:4].lower())


@pytest.mark.parametrize(
    ("targets", "field"),
    [([""], "options.stance_targets.0"), (["x"] * 51, "options.stance_targets"), ("Russia", "options.stance_targets")],
)
def test_invalid_stance_targets_are_422(client: FlaskClient, contract: Contract, targets: Any, field: str) -> None:
    """stance_targets must be a short list of non-empty names."""
    body = {"text": "“We are ready,” Anna Berg said.", "options": {"stance_targets": targets}}
    response = contract.check(client.post("/v1/quotes", json=body), request=False)
    assert field in contract.check_problem(response, 422)["errors"]


def test_batch_quotes_have_stance_toward_the_batch_targets(client: FlaskClient, contract: Contract) -> None:
    """options.stance_targets of a batch apply to every document's quotes."""
    documents = [{"id": "a", "text": "“Freedonia has let us down again,” Anna Berg said."}]
    body = {"documents": documents, "options": {"stance_targets": ["Freedonia"]}}
    reply = contract.check(client.post("/v1/quotes/batch", json=body)).get_json()
    (quote,) = reply["results"][0]["quotes"]
    assert quote["stance"]["targets"][0]["text"] == "Freedonia"
    assert quote["stance"]["targets"][0]["source"] == "caller"


@pytest.mark.parametrize(
    "text",
    ['"' * 20_000, "(" * 20_000, "Lone \ud800 surrogate and NUL \x00 here.", "Zero\u200bwidth \u202eRTL\u202c and emoji 😀.\r\n"],
    ids=["quote-marks", "brackets", "surrogate-nul", "invisible-emoji-crlf"],
)
def test_stance_of_nasty_text_is_200(client: FlaskClient, text: str) -> None:
    """Pathological runs and odd characters get an answer, parsed through the same guarded copy as articles."""
    response = client.post("/v1/stance", json={"text": text, "targets": [{"text": "x", "start": 0, "end": 1}]})
    assert response.status_code == 200
    assert len(response.get_json()["targets"]) == 1
