"""The lookup attribute ruler: the stock attribute ruler's and lemmatizer's token attributes, without the Matcher."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

from service.config import DEFAULTS
from service.extraction import attribute_lookup
from service.extraction.attribute_lookup import FACTORY, use_lookup_attribute_ruler
from service.extraction.parsecopy import make_doc
from tests.helpers import SEEDS

ATTRS = [ORTH, IDX, POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, NORM]

# Invented sentences that reach the ruler's word exceptions, its patterns of two tokens and its space rules.
SENTENCES = {
    "reporting": '"We are ready to talk, but not at any price," Anna Berg, the mayor, said on Monday.',
    "pronouns": "I told him that she'd seen them, and they said it was theirs, not ours or yours.",
    "auxiliaries": "He has been waiting; she does not know whether it is done, and they were being careful.",
    "contractions": "I'm sure you're right, but we've said it isn't so and they'd have known it wasn't.",
    "two-token-rules": "I ain't gonna stop, y'all. Let's go, c'mon, we gotta win, he said.",
    "expletives": "There is a plan. There are two options, and there was a vote; there's no doubt.",
    "clipped-words": "It's nothin' but somethin' goin' on, doin' ol' tricks to 'em, 'nuff said, we'll see.",
    "modals": "She can, could, may, might, must, should, will and would; he'd rather not, it won't.",
    "determiners": "That is what this means: those who want these rules and all that follows.",
    "white-space": "Line one.\n\n\tIndented  line with  double spaces.\r\n\r\nA CRLF paragraph.  ",
    "odd-punctuation": "Wait!!!!!! ... ?!?!?! -- (really) [sic] {braces} “quoted” «guillemets» — dash… 😀🎉",
    "numbers-and-urls": "The 3.5% rise cost $1,200 on 12/05/2021; see https://example.org/a?b=1 or mail a@b.org.",
    "shouting": 'THE COMMITTEE CHAIR SAID: "WE WILL NOT GIVE IN."',
}
ODD = {
    "empty": "",
    "space": " ",
    "newlines": "\n\n\n",
    "tabs-and-spaces": " \t \n\t ",
    "emoji-only": "😀😀😀 🎉 👍🏽",
    "crlf": "Hello\r\nWorld\r\n\r\n",
    "exclamation-run": "!" * 400,
    "quote-run": "“" * 200 + " said she " + "”" * 200,
}
TEXTS = {**SENTENCES, **ODD, **{path.stem: path.read_text(encoding="utf-8") for path in SEEDS}}


@pytest.fixture(scope="module")
def stock() -> Language:
    """The stock pipeline, with its own attribute ruler and lemmatizer."""
    return spacy.load(DEFAULTS["MODEL"])


def token_attributes(doc: Doc) -> numpy.ndarray:
    """Return every token's text, offset, POS, tag, morphology, lemma, dependency, head, entity and sentence start."""
    return doc.to_array(ATTRS).reshape(len(doc), len(ATTRS))


def test_service_pipeline_runs_the_lookup_instead_of_ruler_and_lemmatizer(nlp: Language) -> None:
    """load_pipeline swaps the stock model's attribute ruler and lemmatizer for the lookup component."""
    assert FACTORY in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_lookup_sets_the_same_token_attributes_as_the_stock_pipeline(
    nlp: Language, stock: Language, text: str
) -> None:
    """Every token's POS, tag, morphology, lemma, parse and entities equal the stock pipeline's."""
    ours, theirs = nlp(make_doc(text, nlp=nlp)), stock(make_doc(text, nlp=stock))
    assert numpy.array_equal(token_attributes(ours), token_attributes(theirs))


def test_lookup_sets_the_same_token_attributes_in_batches(nlp: Language, stock: Language) -> None:
    """nlp.pipe over several texts gives the stock pipeline's attributes too."""
    texts = list(TEXTS.values())
    ours = [token_attributes(doc) for doc in nlp.pipe(texts, batch_size=4)]
    theirs = [token_attributes(doc) for doc in stock.pipe(texts, batch_size=4)]
    assert all(numpy.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))


