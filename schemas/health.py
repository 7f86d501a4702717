"""Schemas of the liveness and readiness probes."""

from __future__ import annotations

from marshmallow import Schema, fields


class HealthSchema(Schema):
    """The process is alive."""

    status = fields.String(required=True, metadata={"description": 'Always "ok".'})


class ReadySchema(HealthSchema):
    """The models are loaded and the service takes requests."""

    model = fields.String(required=True, metadata={"description": "spaCy pipeline and version."})
    stance_model = fields.String(required=True, metadata={"description": "Stance model and version."})
