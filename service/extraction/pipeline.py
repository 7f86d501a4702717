"""Run the stages in order: quote spans, parse, attribution, speakers and roles."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .attribution import TokenIndex, attribute_quotes
from .parse import GROUP_DOCS, parse, parse_many
from .parsecopy import readable
from .reported import find_reported_speech
from .spans import Paragraph, find_quote_spans, split_paragraphs
from .speakers import SpeakerResolver, build_quotes
from .stance import TargetScorer, assess_stances
from .types import Cue, Extraction, QuoteKind, QuoteSpan, Role, Span

ALL_KINDS: tuple[QuoteKind, ...] = ("direct", "partial", "indirect")
#: Texts (or pieces of long texts) spaCy parses together in extract_quotes_many (see parse.parse_many).
PIPE_BATCH_SIZE = GROUP_DOCS

_Piece = TypeVar("_Piece", Span, Cue, Role)


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the stages before parsing found in one text, and whether it needs parsing at all.

    The stages read ``reads`` (parsecopy.readable: invisible characters as spaces, lone surrogates as
    U+FFFD; as long as ``text``), and the returned texts are cut from ``text`` itself.
    """

    text: str
    reads: str
    paragraphs: tuple[Paragraph, ...]
    spans: tuple[QuoteSpan, ...]
    wanted: frozenset[QuoteKind]

    @property
    def needs_parse(self) -> bool:
        """Return False when nothing can be found: no quotation marks and no reported speech wanted."""
        return bool(self.spans) or "indirect" in self.wanted


def _plan(text: str, *, kinds: Collection[QuoteKind] | None) -> _Plan:
    """Split ``text`` into paragraphs and find its quotation-mark spans."""
    reads = readable(text)
    paragraphs = split_paragraphs(reads)
    spans = find_quote_spans(reads, paragraphs=paragraphs)
    return _Plan(text, reads, tuple(paragraphs), tuple(spans), frozenset(kinds or ALL_KINDS))


def _attribute(
    plan: _Plan, doc: Doc, *, scorer: TargetScorer | None = None, stance_targets: Sequence[str] = ()
) -> Extraction:
    """Attribute the planned spans (and reported speech) in the parsed ``doc``, resolve speakers, judge stance."""
    text, paragraphs, wanted = plan.reads, list(plan.paragraphs), plan.wanted
    spans = list(plan.spans)
    index = TokenIndex(doc, spans)
    attributions = attribute_quotes(index, spans, paragraphs=paragraphs, text=text)
    if "indirect" in wanted:
        attributions.extend(find_reported_speech(index, paragraphs=paragraphs))
    attributions = sorted((a for a in attributions if a.kind in wanted), key=lambda a: (a.span.start, a.span.end))
    resolver = SpeakerResolver(doc, quoted=index.quoted)
    quotes, speakers = build_quotes(attributions, resolver=resolver, text=text)
    if scorer is not None:
        quotes = assess_stances(quotes, doc=doc, speakers=speakers, scorer=scorer, targets=stance_targets)
    return texts_from(plan.text, Extraction(quotes=tuple(quotes), speakers=tuple(speakers)))


def texts_from(text: str, extraction: Extraction) -> Extraction:
    """Read every quote, mention, cue and role text off ``text`` at its offsets.

    The stages read invisible characters as spaces and lone surrogates as U+FFFD; the reply holds the
    submitted characters.
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
    plan = _plan(text, kinds=kinds)
    if not plan.needs_parse:
        return Extraction()
    doc = parse(plan.reads, nlp=nlp)
    return _attribute(plan, doc, scorer=scorer, stance_targets=stance_targets)


def extract_quotes_many(
    texts: Iterable[str],
    *,
    nlp: Language,
    kinds: Collection[QuoteKind] | None = None,
    scorer: TargetScorer | None = None,
    stance_targets: Sequence[str] = (),
    batch_size: int = PIPE_BATCH_SIZE,
) -> list[Extraction]:
    """Return ``extract_quotes`` of each text, in order, parsing the texts together (parse.parse_many)."""
    plans = [_plan(text, kinds=kinds) for text in texts]
    docs = iter(parse_many([p.reads for p in plans if p.needs_parse], nlp=nlp, group_docs=batch_size))
    return [
        _attribute(plan, next(docs), scorer=scorer, stance_targets=stance_targets) if plan.needs_parse else Extraction()
        for plan in plans
    ]
