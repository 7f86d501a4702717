"""Run the stages in order: quote spans, parse, attribution, speakers and roles."""

from __future__ import annotations

from collections.abc import Collection

from spacy.language import Language

from .attribution import attribute_quotes, quoted_mask
from .spans import find_quote_spans, split_paragraphs
from .speakers import SpeakerResolver, build_quotes
from .types import Extraction, QuoteKind

ALL_KINDS: tuple[QuoteKind, ...] = ("direct", "partial")


def extract_quotes(text: str, *, nlp: Language, kinds: Collection[QuoteKind] | None = None) -> Extraction:
    """Return every quote in ``text`` of the wanted kinds (default all) with its resolved speaker."""
    spans = find_quote_spans(text)
    if not spans:
        return Extraction()
    doc = nlp(text)
    attributions = attribute_quotes(doc, spans, paragraphs=split_paragraphs(text), text=text)
    wanted = set(kinds or ALL_KINDS)
    attributions = [a for a in attributions if a.kind in wanted]
    resolver = SpeakerResolver(doc, quoted=quoted_mask(doc, spans))
    quotes, speakers = build_quotes(attributions, resolver=resolver, text=text)
    return Extraction(quotes=tuple(quotes), speakers=tuple(speakers))
