"""The target stance model: labels on invented sentences, offsets at the edges, long and odd text."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from service.extraction.target_stance import (
    LABELS,
    READ_MAX_TOKENS,
    EncodedRead,
    StanceModel,
    TargetStance,
    load_stance_model,
    target_token_range,
    to_stance,
)
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def model() -> StanceModel:
    """The packaged stance model, loaded once for this module."""
    return load_stance_model()


def target(text: str, mention: str, *, occurrence: int = 0) -> tuple[str, int, int]:
    """Return (text, start, end) for the ``occurrence``-th appearance of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return text, start, start + len(mention)


def squeezed(text: str) -> str:
    """Return ``text`` lower-cased without spaces and word-piece marks, to compare decoded tokens."""
    return text.lower().replace(" ", "").replace("#", "")


def assert_well_formed(stance: TargetStance) -> None:
    """Check that a result is a proper probability split with a consistent label, score and confidence."""
    probabilities = {"against": stance.against, "neutral": stance.neutral, "favor": stance.favor}
    assert math.isclose(sum(probabilities.values()), 1.0, abs_tol=1e-3)
    assert stance.label == max(probabilities, key=probabilities.__getitem__)
    assert stance.confidence == probabilities[stance.label]
    assert math.isclose(stance.score, stance.favor - stance.against, abs_tol=1e-3)
    assert -1.0 <= stance.score <= 1.0


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("Residents praised Maria Lopez for her brave and tireless work rescuing families from the flood.", "Maria Lopez", "favor"),
        ("Thousands cheered as the beloved Senator Ann Cole was honoured for a lifetime of selfless service.", "Ann Cole", "favor"),
        ("Critics slammed Governor Paul Hart as a corrupt liar who betrayed the voters and stole public money.", "Paul Hart", "against"),
        ("Prosecutors say Victor Crane defrauded hundreds of elderly victims in a cruel and shameless scheme.", "Victor Crane", "against"),
        ("Mayor Tom Reed will attend a meeting about the new bus timetable on Tuesday.", "Tom Reed", "neutral"),
        ("Linda Park, 54, was born in Ohio and moved to Denver in 2001.", "Linda Park", "neutral"),
    ],
    ids=["praised", "cheered", "slammed", "defrauded", "schedule", "biography"],
)
def test_clear_sentences_get_their_label(model: StanceModel, text: str, mention: str, label: str) -> None:
    """Sentences that plainly praise, attack or just report on a person get favor, against, neutral."""
    stance = model.score_one(*target(text, mention))
    assert_well_formed(stance)
    assert stance.label == label


@pytest.mark.parametrize(
    ("text", "admired", "condemned"),
    [
        ("Anna Berg won praise for her courage, while Carl Weiss was condemned as a liar and a fraud.", "Anna Berg", "Carl Weiss"),
        ("Carl Weiss lied to voters and stole millions, while Anna Berg earned praise for her honesty and hard work.", "Anna Berg", "Carl Weiss"),
        ("Anna Berg praised the courage of Carl Weiss and condemned the lies of Tom Reed.", "Carl Weiss", "Tom Reed"),
    ],
    ids=["praise-then-condemn", "condemn-then-praise", "speaker-praises-one-condemns-other"],
)
def test_two_targets_in_one_sentence_get_opposite_labels(model: StanceModel, text: str, admired: str, condemned: str) -> None:
    """The same sentence is read for each marked target: one admired, the other condemned."""
    favored, opposed = model.score([target(text, admired), target(text, condemned)])
    assert (favored.label, opposed.label) == ("favor", "against")
    assert favored.score > 0 > opposed.score


def test_scores_do_not_depend_on_the_targets_of_other_texts(model: StanceModel) -> None:
    """By default a target's result is the same alone or among other texts' targets; batch_size > 1 keeps the labels."""
    refs = [
        target("Critics slammed Governor Paul Hart as a corrupt liar.", "Paul Hart"),
        target("Mayor Tom Reed will attend a meeting about the bus timetable on Tuesday.", "Tom Reed"),
        target("Residents praised Maria Lopez for her brave and tireless work.", "Maria Lopez"),
    ]
    singles = [model.score_one(*ref) for ref in refs]
    assert model.score(refs) == singles
    assert model.score(refs[::-1]) == singles[::-1]
    batched = model.score(refs, batch_size=3)
    assert [s.label for s in batched] == [s.label for s in singles] == ["against", "neutral", "favor"]
    for one, other in zip(batched, singles, strict=True):
        assert abs(one.score - other.score) < 0.1


