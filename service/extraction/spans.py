"""Stage 1: find the stretches of text between quotation marks, paragraph by paragraph.

The scan never raises and never lets a stray mark cost more than its own paragraph:
quote state is reset at every paragraph break, and an opening mark met while a quote
is already open restarts the quote there.  A quote whose closing mark is missing still
counts: the words from its opening mark up to the mark that restarts it, or up to the
end of its paragraph, are its content.  A quote left open at a paragraph end or at a
line start where a new quote opens follows the newswire convention (the same speaker
goes on), and is marked ``closed=False``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from .lexicon import (
    ELISIONS,
    NAME_MINOR_WORDS,
    NAMING_WORDS,
    QUOTE_CLOSING_WORDS,
    REPORTING_VERBS,
    WORK_NOUNS,
    lemma_of_form,
)
from .types import QuoteSpan

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_BLANK_LINES = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_LINE_BREAKS = re.compile(r"\n+")
_WORD = re.compile(r"[^\W_][\w'’.\-/]*")
_NAMING_REACH = 30  # characters before an opening mark searched for the word that names the quote
_POSSESSIVE = re.compile(r"['’]s?$")
_EXCLAIMED = re.compile(r"[!?]")  # "USA! USA!", "Mr. Reed?": an exclamation or a question is something said
_LAST_WORD = re.compile(r"([^\W_][\w'’\-]*)[\s,:]*$")
#: After a comma-closed quote, its speaker and reporting verb: 'she said', 'Dean Lee said', 'said Lee'.
_CUE_AFTER = re.compile(r"((?:[ \u00a0]+[\w.’'\-]+){1,4})")
#: Before a quote, a sentence closed by its reporting verb: '..., the mayor added.'
_CUE_BEFORE = re.compile(r"([^\W_][\w'’\-]*)\.$")
_SPEAKING_PRONOUNS = frozenset({"he", "she", "i", "we", "they"})
_SENTENCE_OPENERS = frozenset(".!?\n\"”")  # the character before a quote's opening mark that starts a sentence

# Opening mark -> the closing marks that end it.  A straight mark may close a curly
# quote and the other way round: writers and CMSs mix them.
_CLOSERS: dict[str, tuple[str, ...]] = {
    "“": ("”", '"', "“"),
    '"': ('"', "”"),
    "«": ("»",),
    "„": ("“", "”"),
    "''": ("''", "”"),
    "‟": ("”",),
}
# Marks that may open a nested quote inside an outer quote of another style.
_NESTED: dict[str, tuple[str, str]] = {'"': ("“", "”"), "“": ('"', '"'), "''": ("“", "”")}
_MARK = re.compile(r"''|[\"“”«»„‟]")
_OPENING_CONTEXT = frozenset(" \t\n([{—–-/:;,\u00a0\u2009")
_SENTENCE_END = frozenset(".!?")
_SPACES = " \t\u00a0"
_SPACED_WORDS = re.compile(r"[ \u00a0]+(?:[^\W_]|…)")  # the spaces a sloppy opening mark has after it, then a word
_MARKUP = frozenset("<>")  # a mark right before an angle bracket ends an HTML attribute ('date="May 9">'), it opens nothing
_CLOSING_CONTEXT = frozenset(" \t\n)]}.,;:!?—–-\u00a0\u2009'’")
_SINGLE_MARK = re.compile(r"['‘’]")
_SINGLE_OPENING_CONTEXT = _OPENING_CONTEXT | frozenset('\n“"')
_ELIDED = re.compile(r"(\d{2}s?|[a-z]+)(?![\w'’])", re.IGNORECASE)  # "'90s", "'08", "'em": what follows an apostrophe
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W_]+)")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the article: its index and character range."""

    index: int
    start: int
    end: int


def paragraph_separator(text: str) -> re.Pattern[str]:
    """Return what separates the paragraphs of ``text``: blank lines, or line breaks when it has no blank line."""
    return _BLANK_LINES if _BLANK_LINE.search(text) else _LINE_BREAKS


