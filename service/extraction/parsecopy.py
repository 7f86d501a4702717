"""Tokenize any text in time linear in its length, into a Doc whose offsets are the text's own.

spaCy's tokenizer is quadratic on long runs without white space (20,000 quotation marks in a row
take about 40 s), and the tagger, parser and recogniser cost per token, so a text made of punctuation costs
several times an article of its length.  ``make_doc`` tokenizes a same-length *parse copy* instead.
The parse reads the text with

* lone surrogates (JSON may carry them) as U+FFFD, which spaCy can encode;
* invisible characters (controls, zero-width and direction marks, not soft hyphens) as spaces,
  unless they sit inside a word, so that they neither join a name nor split one;

and the copy handed to the tokenizer further blanks what must become tokens of their own:

* a long stretch of non-word characters (quotation marks with or without spaces between them,
  brackets, dashes, emoji) keeps its first and last character, and the rest becomes tokens of
  MAX_RUN characters;
* a run without white space longer than MAX_RUN characters gets a one-character token every
  MAX_RUN characters;
* a quotation mark glued to a word on its one side and to a word or a comma, colon or stop on its
  other (``said,"We``, ``Kent:"I``, ``hard,"Ann``) is a token of its own, which spaCy's tokenizer
  leaves inside one token (``said,"We``), out of reach of every rule that reads the quote's cue;

then, while the text has more tokens than an article of its length (TOKENS_PER_CHAR per character
plus SLACK_TOKENS), neighbouring tokens of its densest stretches are merged.  The Doc is rebuilt
from the read characters at the same offsets: ``doc.text == readable(text)``, as long as ``text``.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

#: A stretch of non-word characters with at least this many non-space characters becomes one token.
FILLER_STRETCH = 8
#: Longest run without white space handed to spaCy's tokenizer in one piece, and longest token made
#: here (spaCy's like_url check is quadratic in the token's length).
MAX_RUN = 64
#: Tokens per character of a typical news article, and the tokens allowed on top of that.
TOKENS_PER_CHAR = 0.22
SLACK_TOKENS = 1000  # real news (PolNeAR, 924 articles) exceeds TOKENS_PER_CHAR by at most 68 tokens
#: Tokens per window when looking for the densest stretches to merge.
WINDOW_TOKENS = 64
#: Invisible characters the parse keeps as they are: the soft hyphen is a hyphenation hint within a word,
#: even where an editor left it at the word's start.
KEPT_INVISIBLE = "\u00ad"


def _invisible_class() -> str:
    """Return a regex class of what prints nothing: Unicode Cc and Cf, less white space and KEPT_INVISIBLE."""
    codes = [
        code
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf")
        and not chr(code).isspace()
        and chr(code) not in KEPT_INVISIBLE
    ]
    return "[" + "".join(f"\\U{code:08x}" for code in codes) + "]"


_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE_RUN = re.compile(_invisible_class() + "+")
_NON_WORD = re.compile(r"[\W_]{%d,}" % FILLER_STRETCH)
_NOT_SPACE = re.compile(r"\S")
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_GLUED_QUOTE = re.compile(r"(?:(?<=[,:;.!?])|(?<=[^\W_]))[\"\u201c\u201d](?=[^\W_])")

Bounds = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ParseCopy:
    """What the parse reads, the copy of it handed to spaCy's tokenizer, and the ranges made one token each."""

    reads: str
    text: str
    forced: tuple[Bounds, ...] = ()


