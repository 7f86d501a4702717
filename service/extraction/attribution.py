"""Stage 3: attach each quote span to a speaker mention and a reporting cue.

Patterns are tried from the most to the least specific: a transcript label
("SMITH: ..."), a trailing byline ("Q" -X), the outermost reporting verb or noun
above a partial quote ("X said that ..."), the cue right after the closing mark
("Q," X said / said X), a colon lead-in (X said: / From X:), the cue right before
the opening mark, "according to X", the clause's subject, then the continuation of
the previous quote's speaker and the lead-in at the end of the paragraph before.
The rule that fired is kept on the attribution; confidence.py turns it into a
calibrated confidence, and CONFIDENCE below only holds each rule's prior.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import SPEAKER_ENTITY_LABELS
from .lexicon import ADDRESSED_VERBS, COMPARING_VERBS, DOCUMENT_NOUNS, DOCUMENT_VERBS, FINDING_NOUNS, HONORIFICS, INVERTING_CUES, POSITION_VERBS, PRONOUNS, REPORTING_NOUNS, REPORTING_VERBS, SHARE_SUBJECTS, SPEAKER_NOUNS, SUBORDINATORS, TITLE_WORDS, TRAILING_PARTICLES, UTTERANCE_NOUNS
from .parse import children, entity_bounds, lefts
from .spans import Paragraph
from .types import Attribution, Cue, QuoteKind, QuoteSpan, Span

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "ccomp", "relcl", "acl"})
# Links from a clause to a clause beside or around it rather than to the verb it reports to:
# a cue with its own subject keeps a partial quote below it from a cue above such a link, and so does a
# preposition over the cue's clause ('under what Lee called "Q," the club ...').
_CLAUSE_LINKS = frozenset({"conj", "advcl", "relcl", "acl", "parataxis", "pcomp", "pobj"})
_CUE_PARTS = frozenset({"aux", "auxpass", "neg", "prt"})
_SENTENCE_END = frozenset({".", "!", "?"})
_DASH_CHARACTERS = "-–—―"
_DASH_TOKENS = frozenset({"-", "--", "–", "—"})  # a spaced dash between a headline and a name
#: Characters a token can carry in front of a name: a dash ("-President Obama") or markup left in the text ('">Lee').
_MENTION_LEAD = _DASH_CHARACTERS + "\"'“”‘’<>()[]{}*"
_SPACES = re.compile(r"\s*")
_SPACES_AND_DASHES = re.compile(r"[\s\-–—―]*")
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_COMPARED_WITH = frozenset({"to", "with"})  # "compared with": a comparing verb with no object is a preposition
_MISATTACHED_RELATIVES = frozenset({"who", "which"})  # "that" right after a noun may open a clause of its own
_QUESTION_DEPS = frozenset({"ccomp", "xcomp"})  # a "who"/"which" clause in these roles asks rather than relates
_JOINED_CLAUSES = frozenset({"conj", "parataxis", "ccomp"})  # clauses of one sentence a poll's "In the poll, ..." may open
_PRINTED_VERBS = frozenset({"said", "says", "read", "reads"})  # a thing's relative clause that gives the words it bears
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
_MENTION_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "case", "nummod", "flat"})

_LINE_BREAK = re.compile("\n")
_NAME_CHARS = 200  # a name line's name ends (at a comma) within this many characters
_TAIL_VERB_REACH = 8  # words (not punctuation) after a comma-closed quote within which its attribution's verb comes
_LOST_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "appos", "ROOT", "dep", "npadvmod"})
_SHARE_DEPS = frozenset({"nsubj", "nsubjpass"})  # a quantifier names a share of people only as a subject
_NAME_REACH = 12  # tokens before a cue without a parsed subject searched for the name opening its clause
_CUE_LEAD = 3  # words between a partial quote still going on with its sentence and a cue after it that attributes it
_TERM_WORDS = 3  # a partial quote of at most this many words and no speaker is a scare-quoted term
_INTERRUPTION_WORDS = 8  # '"We will," Sen. Ann Lee said, "win."': at most this many words between the parts of one quote
_ISSUER_REACH = 3  # clauses climbed from a subjectless verb issuing a document to the subject that issues it
_CLAUSE_REACH = 4  # arcs climbed from a cue after a quote to the subordinate clause it may lie in
_COLON_NAME_REACH = 4  # words before a lead-in's colon searched for the name of its speaker
_QUOTED_HEAD_REACH = 12  # arcs climbed through another quote's words to the first head outside quotes
_SENTENCE_WINDOW = 100  # tokens on each side of a partial quote searched for its sentence's cue verb

_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):\s+")

CONFIDENCE = {  # priors per rule, used where the calibration table has no entry
    "label": 0.9,
    "syntax": 0.9,
    "after": 0.9,
    "before": 0.85,
    "according": 0.85,
    "dash": 0.85,
    "sentence": 0.7,
    "subject": 0.6,
    "continuation": 0.75,
    "lead-in": 0.6,
    "colon": 0.6,
    "none": 0.3,
}


@dataclass(frozen=True, slots=True)
class _Found:
    """A cue verb and the subject token that speaks through it."""

    cue: Cue | None
    subject: Token
    rule: str


class TokenIndex:
    """Per-document lookups: the text, token starts, sentences, line breaks, and which tokens are quoted.

    Every lookup takes constant or logarithmic time, so that the stages stay linear on long texts.
    """

    def __init__(self, doc: Doc, spans: Sequence[QuoteSpan]) -> None:
        """Index token starts, sentence starts and line breaks, and mark which tokens lie inside quotation marks."""
        self.doc = doc
        self.text = doc.text
        self.starts = [token.idx for token in doc]
        self.sentence_starts = [i for i, start in enumerate(doc.to_array("SENT_START").tolist()) if start == 1 or i == 0]
        self.line_breaks = [match.start() for match in _LINE_BREAK.finditer(self.text)]
        self.quoted = [False] * len(doc)
        for span in spans:
            for i in self.token_range(span.outer_start, span.outer_end):
                self.quoted[i] = True
        self.quoted_before = list(itertools.accumulate(self.quoted, initial=0))
        self._roots: dict[int, Token] = {}
        self._words: dict[str, list[int]] = {}
        self._lowers: np.ndarray | None = None  # the LOWER hash of every token, read once for ``occurrences``
        self._cue_verbs: list[int] | None = None

    def sentence(self, i: int) -> SpacySpan:
        """Return the sentence of token ``i`` (like ``token.sent``, without walking the sentence)."""
        number = bisect.bisect_right(self.sentence_starts, i) - 1
        following = number + 1
        end = self.sentence_starts[following] if following < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[number] : end]

    def sentence_root(self, i: int) -> Token:
        """Return the root of the sentence of token ``i``, computed once per sentence."""
        sentence = self.sentence(i)
        if sentence.start not in self._roots:
            self._roots[sentence.start] = sentence.root
        return self._roots[sentence.start]

    def quoted_count(self, start: int, end: int) -> int:
        """Return how many of the tokens ``[start, end)`` lie inside quotation marks."""
        return self.quoted_before[end] - self.quoted_before[start]

    def cue_verbs_between(self, start: int, end: int) -> list[int]:
        """Return the indices of the reporting verbs outside quotation marks among tokens ``[start, end)``."""
        if self._cue_verbs is None:
            self._cue_verbs = [t.i for t in self.doc if not self.quoted[t.i] and _is_cue_verb(t)]
        verbs = self._cue_verbs
        return verbs[bisect.bisect_left(verbs, start) : bisect.bisect_left(verbs, end)]

    def occurrences(self, word: str) -> list[int]:
        """Return the indices of the tokens whose lower-case text is ``word``, in order (indexed on first use)."""
        if word not in self._words:
            if self._lowers is None:
                self._lowers = self.doc.to_array("LOWER")
            self._words[word] = np.flatnonzero(self._lowers == np.uint64(get_string_id(word))).tolist()
        return self._words[word]

    def token_at(self, char: int) -> int:
        """Return the index of the token that covers or follows ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def line_end(self, char: int) -> int:
        """Return the position of the first line break at or after ``char`` (the text's length if none)."""
        index = bisect.bisect_left(self.line_breaks, char)
        return self.line_breaks[index] if index < len(self.line_breaks) else len(self.text)

    def line_start(self, char: int) -> int:
        """Return the position just after the last line break before ``char`` (0 if none)."""
        index = bisect.bisect_left(self.line_breaks, char)
        return self.line_breaks[index - 1] + 1 if index > 0 else 0

    def token_range(self, start: int, end: int) -> range:
        """Return the indices of the tokens that overlap ``[start, end)``."""
        first = bisect.bisect_right(self.starts, start) - 1
        if first < 0 or self.doc[first].idx + len(self.doc[first]) <= start:
            first += 1
        last = bisect.bisect_left(self.starts, end)
        return range(max(first, 0), last)


