"""The quotes web service: ``create_app`` builds the Flask application around the extraction core.

Flask is imported inside ``create_app`` so that importing ``service.extraction`` alone stays free of
web-framework modules.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)

DISTRIBUTION = "quote-api"


def package_version() -> str:
    """Return the installed version of this service."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings are DEFAULTS < QUOTES_* environment < ``config``.

    Extra keys ``config`` may hold: ``NLP``, an already-loaded spaCy pipeline used instead of loading
    ``MODEL``, and ``STANCE``, an already-loaded stance model used instead of loading ``STANCE_MODEL``
    (tests share both per session); and ``LOAD_MODEL=False`` to start without models (``/readyz``,
    ``/v1/quotes`` and ``/v1/stance`` then answer 503).
    """
    from flask import Flask

    from . import batch, docs, errors, health, observability, quotes, stance
    from .config import from_env, max_content_length
    from .extraction import load_pipeline
    from .extraction.target_stance import load_stance_model
    from .logs import configure_logging

    app = Flask(__name__, static_folder=None)
    app.config.update(from_env())
    app.config["LOAD_MODEL"] = True
    settings = dict(config or {})
    nlp = settings.pop("NLP", None)
    scorer = settings.pop("STANCE", None)
    app.config.update(settings)
    if app.config.get("MAX_CONTENT_LENGTH") is None:
        app.config["MAX_CONTENT_LENGTH"] = max_content_length(app.config["MAX_TEXT_CHARS"])
    app.json.sort_keys = False  # type: ignore[attr-defined]
    configure_logging(app.config["LOG_LEVEL"])

    if nlp is None and app.config["LOAD_MODEL"]:
        nlp = load_pipeline(app.config["MODEL"])
    if nlp is not None and nlp.max_length < app.config["MAX_TEXT_CHARS"]:
        nlp.max_length = app.config["MAX_TEXT_CHARS"]
    if scorer is None and app.config["LOAD_MODEL"]:
        scorer = load_stance_model(app.config["STANCE_MODEL"] or None)
    app.extensions["nlp"] = nlp
    app.extensions["stance"] = scorer

    observability.register(app)
    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(quotes.bp)
    app.register_blueprint(stance.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(batch.bp)
    log.info(
        "service %s ready to start (models loaded: %s)", package_version(), nlp is not None and scorer is not None
    )
    return app
