"""Stage 3b: reported speech, thought and writing that is not in quotation marks.

A reporting verb with a clausal complement gives an indirect quote whose content is
the reported clause ("X said (that) CONTENT", "CONTENT, X said", "X told reporters
CONTENT"); "according to X" reports the rest of its sentence.  A report nested in another
report's content keeps its own content and speaker ("X said Z blamed Y" gives two), unless it
restates the outer speaker ("X said he expects Y" gives one).

Beyond these hand rules, every verb, noun or adjective construction with a speaker is a
candidate ("critical of X", "his adulation of X", "X unveiled a proposal for Y"), scored by a
logistic model over a few parse features (data/cue_model.tsv, written by scripts/learn_cues.py
from PolNeAR train): candidates scoring at least its 'add' threshold are reported, and the
hand-rule reports scoring under its 'drop' threshold are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .attribution import TokenIndex, author_of_document, can_speak, cue_of, is_share, mention_of, subject_of
from .lexicon import (
    AS_CLAUSE_NO_SOURCE_VERBS,
    CUE_MODEL,
    CONCESSIVE_MARKS,
    CUE_PARTICLES,
    FINDING_NOUNS,
    IMAGE_NOUNS,
    lemma_of_form,
    NO_OBJECT_CONTENT_VERBS,
    EXPERIENCER_PASSIVES,
    NO_REPORTED_CONTENT,
    NOT_SPEAKER_LABELS,
    OBJECT_PREPOSITIONS,
    OPINION_NOUNS,
    POSITION_VERBS,
    PRONOUNS,
    RECEIVED_STANCE_NOUNS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    NOT_TOPICS,
    SEEING_VERBS,
    CASTING_VERBS,
    CALLING_VERBS,
    SEEMING_WORDS,
    HEARSAY_ADVERBS,
    SPEAKING_MEDIA,
    STANCE_PHRASE_NOUNS,
    SOURCE_PREPOSITIONS,
    SPEAKER_ENTITY_LABELS,
    SUBORDINATORS,
    CueModel,
)
from .parse import children, is_title_case, rights
from .spans import Paragraph, paragraph_at
from .types import Attribution, Cue, QuoteSpan
from .types import Span as Mention

_COMPLEMENTS = frozenset({"ccomp"})
_INTENTION_COMPLEMENTS = frozenset({"xcomp"})
_PARENTHETICAL = frozenset({"parataxis"})
_CLOSING_REPORT_TAILS = frozenset({"prep", "npadvmod", "advmod", "punct"})  # "..., the paper reported on Monday"
_LISTENER_OBJECTS = frozenset({"tell", "ask", "call", "inform", "assure", "reassure", "urge", "order", "advise", "instruct", "warn"})
_TOPIC_PREPOSITIONS = frozenset({"about", "on", "for", "against", "over"})
_EDGE_PUNCT = frozenset({",", ";", ":", ".", "—", "–", "-", "―", "“", "”", '"', "''", "‘", "’"})
_ASIDE_MARKS = frozenset({",", "—", "–", "--", "-", "―", ";"})
_MIN_CONTENT_TOKENS = 2
_MAX_CONJOINED = 60  # tokens of a content beyond which a conjoined clause with its own subject is left out
#: A dateline opening an article's first paragraph: "CITY —", "CITY, State (AP) —", "CITY, Nov. 19 (UPI) —".
_DATELINE = re.compile(r"(?=[A-Z]{3})[A-Z.'’ ]+(?:,[^\S\n]*[A-Z][\w.'’ ]{1,30})?[^\S\n]*(?:\([^)\n]{1,20}\)[^\S\n]*)?[—–-]{1,2}[^\S\n]")
_QUOTED_SHARE = 0.5  # a complement more than half inside quotation marks is a direct quote, not reported speech
_MAX_NESTING = 8  # a report whose cue lies inside more reported contents than this is dropped
_ASIDE_DEPTH = 12  # how far up from a content's last token a trailing relative clause is looked for

CONFIDENCE = {"speech": 0.8, "writing": 0.8, "thought": 0.7, "according": 0.75, "noun": 0.65, "label": 0.6, "seeming": 0.5}
_LEARNED_POS = frozenset({"VERB", "NOUN", "ADJ"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "acl"})
_LEARNED_CONFIDENCE = 0.6  # prior of a learned cue, times the model's probability
_CLAUSES = frozenset({"ccomp", "xcomp", "acl", "hand:ccomp", "hand:xcomp", "hand:clause", "hand:parataxis"})
_LOOK = 30  # tokens of a content read for its features
_NESTED_LOOK = 16  # contents starting just before a report's own that are read as its outer report
_LABEL_NAME_TOKENS = 5  # words of a name before a paragraph's colon ("Mayor Kent: ...")
_HEADLINE_TOKENS = 30  # longest headline read for "Kent Slams Toll Plan"
_HEADLINE_SOURCE_TOKENS = 8  # longest source before a headline's reporting verb
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # "which", "that" (relative), "what", "who", "whose", "how"
_OPENING_BRACKETS = frozenset({"(", "["})
_CLOSING_BRACKETS = frozenset({")", "]"})
_BREAKS = frozenset({":", ";", "—", "–", "--"})  # marks no content runs across to a cue after it
_HOLDER_PREPOSITIONS = ("from", "among")  # "criticism from the unions", "support among teachers"
_FRAMING_PREPOSITION = "to"  # "To many voters, CONTENT"
_MISATTACHED_HOSTS = frozenset({"npadvmod", "dobj"})  # nouns after a cue a "that" clause may be misattached to
_FRAME_REACH = 80  # tokens on each side of a framing clause read for its content, so that chains of them stay linear
_PASSIVE_RULES = frozenset({"reported", "learned"})  # rules whose speaker is the cue verb's subject
_PARTICIPLE_DEPS = frozenset({"advcl"})  # a past participle hung here with no subject is passive ("Asked about X, ...")
_SAME_CONTENT = 0.5  # overlap of the longer span above which two contents are the same report (the scorer's)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cue token, how its content hangs from it, the content token range and the speaker token."""

    cue: Token
    construction: str  # ccomp, xcomp, acl, dobj, prep:<word>, agent, or hand:<rule> for a hand-rule report
    role: str  # how the speaker hangs from the cue: subj, poss, obj, agent
    start: int
    end: int
    speaker: Token

    @property
    def key(self) -> str:
        """Return "lemma|POS|construction|role"."""
        return f"{self.cue.lemma_.lower()}|{self.cue.pos_}|{self.construction}|{self.role}"


def find_reported_speech(
    index: TokenIndex, *, paragraphs: Sequence[Paragraph], model: CueModel | None = None
) -> list[Attribution]:
    """Return an indirect attribution for each reporting verb, 'according to' or learned cue in the text.

    ``model`` replaces the shipped data/cue_model.tsv (scripts/learn_cues.py passes its own).
    """
    model = CUE_MODEL if model is None else model
    found: list[Attribution] = []
    cue_tokens: set[int] = set()
    for token in index.doc:
        if index.quoted[token.i]:
            continue
        made = (
            _from_reporting_verb(index, token, paragraphs)
            or _from_reporting_noun(index, token, paragraphs)
            or _from_according_to(index, token, paragraphs)
            or _from_seeing_as(index, token, paragraphs)
        )
        if made is None:
            continue
        attribution, candidate = made
        cue_tokens.add(token.i)
        if model.probability(features(index, candidate)) >= model.drop:
            found.append(attribution)
    found.extend(_from_name_labels(index, paragraphs))
    found.extend(_from_headlines(index, paragraphs, taken=found))
    found.extend(_from_findings(index, paragraphs, taken=found))
    found.extend(_from_received_stances(index, paragraphs, taken=found))
    found.extend(_from_stance_phrases(index, paragraphs, taken=found))
    found.extend(_from_opinion_phrases(index, paragraphs, taken=found))
    found.extend(_from_framing_holders(index, paragraphs, taken=found))
    found.extend(_from_as_clauses(index, paragraphs, taken=found))
    found.extend(_from_seemings(index, paragraphs, taken=found))
    found.extend(_from_hearsay(index, paragraphs, taken=found))
    found.extend(_from_passive_cues(index, paragraphs, taken=found))
    found = _without_nested(found)
    found.extend(_from_learned_cues(index, paragraphs, model=model, taken=found, cue_tokens=cue_tokens))
    return [_with_passive_source(index, a) for a in _without_deep_nesting(found)]


def _with_passive_source(index: TokenIndex, attribution: Attribution) -> Attribution:
    """Give a passive cue's report to its agent, or to no one: "Asked about the toll, Kent said ..." asks Kent, not Kent asking."""
    if attribution.mention is None or attribution.cue is None or attribution.rule not in _PASSIVE_RULES:
        return attribution
    verb = index.doc[index.token_at(attribution.cue.end - 1)]
    if not _is_passive_cue(verb):
        return attribution
    agent = next((c for a in children(verb) if a.dep_ == "agent" for c in children(a) if c.dep_ == "pobj"), None)
    mention = mention_of(agent) if agent is not None and can_speak(agent) else None
    return replace(attribution, mention=mention)