def attribute_quotes(
    context: TokenIndex, spans: Sequence[QuoteSpan], *, paragraphs: Sequence[Paragraph], text: str
) -> list[Attribution]:
    """Return one attribution per quote span, in text order, leaving out scare-quoted terms nobody says."""
    results: list[Attribution] = []
    previous: Attribution | None = None
    for span in spans:
        kind = classify_kind(text, span, paragraph=paragraphs[span.paragraph])
        labelled = _from_transcript_label(text, span)
        if labelled is not None:
            results.append(labelled)
            previous = labelled
            continue
        found = _find_explicit(context, span, kind=kind, text=text, paragraph=paragraphs[span.paragraph])
        if found is not None and span.outer_start <= found.subject.idx < span.outer_end:
            found = None
        if found is not None:
            found = _poll_of_share(found)
        if found is not None:
            attribution = Attribution(
                span=span,
                kind=kind,
                mention=mention_of(_issuer_of(found.subject)),
                cue=found.cue,
                confidence=CONFIDENCE[found.rule],
                rule=found.rule,
            )
        elif (
            previous is not None
            and _continues(previous, span, paragraphs=paragraphs, text=text)
            and (previous.kind != "partial" or _from_lead_in(context, span, paragraphs=paragraphs, text=text) is None)
        ):  # after another's quoted words, the sentence just before the quote names its speaker first
            attribution = Attribution(span, kind, previous.mention, None, CONFIDENCE["continuation"], "continuation")
        elif (lead := _from_lead_in(context, span, paragraphs=paragraphs, text=text)) is not None:
            attribution = Attribution(span, kind, mention_of(lead.subject), lead.cue, CONFIDENCE["lead-in"], "lead-in")
        else:
            attribution = Attribution(span, kind, None, None, CONFIDENCE["none"], "none")
        if results and _resumes_interrupted_quote(results[-1], attribution, text=text):
            attribution = replace(attribution, kind="direct")
        results.append(attribution)
        previous = attribution if attribution.mention is not None else previous
    return [a for a in _share_across_runs(results) if not _is_unattributed_term(a, text=text)]


def _resumes_interrupted_quote(before: Attribution, attribution: Attribution, *, text: str) -> bool:
    """Tell whether a lower-case quote goes on with a direct quote its cue interrupted ('"We will," she said, "win."').

    The first part ends with a comma inside its marks, and only the speaker and cue, closed by a
    comma, stand between the two parts.
    """
    first, second = before.span, attribution.span
    if attribution.kind != "partial" or before.kind != "direct" or first.paragraph != second.paragraph:
        return False
    if not text[first.start : first.end].rstrip().endswith(",") or before.mention != attribution.mention:
        return False
    gap = text[first.outer_end : second.outer_start].strip()
    return gap.endswith(",") and len(gap.split()) <= _INTERRUPTION_WORDS and not any(c in gap for c in "!?;\n")


def _poll_of_share(found: _Found) -> _Found:
    """Return the poll a share of people answered in ("In a new poll, 75 percent said "Q"") as the speaker, else ``found``."""
    verb = found.subject
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "40% of renters and younger owners said": a conjunct of the share speaks through the verb
    if not any(c.dep_ in SUBJECT_DEPS and is_share(c) for c in children(verb)):
        return found
    clauses = [verb, *(c for c in children(verb) if c.dep_ in _JOINED_CLAUSES and c.i < found.subject.i)]
    if verb.dep_ in _JOINED_CLAUSES:
        clauses.append(verb.head)  # "In the poll, 8 percent said ...; 3 percent said ..."
    for preposition in (c for clause in clauses for c in children(clause)):
        if preposition.lower_ != "in" or preposition.i > found.subject.i:
            continue
        poll = next((c for c in children(preposition) if c.dep_ == "pobj" and c.lemma_.lower() in FINDING_NOUNS), None)
        if poll is not None:
            return _Found(found.cue, poll, found.rule)
    return found


def _is_unattributed_term(attribution: Attribution, *, text: str) -> bool:
    """Tell whether a partial quote is a scare-quoted term: up to three words inside a sentence that nobody says.

    'this "alternative" ecosystem', 'click "sign up"': with no speaker found, such quotes mark a term
    rather than report words, and are left out.
    """
    if attribution.kind != "partial" or attribution.mention is not None:
        return False
    return len(text[attribution.span.start : attribution.span.end].split()) <= _TERM_WORDS


def _from_transcript_label(text: str, span: QuoteSpan) -> Attribution | None:
    """Handle transcript quotes that open with the speaker's name: '"PENCE: Well, ...'."""
    match = _TRANSCRIPT_LABEL.match(text, span.start, span.end)
    if match is None:
        return None
    name = match.group(1)
    mention = Span(name, match.start(1), match.end(1))
    content = replace(span, start=match.end())
    return Attribution(content, "direct", mention, None, CONFIDENCE["label"], "label")


def classify_kind(text: str, span: QuoteSpan, *, paragraph: Paragraph) -> QuoteKind:
    """Tell a direct quote (a sentence of its own) from a partial one (words inside a sentence)."""
    content = text[span.start : span.end].lstrip()
    before = last_char_before(text, span.outer_start, start=paragraph.start)
    starts_sentence = not before or before in ".!?:;,—–-\"”'’)"
    opens_capital = bool(content) and (content[0].isupper() or content[0] in "[(….'‘\"" or content[0].isdigit())
    return "direct" if starts_sentence and opens_capital else "partial"


def last_char_before(text: str, position: int, *, start: int = 0) -> str:
    """Return the last character before ``position`` (and not before ``start``) that is not white space, or ""."""
    index = position
    while index > start and text[index - 1].isspace():
        index -= 1
    return text[index - 1] if index > start else ""


def mention_of(token: Token) -> Span:
    """Return the span that names the speaker at this attribution ("he", "Mr. Kirby")."""
    doc = token.doc
    for child in children(token):
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and token.ent_type_ != "PERSON":
            token = child
            break
    if token.ent_type_ and token.ent_iob_ != "O":
        start, end = _clip_at_own_verb(token, *entity_bounds(token))
        dashes = [i for i in range(start, token.i) if doc[i].text in _DASH_TOKENS and doc[i].whitespace_]
        start = dashes[-1] + 1 if dashes else start  # "the caucus - HuffPollster" read as one entity
    else:
        start, end = token.i, token.i + 1
        for child in lefts(token):
            if child.dep_ in _MENTION_DEPS:
                start = min(start, child.left_edge.i)
    if doc[end - 1].pos_ == "PROPN":
        while start < end - 1 and doc[start].lower_ in TITLE_WORDS and doc[start].lower_ not in HONORIFICS:
            start += 1
    while start > 0 and doc[start - 1].lower_ in HONORIFICS and doc[start - 1].head.i in range(start, end):
        start -= 1
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != ".":
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    first, last = doc[start], doc[end - 1]
    text = doc[start:end].text
    name = text.lstrip(_MENTION_LEAD) or text
    return Span(name, first.idx + len(text) - len(name), last.idx + len(last))


def _clip_at_own_verb(token: Token, start: int, end: int) -> tuple[int, int]:
    """Return the entity range cut before the verb the speaker is the subject of, when NER ran over it.

    A title-case headline ("Biden Says Economy Is Strong") is often read as one entity; its speaker's
    name ends where the speaker's own verb begins.
    """
    verb = token.head
    if verb.i != token.i and verb.pos_ in ("VERB", "AUX") and start <= verb.i < end:
        return (start, verb.i) if verb.i > token.i else (verb.i + 1, end)
    return start, end


def _find_explicit(
    context: TokenIndex, span: QuoteSpan, *, kind: QuoteKind, text: str, paragraph: Paragraph
) -> _Found | None:
    """Try the explicit patterns in order and return the first that finds a speaker."""
    inside = context.token_range(span.start, span.end)
    if not len(inside):
        return None
    if kind == "partial":
        found = _from_ancestors(context, inside, paragraph=paragraph)
        if found and found.cue and REPORTING_VERBS.get(found.cue.lemma) == "thought":
            spoken = _from_sentence(context, inside, speech_only=True)
            if spoken and _cue_verb(context, spoken).dep_ != "pcomp":
                return spoken
        if found and _in_relative_clause(context, found):
            found = _trailing_attribution(context, span, paragraph=paragraph) or found
        if found:
            return found
    found = _from_dash(context, span, paragraph=paragraph)
    if found:
        return found
    after = _tokens_after(context, span, paragraph=paragraph)
    before = _tokens_before(context, span, paragraph=paragraph)
    after_colon = text[span.outer_start - 1 : span.outer_start] == ":"
    found = None if after_colon else _from_window(after, rule="after", quoted=context.quoted, main_clause=True, context=context)
    if found is not None and kind == "partial" and not _attributed_after(context, span, after, found):
        found = None
    if found is not None and found.cue is not None and _leads_into_next_quote(context, span, after, found):
        found = None
    if found is not None and _introduced_and_closed(context, span, before, after):
        found = _from_colon(context, before, text=text, span=span) or _from_window(
            before, rule="before", last=True, quoted=context.quoted
        ) or found
    found = (
        found
        or _from_colon(context, before, text=text, span=span, direct=kind != "partial")
        or _bearer_right_before(before)
        or _as_put_it(context, before)
        or (None if kind == "partial" else _from_verb_before_comma(context, before))
        or _from_window(before, rule="before", last=True, quoted=context.quoted, context=context)
        or _issued_document_before(before)
        or (None if kind == "partial" else _from_dash_lead_in(context, before, text=text, span=span))
        or (None if after_colon or kind == "partial" else _from_verb_after_comma(context, span, after))
    )
    if found:
        return found
    if kind != "partial":
        found = _from_ancestors(context, inside, paragraph=paragraph)
        if found:
            return found
    found = _from_according(before) or _from_according(after)
    if found:
        return found
    if kind == "partial":
        return _from_sentence(context, inside) or _from_governing_subject(context, inside, paragraph=paragraph)
    if span.outer_start != paragraph.start:
        return _from_governing_subject(context, inside, paragraph=paragraph)
    return None


