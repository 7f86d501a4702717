"""Run the stages in order: quote spans, parse, attribution, speakers and roles."""

from __future__ import annotations

from collections.abc import Collection

from spacy.language import Language

from .types import Extraction, QuoteKind

ALL_KINDS: tuple[QuoteKind, ...] = ("direct", "partial")


def extract_quotes(text: str, *, nlp: Language, kinds: Collection[QuoteKind] | None = None) -> Extraction:
    """Return every quote in ``text`` with its resolved speaker."""
    return Extraction()
