"""Stage 3: each attribution pattern, on invented sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.extraction.attribution import antecedent_of
from service.extraction.pipeline import _attribute, _plan
from tests.extraction.conftest import Found


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "mention"),
    [
        ("“The bridge will open in May,” Mayor Ana Ruiz said.", "The bridge", "Ana Ruiz", "Ana Ruiz"),
        ("“The bridge will open in May,” said Ana Ruiz, the mayor.", "The bridge", "Ana Ruiz", "Ana Ruiz"),
        ("Ana Ruiz said, “The bridge will open in May.”", "The bridge", "Ana Ruiz", "Ana Ruiz"),
        ("Ana Ruiz said: “The bridge will open in May.”", "The bridge", "Ana Ruiz", "Ana Ruiz"),
        ("From Ana Ruiz: “The bridge will open in May.”", "The bridge", "Ana Ruiz", "Ana Ruiz"),
        ("“The bridge will open in May.” - Ana Ruiz, mayor", "The bridge", "Ana Ruiz", "Ana Ruiz"),
        (
            "The bridge is “nearly finished,” according to Ana Ruiz, the city's mayor.",
            "nearly finished",
            "Ana Ruiz",
            "Ana Ruiz",
        ),
    ],
)
def test_attributes_each_pattern(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str, mention: str
) -> None:
    """The common attribution patterns of news give the quote to the named speaker."""
    found = extract(text)
    assert found.speaker_of(quote).name == speaker
    assert found.quote(quote).mention.text == mention


def test_partial_quote_belongs_to_the_speech_verb_not_an_embedded_belief(extract: Callable[[str], Found]) -> None:
    """In 'X said (that) Y suggests ... "partial"', the partial quote is X's."""
    found = extract(
        "Tom Baker said that new research suggests the river is “badly polluted” near the plant."
    )
    assert found.speaker_of("badly polluted").name == "Tom Baker"
    assert found.quote("badly polluted").kind == "partial"
    assert found.quote("badly polluted").cue.lemma == "say"


def test_second_quote_after_said_in_an_interview_keeps_the_speaker(extract: Callable[[str], Found]) -> None:
    """'"Q," X said in an interview. "Q2."' gives Q2 to X too."""
    found = extract("“We are ready,” Lena Park said in an interview on Monday. “The team has trained for years.”")
    assert found.speaker_of("The team").name == "Lena Park"


def test_passive_quoted_as_saying_goes_to_the_subject_not_the_outlet(extract: Callable[[str], Found]) -> None:
    """'he was quoted as saying by Interfax' is the subject's quote."""
    found = extract(
        "Defense Minister Ivan Petrov visited the port on Monday.\n\n"
        "“These are our friends,” he was quoted as saying by the news agency Interfax."
    )
    quote = found.quote("These are our friends")
    assert found.speaker_of("These are our friends").name == "Ivan Petrov"
    assert quote.mention.text == "he"
    assert quote.cue.text == "was quoted as saying"
    assert quote.cue.lemma == "quote"


def test_continuation_paragraph_belongs_to_the_previous_speaker(extract: Callable[[str], Found]) -> None:
    """A quote paragraph with no cue of its own continues the previous quote's speaker."""
    found = extract(
        "“We will keep watching closely,” Maria Lopez said.\n\n“And we will act when we must.”"
    )
    assert found.speaker_of("And we will act").name == "Maria Lopez"


def test_newswire_multi_paragraph_quote_shares_one_speaker(extract: Callable[[str], Found]) -> None:
    """Each paragraph of an open-ended quote gets the same speaker."""
    found = extract(
        "“The first part of the plan is simple,” said Omar Haddad, the minister.\n\n"
        "“We build the road first. Then we build the schools.\n\n"
        "“And then we hold the election.”"
    )
    assert {found.speaker_of(p).name for p in ("The first part", "We build", "And then")} == {"Omar Haddad"}


@pytest.mark.parametrize(
    ("text", "quote", "kind"),
    [
        ("“The plan works,” Ana Ruiz said.", "The plan works", "direct"),
        ("Ana Ruiz said the plan was “working well” so far.", "working well", "partial"),
        ("Ana Ruiz said: “It works.”", "It works", "direct"),
        ("“The plan,” Ana Ruiz said, “works for everyone.”", "works for everyone", "direct"),
        ("“The plan,” Sen. Ana Ruiz of Ohio said on Monday, “works for everyone.”", "works for everyone", "direct"),
        ("“The plan works,” Ana Ruiz said, and “everyone wins” later.", "everyone wins", "partial"),
        ("“The plan works,” Ana Ruiz said. Tom Reed called it “a joke.”", "a joke", "partial"),
    ],
)
def test_tells_direct_from_partial(extract: Callable[[str], Found], text: str, quote: str, kind: str) -> None:
    """A quote that is a sentence of its own, or goes on after its cue interrupted it, is direct; quoted words inside a sentence are partial."""
    assert extract(text).quote(quote).kind == kind


def test_transcript_label_names_the_speaker(extract: Callable[[str], Found]) -> None:
    """A transcript paragraph '"SMITH: ..."' is Smith's, and the label is not quote text."""
    found = extract("Senator Jane Smith spoke on the show.\n\n\"SMITH: We have the votes, and we will pass it.\"")
    quote = found.quote("We have the votes")
    assert quote.mention.text == "SMITH"
    assert found.speaker_of("We have the votes").name == "Jane Smith"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("“The agency is ready,” the spokesman said.", "The agency", "spokesman"),
        ("South Korea’s spy agency claimed that the two sides discussed a “joint naval drill” in July.", "joint naval drill", "South Korea’s spy agency"),
    ],
)
def test_nominal_and_organisation_mentions_are_speakers(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """A speaker mention can be a nominal or an organisation, not only a name or pronoun."""
    assert extract(text).speaker_of(quote).name.endswith(speaker)


@pytest.mark.parametrize(
    "text",
    [
        "“We need better schools for every child.” ― Maria Gomez\n“Taxes are too high.” ― Peter Olsen",
        "“We need better schools for every child.” - Maria Gomez, teacher\n“Taxes are too high.” - Peter Olsen, farmer",
        "“We need better schools for every child.”\n\n- Maria Gomez.\n\n“Taxes are too high.”\n\n- Peter Olsen.",
    ],
)
def test_trailing_byline_beats_the_previous_speaker(extract: Callable[[str], Found], text: str) -> None:
    """In a list of quotes each followed by a name, each quote is its own byline's."""
    found = extract(text)
    assert found.speaker_of("We need better").name == "Maria Gomez"
    assert found.speaker_of("Taxes are too high").name == "Peter Olsen"


def test_dashed_line_after_a_blank_line_without_a_name_is_no_byline(extract: Callable[[str], Found]) -> None:
    """A dashed aside after a blank line names nobody unless it opens with a proper noun."""
    found = extract("Peter Olsen spoke last.\n\n“Taxes are too high,” he said.\n\n“We will fight.”\n\n- A farmer himself -.")
    assert found.speaker_of("We will fight").name == "Peter Olsen"


@pytest.mark.parametrize(
    "text",
    [
        "Ruiz wrote that the clerks knew about the delays, adding, “We were told to wait for the mayor.”",
        "In her memoir, Ana Ruiz wrote that the engineers feared the launch, saying, “They had warned us for months.”",
    ],
)
def test_participle_cue_hung_on_a_reported_clause_belongs_to_the_reporter(
    extract: Callable[[str], Found], text: str
) -> None:
    """'X wrote that Y knew ..., adding, "Q"': X adds the quote, not the subject of what X wrote."""
    quote = next(q for q in extract(text).extraction.quotes if q.kind == "direct")
    assert quote.mention is not None and "Ruiz" in quote.mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Ana Ruiz, visibly annoyed, answered: “Who approved this budget?” Several aldermen mocked the reply for weeks.",
        "Ana Ruiz, visibly tired, replied: “Why should we wait?” Several council members called the answer rude.",
    ],
)
def test_a_cue_in_the_sentence_after_a_closed_quote_does_not_take_it_from_its_lead_in(
    extract: Callable[[str], Found], text: str
) -> None:
    """'X answered: "Q?" Aldermen mocked the reply ...': the next sentence's cue reports something else; X said Q."""
    quote = next(q for q in extract(text).extraction.quotes if q.kind == "direct")
    assert quote.mention is not None and quote.mention.text == "Ana Ruiz"