def _from_ancestors(context: TokenIndex, inside: range, *, paragraph: Paragraph) -> _Found | None:
    """Climb from the quote's tokens to the outermost reporting verb that governs them.

    The outermost verb wins, so a partial quote in "X said (that) Y suggests ..."
    belongs to X, not to an embedded "believes" or "suggests".
    """
    doc = context.doc
    outside_heads = {_unquoted_ancestor(doc[i], context.quoted).i for i in inside if doc[i].head.i not in inside}
    best: _Found | None = None
    best_depth = -1
    first, last = doc[inside[0]], doc[inside[-1]]
    start = max(paragraph.start, context.line_start(first.idx))  # a parse run on across a line break
    end = min(paragraph.end, context.line_end(last.idx + len(last)))  # never reaches the next line's cue
    for head in sorted(outside_heads):
        token = doc[head]
        speaking: Token | None = None  # the cue verb with a subject of its own met on this climb
        for depth in range(8):
            if not start <= token.idx < end:
                break
            if not context.quoted[token.i] and _is_cue_verb(token) and not _addressed(token):
                subject = _controller(token) or subject_of(token, shares=True, issuers=True) or _name_opening_clause(token, context)
                if subject is not None and not context.quoted[subject.i] and depth > best_depth:
                    best, best_depth = _Found(cue_of(token), subject, "syntax"), depth
                if subject is not None and _has_own_subject(token) and not is_share(subject):
                    speaking = token  # a share answers a poll that may report it ("the poll finds 37 percent say")
            elif not context.quoted[token.i] and token.lower_ in REPORTING_NOUNS and depth > best_depth:
                owner = next((c for c in children(token) if c.dep_ == "poss" and can_speak(c)), None)
                if owner is not None:
                    cue = Cue(token.text, token.lemma_.lower(), token.idx, token.idx + len(token))
                    best, best_depth = _Found(cue, _noun_head(owner), "syntax"), depth
            elif not context.quoted[token.i] and token.lemma_ == "be" and token.dep_ == "ROOT" and depth > best_depth:
                owned = _owned_utterance(token)  # "Lee's slogan is "Q""
                if owned is not None:
                    best, best_depth = owned, depth
            if token.head.i == token.i:
                break
            if speaking is not None and token.dep_ in _CLAUSE_LINKS:
                break  # the cue above belongs to another clause ("X said ... and Y says", "..., which Y called")
            token = token.head
    return best


def _unquoted_ancestor(token: Token, quoted: Sequence[bool]) -> Token:
    """Return a quote token's head, or past another quote the parse hangs it on ('his "A" and "B"'), the first head outside quotes."""
    head = token.head
    for _ in range(_QUOTED_HEAD_REACH):
        if not quoted[head.i] or head.head.i == head.i:
            break
        head = head.head
    return head


def _cue_verb(context: TokenIndex, found: _Found) -> Token:
    """Return the verb of a found cue: the token of its span with the cue's lemma, else its last token."""
    assert found.cue is not None
    tokens = [context.doc[i] for i in context.token_range(found.cue.start, found.cue.end)]
    return next((t for t in tokens if t.lemma_.lower() == found.cue.lemma), tokens[-1])


def _owned_utterance(copula: Token) -> _Found | None:
    """Return the owner of the words a main-clause "be" equates with the quote ("Lee's reply was "Q""), else None."""
    for subject in children(copula):
        if subject.dep_ == "nsubj" and subject.lemma_.lower() in UTTERANCE_NOUNS:
            owner = next((c for c in children(subject) if c.dep_ == "poss" and can_speak(c, strict=True)), None)
            if owner is not None:
                cue = Cue(subject.text, subject.lemma_.lower(), subject.idx, subject.idx + len(subject))
                return _Found(cue, _noun_head(owner), "syntax")
    return None


def _from_window(
    tokens: Sequence[Token],
    *,
    rule: str,
    last: bool = False,
    quoted: Sequence[bool] | None = None,
    main_clause: bool = False,
    context: TokenIndex | None = None,
) -> _Found | None:
    """Find a cue verb with a subject among a few tokens next to the quote.

    When the parse gives the verb no subject outside quotes (a misparse such as "said"
    conjoined to a verb inside the quote), the noun right before or after the verb is taken.
    With ``main_clause``, a verb heading a "when"/"as"/"because" clause is skipped: in
    '"Q," when Smith attacked him' Smith reacts to the quote rather than saying it.
    """
    ordered = list(reversed(tokens)) if last else list(tokens)
    for token in ordered:
        if main_clause and _in_subordinate_clause(token, tokens) or _addressed(token):
            continue
        if _is_cue_verb(token) and (token.dep_ != "relcl" or last and _introduces_quote(tokens, token)):
            reporter = _reporter_above_participle(token)
            subject = _name_before_participle(token) or _controller(token) or subject_of(reporter or token, shares=True, issuers=True)
            if subject is not None and quoted is not None and quoted[subject.i]:
                subject = _unquoted_subject(reporter or token, quoted=quoted)
            if rule == "after" and (subject is None or subject.i > token.i):
                subject = _front_name(tokens, token) or subject
            subject = subject or _adjacent_subject(tokens, token)
            if subject is None and context is not None:
                subject = _name_opening_clause(token, context)  # the parse gave the cue's clause no subject on its line
            if subject is not None:
                return _Found(cue_of(token), subject, rule)
    return None


def _addressed(verb: Token) -> bool:
    """Tell whether a cue is a passive verb of addressing ('X was asked, "Q"'), whose subject hears the words."""
    return verb.lemma_.lower() in ADDRESSED_VERBS and any(c.dep_ in ("nsubjpass", "auxpass") for c in children(verb))


def _from_verb_before_comma(context: TokenIndex, before: Sequence[Token]) -> _Found | None:
    """Return the subject of a verb that ends the words before a quote's comma or colon ('Lee shot back, "Q"'), else None.

    An adverb may follow the verb ('Lee fired back forcefully: "Q"').
    """
    if len(before) < 3 or before[-1].text not in (",", ":"):
        return None
    end = len(before) - 1
    while end > 2 and before[end - 1].pos_ == "ADV" and before[end - 1].dep_ == "advmod" and before[end - 1].lower_ not in TRAILING_PARTICLES:
        end -= 1
    before = before[: end + 1]
    verb = before[-2]
    if verb.dep_ == "prt" or verb.lower_ in TRAILING_PARTICLES:
        verb = verb.head if verb.head in before else before[-3]
    if verb.pos_ != "VERB" or verb.dep_ == "relcl" or _is_cue_verb(verb) or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    subject = next((_noun_head(c) for c in children(verb) if c.dep_ == "nsubj" and c in before), None)
    if subject is None or context.quoted[subject.i] or not can_speak(subject, strict=subject.pos_ == "NOUN"):
        return None
    return _Found(cue_of(verb), subject, "before")


def _bearer_right_before(before: Sequence[Token]) -> _Found | None:
    """Return the relative pronoun of a thing that bears the quoted words ('T-shirts that said "Q"'), else None.

    A T-shirt, a sign or a message cannot speak, so the before-window passes over its "that said"; the
    words are still the ones it bears, and the pronoun right before the quote is their source.
    """
    words = [token for token in before if token.text != ","][-3:]
    if len(words) < 3:
        return None
    noun, pronoun, verb = words
    if not (_is_cue_verb(verb) and pronoun.lower_ in _RELATIVE_PRONOUNS and pronoun.head.i == verb.i):
        return None
    if pronoun.dep_ not in SUBJECT_DEPS or noun.pos_ not in ("NOUN", "PROPN") or pronoun.i != noun.i + 1 or verb.i != pronoun.i + 1:
        return None
    if verb.dep_ != "relcl" or verb.head.i != noun.i or verb.lower_ not in _PRINTED_VERBS or can_speak(noun, strict=True):
        return None
    return _Found(cue_of(verb), pronoun, "before")