def split_paragraphs(text: str) -> list[Paragraph]:
    """Split on blank lines, or on line breaks when the text has no blank line."""
    separator = paragraph_separator(text)
    paragraphs: list[Paragraph] = []
    position = 0
    for match in (*separator.finditer(text), None):
        end = match.start() if match else len(text)
        chunk = text[position:end]
        start = position + len(chunk) - len(chunk.lstrip())
        stop = position + len(chunk.rstrip())
        if stop > start:
            paragraphs.append(Paragraph(len(paragraphs), start, stop))
        position = match.end() if match else len(text)
    return paragraphs


def paragraph_at(paragraphs: Sequence[Paragraph], position: int) -> Paragraph | None:
    """Return the paragraph that holds character ``position``, or None (a binary search)."""
    index = bisect.bisect_right(paragraphs, position, key=lambda paragraph: paragraph.start) - 1
    if index >= 0 and position < paragraphs[index].end:
        return paragraphs[index]
    return None


def find_quote_spans(text: str, *, paragraphs: Sequence[Paragraph] | None = None) -> list[QuoteSpan]:
    """Return every quotation-mark span of ``text`` that is speech rather than a name.

    An article quotes either in double marks (single ones then nest inside them, the American
    style) or in single marks (double ones nest, the British style): whichever style has more
    quotes outside the other's is the article's, and the other style's marks count only outside.
    """
    paragraphs = split_paragraphs(text) if paragraphs is None else paragraphs
    doubles = _speech_spans(text, paragraphs, scan=_scan_paragraph, opens=_opens_with_mark)
    if not _SINGLE_MARK.search(text):
        return doubles
    singles = _speech_spans(text, paragraphs, scan=_scan_single_paragraph, opens=_opens_with_single_mark)
    outer_singles = _apart(singles, doubles, nested_only=True)
    outer_doubles = _apart(doubles, singles, nested_only=True)
    if len(outer_singles) <= len(outer_doubles):
        return doubles
    return sorted(outer_singles + _apart(doubles, outer_singles), key=lambda span: span.start)


def _speech_spans(
    text: str,
    paragraphs: Sequence[Paragraph],
    *,
    scan: Callable[..., Iterator[QuoteSpan]],
    opens: Callable[[str, int], bool],
) -> list[QuoteSpan]:
    """Scan each paragraph with ``scan`` and keep the trimmed spans that are speech."""
    spans: list[QuoteSpan] = []
    for number, paragraph in enumerate(paragraphs):
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        continues = following is not None and opens(text, following.start)
        for span in (_trim(s, text) for s in scan(text, paragraph, continues=continues)):
            if span.end > span.start and _is_speech(text, span):
                spans.append(span)
    return spans


def _apart(spans: Sequence[QuoteSpan], others: Sequence[QuoteSpan], *, nested_only: bool = False) -> list[QuoteSpan]:
    """Return the spans whose marks overlap none of ``others``' marks, or with ``nested_only`` lie inside none of them.

    ``others`` are sorted and disjoint, so only the one starting last before a span's end (or start) can hold it.
    """
    starts = [other.outer_start for other in others]
    kept = []
    for span in spans:
        if nested_only:
            index = bisect.bisect_right(starts, span.outer_start) - 1
            apart = index < 0 or others[index].outer_end < span.outer_end
        else:
            index = bisect.bisect_left(starts, span.outer_end) - 1
            apart = index < 0 or others[index].outer_end <= span.outer_start
        if apart:
            kept.append(span)
    return kept


def _is_speech(text: str, span: QuoteSpan) -> bool:
    """Tell whether a quote's content is something said rather than a name or a title."""
    content = text[span.start : span.end]
    if is_name_like(content):
        return (
            _follows_naming_word(text, span)
            or _follows_colon(text, span)
            or _opens_a_reported_sentence(text, span)
            or _follows_a_reported_sentence(text, span)
        )
    one_title_word = len(_WORD.findall(content)) == 1 and (content[0].isupper() or content[0].isdigit())  # "Weiner.", "13th,"
    return not (one_title_word and _follows_work_noun(text, span))