def test_a_name_alone_before_a_colon_labels_the_quote(extract: Callable[[str], Found]) -> None:
    """'Gomez: "Q1" Olsen: "Q2"': each name standing alone before a colon speaks the quote after it."""
    found = extract(
        "Peter Olsen and Maria Gomez disagree about the bridge.\n\n"
        "Maria Gomez: “We must build it now.” Peter Olsen: “We cannot afford it.”"
    )
    assert found.speaker_of("We must build").name == "Maria Gomez"
    assert found.speaker_of("We cannot afford").name == "Peter Olsen"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("The board approved a budget which says the county “will hire forty nurses.”", "will hire", "board"),
        ("The mayor unveiled a plaque which read “Built by the people” at the ceremony.", "Built by", "mayor"),
    ],
)
def test_clause_subject_fallback_climbs_out_of_a_relative_clause_whose_subject_cannot_speak(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """A partial quote in 'a plaque which read "Q"' goes to the subject of the clause around the relative clause."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('Ann Lee vented to her husband, Tom Reed, that it would be "a long fight."', "a long fight", "Ann Lee"),
        ('Later, Ann Lee grumbled to her aide, Tom Reed, that it was "a rigged process."', "a rigged process", "Ann Lee"),
        # with no speaking subject further up, "it" is still the clause's subject
        ('It was Mr. Reed\'s rejection of "a politics of fear" that made his name.', "a politics of fear", "It"),
    ],
)
def test_clause_subject_fallback_prefers_a_speaker_above_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'X vented that it would be "Q"': the subject "it" is what X talks about, so the fallback climbs on to X."""
    assert extract(text).quote(quote).mention.text == speaker


def test_relative_pronoun_is_the_mention_and_resolves_to_its_head(extract: Callable[[str], Found]) -> None:
    """'X, who said "Q"' keeps 'who' as the mention and names X."""
    found = extract("The plan was backed by Senator Ruth Adler, who said it was “long overdue” for the state.")
    quote = found.quote("long overdue")
    assert quote.mention.text == "who"
    assert found.speaker_of("long overdue").name == "Ruth Adler"


@pytest.mark.parametrize(
    "text",
    [
        "Critics call the plan “a boondoggle.” Lena Hartwig shrugged. “Next question.”",
        "Asked about the plan, which critics call “a boondoggle,” Lena Hartwig shrugged. “Next question.”",
    ],
)
def test_a_quote_after_a_partial_goes_to_the_lead_in_before_it(extract: Callable[[str], Found], text: str) -> None:
    """After quoted words of another speaker, a quote with no cue goes to the person of the sentence before it."""
    assert extract(text).speaker_of("Next question").name == "Lena Hartwig"


def test_quote_paragraph_takes_the_speaker_of_the_lead_in_before_it(extract: Callable[[str], Found]) -> None:
    """A quote paragraph with no cue goes to the speaker introduced at the end of the paragraph before."""
    found = extract(
        "The vote was close.\n\nAfterwards, Senator Maria Lopez told reporters what she thought.\n\n"
        "“This is only the beginning of the fight.”"
    )
    assert found.speaker_of("This is only the beginning").name == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Talks may stall while the port is rebuilt, Karl Menon said. “The other question is money. Nobody has it.”",
            "The other question",
            "Karl Menon",
        ),
        (
            "On March 3, Lena Hartwig made the following remark:\n\n“Our schools cannot wait another year.”",
            "Our schools",
            "Lena Hartwig",
        ),
    ],
)
def test_quote_opening_a_sentence_takes_the_speaker_of_the_sentence_before(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """A quote with no cue that opens a sentence or paragraph goes to the speaker of the sentence just before."""
    assert extract(text).speaker_of(quote).name == speaker


def test_quote_after_a_sentence_without_a_speaker_stays_unattributed(extract: Callable[[str], Found]) -> None:
    """The sentence before must name a speaker: a plain statement hands the quote to nobody."""
    found = extract("The council met on Monday. “Nothing was decided.”")
    assert found.quote("Nothing was decided").speaker_id is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The ad ends with footage of Tom Brandt saying at the forum, “That makes me clever,” when Ines Moreau attacked him.",
            "Tom Brandt",
        ),
        ("“That makes me clever,” Tom Brandt said when Ines Moreau attacked him.", "Tom Brandt"),
        ("“That makes me clever,” as Tom Brandt said on Monday.", "Tom Brandt"),
    ],
)
def test_a_cue_in_a_when_clause_after_the_quote_reacts_to_it(
    extract: Callable[[str], Found], text: str, speaker: str
) -> None:
    """A reporting verb heading a "when" clause after a quote is a reaction; the name before a participle speaks."""
    assert extract(text).speaker_of("That makes me clever").name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("The city council issued a statement calling the strike “a reckless gamble.”", "a reckless gamble", "city council"),
        ("Marta Quill released a note on Friday calling the plan “dead on arrival.”", "dead on arrival", "Marta Quill"),
        # through the relative pronoun of the document
        ("Marta Quill released a letter on Friday that says the plan is “dead on arrival.”", "dead on arrival", "Marta Quill"),
        ("The mayor issued a statement that called the strike “a reckless gamble” by the union.", "a reckless gamble", "mayor"),
    ],
)
def test_a_document_speaks_for_whoever_issued_it(extract: Callable[[str], Found], text: str, quote: str, speaker: str) -> None:
    """A statement or note that is the object of "issued" or "released" hands its words to the issuer."""
    assert speaker in extract(text).speaker_of(quote).name


@pytest.mark.parametrize("text", ["“We are ready” -- and, later, the team left.", "“We are ready” - a claim nobody believed."])
def test_dash_before_lower_case_words_is_no_byline(extract: Callable[[str], Found], text: str) -> None:
    """A dash followed by ordinary words is punctuation, not a speaker's byline."""
    quote = extract(text).quote("We are ready")
    assert quote.mention is None or quote.mention.text not in ("and", "a")


def test_speaker_after_the_quote_survives_a_misparse_into_the_quote(extract: Callable[[str], Found]) -> None:
    """When the parser hangs 'said' under a verb inside the quote, the name next to 'said' still speaks."""
    found = extract(
        "The county is reviewing the fire.\n“Here is my word to all of you: We will rebuild every house,” "
        "county fire Chief Dana Webb said Monday."
    )
    quote = found.quote("Here is my word")
    assert quote.mention is not None and "Webb" in quote.mention.text


def test_cue_windows_stop_at_a_line_break(extract: Callable[[str], Found]) -> None:
    """A verb on the next line never attributes a quote that ends the line before."""
    found = extract("“The tide tables were wrong,” she said. “Twice this week.”\nThe Harbor Office said little.")
    assert found.speaker_of("Twice this week").name != "Harbor Office"


def test_mid_sentence_direct_quote_goes_to_the_clause_subject(extract: Callable[[str], Found]) -> None:
    """A direct quote inside a sentence with no cue goes to the subject of the clause around it."""
    found = extract("Senator Maria Lopez took the heckling in stride -- “Thanks for coming out” -- and went on.")
    assert found.speaker_of("Thanks for coming out").name == "Maria Lopez"


def test_punctuation_is_never_a_speaker(extract: Callable[[str], Found]) -> None:
    """A dash the tagger calls a noun is not the subject of the cue."""
    found = extract("The harvest was finally in ― Maria Lopez boasted, “Best crop in a decade.”")
    assert found.quote("Best crop").mention.text == "Maria Lopez"


def test_speech_verb_beats_a_belief_in_the_same_sentence(extract: Callable[[str], Found]) -> None:
    """In 'X said, most people believe "Q"', the quote is reported by X, not by the believers."""
    found = extract("By now, Mayor Maria Lopez said, most residents have come to believe “that the ferry pays for itself.”")
    assert found.speaker_of("that the ferry pays").name == "Maria Lopez"


def test_colon_lead_in_without_a_cue_goes_to_the_clause_subject(extract: Callable[[str], Found]) -> None:
    """'The report ends with a warning: "Q"' gives Q to the report."""
    found = extract("The report ends with a stark warning: “The river will be dry within ten years.”")
    assert found.speaker_of("The river will be dry").name.endswith("report")


@pytest.mark.parametrize(
    ("text", "cue_type"),
    [
        ("“We are ready,” Maria Lopez said.", "speech"),
        ("“We are ready,” Maria Lopez wrote on Monday.", "writing"),
        ("Maria Lopez believes the plan is “almost ready” for a vote.", "thought"),
    ],
)
def test_cue_type_tells_speech_thought_and_writing(extract: Callable[[str], Found], text: str, cue_type: str) -> None:
    """Each cue says whether it reports speech, thought or writing."""
    quote = extract(text).extraction.quotes[0]
    assert quote.cue is not None and quote.cue.type == cue_type


def test_possessive_pronoun_owns_a_reporting_noun(extract: Callable[[str], Found]) -> None:
    """'his claim that the trial would be "a waste of time"' gives the quote to the owner of the claim."""
    found = extract(
        "Governor Paul Grant spoke on Monday. Despite his claim that the trial would be “a waste of time,” "
        "the jury sat for a week."
    )
    assert found.quote("a waste of time").mention.text == "his"
    assert found.speaker_of("a waste of time").name == "Paul Grant"



