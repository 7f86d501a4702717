"""The pure extraction core: no web framework imports here or below."""

from .parse import describe_pipeline, load_pipeline
from .pipeline import ALL_KINDS, extract_quotes, extract_quotes_many
from .types import Attribution, Cue, Extraction, Quote, QuoteSpan, Role, Span, Speaker

__all__ = [
    "ALL_KINDS",
    "Attribution",
    "Cue",
    "Extraction",
    "Quote",
    "QuoteSpan",
    "Role",
    "Span",
    "Speaker",
    "describe_pipeline",
    "extract_quotes",
    "extract_quotes_many",
    "load_pipeline",
]