def _named_predicate(verb: Token) -> Token | None:
    """Return Z of "X called Y Z" (an object and its predicate after it, not a name, no quoted words), if any."""
    if verb.lemma_.lower() not in CALLING_VERBS:
        return None
    kids = children(verb)
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    pred = next((c for c in kids if c.dep_ == "oprd" and c.i > (obj.i if obj is not None else verb.i)), None)
    if obj is None or pred is None or pred.pos_ == "PROPN" or pred.ent_type_:
        return None
    doc = verb.doc
    if any(t.is_quote for t in doc[obj.left_edge.i : pred.right_edge.i + 1]):
        return None
    return pred


def _from_passive_cues(index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]) -> list[Attribution]:
    """Return "Asked if X, 46 percent said yes": a passive reporting cue with no subject that speaks reports X with no speaker."""
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for token in index.doc:
        if not _reads_as_participle(token) or index.quoted[token.i]:
            continue
        made = _from_reporting_verb(index, token, paragraphs, sourceless=True)
        if made is None:
            continue
        span = made[0].span
        if not _overlaps(spans, span.start, span.end):
            found.append(made[0])
    return found


def _reads_as_participle(verb: Token) -> bool:
    """Tell whether a verb is a past participle, also one tagged as a past tense that opens its sentence with no subject ("Asked whether X, Lee replied")."""
    if verb.tag_ == "VBN":
        return True
    return (
        verb.tag_ == "VBD"
        and verb.dep_ == "advcl"
        and _opens_its_sentence(verb)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in children(verb))
    )


def _opens_its_sentence(token: Token) -> bool:
    """Tell whether only punctuation and spaces come before ``token`` in its sentence (without walking the sentence)."""
    doc, i = token.doc, token.i
    while not doc[i].is_sent_start:
        i -= 1
        if not (doc[i].is_punct or doc[i].is_space):
            return False
    return True


def _is_passive_cue(verb: Token) -> bool:
    """Tell whether a verb cue is passive: "was asked", or a participle with no subject or auxiliary of its own ("Asked about X, ...")."""
    if verb.pos_ != "VERB" or not _reads_as_participle(verb) or verb.lemma_.lower() in EXPERIENCER_PASSIVES:
        return False
    deps = {c.dep_ for c in children(verb)}
    if any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in children(verb)):
        return False  # "he's predicted big wins": "'s" may be "has"
    if deps & {"auxpass", "nsubjpass"}:
        return True
    return verb.dep_ in _PARTICIPLE_DEPS and not deps & {"nsubj", "aux", "expl"}


def features(index: TokenIndex, candidate: Candidate) -> list[str]:
    """Return the model's feature names of a candidate: cue, construction, speaker and content shape."""
    cue, construction = candidate.cue, candidate.construction
    lemma = cue.lemma_.lower()
    shape = f"{cue.pos_}|{construction.split(':')[0]}|{candidate.role}"
    frame = f"{cue.pos_}|{construction}|{candidate.role}"
    if lemma in REPORTING_VERBS:
        lexicon = "reporting"
    elif lemma in POSITION_VERBS:
        lexicon = "position"
    elif lemma in REPORTING_NOUNS:
        lexicon = "noun"
    else:
        lexicon = "-"
    speaker = candidate.speaker
    if is_share(speaker, subject=False):
        voice = "share"
    elif speaker.pos_ == "PRON":
        voice = "pronoun"
    elif speaker.ent_type_ in SPEAKER_ENTITY_LABELS:
        voice = speaker.ent_type_
    elif speaker.pos_ == "PROPN":
        voice = "name"
    else:
        voice = "strict" if can_speak(speaker, strict=True) else "noun"
    doc = index.doc
    length = candidate.end - candidate.start
    size = "1" if length == 1 else "2" if length <= 3 else "4" if length <= 7 else "8" if length <= 15 else "16"
    verb = any(doc[i].pos_ in ("VERB", "AUX") for i in range(candidate.start, min(candidate.end, candidate.start + _LOOK)))
    first = doc[candidate.start]
    opener = first.lower_ if construction in _CLAUSES or first.pos_ in ("DET", "PRON", "SCONJ") else first.pos_
    return [
        "bias",
        f"frame={frame}",
        f"shape={shape}",
        f"lemma={lemma}|{cue.pos_}",
        f"lemma={lemma}|{cue.pos_}|{construction}",
        f"key={candidate.key}",
        f"lexicon={lexicon}|{shape}",
        f"voice={voice}|{shape}",
        f"size={size}|{shape}",
        f"verb={int(verb)}|{shape}",
        f"dep={cue.dep_}|{shape}",
        f"tag={cue.tag_}|{shape}",
        f"opener={opener}|{construction}",
    ]


def candidates(index: TokenIndex, token: Token, paragraphs: Sequence[Paragraph]) -> Iterator[Candidate]:
    """Yield every (construction, content) a verb, noun or adjective outside quotation marks heads.

    A verb speaks through its subject (or the agent of a passive, whose subject is then the
    content), an adjective through its copula's subject ("X is critical of Y"), a noun through its
    possessive owner ("his adulation of Y") or through the subject of the verb it is the object of
    ("X unveiled a proposal for Y").
    """
    if token.pos_ not in _LEARNED_POS or index.quoted[token.i] or _is_sourceless_seeming(token):
        return  # "Y is expected to Z": Y holds no view (the seeming rule reports it with no source)
    if token.pos_ == "VERB":
        yield from _passive(index, token, paragraphs)
        speaker, role = _subject(token), "subj"
    elif token.pos_ == "ADJ":
        speaker, role = (subject_of(token.head), "subj") if token.dep_ in ("acomp", "oprd") else (None, "")
    else:
        speaker = next((c for c in children(token) if c.dep_ == "poss" and can_speak(c)), None)
        role = "poss"
        if speaker is None and token.dep_ == "dobj" and token.head.pos_ == "VERB":
            speaker, role = subject_of(token.head), "obj"
        elif speaker is None and token.dep_ == "attr":
            speaker, role = subject_of(token.head), "attr"  # "X is a campaigner for Y"
    if speaker is None or index.quoted[speaker.i] or (speaker.dep_ == "nsubjpass" and _is_sourceless_seeming(speaker.head)):
        return  # "Planners are expected to unveil X": the subject of an expectation with no holder speaks for nothing under it
    for child in rights(token):
        if _is_for_clause(child):
            construction, start, end = "for", _after_for(child), _clause_end(child)
        elif child.dep_ in _CLAUSE_DEPS or (child.dep_ == "ccomp" and token.pos_ != "VERB"):
            construction, start, end = child.dep_, _after_relative_cue(token, child, child.left_edge.i), _clause_end(child)
        elif child.dep_ == "dobj" and token.pos_ == "VERB":
            construction, start, end = "dobj", child.left_edge.i, child.right_edge.i + 1
            end = _with_object_complements(token, child, end)
        elif child.dep_ == "prep" and child.lower_ not in SOURCE_PREPOSITIONS:
            target = next((c for c in children(child) if c.dep_ in ("pobj", "pcomp")), None)
            if target is None:
                continue
            construction, start, end = f"prep:{child.lower_}", target.left_edge.i, target.right_edge.i + 1
        else:
            continue
        start, end = _within_paragraph(index, token, start, end, paragraphs)
        content = _content_range(index, start, end, shortest=1 if end - start == 1 and _is_nominal(index.doc[start]) else 2)
        if content is not None:
            yield Candidate(token, construction, role, content[0], content[1], speaker)


