"""Stage 6: polarity, commitment, framing, and where each stance target is read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from spacy.language import Language

from service.extraction import extract_quotes
from service.extraction.stance import (
    FALLBACK_CONFIDENCE,
    MAX_CONTEXT_CHARS,
    TargetInput,
    assess_commitment,
    assess_text,
    find_mentions,
    frame_cue,
    rate_polarity,
    read_budget,
)
from service.extraction.types import Cue, Quote


@dataclass(frozen=True)
class Answer:
    """A stand-in model answer."""

    label: str
    score: float
    confidence: float


class RecordingScorer:
    """A stand-in for the model that answers 'favor' and remembers what it was asked to read."""

    def __init__(self) -> None:
        """Start with nothing read."""
        self.read: list[TargetInput] = []

    def score(self, targets: Sequence[TargetInput], *, batch_size: int = 1) -> list[Answer]:
        """Record ``targets`` and answer favor for each."""
        self.read.extend(targets)
        return [Answer("favor", 0.9, 0.9) for _ in targets]


def _quote(nlp: Language, text: str, prefix: str, *, targets: Sequence[str] = ()) -> tuple[Quote, RecordingScorer]:
    """Run the core with a recording scorer and return the quote starting with ``prefix``."""
    scorer = RecordingScorer()
    extraction = extract_quotes(text, nlp=nlp, scorer=scorer, stance_targets=targets)
    return next(q for q in extraction.quotes if q.text.startswith(prefix)), scorer


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("This is a wonderful day and we are proud of our friends.", "positive"),
        ("It was a disgraceful, cruel and dangerous attack.", "negative"),
        ("The committee meets on Tuesday at the town hall.", "neutral"),
    ],
)
def test_polarity_reads_the_tone_of_the_words(text: str, label: str) -> None:
    """Polarity follows the words' tone, with a score of the same sign."""
    polarity = rate_polarity(text)
    assert polarity.label == label
    assert {"positive": polarity.score > 0, "negative": polarity.score < 0, "neutral": polarity.score == 0}[label]


@pytest.mark.parametrize(
    ("text", "label", "cue"),
    [
        ("The plan might work, but it is only my personal opinion.", "hedged", "personal opinion"),
        ("It seems the talks were useful.", "hedged", "seems"),
        ("We are not aware of any such talks.", "denied", "not aware"),
        ("The minister did not confirm the visit.", "denied", "not confirm"),
        ("There is clearly no other way to read this.", "asserted", "no other way"),
        ("The bridge opens next week.", "asserted", None),
        ("The vote is in May.", "asserted", None),
    ],
)
def test_commitment_follows_hedges_denials_and_boosters(nlp: Language, text: str, label: str, cue: str | None) -> None:
    """Hedges weaken, denials deny and boosters assert; the deciding words are listed."""
    commitment = assess_commitment(list(nlp(text)))
    assert commitment.label == label
    if cue is None:
        assert commitment.cues == ()
    else:
        assert cue in commitment.cues


def test_a_thought_cue_hedges_the_words(nlp: Language) -> None:
    """'X believes that ...' is a hedged report even when the words are plain."""
    doc = nlp("The bridge opens next week.")
    cue = Cue(text="believes", lemma="believe", start=0, end=8, type="thought")
    commitment = assess_commitment(list(doc), cue=cue)
    assert commitment.label == "hedged"
    assert commitment.cues[0] == "believes"
    assert commitment.score < assess_commitment(list(doc)).score


@pytest.mark.parametrize(
    ("verb", "lemma", "label"),
    [
        ("said", "say", "neutral"),
        ("told", "tell", "neutral"),
        ("claimed", "claim", "distancing"),
        ("alleged", "allege", "distancing"),
        ("admitted", "admit", "endorsing"),
        ("acknowledged", "acknowledge", "endorsing"),
        ("confirmed", "confirm", "endorsing"),
        ("warned", "warn", "emphatic"),
        ("insisted", "insist", "emphatic"),
        ("stressed", "stress", "emphatic"),
        ("suggested", "suggest", "tentative"),
        ("speculated", "speculate", "tentative"),
        ("accused", "accuse", "critical"),
        ("criticised", "criticise", "critical"),
        ("blamed", "blame", "critical"),
    ],
)
def test_framing_follows_the_reporting_verb(verb: str, lemma: str, label: str) -> None:
    """The writer's verb gives the framing, and the verb as written is returned."""
    framing = frame_cue(Cue(text=verb, lemma=lemma, start=0, end=len(verb)))
    assert framing is not None
    assert (framing.label, framing.verb) == (label, verb)


def test_framing_is_null_without_a_cue() -> None:
    """A quote with no reporting verb has no framing."""
    assert frame_cue(None) is None