@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Olga Brandt said the council had lost its way, and Peter Holm says the budget is \"a slow-motion disaster.\"",
            "a slow-motion disaster",
            "Peter Holm",
        ),
        (
            "Ada Brun accuses the council of \"hiding the numbers\" and Karl Voss says it is \"losing the plot.\"",
            "losing the plot",
            "Karl Voss",
        ),
        (
            "Mayor Lena Ortiz said she backs the levy, which Raul Diaz calls \"a tax on breathing\" in every speech.",
            "a tax on breathing",
            "Raul Diaz",
        ),
        (
            "Tom Pell is assuring voters he is ready after a farmer in Ames told him she worries he is \"too soft\" on trade.",
            "too soft",
            "farmer",
        ),
        # the outermost cue still wins over a verb inside its content
        (
            "Mayor Lena Ortiz said on Monday that Raul Diaz believes the levy is \"a tax on breathing\" for everyone.",
            "a tax on breathing",
            "Lena Ortiz",
        ),
    ],
)
def test_a_cue_with_its_own_subject_keeps_a_partial_quote_from_the_clause_around_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """Climbing from a partial quote stops at a cue that has its own subject once the climb leaves its clause.

    A conjoined clause ("..., and Y says"), a relative clause ("which Y calls") or an adverbial clause
    ("after Y told him") reports on its own; only a cue whose content holds the quote's clause overrides it.
    """
    assert speaker in extract(text).speaker_of(quote).name


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        ("\"The plan is sound,\" Mayor Ana Ruiz said. \"We start in May.\" She added, \"The money is there.\"", "We start in May", "Ana Ruiz"),
        ("\"The plan is sound,\" Mayor Ana Ruiz said. \"We start in May.\" She added that the money was there.", "We start in May", "Ana Ruiz"),
        # a cue with an object of its own reports that object
        ("\"The plan is sound,\" Mayor Ana Ruiz said. \"We start in May.\" She noted a public hearing on Tuesday.", "We start in May", "Ana Ruiz"),
        ("\"The plan is sound,\" Mayor Ana Ruiz said. \"We start in May.\" Lee described the budget as thin.", "We start in May", "Ana Ruiz"),
        # a cue without words of its own after a sentence-ending quote still speaks it
        ("\"We start in May.\" Ana Ruiz said on Monday.", "We start in May", "Ana Ruiz"),
    ],
)
def test_a_cue_opening_the_next_report_does_not_take_the_quote_before_it(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """After a quote that ends its sentence, "He added, "Q3"", "He added that ..." or "She noted a hearing" is the next report's cue."""
    found = extract(text).quote(quote)
    assert found.mention is not None and found.mention.text == mention


def _parsed(nlp: Language, rows: list[tuple[str, str, str, str, str, int, str]]) -> Doc:
    """Build a parse by hand from (word, space, pos, tag, dep, head, entity IOB) rows, to pin down a misparse."""
    words = [row[0] for row in rows]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[row[1] == " " for row in rows],
        pos=[row[2] for row in rows],
        tags=[row[3] for row in rows],
        deps=[row[4] for row in rows],
        heads=[row[5] for row in rows],
        lemmas=[w.lower() for w in words],
        ents=[row[6] for row in rows],
    )


def test_colon_lead_in_hung_under_the_quote_still_gives_its_subject(nlp: Language) -> None:
    """When the parser makes the lead-in's verb a complement of the quote's verb, its subject still speaks."""
    text = 'Rita Moss delivered a message to Grant: "It is time to go."'
    doc = _parsed(
        nlp,
        [
            ("Rita", " ", "PROPN", "NNP", "compound", 1, "B-PERSON"),
            ("Moss", " ", "PROPN", "NNP", "nsubj", 2, "I-PERSON"),
            ("delivered", " ", "VERB", "VBD", "ccomp", 10, "O"),
            ("a", " ", "DET", "DT", "det", 4, "O"),
            ("message", " ", "NOUN", "NN", "dobj", 2, "O"),
            ("to", " ", "ADP", "IN", "prep", 2, "O"),
            ("Grant", "", "PROPN", "NNP", "pobj", 5, "B-PERSON"),
            (":", " ", "PUNCT", ":", "punct", 6, "O"),
            ('"', "", "PUNCT", "``", "punct", 10, "O"),
            ("It", " ", "PRON", "PRP", "nsubj", 10, "O"),
            ("is", " ", "AUX", "VBZ", "ROOT", 10, "O"),
            ("time", " ", "NOUN", "NN", "attr", 10, "O"),
            ("to", " ", "PART", "TO", "aux", 13, "O"),
            ("go", "", "VERB", "VB", "relcl", 11, "O"),
            (".", "", "PUNCT", ".", "punct", 10, "O"),
            ('"', "", "PUNCT", "''", "punct", 10, "O"),
        ],
    )
    assert doc.text == text
    plan = _plan(text, kinds=("direct", "partial"))
    found = Found(_attribute(plan, doc))
    assert found.speaker_of("It is time").name == "Rita Moss"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("The bill failed on Tuesday.\n\n\"They never wanted a deal on the bridge,\" Senator Ida Kamp fumed after the vote.", "They never", "Ida Kamp"),
        (
            "The bill failed on Tuesday.\n\n\"Everyone told her to stop, and she kept going,\" remembered Oskar Lind, the firm's former spokesman.",
            "Everyone told her",
            "Oskar Lind",
        ),
        ("\"We will see,\" Ana Ruiz shrugged.", "We will see", "Ana Ruiz"),
        # a document after the verb
        ("The campaign sent an email on Monday.\n\n\"Our volunteers knocked on every door in the county,\" read the email.", "Our volunteers", "email"),
        # a name the tagger takes for a common noun
        ("The mayor took questions.\n\n“Will the toll stay the same next year?” Tanner pressed.", "Will the toll", "Tanner"),
        # the comma before a nested quote's closing mark
        ("\"Leaders honored Ada Brun for what they called 'the comeback of the decade,'\" the article read.", "Leaders honored", "article"),
    ],
)
def test_any_verb_right_after_a_comma_closed_quote_attributes_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'"Q," X fumed' and '"Q," remembered X' give Q to X although the verb is no known reporting verb."""
    assert extract(text).speaker_of(quote).name == speaker


def test_name_opening_the_window_after_a_quote_beats_a_subject_parsed_after_the_cue(nlp: Language) -> None:
    """In '"Q," Holm, an adviser, said on Radio North' the name set off before the cue speaks, not the show."""
    text = '"We are ready," Holm, an adviser, said on Radio North.'
    doc = _parsed(
        nlp,
        [
            ('"', "", "PUNCT", "``", "punct", 2, "O"),
            ("We", " ", "PRON", "PRP", "nsubj", 2, "O"),
            ("are", " ", "AUX", "VBP", "ccomp", 11, "O"),
            ("ready", "", "ADJ", "JJ", "acomp", 2, "O"),
            (",", "", "PUNCT", ",", "punct", 2, "O"),
            ('"', " ", "PUNCT", "''", "punct", 6, "O"),
            ("Holm", "", "PROPN", "NNP", "appos", 3, "B-PERSON"),
            (",", " ", "PUNCT", ",", "punct", 6, "O"),
            ("an", " ", "DET", "DT", "det", 9, "O"),
            ("adviser", "", "NOUN", "NN", "appos", 6, "O"),
            (",", " ", "PUNCT", ",", "punct", 11, "O"),
            ("said", " ", "VERB", "VBD", "ROOT", 11, "O"),
            ("on", " ", "ADP", "IN", "prep", 11, "O"),
            ("Radio", " ", "PROPN", "NNP", "compound", 14, "B-ORG"),
            ("North", "", "PROPN", "NNP", "nsubj", 11, "I-ORG"),
            (".", "", "PUNCT", ".", "punct", 11, "O"),
        ],
    )
    assert doc.text == text
    doc[11].lemma_ = "say"
    found = Found(_attribute(_plan(text, kinds=("direct", "partial")), doc))
    assert found.speaker_of("We are ready").name == "Holm"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("\"The bridge is unsafe,\" Mayor Ana Ruiz said, according to the Harbor Times.", "The bridge is unsafe", "Ana Ruiz"),
        ("Mayor Ana Ruiz said the bridge was \"unsafe and old,\" according to the Harbor Times.", "unsafe and old", "Ana Ruiz"),
    ],
)
def test_a_speaker_with_her_own_cue_keeps_her_quote_when_a_source_reports_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'"Q," X said, according to the Times' is X's quote: the Times only reports it (a careful reader's answer)."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "The guests included the singer Ada Brun, who joked of the new hall, \"I haven't sung here in years, but I'm going to.\"",
            "I haven't sung",
            "Ada Brun",
        ),
        ("Among the replies was one from Karl Voss who tweeted, \"Nobody on the board ever reads the rules.\"", "Nobody on the board", "Karl Voss"),
    ],
)
def test_relative_clause_cue_right_before_a_quote_introduces_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'X, who joked, "Q"' gives Q to X through the relative pronoun when no other verb comes between."""
    found = extract(text)
    assert found.speaker_of(quote).name == speaker
    assert found.quote(quote).mention.text == "who"


def test_cue_without_a_parsed_subject_takes_the_name_opening_its_line(nlp: Language) -> None:
    """'Berg, in Bergen, said that ...' after a line without a full stop: the parse hangs Berg on the line before."""
    text = 'The vote is near\nBerg, in Bergen, said that Voss was "a fraud" today.'
    rows = [
        ("The", " ", "DET", "DT", "det", 1, "O"),
        ("vote", " ", "NOUN", "NN", "nsubj", 2, "O"),
        ("is", " ", "AUX", "VBZ", "ROOT", 2, "O"),
        ("near", "", "ADV", "RB", "advmod", 2, "O"),
        ("\n", "", "SPACE", "_SP", "dep", 3, "O"),
        ("Berg", "", "PROPN", "NNP", "appos", 3, "B-PERSON"),
        (",", " ", "PUNCT", ",", "punct", 5, "O"),
        ("in", " ", "ADP", "IN", "prep", 5, "O"),
        ("Bergen", "", "PROPN", "NNP", "pobj", 7, "B-GPE"),
        (",", " ", "PUNCT", ",", "punct", 10, "O"),
        ("said", " ", "VERB", "VBD", "ROOT", 10, "O"),
        ("that", " ", "SCONJ", "IN", "mark", 13, "O"),
        ("Voss", " ", "PROPN", "NNP", "nsubj", 13, "B-PERSON"),
        ("was", " ", "AUX", "VBD", "ccomp", 10, "O"),
        ('"', "", "PUNCT", "``", "punct", 16, "O"),
        ("a", " ", "DET", "DT", "det", 16, "O"),
        ("fraud", "", "NOUN", "NN", "attr", 13, "O"),
        ('"', " ", "PUNCT", "''", "punct", 16, "O"),
        ("today", "", "NOUN", "NN", "npadvmod", 10, "O"),
        (".", "", "PUNCT", ".", "punct", 10, "O"),
    ]
    doc = _parsed(nlp, rows)
    assert doc.text == text
    doc[10].lemma_ = "say"
    found = Found(_attribute(_plan(text, kinds=("direct", "partial")), doc))
    assert found.speaker_of("a fraud").name == "Berg"