def _closing_report_comma(index: TokenIndex, verb: Token) -> int | None:
    """Return the comma before a reporting verb that closes its sentence ("A said B, the paper reported"), if it is one.

    The parse hangs such a verb from the report before it, as that report's complement; it reports
    the whole sentence before the comma, and the report before it stops at the comma.
    """
    head = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or head.dep_ != "ROOT" or head.i >= verb.i:
        return None
    if verb.lemma_.lower() not in POSITION_VERBS or head.lemma_.lower() not in POSITION_VERBS:
        return None
    after = verb.doc[verb.right_edge.i + 1 : index.sentence(verb.i).end]
    if any(not (token.is_punct or token.is_space) for token in after):
        return None  # the verb does not close its sentence
    subject = next((c for c in children(verb) if c.dep_ == "nsubj" and verb.head.i < c.i < verb.i), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    comma = subject.left_edge.i - 1
    if comma <= verb.head.i or verb.doc[comma].text != ",":
        return None
    if any(child.i > verb.i and child.dep_ not in _CLOSING_REPORT_TAILS for child in children(verb)):
        return None  # "..., 39 percent blame his supporters": an object of its own, no closing report
    reported_clauses = [*children(verb), *children(head)]
    if not any(c.dep_ in _COMPLEMENTS and head.i < c.i < comma for c in reported_clauses):
        return None  # the report before the comma needs a clause to stop
    return comma


def _before_closing_report(index: TokenIndex, verb: Token, start: int, end: int) -> int:
    """Stop a report's content at the comma before a reporting verb that closes the sentence after it."""
    for child in rights(verb):
        comma = _closing_report_comma(index, child)
        if comma is not None and start < comma:
            return min(end, comma)
    return end


def _complement_of(verb: Token) -> Token | None:
    """Return a verb's clausal complement, one after it first, never one cut off before it.

    "Writing for a panel that agreed A, Kent noted that B": the parse hangs both clauses from
    "noted"; B is the report.
    """
    after = sorted(children(verb), key=lambda child: child.i < verb.i)  # stable: the right ones, then the left
    return next(
        (
            child
            for child in after
            if child.dep_ in _COMPLEMENTS | _INTENTION_COMPLEMENTS
            and not _is_cut_off(verb.doc, (child.left_edge.i, child.right_edge.i + 1), verb)
        ),
        None,
    )


def _misattached_that_clause(verb: Token) -> Token | None:
    """Return a "that" clause the parse hung as a relative clause from a noun after the verb, if any.

    In "Kent wrote in a letter to the board that B" the parse may hang B from "letter"; a relative clause
    has no subordinating "that" (tagged as the clause's mark), so one that has is the verb's complement.
    """
    for child in rights(verb):
        nouns = [child] if child.dep_ in _MISATTACHED_HOSTS else [c for c in children(child) if c.dep_ == "pobj"] if child.dep_ == "prep" else []
        for noun in nouns:
            clause = next((c for c in rights(noun) if c.dep_ == "relcl" and _has_that_mark(c)), None)
            if clause is not None:
                return clause
    return None


def _has_that_mark(clause: Token) -> bool:
    """Tell whether a clause opens with a subordinating "that" (tagged IN, attached as its mark)."""
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark" and first.head.i == clause.i


def _is_cut_off(doc: Doc, content: tuple[int, int], cue: Token) -> bool:
    """Tell whether a content before its cue cannot be what it reports: an adverbial clause, or past a break.

    The parse makes the clause before a colon, semicolon or dash the complement of the verb after it
    ("A; one suggested B"), and sometimes an opening adverbial clause too ("After the senator quit,
    Kent said B"); "A, X said" is neither.
    """
    if content[1] > cue.i:
        return False
    if any(doc[i].dep_ == "mark" and doc[i].lower_ in SUBORDINATORS and doc[i].head.head.i == cue.i for i in range(*content)):
        return True  # "After the senator quit, Kent said B": an adverbial clause
    return any(doc[i].text in _BREAKS for i in range(content[1], cue.i))


def _subject(verb: Token) -> Token | None:
    """Return the speaker subject of a verb, or a share of people as its subject ("26 percent said", "others said").

    attribution.subject_of takes names, nouns and personal pronouns only; poll results,
    quantifiers and indefinite pronouns ("one in three", "most of the voters", "nobody") report
    too, and so does "who", which names people whatever noun it hangs from ("an audience who
    believe ...").
    """
    reporter = _conjoined_reporter(verb)
    if reporter is not None:
        return _subject(reporter)
    subject = subject_of(verb)
    if subject is None and (holder := _adjective_holder(verb)) is not None:
        return holder
    if subject is not None:
        return None if subject.lemma_.lower() in IMAGE_NOUNS else subject
    token = verb
    for _ in range(2):
        share = next((c for c in children(token) if c.dep_ in ("nsubj", "nsubjpass") and (is_share(c) or c.lower_ == "who")), None)
        if share is not None or token.dep_ != "conj":
            return share
        token = token.head
    return None


def _adjective_holder(verb: Token) -> Token | None:
    """Return the subject of "X was quick to point out", "X is reluctant to endorse": the copula's subject speaks."""
    adjective = verb.head
    if verb.dep_ != "xcomp" or adjective.pos_ != "ADJ" or adjective.dep_ != "acomp" or adjective.head.i == adjective.i:
        return None
    return subject_of(adjective.head)


def _conjoined_reporter(verb: Token) -> Token | None:
    """Return the reporting verb whose clause content a subjectless reporting verb is conjoined to, if any.

    In "X said that A and predicted that B" the parse hangs "predicted" from A's verb, whose subject
    it would inherit; its speaker is X, the subject of "said".
    """
    if not _is_subjectless_report(verb):
        return None
    clause = verb.head
    if clause.dep_ not in _COMPLEMENTS | _INTENTION_COMPLEMENTS or clause.head.lemma_.lower() not in POSITION_VERBS:
        return None
    return clause.head


def _is_subjectless_report(token: Token) -> bool:
    """Tell whether a token is a reporting verb conjoined to another without a subject of its own ("... and predicted that B")."""
    return (
        token.dep_ == "conj"
        and token.lemma_.lower() in REPORTING_VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(token))
    )


def _is_for_clause(child: Token) -> bool:
    """Tell whether a verb's dependent is a 'for X to Y' clause ("called for Smith to resign")."""
    return child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in children(child))


def _after_for(clause: Token) -> int:
    """Return where the content of a 'for X to Y' clause starts: after its 'for'."""
    return next(c.i + 1 for c in children(clause) if c.dep_ == "mark" and c.lower_ == "for")


def _is_nominal(token: Token) -> bool:
    """Tell whether a one-word content can stand alone: a name, noun or pronoun ("X blasted Congress")."""
    return token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ in ("dobj", "pobj")