def test_a_place_is_found_by_its_adjective() -> None:
    """'Russia' is mentioned by 'Russian leadership' too."""
    text = "They blamed the Russian leadership, not Russia's people."
    assert [text[s:e] for s, e in find_mentions("Russia", text)] == ["Russian", "Russia"]


def test_a_caller_target_in_the_quote_is_read_in_the_quote(nlp: Language) -> None:
    """The model reads the quote itself, with the mention's offsets inside it."""
    text = "“We will never trust Freedonia again,” Anna Berg said on Monday."
    quote, scorer = _quote(nlp, text, "We will never", targets=["Freedonia"])
    target = quote.stance.targets[0]
    assert (target.text, target.source, text[target.start : target.end]) == ("Freedonia", "caller", "Freedonia")
    read = scorer.read[0]
    assert read.text[read.start : read.end] == "Freedonia"
    assert read.text == quote.text


def test_a_caller_target_outside_the_quote_is_read_in_context_with_less_confidence(nlp: Language) -> None:
    """A target named only in the sentence before the quote is read there, with the quote after it."""
    text = (
        "Anna Berg said the failure of the Russian leadership was plain to see.\n\n"
        "“There is no other way to look at it than weakness,” Berg said."
    )
    quote, scorer = _quote(nlp, text, "There is no other way", targets=["Russia"])
    target = quote.stance.targets[0]
    assert text[target.start : target.end] == "Russian"
    assert target.confidence < 0.9
    read = next(r for r in scorer.read if r.text.endswith(quote.text))
    assert read.text[read.start : read.end] == "Russian"


def test_an_unmentioned_caller_target_is_neutral_with_no_confidence(nlp: Language) -> None:
    """A target the quote and its context never name gets no model call and no confidence."""
    text = "“The harvest was good this year,” Anna Berg said."
    quote, scorer = _quote(nlp, text, "The harvest", targets=["Atlantis"])
    target = quote.stance.targets[0]
    assert (target.label, target.confidence, target.start, target.end) == ("neutral", 0.0, None, None)
    assert scorer.read == []


def test_quote_targets_leave_out_the_speaker_and_the_speakers_side(nlp: Language) -> None:
    """Entities the quote names are targets, but never the speaker or the speaker's own country."""
    text = "“Freedonia and Maria Lopez have let down Russia,” Russian Foreign Minister Ivan Petrov said."
    quote, _ = _quote(nlp, text, "Freedonia and")
    names = [t.text for t in quote.stance.targets]
    assert "Maria Lopez" in names
    assert "Russia" not in names
    assert all(t.source == "quote" for t in quote.stance.targets)


def test_a_free_text_locates_targets_by_name_when_offsets_are_missing(nlp: Language) -> None:
    """/v1/stance targets without offsets are found by name; unknown ones stay neutral."""
    text = "Critics praised Maria Lopez for her courage."
    targets = [("Maria Lopez", None, None), ("Atlantis", None, None)]
    stance = assess_text(text, nlp=nlp, scorer=RecordingScorer(), targets=targets)
    first, second = stance.targets
    assert (first.start, first.end, first.label) == (16, 27, "favor")
    assert (second.start, second.label, second.confidence) == (None, "neutral", 0.0)


def test_context_read_around_a_quote_is_bounded_in_a_sentence_without_end(nlp: Language) -> None:
    """In text with no sentence ends, the model reads at most MAX_CONTEXT_CHARS on each side of the quote."""
    filler = "and the council met again " * 200
    text = f"Anna Berg said Freedonia was wrong {filler} and then “this will not stand” she said {filler}"
    quote, scorer = _quote(nlp, text, "this will not stand", targets=["Freedonia"])
    assert scorer.read, "the target is read in context"
    assert max(len(read.text) for read in scorer.read) <= 2 * MAX_CONTEXT_CHARS + len(quote.text) + 1 < len(text) / 2


def test_model_reads_stop_at_the_documents_budget_and_later_targets_take_the_quotes_tone(nlp: Language) -> None:
    """A text of nothing but short quotes by different people reads the model at most read_budget times."""
    names = [f"{first} {last}" for first in ("Anna", "Boris", "Clara", "David") for last in ("Berg", "Cole", "Dunn")]
    lines = [f"{names[i % len(names)]} said: \u201cCase {i} is {names[(i + 1) % len(names)]}'s fault.\u201d" for i in range(400)]
    text = "\n".join(lines)
    scorer = RecordingScorer()
    quotes = extract_quotes(text, nlp=nlp, scorer=scorer).quotes
    targets = [target for quote in quotes for target in quote.stance.targets]
    assert len(scorer.read) == read_budget(text) < len(targets)
    named = [target for target in targets if target.source == "quote"]
    assert named[0].confidence == 0.9, "names in quotes are read by the model first"
    assert named[-1].confidence == FALLBACK_CONFIDENCE, "the targets beyond the budget take their quote's tone"
    assert all(target.text == target.text.strip() for target in targets)
