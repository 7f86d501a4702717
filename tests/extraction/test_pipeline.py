"""extract_quotes_many: the texts parsed together give what extract_quotes gives one by one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from service.extraction import extract_quotes, extract_quotes_many
from tests.extraction.test_properties import articles
from tests.helpers import SEEDS

SNIPPETS = [
    'The mayor said: "The bridge opens in May." Critics were not convinced.',
    "No quotation marks here, and nobody reports anything.",
    "The council said it would vote on the budget next week, according to a spokeswoman.",
    '"We will not back down," the union leader told reporters.\n\n"Not today," she added.',
    "x",
    "“Ünïcödé” — 👍 said nobody.",
]


@pytest.mark.parametrize(
    ("kinds", "batch_size"),
    [(None, 1), (None, 16), (["direct"], 16), (["partial", "direct"], 3), (["indirect"], 16)],
    ids=["all-1", "all-16", "direct-16", "partial-direct-3", "indirect-16"],
)
def test_many_equals_one_by_one(nlp: Language, kinds: Any, batch_size: int) -> None:
    """Each result of extract_quotes_many equals extract_quotes on that text alone."""
    texts = [*SNIPPETS, *(seed.read_text(encoding="utf-8") for seed in SEEDS)]
    many = extract_quotes_many(texts, nlp=nlp, kinds=kinds, batch_size=batch_size)
    assert many == [extract_quotes(text, nlp=nlp, kinds=kinds) for text in texts]
    assert any(extraction.quotes for extraction in many), "the texts do hold quotes"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(articles, min_size=1, max_size=6))
def test_many_equals_one_by_one_on_generated_articles(nlp: Language, texts: list[str]) -> None:
    """The equality holds on generated articles too."""
    assert extract_quotes_many(texts, nlp=nlp) == [extract_quotes(text, nlp=nlp) for text in texts]


def test_no_texts_give_no_results(nlp: Language) -> None:
    """An empty batch is an empty list."""
    assert extract_quotes_many([], nlp=nlp) == []


def test_texts_are_parsed_together_and_only_when_needed(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """One nlp.pipe call gets the texts that can hold quotes; a text without marks is skipped for direct quotes."""
    calls: list[list[str]] = []
    pipe = nlp.pipe

    def spy(docs: Iterable[Doc], **kwargs: Any) -> Iterator[Any]:
        """Record the texts of the (tokenized) docs given to nlp.pipe."""
        docs = list(docs)
        calls.append([doc.text for doc in docs])
        return pipe(docs, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    texts = [SNIPPETS[0], SNIPPETS[1], SNIPPETS[3]]
    results = extract_quotes_many(texts, nlp=nlp, kinds=["direct"])
    assert calls == [[SNIPPETS[0], SNIPPETS[3]]]
    assert [len(r.quotes) for r in results] == [1, 0, 2]
