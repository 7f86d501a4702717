"""scripts/learn_cues.py: its samples mirror what reported.find_reported_speech reports."""

from __future__ import annotations

import pytest
from spacy.language import Language

from scripts.learn_cues import Article, samples
from service.extraction.attribution import TokenIndex
from service.extraction.spans import find_quote_spans, split_paragraphs


def _keys(nlp: Language, text: str) -> set[str]:
    """Return the 'key=' features of every sample of ``text`` (no gold contents)."""
    paragraphs = split_paragraphs(text)
    article = Article(TokenIndex(nlp(text), find_quote_spans(text, paragraphs=paragraphs)), paragraphs, [])
    return {f for features, _ in samples(article) for f in features if f.startswith("key=")}


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        ("Mayor Ana Ruiz said she expects the council to approve the budget next week.", "say", "expect"),
        ("Coach Tim Reed said he believes the team will win the title.", "say", "believe"),
        ("Mayor Ana Ruiz said the council blamed the drought for the long delay.", "say", "blame"),
    ],
)
def test_nested_reports_are_no_samples(nlp: Language, text: str, outer: str, inner: str) -> None:
    """A report nested in a hand-rule report's content, left out by reported.py, is not learned from either."""
    keys = _keys(nlp, text)
    assert any(k.startswith(f"key={outer}|VERB|hand:") for k in keys), keys
    assert not any(k.startswith(f"key={inner}|VERB|") for k in keys), keys
