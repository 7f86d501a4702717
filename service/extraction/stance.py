"""Stage 6: stance — the tone of a quote, the speaker's commitment, the writer's framing and targets.

The four answers stay separate. Polarity reads the words with the VADER lexicon, commitment and
framing come from the word lists in data/, and the stance toward each target comes from a trained,
target-aware model (``target_stance``) that reads the sentence with the target's mention in it.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple, Protocol

from spacy.language import Language
from spacy.tokens import Doc, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .lexicon import COMMITMENT_PHRASES, DEMONYMS, FRAMING, SPEAKER_ENTITY_LABELS
from .parse import parse
from .parsecopy import readable
from .speakers import name_key
from .types import (
    Commitment,
    Cue,
    Framing,
    Polarity,
    Quote,
    Speaker,
    Stance,
    TargetLabel,
    TargetSource,
    TargetStance,
    TextStance,
)

#: VADER's own thresholds for a neutral compound score.
NEUTRAL_BAND = 0.05
#: Commitment of a plain statement, and how much each booster or hedge moves it.
BASE_COMMITMENT = 0.75
BOOSTER_STEP = 0.1
HEDGE_STEP = 0.2
#: A target found only in the sentences around the quote is less sure than one the quote names.
CONTEXT_WEIGHT = 0.6
#: Where a document keeps its sentence offsets for this stage.
_SENTENCES_KEY = "stance.sentences"
_ENTITIES_KEY = "stance.entities"
_ENTITY_STARTS_KEY = "stance.entity_starts"
_TEXT_KEY = "stance.text"
#: A blended score at least this far from 0 takes a side.
BLEND_MARGIN = 0.2
#: Named-entity labels that can be a stance target.
TARGET_ENTITY_LABELS = SPEAKER_ENTITY_LABELS
#: At most this many targets of the quote's own entities, in reading order.
MAX_QUOTE_TARGETS = 5
#: Dependents of a reporting verb that name the medium or audience rather than the topic.
MEDIUM_DEPS = frozenset({"prep", "agent", "dative", "npadvmod"})
#: Context read on each side of a quote at most: a longer "sentence" is a misparse of text without
#: sentence ends, and reading all of it for every quote would cost the square of its length.
MAX_CONTEXT_CHARS = 1000
#: Targets the model may read in one document (several share a read, but each counts): a base plus one per this many characters. Real news needs one
#: read per 68-170 characters (PolNeAR dev: lowest 68, median 168; none of its 84 articles reaches
#: the budget); a text built of nothing but short quotes by different people would need one per 35. Reads go to caller targets and names in quotes first, context last; a
#: target beyond the budget takes its quote's tone with FALLBACK_CONFIDENCE.
READS_PER_DOCUMENT = 100
CHARS_PER_READ = 150
FALLBACK_CONFIDENCE = 0.3
#: Reads per model call for a document's quotes: about a fifth faster than one by one. The int8 model
#: quantizes activations per call, so a target's score moves slightly (up to ~0.1) with the other
#: reads of its document, but one document always gets the same answers. /v1/stance makes one call.
#: Each read holds all the targets asked of one text (``StanceModel.reads``): a quote naming three
#: people is read once.
QUOTE_READ_BATCH = 8
#: Modal verbs only hedge or boost as modals ("may" is also a month).
MODALS = frozenset({"may", "might", "could", "must"})


class TargetInput(NamedTuple):
    """A target for the stance model: a text and the mention's offsets within it."""

    text: str
    start: int
    end: int


class TargetScore(Protocol):
    """The stance model's answer for one target."""

    @property
    def label(self) -> str:
        """against, neutral or favor."""
        ...

    @property
    def score(self) -> float:
        """P(favor) - P(against), from -1 to 1."""
        ...

    @property
    def confidence(self) -> float:
        """Probability of the label."""
        ...


class TargetScorer(Protocol):
    """Anything that scores many targets at once (the trained model, or a stand-in in tests)."""

    def score(self, targets: Sequence[TargetInput], *, batch_size: int = 1) -> Sequence[TargetScore]:
        """Return one answer per target, in order, reading the targets of one text together, ``batch_size`` reads per call."""
        ...