def _passive(index: TokenIndex, verb: Token, paragraphs: Sequence[Paragraph]) -> Iterator[Candidate]:
    """Yield "CONTENT was reported by X": the passive subject as content, the agent as speaker."""
    agent = next((c for c in rights(verb) if c.dep_ == "agent"), None)
    subject = next((c for c in children(verb) if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if agent is None or subject is None:
        return
    speaker = next((c for c in children(agent) if c.dep_ == "pobj" and can_speak(c)), None)
    if speaker is None or index.quoted[speaker.i]:
        return
    content = _content_range(index, *_within_paragraph(index, verb, subject.left_edge.i, subject.right_edge.i + 1, paragraphs))
    if content is not None:
        yield Candidate(verb, "agent", "agent", content[0], content[1], speaker)


def _from_learned_cues(
    index: TokenIndex,
    paragraphs: Sequence[Paragraph],
    *,
    model: CueModel,
    taken: Sequence[Attribution],
    cue_tokens: set[int],
) -> list[Attribution]:
    """Return the candidates the model scores at or above its threshold, unless another report gives their content.

    A cue gives one content, that of its likeliest construction ("X snubbed Y over Z": Y or Z, not both).
    """
    chosen: list[tuple[float, int, Candidate]] = []
    for token in index.doc:
        if token.i in cue_tokens or token.lemma_.lower() in NO_REPORTED_CONTENT:
            continue
        for candidate in candidates(index, token, paragraphs):
            probability = model.probability(features(index, candidate))
            if probability >= model.add:
                chosen.append((probability, len(chosen), candidate))
    chosen.sort(key=lambda entry: (-entry[0], entry[1]))
    spans = sorted((a.span.start, a.span.end) for a in taken)
    added: list[Attribution] = []
    doc = index.doc
    outers = _outer_contents(taken)
    used_cues: set[int] = set()
    for probability, _, candidate in chosen:
        start, end = doc[candidate.start].idx, doc[candidate.end - 1].idx + len(doc[candidate.end - 1])
        if _overlaps(spans, start, end) or _restates_outer(outers, taken, candidate, start=start, end=end):
            continue
        if candidate.cue.i in used_cues:
            continue  # one content per learned cue: its likeliest construction
        used_cues.add(candidate.cue.i)
        bisect.insort(spans, (start, end))
        cue = cue_of(candidate.cue) if candidate.cue.pos_ == "VERB" else _word_cue(candidate.cue)
        attribution = _attribution(
            index,
            (candidate.start, candidate.end),
            subject=candidate.speaker,
            cue=cue,
            confidence=round(_LEARNED_CONFIDENCE * probability, 3),
            paragraphs=paragraphs,
        )
        added.append(Attribution(attribution.span, "indirect", attribution.mention, cue, attribution.confidence, "learned"))
    return added


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether a sorted list of character spans holds one that overlaps [start, end) as the same content.

    Two spans are the same content when their overlap is at least half of the longer; the other
    span is then at most twice as long, so only spans starting after start - 2 * length are read.
    """
    length = end - start
    first = bisect.bisect_left(spans, (start - 2 * length, -1))
    for other_start, other_end in spans[first : bisect.bisect_left(spans, (end, -1))]:
        shared = min(end, other_end) - max(start, other_start)
        if shared >= _SAME_CONTENT * max(length, other_end - other_start):
            return True
    return False


def _outer_contents(found: Sequence[Attribution]) -> list[tuple[int, int, int]]:
    """Return (start, end, number) of the contents other reports can nest in, sorted: all but 'according to' ones."""
    return sorted((a.span.start, a.span.end, n) for n, a in enumerate(found) if a.cue is None or a.cue.lemma != "according to")


def _is_nested(
    outers: Sequence[tuple[int, int, int]],
    start: int,
    end: int,
    cue: int,
    *,
    own: int = -1,
    restates: Callable[[int], bool] = lambda number: True,
) -> bool:
    """Tell whether a report's cue and content [start, end) lie inside one of the ``outers`` contents.

    Only the _NESTED_LOOK contents starting last at or before ``start`` are read, so that "he said
    he said ..." stays linear.  Of two reports with the same content the later one is the nested one.
    """
    last = bisect.bisect_left(outers, (start + 1, -1, -1))
    return any(
        outer_start <= cue < outer_end
        and end <= outer_end
        and ((outer_start, outer_end) != (start, end) or number < own)
        and restates(number)
        for outer_start, outer_end, number in outers[max(0, last - _NESTED_LOOK) : last]
        if number != own
    )


def _same_speaker(inner: Mention | Token | None, outer: Mention | None) -> bool:
    """Tell whether an inner report's speaker is its outer report's: a pronoun, or the same last word."""
    if inner is None or outer is None:
        return False
    last = inner.text.split()[-1:]
    return bool(last) and (last[0].lower() in PRONOUNS or last == outer.text.split()[-1:])


def _restates_outer(
    outers: Sequence[tuple[int, int, int]], taken: Sequence[Attribution], candidate: Candidate, *, start: int, end: int
) -> bool:
    """Tell whether a learned candidate lies inside the content of a report by the same speaker."""
    return _is_nested(
        outers, start, end, candidate.cue.idx, restates=lambda number: _same_speaker(candidate.speaker, taken[number].mention)
    )


def _without_nested(found: Sequence[Attribution], *, keep_other_speakers: bool = True) -> list[Attribution]:
    """Drop the reports that restate, inside another report's content, what the same speaker said.

    "X said he expects Y" is one report of X's, not two.  A report by someone else inside the
    content ("X said the mayor blamed Y") keeps its own content and speaker, as nesting requires,
    although PolNeAR leaves such inner reports out about four times in five (train: 209 of 987
    inner reports right); so do reports inside an "according to" content ("X said Y, according
    to Z").  ``keep_other_speakers=False`` drops those too (the cue model's training samples).
    """
    outers = _outer_contents(found)
    every_content = sorted((a.span.start, a.span.end, n) for n, a in enumerate(found))
    kept: list[Attribution] = []
    for own, attribution in enumerate(found):
        start, end = attribution.span.start, attribution.span.end
        cue = attribution.cue.start if attribution.cue is not None else start
        if attribution.mention is None and _is_nested(every_content, start, end, cue, own=own):
            continue  # a view with no source of its own inside a report is that report's
        restates = lambda number: not keep_other_speakers or _same_speaker(attribution.mention, found[number].mention)  # noqa: E731
        if not _is_nested(outers, start, end, cue, own=own, restates=restates):
            kept.append(attribution)
    return kept


def _word_cue(token: Token) -> Cue:
    """Return the cue of a noun or adjective: the word itself, typed as speech."""
    return Cue(token.text, token.lemma_.lower(), token.idx, token.idx + len(token), "speech")


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


def _from_reporting_verb(
    index: TokenIndex, verb: Token, paragraphs: Sequence[Paragraph], *, sourceless: bool = False
) -> tuple[Attribution, Candidate] | None:
    """Return 'X said (that) CONTENT' for a reporting verb with a clausal complement.

    With ``sourceless``, return instead the report of a passive cue with no subject to speak
    ("Asked if X, 46 percent said yes"), with no speaker; its candidate names the cue as speaker.
    """
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in POSITION_VERBS or lemma in NO_REPORTED_CONTENT:
        return None
    if _is_sourceless_seeming(verb):
        return None  # "The bill is expected to pass": the seeming rule reports it, with no source
    cue_type = POSITION_VERBS[lemma]
    complement = _complement_of(verb)
    if complement is None:
        complement = next((child for child in rights(verb) if _is_for_clause(child)), None)
    if complement is None:
        complement = _misattached_that_clause(verb)
    naming = _named_predicate(verb) if complement is None else None
    if naming is not None:
        complement = next(c for c in children(verb) if c.dep_ == "dobj")
    if complement is None and lemma not in _LISTENER_OBJECTS and lemma not in NO_OBJECT_CONTENT_VERBS:
        complement = next((c for c in children(verb) if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    subject = _subject(verb)
    if sourceless:
        if subject is not None or not _is_passive_cue(verb):
            return None
    elif subject is None or index.quoted[subject.i]:
        return None
    closing = _closing_report_comma(index, verb)
    if closing is not None:  # "A said B, the paper reported": the paper reports all before the comma
        complement, construction = verb.head, "ccomp"
        start, end = verb.head.left_edge.i, closing
    elif complement is not None:
        if _closing_report_comma(index, complement) is not None:  # the parse hung "the paper reported" from "said"
            complement = next((c for c in children(complement) if c.dep_ in _COMPLEMENTS and c.i < complement.i), None)
            if complement is None:
                return None
        construction = "for" if complement.dep_ == "advcl" else "ccomp" if complement.dep_ == "relcl" else complement.dep_
        start = _after_for(complement) if construction == "for" else complement.left_edge.i
        if construction in _INTENTION_COMPLEMENTS:
            start = _with_object_before(verb, complement, start)
        start = _after_relative_cue(verb, complement, start)
        end = _clause_end(complement)
        if naming is not None:
            construction, end = "oprd", naming.right_edge.i + 1
        elif construction == "dobj":
            end = _with_object_complements(verb, complement, end)
        elif construction in _COMPLEMENTS | _INTENTION_COMPLEMENTS:
            end = _before_conjoined_report(complement, end)
            if complement.i > verb.i and end == complement.right_edge.i + 1:
                end = _with_split_complement(verb, end)
    elif verb.dep_ in _PARENTHETICAL and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        complement, construction = verb.head, "parataxis"  # "The museum, Mr. Bush said, celebrated ..."
        start, end = complement.left_edge.i, _clause_end(complement, cue=verb)
        if verb.left_edge.i <= start:
            start = verb.right_edge.i + 1
    elif (topic := _topic_of(verb)) is not None:
        complement, construction = topic, "topic"  # "X talked about the economy"
        start, end = topic.left_edge.i, _with_infinitive_after(verb, topic.right_edge.i + 1)
    else:
        return None
    end = _before_closing_report(index, verb, start, end)
    start, end = _within_paragraph(index, verb, start, end, paragraphs)
    content = _content_range(index, *_without_according(index, start, end, keep=complement.i))
    if content is None or _is_cut_off(index.doc, content, verb):
        return None
    cue = cue_of(verb)
    attribution = _attribution(index, content, subject=subject or verb, cue=cue, confidence=CONFIDENCE[cue_type], paragraphs=paragraphs)
    if subject is None:
        return replace(attribution, mention=None), Candidate(verb, f"hand:{construction}", "subj", *content, verb)
    return attribution, Candidate(verb, f"hand:{construction}", "subj", *content, subject)


def _from_reporting_noun(
    index: TokenIndex, noun: Token, paragraphs: Sequence[Paragraph]
) -> tuple[Attribution, Candidate] | None:
    """Return "X's claim that CONTENT" or "X's criticism of CONTENT" for a reporting noun with an owner."""
    if noun.pos_ != "NOUN" or noun.lower_ not in REPORTING_NOUNS:
        return None
    owner = next((c for c in children(noun) if c.dep_ == "poss" and can_speak(c)), None)
    if owner is None:
        agent = next((c for c in children(noun) if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        owner = next((c for c in children(agent) if c.dep_ == "pobj" and can_speak(c, strict=True)), None) if agent else None
    if owner is None or index.quoted[owner.i]:
        return None
    clause = next((c for c in children(noun) if c.dep_ in ("acl", "ccomp") and not _is_participle_modifier(c)), None)
    if clause is not None:
        construction, start, end = "clause", clause.left_edge.i, _clause_end(clause)
    elif (topic := _topic_of(noun, prepositions=_TOPIC_PREPOSITIONS | {"of"})) is not None:
        construction, start, end = "topic", topic.left_edge.i, topic.right_edge.i + 1
    else:
        return None
    content = _content_range(index, *_within_paragraph(index, noun, start, end, paragraphs))
    if content is None:
        return None
    cue = Cue(noun.text, noun.lemma_.lower(), noun.idx, noun.idx + len(noun), "speech")
    attribution = _attribution(index, content, subject=owner, cue=cue, confidence=CONFIDENCE["noun"], paragraphs=paragraphs)
    return attribution, Candidate(noun, f"hand:{construction}", "poss", *content, owner)


def _from_seeing_as(index: TokenIndex, verb: Token, paragraphs: Sequence[Paragraph]) -> tuple[Attribution, Candidate] | None:
    """Return "X sees Y as Z" (also "views", "regards"): a thought whose content is the object and its "as" phrase."""
    if verb.pos_ != "VERB" or not _is_seeing_verb(verb):
        return None
    obj = next((c for c in rights(verb) if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    inside = verb.doc[obj.i + 1 : min(obj.right_edge.i + 1, obj.i + 1 + _FRAME_REACH)]  # the object's words after it (projective parse)
    as_phrase = next((c for c in (*rights(verb), *inside) if _is_as_phrase(c) and c.i > obj.i), None)
    subject = _subject(verb)
    if as_phrase is None or subject is None or index.quoted[subject.i]:
        return None
    end = max(obj.right_edge.i, as_phrase.right_edge.i) + 1
    start, end = _within_paragraph(index, verb, obj.left_edge.i, end, paragraphs)
    content = _content_range(index, start, end)
    if content is None:
        return None
    cue = cue_of(verb)
    cue = Cue(cue.text, cue.lemma, cue.start, cue.end, "thought")
    attribution = _attribution(index, content, subject=subject, cue=cue, confidence=CONFIDENCE["thought"], paragraphs=paragraphs)
    return attribution, Candidate(verb, "hand:as", "subj", *content, subject)


def _is_seeing_verb(verb: Token) -> bool:
    """Tell whether a verb frames its object "as" something: "sees Y as Z", "casts Y as Z"."""
    lemma = verb.lemma_.lower()
    return lemma in SEEING_VERBS or lemma in CASTING_VERBS


def _is_as_phrase(token: Token) -> bool:
    """Tell whether a token heads the "as Z" of "sees Y as Z": an "as" phrase, or a clause "as" marks ("as most likely to win")."""
    if token.dep_ == "prep":
        return token.lower_ == "as"
    words = children(token)
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in words)
    return token.dep_ == "advcl" and marked and not any(c.dep_ in ("nsubj", "nsubjpass") for c in words)


def _from_according_to(
    index: TokenIndex, token: Token, paragraphs: Sequence[Paragraph]
) -> tuple[Attribution, Candidate] | None:
    """Return 'according to X, CONTENT' or 'CONTENT, according to X' with the rest of the sentence as content.

    The content is the side of the phrase that has a verb (else the longer), within the brackets that
    hold the phrase: "Tolls rose, according to the city - the third rise in a row" reports "Tolls rose".
    """
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
    first, last = _within_brackets(index.doc, sentence.start, sentence.end, phrase_start, phrase_end)
    start, end = _fuller_side(index.doc, (first, phrase_start), (phrase_end, last))
    content = _content_range(index, *_within_paragraph(index, token, start, end, paragraphs))
    if content is None:
        return None
    cue = Cue(token.doc[token.i : to.i + 1].text, "according to", token.idx, to.idx + len(to), "speech")
    attribution = _attribution(
        index, content, subject=source, cue=cue, confidence=CONFIDENCE["according"], paragraphs=paragraphs
    )
    return attribution, Candidate(token, "hand:according", "pobj", *content, source)


def _clause_head(token: Token) -> Token:
    """Return the verb (or sentence root) whose clause holds a phrase: "Kent has sagged in the polls" -> "sagged"."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _within_brackets(doc: Doc, first: int, last: int, phrase_start: int, phrase_end: int) -> tuple[int, int]:
    """Clip a sentence range [first, last) to the brackets that hold a phrase ("(93 percent, according to polls)")."""
    for i in range(phrase_start - 1, first - 1, -1):
        if doc[i].text in _CLOSING_BRACKETS:
            break
        if doc[i].text in _OPENING_BRACKETS:
            first = i + 1
            break
    for i in range(phrase_end, last):
        if doc[i].text in _OPENING_BRACKETS:
            break
        if doc[i].text in _CLOSING_BRACKETS:
            last = i
            break
    return first, last


def _fuller_side(doc: Doc, before: tuple[int, int], after: tuple[int, int]) -> tuple[int, int]:
    """Return the side of a source phrase that is the content: the one with a verb, else the longer."""

    def rank(side: tuple[int, int]) -> tuple[bool, int]:
        """Rank a side by whether it holds a verb, then by its length."""
        return any(doc[i].pos_ in ("VERB", "AUX") for i in range(*side)), side[1] - side[0]

    return max(before, after, key=rank)


def _from_name_labels(index: TokenIndex, paragraphs: Sequence[Paragraph]) -> list[Attribution]:
    """Return "Kent: Tolls Will Rise" headlines and labels: a paragraph opening with a name and a colon reports the rest."""
    doc = index.doc
    found: list[Attribution] = []
    for paragraph in paragraphs:
        first, last = _paragraph_tokens(index, paragraph)
        colon = next((i for i in range(first, min(last, first + _LABEL_NAME_TOKENS + 1)) if doc[i].text == ":"), None)
        if colon is None or colon == first or index.quoted[first]:
            continue
        name = [token for token in doc[first:colon] if not token.is_punct]
        if not _is_label_name(name):
            continue
        content = _content_range(index, colon + 1, last, shortest=3)
        if content is None or not any(token.pos_ in ("VERB", "AUX") for token in doc[content[0] : content[1]]):
            continue
        cue = Cue(":", ":", doc[colon].idx, doc[colon].idx + 1, "speech")
        found.append(_attribution(index, content, subject=name[-1], cue=cue, confidence=CONFIDENCE["label"], paragraphs=paragraphs))
    return found


def _from_headlines(index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]) -> list[Attribution]:
    """Return "Kent Slams Toll Plan": a title-case headline whose source is followed by a reporting verb reports the rest.

    The tagger reads most capitalised words of a headline as names, so the verb is found by its form.
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for paragraph in paragraphs:
        first, last = _paragraph_tokens(index, paragraph)
        while last > first and (doc[last - 1].is_space or doc[last - 1].text in _EDGE_PUNCT):
            last -= 1
        if not 3 <= last - first <= _HEADLINE_TOKENS or not is_title_case(t.text for t in doc[first:last] if t.is_alpha):
            continue
        verb = _headline_verb(doc, first, last)
        if verb is None:
            continue
        start = verb.i + 1
        if start < last and doc[start].lower_ in CUE_PARTICLES:
            start += 1
        content = _content_range(index, start, last, shortest=1)
        if content is None:
            continue
        char_start, char_end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
        if _overlaps(spans, char_start, char_end):
            continue
        lemma = lemma_of_form(verb.text, known=POSITION_VERBS)
        cue = Cue(verb.text, lemma, verb.idx, verb.idx + len(verb), POSITION_VERBS[lemma])  # type: ignore[arg-type]
        speaker = next(t for t in reversed(doc[first : verb.i]) if not t.is_punct)
        attribution = _attribution(index, content, subject=speaker, cue=cue, confidence=CONFIDENCE["label"], paragraphs=paragraphs)
        source = doc[first : speaker.i + 1]
        mention = Mention(source.text, source.start_char, source.end_char)
        found.append(Attribution(attribution.span, "indirect", mention, cue, attribution.confidence, "headline"))
    return found


def _headline_verb(doc: Doc, first: int, last: int) -> Token | None:
    """Return the reporting verb after a headline's capitalised source ("Kent Slams ...", "Voters Prefer ..."), if any."""
    for i in range(first + 1, min(last - 1, first + _HEADLINE_SOURCE_TOKENS + 1)):
        token, before = doc[i], doc[i - 1]
        if not (before.text[:1].isupper() or before.is_digit or before.lower_ in ("’s", "'s")) or before.text in (":", ";"):
            return None
        lemma = lemma_of_form(token.text, known=POSITION_VERBS)  # "Slams" -> slam
        if not token.text[:1].isupper() or lemma not in POSITION_VERBS or lemma in NO_REPORTED_CONTENT:
            continue  # a title-case headline capitalises its verb too; "Warren spoke in Boston" is a sentence
        inflected = token.lower_ != lemma
        if inflected or (before.lower_.endswith("s") and not before.lower_.endswith("’s")):
            return token
    return None


def _is_label_name(name: Sequence[Token]) -> bool:
    """Tell whether the words before a paragraph's colon name a speaker: one or two capitalised words, or a longer name.

    Section labels ("Correction:", "Related:") and single letters ("Q:", "A:") are no speakers.
    """
    if not name or any(len(t.text) < 2 or not t.text[0].isupper() or not _can_be_label_word(t) for t in name):
        return False
    if any(t.lower_ in NOT_SPEAKER_LABELS for t in name):
        return False
    return len(name) <= 2 or any(t.ent_type_ in ("PERSON", "ORG") for t in name)


def _can_be_label_word(token: Token) -> bool:
    """Tell whether a word before a paragraph's colon can name a speaker: a noun, or a transcript's upper-case name ("KENT:", tagged anything)."""
    return token.pos_ in ("PROPN", "NOUN") or (token.is_upper and token.is_alpha)


def _from_findings(index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]) -> list[Attribution]:
    """Return "In the poll, CONTENT" and "CONTENT in the latest survey": a finding reports the rest of its sentence.

    A sentence that has a report of its own ("Kent said in a survey that ...") or a reporting verb is left alone,
    and so is a poll phrase inside a relative or participial clause ("Kent, who leads in the polls, ...").
    The content is the side of the phrase with a verb within the clause the phrase hangs from
    ("The vote comes after Kent fell to third in the poll" reports "after Kent fell to third").
    """
    doc = index.doc
    cues = sorted(a.cue.start for a in taken if a.cue is not None)
    found: list[Attribution] = []
    for i in index.occurrences("in"):
        token = doc[i]
        source = next((c for c in children(token) if c.dep_ == "pobj"), None)
        if source is None or source.lemma_.lower() not in FINDING_NOUNS or index.quoted[i]:
            continue
        sentence = index.sentence(i)
        if _in_relative_clause(token):
            continue  # "Kent, who leads in the polls, ...": the poll frames the relative clause only
        first = bisect.bisect_left(cues, sentence.start_char)
        if first < len(cues) and cues[first] < sentence.end_char:
            continue
        if any(t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS for t in sentence):
            continue
        content = _framed_content(index, token, sentence, paragraphs)
        if content is None or not _is_set_off_finding(doc, token, content):
            continue
        cue = Cue(token.text, "in", token.idx, token.idx + len(token), "writing")
        found.append(_attribution(index, content, subject=source, cue=cue, confidence=CONFIDENCE["according"], paragraphs=paragraphs))
    return found


def _is_set_off_finding(doc: Doc, phrase: Token, content: tuple[int, int]) -> bool:
    """Tell whether a finding phrase before its content is set off from it by a comma ("In the poll, CONTENT").

    Without the comma the phrase sits inside a clause ("Kent trails in the polls nationally and ...") and
    the words after it are no finding of the poll.
    """
    if content[0] < phrase.i:
        return True
    return content[0] > 0 and doc[content[0] - 1].text == ","


def _framed_content(
    index: TokenIndex, phrase: Token, sentence: SpacySpan, paragraphs: Sequence[Paragraph]
) -> tuple[int, int] | None:
    """Return the content a framing phrase ("in the poll", "in Kent's view") gives: the side with a verb, in its clause."""
    doc = index.doc
    first, last = _within_brackets(doc, sentence.start, sentence.end, phrase.i, phrase.right_edge.i + 1)
    clause = _clause_head(phrase)
    first, last = max(first, clause.left_edge.i), min(last, clause.right_edge.i + 1)
    start, end = _fuller_side(doc, (first, phrase.i), (phrase.right_edge.i + 1, last))
    content = _content_range(index, *_within_paragraph(index, phrase, start, end, paragraphs))
    if content is None or not any(t.pos_ in ("VERB", "AUX") for t in doc[content[0] : content[1]]):
        return None
    return content


def _from_received_stances(
    index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]
) -> list[Attribution]:
    """Return "The plan drew criticism from the unions", "her support among teachers": a holder's stance toward a target.

    The stance noun is in data/received_stance_nouns.txt; the holder follows "from" or "among" (hanging from
    the noun or its verb); the target, the content, is the verb's subject or, for an owned noun, its owner.
    An owned noun given "to" or "behind" someone is the owner's stance toward them ("threw their support to Y").
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for noun in doc:
        if noun.lower_ not in RECEIVED_STANCE_NOUNS or index.quoted[noun.i]:
            continue
        holder, target = _holder_and_target(noun)
        if holder is None or target is None or index.quoted[holder.i]:
            continue
        content = _phrase_content(index, noun, target, paragraphs, taken=spans)
        if content is not None:
            cue, confidence = _word_cue(noun), CONFIDENCE["noun"]
            found.append(_attribution(index, content, subject=holder, cue=cue, confidence=confidence, paragraphs=paragraphs))
    return found


def _holder_and_target(noun: Token) -> tuple[Token | None, Token | None]:
    """Return the holder and the target of a stance noun: "X drew criticism from Y", "X's support among Y", "Y threw her support to X"."""
    owner = next((c for c in children(noun) if c.dep_ == "poss"), None)
    if owner is not None and (target := _given_to(noun)) is not None and can_speak(owner):
        return owner, target  # "X threw their support to Y"
    if owner is not None:
        return _holder_after(noun, prepositions=("among",)), owner
    if noun.dep_ != "dobj":
        return None, None
    verb = noun.head
    holder = _holder_after(noun, prepositions=_HOLDER_PREPOSITIONS)
    holder = holder or _holder_after(verb, after=noun.i, prepositions=_HOLDER_PREPOSITIONS)
    return holder, next((c for c in children(verb) if c.dep_ == "nsubj" and c.i < verb.i), None)


def _given_to(noun: Token) -> Token | None:
    """Return whom an object noun is given to, hung from its verb: "threw their support to Y" -> Y."""
    if noun.dep_ != "dobj":
        return None
    given = next((c for c in rights(noun.head) if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "behind") and c.i > noun.i), None)
    return next((c for c in children(given) if c.dep_ == "pobj"), None) if given is not None else None


def _from_stance_phrases(
    index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]
) -> list[Attribution]:
    """Return "Lee voted in support of the bill": the subject of the phrase's verb holds a stance toward its object.

    The phrase is "in" + a stance noun (data/stance_phrase_nouns.txt) + "of" or "to" + the content.
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for i in index.occurrences("in"):
        token = doc[i]
        noun = next((c for c in children(token) if c.dep_ == "pobj" and c.lower_ in STANCE_PHRASE_NOUNS), None)
        target = _object_of(noun, ("of", "to")) if noun is not None else None
        holder = _subject(token.head) if token.head.pos_ in ("VERB", "AUX") else None
        if target is None or holder is None or index.quoted[i] or index.quoted[holder.i]:
            continue
        content = _phrase_content(index, token, target, paragraphs, taken=spans)
        if content is not None:
            cue, confidence = _word_cue(noun), CONFIDENCE["noun"]
            found.append(_attribution(index, content, subject=holder, cue=cue, confidence=confidence, paragraphs=paragraphs))
    return found