def readable(text: str) -> str:
    """Return ``text`` as the parse reads it: lone surrogates as U+FFFD, invisible runs outside words as spaces."""
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    pieces: list[str] = []
    position = 0
    for match in _INVISIBLE_RUN.finditer(text):
        start, end = match.span()
        if start > 0 and end < len(text) and _word_character(text[start - 1]) and _word_character(text[end]):
            continue  # a joiner or mark inside a word stays in it
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _word_character(char: str) -> bool:
    """Tell whether a character belongs to a word: a letter, a digit or a combining mark."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def parse_copy(text: str) -> ParseCopy:
    """Return what the parse reads and the same-length copy to tokenize, with the ranges forced to one token blanked."""
    reads = readable(text)
    forced = _with_glued_quotes(_filler_stretches(reads), text=reads)
    blanked = _blank(reads, forced)
    breaks = [
        (position, position + 1)
        for match in _LONG_RUN.finditer(blanked)
        for position in range(match.start() + MAX_RUN, match.end() - 1, MAX_RUN)
    ]
    if breaks:
        forced = sorted(forced + breaks)
        blanked = _blank(reads, forced)
    return ParseCopy(reads, blanked, tuple(forced))


def token_budget(length: int) -> int:
    """Return how many tokens a text of ``length`` characters may hand to the pipeline."""
    return int(length * TOKENS_PER_CHAR) + SLACK_TOKENS


def make_doc(text: str, *, nlp: Language) -> Doc:
    """Tokenize ``text`` (not yet tagged or parsed) in linear time, with offsets that index ``text``."""
    copy = parse_copy(text)
    doc = nlp.make_doc(copy.text)
    budget = token_budget(len(text))
    if not copy.forced and len(doc) <= budget:
        return doc
    bounds = _token_bounds(doc, copy.forced)
    if len(bounds) > budget:
        bounds = merge_densest(bounds, budget=budget)
    words, spaces = _words(copy.reads, bounds)
    rebuilt = Doc(nlp.vocab, words=words, spaces=spaces)
    _keep_special_norms(rebuilt, doc)
    return rebuilt


def _keep_special_norms(rebuilt: Doc, tokenized: Doc) -> None:
    """Give the rebuilt tokens that spaCy's tokenizer made the norms its special cases set ("n't" -> "not").

    The tagger reads NORM, and a Doc built from words knows only the words' default norms.
    """
    special = {token.idx: (len(token), token.norm_) for token in tokenized if token.norm != token.lex.norm}
    if not special:
        return
    for token in rebuilt:
        found = special.get(token.idx)
        if found is not None and found[0] == len(token):
            token.norm_ = found[1]


def _filler_stretches(text: str) -> list[Bounds]:
    """Return the insides of the long stretches of non-word characters, trimmed of white space."""
    found: list[Bounds] = []
    for match in _NON_WORD.finditer(text):
        start, end = match.start() + 1, match.end() - 1
        if len(_NOT_SPACE.findall(text, start, end)) < FILLER_STRETCH:
            continue
        inside = text[start:end]
        start += len(inside) - len(inside.lstrip())
        end -= len(inside) - len(inside.rstrip())
        if end - start >= 2:
            found.extend((piece, min(piece + MAX_RUN, end)) for piece in range(start, end, MAX_RUN))
    return found


def _with_glued_quotes(forced: list[Bounds], *, text: str) -> list[Bounds]:
    """Return ``forced`` with a one-character range for every glued quotation mark outside it, in order."""
    glued = [(match.start(), match.end()) for match in _GLUED_QUOTE.finditer(text)]
    if not glued:
        return forced
    starts = [start for start, _ in forced]
    outside = [mark for mark in glued if not _inside(mark[0], forced, starts=starts)]
    return sorted(forced + outside)


def _inside(position: int, ranges: Sequence[Bounds], *, starts: Sequence[int]) -> bool:
    """Tell whether ``position`` falls in one of the sorted, disjoint ``ranges`` (``starts`` are their starts)."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < ranges[index][1]


def _blank(text: str, ranges: Sequence[Bounds]) -> str:
    """Return ``text`` with every range replaced by spaces."""
    if not ranges:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in ranges:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _token_bounds(doc: Doc, forced: Sequence[Bounds]) -> list[Bounds]:
    """Return the token ranges: spaCy's tokens of the copy, those over blanked ranges replaced by the ranges.

    White space left between the ranges, other than one trailing space, gets ranges of its own.
    """
    kept: list[Bounds] = []
    next_forced = 0
    for token in doc:
        start, end = token.idx, token.idx + len(token)
        while next_forced < len(forced) and forced[next_forced][1] <= start:
            next_forced += 1
        if next_forced < len(forced) and forced[next_forced][0] < end:
            continue  # a white-space token of the copy over a blanked range
        kept.append((start, end))
    if not forced:
        return kept
    return _cover_gaps(doc.text, list(heapq.merge(kept, forced)))


def _cover_gaps(text: str, bounds: Sequence[Bounds]) -> list[Bounds]:
    """Add a range for each stretch of white space between ranges that is more than one trailing space."""
    covered: list[Bounds] = []
    position = 0
    for start, end in [*bounds, (len(text), len(text))]:
        gap_start = position + 1 if covered and text.startswith(" ", position) else position
        if start > gap_start:
            covered.append((gap_start, start))
        if end > start:
            covered.append((start, end))
        position = end
    return covered


def merge_densest(bounds: Sequence[Bounds], *, budget: int) -> list[Bounds]:
    """Merge neighbouring tokens in the densest windows until at most ``budget`` tokens remain."""
    windows = [(i, min(i + WINDOW_TOKENS, len(bounds))) for i in range(0, len(bounds), WINDOW_TOKENS)]
    densest = sorted(windows, key=lambda w: (w[0] - w[1]) / max(1, bounds[w[1] - 1][1] - bounds[w[0]][0]))
    excess = len(bounds) - budget
    group: dict[int, int] = {}
    for first, last in densest:
        if excess <= 0:
            break
        count = last - first
        wanted = max(1, math.ceil((bounds[last - 1][1] - bounds[first][0]) * TOKENS_PER_CHAR))
        if wanted >= count:
            break
        size = math.ceil(count / wanted)
        group[first] = size
        excess -= count - math.ceil(count / size)
    merged: list[Bounds] = []
    for first, last in windows:
        size = group.get(first, 1)
        i = first
        while i < last:
            stop = i + 1
            while stop < min(i + size, last) and bounds[stop][1] - bounds[i][0] <= MAX_RUN:
                stop += 1
            merged.append((bounds[i][0], bounds[stop - 1][1]))
            i = stop
    return merged


def _words(text: str, bounds: Sequence[Bounds]) -> tuple[list[str], list[bool]]:
    """Return the words and trailing-space flags of token ranges that leave at most one space between them."""
    words = [text[start:end] for start, end in bounds]
    following = [start for start, _ in bounds[1:]] + [len(text) + 1]
    spaces = [end < len(text) and text[end] == " " and after > end for (_, end), after in zip(bounds, following)]
    return words, spaces