def test_lookup_gives_the_same_attributes_after_its_memo_starts_over(
    nlp: Language, stock: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full memo is emptied and refilled without changing any token's attributes."""
    monkeypatch.setattr(attribute_lookup, "MAX_MEMO", 40)
    text = "\n\n".join(SENTENCES.values())
    ours, theirs = nlp(text), stock(text)
    assert len(nlp.get_pipe(FACTORY)._memo) <= 40 < len(ours)
    assert numpy.array_equal(token_attributes(ours), token_attributes(theirs))


def test_a_saved_service_pipeline_loads_with_the_lookup(nlp: Language, stock: Language, tmp_path: Path) -> None:
    """nlp.to_disk and spacy.load keep the lookup component, which reads the rules once they are loaded."""
    nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert FACTORY in loaded.pipe_names
    text = SENTENCES["two-token-rules"]
    assert numpy.array_equal(token_attributes(loaded(text)), token_attributes(stock(text)))


# Rules for a blank pipeline: word and tag rules, set predicates, a regex, negative and later-wins precedence.
RULES: list[dict[str, Any]] = [
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT", "MORPH": "PunctType=Peri"}},
    {"patterns": [[{"LOWER": {"IN": ["the", "a", "an"]}}]], "attrs": {"POS": "DET", "LEMMA": "article"}},
    {"patterns": [[{"LOWER": "new"}, {"IS_TITLE": True}]], "attrs": {"POS": "PROPN"}, "index": -1},
    {
        "patterns": [[{"TEXT": {"REGEX": "^[A-Z][a-z]+$"}, "LOWER": {"NOT_IN": ["the", "new"]}}]],
        "attrs": {"POS": "NOUN"},
    },
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"LEMMA": "New York", "TAG": "NNP"}, "index": 1},
    {"patterns": [[{"ORTH": "."}], [{"ORTH": "!"}]], "attrs": {"MORPH": "PunctType=Excl"}},
]
BLANK_TEXTS = ["The man from New York said: A new Day!", "new york. The New Deal, an old Man.", "", "!!! ... New"]


def blank_pipeline(rules: list[dict[str, Any]], *, lookup: bool) -> Language:
    """Return a blank English pipeline with an attribute ruler of ``rules``, swapped for the lookup if asked."""
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(rules)
    if lookup:
        assert use_lookup_attribute_ruler(nlp)
    return nlp


@pytest.mark.parametrize("text", BLANK_TEXTS)
def test_lookup_follows_any_compilable_ruler(text: str) -> None:
    """A ruler of other patterns compiles too, and the lookup sets what it sets, with later patterns winning."""
    ours = blank_pipeline(RULES, lookup=True)(text)
    theirs = blank_pipeline(RULES, lookup=False)(text)
    assert numpy.array_equal(token_attributes(ours), token_attributes(theirs))


UNCOMPILABLE: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "operator": lambda: [{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}],
    "extension": lambda: [{"patterns": [[{"_": {"flag": True}}]], "attrs": {"POS": "X"}}],
    "lexeme-attribute": lambda: [{"patterns": [[{"LOWER": "colour"}]], "attrs": {"NORM": "color"}}],
    "fuzzy": lambda: [{"patterns": [[{"LOWER": {"FUZZY": "color"}}]], "attrs": {"POS": "NOUN"}}],
}


@pytest.mark.parametrize("rules", UNCOMPILABLE.values(), ids=UNCOMPILABLE.keys())
def test_uncompilable_patterns_keep_the_stock_ruler(rules: Callable[[], list[dict[str, Any]]]) -> None:
    """A ruler with a pattern the lookup cannot evaluate stays as it is."""
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(rules())
    assert not use_lookup_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
