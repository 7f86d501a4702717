"""The constant-time lookups the stages use agree with spaCy's own (slower) attributes."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.extraction.attribution import TokenIndex
from service.extraction.parse import entities_in, entity_bounds, parse
from service.extraction.spans import find_quote_spans, paragraph_at, split_paragraphs
from tests.helpers import SEEDS


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem)
def seed(request: pytest.FixtureRequest, nlp: Language) -> tuple[str, Doc, TokenIndex]:
    """A seed article, its parse and its token index."""
    text = request.param.read_text(encoding="utf-8")
    doc = parse(text, nlp=nlp)
    return text, doc, TokenIndex(doc, find_quote_spans(text))


def test_sentence_lookup_matches_token_sent(seed: tuple[str, Doc, TokenIndex]) -> None:
    """index.sentence(i) is token.sent and index.sentence_root(i) its root, for every token."""
    _, doc, index = seed
    for token in doc:
        assert index.sentence(token.i) == token.sent
        assert index.sentence_root(token.i) == token.sent.root


def test_entity_lookups_match_doc_ents(seed: tuple[str, Doc, TokenIndex]) -> None:
    """entity_bounds finds each token's entity in doc.ents; entities_in(span) is span.ents."""
    _, doc, _ = seed
    for entity in doc.ents:
        for token in entity:
            assert entity_bounds(token) == (entity.start, entity.end)
    for start in range(0, len(doc), 7):
        span = doc[start : start + 12]
        assert [(e.start, e.end, e.label_) for e in entities_in(span)] == [(e.start, e.end, e.label_) for e in span.ents]


def test_counts_and_positions_match_a_scan(seed: tuple[str, Doc, TokenIndex]) -> None:
    """Quoted-token counts, word positions and line ends agree with scanning the text."""
    text, doc, index = seed
    assert index.quoted_count(0, len(doc)) == sum(index.quoted)
    assert index.occurrences("said") == [t.i for t in doc if t.lower_ == "said"]
    for char in range(0, len(text), 97):
        found = text.find("\n", char)
        assert index.line_end(char) == (len(text) if found < 0 else found)


def test_paragraph_lookup_matches_a_scan(seed: tuple[str, Doc, TokenIndex]) -> None:
    """paragraph_at finds the paragraph that holds a character, or None between paragraphs."""
    text, _, _ = seed
    paragraphs = split_paragraphs(text)
    for char in range(len(text)):
        expected = next((p for p in paragraphs if p.start <= char < p.end), None)
        assert paragraph_at(paragraphs, char) == expected
