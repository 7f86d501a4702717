"""GET /openapi.yaml serves the committed contract; GET /docs shows it in Swagger UI, all offline.

Swagger UI's JavaScript and CSS come from the swagger-ui-bundle-v2 package (Swagger UI 5, which reads
OpenAPI 3.1) and are served under /docs/, so the page needs no CDN.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, render_template_string, send_file, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

from schemas.openapi import SPEC_PATH

bp = Blueprint("docs", __name__)

SPEC_MEDIA_TYPE = "application/yaml"
ASSETS_DIR = Path(str(swagger_ui_path))
#: Browsers may keep Swagger UI's files this long (seconds); they change only with the package.
ASSET_MAX_AGE = 24 * 60 * 60

PAGE = """<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Quote API</title>
    <link rel="stylesheet" href="{{ url_for('docs.asset', filename='swagger-ui.css') }}">
    <link rel="icon" type="image/png" sizes="32x32" href="{{ url_for('docs.asset', filename='favicon-32x32.png') }}">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="{{ url_for('docs.asset', filename='swagger-ui-bundle.js') }}"></script>
    <script>
      window.onload = function () {
        window.ui = SwaggerUIBundle({url: {{ spec_url|tojson }}, dom_id: "#swagger-ui", validatorUrl: null});
      };
    </script>
  </body>
</html>
"""


@bp.get("/openapi.yaml")
def openapi() -> Response:
    """Serve the committed OpenAPI document."""
    return send_file(SPEC_PATH, mimetype=SPEC_MEDIA_TYPE)


@bp.get("/docs")
def page() -> str:
    """Serve the Swagger UI page, pointed at /openapi.yaml."""
    return render_template_string(PAGE, spec_url=url_for("docs.openapi"))


@bp.get("/docs/<path:filename>")
def asset(filename: str) -> Response:
    """Serve one of Swagger UI's files; 404 for anything outside the package's folder."""
    return send_from_directory(ASSETS_DIR, filename, max_age=ASSET_MAX_AGE)