def _as_put_it(context: TokenIndex, before: Sequence[Token]) -> _Found | None:
    """Return the subject of an "as X put it" clause before a quote ('As Lee put it in a memo to staff, "Q"'), else None.

    The clause names who said the words even when a participle after it ("explaining the deal") would lend
    the quote to another noun, or when a quoted title in the subject's apposition cuts the words before the quote.
    """
    for verb in before:
        if verb.lemma_ != "put" or verb.dep_ != "advcl":
            continue
        marks = [c for c in children(verb) if c.dep_ == "mark" and c.lower_ == "as"]
        objects = [c for c in children(verb) if c.dep_ == "dobj" and c.lower_ == "it"]
        subjects = [c for c in children(verb) if c.dep_ == "nsubj"] + [c for m in marks for c in children(m) if c.dep_ == "pobj"]
        subject = next((_noun_head(c) for c in subjects if c.i < verb.i), None)  # "As Lee" may be parsed as a phrase
        if marks and objects and subject is not None and not context.quoted[subject.i] and can_speak(subject):
            return _Found(cue_of(verb), subject, "before")
    return None


def _issued_document_before(before: Sequence[Token]) -> _Found | None:
    """Return the issuer of a document named right before a quote's comma or colon ('X issued a statement, "Q"')."""
    if len(before) < 2 or before[-1].text not in (",", ":"):
        return None
    document = before[-2]
    if document.lemma_.lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return None
    issuer = _issuer_of(document)
    return None if issuer is document else _Found(None, issuer, "before")


def _from_verb_after_comma(context: TokenIndex, span: QuoteSpan, after: Sequence[Token]) -> _Found | None:
    """Take the subject of any verb right after a quote that closes on a comma ('"Q," Smith fumed', '"Q," it read').

    A quote ending in a comma continues its sentence, and the clause that follows is its attribution even
    when the verb is not a known reporting verb.
    """
    content = context.text[span.start : span.end].rstrip().rstrip("'’")  # a nested quote may close with it
    if not content or content[-1] not in ",?!" or not after:
        return None
    misread = _cue_read_as_noun(after) or _capitalised_word_before_cue(after)
    if misread is not None:
        return misread
    for token in _first_words(after, _TAIL_VERB_REACH):
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass") or _mistagged_subject(token):
            continue
        subject = next((c for c in children(token) if c.dep_ in SUBJECT_DEPS and c in after), None)
        if subject is not None:
            subject = _noun_head(subject)
        elif token is after[0] and len(after) > 1 and after[1].pos_ == "PROPN":
            subject = _noun_head(after[1])  # '"Q," remembered Roy Verley'
        elif token is after[0]:
            subject = _inverted_document(token, after)  # '"Q," read the email'
        else:
            subject = _bare_name_before(after, token)  # '"Q," Smith barked' parsed with "Smith" as a compound
        common = subject is not None and subject.pos_ == "NOUN" and not subject.text[:1].isupper()
        common = common and subject.lemma_.lower() not in DOCUMENT_NOUNS  # '"Q," the email read'
        speaks = subject is not None and (can_speak(subject, strict=common) or _mistagged_subject(subject))
        if speaks and not context.quoted[subject.i]:
            return _Found(cue_of(token), subject, "after")  # a capitalised "noun" there is a name ('"Q?" Tanner pressed')
        return None
    return None


def _capitalised_word_before_cue(after: Sequence[Token]) -> _Found | None:
    """Return a capitalised word that is all the words between a comma-closed quote and its reporting verb, else None.

    A surname that is also a common word ('"Q," Will wrote', '"Q," From said') is tagged as an auxiliary or a
    preposition; right after the quote's closing mark and before the verb it can only be a name.
    """
    words = [t for t in after if not t.is_punct][:2]
    if len(words) < 2 or words[0].i + 1 != words[1].i:
        return None
    name, verb = words
    if not (name.is_alpha and name.text[:1].isupper() and name.pos_ not in ("PRON", "PROPN", "NOUN", "DET")):
        return None
    if name.lower_ in PRONOUNS or not _is_cue_verb(verb) or _has_own_subject(verb) and name.head.i != verb.i:
        return None
    return _Found(cue_of(verb), name, "after")


def _cue_read_as_noun(after: Sequence[Token]) -> _Found | None:
    """Return the speaker of a short attribution whose reporting verb was tagged as a noun, else None.

    '"Q," a narrator in the video states.', '"Q," the three write.' and '"Q," the editorial read.' are often parsed
    with the verb as a noun; when the words after the quote are only a noun phrase and that word (a phrase
    opening with a preposition may follow it: 'the clerks state in the annual report'), the noun phrase speaks.
    """
    words = [t for t in after if not (t.is_punct and t.text in _SENTENCE_END)]
    if len(words) < 2:
        return None
    ends = (k for k, t in enumerate(words) if k and _misread_cue_lemma(t) is not None)
    at = next((k for k in ends if len(words) == k + 1 >= len(after) - 1 or words[k + 1].pos_ == "ADP"), None)
    if at is None:
        return None
    last = words[at]
    lemma = _misread_cue_lemma(last)
    phrase = words[:at]
    if not all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "PUNCT") for t in phrase) or phrase[0].pos_ != "DET":
        return None
    subject = next((t for t in phrase if t.pos_ in ("NOUN", "PROPN", "NUM") or t.lower_ in DOCUMENT_NOUNS), None)
    if subject is None or not (can_speak(subject) or is_share(subject, subject=False) or subject.lower_ in DOCUMENT_NOUNS):
        return None
    if last.lower_ in DOCUMENT_VERBS and subject.lemma_.lower() not in DOCUMENT_NOUNS and _noun_head(subject).lemma_.lower() not in DOCUMENT_NOUNS:
        return None  # only a document reads
    head = _noun_head(subject)  # "a voice-over": the head of a compound names the speaker in full
    speaker = head if head.pos_ == "NOUN" and head in phrase else subject  # not the misread cue ("the clerks state")
    return _Found(Cue(last.text, lemma or last.lower_, last.idx, last.idx + len(last)), speaker, "after")


def _misread_cue_lemma(token: Token) -> str | None:
    """Return the lemma of a reporting verb the tagger read as a noun ("states", "write", "read"), else None."""
    if token.pos_ != "NOUN":
        return None
    if token.lower_ in DOCUMENT_VERBS:
        return "read"
    lemma = token.lower_[:-1] if token.lower_.endswith("s") else token.lower_
    return lemma if REPORTING_VERBS.get(lemma) in ("speech", "writing") else None


def _first_words(tokens: Sequence[Token], count: int) -> list[Token]:
    """Return the tokens up to and including the ``count``-th that is not punctuation ("vice-presidential" is two words)."""
    words = 0
    for index, token in enumerate(tokens):
        words += not token.is_punct
        if words == count:
            return list(tokens[: index + 1])
    return list(tokens)


def _mistagged_subject(subject: Token) -> bool:
    """Tell whether a subject after a comma-closed quote is a name the tagger read as a verb ('"Q," Trump shot back')."""
    return subject.dep_ in SUBJECT_DEPS and _mistagged_name(subject) and subject.ent_type_ not in _NOT_SPEAKERS


def _bare_name_before(after: Sequence[Token], verb: Token) -> Token | None:
    """Return the name that is all of the words between a quote and a verb the parse gave no subject, else None."""
    words = [t for t in after if t.i < verb.i and not t.is_punct]
    if not words or len(words) > 4 or words[-1].pos_ != "PROPN" or words[-1].head.i != verb.i:
        return None
    return words[-1] if all(t.pos_ == "PROPN" or t.lower_ in HONORIFICS for t in words) else None


def _inverted_document(verb: Token, after: Sequence[Token]) -> Token | None:
    """Return the document a verb opening the words after a quote is followed by ('"Q," read the email'), else None."""
    objects = [c for c in children(verb) if c.dep_ in ("dobj", "attr") and c in after]
    if objects and _noun_head(objects[0]).lemma_.lower() in DOCUMENT_NOUNS:
        return _noun_head(objects[0])
    return None


def _in_relative_clause(context: TokenIndex, found: _Found) -> bool:
    """Tell whether the cue found above a partial quote heads a relative clause ('the items he cited are "Q"')."""
    if found.cue is None:
        return False
    return context.doc[context.token_at(found.cue.start)].dep_ in ("relcl", "acl")


def _trailing_attribution(context: TokenIndex, span: QuoteSpan, *, paragraph: Paragraph) -> _Found | None:
    """Return the attribution right after a partial quote that closes on a comma ('..."Q," the Daily reported'), else None.

    It names the speaker after the closing mark; a cue in a relative clause inside the sentence's subject does not.
    """
    if context.text[span.start : span.end].rstrip()[-1:] != ",":
        return None
    after = _tokens_after(context, span, paragraph=paragraph)
    found = _from_window(after, rule="after", quoted=context.quoted, main_clause=True)
    if found is None or found.cue is None or found.subject.idx < span.outer_end:
        return None
    return found


