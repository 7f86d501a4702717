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
        ("Health Minister Ana Lopez said “we are ready” on Monday.", "Health Minister", None),
        ("Oversight Committee Chairman Rep. Tom Reed said “we are ready” on Monday.", "Chairman", "Oversight Committee"),
        ("Oversight Committee Chairman Rep. Tom Reed said “we are ready” on Monday.", "Rep.", None),
        ("Health Minister Dr. Ana Lopez said “we are ready” on Monday.", "Health Minister", None),
        ("White House Press Secretary Tom Reed said “we are ready” on Monday.", "Press Secretary", "White House"),
        ("Maria Lopez, a teacher from Dayton, said “we are ready” on Monday.", "teacher", None),
        ("Maria Lopez, 45, a teacher from Dayton, said “we are ready” on Monday.", "teacher", None),
        (
            "Dr. Lena Hartwig, an epidemiologist at Johns Hopkins University, said “we are ready” on Monday.",
            "epidemiologist",
            "Johns Hopkins University",
        ),
        ("John Miller, a longtime resident of the valley, said “we are ready” on Monday.", "resident", None),
        ("A White House spokesman said “we are ready” on Monday.", "spokesman", "White House"),
        ("A senior Pentagon official said “we are ready” on Monday.", "official", "Pentagon"),
        ("John Miller, a spokesman for the Lopez campaign, said “we are ready” on Monday.", "spokesman", "Lopez campaign"),
        ("John Miller, a member of the city council, said “we are ready” on Monday.", "member", "city council"),
        ("John Miller, a professor of history at Yale University, said “we are ready” on Monday.", "professor", "Yale University"),
        ("Maria Lopez spokesman Tom Reed said “we are ready” on Monday.", "spokesman", None),
        ("White House press secretary Tom Reed said “we are ready” on Monday.", "press secretary", "White House"),
        ("Maria Lopez, our current mayor, said “we are ready” on Monday.", "mayor", None),
        ("Sen. Maria Lopez (D-N.M.) said “we are ready” on Monday.", "Democrat", "Democratic Party"),
        ("House Speaker Tom Reed, R-Wis., said “we are ready” on Monday.", "Republican", "Republican Party"),
        ("Sen. Tom Reed (I-Vt.) said “we are ready” on Monday.", "independent", None),
        ("“we are ready,” said Keir Morgan, the party's leader.", "leader", "party"),
        ("“we are ready,” said head coach Tom Reed.", "head coach", None),
        ("“we are ready,” said councilwoman Ann Lee.", "councilwoman", None),
        ("“we are ready,” said Pastor Tom Reed.", "Pastor", None),
        ("“we are ready,” said Ann Lee, the MP for Dover.", "MP", "Dover"),
        ("“we are ready,” said Tim Ray, the company’s chief executive.", "chief executive", "company"),
    ],
)
def test_reads_title_and_affiliation(
    extract: Callable[[str], Found], text: str, title: str, affiliation: str | None
) -> None:
    """Pre-modifiers, appositions (with a title word or a noun naming a person) and unnamed speakers' own words give a title kept apart from its affiliation."""
    roles = extract(text).speaker_of("we are ready").roles
    assert any(role.title == title and (affiliation is None or role.affiliation == affiliation) for role in roles), roles


@pytest.mark.parametrize(
    ("text", "title", "affiliation"),
    [
        ("U.S. Secretary of State Ann Lee said “we are ready” on Monday.", "Secretary of State", "United States"),
        ("Chancellor of the Exchequer Ann Lee said “we are ready” on Monday.", "Chancellor of the Exchequer", None),
        ("Minister of Foreign Affairs Jan Novak said “we are ready” on Monday.", "Minister of Foreign Affairs", None),
        ("Ann Lee, the secretary of state, said “we are ready” on Monday.", "secretary of state", None),
        ("Ann Lee, the former secretary of state and senator, said “we are ready” on Monday.", "secretary of state", None),
        ("Jo Bell, director of state campaigns for the party, said “we are ready” on Monday.", "director", "party"),
        ("John Miller, a professor of labor law at Yale University, said “we are ready” on Monday.", "professor", "Yale University"),
        ("Director of the FBI Ann Lee said “we are ready” on Monday.", "Director", "FBI"),
    ],
)
def test_an_office_phrase_after_of_belongs_to_the_title(
    extract: Callable[[str], Found], text: str, title: str, affiliation: str | None
) -> None:
    """"Secretary of State", "the secretary of state": the portfolio is part of the title; an entity or a field after "of" is not."""
    roles = extract(text).speaker_of("we are ready").roles
    assert [(role.title, role.affiliation) for role in roles] == [(title, affiliation)]


@pytest.mark.parametrize(
    ("text", "title", "affiliation"),
    [
        ("Clinton campaign spokesman Brian Fallon said “we are ready” on Monday.", "spokesman", "Clinton campaign"),
        ("“we are ready,” said Dayton city council member Tom Reed.", "member", "Dayton city council"),
        ("“we are ready,” said campaign manager Ann Lee.", "campaign manager", None),
        ("“we are ready,” said Ann Lee, the city’s new mayor.", "new mayor", "city"),
    ],
)
def test_an_organisation_noun_before_the_title_is_its_affiliation_when_it_names_whose(
    extract: Callable[[str], Found], text: str, title: str, affiliation: str | None
) -> None:
    """"Clinton campaign spokesman": spokesman of the Clinton campaign; a bare "campaign manager" stays one title."""
    roles = extract(text).speaker_of("we are ready").roles
    assert [(role.title, role.affiliation) for role in roles] == [(title, affiliation)]


def test_a_name_after_a_title_and_of_gets_no_role(extract: Callable[[str], Found]) -> None:
    """"the chairman of Tom Lee's campaign": the chairman is someone else, not Tom Lee."""
    found = extract("Paul Reed, the chairman of Tom Lee's campaign, said “we are ready” on Monday. Tom Lee said “we won” later.")
    assert found.speaker_of("we won").roles == ()


@pytest.mark.parametrize(
    "text",
    [
        "Russian Defense Minister Ivan Petrov said “we are ready” on Monday.",
        "Sen. Maria Lopez (D-N.M.), a member of the city council, said “we are ready” on Monday.",
    ],
)
def test_role_offsets_index_the_text(extract: Callable[[str], Found], text: str) -> None:
    """A role's start and end point at its text in the article."""
    roles = extract(text).speaker_of("we are ready").roles
    assert roles
    for role in roles:
        assert text[role.start : role.end] == role.text


@pytest.mark.parametrize(
    "text",
    [
        "John Miller, 62, said “we are ready” on Monday.",
        "John Miller, a Republican, said “we are ready” on Monday.",
        "Maria Lopez, both lawyers, said “we are ready” on Monday.",
        "Maria Lopez (left) said “we are ready” on Monday.",
        "Maria Lopez, the first woman to run the mill, said “we are ready” on Monday.",
    ],
)
def test_age_party_or_plural_in_apposition_is_no_role(extract: Callable[[str], Found], text: str) -> None:
    """An age, a party label, a plural noun or a plain "woman" in apposition names no role of one person."""
    assert not extract(text).speaker_of("we are ready").roles