@pytest.mark.parametrize(
    "text",
    [
        "Ida Kamp went to the rally hoping the crowd would be \"big and loud\" this time.",
        "Ida Kamp spent the week pounding the mayor, whose budget is \"a slow-motion disaster,\" in every speech.",
    ],
)
def test_clause_subject_fallback_climbs_past_a_subject_that_cannot_speak(extract: Callable[[str], Found], text: str) -> None:
    """A partial quote whose own clause's subject is a thing ("the crowd", "budget") goes to the speaker above it."""
    assert extract(text).extraction.quotes[-1].mention.text == "Ida Kamp"


def test_object_of_prompt_speaks_through_the_infinitive_cue(extract: Callable[[str], Found]) -> None:
    """In 'That prompted X to make a joke and call Y "Q"', X calls Y that, not Y (object control)."""
    found = extract('That prompted Ida Kamp to make a joke about yoga and call Voss "very flexible," a nod to his many changes of mind.')
    assert found.speaker_of("very flexible").name == "Ida Kamp"


def test_speaker_after_an_inverted_cue_parsed_as_its_object_still_speaks(extract: Callable[[str], Found]) -> None:
    """'"Q," added another Vermont Democrat' gives Q to the Democrat although the parse makes him the object."""
    found = extract("\"It's hers to lose at this point,\" added another Vermont Democrat.")
    assert found.speaker_of("It's hers").name == "Democrat"


def test_climb_from_a_partial_quote_stays_on_its_line(nlp: Language) -> None:
    """A parse run on across a single line break must not hand the quote to the next line's cue."""
    text = 'Schools rally\n\nAna Ruiz said it sends a message that "we care."\n"Go home," said Voss.'
    rows = [
        ("Schools", " ", "NOUN", "NNS", "nsubj", 1, "O"),
        ("rally", "", "VERB", "VBP", "ROOT", 1, "O"),
        ("\n\n", "", "SPACE", "_SP", "dep", 1, "O"),
        ("Ana", " ", "PROPN", "NNP", "compound", 4, "B-PERSON"),
        ("Ruiz", " ", "PROPN", "NNP", "nsubj", 5, "I-PERSON"),
        ("said", " ", "VERB", "VBD", "ccomp", 22, "O"),
        ("it", " ", "PRON", "PRP", "nsubj", 7, "O"),
        ("sends", " ", "VERB", "VBZ", "ccomp", 5, "O"),
        ("a", " ", "DET", "DT", "det", 9, "O"),
        ("message", " ", "NOUN", "NN", "dobj", 7, "O"),
        ("that", " ", "SCONJ", "IN", "mark", 13, "O"),
        ('"', "", "PUNCT", "``", "punct", 13, "O"),
        ("we", " ", "PRON", "PRP", "nsubj", 13, "O"),
        ("care", "", "VERB", "VBP", "acl", 9, "O"),
        (".", "", "PUNCT", ".", "punct", 5, "O"),
        ('"', "", "PUNCT", "''", "punct", 5, "O"),
        ("\n", "", "SPACE", "_SP", "dep", 15, "O"),
        ('"', "", "PUNCT", "``", "punct", 18, "O"),
        ("Go", " ", "VERB", "VB", "ccomp", 22, "O"),
        ("home", "", "ADV", "RB", "advmod", 18, "O"),
        (",", "", "PUNCT", ",", "punct", 18, "O"),
        ('"', " ", "PUNCT", "''", "punct", 22, "O"),
        ("said", " ", "VERB", "VBD", "ROOT", 22, "O"),
        ("Voss", "", "PROPN", "NNP", "nsubj", 22, "B-PERSON"),
        (".", "", "PUNCT", ".", "punct", 22, "O"),
    ]
    doc = _parsed(nlp, rows)
    assert doc.text == text
    for i in (5, 22):
        doc[i].lemma_ = "say"
    found = Found(_attribute(_plan(text, kinds=("direct", "partial")), doc))
    assert found.speaker_of("we care").name == "Ana Ruiz"
    assert found.speaker_of("Go home").name == "Voss"


def test_a_cue_given_a_quoted_subject_too_keeps_its_own_unquoted_subject(extract: Callable[[str], Found]) -> None:
    """A parse that runs a quote's last words into the next cue ('Never, Hillary." Another commenter said') gives
    the cue a quoted subject as well; the subject outside the quote speaks."""
    found = extract(
        "One man wrote, “She waddles up there and could barely bend over. What a pandering mess. Never, never Hillary.”\n\n"
        "Another commenter said, “We all know how she feels about the police, and our military for that matter.”"
    )
    assert found.quote("We all know").mention.text == "Another commenter"


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        ('Voters in Ohio were worried about the economy; most said they were "very worried."', "very worried", "most"),
        ("Ann Lee spoke first. Another said, “We all know how she feels about the police.”", "We all know", "Another"),
        ('Tom Reed won 40 percent. However, 63 percent said Reed was "justified" in keeping the report private.', "justified", "63 percent"),
    ],
)
def test_a_share_of_people_speaks_through_its_cue(extract: Callable[[str], Found], text: str, quote: str, mention: str) -> None:
    """'most said', 'another said', '63 percent said' give the quote to the share, not to a pronoun or name inside."""
    assert extract(text).quote(quote).mention.text == mention


def test_a_share_answering_a_poll_leaves_the_quote_to_the_poll(extract: Callable[[str], Found]) -> None:
    """'The poll finds that, while 37 percent say X is "Q"': the poll reports the share's answer."""
    found = extract(
        'The Marist poll also finds that, while 37 percent of Americans say Reed is "very responsible" for the delays, '
        '22 percent say he is "not at all responsible."'
    )
    assert found.quote("very responsible").mention.text == "The Marist poll"


@pytest.mark.parametrize(
    "text",
    [
        'Once a small fringe, this "alternative" information ecosystem now includes websites and radio programs.',
        "To join, click “sign up.” That is all there is to it.",
        'Once a small fringe, this "alternative news media" ecosystem now includes websites and radio programs.',
    ],
)
def test_a_scare_quoted_term_nobody_says_is_no_quote(extract: Callable[[str], Found], text: str) -> None:
    """Up to three words in quotation marks inside a sentence, with no speaker found, mark a term: no quote."""
    assert [q.text for q in extract(text).extraction.quotes if q.kind != "indirect"] == []


def test_a_four_word_partial_quote_nobody_says_stays(extract: Callable[[str], Found]) -> None:
    """Four quoted words are more than a term: the quote stays, with no speaker, for the reader to weigh."""
    found = extract('Once a small fringe, this "alternative news and opinion" ecosystem now includes websites.')
    assert [q.text for q in found.extraction.quotes if q.kind != "indirect"] == ["alternative news and opinion"]


def test_a_short_partial_quote_with_a_speaker_stays(extract: Callable[[str], Found]) -> None:
    """The term rule leaves attributed short quotes alone ('Lee called the plan "a disaster"')."""
    assert extract('Lee called the plan "a disaster" on Monday.').speaker_of("a disaster").name == "Lee"


def test_a_date_parsed_as_the_cue_subject_leaves_the_name_before_the_cue_speaking(extract: Callable[[str], Found]) -> None:
    """'Saturday at the convention Sen. Ann Lee (D-OH) said X was a "Q"', parsed with "Saturday" as the subject of
    "said", is Lee's quote, not the embedded clause's subject's."""
    found = extract(
        "Ann Lee: Tom Reed Is a ‘Proven Failure’ in Business.\n\n"
        "Saturday at the Ohio Democratic state’s party convention Sen. Ann Lee (D-OH) said presumptive Republican "
        "presidential nominee Tom Reed was a “proven failure” in business."
    )
    assert found.speaker_of("proven failure").name == "Ann Lee"


def test_a_cue_past_a_conjunction_after_a_partial_quote_does_not_attribute_it(extract: Callable[[str], Found]) -> None:
    """In 'lumping them in with the "cartel" and calling Tom Reed a liar' the sentence goes on past the quote: the
    one called a liar did not say "cartel"."""
    found = extract("This means lumping the senators in with the “Boston cartel” and calling Majority Leader Tom Reed a liar.")
    names = {s.id: s.name for s in found.extraction.speakers}
    assert [names.get(q.speaker_id) for q in found.extraction.quotes if q.kind == "partial"] in ([], [None])


def test_a_cue_past_a_comma_after_a_partial_quote_still_attributes_it(extract: Callable[[str], Found]) -> None:
    """'... even with a "good" job, he said.' stays the quote of the cue at the end of the sentence."""
    found = extract('Tom Reed studies student debt. Those who borrow a lot struggle, even with a "good" job, he said.')
    assert found.quote("good").mention.text == "he"