def _attributed_after(context: TokenIndex, span: QuoteSpan, after: Sequence[Token], found: _Found) -> bool:
    """Tell whether a cue after a partial quote attributes it rather than going on with the sentence.

    A quote that closes its clause ('called it "a mess," Lee said'), or a cue right after the
    closing mark or past a comma ('"a good" job, he said'), attributes it; past a conjunction, a dash
    or a full stop ('dismissing them as the "cartel" and calling Reed a liar') the sentence goes on.
    """
    closing = context.text[span.start : span.end].rstrip()[-1:]
    if closing == "." and after and after[0].text[:1].isupper():
        return False  # '... the "quiet crisis." Reed praised the bus lanes': the next sentence has its own report
    if found.cue is None or closing in (",", "?", "!"):
        return True
    lead = [t for t in after if t.idx < found.cue.start]
    if any(t.pos_ == "CCONJ" or t.text in _SENTENCE_END or t.text[:1] in _DASH_CHARACTERS for t in lead):
        return False
    return len(lead) <= _CUE_LEAD or any(t.text == "," for t in lead)


def _leads_into_next_quote(context: TokenIndex, span: QuoteSpan, after: Sequence[Token], found: _Found) -> bool:
    """Tell whether the cue after a quote that ends its sentence opens the next sentence's own report.

    In '"Q1," he said. "Q2." He added, "Q3."' the cue after Q2 introduces Q3, and in '"Q2." He added
    that ...' it reports its own clause: Q2 is left to the speaker before it.
    """
    text = context.text
    content = text[span.start : span.end].rstrip()
    if not content or content[-1] != "." or not after or not after[0].text[:1].isupper():
        return False
    verb = next((t for t in after if t.idx == found.cue.start or (t.idx <= found.cue.start < t.idx + len(t))), None)
    verb = next((t for t in after if _is_cue_verb(t) and found.cue.start <= t.idx < found.cue.end), verb)
    if verb is None:
        return False
    following = after[-1].i + 1
    if following < len(context.doc) and context.quoted[following] and after[-1].text not in _SENTENCE_END:
        return True
    return any(child.dep_ in ("ccomp", "xcomp", "dobj") and not context.quoted[child.i] for child in children(verb))


def _introduced_and_closed(context: TokenIndex, span: QuoteSpan, before: Sequence[Token], after: Sequence[Token]) -> bool:
    """Tell whether a quote follows words of its own sentence ("X responded: "Q?"") and ends that sentence.

    A cue in the next sentence ("Aldermen mocked the reply ...") then has a report of its own, and the
    speaker before the quote, when there is one, is the quote's.
    """
    content = context.text[span.start : span.end].rstrip().rstrip("'’\"”")
    if not content or content[-1] not in ".?!" or not after or not after[0].text[:1].isupper():
        return False
    return bool(before)


def _introduces_quote(tokens: Sequence[Token], verb: Token) -> bool:
    """Tell whether a relative clause's cue is the last verb before the quote ("X, who joked of the museum, "Q"")."""
    return not any(t.i > verb.i and t.pos_ in ("VERB", "AUX") for t in tokens)


def _front_name(tokens: Sequence[Token], verb: Token) -> Token | None:
    """Return the name that opens the window after a quote, set off before its cue ('"Q," Smith, 58, told AFP').

    The parser often loses such a name in the apposition after it and takes a word after the verb as the
    subject; the name right after the closing mark is the usual speaker.
    """
    before = [t for t in tokens if t.i < verb.i and not t.is_punct]
    if not before or tokens[0].i != before[0].i and not all(t.is_punct for t in tokens if t.i < before[0].i):
        return None
    first = before[0]
    if first.pos_ != "PROPN" or first.ent_type_ not in ("PERSON", "ORG") or not can_speak(first, strict=True):
        return None
    start, end = entity_bounds(first)
    following = first.doc[end] if end < len(first.doc) else None
    if following is None or following.i != verb.i and following.text != ",":
        return None
    return _noun_head(first.doc[end - 1])


