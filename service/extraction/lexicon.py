"""Word lists used by the extraction stages, loaded once from the data/ folder."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_words(name: str) -> frozenset[str]:
    """Return the lower-cased entries of data/<name>.txt (one per line, # comments)."""
    raw = resources.files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in raw.splitlines())
    return frozenset(entry for entry in entries if entry)


NAME_MINOR_WORDS = load_words("name_minor_words")
