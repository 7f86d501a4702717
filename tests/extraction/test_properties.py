"""Properties of the whole core on generated articles: it never raises and every offset is exact."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.extraction import extract_quotes

PIECES = [
    "“", "”", '"', "''", "‘", "’", "«", "»", " said", " Maria Lopez", " he", " according to", " the mayor",
    ",", ".", ":", "\n", "\n\n", " We will win", " that", " -", " ―", " who", " Mr.", " Kirby", " (NIS)",
    " told reporters", " believes", "\r\n", "\x00", "\u200b", "🎉",
]
articles = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles)
def test_core_never_raises_and_offsets_index_the_text(nlp: Language, text: str) -> None:
    """Every quote, mention, cue and role slices the submitted text exactly."""
    extraction = extract_quotes(text, nlp=nlp)
    for quote in extraction.quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.mention, quote.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    for speaker in extraction.speakers:
        for span in (*speaker.mentions, *speaker.roles):
            assert text[span.start : span.end] == span.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=articles)
def test_core_is_deterministic(nlp: Language, text: str) -> None:
    """The same text gives the same extraction twice."""
    assert extract_quotes(text, nlp=nlp) == extract_quotes(text, nlp=nlp)
