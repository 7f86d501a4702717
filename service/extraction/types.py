"""Frozen value types passed between the extraction stages; all offsets are Python str offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

QuoteKind = Literal["direct", "partial", "indirect"]
CueType = Literal["speech", "thought", "writing"]
SpeakerKind = Literal["person", "organization", "group", "document", "other"]
SPEAKER_KIND_NAMES: tuple[str, ...] = get_args(SpeakerKind)
PolarityLabel = Literal["negative", "neutral", "positive"]
CommitmentLabel = Literal["asserted", "hedged", "denied"]
FramingLabel = Literal["neutral", "distancing", "endorsing", "emphatic", "tentative", "critical"]
TargetLabel = Literal["against", "neutral", "favor"]
TargetSource = Literal["caller", "quote", "context"]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the submitted text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A stretch of text between quotation marks, found before any parsing."""

    start: int  # content start, after the opening mark
    end: int  # content end, before the closing mark (or paragraph end when left open)
    outer_start: int  # position of the opening mark
    outer_end: int  # position after the closing mark (== end when left open)
    paragraph: int  # 0-based paragraph index
    closed: bool = True  # False for a newswire paragraph left open for the next one


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting expression of an attribution ("said", "was quoted as saying")."""

    text: str
    lemma: str
    start: int
    end: int
    type: CueType = "speech"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A quote span with the speaker mention and cue found for it, before resolution."""

    span: QuoteSpan
    kind: QuoteKind
    mention: Span | None
    cue: Cue | None
    confidence: float
    rule: str  # name of the pattern that attributed it, for debugging and calibration


@dataclass(frozen=True, slots=True)
class Role:
    """A title with its affiliation, as written next to one of the speaker's mentions."""

    title: str
    affiliation: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person, organisation, group, document or other source, merged across the article."""

    id: str
    name: str
    kind: SpeakerKind
    roles: tuple[Role, ...] = ()
    mentions: tuple[Span, ...] = ()
    quote_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Polarity:
    """The tone of the words themselves, from -1 (negative) to 1 (positive)."""

    label: PolarityLabel
    score: float


@dataclass(frozen=True, slots=True)
class Commitment:
    """How firmly the speaker stands behind the words, with the words that decided it."""

    label: CommitmentLabel
    score: float
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Framing:
    """How the writer's choice of reporting verb frames the words."""

    label: FramingLabel
    verb: str


@dataclass(frozen=True, slots=True)
class TargetStance:
    """The speaker's stance toward one target; offsets locate the mention that was read, if any."""

    text: str
    start: int | None
    end: int | None
    label: TargetLabel
    score: float
    confidence: float
    source: TargetSource


@dataclass(frozen=True, slots=True)
class Stance:
    """Four separate answers: tone, commitment, the writer's framing and stance toward targets."""

    polarity: Polarity
    commitment: Commitment
    framing: Framing | None = None
    targets: tuple[TargetStance, ...] = ()


@dataclass(frozen=True, slots=True)
class TextStance:
    """The stance of a free-standing text: tone, commitment and targets (no speaker, no cue)."""

    polarity: Polarity
    commitment: Commitment
    targets: tuple[TargetStance, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation as returned to the caller."""

    id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    paragraph: int
    speaker_id: str | None
    mention: Span | None
    cue: Cue | None
    confidence: float
    stance: Stance | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one article."""

    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = field(default_factory=tuple)

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """Return the speaker with this id, or None."""
        return next((s for s in self.speakers if s.id == speaker_id), None)