@dataclass(frozen=True, slots=True)
class _Pending:
    """A target waiting for the model: where it was found, and what the model reads."""

    text: str
    start: int | None
    end: int | None
    source: TargetSource
    weight: float
    item: TargetInput | None
    tone: float | None = None  # the quote's polarity, blended in when the quote does not name the target
    quote_tone: float = 0.0  # the quote's polarity, the answer when the document's read budget is spent


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    """Return the VADER analyzer, built once per process."""
    return SentimentIntensityAnalyzer()


def rate_polarity(text: str) -> Polarity:
    """Return the tone of ``text`` from VADER's compound score."""
    score = round(_analyzer().polarity_scores(text)["compound"], 3)
    if score >= NEUTRAL_BAND:
        return Polarity("positive", score)
    if score <= -NEUTRAL_BAND:
        return Polarity("negative", score)
    return Polarity("neutral", score)


def _token_keys(token: Token) -> tuple[str, str]:
    """Return the lower-case lemma and form a phrase word may match."""
    return token.lemma_.lower(), token.lower_


def _matches(tokens: Sequence[Token], position: int, phrase: tuple[str, ...]) -> bool:
    """Tell whether ``phrase`` (lemmas) starts at ``tokens[position]``."""
    if position + len(phrase) > len(tokens):
        return False
    words = tokens[position : position + len(phrase)]
    if len(phrase) == 1 and phrase[0] in MODALS and words[0].tag_ != "MD":
        return False
    return all(word in _token_keys(token) for word, token in zip(phrase, words))


@cache
def _phrases_by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Return the commitment phrases grouped by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, kind in COMMITMENT_PHRASES:
        index.setdefault(phrase[0], []).append((phrase, kind))
    return index


def find_commitment_cues(tokens: Sequence[Token]) -> list[tuple[str, str]]:
    """Return (words, kind) for each hedge, denial or booster phrase in ``tokens``, longest first."""
    index = _phrases_by_first_word()
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(tokens):
        lemma, form = _token_keys(tokens[position])
        candidates = index.get(lemma, []) + (index.get(form, []) if form != lemma else [])
        for phrase, kind in sorted(candidates, key=lambda entry: -len(entry[0])):
            if _matches(tokens, position, phrase):
                words = tokens[position : position + len(phrase)]
                found.append(("".join(token.text_with_ws for token in words).strip(), kind))
                position += len(phrase)
                break
        else:
            position += 1
    return found


def assess_commitment(tokens: Sequence[Token], *, cue: Cue | None = None) -> Commitment:
    """Return how firmly the speaker stands behind ``tokens``; a thought cue ("believes") hedges."""
    found = find_commitment_cues(tokens)
    if cue is not None:
        cue_kind = next((kind for phrase, kind in COMMITMENT_PHRASES if phrase == (cue.lemma,)), None)
        if cue_kind is not None:
            found.insert(0, (cue.text, cue_kind))
    kinds = [kind for _, kind in found]
    hedges, boosters = kinds.count("hedge"), kinds.count("booster")
    score = min(1.0, max(0.05, BASE_COMMITMENT + BOOSTER_STEP * boosters - HEDGE_STEP * hedges))
    if "denial" in kinds:
        label = "denied"
    elif hedges > boosters:
        label = "hedged"
    else:
        label = "asserted"
    return Commitment(label, round(score, 2), tuple(words for words, _ in found))


def frame_cue(cue: Cue | None) -> Framing | None:
    """Return the framing of the writer's reporting verb, or None without a known cue."""
    if cue is None or cue.lemma not in FRAMING:
        return None
    return Framing(FRAMING[cue.lemma], cue.text)  # type: ignore[arg-type]


def name_forms(name: str) -> list[str]:
    """Return the ways an article may write a target: itself and, for a place, its adjective."""
    place = name.strip().lower()
    forms = [name.strip()] + [adjective for adjective, where in DEMONYMS.items() if where.lower() == place]
    return [form for form in forms if form]


@cache
def _form_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Return a case-insensitive whole-word pattern for any of ``forms``, longest first."""
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def find_mentions(name: str, text: str, *, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) of every mention of ``name`` in ``text[start:end]``."""
    forms = tuple(name_forms(name))
    if not forms:
        return []
    pattern = _form_pattern(forms)
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, stop)]


