"""Validators shared by the request schemas."""

from __future__ import annotations

from marshmallow import ValidationError


def valid_unicode(text: str) -> None:
    """Reject strings holding lone surrogates, which no UTF-8 text can contain."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Must be valid Unicode text (no lone surrogates).") from None