def marked(model: StanceModel, read: EncodedRead) -> list[str]:
    """Return the text between each opening marker of ``read`` and the closing marker after it, squeezed."""
    found = []
    for marker in read.markers:
        assert read.ids[marker] == model.encoder.open_id
        close = read.ids.index(model.encoder.close_id, marker)
        found.append(squeezed(model.encoder.tokenizer.decode(list(read.ids[marker + 1 : close]))))
    return found


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Anna Berg praised the courage of Carl Weiss and condemned the lies of Tom Reed.", [("Tom Reed", 0), ("Anna Berg", 0), ("Carl Weiss", 0)]),
        ("Berg met Berg.", [("Berg", 1), ("Berg", 0)]),
        ("Anna Berg", [("Anna Berg", 0)]),
    ],
    ids=["three-names", "same-word-twice", "one-target"],
)
def test_targets_of_one_text_share_one_read(model: StanceModel, text: str, mentions: list[tuple[str, int]]) -> None:
    """All targets of a text are marked in one read, in text order, each marker pair around its own words."""
    spans = [target(text, mention, occurrence=occurrence)[1:] for mention, occurrence in mentions]
    ((read, members),) = model.encoder.encode_targets(text, spans)
    assert sorted(members) == list(range(len(spans))) and [spans[i] for i in members] == sorted(spans)
    assert marked(model, read) == [squeezed(text[start:end]) for start, end in sorted(spans)]
    assert read.ids[0] == model.encoder.cls_id and read.ids[-1] == model.encoder.sep_id
    if len(spans) == 1:
        assert read == model.encoder.encode(text, *spans[0])


def test_overlapping_targets_are_read_apart(model: StanceModel) -> None:
    """A target inside another (a name and its surname) cannot share its markers: it gets a read of its own."""
    text = "Critics slammed Governor Paul Hart as a liar."
    whole, surname = target(text, "Paul Hart")[1:], target(text, "Hart")[1:]
    reads = model.encoder.encode_targets(text, [whole, surname])
    assert [members for _, members in reads] == [(0,), (1,)]
    assert [marked(model, read) for read, _ in reads] == [["paulhart"], ["hart"]]


def test_targets_far_apart_are_read_in_windows_that_fit(model: StanceModel) -> None:
    """Targets that do not fit one window together are read in several, each at most max_length tokens."""
    filler = "The committee met on Monday to discuss the annual budget of the water board. "
    text = "Anna Berg spoke. " + filler * 3 + "Carl Weiss spoke. " + filler * 40 + "Tom Reed spoke."
    spans = [target(text, name)[1:] for name in ("Tom Reed", "Anna Berg", "Carl Weiss")]
    reads = model.encoder.encode_targets(text, spans)
    assert sorted(i for _, members in reads for i in members) == [0, 1, 2]
    assert len(reads) >= 2 and all(len(read.ids) <= model.encoder.max_length for read, _ in reads)
    for read, members in reads:
        assert marked(model, read) == [squeezed(text[spans[i][0] : spans[i][1]]) for i in members]


def test_model_reads_each_text_once(model: StanceModel) -> None:
    """Targets given in the same text are answered from one read; repeated targets are read once."""
    first = "Anna Berg won praise for her courage, while Carl Weiss was condemned as a liar and a fraud."
    second = "Mayor Tom Reed will attend a meeting about the bus timetable on Tuesday."
    refs = [target(first, "Anna Berg"), target(second, "Tom Reed"), target(first, "Carl Weiss"), target(first, "Anna Berg")]
    assert model.multi_target
    reads = model.reads(refs)
    assert sorted(slots for _, slots in reads) == [((0, 3), (2,)), ((1,),)]
    answers = model.score(refs)
    assert answers[0] == answers[3] and [a.label for a in answers[:3]] == ["favor", "neutral", "against"]


def test_a_single_target_model_reads_each_target_alone(model: StanceModel) -> None:
    """A model folder without ``targets_per_read: all`` (version 2 and before) gets one target per read."""
    meta = {key: value for key, value in model.meta.items() if key != "targets_per_read"}
    single = StanceModel(model_file=model.model_file, encoder=model.encoder, meta=meta)
    text = "Anna Berg praised the courage of Carl Weiss."
    reads = single.reads([target(text, "Anna Berg"), target(text, "Carl Weiss")])
    assert [slots for _, slots in reads] == [((0,),), ((1,),)]
    assert all(len(read.markers) == 1 for read, _ in reads)


def test_no_targets_give_no_results(model: StanceModel) -> None:
    """An empty batch is answered without running the model."""
    assert model.score([]) == []


@pytest.mark.parametrize(
    ("text", "mention", "occurrence"),
    [
        ("Anna Berg was praised by everyone for her courage and kindness.", "Anna Berg", 0),
        ("Everyone praised the courage and kindness of Anna Berg", "Anna Berg", 0),
        ("Anna Berg", "Anna Berg", 0),
        ("Obamacare supporters cheered.", "Obama", 0),
        ("Berg met Berg.", "Berg", 1),
    ],
    ids=["at-start", "at-end", "whole-text", "inside-a-word", "second-occurrence"],
)
def test_targets_at_the_edges_are_marked(model: StanceModel, text: str, mention: str, occurrence: int) -> None:
    """Targets at the very start, the very end, inside a word or repeated get their own tokens marked."""
    ref = target(text, mention, occurrence=occurrence)
    encoded = model.encoder.encode(*ref)
    assert encoded.ids[0] == model.encoder.cls_id and encoded.ids[-1] == model.encoder.sep_id
    assert encoded.ids[encoded.marker] == model.encoder.open_id
    close = encoded.ids.index(model.encoder.close_id)
    inside = model.encoder.tokenizer.decode(list(encoded.ids[encoded.marker + 1 : close]))
    assert squeezed(mention) in squeezed(inside)
    assert_well_formed(model.score_one(*ref))


