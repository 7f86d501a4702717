"""Schema composition: the single reply's meta is the batch's run meta plus a document's meta."""

from __future__ import annotations

from schemas.quotes import DocumentMetaSchema, MetaSchema, RunMetaSchema


def test_meta_lists_every_run_and_document_field() -> None:
    """MetaSchema's explicit field order leaves out none of the fields of the schemas it joins."""
    joined = set(RunMetaSchema().fields) | set(DocumentMetaSchema().fields)
    assert set(MetaSchema().fields) == joined
    assert list(MetaSchema().fields)[:4] == ["model", "version", "chars", "elapsed_ms"]
