"""Fixtures for the core's tests: run the whole core on a snippet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from service.extraction import Extraction, Quote, Speaker, extract_quotes


class Found:
    """An extraction with lookups by quote prefix, for readable assertions."""

    def __init__(self, extraction: Extraction) -> None:
        """Wrap ``extraction``."""
        self.extraction = extraction

    def quote(self, prefix: str) -> Quote:
        """Return the one quote whose text starts with ``prefix``."""
        matches = [q for q in self.extraction.quotes if q.text.startswith(prefix)]
        assert len(matches) == 1, f"{len(matches)} quotes start with {prefix!r}: {[q.text for q in self.extraction.quotes]}"
        return matches[0]

    def speaker_of(self, prefix: str) -> Speaker:
        """Return the speaker of the quote that starts with ``prefix``."""
        speaker = self.extraction.speaker(self.quote(prefix).speaker_id)
        assert speaker is not None, f"no speaker for {prefix!r}"
        return speaker


@pytest.fixture
def extract(nlp: Language) -> Callable[[str], Found]:
    """Run the core on a text with the session's pipeline."""

    def run(text: str) -> Found:
        """Return what the core finds in ``text``."""
        return Found(extract_quotes(text, nlp=nlp))

    return run