def _sentence_starts(doc: Doc) -> tuple[list[int], list[int]]:
    """Return the start and end characters of the document's sentences, computed once per document."""
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is None:
        sentences = list(doc.sents)
        cached = ([s.start_char for s in sentences], [s.end_char for s in sentences])
        doc.user_data[_SENTENCES_KEY] = cached
    return cached


def _text(doc: Doc) -> str:
    """Return the document's text, built once per document (``doc.text`` joins every token)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


@dataclass(frozen=True, slots=True)
class _Entity:
    """A named entity read once from the parse: what target search needs, without touching tokens again."""

    text: str
    start: int
    end: int
    label: str
    root: int
    key: str
    place_key: str | None


def _entities(doc: Doc) -> tuple[_Entity, ...]:
    """Return the document's named entities in text order, computed once per document."""
    cached = doc.user_data.get(_ENTITIES_KEY)
    if cached is None:
        records = []
        for entity in doc.ents:
            name = entity.text.strip()  # the tagger sometimes lets a line break into a name
            if not name:
                continue
            start = entity.start_char + entity.text.index(name)
            place = DEMONYMS.get(name.lower())
            records.append(
                _Entity(
                    name,
                    start,
                    start + len(name),
                    entity.label_,
                    entity.root.i,
                    name_key(name),
                    None if place is None else name_key(place),
                )
            )
        cached = doc.user_data[_ENTITIES_KEY] = tuple(records)
    return cached


def _entity_starts(doc: Doc) -> list[int]:
    """Return the start characters of the document's named entities, in order, computed once per document."""
    cached = doc.user_data.get(_ENTITY_STARTS_KEY)
    if cached is None:
        cached = doc.user_data[_ENTITY_STARTS_KEY] = [entity.start for entity in _entities(doc)]
    return cached


def _sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Return the character span of the sentences that overlap ``[start, end)``."""
    starts, ends = _sentence_starts(doc)
    if not starts:
        return start, end
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, end) - 1)
    return min(starts[first], start), max(ends[last], end)


def _previous_sentence(doc: Doc, start: int) -> tuple[int, int] | None:
    """Return the sentence that ends before character ``start``, if any."""
    starts, ends = _sentence_starts(doc)
    index = bisect.bisect_right(ends, start) - 1
    return None if index < 0 else (starts[index], ends[index])


def _context_windows(doc: Doc, quote: Quote) -> list[tuple[int, int]]:
    """Return the introducing sentences of a quote and the sentence before them, nearest first."""
    start, end = quote.start, quote.end
    for anchor in (quote.cue, quote.mention):
        if anchor is not None:
            start, end = min(start, anchor.start), max(end, anchor.end)
    first, last = _sentence_bounds(doc, start, end)
    windows = [(max(first, start - MAX_CONTEXT_CHARS), min(last, end + MAX_CONTEXT_CHARS))]
    previous = _previous_sentence(doc, first)
    if previous is not None:
        windows.append((max(previous[0], previous[1] - MAX_CONTEXT_CHARS), previous[1]))
    return windows


def _model_input(text: str, *, window: tuple[int, int], quote: Quote, mention: tuple[int, int]) -> TargetInput:
    """Return the text the model reads for a mention: its window, followed by the quote if apart."""
    body = text[window[0] : window[1]]
    if window[0] <= quote.start and quote.end <= window[1]:
        return TargetInput(body, mention[0] - window[0], mention[1] - window[0])
    return TargetInput(f"{body} {quote.text}", mention[0] - window[0], mention[1] - window[0])


def _locate_caller_target(name: str, *, doc: Doc, quote: Quote, tone: float) -> _Pending:
    """Find a caller's target in the quote, else in its context; unmentioned targets stay unscored."""
    text = _text(doc)
    inside = find_mentions(name, text, start=quote.start, end=quote.end)
    if inside:
        first = inside[0]
        item = TargetInput(quote.text, first[0] - quote.start, first[1] - quote.start)
        return _Pending(name, first[0], first[1], "caller", 1.0, item, quote_tone=tone)
    for window in _context_windows(doc, quote):
        found = find_mentions(name, text, start=window[0], end=window[1])
        outside = [m for m in found if m[1] <= quote.start or m[0] >= quote.end]
        if outside:
            mention = min(outside, key=lambda m: abs(m[0] - quote.start))
            item = _model_input(text, window=window, quote=quote, mention=mention)
            return _Pending(name, mention[0], mention[1], "caller", CONTEXT_WEIGHT, item, tone, tone)
    return _Pending(name, None, None, "caller", 0.0, None)


