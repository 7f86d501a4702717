"""Liveness and readiness probes."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify

from schemas.health import HealthSchema, ReadySchema
from schemas.problems import NOT_READY

from .errors import APIProblem
from .extraction import describe_pipeline

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    """Answer 200 while the process is alive."""
    return jsonify(HealthSchema().dump({"status": "ok"}))


@bp.get("/readyz")
def readyz() -> Response:
    """Answer 200 once both models are loaded, 503 before."""
    nlp, scorer = current_app.extensions.get("nlp"), current_app.extensions.get("stance")
    if nlp is None or scorer is None:
        raise APIProblem(503, "The language models are not loaded.", type=NOT_READY, title="Not ready")
    return jsonify(ReadySchema().dump({"status": "ok", "model": describe_pipeline(nlp), "stance_model": scorer.name}))