def test_a_user_after_an_inverted_tweeted_speaks(extract: Callable[[str], Found]) -> None:
    """'"Q," tweeted a German user' gives Q to the user, parsed as the object of "tweeted" ('tweet' in inverting_cues)."""
    found = extract(
        'The incidents have fed anger.\n\n"It is not correct to say anything against them. We have no freedom anymore," '
        "tweeted a German user from Hanover."
    )
    assert found.quote("It is not correct").mention.text == "a German user"


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            "The timing of the surge doesn't surprise Republican pollster Dan Shore: “Lesser-known candidates who win "
            "early contests have always seen the biggest boost in their national support.”",
            "Lesser-known candidates",
            "Dan Shore",
        ),
        (
            "More from Ann Whitcombe and Tom Reedley: “Data collected by our firm helps confirm that both issues were real.”",
            "Data collected",
            "Tom Reedley",
        ),
    ],
)
def test_a_person_named_right_before_the_colon_of_a_lead_in_speaks(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """A lead-in whose last words name a person before the colon hands the quote to that person."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            "In 2012, under what Mr. Dalby called ''the old membership model,'' the Pine Hollow Golf Club, a private "
            "course near the coast, announced that it would cut its fees.",
            "the old membership model",
            "Mr. Dalby",
        ),
        (
            "Under what Ms. Ortega called ''a rescue plan,'' the city council said it would approve the loans.",
            "a rescue plan",
            "Ms. Ortega",
        ),
    ],
)
def test_a_cue_clause_under_a_preposition_keeps_its_partial_quote(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'Under what X called "Q", Y did ...': the cue's own subject said Q, not a speaker of the sentence around it."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The four "loopholes" he cited are "the ability to write off losses, to delay payments and to claim credits '
            'twice," the Daily Ledger reported.',
            "the ability to write off",
            "the Daily Ledger",
        ),
        (
            'Mr. Reed spoke for an hour. The two "mistakes" he admitted were "trusting the lenders and ignoring the '
            'auditors," the Ledger reported.',
            "trusting the lenders",
            "Ledger",
        ),
    ],
)
def test_a_trailing_attribution_beats_a_relative_clause_cue_in_the_subject(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'The items he cited are "Q," the outlet reported.': the cue after the comma names the speaker."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The former teacher gave a short speech in the park.\n\n"We will win this fall, and we will win it together," '
            "said the 52-year-old.",
            "We will win this fall",
            "52-year-old",
        ),
        (
            'The clip spread fast online.\n\n"What if the mayor had taken singing lessons?" the 38-year-old asked in a post.',
            "What if the mayor",
            "38-year-old",
        ),
    ],
)
def test_a_person_named_by_an_age_speaks(extract: Callable[[str], Found], text: str, quote: str, mention: str) -> None:
    """'"Q," said the 52-year-old': the age names a person, parsed as "old" over "year", who says Q."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('We rate it True.">Lee said that for young people, "the real rate is 51 percent." The terms were off.', "the real rate"),
        ('See the tweet.</tweet>Lee said the plan was "a mess" from the start.', "a mess"),
    ],
)
def test_markup_glued_to_a_name_is_left_out_of_the_mention(extract: Callable[[str], Found], text: str, quote: str) -> None:
    """Markup left in the text ('">Lee') is tokenised with the name; the mention and the speaker's name start at the name."""
    found = extract(text)
    assert found.quote(quote).mention.text == "Lee"
    assert found.speaker_of(quote).name == "Lee"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        (
            'Notebook.\n\n"The town deserves a new bridge, and it deserves it now."\n\n-Governor Ann Lee, speaking in '
            "Dayton.\n\nquotable.",
            "Ann Lee",
        ),
        (
            'Notebook.\n\n"Great speech. She is ready. She never quits."\n\n-President Obama, tweeting after the '
            "speech.\n\nquotable.",
            "President Obama",
        ),
    ],
)
def test_a_byline_whose_dash_is_glued_to_the_name_names_the_speaker(
    extract: Callable[[str], Found], text: str, mention: str
) -> None:
    """'"Q"\\n\\n-Governor Ann Lee, ...' is tokenised with the dash on the first word; the byline still names the
    speaker, and the mention leaves the dash out."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind != "indirect"]
    assert [q.mention.text if q.mention else None for q in quotes] == [mention]


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The Daily Ledger recently ran a piece that noted his "tax plan would help the richest families far more '
            'than the poorest ones."',
            "tax plan would help",
            "The Daily Ledger",
        ),
        (
            'The Daily Ledger printed an editorial that noted her "budget would leave the schools short for years."',
            "budget would leave",
            "The Daily Ledger",
        ),
    ],
)
def test_a_newspaper_piece_speaks_for_the_paper_that_ran_it(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'The Ledger ran a piece that noted "Q"': a piece, article, column or editorial is a document its publisher issues."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('Mayor Ann Lee was asked on Sunday, "What is the hardest part of the job?"', "What is the hardest part"),
        ('The council met on Monday. Tom Reed was told, "You will have to find the money yourself."', "You will have to"),
    ],
)
def test_the_subject_of_a_passive_asked_or_told_does_not_say_the_quote(
    extract: Callable[[str], Found], text: str, quote: str
) -> None:
    """'X was asked, "Q"' and 'X was told, "Q"': X hears the words, someone else says them."""
    assert extract(text).quote(quote).mention is None


def test_a_name_parsed_as_a_compound_of_the_verb_after_a_comma_closed_quote_speaks(nlp: Language) -> None:
    """'"Q," Reed barked and ...' parsed with "Reed" as a compound of "barked" and no subject: the name speaks."""
    text = '"Sit down," Reed barked and a guard walked in.'
    doc = _parsed(
        nlp,
        [
            ('"', "", "PUNCT", "``", "punct", 1, "O"),
            ("Sit", " ", "VERB", "VB", "ROOT", 1, "O"),
            ("down", "", "ADP", "RP", "prt", 1, "O"),
            (",", "", "PUNCT", ",", "punct", 1, "O"),
            ('"', " ", "PUNCT", "''", "punct", 1, "O"),
            ("Reed", " ", "PROPN", "NNP", "compound", 6, "B-PERSON"),
            ("barked", " ", "VERB", "VBN", "ROOT", 6, "O"),
            ("and", " ", "CCONJ", "CC", "cc", 6, "O"),
            ("a", " ", "DET", "DT", "det", 9, "O"),
            ("guard", " ", "NOUN", "NN", "nsubj", 10, "O"),
            ("walked", " ", "VERB", "VBD", "conj", 6, "O"),
            ("in", "", "ADP", "RP", "prt", 10, "O"),
            (".", "", "PUNCT", ".", "punct", 6, "O"),
        ],
    )
    assert doc.text == text
    found = Found(_attribute(_plan(text, kinds=("direct", "partial")), doc))
    assert found.quote("Sit down").mention.text == "Reed"


def test_a_capitalised_word_alone_after_an_inverted_said_is_the_speaker(nlp: Language) -> None:
    """'"Q," said Skelly, explaining ...' with "Skelly" tagged as an adverb: the word after "said" speaks."""
    text = '"It works," said Vasko, explaining he liked it.'
    doc = _parsed(
        nlp,
        [
            ('"', "", "PUNCT", "``", "punct", 2, "O"),
            ("It", " ", "PRON", "PRP", "nsubj", 2, "O"),
            ("works", "", "VERB", "VBZ", "ccomp", 5, "O"),
            (",", "", "PUNCT", ",", "punct", 5, "O"),
            ('"', " ", "PUNCT", "''", "punct", 5, "O"),
            ("said", " ", "VERB", "VBD", "ROOT", 5, "O"),
            ("Vasko", "", "ADV", "RB", "advmod", 5, "O"),
            (",", " ", "PUNCT", ",", "punct", 5, "O"),
            ("explaining", " ", "VERB", "VBG", "advcl", 5, "O"),
            ("he", " ", "PRON", "PRP", "nsubj", 10, "O"),
            ("liked", " ", "VERB", "VBD", "ccomp", 8, "O"),
            ("it", "", "PRON", "PRP", "dobj", 10, "O"),
            (".", "", "PUNCT", ".", "punct", 5, "O"),
        ],
    )
    assert doc.text == text
    doc[5].lemma_ = "say"
    doc[8].lemma_ = "explain"
    found = Found(_attribute(_plan(text, kinds=("direct", "partial")), doc))
    assert found.quote("It works").mention.text == "Vasko"


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'His aides removed the pledge from the draft and replaced it with softer language calling for "appropriate '
            'help to our allies."',
            "appropriate help",
            "His aides",
        ),
        (
            'Mayor Reed has long backed the plan, at one point calling the council a "bunch of cowards" who would not act.',
            "bunch of cowards",
            "Reed",
        ),
    ],
)
def test_a_noun_that_cannot_speak_does_not_say_the_participle_cue_hung_on_it(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'softer language calling for "Q"', 'at one point calling X a "Q"': only a name, a speaker noun or a document
    speaks through a participle attached to it."""
    assert extract(text).quote(quote).mention.text == mention


