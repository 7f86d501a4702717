"""QUOTES_REQUEST_TIMEOUT: an analysis that runs over is stopped with a 503 problem, and the next request is served."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from schemas.problems import TIMEOUT
from service.deadline import RETRY_AFTER_SECONDS
from tests.helpers import ARTICLE, Contract

#: About 200,000 characters: several seconds of analysis, far over the tiny timeout below.
SLOW = "\n\n".join([ARTICLE] * 1500)
QUICK = 'The minister said: "We are ready."'
TINY_TIMEOUT = 1.0


@pytest.fixture
def tight(make_app: Any) -> FlaskClient:
    """A client of an app whose analyses may take TINY_TIMEOUT seconds."""
    return make_app(REQUEST_TIMEOUT=TINY_TIMEOUT).test_client()


def check_timeout(contract: Contract, response: Any) -> None:
    """Check the 503 timeout problem: its type, its Retry-After, and the spec."""
    problem = contract.check_problem(contract.check(response), 503)
    assert problem["type"] == TIMEOUT
    assert f"{TINY_TIMEOUT:g} seconds" in problem["detail"]
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_a_request_over_the_timeout_is_503_and_the_next_one_is_served(tight: FlaskClient, contract: Contract) -> None:
    """The slow article is stopped; the pipeline it was using then answers a quick request in full."""
    check_timeout(contract, tight.post("/v1/quotes", json={"text": SLOW}))
    response = contract.check(tight.post("/v1/quotes", json={"text": QUICK}))
    assert response.status_code == 200
    assert [q["text"] for q in response.get_json()["quotes"]] == ["We are ready."]


def test_a_batch_over_the_timeout_is_503_as_a_whole(tight: FlaskClient, contract: Contract) -> None:
    """The batch shares one timeout for its analysis; running over it stops the whole batch."""
    body = {"documents": [{"id": "slow", "text": SLOW}, {"id": "quick", "text": QUICK}]}
    check_timeout(contract, tight.post("/v1/quotes/batch", data=json.dumps(body), content_type="application/json"))
    again = tight.post("/v1/quotes/batch", json={"documents": [{"id": "quick", "text": QUICK}]})
    assert [r["status"] for r in contract.check(again).get_json()["results"]] == [200]
