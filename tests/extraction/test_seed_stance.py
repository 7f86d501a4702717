"""Issue 4 acceptance: the stance of the seed articles' landmark quotes, with the real stance model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from service.extraction import Extraction, Quote, extract_quotes
from service.extraction.target_stance import StanceModel
from tests.helpers import SEEDS

TARGETS = ("Russia", "North Korea")


@pytest.fixture(scope="module")
def seeds(nlp: Language, stance_model: StanceModel) -> list[Extraction]:
    """Both seed articles through the whole core, stance targets as in the issue."""
    return [
        extract_quotes(path.read_text(encoding="utf-8"), nlp=nlp, scorer=stance_model, stance_targets=TARGETS)
        for path in SEEDS
    ]


def _quote(extraction: Extraction, prefix: str, kind: str | None = None) -> Quote:
    """Return the one quote of ``kind`` that starts with ``prefix``."""
    found = [q for q in extraction.quotes if q.text.startswith(prefix) and (kind is None or q.kind == kind)]
    assert len(found) == 1, [q.text[:30] for q in extraction.quotes]
    return found[0]


def _target_label(quote: Quote, name: str) -> str:
    """Return the label of the quote's stance toward ``name``."""
    assert quote.stance is not None
    return next(t.label for t in quote.stance.targets if t.text == name)


def test_kirby_desperation_is_negative_and_against_russia(seeds: list[Extraction]) -> None:
    """'No other way to look at that than desperation and weakness': negative, against Russia from context."""
    quote = _quote(seeds[0], "There is no other way")
    assert quote.stance is not None
    assert quote.stance.polarity.label == "negative"
    assert _target_label(quote, "Russia") == "against"


def test_shoigu_neighbors_is_positive_and_for_north_korea(seeds: list[Extraction]) -> None:
    """'Why not? These are our neighbors ... peace and harmony': positive, favor North Korea."""
    quote = _quote(seeds[0], "Why not?")
    assert quote.stance is not None
    assert quote.stance.polarity.label == "positive"
    assert _target_label(quote, "North Korea") == "favor"


@pytest.mark.parametrize(
    ("prefix", "labels"),
    [
        ("These are purely my personal opinions", {"hedged"}),
        ("I am not aware of any such plans yet", {"hedged", "denied"}),
    ],
)
def test_matsegora_commitment(seeds: list[Extraction], prefix: str, labels: set[str]) -> None:
    """Matsegora's personal opinions are hedged; not being aware is hedged or denied, never asserted."""
    quote = _quote(seeds[0], prefix)
    assert quote.stance is not None
    assert quote.stance.commitment.label in labels


@pytest.mark.parametrize(
    ("seed", "prefix", "label", "verb"),
    [(1, "actively advancing", "emphatic", "warned"), (0, "three-way naval drill", "distancing", "claimed")],
)
def test_framing_of_the_reporting_verb(seeds: list[Extraction], seed: int, prefix: str, label: str, verb: str) -> None:
    """Kirby 'warned' is emphatic; the spy agency 'claimed' is distancing."""
    quote = _quote(seeds[seed], prefix, "partial")
    assert quote.stance is not None and quote.stance.framing is not None
    assert (quote.stance.framing.label, quote.stance.framing.verb) == (label, verb)