def test_the_sender_not_the_addressees_says_a_participle_cue_on_the_object(extract: Callable[[str], Found]) -> None:
    """'X emailed supporters saying: "Q"': the supporters receive the words; X, the one who emailed them, says Q."""
    found = extract("The senator emailed supporters saying: “The fight goes on, and so do we.”")
    assert found.quote("The fight goes on").mention.text == "The senator"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Many readers asked about the shop. Tom Reed's reply was: “Is it the one on Main Street or the one by the river?”", "Is it the one", "Tom Reed"),
        ("The soldiers wrote home in the spring. Ann Lee’s response was: “Is the parcel coming from Ohio or from Maine?”", "Is the parcel", "Ann Lee"),
    ],
)
def test_a_person_named_among_the_last_words_of_a_lead_in_speaks(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """"X's reply was: "Q"" gives Q to X, named among the last words before the colon."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('The shop opened in May. Ann Lee\'s campaign slogan is "We fix what we break." Her rivals mocked it.', "We fix what", "Ann Lee"),
        ('Tom Reed\'s favourite line to new staff was, "Nobody reads the second page of anything."', "Nobody reads", "Tom Reed"),
    ],
)
def test_the_owner_of_a_slogan_or_reply_equated_with_the_quote_says_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """"X's slogan is "Q"" and "X's line was, "Q"": the owner of the words says Q."""
    assert extract(text).speaker_of(quote).name == speaker


def test_the_issuer_of_a_statement_named_right_before_the_quote_says_it(extract: Callable[[str], Found]) -> None:
    """'X issued a statement, "Q"': the quote is the statement, said by the one who issued it."""
    found = extract(
        "The storm hit the coast overnight. Right after the flooding, Mayor Reed issued a statement, “Our crews worked "
        "all night, and they will keep working until every street is clear.”"
    )
    assert found.quote("Our crews worked").mention.text == "Reed"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "The council met on Tuesday.\n\nMaria Ortega was quick to add that the budget would not change.\n\n"
            "“Raising taxes? Not on the table.”\n\nThe vote is set for June.",
            "Raising taxes",
            "Maria Ortega",
        ),
        (
            "The mill closed in March. Tom Becker is hopeful about the town's chances next year. “We have come back "
            "from worse, and we will come back from this.”",
            "We have come back",
            "Tom Becker",
        ),
    ],
)
def test_the_subject_of_the_sentence_before_a_quote_without_a_cue_introduces_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """A quote after a sentence about a person with no reporting verb ('X is hopeful. "Q."') is that person's."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('The crowd booed.\n"Jeb wants to be a tough guy tonight," Trump shot back. "Let me talk."', "Jeb wants", "Trump"),
    ],
)
def test_a_name_tagged_as_a_verb_after_a_comma_closed_quote_speaks(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'"Q," Trump shot back' with the name read as a verb: the subject of the verb after it still speaks."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'Mayor Ann Lee defended her deputy as a "very honest woman" on Tuesday, hours after the deputy was charged with fraud.',
            "very honest woman",
            "Ann Lee",
        ),
        (
            'Ann Lee fixates on the "hidden costs" of the bridge, while Tom Reed proclaims the plan a success.',
            "hidden costs",
            "Ann Lee",
        ),
    ],
)
def test_a_cue_in_a_subordinate_clause_without_the_quote_does_not_take_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """A reporting verb in an "after"/"while" clause beside the quote ('hours after X was charged') does not speak it."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'Governor Tom Reed refused to budge on Friday, sending out a memo that described the audit as "a fishing expedition."',
            "a fishing",
            "Governor Tom Reed",
        ),
        (
            'Governor Tom Reed held firm on Monday, issuing a letter that called the ruling "a gift to polluters."',
            "a gift",
            "Governor Tom Reed",
        ),
        (
            'Mayor Ann Lee stayed defiant, publishing a letter that branded the ruling "an insult to every taxpayer."',
            "an insult",
            "Ann Lee",
        ),
    ],
)
def test_a_document_issued_by_a_subjectless_participle_speaks_for_the_clause_subject(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'X held firm, issuing a letter that called it "Q"': the issuing verb shares X as its subject, and X issued it."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The rally ended early.\n\n"Neighbors, let me say it plainly - the plant stays open," the silver-haired Republican vice-mayor beamed, waving to the crowd.',
            "Neighbors, let me",
            "the silver-haired Republican vice-mayor",
        ),
        (
            'The fair closed early.\n\n"Folks, let me put it simply - the track stays open," the gray-bearded Republican vice-mayor beamed, waving at the stands.',
            "Folks, let me",
            "the gray-bearded Republican vice-mayor",
        ),
    ],
)
def test_a_long_hyphenated_subject_after_a_comma_closed_quote_still_speaks_through_its_verb(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'"Q," the silver-haired Republican vice-mayor beamed': the verb's reach after the quote counts words, not hyphens."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            'The council met on Monday.\n\nMayor Ann Lee also defended the new parking fees -- "Nobody likes paying, but the roads need repairs."',
            "Nobody likes",
            "Ann Lee",
        ),
        (
            'The park was full.\n\nAs Tom Reed stepped off the stage — "Thank you, and see you at the polls!" — the band started playing.',
            "Thank you",
            "Tom Reed",
        ),
    ],
)
def test_a_named_subject_of_the_clause_a_dash_sets_before_a_quote_speaks(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'Lee also defended the fees -- "Q"': like a colon, a dash after a clause about a person hands her the quote."""
    assert extract(text).speaker_of(quote).name == speaker


def test_a_common_noun_subject_before_a_dash_does_not_take_the_quote(extract: Callable[[str], Found]) -> None:
    """'The committee approved the fees -- "Q"': only a name or a pronoun introduces a quote through a dash."""
    found = extract('The vote was close.\n\nThe committee also approved the new parking fees -- "Nobody likes paying, but the roads need repairs."')
    assert found.quote("Nobody likes").speaker_id is None