def _from_opinion_phrases(
    index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]
) -> list[Attribution]:
    """Return "In Kent's view, CONTENT": an owned opinion noun after "in" (data/opinion_nouns.txt) frames its clause.

    The holder is the noun's owner ("Kent's view") or the object of its "of" ("in the eyes of many voters");
    the content is the side of the phrase with a verb within the clause the phrase hangs from, as for polls.
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for i in index.occurrences("in"):
        token = doc[i]
        noun = next((c for c in children(token) if c.dep_ == "pobj" and c.lower_ in OPINION_NOUNS), None)
        if noun is None or index.quoted[i]:
            continue
        holder = next((c for c in children(noun) if c.dep_ == "poss"), None) or _object_of(noun, ("of",))
        if holder is None or not (can_speak(holder) or is_share(holder)) or index.quoted[holder.i]:
            continue
        sentence = index.sentence(i)
        if not _is_set_off(doc, token.i, token.right_edge.i + 1, sentence_start=sentence.start):
            continue  # "tears in their eyes", "believed in her judgment": no frame
        content = _framed_content(index, token, sentence, paragraphs)
        if content is None:
            continue
        char_start, char_end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
        if _overlaps(spans, char_start, char_end):
            continue
        cue = Cue(doc[i : noun.i + 1].text, "in " + noun.lemma_.lower(), token.idx, noun.idx + len(noun), "thought")
        confidence = CONFIDENCE["thought"]
        found.append(_attribution(index, content, subject=holder, cue=cue, confidence=confidence, paragraphs=paragraphs))
    return found


def _from_framing_holders(
    index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]
) -> list[Attribution]:
    """Return "To many voters, CONTENT": an opening "to" phrase naming people gives its clause as their view.

    The phrase opens its sentence (after a conjunction at most: "But to Kent, ...") and is set off by a
    comma; its object speaks when it names people or a share of them ("To date, ..." names no one).
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for i in index.occurrences(_FRAMING_PREPOSITION):
        token = doc[i]
        holder = next((c for c in children(token) if c.dep_ == "pobj"), None)
        if holder is None or token.dep_ != "prep" or index.quoted[i] or index.quoted[holder.i]:
            continue
        if not (can_speak(holder, strict=True) or is_share(holder)) or not _opens_set_off(index, token):
            continue
        content = _framed_content(index, token, index.sentence(i), paragraphs)
        if content is None:
            continue
        char_start, char_end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
        if _overlaps(spans, char_start, char_end):
            continue
        cue = Cue(token.text, token.lower_, token.idx, token.idx + len(token), "thought")
        found.append(_attribution(index, content, subject=holder, cue=cue, confidence=CONFIDENCE["thought"], paragraphs=paragraphs))
    return found