def _trim(span: QuoteSpan, text: str) -> QuoteSpan:
    """Drop white space just inside the marks ("« Nous gagnerons »")."""
    content = text[span.start : span.end]
    start = span.start + len(content) - len(content.lstrip())
    end = max(start, span.end - (len(content) - len(content.rstrip())))
    return replace(span, start=start, end=end)


def is_name_like(content: str) -> bool:
    """Tell whether quoted content reads as a name or title rather than speech.

    The rule: every word is capitalised (or a digit, or a minor word such as "of").
    A single capitalised word with sentence punctuation inside the marks ("Absolutely,")
    is speech.
    """
    words = _WORD.findall(content)
    if not words:
        return True
    if len(words) == 1 and content.rstrip()[-1:] in (".", "!", "?", ",", "…"):
        return False
    if _EXCLAIMED.search(content):
        return False
    return all(word[0].isupper() or word[0].isdigit() or word.lower() in NAME_MINOR_WORDS for word in words)


def _follows_naming_word(text: str, span: QuoteSpan) -> bool:
    """Tell whether the word right before a quote's opening mark names what follows ('known as "Little Marco"')."""
    before = _LAST_WORD.search(text, max(0, span.outer_start - _NAMING_REACH), span.outer_start)
    return before is not None and before.group(1).lower() in NAMING_WORDS


def _opens_a_reported_sentence(text: str, span: QuoteSpan) -> bool:
    """Tell whether a comma-closed quote that opens a sentence is followed by its cue ('"As Mayor," she said').

    A title or a show named mid-sentence ('on "This Week," Lee said') does not open one.
    """
    if not text[span.start : span.end].rstrip().endswith(","):
        return False
    before = _text_before_mark(text, span)
    if before and before[-1] not in _SENTENCE_OPENERS:
        return False
    found = _CUE_AFTER.match(text, span.outer_end)
    words = [word.strip(".’'") for word in found.group(1).split()] if found else []
    for number, word in enumerate(words):
        if _is_reporting_form(word):
            return all(w[:1].isupper() or w.lower() in _SPEAKING_PRONOUNS for w in words[:number])
    return False


def _follows_a_reported_sentence(text: str, span: QuoteSpan) -> bool:
    """Tell whether a quote that is a sentence of its own follows a sentence its cue closes ('..., the mayor added. "We Won."')."""
    if not text[span.start : span.end].rstrip().endswith("."):
        return False
    found = _CUE_BEFORE.search(_text_before_mark(text, span))
    return found is not None and _is_reporting_form(found.group(1))


def _is_reporting_form(word: str) -> bool:
    """Tell whether ``word`` is an inflected reporting verb ("said", "replied", "notes"), not a bare lemma."""
    return word.lower() not in REPORTING_VERBS and lemma_of_form(word, known=REPORTING_VERBS) in REPORTING_VERBS


def _follows_colon(text: str, span: QuoteSpan) -> bool:
    """Tell whether a colon right before a quote's opening mark announces its words ('one message: "Dump Them."')."""
    return _text_before_mark(text, span).endswith(":")


def _text_before_mark(text: str, span: QuoteSpan) -> str:
    """Return the _NAMING_REACH characters before a quote's opening mark, without the spaces next to it."""
    return text[max(0, span.outer_start - _NAMING_REACH) : span.outer_start].rstrip(_SPACES)


def _follows_work_noun(text: str, span: QuoteSpan) -> bool:
    """Tell whether the word right before a quote's opening mark is a creative work ('the film "Trainwreck."')."""
    before = _LAST_WORD.search(text, max(0, span.outer_start - _NAMING_REACH), span.outer_start)
    return before is not None and _POSSESSIVE.sub("", before.group(1).lower()) in WORK_NOUNS


def _opens_with_mark(text: str, position: int) -> bool:
    """Tell whether a paragraph starts with an opening quotation mark."""
    return text.startswith(("“", '"', "«", "„", "''", "‟"), position)


