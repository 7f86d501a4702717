"""Shape the core's Extraction into the reply: apply the request options and join quotes to speakers.

Pure functions over the core's types; no Flask here.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from .extraction import Extraction, Quote, Speaker

log = logging.getLogger(__name__)


def select(extraction: Extraction, *, kinds: Collection[str] | None, min_confidence: float) -> Extraction:
    """Keep the quotes of ``kinds`` (None: all) with confidence >= ``min_confidence``.

    Speakers keep only the ids of kept quotes; a speaker who lost all its quotes is dropped, while a
    speaker who never had any (if the core reports such) is kept.
    """
    quotes = tuple(
        q for q in extraction.quotes if (kinds is None or q.kind in kinds) and q.confidence >= min_confidence
    )
    if len(quotes) == len(extraction.quotes):
        return extraction
    kept = {q.id for q in quotes}
    speakers = tuple(
        replace(s, quote_ids=tuple(i for i in s.quote_ids if i in kept))
        for s in extraction.speakers
        if not s.quote_ids or any(i in kept for i in s.quote_ids)
    )
    return Extraction(quotes=quotes, speakers=speakers)


def _quote_reply(quote: Quote, speakers: Mapping[str, Speaker]) -> dict[str, Any]:
    """Return the reply form of one quote, naming its speaker (``speakers`` by id)."""
    speaker = None if quote.speaker_id is None else speakers.get(quote.speaker_id)
    if quote.speaker_id is not None and speaker is None:
        log.warning("quote %s names unknown speaker %s", quote.id, quote.speaker_id)
    return {
        "id": quote.id,
        "kind": quote.kind,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "paragraph": quote.paragraph,
        "speaker": None if speaker is None else {"id": speaker.id, "name": speaker.name, "mention": quote.mention},
        "cue": quote.cue,
        "confidence": quote.confidence,
        "stance": quote.stance,
    }


def reply(extraction: Extraction, meta: dict[str, Any]) -> dict[str, Any]:
    """Return the object that QuoteResponseSchema dumps."""
    by_id = {speaker.id: speaker for speaker in extraction.speakers}  # one lookup per quote, not a scan of all speakers
    return {
        "quotes": [_quote_reply(q, by_id) for q in extraction.quotes],
        "speakers": list(extraction.speakers),
        "meta": meta,
    }
