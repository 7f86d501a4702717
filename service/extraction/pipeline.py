"""Run the stages in order: quote spans, parse, attribution, speakers and roles."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import TypeVar

from spacy.language import Language

from .attribution import TokenIndex, attribute_quotes
from .parse import parse
from .reported import find_reported_speech
from .spans import find_quote_spans, split_paragraphs
from .speakers import SpeakerResolver, build_quotes
from .types import Cue, Extraction, QuoteKind, Role, Span

_Piece = TypeVar("_Piece", Span, Cue, Role)

ALL_KINDS: tuple[QuoteKind, ...] = ("direct", "partial", "indirect")


def extract_quotes(text: str, *, nlp: Language, kinds: Collection[QuoteKind] | None = None) -> Extraction:
    """Return every quote in ``text`` of the wanted kinds (default all) with its resolved speaker."""
    paragraphs = split_paragraphs(text)
    spans = find_quote_spans(text, paragraphs=paragraphs)
    wanted = set(kinds or ALL_KINDS)
    if not spans and "indirect" not in wanted:
        return Extraction()
    doc = parse(text, nlp=nlp)
    index = TokenIndex(doc, spans)
    attributions = attribute_quotes(index, spans, paragraphs=paragraphs, text=text)
    if "indirect" in wanted:
        attributions.extend(find_reported_speech(index, paragraphs=paragraphs))
    attributions = sorted((a for a in attributions if a.kind in wanted), key=lambda a: (a.span.start, a.span.end))
    resolver = SpeakerResolver(doc, quoted=index.quoted)
    quotes, speakers = build_quotes(attributions, resolver=resolver, text=text)
    return texts_from(text, Extraction(quotes=tuple(quotes), speakers=tuple(speakers)))


def texts_from(text: str, extraction: Extraction) -> Extraction:
    """Read every quote, mention, cue and role text off ``text`` at its offsets.

    The parse reads lone surrogates as U+FFFD; the reply must hold the submitted characters.
    """

    def cut(piece: _Piece | None) -> _Piece | None:
        """Return ``piece`` with the text at its offsets."""
        return None if piece is None else replace(piece, text=text[piece.start : piece.end])

    quotes = tuple(
        replace(q, text=text[q.start : q.end], mention=cut(q.mention), cue=cut(q.cue)) for q in extraction.quotes
    )
    speakers = tuple(
        replace(s, mentions=tuple(map(cut, s.mentions)), roles=tuple(map(cut, s.roles))) for s in extraction.speakers
    )
    return Extraction(quotes=quotes, speakers=speakers)
