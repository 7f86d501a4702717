"""A regression corpus of nasty inputs: each gets its status through the app, a reply per the spec, exact offsets.

The inputs are generated here: control, zero-width and direction characters, emoji, lone surrogates,
every line-ending style, other scripts, and short versions of the pathological runs of bench/pathological.py.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask.testing import FlaskClient

from service.logs import json_formatter
from tests.api.test_quotes import assert_consistent
from tests.helpers import Contract

SPOKEN = 'Mayor Ana Ruiz said: "We will rebuild the bridge."\n\n"It will cost less," Tom Baker told reporters.'

#: name -> article text. All are answered 200 and every offset indexes the text as sent.
NASTY: dict[str, str] = {
    "nul": "Ana Ruiz said: \"We\x00 will win.\"\x00\x00",
    "c0-controls": "".join(chr(c) for c in range(32)) + SPOKEN + "\x7f",
    "c1-controls": "".join(chr(c) for c in range(0x80, 0xA0)) + SPOKEN,
    "zero-width": SPOKEN.replace(" ", " \u200b") + "\ufeff\u2060",
    "joiners-in-words": SPOKEN.replace("e", "e\u200d").replace("o", "o\u00ad"),
    "byte-order-mark": "\ufeff" + SPOKEN,
    "direction-marks": "\u202e" + SPOKEN.replace("said", "\u200fsaid\u200e") + "\u2066\u2067\u2068\u2069\u202c",
    "emoji": SPOKEN.replace("bridge", "bridge 🌉👩🏽‍🔧🇺🇦") + " 🎉" * 50,
    "lone-surrogates": SPOKEN.replace("rebuild", "re\ud800build").replace("Tom", "\udfffTom") + "\udbff",
    "reversed-pair": '"\udc00\ud800 ok," he said.',
    "surrogates-only": "\ud800" * 300,
    "crlf": SPOKEN.replace("\n", "\r\n"),
    "cr-only": SPOKEN.replace("\n", "\r"),
    "unicode-separators": SPOKEN.replace("\n\n", "\u2029").replace(". ", ".\u2028") + "\x85\x0b\x0c",
    "tabs-and-nbsp": SPOKEN.replace(" ", "\t\u00a0"),
    "combining-marks": SPOKEN.replace("a", "a\u0301\u0316\u0334" * 5),
    "fullwidth-and-guillemets": "Ana Ruiz said: ＂We will win.＂ « Nous gagnerons », il a dit. „Wir siegen“.",
    "other-scripts": "قال الوزير: «سنفوز». 部长说：“我们会赢。” मंत्री ने कहा, “हम जीतेंगे।” " + SPOKEN,
    "whitespace-only": " \n\t\r\n ",
    "one-mark": '"',
    "unbalanced-marks": '“ ” " “ ”” «« »» „ ‟ \'\' ' + SPOKEN + ' " “',
    "long-quote": f'Ana Ruiz said: "{"We will rebuild the bridge, " * 2000}and soon."',
    "straight-quote-run": f'{SPOKEN}\n\n{chr(34) * 5000}\n\n{SPOKEN}',
    "apostrophe-run": SPOKEN + "'" * 5000 + SPOKEN,
    "curly-quote-run": SPOKEN + "“" * 2500 + "”" * 2500,
    "bracket-run": SPOKEN + "([{" * 2000 + SPOKEN,
    "spaced-quotes": SPOKEN + '" ' * 3000 + SPOKEN,
    "tiny-quotes": SPOKEN + '"ok" ' * 2000,
    "one-long-word": SPOKEN + "x" * 100_000 + SPOKEN,
    "short-lines": SPOKEN + "\na" * 5000,
    "nested-reports": "He said " * 1000 + "the bridge was closed.",
    "deep-nesting": "([{“‘«" * 1000 + "»’”}])" * 1000,
}


def encodable(text: str) -> bool:
    """Tell whether ``text`` can be sent as UTF-8 text/plain (lone surrogates cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def post(client: FlaskClient, text: str, *, as_json: bool) -> Any:
    """POST ``text`` as JSON (ASCII escapes, so lone surrogates travel) or as UTF-8 text/plain."""
    if as_json:
        return client.post("/v1/quotes", data=json.dumps({"text": text}), content_type="application/json")
    return client.post("/v1/quotes", data=text.encode("utf-8"), content_type="text/plain; charset=utf-8")


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text-plain"])
@pytest.mark.parametrize("name", NASTY)
def test_nasty_text_is_analysed_with_exact_offsets(
    client: FlaskClient, contract: Contract, name: str, as_json: bool
) -> None:
    """Each nasty text is a 200 that matches the spec, and every offset slices the text as sent."""
    text = NASTY[name]
    if not as_json and not encodable(text):
        pytest.skip("UTF-8 cannot carry lone surrogates; see test_surrogate_bytes_in_text_plain_are_400")
    response = contract.check(post(client, text, as_json=as_json))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert_consistent(response.get_json(), text)


@pytest.mark.parametrize("name", ["crlf", "lone-surrogates", "zero-width", "direction-marks", "emoji", "c0-controls"])
def test_quotes_around_nasty_characters_keep_their_speakers(client: FlaskClient, name: str) -> None:
    """The two quotes of the spoken snippet are still found and attributed around the nasty characters."""
    text = NASTY[name]
    reply = post(client, text, as_json=True).get_json()
    speakers = {s["id"]: s["name"] for s in reply["speakers"]}
    found = {q["text"]: speakers.get(q["speaker"]["id"]) if q["speaker"] else None for q in reply["quotes"] if q["kind"] == "direct"}
    assert len(found) == 2, found
    assert sorted(found.values()) == ["Ana Ruiz", "Tom Baker"], found


def test_crlf_paragraphs_are_counted_and_offsets_keep_the_carriage_returns(client: FlaskClient) -> None:
    """CRLF blank lines separate paragraphs; offsets count each \\r as the text/plain body holds it."""
    text = NASTY["crlf"]
    reply = post(client, text, as_json=False).get_json()
    quotes = [q for q in reply["quotes"] if q["kind"] == "direct"]
    assert [q["paragraph"] for q in quotes] == [0, 1]
    assert quotes[1]["start"] == text.index("It will cost less")


def test_lone_surrogates_come_back_as_sent(client: FlaskClient) -> None:
    """A quote holding a lone surrogate returns it (as a JSON escape), not U+FFFD."""
    text = NASTY["lone-surrogates"]
    response = post(client, text, as_json=True)
    assert b"\\ud800" in response.get_data()
    assert "We will re\ud800build the bridge." in [q["text"] for q in response.get_json()["quotes"]]


def test_surrogate_bytes_in_text_plain_are_400(client: FlaskClient, contract: Contract) -> None:
    """Encoded surrogates (CESU-8 bytes) are not UTF-8: a text/plain body holding them is a 400 problem."""
    body = 'He said "yes".'.encode() + b"\xed\xa0\x80"
    response = client.post("/v1/quotes", data=body, content_type="text/plain")
    contract.check_problem(contract.check(response, request=False), 400)


@pytest.mark.parametrize("name", ["lone-surrogates", "c1-controls", "direction-marks"])
def test_log_lines_of_nasty_requests_encode_as_utf8(client: FlaskClient, caplog: pytest.LogCaptureFixture, name: str) -> None:
    """Every log record of the request formats as a JSON line that UTF-8 can write."""
    with caplog.at_level(logging.DEBUG):
        post(client, NASTY[name], as_json=True)
    assert caplog.records
    formatter = json_formatter()
    for record in caplog.records:
        formatter.format(record).encode("utf-8")


def test_batch_takes_nasty_texts_with_exact_offsets(client: FlaskClient, contract: Contract) -> None:
    """The batch route answers every nasty text of the corpus with a 200 result and exact offsets."""
    names = [name for name in NASTY if len(NASTY[name]) < 20_000]
    body = {"documents": [{"id": name, "text": NASTY[name]} for name in names]}
    response = contract.check(client.post("/v1/quotes/batch", data=json.dumps(body), content_type="application/json"))
    results = response.get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [(name, 200) for name in names]
    for name, result in zip(names, results, strict=True):
        assert_consistent({**result, "meta": {"chars": result["meta"]["chars"]}}, NASTY[name])
