"""Stance schemas: the stance object of every quote, and POST /v1/stance."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from schemas.text import valid_unicode

POLARITY_LABELS = ("negative", "neutral", "positive")
COMMITMENT_LABELS = ("asserted", "hedged", "denied")
FRAMING_LABELS = ("neutral", "distancing", "endorsing", "emphatic", "tentative", "critical")
TARGET_LABELS = ("against", "neutral", "favor")
TARGET_SOURCES = ("caller", "quote", "context")
#: Most targets one request may name.
MAX_TARGETS = 50
#: Longest target name, in characters.
MAX_TARGET_CHARS = 200


class PolaritySchema(Schema):
    """The tone of the words themselves."""

    label = fields.String(required=True, validate=validate.OneOf(POLARITY_LABELS))
    score = fields.Float(
        required=True,
        validate=validate.Range(min=-1.0, max=1.0),
        metadata={"description": "VADER's compound score: -1 most negative, 1 most positive."},
    )


class CommitmentSchema(Schema):
    """How firmly the speaker stands behind the words."""

    label = fields.String(required=True, validate=validate.OneOf(COMMITMENT_LABELS))
    score = fields.Float(
        required=True,
        validate=validate.Range(min=0.0, max=1.0),
        metadata={"description": "Certainty of the statement as spoken: 0.75 plain, higher with boosters, lower with hedges."},
    )
    cues = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The words that decided it (hedges, denials, boosters; a thought verb such as 'believes')."},
    )


class FramingSchema(Schema):
    """How the writer's reporting verb frames the words."""

    label = fields.String(required=True, validate=validate.OneOf(FRAMING_LABELS))
    verb = fields.String(required=True, metadata={"description": "The reporting verb as written."})


class TargetStanceSchema(Schema):
    """The stance toward one target, and the mention that was read (null when it was not found)."""

    text = fields.String(required=True)
    start = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, allow_none=True, validate=validate.Range(min=0))
    label = fields.String(required=True, validate=validate.OneOf(TARGET_LABELS))
    score = fields.Float(
        required=True,
        validate=validate.Range(min=-1.0, max=1.0),
        metadata={"description": "P(favor) - P(against) from the stance model."},
    )
    confidence = fields.Float(
        required=True,
        validate=validate.Range(min=0.0, max=1.0),
        metadata={"description": "The model's probability for the label, lowered when read from context; 0 when the target was not found."},
    )
    source = fields.String(
        required=True,
        validate=validate.OneOf(TARGET_SOURCES),
        metadata={"description": "caller: named in the request; quote: named by the quote; context: the topic of the introducing sentence."},
    )


class StanceSchema(Schema):
    """Four separate answers about one quote."""

    polarity = fields.Nested(PolaritySchema, required=True)
    commitment = fields.Nested(CommitmentSchema, required=True)
    framing = fields.Nested(FramingSchema, required=True, allow_none=True)
    targets = fields.List(fields.Nested(TargetStanceSchema), required=True)


class TargetRequestSchema(Schema):
    """A target to judge: its name and, optionally, the offsets of one mention in the text."""

    class Meta:
        unknown = RAISE

    text = fields.String(
        required=True, validate=[validate.Length(min=1, max=MAX_TARGET_CHARS), valid_unicode]
    )
    start = fields.Integer(strict=True, validate=validate.Range(min=0), metadata={"description": "Offset of the mention."})
    end = fields.Integer(
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "End of the mention; at most the text's length (422 otherwise)."},
    )

    @validates_schema
    def _check_offsets(self, data: dict[str, Any], **_: Any) -> None:
        """Offsets come as a pair, in order."""
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise ValidationError("Give both start and end, or neither.", "start")
        if start is not None and end is not None and start >= end:
            raise ValidationError("start must be less than end.", "start")


class StanceRequestSchema(Schema):
    """A text the caller already has, and the targets to judge in it."""

    class Meta:
        unknown = RAISE

    text = fields.String(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "The text; like an article's, it may hold any code points, lone surrogates too."},
    )
    targets = fields.List(
        fields.Nested(TargetRequestSchema),
        load_default=list,
        validate=validate.Length(max=MAX_TARGETS),
        metadata={"description": "Targets in the order their answers should come back."},
    )

    @validates_schema
    def _check_target_offsets(self, data: dict[str, Any], **_: Any) -> None:
        """Every target's offsets fall inside the text."""
        errors = {
            index: {"end": [f"Must not exceed the text's length ({len(data['text'])})."]}
            for index, target in enumerate(data.get("targets", []))
            if target.get("end", 0) > len(data.get("text", ""))
        }
        if errors:
            raise ValidationError({"targets": errors})


class StanceResponseSchema(Schema):
    """The stance of a text: its tone, the commitment of whoever wrote it, and each target's stance."""

    polarity = fields.Nested(PolaritySchema, required=True)
    commitment = fields.Nested(CommitmentSchema, required=True)
    targets = fields.List(fields.Nested(TargetStanceSchema), required=True)


def load_stance_request(payload: Any) -> dict[str, Any]:
    """Validate a decoded /v1/stance body; raise marshmallow.ValidationError when it is invalid."""
    return StanceRequestSchema().load(payload)