def _scan_paragraph(text: str, paragraph: Paragraph, *, continues: bool) -> Iterator[QuoteSpan]:
    """Yield the quote spans of one paragraph with a small state machine."""
    opener: str | None = None
    opened_at = 0
    nested_open = False
    marks = list(_MARK.finditer(text, paragraph.start, paragraph.end))
    balance = _closing_balance([match.group() for match in marks])
    for number, match in enumerate(marks):
        mark, position = match.group(), match.start()
        before = text[position - 1] if position > paragraph.start else "\n"
        after = text[match.end()] if match.end() < paragraph.end else "\n"
        if opener is None:
            if _can_open(mark, before, after) or _opens_glued(mark, before, after) or _opens_before_a_space(text, match, end=paragraph.end):
                opener, opened_at, nested_open = _normalise_opener(mark), position, False
            continue
        nested = _NESTED.get(opener)
        if nested and nested_open and mark in (nested[1], '"') and mark != opener:
            nested_open = False
            continue
        if nested and not nested_open and mark == nested[0] and _can_open(mark, before, after) and before != "\n":
            nested_open = True
            continue
        if mark == opener == "“" and _can_open(mark, before, after) and balance[number] >= 2:
            nested_open = True
            opener = "““"
            continue
        if opener == "““":
            if mark in ("”", '"'):
                opener = "“"
            continue
        if mark in _CLOSERS[opener] and _can_close(mark, before, after):
            yield QuoteSpan(
                start=opened_at + len(opener),
                end=position,
                outer_start=opened_at,
                outer_end=match.end(),
                paragraph=paragraph.index,
            )
            opener = None
        elif _can_open(mark, before, after) and before in _OPENING_CONTEXT:
            yield _left_open(opener, opened_at, position, paragraph=paragraph, continues=before == "\n")
            opener, opened_at, nested_open = _normalise_opener(mark), position, False
    if opener is not None:
        yield _left_open(opener, opened_at, paragraph.end, paragraph=paragraph, continues=continues)


def _scan_single_paragraph(text: str, paragraph: Paragraph, *, continues: bool) -> Iterator[QuoteSpan]:
    """Yield the single-quoted spans of one paragraph ('‘We will win,’ she said').

    A single mark is also the apostrophe, so a mark opens only before a word that is not elided
    ("'em", "'90s"), never as ’ (the apostrophe's own character: "’Bama"), and closes only before
    a non-letter; "s' " before a noun ends a plural possessive ("the voters' choice") unless no other
    mark closes the quote. A quote left open counts only when it opens its paragraph and the next
    one opens with a mark too.
    """
    opened_at: int | None = None
    possessive: int | None = None
    previous = paragraph.start
    for match in _SINGLE_MARK.finditer(text, paragraph.start, paragraph.end):
        position, elided = match.start(), text[previous + 1 : match.start()].lower() in ELISIONS
        previous = position
        before = text[position - 1] if position > paragraph.start else "\n"
        after = text[position + 1] if position + 1 < paragraph.end else "\n"
        if opened_at is None:
            opens = match.group() != "’" and before in _SINGLE_OPENING_CONTEXT
            if opens and _opens_a_word(text, position + 1, end=paragraph.end):
                opened_at, possessive = position, None
            continue
        if before.isspace() or after.isalnum() or position == opened_at + 1 or elided:
            continue
        if before in "sS" and _precedes_a_possessed_noun(text, position + 1, end=paragraph.end):
            possessive = position if possessive is None else possessive
            continue
        yield _closed_single(opened_at, position, paragraph=paragraph)
        opened_at = None
    if opened_at is not None and possessive is not None:
        yield _closed_single(opened_at, possessive, paragraph=paragraph)
    elif opened_at == paragraph.start and continues:
        yield _left_open(text[opened_at], opened_at, paragraph.end, paragraph=paragraph, continues=True)