def _name_before_participle(verb: Token) -> Token | None:
    """Return the name right before a participle cue ("footage of Smith saying ..."), which says the words."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    return before if before.pos_ == "PROPN" and can_speak(before, strict=True) else None


def author_of_document(subject: Token) -> Token:
    """Return who a speaking document is from or by ("a statement from the Pentagon", "a report by the CBO"), else ``subject``.

    Not "of": "a poll of 1,000 voters" is answered by them, not issued.
    """
    if subject.lemma_.lower() not in DOCUMENT_NOUNS:
        return subject
    for preposition in children(subject):
        if preposition.dep_ == "prep" and preposition.lower_ in ("from", "by"):
            author = next((c for c in children(preposition) if c.dep_ == "pobj"), None)
            if author is not None and author.lemma_.lower() not in DOCUMENT_NOUNS and can_speak(_noun_head(author), strict=True):
                return _noun_head(author)
    return subject


def _issuer_of(subject: Token) -> Token:
    """Return who issued a document that speaks ("the council issued a statement calling ..."), else its author or ``subject``."""
    if subject.lower_ in _RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        document = subject.head.head  # "he released a letter that says ..."
        issuer = _issuer_of(document)
        return subject if issuer is document else issuer
    if subject.lemma_.lower() not in DOCUMENT_NOUNS or subject.dep_ != "dobj":
        return author_of_document(subject)
    issuer = next((c for c in children(subject.head) if c.dep_ in SUBJECT_DEPS), None)
    if issuer is None:
        issuer = _issuer_above(subject)
    if issuer is None or not can_speak(_noun_head(issuer), strict=True):
        return author_of_document(subject)
    return _noun_head(issuer)


def _issuer_above(document: Token) -> Token | None:
    """Return the subject of the clause a subjectless verb issuing a document hangs on, else None.

    "X held firm, issuing a letter that ..." and "X plans to reissue a column that ..." are X's: the
    participle or infinitive that issues the document shares the subject of the clause above it.
    """
    verb = document.head
    for _ in range(_ISSUER_REACH):
        if verb.dep_ not in ("advcl", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
        subject = next((_noun_head(c) for c in children(verb) if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject if subject.i < document.i and can_speak(subject, strict=True) else None
    return None


def _in_subordinate_clause(verb: Token, tokens: Sequence[Token]) -> bool:
    """Tell whether ``verb`` heads, or lies inside, a "when"/"as"/"before" clause among ``tokens`` ('"Q," before Reed began answering')."""
    window = {t.i for t in tokens}
    token = verb
    for _ in range(_CLAUSE_REACH):
        if _heads_subordinate_clause(token):
            return True
        if token.head.i == token.i or token.head.i not in window:
            return False
        token = token.head
    return False


def _heads_subordinate_clause(verb: Token) -> bool:
    """Tell whether ``verb`` heads an adverbial clause opened by a subordinator ("when", "as", "after")."""
    return verb.dep_ == "advcl" and any(
        child.dep_ in ("mark", "advmod") and child.i < verb.i and child.lower_ in SUBORDINATORS
        for child in children(verb)
    )


def _adjacent_subject(tokens: Sequence[Token], verb: Token) -> Token | None:
    """Return the speaker-like word next to a cue verb in a short window ("Jordan said", "said Jordan")."""
    before = [t for t in tokens if t.i < verb.i]
    if before and can_speak(before[-1], strict=True):
        return _noun_head(before[-1]) if _noun_head(before[-1]) in tokens else before[-1]
    after = [t for t in tokens if t.i > verb.i]
    if after and can_speak(after[0], strict=True) and after[0].pos_ in ("PROPN", "PRON"):
        return _noun_head(after[0])
    if after and verb.lemma_.lower() in INVERTING_CUES and _mistagged_name(after[0]) and (len(after) == 1 or after[1].is_punct):
        return after[0]  # '"Q," said Skelly.' with "Skelly" tagged as an adverb
    if after and after[0].dep_ in ("det", "amod", "compound", "nummod") and verb.lemma_.lower() in INVERTING_CUES:
        head = _noun_head(after[0].head) if after[0].head.dep_ == "compound" else after[0].head
        if head in after and head.head.i == verb.i and can_speak(head, strict=True):
            return head  # '"Q," added a New Hampshire Democrat' parsed with the speaker as the object
    return None


def _mistagged_name(token: Token) -> bool:
    """Tell whether a capitalised word that is no stop word was tagged as something other than a name or pronoun."""
    return token.is_alpha and token.text[:1].isupper() and not token.is_stop and token.pos_ not in ("PROPN", "PRON", "DET")


def _from_colon(context: TokenIndex, before: Sequence[Token], *, text: str, span: QuoteSpan, direct: bool = False) -> _Found | None:
    """Handle lead-ins that end in a colon: 'X said:' and 'From X:'."""
    if last_char_before(text, span.outer_start) != ":" or not before:
        return None
    label = _dashed_name_label(before)
    if label is not None:
        return _Found(None, label, "colon")
    found = (direct and _from_verb_before_comma(context, before)) or _from_window(before, rule="before", last=True, quoted=context.quoted)
    if found:
        return found
    first = before[0]
    if first.lower_ == "from":
        objects = [child for child in children(first) if child.dep_ == "pobj"]
        if objects:
            return _Found(None, objects[0], "before")
    label = _name_label(before)
    if label is not None:
        return _Found(None, label, "colon")
    root = context.sentence_root(before[-1].i)
    subjects = [c for c in children(root) if c.dep_ in SUBJECT_DEPS and c in before and can_speak(_noun_head(c), strict=True)]
    if subjects:
        return _Found(None, _noun_head(subjects[0]), "colon")
    inside = {t.i for t in before}
    for top in (t for t in before if t.head.i not in inside and t.pos_ in ("VERB", "AUX")):
        subjects = [c for c in children(top) if c.dep_ in SUBJECT_DEPS and c.i in inside and can_speak(_noun_head(c), strict=True)]
        if subjects:  # the parser hung the lead-in's verb under the quote ("X delivered a message: "Q"")
            return _Found(None, _noun_head(subjects[0]), "colon")
    name = _name_before_colon(before)
    if name is not None:
        return _Found(None, name, "colon")
    if not direct:
        return None
    tops = [root, *(t for t in before if t.head.i not in inside and t.pos_ in ("VERB", "AUX"))]
    tops = [top for top in tops if top.lemma_ != "be"]  # "His criticism was the choice: "Q"" names no speaker
    subjects = [c for top in tops for c in children(top) if c.dep_ in SUBJECT_DEPS and c.i in inside and _noun_head(c).pos_ == "NOUN"]
    return _Found(None, _noun_head(subjects[0]), "colon") if subjects else None  # "A short note on page nine spells it out: "Q""


def _dashed_name_label(before: Sequence[Token]) -> Token | None:
    """Return the name set after a spaced dash right before a lead-in's colon ('POLLS MISSED THE SHIFT - Ann Lee: "Q"'), else None.

    A digest gives each excerpt a headline, then a dash and the author's name; the name, not a word of the
    headline, speaks the quote.
    """
    if len(before) < 3 or before[-1].text != ":":
        return None
    dashes = [k for k, t in enumerate(before[:-1]) if t.text in _DASH_TOKENS and t.whitespace_ and k and before[k - 1].whitespace_]
    if not dashes:
        return None
    words = [t for t in before[dashes[-1] + 1 : -1] if not t.is_punct or t.text == "."]
    names = [t for t in words if t.pos_ == "PROPN"]
    if not names or len(words) > 8 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() or t.lower_ == "and" for t in words):
        return None
    return _noun_head(names[0]) if _noun_head(names[0]) in words else names[0]


def _from_dash_lead_in(context: TokenIndex, before: Sequence[Token], *, text: str, span: QuoteSpan) -> _Found | None:
    """Take the named subject of a clause that a dash sets before a quote ('Lee also backed the plan -- "Q"'), else None.

    Like a colon, a dash after a clause about a person hands the quote to that person.
    """
    if not before or last_char_before(text, span.outer_start)[-1:] not in _DASH_CHARACTERS:
        return None
    inside = {t.i for t in before}
    for top in (t for t in before if t.head.i not in inside or t.head.i == t.i):
        if top.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [_noun_head(c) for c in children(top) if c.dep_ in SUBJECT_DEPS and c.i in inside]
        if subjects and subjects[0].pos_ in ("PROPN", "PRON") and can_speak(subjects[0], strict=True):
            return _Found(None, subjects[0], "colon")
    return None


def _name_before_colon(before: Sequence[Token]) -> Token | None:
    """Return the person named at the end of a lead-in before its colon, else None.

    '... doesn't surprise pollster Ann Lee: "Q"' and 'Lee's response was: "Q"' (the last name among the last
    _COLON_NAME_REACH words). A name governed by a preposition other than "from" ('compared the plan with Lee's:
    "Q"') is not the speaker.
    """
    if len(before) < 2 or before[-1].text != ":":
        return None
    names = [t for t in before[-_COLON_NAME_REACH - 1 : -1] if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"]
    names = [t for t in names if not any(u.pos_ == "PROPN" for u in t.doc[t.i + 1 : entity_bounds(t)[1]])]  # its last name word
    if not names:
        return None
    name = names[-1]
    head = _noun_head(name)
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ != "from" or not can_speak(name, strict=True):
        return None
    return _noun_head(name)


def _name_label(before: Sequence[Token]) -> Token | None:
    """Return the name that is all of a lead-in before its colon ("Clinton: "Q"", "Sen. Ann Lee: "Q""), else None."""
    words = [t for t in before if not t.is_punct]
    if not words or len(words) > 4 or before[-1].text != ":" or before[0].is_punct:
        return None
    if not all(t.pos_ == "PROPN" or t.lower_ in HONORIFICS or t.lower_ in TITLE_WORDS for t in words):
        return None
    name = words[-1]
    return name if name.ent_type_ in ("PERSON", "ORG") and can_speak(name, strict=True) else None


def _from_according(tokens: Sequence[Token]) -> _Found | None:
    """Find 'according to X' among the tokens."""
    for token in tokens:
        if token.lower_ == "according":
            for to in children(token):
                objects = [child for child in children(to) if child.dep_ == "pobj"]
                if to.lower_ == "to" and objects:
                    cue = Cue(token.doc[token.i : to.i + 1].text, "according to", token.idx, to.idx + len(to))
                    return _Found(cue, objects[0], "according")
            following = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if following is not None and following.lower_ == "to" and following.i + 1 < len(token.doc):
                target = following.nbor(1)
                cue = Cue(token.doc[token.i : following.i + 1].text, "according to", token.idx, following.idx + len(following))
                return _Found(cue, _noun_head(target), "according")
    return None


def _from_dash(context: TokenIndex, span: QuoteSpan, *, paragraph: Paragraph) -> _Found | None:
    """Handle a trailing byline: '"Q" -X, title' or a line that holds only the speaker's name.

    A byline opening with a dash may also stand after one blank line ('"Q"\n\n- X.').
    """
    doc, text = context.doc, context.text
    line_end = context.line_end(span.outer_end)
    if line_end == span.outer_end:
        line_end = context.line_end(line_end + 1)
    blank = not text[span.outer_end : line_end].strip() and line_end < len(text)
    if blank:
        line_end = context.line_end(line_end + 1)
    first = _SPACES.match(text, span.outer_end, line_end).end()
    dashed = first < line_end and text[first] in _DASH_CHARACTERS
    if blank and not dashed:
        return None
    name_start = _SPACES_AND_DASHES.match(text, span.outer_end, line_end).end()
    name_end = line_end
    while name_end > name_start and text[name_end - 1].isspace():
        name_end -= 1
    if name_end == name_start or not (dashed or _is_name_line_at(text, name_start, name_end)):
        return None
    index = context.token_at(name_start)
    word = doc[index].text.lstrip(_DASH_CHARACTERS) if index < len(doc) else ""  # "-President" keeps its dash
    if not (word.isalpha() or word.startswith("@")):
        return None
    if not dashed and doc[index].ent_type_ != "PERSON" or blank and doc[index].pos_ != "PROPN":
        return None
    if not (word[0].isupper() or word.startswith("@")):
        return None
    return _Found(None, _noun_head(doc[index]), "dash")


def _is_name_line_at(text: str, start: int, end: int) -> bool:
    """Tell whether a stripped line starts with a name (two to five capitalised words before any comma) and ends unlike a sentence.

    Reads at most _NAME_CHARS characters: a longer line without a comma among them holds no name.
    """
    head = text[start : min(end, start + _NAME_CHARS)]
    name, comma, _ = head.partition(",")
    if not comma and end - start > _NAME_CHARS:
        return False
    words = name.split()
    return 2 <= len(words) <= 5 and all(word[0].isupper() for word in words) and text[end - 1] not in ".?!"


def _from_sentence(context: TokenIndex, inside: range, *, speech_only: bool = False) -> _Found | None:
    """Fall back to the highest, then closest, cue verb in the quote's sentence (within _SENTENCE_WINDOW tokens).

    The search stays on the quote's lines: a parse that runs the sentence on into the next paragraph lends it no cue.
    """
    doc = context.doc
    sentence = context.sentence(inside[0])
    first, last = doc[inside[0]], doc[inside[-1]]
    line_start = context.token_at(context.line_start(first.idx))
    line_end = context.token_at(context.line_end(last.idx + len(last)))
    start = max(sentence.start, inside[0] - _SENTENCE_WINDOW, line_start)
    end = min(sentence.end, inside[-1] + 1 + _SENTENCE_WINDOW, line_end)
    candidates = [
        t
        for t in (doc[i] for i in context.cue_verbs_between(start, end))
        if (not speech_only or REPORTING_VERBS[t.lemma_.lower()] == "speech") and subject_of(t, strict=True, issuers=True)
        and not _in_other_subordinate_clause(t, doc[inside[0]])
    ]
    if not candidates:
        return None
    closest = min(candidates, key=lambda t: (_depth(t), min(abs(t.i - inside[0]), abs(t.i - inside[-1]))))
    return _Found(cue_of(closest), subject_of(closest, strict=True, issuers=True), "sentence")


def _in_other_subordinate_clause(verb: Token, quoted: Token) -> bool:
    """Tell whether a cue sits in a "when"/"after"/"while" clause that does not hold the quote ("hours after X was charged")."""
    token = verb
    for _ in range(8):
        if _heads_subordinate_clause(token):
            return not token.is_ancestor(quoted)
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _from_governing_subject(context: TokenIndex, inside: range, *, paragraph: Paragraph) -> _Found | None:
    """Fall back to the subject of the clause that embeds a partial quote ("X likened them to a 'snake'").

    A subject "it" ("she said that it would be 'ugly'", "It has not helped that ...") is mostly the thing
    talked about: a speaking subject further up is taken first, and "it" only when there is none.
    """
    doc = context.doc
    token = doc[inside[0]]
    held: _Found | None = None
    for _ in range(8):
        if token.head.i == token.i or not paragraph.start <= token.head.idx < paragraph.end:
            return held
        token = token.head
        if context.quoted[token.i] or token.pos_ not in ("VERB", "AUX"):
            continue
        if _addressed(token):
            return held  # "X was told "Q"": X hears the words
        subjects = [child for child in children(token) if child.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = _noun_head(subjects[0])
            speaks = can_speak(subject, strict=True)
            if speaks and not context.quoted[subject.i]:
                if subject.lower_ != "it":
                    return _Found(None, subject, "subject")
                held = held or _Found(None, subject, "subject")
                continue
            if subject.lower_ in _RELATIVE_PRONOUNS and token.dep_ == "relcl":
                continue  # "X approved a budget which says the county 'Q'": the clause around the relative clause speaks
            if subject.pos_ in ("PRON", "PROPN") or subject.lower_ in _RELATIVE_PRONOUNS:
                return held  # a person or thing named as the subject who cannot speak here
    return held


def _tokens_after(context: TokenIndex, span: QuoteSpan, *, paragraph: Paragraph) -> list[Token]:
    """Return the unquoted tokens after the closing mark, up to the sentence end or next quote."""
    doc = context.doc
    tokens: list[Token] = []
    for i in context.token_range(span.outer_end, paragraph.end):
        if context.quoted[i] or "\n" in doc[i].text:
            break
        tokens.append(doc[i])
        if doc[i].text in _SENTENCE_END and len(tokens) > 1:
            break
    return tokens


def _tokens_before(context: TokenIndex, span: QuoteSpan, *, paragraph: Paragraph) -> list[Token]:
    """Return the unquoted tokens before the opening mark, back to the sentence start or last quote."""
    doc = context.doc
    tokens: list[Token] = []
    for i in reversed(context.token_range(paragraph.start, span.outer_start)):
        if context.quoted[i] or doc[i].text in _SENTENCE_END or "\n" in doc[i].text:
            break
        tokens.append(doc[i])
    tokens.reverse()
    return tokens


def _from_lead_in(
    context: TokenIndex, span: QuoteSpan, *, paragraphs: Sequence[Paragraph], text: str
) -> _Found | None:
    """For a quote that opens a paragraph or a sentence, take the speaker of the sentence just before it.

    "..., Smith said. \u201cQUOTE\u201d" and a paragraph ending "Smith made this comment:" both hand the
    quote to the sentence's speaker.
    """
    paragraph = paragraphs[span.paragraph]
    if span.outer_start == paragraph.start and span.paragraph > 0:
        paragraph = paragraphs[span.paragraph - 1]
        tokens = context.token_range(paragraph.start, paragraph.end)
    elif last_char_before(text, span.outer_start, start=paragraph.start) in _SENTENCE_END:
        tokens = context.token_range(paragraph.start, span.outer_start)
    else:
        return None
    if not tokens:
        return None
    sentence = context.sentence(tokens[-1])
    last_sentence = [context.doc[i] for i in range(max(tokens.start, sentence.start), tokens.stop) if not context.quoted[i]]
    found = _from_window(last_sentence, rule="lead-in", last=True)
    if found is None and last_char_before(text, span.outer_start) == ":" and last_sentence:
        found = _from_colon(context, last_sentence, text=text, span=span)
    if found is None and last_sentence and span.closed:
        found = _named_lead_in_subject(context, last_sentence)
    return found


def _named_lead_in_subject(context: TokenIndex, sentence: Sequence[Token]) -> _Found | None:
    """Return the speaker-like subject of the main clause of the sentence before a quote, else None.

    'Sen. Ann Lee defended the plan on Sunday. "Q."': with no reporting verb, the person the sentence
    is about introduces the quote; a common noun ("The council met. \"Q.\"") does not.
    """
    root = context.sentence_root(sentence[-1].i)
    if root.pos_ not in ("VERB", "AUX") or root not in sentence:
        return None
    subject = next((_noun_head(c) for c in children(root) if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("PROPN", "PRON") or context.quoted[subject.i]:
        return None
    if not can_speak(subject, strict=True):
        return None
    return _Found(None, subject, "lead-in")


def _continues(previous: Attribution, span: QuoteSpan, *, paragraphs: Sequence[Paragraph], text: str) -> bool:
    """Tell whether an unattributed quote continues the previous quote's speaker."""
    gap = span.paragraph - previous.span.paragraph
    if gap == 0:
        return True
    if gap != 1:
        return False
    paragraph = paragraphs[span.paragraph]
    return span.outer_start == paragraph.start or not previous.span.closed


def _share_across_runs(results: list[Attribution]) -> list[Attribution]:
    """Give every paragraph of a newswire multi-paragraph quote the speaker found for any of them."""
    shared = list(results)
    run: list[int] = []
    for index, attribution in enumerate(results):
        run.append(index)
        if attribution.span.closed:
            speakers = [results[i] for i in run if results[i].mention is not None and results[i].rule != "continuation"]
            if len(run) > 1 and speakers:
                source = speakers[-1]
                for i in run:
                    if results[i].mention is None or results[i].rule == "continuation":
                        shared[i] = Attribution(
                            results[i].span, results[i].kind, source.mention, None, CONFIDENCE["continuation"], "continuation"
                        )
            run = []
    return shared


def subject_of(verb: Token, *, strict: bool = False, shares: bool = False, issuers: bool = False) -> Token | None:
    """Return the grammatical subject of a cue verb, climbing through conjoined and embedded verbs.

    With ``shares``, a share of people ("most said", "21 percent said", "another wrote") speaks too. With
    ``issuers``, a noun a participle cue hangs on speaks only when it can say words (not "language calling for").
    """
    token = verb
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):
        sender = _sender_of(verb.head) if issuers else None
        if sender is not None:
            return sender  # "The senator emailed supporters saying ..."
        return verb.head if not issuers or _can_issue(verb.head) else None  # "a statement calling ..."
    for _ in range(4):
        subjects = [c for c in children(token) if c.dep_ in SUBJECT_DEPS and any(ch.isalnum() for ch in c.text)]
        if subjects:
            heads = [_noun_head(c) for c in subjects]
            subject = min(heads, key=lambda h: (not can_speak(h, strict=True), abs(h.i - verb.i)))
            return subject if can_speak(subject, strict=strict) or shares and is_share(subject) else None
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "ccomp" and token is not verb:
            return None
        token = token.head
    return None