def test_the_sentence_fallback_does_not_take_a_cue_from_the_next_paragraph(nlp: Language) -> None:
    """A parse that runs a quote's sentence on into the next paragraph ('..."Q."⏎⏎Lee argued ...') lends it no cue."""
    text = 'Reed voiced a wish to "close it."\n\nLee argued that he joked.'
    doc = _parsed(
        nlp,
        [
            ("Reed", " ", "PROPN", "NNP", "nsubj", 1, "B-PERSON"),
            ("voiced", " ", "VERB", "VBD", "ROOT", 1, "O"),
            ("a", " ", "DET", "DT", "det", 3, "O"),
            ("wish", " ", "NOUN", "NN", "dobj", 1, "O"),
            ("to", " ", "PART", "TO", "aux", 6, "O"),
            ('"', "", "PUNCT", "``", "punct", 6, "O"),
            ("close", " ", "VERB", "VB", "acl", 3, "O"),
            ("it", "", "PRON", "PRP", "dobj", 6, "O"),
            (".", "", "PUNCT", ".", "punct", 1, "O"),
            ('"', "", "PUNCT", "''", "punct", 1, "O"),
            ("\n\n", "", "SPACE", "_SP", "dep", 9, "O"),
            ("Lee", " ", "PROPN", "NNP", "nsubj", 12, "B-PERSON"),
            ("argued", " ", "VERB", "VBD", "conj", 1, "O"),
            ("that", " ", "SCONJ", "IN", "mark", 15, "O"),
            ("he", " ", "PRON", "PRP", "nsubj", 15, "O"),
            ("joked", "", "VERB", "VBD", "ccomp", 12, "O"),
            (".", "", "PUNCT", ".", "punct", 12, "O"),
        ],
    )
    doc[1].lemma_, doc[12].lemma_, doc[15].lemma_ = "voice", "argue", "joke"
    assert doc.text == text
    found = Found(_attribute(_plan(text, kinds=("direct", "partial")), doc))
    assert found.speaker_of("close it").name == "Reed"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ('Ann Lee kept returning to the "missing millions." Tom Reed mentioned the stadium twice.', "missing millions", "Ann Lee"),
        ('Ann Lee dwelt on the "quiet crisis." Tom Reed praised the new bus lanes.', "quiet crisis", "Ann Lee"),
    ],
)
def test_a_cue_in_the_sentence_after_a_partial_quote_that_ends_its_own_does_not_take_it(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'... the "quiet crisis." Tom Reed praised the bus lanes': the next sentence's subject reports nothing of the quote."""
    assert extract(text).speaker_of(quote).name == speaker


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'Pressed about the fee, Ann Lee said only, "Ask the treasurer," and walked off, before Tom Reed began answering questions from the crowd.',
            "Ask the treasurer",
            "Ann Lee",
        ),
        (
            'Asked about the delay, Ann Lee muttered, "Not my department," several times, while Tom Reed kept telling reporters the plan was fine.',
            "Not my department",
            "Ann Lee",
        ),
    ],
)
def test_a_cue_inside_a_subordinate_clause_after_the_quote_does_not_take_it(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'"Q," ..., before Reed began answering': a cue below the "before" clause's verb reacts; the speaker before the quote said it."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        ('The vote was close.\n\n"Nobody on this board was told about the fees," the three write.', "Nobody on this board", "three"),
        ('The vote was close.\n\n"Ann Lee will fight for you," a narrator in the video states.', "Ann Lee will fight", "a narrator"),
        ('The vote was close.\n\n"Voters can trust the plan," the email read. It said the mayor was rattled.', "Voters can trust", "email"),
        ('The storm hit the coast.\n\n"The governor should come to the valley," the editorial read.', "The governor should", "editorial"),
        (
            '"The county is among the top recyclers," the clerks state in the annual report, which was sent on Monday.',
            "The county is among",
            "clerks",
        ),
    ],
)
def test_a_reporting_verb_tagged_as_a_noun_at_the_end_of_a_short_attribution_still_attributes(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'"Q," the three write.' with "write" read as a noun: a noun phrase and that word after the quote name the speaker."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'After Mayor Tom Reed criticized the budget during the forum, Ann Lee shot back, "I balanced four of them."',
            "I balanced four",
            "Ann Lee",
        ),
        (
            'When Senator Kent attacked the bus plan on Monday, Maria Ortiz fired back, "He never rides a bus."',
            "He never rides",
            "Maria Ortiz",
        ),
        (
            'After Mayor Tom Reed criticized the budget during the forum, Ann Lee shot back angrily, "I balanced four of them."',
            "I balanced four",
            "Ann Lee",
        ),
        (
            'When Mayor Tom Reed suggested that the fees would rise again, Ann Lee fired back forcefully: "If they do, they lose."',
            "If they do",
            "Ann Lee",
        ),
    ],
)
def test_a_verb_ending_the_words_before_a_quotes_comma_names_its_subject(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'After Reed criticized ..., Lee shot back, "Q"': the verb right before the comma or colon (an adverb may follow it) is the cue, not an earlier reporting verb."""
    assert extract(text).quote(quote).mention.text == mention


def test_a_relative_clause_verb_before_a_quotes_comma_does_not_name_the_speaker(extract: Callable[[str], Found]) -> None:
    """'the story Kent told about his aunt who wired, "Q"': a relative clause's verb is left to the rules before."""
    found = extract('Lee recalled the story Tom Kent told about his aunt who wired, "Stay home and save the fare."')
    assert found.quote("Stay home").mention.text != "who"


def test_a_lawsuit_speaks_through_the_verb_after_its_quote(extract: Callable[[str], Found]) -> None:
    """'"Q," the suit reads.': a suit is a document its filer issues, so it gives the quote's words."""
    found = extract('The vote was close.\n\n"The clerk was fired without a hearing," the suit reads.')
    assert found.quote("The clerk was fired").mention.text == "the suit"


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The town may get a new charter.\n\nAs the city manager, Tom Reed, put it in a letter to residents explaining the merger, "Imagine a town that leads."',
            "Imagine a town",
            "Tom Reed",
        ),
        ('As the mayor put it, "We cannot pave every road at once."', "We cannot pave", "the mayor"),
    ],
)
def test_as_x_put_it_names_the_speaker_of_the_quote_after_it(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'As Reed put it in a letter to residents explaining the merger, "Q"': Reed, not the residents the participle hangs on."""
    assert extract(text).quote(quote).mention.text == mention


def test_as_x_put_it_names_the_speaker_when_a_quoted_title_cuts_the_lead_in(nlp: Language) -> None:
    """'As Lee, author of "the lost rules," put it, "Q"' parsed with "As Lee" as a phrase: Lee, not "it"."""
    text = 'As Ann Lee, author of "the lost rules," put it, "We must wait."'
    doc = _parsed(
        nlp,
        [
            ("As", " ", "SCONJ", "IN", "mark", 12, "O"),
            ("Ann", " ", "PROPN", "NNP", "compound", 2, "B-PERSON"),
            ("Lee", "", "PROPN", "NNP", "pobj", 0, "I-PERSON"),
            (",", " ", "PUNCT", ",", "punct", 2, "O"),
            ("author", " ", "NOUN", "NN", "appos", 2, "O"),
            ("of", " ", "ADP", "IN", "prep", 4, "O"),
            ('"', "", "PUNCT", "``", "punct", 9, "O"),
            ("the", " ", "DET", "DT", "det", 9, "O"),
            ("lost", " ", "ADJ", "JJ", "amod", 9, "O"),
            ("rules", "", "NOUN", "NNS", "pobj", 5, "O"),
            (",", "", "PUNCT", ",", "punct", 2, "O"),
            ('"', " ", "PUNCT", "''", "punct", 2, "O"),
            ("put", " ", "VERB", "VBD", "advcl", 18, "O"),
            ("it", "", "PRON", "PRP", "dobj", 12, "O"),
            (",", " ", "PUNCT", ",", "punct", 18, "O"),
            ('"', "", "PUNCT", "``", "punct", 18, "O"),
            ("We", " ", "PRON", "PRP", "nsubj", 18, "O"),
            ("must", " ", "AUX", "MD", "aux", 18, "O"),
            ("wait", "", "VERB", "VB", "ROOT", 18, "O"),
            (".", "", "PUNCT", ".", "punct", 18, "O"),
            ('"', "", "PUNCT", "''", "punct", 18, "O"),
        ],
    )
    assert doc.text == text
    plan = _plan(text, kinds=("direct", "partial"))
    found = Found(_attribute(plan, doc))
    assert found.quote("We must wait").mention.text == "Ann Lee"


def test_a_name_opening_its_line_speaks_past_an_inserted_phrase_when_the_parse_lost_it(nlp: Language) -> None:
    """'Ann Lee, in an effort to help, wrote, "Q"' parsed with "Lee" as the last line's object: Lee still speaks."""
    text = 'Reed met.\n\nAnn Lee, in an effort to help, wrote, "We wait."'
    doc = _parsed(
        nlp,
        [
            ("Reed", " ", "PROPN", "NNP", "nsubj", 1, "B-PERSON"),
            ("met", "", "VERB", "VBD", "ROOT", 1, "O"),
            (".", "", "PUNCT", ".", "punct", 1, "O"),
            ("\n\n", "", "SPACE", "_SP", "dep", 2, "O"),
            ("Ann", " ", "PROPN", "NNP", "compound", 5, "B-PERSON"),
            ("Lee", "", "PROPN", "NNP", "dobj", 1, "I-PERSON"),
            (",", " ", "PUNCT", ",", "punct", 1, "O"),
            ("in", " ", "ADP", "IN", "prep", 1, "O"),
            ("an", " ", "DET", "DT", "det", 9, "O"),
            ("effort", " ", "NOUN", "NN", "pobj", 7, "O"),
            ("to", " ", "PART", "TO", "aux", 11, "O"),
            ("help", "", "VERB", "VB", "acl", 9, "O"),
            (",", " ", "PUNCT", ",", "punct", 1, "O"),
            ("wrote", "", "VERB", "VBD", "dep", 1, "O"),
            (",", " ", "PUNCT", ",", "punct", 13, "O"),
            ('"', "", "PUNCT", "``", "punct", 13, "O"),
            ("We", " ", "PRON", "PRP", "nsubj", 17, "O"),
            ("wait", "", "VERB", "VBP", "ccomp", 13, "O"),
            (".", "", "PUNCT", ".", "punct", 17, "O"),
            ('"', "", "PUNCT", "''", "punct", 13, "O"),
        ],
    )
    doc[13].lemma_ = "write"
    assert doc.text == text
    plan = _plan(text, kinds=("direct", "partial"))
    found = Found(_attribute(plan, doc))
    assert found.speaker_of("We wait").name == "Ann Lee"


@pytest.mark.parametrize(
    ("quote", "mention"),
    [("The polls were not wrong", "Ann Kowalski"), ("While the Republican race", "CityPoll")],
)
def test_a_name_after_a_digest_headlines_dash_speaks_the_quote_after_its_colon(
    extract: Callable[[str], Found], quote: str, mention: str
) -> None:
    """'HEADLINE - Ann Kowalski and Tom Reed: "Q"': the name after the dash, not a word of the headline, speaks."""
    found = extract(
        "Turnout was high on Monday.\n\n"
        'POLLS MISSED THE LATE SHIFT - Ann Kowalski and Tom Reed: "The polls were not wrong. They were early."\n\n'
        'But the polls did call the Democratic race - CityPoll: "While the Republican race was a surprise, most polls got it."'
    )
    assert found.quote(quote).mention.text == mention


def test_a_participle_cue_takes_the_name_opening_its_line_when_the_parse_gave_its_verb_a_headlines_subject(
    nlp: Language,
) -> None:
    """'Ann Lee has made a defense of "Q1," saying the city was "Q2"' with the headline's "Latest" parsed as the subject.

    Lee speaks both: the participle's finite verb has no subject on its own line, so the name opening the line is its subject.
    """
    text = 'The Latest.\n\nAnn Lee has made a defense of "Dayton values," saying the city was "the heart of Ohio."'
    doc = _parsed(
        nlp,
        [
            ("The", " ", "DET", "DT", "det", 1, "O"),
            ("Latest", "", "ADJ", "JJ", "nsubj", 7, "O"),
            (".", "", "PUNCT", ".", "punct", 7, "O"),
            ("\n\n", "", "SPACE", "_SP", "dep", 2, "O"),
            ("Ann", " ", "PROPN", "NNP", "compound", 5, "B-PERSON"),
            ("Lee", " ", "PROPN", "NNP", "appos", 0, "I-PERSON"),
            ("has", " ", "AUX", "VBZ", "aux", 7, "O"),
            ("made", " ", "VERB", "VBN", "ROOT", 7, "O"),
            ("a", " ", "DET", "DT", "det", 9, "O"),
            ("defense", " ", "NOUN", "NN", "dobj", 7, "O"),
            ("of", " ", "ADP", "IN", "prep", 9, "O"),
            ('"', "", "PUNCT", "``", "punct", 10, "O"),
            ("Dayton", " ", "PROPN", "NNP", "compound", 13, "O"),
            ("values", "", "NOUN", "NNS", "pobj", 10, "O"),
            (",", "", "PUNCT", ",", "punct", 7, "O"),
            ('"', " ", "PUNCT", "''", "punct", 7, "O"),
            ("saying", " ", "VERB", "VBG", "advcl", 7, "O"),
            ("the", " ", "DET", "DT", "det", 18, "O"),
            ("city", " ", "NOUN", "NN", "nsubj", 19, "O"),
            ("was", " ", "AUX", "VBD", "ccomp", 16, "O"),
            ('"', "", "PUNCT", "``", "punct", 22, "O"),
            ("the", " ", "DET", "DT", "det", 22, "O"),
            ("heart", " ", "NOUN", "NN", "attr", 19, "O"),
            ("of", " ", "ADP", "IN", "prep", 22, "O"),
            ("Ohio", "", "PROPN", "NNP", "pobj", 23, "B-GPE"),
            (".", "", "PUNCT", ".", "punct", 7, "O"),
            ('"', "", "PUNCT", "''", "punct", 7, "O"),
        ],
    )
    for i, lemma in ((6, "have"), (7, "make"), (16, "say"), (19, "be")):
        doc[i].lemma_ = lemma
    assert doc.text == text
    plan = _plan(text, kinds=("direct", "partial"))
    found = Found(_attribute(plan, doc))
    assert found.quote("the heart of Ohio").mention.text == "Ann Lee"
    assert found.quote("Dayton values").mention.text == "Ann Lee"


@pytest.mark.parametrize("mark", ['"', "''"])
def test_a_name_the_parse_joins_to_a_quoted_subject_speaks_not_the_listener(
    extract: Callable[[str], Found], mark: str
) -> None:
    """'"Q, Madam Mayor," Tom Kent told Ms. Lee' parsed with the quoted "Mayor" as subject and Kent joined to it: Kent."""
    found = extract(
        "One lawmaker took a private moment at the party to reassure the mayor.\n\n"
        f"{mark}You gave a fine talk at the dinner, Madam Mayor,{mark} Representative Tom Kent, Democrat of Ohio, "
        "told Ms. Lee as she stopped to have her picture taken."
    )
    assert found.quote("You gave a fine talk").mention.text == "Representative Tom Kent"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('Volunteers wore bright T-shirts that said, "Ask me about the bond." Turnout was high.', "Ask me about the bond."),
        ('The clerk taped up a notice that said, "Ballots must be signed." Turnout was high.', "Ballots must be signed."),
        ('Outside the hall, supporters waved placards that said "Vote for the levy." The mayor waved back.', "Vote for the levy."),
    ],
)
def test_a_thing_bearing_the_quoted_words_speaks_through_its_relative_pronoun(
    extract: Callable[[str], Found], text: str, quote: str
) -> None:
    """'T-shirts that said "Q"': the pronoun right before the quote is its source, not the people around it."""
    assert extract(text).quote(quote).mention.text == "that"


