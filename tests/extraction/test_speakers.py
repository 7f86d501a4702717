"""Stage 4: speaker resolution across the article."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from service.extraction.speakers import FullNameMatcher, SpeakerResolver, canonical_name, name_key, person_name
from service.extraction.types import Span
from tests.extraction.conftest import Found


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("Mr. Kirby", "Kirby"), ("Kirby's", "Kirby"), ("Sen. Jane Smith", "Jane Smith"), ("the Pentagon", "Pentagon")],
)
def test_canonical_name_drops_honorifics_and_possessives(written: str, canonical: str) -> None:
    """Honorifics, titles, possessives and a leading 'the' are not part of a name."""
    assert canonical_name(written) == canonical


def test_name_key_merges_hyphen_variants() -> None:
    """'Yoo Sang-bum' and 'Yoo Sangbum' share a key."""
    assert name_key("Yoo Sang-bum") == name_key("Yoo Sangbum")


def test_pronoun_goes_to_the_previous_subject_not_the_object(extract: Callable[[str], Found]) -> None:
    """'he' resolves to the person who was the subject, not the one met last."""
    found = extract(
        "Governor Paul Grant met Mayor Lisa Chen on Tuesday.\n\n"
        "“It was a useful meeting,” he said."
    )
    assert found.speaker_of("It was a useful").name == "Paul Grant"


@pytest.mark.parametrize(
    ("text", "pronoun_quote", "speaker"),
    [
        (  # a given name
            "Senator Maria Ortiz questioned Tom Becker, the utility's director, on Tuesday.\n\n"
            "“We followed every rule,” he said.",
            "We followed",
            "Tom Becker",
        ),
        (  # honorifics
            "Mrs. Harlow criticised the plan, and Mr. Pike defended it.\n\n“It will work,” she said.",
            "It will work",
            "Harlow",
        ),
        (  # a gendered title before the name
            "Councilwoman Terry Vance questioned Pat Ellis about the budget.\n\n“We need answers,” he said.",
            "We need answers",
            "Pat Ellis",
        ),
        (  # a gendered noun in apposition
            "Terry Vance, a mother of three, questioned Pat Ellis at the hearing.\n\n“We need answers,” he said.",
            "We need answers",
            "Pat Ellis",
        ),
        (  # a pronoun resolved before to the only person named
            "Robin Hale opened the meeting.\n\n“Welcome,” she said.\n\n"
            "Jordan Pike asked a question. Then Robin Hale answered it.\n\n“It was fair,” he said.",
            "It was fair",
            "Jordan Pike",
        ),
    ],
)
def test_pronoun_skips_people_of_the_other_gender(
    extract: Callable[[str], Found], text: str, pronoun_quote: str, speaker: str
) -> None:
    """'he' and 'she' go to the last subject of their own gender, known from a name, title, honorific or pronoun."""
    assert extract(text).speaker_of(pronoun_quote).name == speaker


def test_pronoun_without_an_antecedent_of_its_gender_stays_unnamed(extract: Callable[[str], Found]) -> None:
    """'she' after only men named is not given one of them."""
    found = extract("Mr. Dunn and Paul Grant toured the plant.\n\n“The pumps are old,” she said.")
    assert found.speaker_of("The pumps").name == "she"


def test_honorific_joins_the_full_name_of_its_gender(extract: Callable[[str], Found]) -> None:
    """'Mr. Kessler' is Paul Kessler even when Anna Kessler was named first."""
    found = extract(
        "Anna Kessler spoke first.\n\nPaul Kessler spoke next.\n\n"
        "“We are grateful,” Mr. Kessler said.\n\n“So am I,” Mrs. Kessler said."
    )
    assert found.speaker_of("We are grateful").name == "Paul Kessler"
    assert found.speaker_of("So am I").name == "Anna Kessler"


def test_surname_and_honorific_resolve_to_the_full_name(extract: Callable[[str], Found]) -> None:
    """'Mr. Kirby' and 'Kirby' join 'John Kirby' in one speaker entry."""
    found = extract(
        "White House spokesman John Kirby spoke on Monday.\n\n"
        "“We are watching,” Mr. Kirby said.\n\n"
        "“We will respond,” Kirby added."
    )
    assert found.speaker_of("We are watching").name == "John Kirby"
    assert found.speaker_of("We will respond").id == found.speaker_of("We are watching").id
    assert len(found.extraction.speakers) == 1


@pytest.mark.parametrize(
    ("text", "prefix", "name"),
    [
        (
            "German Foreign Minister Annalena Baerbock met her allies on Monday. "
            "Baerbock said Germany stood with its allies.",
            "Germany stood",
            "Annalena Baerbock",
        ),
    ],
)
def test_a_surname_goes_to_the_person_even_where_ner_reads_an_organisation(
    extract: Callable[[str], Found], text: str, prefix: str, name: str
) -> None:
    """A lone surname NER took for an organisation is the person whose full name holds it."""
    speaker = extract(text).speaker_of(prefix)
    assert (speaker.name, speaker.kind) == (name, "person")


def test_a_pronoun_after_a_surname_ner_read_as_an_organisation_goes_to_that_person(extract: Callable[[str], Found]) -> None:
    """'Baerbock said ...' (NER: ORG) is the last person named before 'she', not her deputy named earlier."""
    found = extract(
        "German Foreign Minister Annalena Baerbock met her allies on Monday. Her deputy, Anna Lena, spoke first. "
        "Baerbock said Germany stood with its allies. “We are united,” she said."
    )
    assert found.speaker_of("We are united").name == "Annalena Baerbock"


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("Vanessa Iampaglia, a nurse, said “we are tired” on Monday.", "we are tired"),
        ("The candidate, Carly Fiorina, said “we will win” on Monday. “It is close,” Fiorina added.", "It is close"),
    ],
)
def test_a_given_name_and_surname_ner_read_as_an_organisation_is_a_person(
    extract: Callable[[str], Found], text: str, prefix: str
) -> None:
    """A known given name and a surname are a person's name whatever label NER gave them."""
    speaker = extract(text).speaker_of(prefix)
    assert speaker.kind == "person" and len(speaker.name.split()) == 2