def _sender_of(addressee: Token) -> Token | None:
    """Return who addressed a common noun a participle cue hangs on ("X emailed supporters saying ..."), else None.

    The object of a reporting verb receives the words; the verb's subject, when it can speak, says them.
    """
    verb = addressee.head
    if addressee.pos_ != "NOUN" or addressee.dep_ not in ("dobj", "dative") or addressee.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    if not _is_cue_verb(verb):
        return None
    subject = next((_noun_head(c) for c in children(verb) if c.dep_ == "nsubj"), None)
    return subject if subject is not None and can_speak(subject, strict=True) else None


def _can_issue(noun: Token) -> bool:
    """Tell whether a noun a participle cue hangs on can say its words: a name, a speaker noun or a document."""
    return noun.pos_ == "PROPN" or noun.lemma_.lower() in DOCUMENT_NOUNS or can_speak(noun, strict=True)


def is_share(token: Token, *, subject: bool = True) -> bool:
    """Tell whether a token names a share of people: a quantifier ("most", "another"), a number or a percentage.

    A quantifier counts only as a subject ("a third said", "a number of voters say"); with ``subject``
    (the default) so do numbers and percentages, and without it any number or percentage does.
    """
    if token.lower_ in SHARE_SUBJECTS and token.dep_ in _SHARE_DEPS:
        return True
    if subject and token.dep_ not in _SHARE_DEPS or token.ent_type_ in ("DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"):
        return False
    return token.pos_ == "NUM" or token.ent_type_ in ("PERCENT", "CARDINAL") or token.lemma_.lower() in ("percent", "%")


def _reporter_above_participle(verb: Token) -> Token | None:
    """Return the reporting verb whose report a trailing participle cue continues, else None.

    In 'X wrote that the agents knew it, saying, "Q"' the parser hangs "saying" on "knew", inside
    what X wrote; the one saying is X, the subject of the reporting verb above.
    """
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    host = verb.head
    reporter = host.head
    if host.dep_ != "ccomp" or host.i > verb.i or reporter.i > host.i or not _is_cue_verb(reporter):
        return None
    return reporter