@pytest.mark.parametrize(
    ("text", "quote", "poll"),
    [
        (
            'In a Ledger poll released Tuesday, 62 percent of parents said the district was "moving too fast" on the plan.',
            "moving too fast",
            "a Ledger poll",
        ),
        (
            'In a new statewide poll, 12 percent of farmers said they were "very hopeful"; '
            '30 percent of ranchers said they were "not hopeful at all."',
            "very hopeful",
            "a new statewide poll",
        ),
    ],
)
def test_a_share_of_people_answering_in_a_poll_gives_the_quote_to_the_poll(
    extract: Callable[[str], Found], text: str, quote: str, poll: str
) -> None:
    """'In a new poll, 62 percent said "Q"': the poll reports the share's words, as PolNeAR marks it."""
    assert extract(text).quote(quote).mention.text == poll


@pytest.mark.parametrize(
    ("text", "quote", "name"),
    [
        ('Critics called the plan rushed. "We should have waited a year," Will said. "Nobody asked the teachers."', "We should have waited", "Will"),
        ('Nobody expected the vote to pass. "I was as surprised as anyone," From wrote in a letter.', "I was as surprised", "From"),
    ],
)
def test_a_surname_that_is_a_common_word_speaks_between_a_comma_closed_quote_and_its_cue(
    extract: Callable[[str], Found], text: str, quote: str, name: str
) -> None:
    """'"Q," Will said': a capitalised auxiliary or preposition alone before the cue is the speaker's surname."""
    assert extract(text).quote(quote).mention.text == name


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The county audit covered three years. A short note at the bottom of page nine spells it out: "These figures do not include the harbor fund."',
            "These figures",
            "A short note",
        ),
        (
            'The mayor took questions for an hour. Her first three questioners ranged from friendly to rude: "Why did the fees rise?"',
            "Why did the fees rise?",
            "Her first three questioners",
        ),
    ],
)
def test_a_colon_lead_in_gives_a_direct_quote_to_its_common_noun_subject(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'A short note at the bottom of page nine spells it out: "Q"': with no name or cue, the lead-in's subject introduces the words."""
    assert extract(text).quote(quote).mention.text == mention


def test_a_copular_colon_lead_in_names_no_speaker(extract: Callable[[str], Found]) -> None:
    """'The rules for the contest are short: "Q"': the subject of "be" before a colon does not say the words."""
    assert extract('The rules for the contest are short: "Write one page and sign it."').quote("Write one page").mention is None


@pytest.mark.parametrize(
    ("text", "quote", "name"),
    [
        (
            "To settle the question, they turned to the State Highway Agency which reported “1,340 road accidents” in the county between March 2 and June.",
            "1,340 road accidents",
            "State Highway Agency",
        ),
        (
            "To settle the dispute, the board turned to the Greenfield Water Board which described the leak as “a minor fault” in the pipes between March and June.",
            "a minor fault",
            "Greenfield Water Board",
        ),
    ],
)
def test_a_relative_pronoun_the_parse_hangs_on_the_verb_still_stands_for_the_noun_before_it(
    extract: Callable[[str], Found], text: str, quote: str, name: str
) -> None:
    """'turned to the agency which reported "Q"', parsed as an adverbial clause: "which" is still the agency."""
    found = extract(text)
    assert found.quote(quote).mention.text == "which"
    assert found.speaker_of(quote).name == name


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("Because Lopez described the stadium as “big” and “costly,” the council says it will vote against it.", "costly", "Lopez"),
        ("After Ms. Grant called the fees “unfair” and “a burden,” the mayor said the city would review them.", "a burden", "Ms. Grant"),
    ],
)
def test_a_partial_quote_the_parse_hangs_on_another_quote_climbs_past_it_to_its_cue(
    extract: Callable[[str], Found], text: str, quote: str, speaker: str
) -> None:
    """'X called the fees "A" and "B," Y said': B hangs on A's words, and past them on X's cue, not on the main clause's."""
    assert extract(text).quote(quote).mention.text == speaker


@pytest.mark.parametrize(
    ("text", "quote", "mention"),
    [
        (
            'The coach has often wondered whether the referees are "fair" to his team, engaging in what reporters described as gamesmanship before big games.',
            "fair",
            "The coach",
        ),
        ('The senator believes the plan is "a mistake," he said on Tuesday.', "a mistake", "he"),
    ],
)
def test_a_thought_cue_gives_way_to_a_speech_cue_but_not_to_one_inside_a_prepositional_clause(
    extract: Callable[[str], Found], text: str, quote: str, mention: str
) -> None:
    """'X wondered whether Y is "Q", engaging in what Z described as ...': "described" names the act, it does not report Q."""
    assert extract(text).quote(quote).mention.text == mention


@pytest.mark.parametrize(
    ("text", "quote", "mention", "cue"),
    [
        (
            "Ann Lee, the director of the dock workers' union at the port of Kent, compared the mayor to a captain who is \"steering into the rocks\" again.",
            "steering into the rocks",
            "Ann Lee",
            "compare",
        ),
        ('At the hearing, Reed likened the new tax to "a slow leak in the hull" of the city budget.', "a slow leak", "Reed", "liken"),
        (
            'In the Kent Herald poll released Monday, 31% of residents said they were "very unhappy" with the old bridge, compared with 23% of residents last spring.',
            "very unhappy",
            "the Kent Herald poll",
            "say",
        ),
    ],
)
def test_a_verb_of_comparison_with_an_object_is_a_cue_and_compared_with_is_not(
    extract: Callable[[str], Found], text: str, quote: str, mention: str, cue: str
) -> None:
    """'X likened the tax to "Q"' reports what X said; '..., compared with 23%' is a preposition."""
    found = extract(text).quote(quote)
    assert (found.mention.text, found.cue.lemma) == (mention, cue)


@pytest.mark.parametrize(
    ("clause_dep", "antecedent"),
    [("relcl", "agency"), ("advcl", "agency"), ("ccomp", None)],
    ids=["relative-clause", "misparsed-as-adverbial", "embedded-question"],
)
def test_antecedent_of_a_relative_pronoun_follows_the_clause_the_parse_gives_it(
    nlp: Language, clause_dep: str, antecedent: str | None
) -> None:
    """'They asked the agency which reported it': an adverbial clause still relates to "agency", a complement asks."""
    words = ["They", "asked", "the", "agency", "which", "reported", "it", "."]
    clause_head = 3 if clause_dep == "relcl" else 1
    heads = [1, 1, 3, 1, 5, clause_head, 5, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "nsubj", clause_dep, "dobj", "punct"]
    pos = ["PRON", "VERB", "DET", "NOUN", "PRON", "VERB", "PRON", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    found = antecedent_of(doc[4])
    assert (found.text if found is not None else None) == antecedent