def test_an_acronym_that_spells_a_surname_stays_an_organisation(extract: Callable[[str], Found]) -> None:
    """"The U.N. said" after "Kim Jong Un": an acronym is no surname."""
    found = extract("North Korean leader Kim Jong Un met officials. “We will respond,” the U.N. said.")
    speaker = found.speaker_of("We will respond")
    assert (speaker.name, speaker.kind) == ("U.N.", "organization")


def test_the_mp_goes_to_the_one_named_member_of_parliament(extract: Callable[[str], Found]) -> None:
    """"the MP" is the lawmaker the article named with that title."""
    found = extract("Conservative MP Ann Lee spoke on Monday. “It is a shambles,” the MP said.")
    assert found.speaker_of("It is a shambles").name == "Ann Lee"


def test_nominal_goes_to_the_named_holder_of_the_role(extract: Callable[[str], Found]) -> None:
    """'the ambassador' resolves to the one person the article calls ambassador."""
    found = extract(
        "Ambassador Peter Lang, the German ambassador to Chile, arrived on Friday.\n\n"
        "“We came to listen,” the ambassador said."
    )
    assert found.speaker_of("We came to listen").name == "Peter Lang"


@pytest.mark.parametrize(
    ("text", "prefix", "kind"),
    [
        ("“The results are final,” the Pentagon said.", "The results", "organization"),
        ("“The results are final,” officials said.", "The results", "group"),
        ("“The results are final,” Mayor Ana Ruiz said.", "The results", "person"),
        ("“The results are final,” a longtime friend of the mayor said.", "The results", "person"),
        ("“The results are final,” one baker in the square said.", "The results", "person"),
        ("“The results are final,” said someone close to the count.", "The results", "person"),
        ("“The results are final,” said a local tycoon who funds the club.", "The results", "person"),
        ("A new poll of river towns found that the ferry plan is popular.", "that the ferry plan", "document"),
        ("The statement issued by the club on Monday said the pitch would be rebuilt.", "the pitch", "document"),
        ("According to the lawsuit, the landlord ignored the leaks.", "the landlord", "document"),
        ("Most voters in the valley said the ferry plan was too costly.", "the ferry plan", "group"),
        ("Sixty percent said the ferry plan was too costly.", "the ferry plan", "group"),
        ("Two students said the ferry plan was too costly.", "the ferry plan", "group"),
        ("The timing of the vote suggests that the ferry plan is dead.", "that the ferry plan", "other"),
        ("The mill is run by a famous bully who said the wages were fair.", "the wages", "person"),
    ],
)
def test_speaker_kind(extract: Callable[[str], Found], text: str, prefix: str, kind: str) -> None:
    """Speakers are people, organisations, groups, documents or other things, by the head of an unnamed mention."""
    assert extract(text).speaker_of(prefix).kind == kind