def _from_seemings(index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]) -> list[Attribution]:
    """Return "the plan seems doomed", "Kent appeared ready to quit": the writer's view, with no source.

    The verb needs a complement (an adjective, a noun, an infinitive or a clause: "appeared on TV" reports
    nothing); the content runs from its subject to the clause's end, or starts after the verb when the
    subject is an empty "it" ("it seems likely that B").
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for word in sorted(SEEMING_WORDS):
        for i in index.occurrences(word):
            verb = doc[i]
            if verb.pos_ not in ("VERB", "AUX") or index.quoted[i] or not _has_seeming_complement(verb):
                continue
            subject = next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if subject is None or subject.i > i:
                continue
            start = i + 1 if subject.lower_ == "it" else subject.left_edge.i
            end = max(c.right_edge.i for c in children(verb) if _is_seeming_complement(c)) + 1
            content = _content_range(index, *_within_paragraph(index, verb, start, end, paragraphs))
            if content is None:
                continue
            cue = Cue(verb.text, verb.lemma_.lower(), verb.idx, verb.idx + len(verb), "thought")
            found.extend(_sourceless_report(index, content, cue=cue, spans=spans, paragraphs=paragraphs))
    return found


def _from_hearsay(index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]) -> list[Attribution]:
    """Return "Kent reportedly left the race": the clause a hearsay adverb modifies, from its subject on, with no source.

    A verb conjoined to another without a subject of its own starts at the subject of the first
    ("Lee won in Dayton and was reportedly pleased").
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for word in sorted(HEARSAY_ADVERBS):
        for i in index.occurrences(word):
            adverb, verb = doc[i], doc[i].head
            if adverb.dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX") or index.quoted[i]:
                continue
            clause = verb.head if verb.dep_ == "conj" and _subject_token(verb) is None else verb
            subject = _subject_token(clause)
            if subject is None:
                continue
            start = subject.left_edge.i
            content = _content_range(index, *_within_paragraph(index, adverb, start, _clause_end(verb), paragraphs))
            if content is None:
                continue
            cue = Cue(adverb.text, adverb.lower_, adverb.idx, adverb.idx + len(adverb), "writing")
            found.extend(_sourceless_report(index, content, cue=cue, spans=spans, paragraphs=paragraphs))
    return found