def cue_of(verb: Token) -> Cue:
    """Return the cue span: the verb with its auxiliaries, or 'was quoted as saying'."""
    doc = verb.doc
    head = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_.lower() == "quote":
        head = verb.head.head
    parts = [head, verb, *(child for child in children(head) if child.dep_ in _CUE_PARTS and child.i < head.i)]
    if head.lemma_.lower() == "quote":
        parts.extend(grand for child in children(head) if child.lower_ == "as" for grand in children(child) if grand.dep_ == "pcomp")
    start = min(token.i for token in parts)
    end = max(token.i for token in parts)
    first, last = doc[start], doc[end]
    lemma = head.lemma_.lower()
    cue_type = POSITION_VERBS.get(lemma, "speech")
    return Cue(doc[start : end + 1].text, lemma, first.idx, last.idx + len(last), cue_type)  # type: ignore[arg-type]


def can_speak(token: Token, *, strict: bool = False) -> bool:
    """Tell whether a subject can be a speaker: a name, a noun or a personal or relative pronoun.

    With ``strict``, a common noun must be one that names people, organisations or documents.
    """
    if token.pos_ == "PRON" or token.lower_ in _RELATIVE_PRONOUNS:
        if token.lower_ in _RELATIVE_PRONOUNS:
            antecedent = antecedent_of(token)
            return antecedent is not None and can_speak(antecedent, strict=True)
        return token.lower_ in PRONOUNS
    if token.is_stop:
        return False
    if _names_an_age(token):
        return True  # '"Q," said the 46-year-old'
    if token.ent_type_ in ("PERSON", "ORG") and token.dep_ in SUBJECT_DEPS:
        return True  # a name the tagger mistook for a verb ("Trump openly admires ...")
    if token.pos_ == "PROPN":
        return token.ent_type_ not in _NOT_SPEAKERS
    if token.pos_ != "NOUN" or token.ent_type_ in _NOT_SPEAKERS:
        return False
    return not strict or token.ent_type_ in SPEAKER_ENTITY_LABELS or token.lemma_.lower() in SPEAKER_NOUNS


def antecedent_of(pronoun: Token) -> Token | None:
    """Return the noun a relative pronoun stands for, else None.

    That is the noun its relative clause hangs on, or, where the parser hung the clause on the verb
    instead ("they turned to the police department which reported ..." as an adverbial clause), the
    noun right before a "who" or "which" that is the clause's subject.
    """
    clause = pronoun.head
    if clause.dep_ == "relcl" and clause.head.i != pronoun.i:
        return clause.head
    if pronoun.lower_ not in _MISATTACHED_RELATIVES or pronoun.dep_ not in SUBJECT_DEPS or pronoun.i == 0:
        return None
    if clause.dep_ in _QUESTION_DEPS:
        return None  # "asked the mayor who said ...": a complement clause is an embedded question
    before = pronoun.doc[pronoun.i - 1]
    return before if before.pos_ in ("NOUN", "PROPN") and clause.i > pronoun.i else None


def _names_an_age(token: Token) -> bool:
    """Tell whether a subject is a person named by an age ("the 46-year-old", parsed as "old" over "year")."""
    return token.lower_ == "old" and token.dep_ in SUBJECT_DEPS and any(c.lower_ in ("year", "years") for c in children(token))


def _name_opening_clause(verb: Token, context: TokenIndex) -> Token | None:
    """Return the name that opens a finite cue's line when the parse gave the cue no subject.

    "Trump, in Kentucky, said that ..." after a heading without a full stop is parsed with "Trump" in
    the line before; the name before the cue, past commas and prepositional phrases, still speaks. A phrase
    set off by commas and opening with a preposition ("Lee, in an effort to draw notice to the fees, wrote")
    is passed over whole, and a name that opens its line speaks whatever the parse made of it.
    """
    while verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "xcomp") and not _has_own_subject(verb, times=False):
        verb = verb.head  # "X has delivered a defense, saying ...": the participle's clause is the finite verb's
    line = context.line_start(verb.idx)
    subjects = [c for c in children(verb) if c.dep_ in SUBJECT_DEPS and c.ent_type_ not in ("DATE", "TIME")]
    if not _is_finite(verb) or any(context.line_start(c.idx) == line for c in subjects):
        return None  # a subject the parse took from another line (a headline's) is no subject of this one
    doc = verb.doc
    found: Token | None = None
    i, steps = verb.i - 1, 0
    while i >= 0 and steps < _NAME_REACH - 1:
        token = doc[i]
        if token.head.i == verb.i and token.dep_ in _CUE_PARTS:
            i, steps = i - 1, steps + 1
            continue  # "X has delivered": the verb's own auxiliary
        if "\n" in token.text or token.text in _SENTENCE_END or context.quoted[i] or token.pos_ in ("VERB", "AUX"):
            break
        if token.text == "," and found is None and (opening := _inserted_phrase_start(doc, i, context)) is not None:
            i, steps = opening - 1, steps + 1
            continue
        head = _noun_head(token)
        if token.pos_ == head.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG"):
            if head.dep_ in _LOST_SUBJECT_DEPS or _opens_line(head):
                found = head
        i, steps = i - 1, steps + 1
    if found is None or not can_speak(found, strict=True):
        return None
    return found


def _is_finite(verb: Token) -> bool:
    """Tell whether a verb is finite by its own tag or a finite auxiliary ("said", "has delivered", "will say")."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in children(verb))


def _inserted_phrase_start(doc: Doc, comma: int, context: TokenIndex) -> int | None:
    """Return the index of the comma opening a phrase that ends at ``comma`` and opens with a preposition, else None."""
    for i in range(comma - 1, max(-1, comma - 3 * _NAME_REACH), -1):
        token = doc[i]
        if "\n" in token.text or token.text in _SENTENCE_END or context.quoted[i]:
            return None
        if token.text == ",":
            return i if i + 1 < comma and doc[i + 1].pos_ == "ADP" and i + 2 < comma else None
    return None


def _opens_line(token: Token) -> bool:
    """Tell whether a token's phrase is the first thing on its line ("Post columnist Ann Lee, ..." after a break)."""
    start = token.left_edge.i
    return start == 0 or "\n" in token.doc[start - 1].text


def _controller(verb: Token) -> Token | None:
    """Return the object that does what an infinitive cue says ("prompted Rubio to ... call him "Q"").

    The object of "prompt", "urge" or "ask", not their subject, is the one who speaks through the
    infinitive below them.
    """
    if verb.dep_ not in ("xcomp", "conj") or _has_own_subject(verb):
        return None
    head = verb.head
    if verb.dep_ == "conj":  # "to make a joke and call him ..." shares the infinitive's controller
        if head.dep_ != "xcomp" or _has_own_subject(head):
            return None
        head = head.head
    objects = [c for c in children(head) if c.dep_ == "dobj" and c.i < verb.i]
    if not objects:
        return None
    speaker = _noun_head(objects[0])
    return speaker if speaker.pos_ in ("PROPN", "PRON") and can_speak(speaker, strict=True) else None


def _unquoted_subject(verb: Token, *, quoted: Sequence[bool]) -> Token | None:
    """Return the verb's closest subject outside quotation marks that can speak, else None.

    A parse that runs a quote's last sentence into the cue after it ('... Never, Hillary." Another
    reader said, "Q"') gives the cue two subjects; the quoted one cannot be the speaker.
    """
    heads = [_noun_head(c) for c in children(verb) if c.dep_ in SUBJECT_DEPS]
    heads += [_noun_head(c) for h in heads if quoted[h.i] for c in children(h) if c.dep_ in ("conj", "appos")]  # '"Q, Madam Mayor," Tom Kent told her'
    subjects = [head for head in heads if not quoted[head.i] and can_speak(head)]
    return min(subjects, key=lambda s: abs(s.i - verb.i), default=None)


def _has_own_subject(verb: Token, *, times: bool = True) -> bool:
    """Tell whether a verb has a subject of its own among its children (not one shared with a verb above).

    Without ``times``, a date or time parsed as the subject ("Saturday at the convention Sen. Ann Lee
    said ...") does not count.
    """
    return any(c.dep_ in SUBJECT_DEPS and (times or c.ent_type_ not in ("DATE", "TIME")) for c in children(verb))


def _depth(token: Token) -> int:
    """Return the number of arcs from a token up to its sentence root."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _noun_head(token: Token) -> Token:
    """Return the head of the noun phrase a token belongs to (compound chains climb)."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def _is_cue_verb(token: Token) -> bool:
    """Tell whether a token is a reporting verb."""
    lemma = token.lemma_.lower()
    if lemma in COMPARING_VERBS and token.i + 1 < len(token.doc) and token.nbor(1).lower_ in _COMPARED_WITH:
        return False  # "31 percent said ..., compared with 23 percent": no object, a preposition
    return token.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS


