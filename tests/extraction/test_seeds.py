"""Acceptance: the landmark quotes of the two seed articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.extraction.conftest import Found

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIRST = (SEEDS / "000_1e62df946017ca3f.txt").read_text(encoding="utf-8")
SECOND = (SEEDS / "002_25454a6e9c1ecf01.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def first(nlp) -> Found:  # type: ignore[no-untyped-def]
    """The core's reading of the first seed article."""
    from service.extraction import extract_quotes

    return Found(extract_quotes(FIRST, nlp=nlp))


@pytest.fixture(scope="module")
def second(nlp) -> Found:  # type: ignore[no-untyped-def]
    """The core's reading of the second seed article."""
    from service.extraction import extract_quotes

    return Found(extract_quotes(SECOND, nlp=nlp))


@pytest.mark.parametrize(
    ("prefix", "kind", "names", "title"),
    [
        ("Why not? These are our neighbors", "direct", ("Sergei Shoigu",), "Defense Minister"),
        ("the need for some joint response steps", "partial", ("Alexander Matsegora",), "ambassador"),
        ("constant bilateral, and recently trilateral", "partial", ("Alexander Matsegora",), None),
        ("I am not aware of any such plans yet", "direct", ("Alexander Matsegora",), None),
        ("These are purely my personal opinions", "direct", ("Alexander Matsegora",), None),
        ("actively advancing", "partial", ("John Kirby",), "spokesman"),
        ("[North Korea] delivered infantry rockets", "direct", ("John Kirby",), None),
        ("Since then, Russia has been actively seeking", "direct", ("John Kirby",), None),
        ("significant quantities and multiple types", "partial", ("John Kirby",), None),
        ("We’re going to keep watching it closely", "direct", ("John Kirby",), None),
        ("We will continue to identify, expose", "direct", ("John Kirby",), None),
        ("There is no other way to look at that than desperation and weakness", "direct", ("John Kirby",), None),
        ("three-way naval drill", "partial", ("South Korea’s spy agency", "National Intelligence Service"), None),
    ],
)
def test_first_seed_landmark_quotes(first: Found, prefix: str, kind: str, names: tuple[str, ...], title: str | None) -> None:
    """Each landmark quote of the first seed has its kind, speaker and role."""
    quote = first.quote(prefix)
    speaker = first.speaker_of(prefix)
    assert quote.kind == kind
    assert speaker.name in names
    if title:
        assert any(title.lower() in role.title.lower() for role in speaker.roles), speaker.roles
    assert FIRST[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(("prefix", "mention"), [("Why not?", "he"), ("We’re going to keep watching", "he")])
def test_first_seed_pronoun_mentions_resolve(first: Found, prefix: str, mention: str) -> None:
    """'he' is kept as the mention while the name is resolved."""
    assert first.quote(prefix).mention.text == mention


def test_first_seed_speakers_are_one_entry_per_person(first: Found) -> None:
    """Kirby, Matsegora and Shoigu each have exactly one speaker entry."""
    names = [speaker.name for speaker in first.extraction.speakers]
    assert len(names) == len(set(names))
    for name in ("John Kirby", "Alexander Matsegora", "Sergei Shoigu"):
        assert name in names


def test_first_seed_shoigu_role_keeps_title_apart_from_affiliation(first: Found) -> None:
    """'Russian Defense Minister' is the title Defense Minister with the affiliation Russia."""
    roles = first.speaker_of("Why not?").roles
    assert any(r.title == "Defense Minister" and r.affiliation == "Russia" for r in roles), roles


def test_first_seed_exercise_name_is_not_a_quote(first: Found) -> None:
    """'Northern/Interaction-2023' names an exercise and is not a quote."""
    assert not any("Northern/Interaction" in q.text for q in first.extraction.quotes)


@pytest.mark.parametrize(
    ("prefix", "name", "title"),
    [
        ("safeguarding the security of strategic maritime routes", "Qiu Wensheng", "Rear Adm"),
        ("Any arms deal between [North Korea] and Russia", "John Kirby", None),
        ("We are continuing to monitor", "John Kirby", None),
    ],
)
def test_second_seed_quotes(second: Found, prefix: str, name: str, title: str | None) -> None:
    """The second seed's quotes by Qiu Wensheng and John Kirby."""
    speaker = second.speaker_of(prefix)
    assert speaker.name == name
    if title:
        assert any(role.title.startswith(title) for role in speaker.roles), speaker.roles