def test_speaker_mentions_list_every_naming_once(extract: Callable[[str], Found]) -> None:
    """A speaker's mentions cover the names in the article and the pronoun at the attribution, without overlaps."""
    text = (
        "Mayor Maria Lopez opened the bridge.\n\n"
        "Lopez thanked the workers.\n\n"
        "“It took four years,” she said."
    )
    speaker = extract(text).speaker_of("It took four years")
    spans = sorted((m.start, m.end) for m in speaker.mentions)
    assert [text[s:e] for s, e in spans] == ["Maria Lopez", "Lopez", "she"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_family_name_first_variants_merge_into_one_speaker(extract: Callable[[str], Found]) -> None:
    """'Yoo Sang-bum', 'Yoo Sangbum' and 'Yoo' are one person; the family name comes first."""
    found = extract(
        "Lawmaker Yoo Sang-bum briefed reporters on Monday.\n\n"
        "“The drill was proposed in July,” Yoo Sangbum said.\n\n"
        "“We expect more talks,” Yoo added."
    )
    assert found.speaker_of("The drill").id == found.speaker_of("We expect").id
    assert len(found.extraction.speakers) == 1


def test_organisation_acronym_joins_its_full_name(extract: Callable[[str], Found]) -> None:
    """'the National Water Agency (NWA)' and 'the NWA' are one organisation."""
    found = extract(
        "The National Water Agency (NWA) published its report.\n\n"
        "“Reserves are low,” the National Water Agency said.\n\n"
        "“Rationing may follow,” the NWA said."
    )
    assert found.speaker_of("Reserves are low").id == found.speaker_of("Rationing may follow").id


def test_described_organisation_joins_the_one_named_organisation_it_fits(extract: Callable[[str], Found]) -> None:
    """'the country's spy agency' is the article's one '... Intelligence ...' organisation."""
    found = extract(
        "Officials of the Brazilian National Intelligence Agency briefed lawmakers.\n\n"
        "Brazil’s spy agency claimed that the two leaders discussed a “joint naval drill” in July."
    )
    assert found.speaker_of("joint naval drill").name == "Brazilian National Intelligence Agency"


def scan_for_full_name(name: str, full_names: list[str]) -> str:
    """The rule FullNameMatcher indexes, as a scan of every full name (the reference)."""
    key, words = name_key(name), name_key(name).split()
    for full in full_names:
        full_words = name_key(full).split()
        if key == name_key(full):
            return full
        if len(words) == 1 and len(full_words) >= 2 and words[0] in (full_words[0], full_words[-1]):
            return full
        if words and len(words) < len(full_words) and full_words[-len(words) :] == words:
            return full
        if words and "".join(words) == "".join(full_words):
            return full
    return name


FULL_NAMES = ["John Kirby", "Yoo Sang-bum", "Maria de la Cruz", "Kirby Lopez", "Ana Ruiz-Diaz", "J. R. Smith"]


@pytest.mark.parametrize(
    "name",
    ["Kirby", "John", "Yoo", "Sang-bum", "Sangbum", "de la Cruz", "la Cruz", "Cruz", "Maria", "Lopez", "Ruiz-Diaz",
     "RuizDiaz", "Smith", "R. Smith", "J R Smith", "Nobody", "John Kirby", "YooSangbum", "Ana"],
)
def test_full_name_lookup_matches_a_scan_of_every_full_name(name: str) -> None:
    """The dictionary lookups give the same full name as scanning the full names in article order."""
    assert FullNameMatcher(FULL_NAMES).match(name) == scan_for_full_name(name, FULL_NAMES)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Biden Says Economy Is Strong\n\nThe president spoke on Monday.", "Economy Is Strong", "Biden"),
        ("Warren Slams Trump Tax Plan\n\nThe senator spoke in Boston.", "Trump Tax Plan", "Warren"),
        (
            "Warren Slams Trump Tax Plan\n\nSen. Elizabeth Warren criticised the plan in Boston.",
            "Trump Tax Plan",
            "Elizabeth Warren",
        ),
    ],
)
def test_headline_read_as_one_name_gives_the_speaker_only_their_own_name(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """A title-case headline NER reads as one entity names its speaker up to the speaker's verb."""
    assert extract(text).speaker_of(content).name == speaker


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The American Civil Liberties Union said the new rule was unfair to tenants.", "the new rule", "American Civil Liberties Union"),
        ("The Russian Foreign Ministry said the talks had failed over the border.", "the talks", "Russian Foreign Ministry"),
        (  # an acronym that spells the name without the nationality
            "The South Korean National Intelligence Service (NIS) said the launch had failed.",
            "the launch",
            "National Intelligence Service",
        ),
    ],
)
def test_organisation_keeps_the_nationality_its_name_is_written_with(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """A nationality stays in an organisation's name unless an acronym after it spells the name without it."""
    assert extract(text).speaker_of(content).name == speaker


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("North Korea fired a missile on Sunday. Officials said the North wants to show its reach.", "to show its reach", "North Korea"),
        ("South Sudan signed the deal. Diplomats said the South hopes for new aid next year.", "new aid", "South Sudan"),
        (  # two places the word could stand for: no guess
            "North Korea and North Dakota were in the news. Aides said the North wants more trade.",
            "more trade",
            "North",
        ),
    ],
)
def test_the_north_stands_for_the_one_place_named_north(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """'The North' resolves to the one place the article names 'North ...', and stays itself when there are two."""
    assert extract(text).speaker_of(content).name == speaker


@pytest.mark.parametrize(
    ("headline", "entity", "name"),
    [
        ("Kessler Says He Never Lied About The Fees", (0, 4), "Kessler"),
        ("Voters Rush To Condemn Tom Kessler Over Fees", (3, 6), "Tom Kessler"),
        ("Will Kessler Be The Next Mayor Of Dayton", (0, 4), "Kessler"),
        ("Black Lawmakers Rip Donald Kessler Over Fees", (2, 5), "Donald Kessler"),
        ("Billionaire Donald Kessler Buys A Team", (0, 3), "Donald Kessler"),
        ("Mary Ann Kessler Buys A Team", (0, 3), "Mary Ann Kessler"),
    ],
)
def test_a_person_entity_on_a_title_case_headline_keeps_only_its_name_words(
    nlp: Language, headline: str, entity: tuple[int, int], name: str
) -> None:
    """'Kessler Says He Never' read as one PERSON entity names "Kessler": the headline's verbs, stop words and words before a given name are no name."""
    doc = Doc(nlp.vocab, words=headline.split())
    doc.ents = [SpacySpan(doc, *entity, label="PERSON")]
    assert person_name(doc.ents[0], text=doc.text) == name


def test_a_person_entity_in_a_sentence_keeps_all_its_words(nlp: Language) -> None:
    """Outside a title-case line an entity is left whole (the body's "Al From" or "George Will" are names)."""
    doc = Doc(nlp.vocab, words="the adviser Al From spoke to the board".split())
    doc.ents = [SpacySpan(doc, 2, 4, label="PERSON")]
    assert person_name(doc.ents[0], text=doc.text) == "Al From"


def test_a_title_case_line_longer_than_a_headline_keeps_the_entity_whole(nlp: Language) -> None:
    """A title-case line longer than a headline (``_HEADLINE_CHARS``) is a paragraph: "Kessler Says" stays whole."""
    words = ["Kessler", "Says"] + ["Harbour", "Tolls", "Climb"] * 40
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [SpacySpan(doc, 0, 2, label="PERSON")]
    assert len(doc.text) > 300
    assert person_name(doc.ents[0], text=doc.text) == "Kessler Says"


def test_a_pronoun_after_a_headline_read_as_one_name_goes_to_the_full_name(nlp: Language) -> None:
    """'he' after "Kessler Says He Never Lied" resolves to the article's "Tom Kessler", not to the headline's words."""
    words = ["Kessler", "Says", "He", "Never", "Lied", "\n\n", "He", "spoke", "on", "Monday", ".", "Tom", "Kessler", "is", "the", "mayor", "."]
    spaces = [True, True, True, True, False, False, True, True, True, False, True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.ents = [SpacySpan(doc, 0, 4, label="PERSON"), SpacySpan(doc, 11, 13, label="PERSON")]
    pronoun = doc[6]
    resolver = SpeakerResolver(doc, quoted=[False] * len(doc))
    assert resolver.resolve(Span("He", pronoun.idx, pronoun.idx + 2)).name == "Tom Kessler"


@pytest.mark.parametrize(
    ("text", "quote", "name"),
    [
        (
            'Ann Lee is running for mayor again this year. "We expect to win every ward," Lee\'s campaign said in a statement.',
            "We expect to win",
            "Lee's campaign",
        ),
        ('Tom Reed spoke on Monday. Reed\'s statement said, "I did nothing wrong."', "I did nothing wrong.", "Tom Reed"),
    ],
)
def test_a_possessive_owner_is_the_speaker_only_of_his_own_words(
    extract: Callable[[str], Found], text: str, quote: str, name: str
) -> None:
    """"Lee's campaign said" is the campaign, not Ann Lee; "Reed's statement said" still gives Reed's words."""
    assert extract(text).speaker_of(quote).name == name


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("A Pentagon official said the drills would go on. Another official said the drills would stop.", "the drills would go", "the drills would stop"),
        ("One senator said the bill was dead. A second senator said the bill could pass.", "the bill was dead", "the bill could pass"),
    ],
)
def test_unnamed_speakers_with_the_same_title_stay_apart(extract: Callable[[str], Found], text: str, first: str, second: str) -> None:
    """Two unnamed speakers with one title are two speakers: only a named holder of a title takes a nominal."""
    found = extract(text)
    assert found.speaker_of(first).id != found.speaker_of(second).id