def _sourceless_report(
    index: TokenIndex, content: tuple[int, int], *, cue: Cue, spans: Sequence[tuple[int, int]], paragraphs: Sequence[Paragraph]
) -> list[Attribution]:
    """Return the report with no source of a content token range, or none when a report already taken gives that content."""
    doc = index.doc
    char_start, char_end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
    if _overlaps(spans, char_start, char_end):
        return []
    paragraph = paragraph_at(paragraphs, char_start)
    span = QuoteSpan(char_start, char_end, char_start, char_end, paragraph.index if paragraph else 0)
    return [Attribution(span, "indirect", None, cue, CONFIDENCE["seeming"], "reported")]


def _is_sourceless_seeming(verb: Token) -> bool:
    """Tell whether a passive word of seeming has no agent ("Y is expected to Z"): Y is no holder of the view."""
    return (
        verb.lower_ in SEEMING_WORDS
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in children(verb))
        and not any(c.dep_ == "agent" for c in children(verb))
    )


def _subject_token(verb: Token) -> Token | None:
    """Return a verb's own subject before it, if any."""
    return next((c for c in children(verb) if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < verb.i), None)


def _has_seeming_complement(verb: Token) -> bool:
    """Tell whether a verb of seeming has what it seems: an adjective, noun, infinitive, clause or "like" phrase."""
    return any(_is_seeming_complement(c) for c in children(verb))


def _is_seeming_complement(child: Token) -> bool:
    """Tell whether a dependent of a verb of seeming is what it seems ("doomed", "a snag", "to quit", "like a plan")."""
    return child.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp") or (child.dep_ == "prep" and child.lower_ == "like")


def _from_as_clauses(
    index: TokenIndex, paragraphs: Sequence[Paragraph], *, taken: Sequence[Attribution]
) -> list[Attribution]:
    """Return "As Kent noted, CONTENT" and "CONTENT, as the mayor reported": an "as" clause citing a source frames its clause.

    The content is the side of the "as" clause with a verb (else the longer) within the clause it hangs from,
    as for "according to"; the confidence is that of "according to".
    """
    doc = index.doc
    spans = sorted((a.span.start, a.span.end) for a in taken)
    found: list[Attribution] = []
    for i in index.occurrences("as"):
        verb = doc[i].head
        if doc[i].dep_ != "mark" or not _cites_a_source(verb, mark=i) or index.quoted[verb.i]:
            continue
        subject = _subject(verb)
        if subject is None or index.quoted[subject.i]:
            continue
        content = _framed_by_clause(index, verb, paragraphs)
        if content is None:
            continue
        char_start, char_end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
        if _overlaps(spans, char_start, char_end):
            continue
        confidence = CONFIDENCE["according"]
        found.append(_attribution(index, content, subject=subject, cue=cue_of(verb), confidence=confidence, paragraphs=paragraphs))
    return found


def _cites_a_source(verb: Token, *, mark: int) -> bool:
    """Tell whether an "as" clause cites a source: a reporting verb with no complement of its own, not a time or a name.

    "As she spoke", "as it is called", "as many expected" (data/as_clause_no_source_verbs.txt), "as if to say"
    and "as voters responded to the ads" cite none.
    """
    lemma = verb.lemma_.lower()
    if verb.dep_ != "advcl" or lemma not in REPORTING_VERBS or lemma in AS_CLAUSE_NO_SOURCE_VERBS:
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") or (c.dep_ == "mark" and c.i != mark) for c in children(verb)):
        return False
    return _topic_of(verb, prepositions=_TOPIC_PREPOSITIONS | {"to"}) is None


def _framed_by_clause(index: TokenIndex, clause: Token, paragraphs: Sequence[Paragraph]) -> tuple[int, int] | None:
    """Return the content a framing clause gives: the side of it with a verb within the clause it hangs from."""
    doc = index.doc
    head = clause.head
    sentence = index.sentence(clause.i)
    left, right = clause.left_edge.i, clause.right_edge.i + 1
    first = max(sentence.start, head.left_edge.i, left - _FRAME_REACH)
    last = min(sentence.end, head.right_edge.i + 1, right + _FRAME_REACH)
    first, last = _within_brackets(doc, first, last, left, right)
    start, end = _fuller_side(doc, (first, left), (right, last))
    content = _content_range(index, *_within_paragraph(index, clause, start, end, paragraphs))
    if content is None or not any(t.pos_ in ("VERB", "AUX") for t in doc[content[0] : content[1]]):
        return None
    return content


def _opens_set_off(index: TokenIndex, phrase: Token) -> bool:
    """Tell whether a phrase opens its sentence (after conjunctions or punctuation at most) and a comma follows it."""
    doc = index.doc
    after = phrase.right_edge.i + 1
    if after >= len(doc) or doc[after].text != ",":
        return False
    first = index.sentence(phrase.i).start
    j = phrase.i - 1  # read back only over conjunctions and punctuation, so that the scan stays linear
    while j >= first and (doc[j].dep_ == "cc" or doc[j].is_punct):
        j -= 1
    return j < first


