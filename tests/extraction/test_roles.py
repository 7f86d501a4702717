"""Stage 5: titles and affiliations around names."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.extraction.conftest import Found


@pytest.mark.parametrize(
    ("text", "title", "affiliation"),
    [
        ("Russian Defense Minister Ivan Petrov said “we are ready” on Monday.", "Defense Minister", "Russia"),
        ("Party spokesman Tom Reed said “we are ready” on Monday.", "spokesman", None),
        ("Ivan Petrov, Russian ambassador to Chile, said “we are ready” on Monday.", "ambassador", "Russia"),
        (
            "Rep. Kim Sung-ho, a spokesman for the ruling Unity Party, said “we are ready” on Monday.",
            "spokesman",
            "Unity Party",
        ),
        ("Chinese Rear Adm. Liu Wei said “we are ready” on Monday.", "Rear Adm.", "China"),
    ],
)
def test_reads_title_and_affiliation(
    extract: Callable[[str], Found], text: str, title: str, affiliation: str | None
) -> None:
    """Pre-modifiers and appositions give a title kept apart from its affiliation."""
    roles = extract(text).speaker_of("we are ready").roles
    assert any(role.title == title and (affiliation is None or role.affiliation == affiliation) for role in roles), roles


def test_role_offsets_index_the_text(extract: Callable[[str], Found]) -> None:
    """A role's start and end point at its text in the article."""
    text = "Russian Defense Minister Ivan Petrov said “we are ready” on Monday."
    for role in extract(text).speaker_of("we are ready").roles:
        assert text[role.start : role.end] == role.text