def _closed_single(opened_at: int, closed_at: int, *, paragraph: Paragraph) -> QuoteSpan:
    """Return the span between a single opening mark and its closing mark."""
    return QuoteSpan(start=opened_at + 1, end=closed_at, outer_start=opened_at, outer_end=closed_at + 1, paragraph=paragraph.index)


def _opens_a_word(text: str, position: int, *, end: int) -> bool:
    """Tell whether the text at ``position`` starts quoted words, not an elided word ("'em") or year ("'90s")."""
    if position >= end or not (text[position].isalnum() or text[position] in "…¿¡“\""):
        return False
    elided = _ELIDED.match(text, position, end)
    return elided is None or not (elided.group(1)[0].isdigit() or elided.group(1).lower() in ELISIONS)


def _precedes_a_possessed_noun(text: str, position: int, *, end: int) -> bool:
    """Tell whether "s'" followed by the text at ``position`` reads as a plural possessive ("voters' choice")."""
    word = _NEXT_WORD.match(text, position, end)
    return word is not None and word.group(1).lower() not in QUOTE_CLOSING_WORDS


def _opens_with_single_mark(text: str, position: int) -> bool:
    """Tell whether a paragraph starts with a single opening mark."""
    return text.startswith(("‘", "'"), position)


def _left_open(opener: str, opened_at: int, end: int, *, paragraph: Paragraph, continues: bool) -> QuoteSpan:
    """Return a quote whose closing mark is missing: its words run up to ``end``.

    ``continues`` (the next paragraph or line opens with a mark, the newswire convention) marks it
    ``closed=False``, so that it shares its speaker with the quote that goes on.
    """
    return QuoteSpan(
        start=opened_at + len(opener),
        end=end,
        outer_start=opened_at,
        outer_end=end,
        paragraph=paragraph.index,
        closed=not continues,
    )


def _opens_glued(mark: str, before: str, after: str) -> bool:
    """Tell whether a straight mark glued to the word or full stop before it opens a quote ('the police."We left."').

    Only asked when no quote is open, so a glued closing mark ('"Q,"Lee said') is read as closing first.
    """
    return mark == '"' and (before.isalpha() or before in _SENTENCE_END) and after.isalpha()


def _opens_before_a_space(text: str, match: re.Match[str], *, end: int) -> bool:
    """Tell whether a left curly mark set off by a space opens a quote ('she said, “ we will win.”').

    The mark must follow a space or an opening context and come before a word or an ellipsis.
    """
    before = text[match.start() - 1] if match.start() > 0 else "\n"
    return (
        match.group() == "“"
        and before in _OPENING_CONTEXT
        and _SPACED_WORDS.match(text, match.end(), end) is not None
    )


def _closing_balance(marks: Sequence[str]) -> list[int]:
    """Return, for each mark, the closing marks after it minus the opening curly marks after it.

    A balance of two or more means that a nested curly quote and its outer quote both close later.
    """
    balance = [0] * len(marks)
    running = 0
    for number in range(len(marks) - 1, -1, -1):
        balance[number] = running
        running += {"”": 1, '"': 1, "“": -1}.get(marks[number], 0)
    return balance


def _normalise_opener(mark: str) -> str:
    """Map a mark used as an opener to its key in the closers table."""
    return "“" if mark == "”" else mark


def _can_open(mark: str, before: str, after: str) -> bool:
    """Tell whether a mark can open a quote given its neighbouring characters."""
    if mark == "»" or after in _MARKUP:
        return False
    if after.isspace():
        return mark == "«" or (before == "\n" and mark in ('"', "”"))
    if mark in ('"', "''", "”"):
        return before in _OPENING_CONTEXT or before in "\n“‘"
    return True


def _can_close(mark: str, before: str, after: str) -> bool:
    """Tell whether a mark can close a quote given its neighbouring characters."""
    if mark in ('"', "''"):
        return not before.isspace() or after in _CLOSING_CONTEXT or after == "\n"
    if mark == "“":
        return not before.isspace() and (after in _CLOSING_CONTEXT or after == "\n")
    return True