def _phrase_content(
    index: TokenIndex, anchor: Token, phrase: Token, paragraphs: Sequence[Paragraph], *, taken: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """Return the token range of a phrase as a content of one word or more, unless a report in ``taken`` has it."""
    start, end = _within_paragraph(index, anchor, phrase.left_edge.i, phrase.right_edge.i + 1, paragraphs)
    content = _content_range(index, start, end, shortest=1)
    if content is None:
        return None
    doc = index.doc
    char_start, char_end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
    return None if _overlaps(taken, char_start, char_end) else content


def _is_set_off(doc: Doc, start: int, end: int, *, sentence_start: int) -> bool:
    """Tell whether a phrase opens its sentence or is set off by a comma before or after it."""
    return start == sentence_start or doc[start - 1].text == "," or (end < len(doc) and doc[end].text == ",")


def _object_of(noun: Token, prepositions: tuple[str, ...]) -> Token | None:
    """Return the object of a noun's preposition ("support of the bill" -> "bill"), if any."""
    prep = next((c for c in rights(noun) if c.dep_ == "prep" and c.lower_ in prepositions), None)
    return next((c for c in children(prep) if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None


def _holder_after(head: Token, *, prepositions: tuple[str, ...], after: int = -1) -> Token | None:
    """Return the speaker after one of a word's prepositions ("criticism from the unions"), if any."""
    source = next((c for c in rights(head) if c.dep_ == "prep" and c.lower_ in prepositions and c.i > after), None)
    holder = next((c for c in children(source) if c.dep_ == "pobj"), None) if source is not None else None
    return holder if holder is not None and (can_speak(holder) or is_share(holder)) else None


def _in_relative_clause(token: Token) -> bool:
    """Tell whether a token lies inside a relative or participial clause ("Kent, who leads in the polls")."""
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl"):
            return True
        token = token.head
    return False


def _with_object_complements(verb: Token, obj: Token, end: int) -> int:
    """Extend an object content over the verb's phrases right after it ("blamed X for Y", "described X as Y").

    An infinitive right after the object belongs to it too, although the parse hangs it from the
    verb ("supported the bill to build a bridge"), and so do the later items of a list of verbs the
    parse conjoined to the cue ("touted her plans to fix roads, expand bus service and cut fares").
    """
    for child in rights(verb):
        if child.i <= obj.i or (child.i == end and child.dep_ in ("punct", "cc")):
            continue
        infinitive = child.dep_ in ("advcl", "xcomp") and child.left_edge.lower_ == "to" and child.left_edge.dep_ == "aux"
        listed = _is_listed_verb(verb, child) and all(t.dep_ in ("punct", "cc") for t in verb.doc[end : child.left_edge.i])
        if not listed and (child.left_edge.i != end or not (infinitive or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPOSITIONS))):
            break
        end = child.right_edge.i + 1
    return end


def _is_listed_verb(verb: Token, conjunct: Token) -> bool:
    """Tell whether a verb conjoined to a cue is an item of a list inside its object: a bare or -ing form after a finite cue.

    "Kent touted plans to fix roads, expand bus service and cut fares": "expand" cannot share the
    subject of "touted", whose form it does not have.
    """
    return (
        conjunct.dep_ == "conj"
        and conjunct.pos_ == "VERB"
        and conjunct.tag_ in ("VB", "VBG")
        and conjunct.tag_ != verb.tag_
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(conjunct))
    )


def _with_infinitive_after(verb: Token, end: int) -> int:
    """Extend a prepositional content over an infinitive of the verb right after it: "called for X to resign"."""
    infinitive = next((c for c in rights(verb) if c.left_edge.i == end and _is_infinitive(c)), None)
    return end if infinitive is None else infinitive.right_edge.i + 1


def _is_infinitive(clause: Token) -> bool:
    """Tell whether a verb's dependent is an infinitive clause ("to build a bridge")."""
    return clause.dep_ in ("advcl", "xcomp") and clause.left_edge.lower_ == "to" and clause.left_edge.dep_ == "aux"


def _after_relative_cue(cue: Token, complement: Token, start: int) -> int:
    """Start a clause content after its cue when the clause's relative word stands before the cue.

    In "the tax, which she said was a mistake" the parse hangs "which" from "was", so the clause
    would run over the speaker and cue; PolNeAR's content is "which ... was a mistake", whose
    longest unbroken part is the one after the cue.
    """
    if not start < cue.i < complement.i:
        return start
    doc = cue.doc
    if not any(doc[i].tag_ in _RELATIVE_TAGS for i in range(start, cue.i)) or any(doc[i].is_punct for i in range(start, cue.i)):
        return start
    return next((t.i for t in complement.subtree if t.i > cue.i), start)


def _with_object_before(verb: Token, complement: Token, start: int) -> int:
    """Start an infinitive content at the verb's object before it: "X urged the council to act" reports "the council to act"."""
    obj = next((c for c in children(verb) if c.dep_ == "dobj" and verb.i < c.i < complement.i), None)
    return start if obj is None else min(start, obj.left_edge.i)


def _before_conjoined_report(complement: Token, end: int) -> int:
    """Cut a clause content before a reporting verb conjoined to its head without a subject of its own.

    In "X said that A and predicted that B" the parse often hangs "predicted" from A's verb; it is
    X's second report, not part of the first content, and the cut lets it be reported on its own.
    """
    doc = complement.doc
    for child in rights(complement):
        if child.pos_ not in ("VERB", "AUX") or not _is_subjectless_report(child):
            continue
        cut = child.left_edge.i
        while cut > complement.i + 1 and doc[cut - 1].dep_ in ("cc", "punct"):
            cut -= 1
        return min(end, cut)
    return end


def _with_split_complement(verb: Token, end: int) -> int:
    """Extend a clause content over a second complement of its cue that starts right where it ends.

    In "Kent wants to keep what polls show is a lead" the parse hangs both "to keep what polls show" and
    "is a lead" from "wants": they are one content, split by the parse.
    """
    for child in rights(verb):
        if child.left_edge.i == end and child.dep_ in _COMPLEMENTS | _INTENTION_COMPLEMENTS:
            return child.right_edge.i + 1
    return end


def _topic_of(verb: Token, *, prepositions: frozenset[str] = frozenset()) -> Token | None:
    """Return the object of 'about', 'on', 'for' or 'against' after a reporting word, if any.

    Manners and lengths of speaking are no topics (data/not_topics.txt: "on the record", "on
    the condition of anonymity", "by phone"), nor are times ("for an hour", "on Tuesday") or the
    media it was said through (data/speaking_media.txt: "on a radio show", "on her website").
    """
    for child in rights(verb):
        if child.dep_ == "prep" and child.lower_ in (prepositions or _TOPIC_PREPOSITIONS):
            topic = next((c for c in children(child) if c.dep_ in ("pobj", "pcomp")), None)
            if topic is not None and _is_no_topic(topic):
                continue  # "spoke on the condition of anonymity", "spoke for 45 minutes", "spoke on a radio show"
            return topic
    return None


def _is_no_topic(noun: Token) -> bool:
    """Tell whether a reporting word's prepositional object gives a manner, length, time or medium of speaking."""
    lemma = noun.lemma_.lower()
    return lemma in NOT_TOPICS or lemma in SPEAKING_MEDIA or noun.ent_type_ in ("TIME", "DATE")


def _clause_end(head: Token, *, cue: Token | None = None) -> int:
    """Return the end of a clause, before any parenthetical clause other than the cue's own.

    Conjoined clauses stay in ("X said A, and that B"; "X said A and B happened"): PolNeAR's
    contents hold them about twice as often as they stop before them. A conjoined clause with its
    own subject that would make the content longer than _MAX_CONJOINED tokens is left out, so that
    a run-on chain of clauses does not become one content.
    """
    end = head.right_edge.i + 1
    for child in rights(head):
        own_clause = child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in children(child))
        too_long = own_clause and child.right_edge.i + 1 - head.left_edge.i > _MAX_CONJOINED
        if too_long or (child.dep_ == "parataxis" and (cue is None or child.i != cue.i)):
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
    first, last = _paragraph_tokens(index, paragraph)
    start = min(end, max(start, first))
    end = max(start, min(end, last))
    return start, end


def _paragraph_tokens(index: TokenIndex, paragraph: Paragraph) -> tuple[int, int]:
    """Return the token range [first, last) of the tokens that start inside a paragraph."""
    return bisect.bisect_left(index.starts, paragraph.start), bisect.bisect_left(index.starts, paragraph.end)


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


def _is_participle_modifier(clause: Token) -> bool:
    """Tell whether a noun's clause is a participle that describes it ("his comments, made on TV"), not what it reports."""
    return clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBG")


def _is_reporting_participle(token: Token) -> bool:
    """Tell whether a clause is a reporting participle ("..., noting that B"): a report of its own, not content."""
    return token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in REPORTING_VERBS


def _is_contrasted_report(token: Token) -> bool:
    """Tell whether a clause is another speaker's report set against the content ("..., while 22 percent said B")."""
    return (
        token.dep_ == "advcl"
        and token.pos_ == "VERB"
        and token.lemma_.lower() in REPORTING_VERBS
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i for c in children(token))
    )


def _is_concessive_aside(token: Token) -> bool:
    """Tell whether a clause is an "even as" / "even though" aside ("..., even as costs rose")."""
    if token.dep_ != "advcl":
        return False
    words = children(token)
    return any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in words) and any(c.lower_ == "even" for c in words)


def _without_trailing_aside(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Cut a trailing relative clause, a name's apposition, an "even as" aside or a reporting participle off a content.

    ", which ...", "— who ...", "he met Kent, the mayor of Dayton", "..., even as costs rose" and
    "..., noting that B" (reported on its own) set off by a comma or dash: PolNeAR's contents stop before them.

    Such a clause holds the content's last token, so only that token's nearest ancestors are read
    (at most _ASIDE_DEPTH): a chain "he said he said ..." would otherwise cost the square of its length.
    """
    best = end
    token = doc[end - 1]
    for _ in range(_ASIDE_DEPTH):
        left = token.left_edge.i
        is_aside = (
            token.dep_ == "relcl"
            or (token.dep_ == "appos" and token.head.pos_ == "PROPN")
            or _is_concessive_aside(token)
            or _is_reporting_participle(token)
            or _is_contrasted_report(token)
        )
        aside = is_aside and left - 1 > start and doc[left - 1].text in _ASIDE_MARKS
        if aside and token.right_edge.i >= end - 1 and start <= token.head.i < left:
            best = min(best, left - 1)
        if token.head.i == token.i or token.head.i < start:
            break
        token = token.head
    return start, best


def _content_range(index: TokenIndex, start: int, end: int, *, shortest: int = _MIN_CONTENT_TOKENS) -> tuple[int, int] | None:
    """Trim punctuation off a token range and reject it when shorter than ``shortest`` tokens or mostly quoted."""
    doc = index.doc
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    start = _after_dateline(doc, start, end, text=index.text)
    start, end = _without_trailing_aside(doc, start, end)
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    if end - start < shortest:
        return None
    if index.quoted_count(start, end) > _QUOTED_SHARE * (end - start):
        return None
    return start, _through_closing_mark(index, start, end)


def _through_closing_mark(index: TokenIndex, start: int, end: int) -> int:
    """Return ``end`` moved past the closing mark of a quote the content opens ('was "a witch hunt."'), so the marks pair up."""
    doc, quoted = index.doc, index.quoted
    if not quoted[end - 1]:
        return end
    first = end - 1
    while first > start and quoted[first - 1]:
        first -= 1
    if not doc[first].is_quote or (first == start and start > 0 and quoted[start - 1]):
        return end  # the content starts inside the quote: no opening mark of its own
    stop = end
    while stop < len(doc) and quoted[stop] and doc[stop].text in _EDGE_PUNCT:
        stop += 1
        if doc[stop - 1].is_quote:
            return stop
    return end


def _after_dateline(doc: Doc, start: int, end: int, *, text: str) -> int:
    """Return the first token after a dateline that opens a line at ``start`` ("CITY (AP) — ..."), else ``start``."""
    if start >= end or (doc[start].idx > 0 and text[doc[start].idx - 1] != "\n"):
        return start
    found = _DATELINE.match(text, doc[start].idx)
    if found is None:
        return start
    while start < end and doc[start].idx < found.end():
        start += 1
    return start


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
    return Attribution(span, "indirect", mention_of(author_of_document(subject)), cue, confidence, "reported")
