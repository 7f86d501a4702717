"""Stage 6: confidence from measured accuracy per feature combination."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.extraction.confidence import ANCHOR_ACCURACY, ANCHOR_CONFIDENCE, accuracy_of, feature_levels, to_confidence
from service.extraction.types import Attribution, Cue, QuoteSpan, Span
from tests.extraction.conftest import Found

SPAN = QuoteSpan(start=1, end=10, outer_start=0, outer_end=11, paragraph=0)


@pytest.mark.parametrize(
    ("accuracy", "confidence"),
    [(0.0, 0.0), (ANCHOR_ACCURACY, ANCHOR_CONFIDENCE), (1.0, 1.0), (ANCHOR_ACCURACY / 2, ANCHOR_CONFIDENCE / 2)],
)
def test_accuracy_maps_onto_the_confidence_scale(accuracy: float, confidence: float) -> None:
    """The anchor accuracy maps to the 0.8 threshold; the ends stay at 0 and 1."""
    assert to_confidence(accuracy) == pytest.approx(confidence, abs=1e-3)


def test_mapping_is_monotone() -> None:
    """A more accurate feature combination never gets a lower confidence."""
    values = [to_confidence(i / 100) for i in range(101)]
    assert values == sorted(values)


@pytest.mark.parametrize(
    ("mention", "cue", "name", "expected"),
    [
        (Span("he", 13, 15), Cue("said", "say", 16, 20), "Ana Ruiz", "direct|after|pronoun|say=1|near=1|full=1"),
        (Span("Ruiz", 13, 17), Cue("warned", "warn", 18, 24), "Ruiz", "direct|after|name|say=0|near=1|full=0"),
        (None, None, None, "direct|after|none|say=0|near=0|full=0"),
    ],
)
def test_feature_levels_describe_how_the_attribution_was_found(
    mention: Span | None, cue: Cue | None, name: str | None, expected: str
) -> None:
    """Features: kind, rule, mention class, say/tell cue, cue next to the quote, full name."""
    attribution = Attribution(SPAN, "direct", mention, cue, 0.9, "after")
    levels = feature_levels(attribution, speaker_name=name)
    assert levels[0] == expected
    assert levels[-1] == "direct"


def test_every_kind_has_a_measured_accuracy() -> None:
    """The shipped table covers the coarsest level of both kinds."""
    assert accuracy_of(("direct",)) is not None and accuracy_of(("indirect",)) is not None


def test_named_speaker_right_after_the_quote_is_confident(extract: Callable[[str], Found]) -> None:
    """'"Q," Ana Ruiz said.' is the most reliable pattern and scores above an unattributed quote."""
    found = extract("“We will open the bridge in May,” Mayor Maria Lopez said.\n\nThe “bridge fund” is empty.")
    assert found.quote("We will open").confidence >= ANCHOR_CONFIDENCE
