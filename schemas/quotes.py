"""Request and response schemas of POST /v1/quotes."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

KINDS: tuple[str, ...] = ("direct", "partial", "indirect")
SPEAKER_KINDS: tuple[str, ...] = ("person", "organization", "group")


def _valid_unicode(text: str) -> None:
    """Reject strings holding lone surrogates, which no UTF-8 text can contain."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Must be valid Unicode text (no lone surrogates).") from None


class OptionsSchema(Schema):
    """What to return: which kinds of quote, and how sure the service must be."""

    class Meta:
        unknown = RAISE

    kinds = fields.List(
        fields.String(validate=validate.OneOf(KINDS)),
        validate=validate.Length(min=1),
        metadata={"description": "Kinds of quote to return. Default: all kinds."},
    )
    min_confidence = fields.Float(
        load_default=0.0,
        allow_nan=False,
        validate=validate.Range(min=0.0, max=1.0),
        metadata={"description": "Drop quotes whose confidence is below this."},
    )


class QuoteRequestSchema(Schema):
    """The JSON form of the request: the article text and options."""

    class Meta:
        unknown = RAISE

    text = fields.String(
        required=True,
        validate=[validate.Length(min=1), _valid_unicode],
        metadata={"description": "The article, paragraphs separated by blank lines."},
    )
    options = fields.Nested(OptionsSchema, load_default=dict)


class SpanSchema(Schema):
    """A piece of the submitted text: text == input[start:end] (offsets in Unicode code points)."""

    text = fields.String(required=True)
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=0))


class CueSchema(SpanSchema):
    """The reporting expression of an attribution, e.g. "was quoted as saying"."""

    lemma = fields.String(required=True, metadata={"description": "Lemma of the reporting verb."})
    type = fields.String(
        required=True,
        validate=validate.OneOf(["speech", "thought", "writing"]),
        metadata={"description": "What the cue reports: speech (said), thought (believes) or writing (wrote)."},
    )


class QuoteSpeakerSchema(Schema):
    """The speaker of one quote and the mention that attributes the quote to them."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    mention = fields.Nested(SpanSchema, required=True, allow_none=True)


class QuoteSchema(Schema):
    """One quotation found in the article."""

    id = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    text = fields.String(required=True)
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=0))
    paragraph = fields.Integer(required=True, validate=validate.Range(min=0))
    speaker = fields.Nested(QuoteSpeakerSchema, required=True, allow_none=True)
    cue = fields.Nested(CueSchema, required=True, allow_none=True)
    confidence = fields.Float(required=True, validate=validate.Range(min=0.0, max=1.0))


class RoleSchema(SpanSchema):
    """A title with its affiliation, as written next to a mention of the speaker."""

    title = fields.String(required=True)
    affiliation = fields.String(required=True, allow_none=True)


class SpeakerSchema(Schema):
    """One person, organization or group, merged across the article."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    roles = fields.List(fields.Nested(RoleSchema), required=True)
    mentions = fields.List(fields.Nested(SpanSchema), required=True)
    quote_ids = fields.List(fields.String(), required=True)


class MetaSchema(Schema):
    """How the reply was made."""

    model = fields.String(required=True, metadata={"description": "spaCy pipeline and version."})
    version = fields.String(required=True, metadata={"description": "Version of this service."})
    chars = fields.Integer(required=True, metadata={"description": "Characters in the submitted text."})
    elapsed_ms = fields.Integer(required=True, metadata={"description": "Time spent extracting."})


class QuoteResponseSchema(Schema):
    """The quotes found in an article and the speakers they are attributed to."""

    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    meta = fields.Nested(MetaSchema, required=True)


def load_request(payload: Any) -> dict[str, Any]:
    """Validate a decoded request body; raise marshmallow.ValidationError when it is invalid."""
    return QuoteRequestSchema().load(payload)
