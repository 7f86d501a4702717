"""Stage 3b: reported speech, thought and writing that is not in quotation marks.

A reporting verb with a clausal complement gives an indirect quote whose content is
the reported clause ("X said (that) CONTENT", "CONTENT, X said", "X told reporters
CONTENT"); "according to X" reports the rest of its sentence.  Nested reports give
one attribution each, every content span belonging to its own speaker.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Token

from .attribution import TokenIndex, can_speak, cue_of, mention_of, subject_of
from .lexicon import NO_REPORTED_CONTENT, POSITION_VERBS, REPORTING_NOUNS
from .parse import children, rights
from .spans import Paragraph, paragraph_at
from .types import Attribution, Cue, QuoteSpan

_COMPLEMENTS = frozenset({"ccomp"})
_INTENTION_COMPLEMENTS = frozenset({"xcomp"})
_PARENTHETICAL = frozenset({"parataxis"})
_LISTENER_OBJECTS = frozenset({"tell", "ask", "call", "inform", "assure", "reassure", "urge", "order", "advise", "instruct", "warn"})
_TOPIC_PREPOSITIONS = frozenset({"about", "on", "for", "against", "over"})
_EDGE_PUNCT = frozenset({",", ";", ":", ".", "—", "–", "-", "―", "“", "”", '"', "''", "‘", "’"})
_MIN_CONTENT_TOKENS = 2
_QUOTED_SHARE = 0.5  # a complement more than half inside quotation marks is a direct quote, not reported speech
_MAX_NESTING = 8  # a report whose cue lies inside more reported contents than this is dropped

CONFIDENCE = {"speech": 0.8, "writing": 0.8, "thought": 0.7, "according": 0.75, "noun": 0.65}


def find_reported_speech(index: TokenIndex, *, paragraphs: Sequence[Paragraph]) -> list[Attribution]:
    """Return an indirect attribution for each reporting verb or 'according to' in the text."""
    found: list[Attribution] = []
    for token in index.doc:
        if index.quoted[token.i]:
            continue
        attribution = (
            _from_reporting_verb(index, token, paragraphs)
            or _from_reporting_noun(index, token, paragraphs)
            or _from_according_to(index, token, paragraphs)
        )
        if attribution is not None:
            found.append(attribution)
    return _without_deep_nesting(found)


def _without_deep_nesting(found: Sequence[Attribution]) -> list[Attribution]:
    """Drop the reports whose cue lies inside the contents of more than _MAX_NESTING other reports.

    Real reports nest two or three deep; a chain such as "he said he said he said ..." would
    otherwise return contents whose total length grows with the square of the text's.
    """
    starts = sorted(a.span.start for a in found)
    ends = sorted(a.span.end for a in found)
    kept: list[Attribution] = []
    for attribution in found:
        cue = attribution.cue.start if attribution.cue is not None else attribution.span.start
        around = bisect.bisect_right(starts, cue) - bisect.bisect_right(ends, cue)
        around -= attribution.span.start <= cue < attribution.span.end
        if around <= _MAX_NESTING:
            kept.append(attribution)
    return kept


def _from_reporting_verb(index: TokenIndex, verb: Token, paragraphs: Sequence[Paragraph]) -> Attribution | None:
    """Return 'X said (that) CONTENT' for a reporting verb with a clausal complement."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in POSITION_VERBS or lemma in NO_REPORTED_CONTENT:
        return None
    cue_type = POSITION_VERBS[lemma]
    complement = next((child for child in children(verb) if child.dep_ in _COMPLEMENTS | _INTENTION_COMPLEMENTS), None)
    if complement is None and lemma not in _LISTENER_OBJECTS:
        complement = next((c for c in children(verb) if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    subject = subject_of(verb)
    if subject is None or index.quoted[subject.i]:
        return None
    if complement is not None:
        start, end = complement.left_edge.i, _clause_end(complement)
    elif verb.dep_ in _PARENTHETICAL and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        complement = verb.head  # "The museum, Mr. Bush said, celebrated ..."
        start, end = complement.left_edge.i, _clause_end(complement)
        if verb.left_edge.i <= start:
            start = verb.right_edge.i + 1
    elif (topic := _topic_of(verb)) is not None:
        complement = topic  # "X talked about the economy"
        start, end = topic.left_edge.i, topic.right_edge.i + 1
    else:
        return None
    start, end = _within_paragraph(index, verb, start, end, paragraphs)
    content = _content_range(index, *_without_according(index, start, end, keep=complement.i))
    if content is None:
        return None
    cue = cue_of(verb)
    return _attribution(index, content, subject=subject, cue=cue, confidence=CONFIDENCE[cue_type], paragraphs=paragraphs)


def _from_reporting_noun(index: TokenIndex, noun: Token, paragraphs: Sequence[Paragraph]) -> Attribution | None:
    """Return "X's claim that CONTENT" or "X's criticism of CONTENT" for a reporting noun with an owner."""
    if noun.pos_ != "NOUN" or noun.lower_ not in REPORTING_NOUNS:
        return None
    owner = next((c for c in children(noun) if c.dep_ == "poss" and can_speak(c)), None)
    if owner is None:
        agent = next((c for c in children(noun) if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        owner = next((c for c in children(agent) if c.dep_ == "pobj" and can_speak(c, strict=True)), None) if agent else None
    if owner is None or index.quoted[owner.i]:
        return None
    clause = next((c for c in children(noun) if c.dep_ in ("acl", "ccomp")), None)
    if clause is not None:
        start, end = clause.left_edge.i, _clause_end(clause)
    elif (topic := _topic_of(noun, prepositions=_TOPIC_PREPOSITIONS | {"of"})) is not None:
        start, end = topic.left_edge.i, topic.right_edge.i + 1
    else:
        return None
    content = _content_range(index, *_within_paragraph(index, noun, start, end, paragraphs))
    if content is None:
        return None
    cue = Cue(noun.text, noun.lemma_.lower(), noun.idx, noun.idx + len(noun), "speech")
    return _attribution(index, content, subject=owner, cue=cue, confidence=CONFIDENCE["noun"], paragraphs=paragraphs)


def _from_according_to(index: TokenIndex, token: Token, paragraphs: Sequence[Paragraph]) -> Attribution | None:
    """Return 'according to X, CONTENT' or 'CONTENT, according to X' with the rest of the sentence as content."""
    if token.lower_ != "according":
        return None
    to = next((child for child in children(token) if child.lower_ == "to"), None)
    source = next((child for child in children(to) if child.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    if not can_speak(source, strict=True):
        agent = next((t for t in source.subtree if t.dep_ == "pobj" and t.head.lower_ == "by" and can_speak(t)), None)
        source = agent or source
    sentence = index.sentence(token.i)
    phrase_start, phrase_end = token.left_edge.i, max(token.right_edge.i, source.right_edge.i) + 1
    before = (sentence.start, phrase_start)
    after = (phrase_end, sentence.end)
    start, end = max(before, after, key=lambda r: r[1] - r[0])
    content = _content_range(index, *_within_paragraph(index, token, start, end, paragraphs))
    if content is None:
        return None
    cue = Cue(token.doc[token.i : to.i + 1].text, "according to", token.idx, to.idx + len(to), "speech")
    return _attribution(index, content, subject=source, cue=cue, confidence=CONFIDENCE["according"], paragraphs=paragraphs)


def _topic_of(verb: Token, *, prepositions: frozenset[str] = frozenset()) -> Token | None:
    """Return the object of 'about', 'on', 'for' or 'against' after a reporting word, if any."""
    for child in rights(verb):
        if child.dep_ == "prep" and child.lower_ in (prepositions or _TOPIC_PREPOSITIONS):
            return next((c for c in children(child) if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _clause_end(head: Token) -> int:
    """Return the end of a clause, before any conjoined clause with a subject of its own or a parataxis."""
    end = head.right_edge.i + 1
    for child in rights(head):
        own_clause = child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(child))
        if own_clause or child.dep_ == "parataxis":
            end = min(end, child.left_edge.i)
            while end > head.i + 1 and head.doc[end - 1].dep_ in ("cc", "punct"):
                end -= 1
            break
    return end


def _within_paragraph(
    index: TokenIndex, anchor: Token, start: int, end: int, paragraphs: Sequence[Paragraph]
) -> tuple[int, int]:
    """Clip a token range to the paragraph that holds its cue."""
    paragraph = paragraph_at(paragraphs, anchor.idx)
    if paragraph is None:
        return start, end
    start = min(end, max(start, bisect.bisect_left(index.starts, paragraph.start)))
    end = max(start, min(end, bisect.bisect_left(index.starts, paragraph.end)))
    return start, end


def _without_according(index: TokenIndex, start: int, end: int, *, keep: int) -> tuple[int, int]:
    """Cut an 'according to X' phrase out of a content range, keeping the side with token ``keep``."""
    positions = index.occurrences("according")
    for number in range(bisect.bisect_left(positions, start), len(positions)):
        if positions[number] >= end:
            break
        if positions[number] != keep:
            token = index.doc[positions[number]]
            left, right = token.left_edge.i, token.right_edge.i + 1
            return (start, left) if keep < left else (right, end)
    return start, end


def _content_range(index: TokenIndex, start: int, end: int) -> tuple[int, int] | None:
    """Trim punctuation off a token range and reject it when short or mostly quoted."""
    doc = index.doc
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    if end - start < _MIN_CONTENT_TOKENS:
        return None
    if index.quoted_count(start, end) > _QUOTED_SHARE * (end - start):
        return None
    return start, end


def _attribution(
    index: TokenIndex,
    content: tuple[int, int],
    *,
    subject: Token,
    cue: Cue,
    confidence: float,
    paragraphs: Sequence[Paragraph],
) -> Attribution:
    """Build the indirect attribution of a content token range."""
    doc = index.doc
    first, last = doc[content[0]], doc[content[1] - 1]
    start, end = first.idx, last.idx + len(last)
    paragraph = paragraph_at(paragraphs, start)
    span = QuoteSpan(start=start, end=end, outer_start=start, outer_end=end, paragraph=paragraph.index if paragraph else 0)
    return Attribution(span, "indirect", mention_of(subject), cue, confidence, "reported")
