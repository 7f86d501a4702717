"""Run the stages in order: quote spans, parse, attribution, speakers and roles."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.language import Language

from .attribution import TokenIndex, attribute_quotes
from .reported import find_reported_speech
from .spans import find_quote_spans, split_paragraphs
from .speakers import SpeakerResolver, build_quotes
from .stance import TargetScorer, assess_stances
from .types import Extraction, QuoteKind

ALL_KINDS: tuple[QuoteKind, ...] = ("direct", "partial", "indirect")


def extract_quotes(
    text: str,
    *,
    nlp: Language,
    kinds: Collection[QuoteKind] | None = None,
    scorer: TargetScorer | None = None,
    stance_targets: Sequence[str] = (),
) -> Extraction:
    """Return every quote in ``text`` of the wanted kinds (default all) with its resolved speaker.

    With a ``scorer`` (the stance model) every quote also gets its stance, toward ``stance_targets``
    first and then toward what the quote names.
    """
    paragraphs = split_paragraphs(text)
    spans = find_quote_spans(text, paragraphs=paragraphs)
    wanted = set(kinds or ALL_KINDS)
    if not spans and "indirect" not in wanted:
        return Extraction()
    doc = nlp(text)
    index = TokenIndex(doc, spans)
    attributions = attribute_quotes(index, spans, paragraphs=paragraphs, text=text)
    if "indirect" in wanted:
        attributions.extend(find_reported_speech(index, paragraphs=paragraphs))
    attributions = sorted((a for a in attributions if a.kind in wanted), key=lambda a: (a.span.start, a.span.end))
    resolver = SpeakerResolver(doc, quoted=index.quoted)
    quotes, speakers = build_quotes(attributions, resolver=resolver, text=text)
    if scorer is not None:
        quotes = assess_stances(quotes, doc=doc, speakers=speakers, scorer=scorer, targets=stance_targets)
    return Extraction(quotes=tuple(quotes), speakers=tuple(speakers))
