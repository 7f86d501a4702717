"""RFC 9457 problem details (application/problem+json) returned for every error."""

from __future__ import annotations

from marshmallow import Schema, fields

PROBLEM_MEDIA_TYPE = "application/problem+json"

#: Problem types with more meaning than their status code; the rest are "about:blank".
VALIDATION_ERROR = "urn:quote-api:problem:validation-error"
MALFORMED_BODY = "urn:quote-api:problem:malformed-body"
TEXT_TOO_LONG = "urn:quote-api:problem:text-too-long"
UNSUPPORTED_MEDIA_TYPE = "urn:quote-api:problem:unsupported-media-type"
NOT_READY = "urn:quote-api:problem:not-ready"
NO_ARTICLE_TEXT = "urn:quote-api:problem:no-article-text"
HTML_NOT_READ = "urn:quote-api:problem:html-not-read"
BATCH_TOO_LARGE = "urn:quote-api:problem:batch-too-large"
TIMEOUT = "urn:quote-api:problem:timeout"
BODY_TIMEOUT = "urn:quote-api:problem:body-timeout"


class ProblemSchema(Schema):
    """An error reply as described by RFC 9457."""

    type = fields.String(required=True, metadata={"description": "URI reference naming the problem type."})
    title = fields.String(required=True, metadata={"description": "Short summary of the problem type."})
    status = fields.Integer(required=True, metadata={"description": "The HTTP status code."})
    detail = fields.String(required=True, metadata={"description": "What went wrong with this request."})


class ValidationProblemSchema(ProblemSchema):
    """A 422 reply: the body was well-formed but some fields are invalid."""

    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={
            "description": 'Messages by field path, e.g. {"options.kinds.0": ["Must be one of: ..."]}; '
            '"body" holds errors about the body as a whole.'
        },
    )
