"""Properties of the whole core on generated articles: it never raises, every offset is exact, quotes do not overlap.

The pieces include nasty characters: controls, zero-width, joiners and direction marks, emoji, lone
surrogates, every line-ending style, combining marks, and runs long enough to go through the parse copy.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.extraction import extract_quotes

PIECES = [
    "“", "”", '"', "''", "‘", "’", "«", "»", " said", " Maria Lopez", " he", " according to", " the mayor",
    ",", ".", ":", "\n", "\n\n", " We will win", " that", " -", " ―", " who", " Mr.", " Kirby", " (NIS)",
    " told reporters", " believes", "\r\n", "\x00", "\u200b", "🎉", "'", " 'em", "s' ", " '90s",
]
NASTY_PIECES = [
    "\x01", "\x1b", "\x7f", "\x85", "\x0b", "\r", "\u2028", "\u00a0", "\u00ad", "\u200d", "\u200e", "\u200f",
    "\u202e", "\ufeff", "\u0301", "👩\u200d🔧", "\ud800", "\udfff", '"' * 70, "x" * 70, " (" * 9,
]
articles = st.lists(st.sampled_from(PIECES + NASTY_PIECES), min_size=1, max_size=40).map("".join)
QUOTATION_MARK_KINDS = ("direct", "partial")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles)
def test_core_never_raises_and_offsets_index_the_text(nlp: Language, text: str) -> None:
    """Every quote, mention, cue and role slices the submitted text exactly, within its bounds."""
    extraction = extract_quotes(text, nlp=nlp)
    spans = [
        *extraction.quotes,
        *(s for q in extraction.quotes for s in (q.mention, q.cue) if s is not None),
        *(s for speaker in extraction.speakers for s in (*speaker.mentions, *speaker.roles)),
    ]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles)
def test_no_two_quotes_of_the_same_kind_overlap(nlp: Language, text: str) -> None:
    """Direct quotes never overlap direct ones, nor partial quotes partial ones.

    Indirect quotes are left out on purpose: a report inside another report's content ("A said B
    said C", "..., according to D") is its own indirect quote (tests/extraction/test_reported.py).
    """
    quotes = extract_quotes(text, nlp=nlp).quotes
    for kind in QUOTATION_MARK_KINDS:
        ordered = sorted((q.start, q.end) for q in quotes if q.kind == kind)
        assert all(end <= start for (_, end), (start, _) in zip(ordered, ordered[1:])), (kind, ordered)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles)
def test_core_is_deterministic(nlp: Language, text: str) -> None:
    """The same text gives the same extraction twice."""
    assert extract_quotes(text, nlp=nlp) == extract_quotes(text, nlp=nlp)