def _own_side(speaker: Speaker | None) -> set[str]:
    """Return name keys of the speaker and the speaker's own side (affiliations and their adjectives)."""
    if speaker is None:
        return set()
    keys = {name_key(speaker.name), *(name_key(part) for part in speaker.name.split())}
    for role in speaker.roles:
        if role.affiliation:
            keys.update(name_key(form) for form in name_forms(role.affiliation))
    return keys


def _medium_tokens(doc: Doc, cue: Cue | None) -> set[int]:
    """Return the tokens that say where or to whom words were said ("by Interfax", "told Reuters")."""
    if cue is None:
        return set()
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    found: set[int] = set()
    for token in span or ():
        for child in token.children:
            if child.dep_ in MEDIUM_DEPS:
                found.update(t.i for t in child.subtree)
    return found


def _entity_targets(
    doc: Doc, *, start: int, end: int, exclude: set[str], skip: set[int] = frozenset()  # type: ignore[assignment]
) -> list[tuple[str, int, int]]:
    """Return the named entities in ``[start, end)`` that can be targets, skipping ``exclude``."""
    found: list[tuple[str, int, int]] = []
    entities = _entities(doc)
    starts = _entity_starts(doc)  # entities in text order: only those starting in the window are read
    for entity in entities[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
        if entity.end > end or entity.root in skip:
            continue
        if entity.label not in TARGET_ENTITY_LABELS or entity.key in exclude:
            continue
        if entity.place_key is not None and entity.place_key in exclude:
            continue
        exclude.add(entity.key)
        found.append((entity.text, entity.start, entity.end))
    return found


def _quote_targets(
    doc: Doc, quote: Quote, *, speaker: Speaker | None, taken: set[str], tone: float
) -> list[_Pending]:
    """Return the entities the quote names and, failing those, the topic of its introduction."""
    exclude = _own_side(speaker) | taken
    pending = [
        _Pending(name, s, e, "quote", 1.0, TargetInput(quote.text, s - quote.start, e - quote.start), quote_tone=tone)
        for name, s, e in _entity_targets(doc, start=quote.start, end=quote.end, exclude=exclude)
    ][:MAX_QUOTE_TARGETS]
    if pending:
        return pending
    medium = _medium_tokens(doc, quote.cue)
    for window in _context_windows(doc, quote):
        outside = [
            target
            for target in _entity_targets(doc, start=window[0], end=window[1], exclude=set(exclude), skip=medium)
            if target[2] <= quote.start or target[1] >= quote.end
        ]
        if outside:
            name, s, e = outside[0]
            item = _model_input(_text(doc), window=window, quote=quote, mention=(s, e))
            return [_Pending(name, s, e, "context", CONTEXT_WEIGHT, item, tone, tone)]
    return []


def _blend(answer: TargetScore, *, tone: float | None) -> tuple[TargetLabel, float, float]:
    """Return label, score and confidence: the model's, averaged with the quote's tone when it applies.

    A quote that does not name its target ("These are our neighbors" after a sentence about North
    Korea) still speaks about it: its tone is half the evidence, the model's reading of the
    introducing sentence the other half.
    """
    if tone is None:
        return answer.label, answer.score, answer.confidence  # type: ignore[return-value]
    score = (answer.score + tone) / 2
    label = _side(score)
    confidence = answer.confidence if label == answer.label else min(answer.confidence, max(abs(score), 0.5))
    return label, score, confidence


def _read_order(pending: Sequence[_Pending]) -> list[TargetInput]:
    """Return the distinct model inputs, those of caller targets and named targets first, context last."""
    first = (p.item for p in pending if p.item is not None and p.source != "context")
    last = (p.item for p in pending if p.item is not None and p.source == "context")
    return list(dict.fromkeys([*first, *last]))  # quotes often share a context


def _side(score: float) -> TargetLabel:
    """Return the label of a blended or tone score: a side only at least BLEND_MARGIN from 0."""
    return "favor" if score >= BLEND_MARGIN else "against" if score <= -BLEND_MARGIN else "neutral"


def _tone_answer(tone: float) -> tuple[TargetLabel, float, float]:
    """Return label, score and confidence read from a quote's tone alone (the read budget is spent)."""
    return _side(tone), tone, FALLBACK_CONFIDENCE


def _score_pending(
    pending: Sequence[_Pending], *, scorer: TargetScorer, budget: int, batch_size: int = 1
) -> list[TargetStance]:
    """Run the model over at most ``budget`` distinct inputs and weigh each answer by where it was found."""
    items = _read_order(pending)[: max(0, budget)]
    answers = dict(zip(items, scorer.score(items, batch_size=batch_size) if items else []))
    targets: list[TargetStance] = []
    for p in pending:
        if p.item is None:
            targets.append(TargetStance(p.text, None, None, "neutral", 0.0, 0.0, p.source))
            continue
        answer = answers.get(p.item)
        label, score, confidence = _tone_answer(p.quote_tone) if answer is None else _blend(answer, tone=p.tone)
        targets.append(
            TargetStance(p.text, p.start, p.end, label, round(score, 3), round(confidence * p.weight, 3), p.source)
        )
    return targets


def read_budget(text: str) -> int:
    """Return how many model reads the stance stage may spend on ``text``."""
    return READS_PER_DOCUMENT + len(text) // CHARS_PER_READ


def _quote_tokens(doc: Doc, quote: Quote) -> Sequence[Token]:
    """Return the tokens inside a quote."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return [] if span is None else list(span)


def assess_stances(
    quotes: Sequence[Quote],
    *,
    doc: Doc,
    speakers: Sequence[Speaker],
    scorer: TargetScorer,
    targets: Sequence[str] = (),
) -> list[Quote]:
    """Return the quotes with their stance; ``targets`` are the caller's, asked of every quote."""
    by_id = {speaker.id: speaker for speaker in speakers}
    names = _unique(targets)
    taken = {name_key(form) for name in names for form in name_forms(name)}
    plans: list[list[_Pending]] = []
    polarities = [rate_polarity(quote.text) for quote in quotes]
    for quote, polarity in zip(quotes, polarities):
        tone = polarity.score
        caller = [_locate_caller_target(name, doc=doc, quote=quote, tone=tone) for name in names]
        speaker = by_id.get(quote.speaker_id or "")
        plans.append(caller + _quote_targets(doc, quote, speaker=speaker, taken=taken, tone=tone))
    pending = [p for plan in plans for p in plan]
    budget = read_budget(_text(doc))
    scored = iter(_score_pending(pending, scorer=scorer, budget=budget, batch_size=QUOTE_READ_BATCH))
    result: list[Quote] = []
    for quote, plan, polarity in zip(quotes, plans, polarities):
        stance = Stance(
            polarity=polarity,
            commitment=assess_commitment(_quote_tokens(doc, quote), cue=quote.cue),
            framing=frame_cue(quote.cue),
            targets=tuple(next(scored) for _ in plan),
        )
        result.append(dataclasses.replace(quote, stance=stance))
    return result


def _unique(names: Iterable[str]) -> list[str]:
    """Return the non-empty names once each, in their first order."""
    seen: dict[str, str] = {}
    for name in names:
        if name.strip() and name_key(name.strip()) not in seen:
            seen[name_key(name.strip())] = name.strip()
    return list(seen.values())


def assess_text(
    text: str,
    *,
    nlp: Language,
    scorer: TargetScorer,
    targets: Sequence[tuple[str, int | None, int | None]] = (),
) -> TextStance:
    """Return the stance of a whole text toward the caller's targets, located by offsets or by name."""
    text = readable(text)  # same length: offsets hold; invisible marks read as spaces
    doc = parse(text, nlp=nlp)
    pending: list[_Pending] = []
    for name, start, end in targets:
        if start is None or end is None:
            found = find_mentions(name, text)
            start, end = found[0] if found else (None, None)
        item = None if start is None or end is None else TargetInput(text, start, end)
        pending.append(_Pending(name, start, end, "caller", 1.0, item))
    return TextStance(
        polarity=rate_polarity(text),
        commitment=assess_commitment(list(doc)),
        targets=tuple(_score_pending(pending, scorer=scorer, budget=read_budget(text))),
    )
