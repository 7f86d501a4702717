"""Request and response schemas of POST /v1/quotes."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from schemas.stance import MAX_TARGET_CHARS, MAX_TARGETS, StanceSchema
from schemas.text import valid_unicode

KINDS: tuple[str, ...] = ("direct", "partial", "indirect")
SPEAKER_KINDS: tuple[str, ...] = ("person", "organization", "group", "document", "other")
#: The fields an article may come in; a request gives exactly one of them.
SOURCES: tuple[str, ...] = ("text", "html")


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
    stance_targets = fields.List(
        fields.String(validate=[validate.Length(min=1, max=MAX_TARGET_CHARS), valid_unicode]),
        load_default=list,
        validate=validate.Length(max=MAX_TARGETS),
        metadata={
            "description": "People, organisations or places whose stance every quote is judged toward, "
            "first in each quote's stance.targets. A place also matches its adjective (Russia: Russian)."
        },
    )


class ArticleSchema(Schema):
    """An article given as plain text or as an HTML page: exactly one of ``text`` and ``html``."""

    class Meta:
        unknown = RAISE

    text = fields.String(
        validate=validate.Length(min=1),
        metadata={"description": "The article, paragraphs separated by blank lines."},
    )
    html = fields.String(
        validate=[validate.Length(min=1), valid_unicode],
        metadata={
            "description": "The article's web page. Its main text is extracted (navigation, comments and "
            "other boilerplate dropped), returned as `text`, and all offsets refer to it."
        },
    )

    @validates_schema
    def _one_source(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require exactly one of text and html."""
        given = [name for name in SOURCES if name in data]
        if not given:
            message = "Missing data for required field: give the article as text or as html."
            raise ValidationError({name: [message] for name in SOURCES})
        if len(given) > 1:
            raise ValidationError("Give the article as text or as html, not both.")


class QuoteRequestSchema(ArticleSchema):
    """The JSON form of the request: the article (text or HTML) and options."""

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
    stance = fields.Nested(StanceSchema, required=True)


class RoleSchema(SpanSchema):
    """A title with its affiliation, as written next to a mention of the speaker."""

    title = fields.String(required=True)
    affiliation = fields.String(required=True, allow_none=True)


class SpeakerSchema(Schema):
    """One person, organization, group, document or other source, merged across the article."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf(SPEAKER_KINDS),
        metadata={
            "description": "person; organization; group (several people, or a share of them: \"most voters\"); "
            "document (a report, poll, statement, law or recording: \"a new poll found\"); "
            "other (anything else said to say or show something)."
        },
    )
    roles = fields.List(fields.Nested(RoleSchema), required=True)
    mentions = fields.List(fields.Nested(SpanSchema), required=True)
    quote_ids = fields.List(fields.String(), required=True)


class RunMetaSchema(Schema):
    """How a reply was made: model, service version and time taken."""

    model = fields.String(required=True, metadata={"description": "spaCy pipeline and version."})
    version = fields.String(required=True, metadata={"description": "Version of this service."})
    elapsed_ms = fields.Integer(
        required=True, metadata={"description": "Time spent reading pages (HTML input) and extracting."}
    )


class DocumentMetaSchema(Schema):
    """The size of the text analysed and, for an HTML page, what the page says about itself."""

    chars = fields.Integer(required=True, metadata={"description": "Characters in the text analysed."})
    title = fields.String(metadata={"description": "Headline of the page (HTML input, when found)."})
    author = fields.String(metadata={"description": "Author(s) named by the page (HTML input, when found)."})
    date = fields.String(
        metadata={
            "description": "Publication date stated in the page's markup, YYYY-MM-DD (HTML input, when found).",
            "format": "date",
        }
    )


class MetaSchema(DocumentMetaSchema, RunMetaSchema):
    """How the reply was made, and about the article."""

    class Meta:
        fields = ("model", "version", "chars", "elapsed_ms", "title", "author", "date")


class QuoteResponseSchema(Schema):
    """The quotes found in an article and the speakers they are attributed to."""

    text = fields.String(
        metadata={"description": "The text extracted from the page, which all offsets index (HTML input only)."}
    )
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    meta = fields.Nested(MetaSchema, required=True)


def load_request(payload: Any) -> dict[str, Any]:
    """Validate a decoded request body; raise marshmallow.ValidationError when it is invalid."""
    return QuoteRequestSchema().load(payload)
