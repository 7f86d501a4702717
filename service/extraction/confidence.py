"""Stage 6: turn how an attribution was found into a confidence a newsroom can threshold.

Each attribution is described by a few features (kind, rule, kind of mention, whether the cue
is "say"/"tell" and sits next to the quote, whether the speaker has a full name).  The accuracy
of each feature combination was measured on PolNeAR train by scripts/fit_confidence.py and is
stored in data/confidence.tsv.  That accuracy is mapped onto the confidence scale so that 0.8
means "97% right on train": accuracies up to 0.97 span 0..0.8 and those above span 0.8..1.
"""

from __future__ import annotations

from .lexicon import PRONOUNS, load_table
from .types import Attribution

ANCHOR_ACCURACY = 0.975  # accuracy that maps to the confidence ANCHOR_CONFIDENCE
ANCHOR_CONFIDENCE = 0.8
_NEAR_CHARS = 40
_RELATIVE = frozenset({"who", "that", "which"})
_SAY = frozenset({"say", "tell"})


def feature_levels(attribution: Attribution, *, speaker_name: str | None) -> tuple[str, ...]:
    """Return the attribution's feature keys, from the most specific to the coarsest."""
    kind = "indirect" if attribution.kind == "indirect" else "direct"
    mention = attribution.mention
    if mention is None:
        mention_class = "none"
    elif mention.text.lower() in PRONOUNS or mention.text.lower() in _RELATIVE:
        mention_class = "pronoun"
    elif mention.text[:1].isupper():
        mention_class = "name"
    else:
        mention_class = "nominal"
    cue = attribution.cue
    say = cue is not None and cue.lemma in _SAY
    span = attribution.span
    near = cue is not None and (
        0 <= cue.start - span.outer_end <= _NEAR_CHARS or 0 <= span.outer_start - cue.end <= _NEAR_CHARS
    )
    full = bool(speaker_name) and len(speaker_name.split()) >= 2
    base = f"{kind}|{attribution.rule}"
    return (
        f"{base}|{mention_class}|say={int(say)}|near={int(near)}|full={int(full)}",
        f"{base}|{mention_class}",
        base,
        kind,
    )


def accuracy_of(levels: tuple[str, ...]) -> float | None:
    """Return the measured accuracy of the most specific level in the table, if any."""
    table = load_table("confidence")
    for level in levels:
        if level in table:
            return float(table[level])
    return None


def to_confidence(accuracy: float) -> float:
    """Map a measured accuracy onto the confidence scale (monotone, ANCHOR_ACCURACY -> ANCHOR_CONFIDENCE)."""
    accuracy = min(max(accuracy, 0.0), 1.0)
    if accuracy <= ANCHOR_ACCURACY:
        value = accuracy / ANCHOR_ACCURACY * ANCHOR_CONFIDENCE
    else:
        value = ANCHOR_CONFIDENCE + (accuracy - ANCHOR_ACCURACY) / (1 - ANCHOR_ACCURACY) * (1 - ANCHOR_CONFIDENCE)
    return round(value, 3)


def calibrate(attribution: Attribution, *, speaker_name: str | None) -> float:
    """Return the confidence of an attribution, falling back to its rule's prior when unmeasured."""
    accuracy = accuracy_of(feature_levels(attribution, speaker_name=speaker_name))
    return attribution.confidence if accuracy is None else to_confidence(accuracy)