def test_second_occurrence_is_marked_after_the_first() -> None:
    """The token range follows the offsets, not the first matching word."""
    offsets = [(0, 4), (5, 8), (9, 13)]  # "Berg met Berg"
    assert target_token_range(offsets, 9, 13) == (2, 3)
    assert target_token_range(offsets, 0, 4) == (0, 1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(4, 5, (1, 1)), (13, 13, (3, 3)), (0, 0, (0, 0)), (2, 6, (0, 2))],
    ids=["in-whitespace", "empty-at-end", "empty-at-start", "half-words"],
)
def test_token_range_of_spans_between_tokens(start: int, end: int, expected: tuple[int, int]) -> None:
    """Spans over whitespace or empty spans give an empty range at their place; partial words count whole."""
    assert target_token_range([(0, 4), (5, 8), (9, 13)], start, end) == expected


def test_long_text_keeps_the_target_in_the_window(model: StanceModel) -> None:
    """In a long article the window is cut around the target, which stays marked, and the label holds."""
    sentence = "Critics slammed Governor Paul Hart as a corrupt liar who betrayed the voters and stole public money."
    filler = "The committee met on Monday to discuss the annual budget of the regional water board. " * 400
    text = filler + sentence + " " + filler
    ref = target(text, "Paul Hart")
    encoded = model.encoder.encode(*ref)
    assert len(encoded.ids) == model.encoder.max_length
    assert model.encoder.close_id in encoded.ids[encoded.marker :]
    assert model.score_one(*ref).label == model.score_one(*target(sentence, "Paul Hart")).label == "against"


def test_huge_target_is_cut_to_the_window(model: StanceModel) -> None:
    """A target spanning a whole long text still fits the model's window."""
    text = "word " * 50_000
    encoded = model.encoder.encode(text, 0, len(text))
    assert len(encoded.ids) == model.encoder.max_length
    assert_well_formed(model.score_one(text, 0, len(text)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "Anna \ud800Berg\udfff was \x00\x07 praised \u200b\u200d today",
        "😀😀 Anna Berg 😡 🇺🇸 was praised \ufeff\u202e today",
        "安娜·伯格 受到称赞。 Anna Berg",
        "a" * 5000 + " Anna Berg",
    ],
    ids=["empty", "whitespace", "surrogates-and-controls", "emoji-and-bidi", "cjk", "giant-word"],
)
def test_odd_text_never_raises(model: StanceModel, text: str) -> None:
    """Empty text, lone surrogates, control characters, emoji and giant words give a well-formed result."""
    start = max(0, text.find("Anna Berg"))
    end = start + len("Anna Berg") if "Anna Berg" in text else start
    assert_well_formed(model.score_one(text, start, end))


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 2), (0, 99)], ids=["negative", "reversed", "past-end"])
def test_offsets_outside_the_text_are_refused(model: StanceModel, start: int, end: int) -> None:
    """Offsets must satisfy 0 <= start <= end <= len(text); the caller checks them first."""
    with pytest.raises(ValueError, match="offsets"):
        model.score_one("Anna Berg spoke.", start, end)


def test_model_loads_once_per_process() -> None:
    """Loading the packaged model twice returns the same object (one session per worker)."""
    assert load_stance_model() is load_stance_model()


def test_model_meta_describes_the_labels(model: StanceModel) -> None:
    """The packaged meta names the three labels in the model's output order; reads stop at READ_MAX_TOKENS."""
    assert tuple(model.meta["labels"]) == LABELS
    assert model.encoder.max_length == min(model.meta["max_length"], READ_MAX_TOKENS)
    assert model.name.startswith(model.meta["name"])


@pytest.mark.parametrize(
    ("probabilities", "label", "score"),
    [((0.7, 0.2, 0.1), "against", -0.6), ((0.1, 0.3, 0.6), "favor", 0.5), ((0.3, 0.4, 0.3), "neutral", 0.0)],
)
def test_probabilities_turn_into_label_score_and_confidence(
    probabilities: tuple[float, float, float], label: str, score: float
) -> None:
    """The label is the most probable one, score is P(favor) - P(against), confidence the label's probability."""
    stance = to_stance(probabilities)
    assert (stance.label, stance.confidence) == (label, max(probabilities))
    assert math.isclose(stance.score, score, abs_tol=1e-4)


def test_inference_imports_no_training_library() -> None:
    """Loading and running the model imports neither torch nor transformers beyond what spaCy brings."""
    code = (
        "import sys, service.extraction; before = set(sys.modules); "
        "from service.extraction.target_stance import load_stance_model; "
        "load_stance_model().score_one('Anna Berg spoke.', 0, 9); "
        "print(sorted(m for m in set(sys.modules) - before "
        "if m.split('.')[0] in {'torch', 'transformers', 'sentence_transformers'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
