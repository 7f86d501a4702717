"""GET /openapi.yaml serves the committed contract; GET /docs serves Swagger UI from local files only."""

from __future__ import annotations

import re

import pytest
import yaml
from flask.testing import FlaskClient

from tests.helpers import SPEC_PATH, Contract

LOCAL_REFERENCE = re.compile(r'(?:src|href)="([^"]+)"')


def test_openapi_yaml_is_the_committed_file(client: FlaskClient) -> None:
    """The served document is byte for byte the committed openapi.yaml, as YAML."""
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.get_data() == SPEC_PATH.read_bytes()
    assert yaml.safe_load(response.get_data())["openapi"] == "3.1.0"


def test_docs_page_points_swagger_ui_at_the_spec(client: FlaskClient) -> None:
    """/docs is an HTML page that starts Swagger UI on /openapi.yaml with no online validator."""
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "SwaggerUIBundle(" in page
    assert 'url: "/openapi.yaml"' in page
    assert "validatorUrl: null" in page


def test_docs_page_loads_nothing_from_elsewhere(client: FlaskClient) -> None:
    """Every script, style sheet and icon of the page is served by the app itself (works offline)."""
    page = client.get("/docs").get_data(as_text=True)
    references = LOCAL_REFERENCE.findall(page)
    assert len(references) >= 3
    assert "http:" not in page and "https:" not in page
    for reference in references:
        assert reference.startswith("/docs/"), reference
        asset = client.get(reference)
        assert asset.status_code == 200, reference
        assert len(asset.get_data()) > 0


@pytest.mark.parametrize(
    ("filename", "mimetype", "marker"),
    [
        ("swagger-ui-bundle.js", "text/javascript", b"SwaggerUIBundle"),
        ("swagger-ui.css", "text/css", b".swagger-ui"),
    ],
)
def test_swagger_ui_files_are_served_from_the_package(
    client: FlaskClient, filename: str, mimetype: str, marker: bytes
) -> None:
    """Swagger UI's script and style sheet come with their media types and may be cached."""
    response = client.get(f"/docs/{filename}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert marker in response.get_data()
    assert response.cache_control.max_age and response.cache_control.max_age > 0


def test_swagger_ui_reads_openapi_3_1(client: FlaskClient) -> None:
    """The bundled Swagger UI knows OpenAPI 3.1 (version 5 on; 4.x shows "no valid version field" for our spec)."""
    assert b"isOAS31" in client.get("/docs/swagger-ui-bundle.js").get_data()


@pytest.mark.parametrize("path", ["/docs/missing.js", "/docs/../pyproject.toml", "/docs/%2e%2e/openapi.yaml"])
def test_other_paths_under_docs_are_404_problems(client: FlaskClient, contract: Contract, path: str) -> None:
    """Unknown files and attempts to leave Swagger UI's folder are 404 problems."""
    contract.check_problem(client.get(path), 404)
