"""Request and response schemas of POST /v1/quotes/batch.

The request is loaded in two steps so that one bad document does not fail the others:
``load_batch`` checks the envelope (a non-empty list of documents, the options), then
``load_document`` checks each document on its own.
"""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields, utils, validate

from schemas.problems import ProblemSchema
from schemas.quotes import (
    ArticleSchema,
    DocumentMetaSchema,
    OptionsSchema,
    QuoteSchema,
    RunMetaSchema,
    SpeakerSchema,
)

ID_MAX_CHARS = 256


class BatchDocumentSchema(ArticleSchema):
    """One article of a batch: its id and exactly one of text and html (options apply to the whole batch)."""

    id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=ID_MAX_CHARS),
        metadata={"description": "The client's name for the document, unique in the batch; echoed in its result."},
    )


class DocumentList(fields.List):
    """The list of documents: loading only checks it is a list, each item is loaded by load_document."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[Any]:
        """Return the items as they are, after checking that ``value`` is a list."""
        if not utils.is_collection(value):
            raise self.make_error("invalid")
        return list(value)


class BatchRequestSchema(Schema):
    """Several articles analysed together, with options for all of them."""

    class Meta:
        unknown = RAISE

    documents = DocumentList(
        fields.Nested(BatchDocumentSchema),
        required=True,
        validate=validate.Length(min=1),
        metadata={
            "description": "The articles, at most QUOTES_MAX_BATCH_DOCUMENTS of them (413 above). A document "
            "that is invalid, too long or whose page has no text fails alone, in its result."
        },
    )
    options = fields.Nested(OptionsSchema, load_default=dict, metadata={"description": "Options of every document."})


class DocumentProblemSchema(ProblemSchema):
    """Why one document of a batch failed: a problem as in error replies, ``errors`` for invalid fields."""

    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "Messages by field path inside the document (422 only)."},
    )


class BatchSuccessSchema(Schema):
    """The quotes and speakers of one document."""

    id = fields.String(required=True)
    status = fields.Integer(required=True, validate=validate.OneOf([200]))
    text = fields.String(metadata={"description": "The text extracted from the page (html documents only)."})
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    meta = fields.Nested(DocumentMetaSchema, required=True)


class BatchFailureSchema(Schema):
    """A document that could not be analysed, and why."""

    id = fields.String(
        required=True, allow_none=True, metadata={"description": "The document's id; null when it had no valid id."}
    )
    status = fields.Integer(
        required=True,
        validate=validate.Range(min=400, max=499),
        metadata={"description": "The status this document would have had alone: 413 or 422."},
    )
    problem = fields.Nested(DocumentProblemSchema, required=True)


class BatchResultField(fields.Field):
    """One result: dumped with BatchSuccessSchema when its status is 200, else with BatchFailureSchema."""

    success = BatchSuccessSchema
    failure = BatchFailureSchema

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> dict[str, Any]:
        """Dump ``value`` with the schema its status calls for."""
        schema = self.success if value["status"] == 200 else self.failure
        return schema().dump(value)


class BatchResponseSchema(Schema):
    """One result per document, in the order of the request."""

    results = fields.List(BatchResultField(), required=True)
    meta = fields.Nested(RunMetaSchema, required=True)


def load_batch(payload: Any) -> dict[str, Any]:
    """Validate a decoded batch body's envelope; the documents come back unchecked (see load_document)."""
    return BatchRequestSchema().load(payload)


def load_document(item: Any) -> dict[str, Any]:
    """Validate one document of a batch; raise marshmallow.ValidationError when it is invalid."""
    return BatchDocumentSchema().load(item)
