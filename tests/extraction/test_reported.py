"""Stage 3b: reported speech (kind indirect), on invented sentences and the second seed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.extraction import Quote, extract_quotes
from service.extraction.attribution import TokenIndex
from service.extraction.lexicon import CUE_MODEL, CueModel
from service.extraction import reported
from service.extraction.reported import find_reported_speech
from service.extraction.spans import find_quote_spans, split_paragraphs
from service.extraction.types import Attribution, Cue, QuoteSpan
from tests.extraction.conftest import Found

SECOND = (Path(__file__).resolve().parents[2] / "seeds" / "002_25454a6e9c1ecf01.txt").read_text(encoding="utf-8")


def indirect(found: Found, containing: str) -> Quote:
    """Return the innermost indirect quote whose content contains ``containing``."""
    matches = [q for q in found.extraction.quotes if q.kind == "indirect" and containing in q.text]
    assert matches, [q.text for q in found.extraction.quotes if q.kind == "indirect"]
    return min(matches, key=lambda q: q.end - q.start)


def assert_reported_by(found: Found, *, content: str, speaker: str) -> None:
    """Assert an indirect quote whose text is exactly ``content`` and whose speaker's name holds ``speaker``."""
    quotes = [q for q in found.extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes, [q.text for q in found.extraction.quotes]
    assert speaker in found.extraction.speaker(quotes[0].speaker_id).name


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        ("Mayor Maria Lopez said that the bridge would open in May.", "the bridge would open in May", "Maria Lopez", "say"),
        ("Mayor Maria Lopez said the bridge would open in May.", "the bridge would open in May", "Maria Lopez", "say"),
        ("The bridge will open in May, Mayor Maria Lopez said.", "The bridge will open in May", "Maria Lopez", "say"),
        ("Maria Lopez told reporters that the bridge would open in May.", "the bridge would open in May", "Maria Lopez", "tell"),
        ("Maria Lopez warned that the bridge would not open in May.", "the bridge would not open", "Maria Lopez", "warn"),
        ("According to Maria Lopez, the bridge will open in May.", "the bridge will open in May", "Maria Lopez", "according to"),
        ("The bridge will open in May, according to Maria Lopez.", "The bridge will open in May", "Maria Lopez", "according to"),
    ],
)
def test_reported_speech_patterns(
    extract: Callable[[str], Found], text: str, content: str, speaker: str, lemma: str
) -> None:
    """Each reported-speech pattern gives the clause, without cue or source, to the speaker."""
    found = extract(text)
    quote = indirect(found, content)
    assert found.extraction.speaker(quote.speaker_id).name == speaker
    assert quote.cue.lemma == lemma
    assert speaker not in quote.text
    assert text[quote.start : quote.end] == quote.text


def test_thoughts_are_indirect_with_cue_type_thought(extract: Callable[[str], Found]) -> None:
    """'X believes CONTENT' is an attribution whose cue type is thought."""
    quote = indirect(extract("Maria Lopez believes the bridge will open in May."), "the bridge will open")
    assert quote.cue.type == "thought"


def test_nested_reports_give_each_content_to_its_own_speaker(extract: Callable[[str], Found]) -> None:
    """'A said B may have proposed a drill, according to C' gives two attributions."""
    found = extract("Director Ana Park said Governor Paul Grant may have proposed a drill, according to lawmaker Tom Baker.")
    inner = indirect(found, "may have proposed a drill")
    speakers = {found.extraction.speaker(q.speaker_id).name for q in found.extraction.quotes if q.kind == "indirect"}
    assert {"Ana Park", "Tom Baker"} <= speakers
    assert found.extraction.speaker(inner.speaker_id).name == "Ana Park"
    assert inner.text == "Governor Paul Grant may have proposed a drill"


def test_partial_quote_inside_reported_clause_is_returned_twice(extract: Callable[[str], Found]) -> None:
    """Quoted words inside a reported clause are a partial quote, and the clause is also indirect."""
    found = extract("Maria Lopez said that the repairs were “going very well” and would end soon.")
    assert found.quote("going very well").kind == "partial"
    assert "going very well" in indirect(found, "the repairs were").text


def test_direct_quote_is_not_also_reported_speech(extract: Callable[[str], Found]) -> None:
    """A complement that is all inside quotation marks is a direct quote only."""
    found = extract("Maria Lopez said, “The repairs are going very well and will end soon.”")
    assert [q.kind for q in found.extraction.quotes] == ["direct"]


@pytest.fixture(scope="module")
def second(nlp: Language) -> Found:
    """The core's reading of the second seed article."""
    return Found(extract_quotes(SECOND, nlp=nlp))


def test_second_seed_yoo_told_reporters(second: Found) -> None:
    """Yoo Sangbum's report is indirect; he is a spokesman for the party and also called a lawmaker."""
    quote = indirect(second, "Shoigu put the idea to Kim in July")
    speaker = second.extraction.speaker(quote.speaker_id)
    assert speaker.name == "Yoo Sangbum"
    assert any(r.title == "spokesman" and r.affiliation == "People Power Party" for r in speaker.roles)
    assert any(r.title == "lawmaker" for r in speaker.roles)


def test_second_seed_matsegora_not_aware(second: Found) -> None:
    """Matsegora's 'not aware of plans' is indirect and his."""
    quote = indirect(second, "he was not aware of plans for trilateral training")
    assert second.extraction.speaker(quote.speaker_id).name == "Alexander Matsegora"


def test_second_seed_officials_are_a_group(second: Found) -> None:
    """'the officials said in the report' gives an indirect quote by a group."""
    quote = indirect(second, "Putin seeks North Korean artillery shells")
    speaker = second.extraction.speaker(quote.speaker_id)
    assert speaker.kind == "group" and "officials" in speaker.name


def test_parenthetical_report_covers_the_interrupted_clause(extract: Callable[[str], Found]) -> None:
    """'The bridge, Mayor Lopez said, will open in May' reports the interrupted clause."""
    found = extract("The new bridge, Mayor Maria Lopez said on Monday, will open to traffic in May.")
    quote = indirect(found, "will open to traffic in May")
    assert found.extraction.speaker(quote.speaker_id).name == "Maria Lopez"


def test_reported_clause_stops_before_a_new_clause_with_its_own_subject(extract: Callable[[str], Found]) -> None:
    """'X said A; they only learned B' reports A, not the writer's next clause."""
    found = extract("Maria Lopez said the repairs would end in May; the city only learned of the delay on Friday.")
    quote = indirect(found, "the repairs would end in May")
    assert "the city only learned" not in quote.text


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("A new study by the state auditor found that the program lost money.", "the program lost money"),
        ("Census figures show that the town grew by a third.", "the town grew by a third"),
    ],
)
def test_findings_of_documents_are_reported_writing(extract: Callable[[str], Found], text: str, content: str) -> None:
    """'A study found that ...' and 'figures show that ...' report the clause, as writing."""
    quote = indirect(extract(text), content)
    assert quote.cue.type == "writing"


def test_topic_of_a_speech_verb_is_reported(extract: Callable[[str], Found]) -> None:
    """'X spoke about TOPIC' reports the topic."""
    found = extract("Mayor Maria Lopez spoke about the cost of the new bridge on Monday.")
    quote = indirect(found, "the cost of the new bridge")
    assert found.extraction.speaker(quote.speaker_id).name == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Governor Paul Grant repeated his claim that the budget was balanced.", "the budget was balanced"),
        ("Governor Paul Grant's criticism of the new tax law grew louder.", "the new tax law"),
    ],
)
def test_reporting_noun_with_an_owner_reports_its_content(extract: Callable[[str], Found], text: str, content: str) -> None:
    """'X's claim that C' and 'X's criticism of C' report C for X."""
    found = extract(text)
    quote = indirect(found, content)
    assert found.extraction.speaker(quote.speaker_id).name == "Paul Grant"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Governor Paul Grant cited the support of two unions.", "the support of two unions"),
        ("Governor Paul Grant agreed to cut the school budget next year.", "to cut the school budget next year"),
    ],
)
def test_object_and_infinitive_of_a_reporting_verb_are_reported(
    extract: Callable[[str], Found], text: str, content: str
) -> None:
    """'X cited OBJECT' and 'X agreed to DO' report what X put forward."""
    found = extract(text)
    quote = indirect(found, content)
    assert found.extraction.speaker(quote.speaker_id).name == "Paul Grant"


def test_listener_of_tell_is_not_content(extract: Callable[[str], Found]) -> None:
    """'X told reporters' alone reports nothing: the object of 'tell' is the listener."""
    found = extract("Governor Paul Grant told the reporters in the hall.")
    assert not [q for q in found.extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "cue_type"),
    [
        ("Governor Paul Grant endorsed the plan to widen the highway.", "the plan to widen the highway", "speech"),
        ("Governor Paul Grant decided to close the old bridge.", "to close the old bridge", "thought"),
    ],
)
def test_positions_are_reported_too(extract: Callable[[str], Found], text: str, content: str, cue_type: str) -> None:
    """Endorsing, opposing or deciding reports a position, with its cue type."""
    quote = indirect(extract(text), content)
    assert quote.cue.type == cue_type


def test_position_verbs_do_not_attribute_direct_quotes(extract: Callable[[str], Found]) -> None:
    """'X supported Y. "Q," Y said.' keeps Q with the verb of speech, not the position verb."""
    found = extract("Governor Paul Grant supported Mayor Maria Lopez on Monday. “We will win,” Lopez said.")
    assert found.speaker_of("We will win").name == "Maria Lopez"


def test_verbs_without_reported_content_give_no_indirect_quote(extract: Callable[[str], Found]) -> None:
    """'X continued the tour' or 'X began the meeting' report nothing, though 'he continued:' can lead a quote."""
    found = extract("Governor Paul Grant continued the tour of the flooded town. He began the meeting at noon.")
    assert not [q for q in found.extraction.quotes if q.kind == "indirect"]


def test_a_chain_of_nested_reports_gives_the_outermost_report(extract: Callable[[str], Found]) -> None:
    """'He said he said ...' gives one report, not one per verb (whose texts would grow quadratically)."""
    text = "He said " * 20 + "the bridge was closed."
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert [(q.start, q.end) for q in quotes] == [(8, len(text) - 1)]


def _report(start: int, end: int, cue: int, lemma: str = "say") -> Attribution:
    """Return an indirect attribution of characters [start, end) with a one-character cue at ``cue``."""
    span = QuoteSpan(start=start, end=end, outer_start=start, outer_end=end, paragraph=0)
    return Attribution(span, "indirect", None, Cue("x", lemma, cue, cue + 1, "speech"), 0.8, "reported")


def test_reports_nested_more_than_eight_deep_are_dropped() -> None:
    """A report whose cue lies inside the contents of more than eight others is left out."""
    chain = [_report(10 * level + 5, 1000, 10 * level) for level in range(20)]
    kept = reported._without_deep_nesting(chain)
    assert [a.span.start for a in kept] == [10 * level + 5 for level in range(9)]


@pytest.mark.parametrize(
    ("text", "content", "left_out"),
    [
        (
            "Mayor Ana Ruiz said she expects the council to approve the budget next week.",
            "she expects the council to approve the budget next week",
            "the council to approve the budget next week",
        ),
        (
            "Coach Tim Reed told reporters that he believes the team will win the title.",
            "that he believes the team will win the title",
            "the team will win the title",
        ),
        (
            "The teachers' union said it wants to lengthen the school year by two weeks.",
            "it wants to lengthen the school year by two weeks",
            "to lengthen the school year by two weeks",
        ),
    ],
)
def test_a_report_restating_its_outer_speaker_is_left_out(
    extract: Callable[[str], Found], text: str, content: str, left_out: str
) -> None:
    """'X said he expects Y' is one report of X's: the inner report by the same speaker is not reported."""
    quotes = [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert content in quotes
    assert left_out not in quotes


@pytest.mark.parametrize(
    ("text", "outer", "inner", "inner_speaker"),
    [
        (
            "Mayor Ana Ruiz said the council blamed the drought for the long delay.",
            "the council blamed the drought for the long delay",
            "the drought for the long delay",
            "council",
        ),
        (
            "Senator Tom Lee said Governor Ann Reyes had downplayed the cost of the new bridge.",
            "Governor Ann Reyes had downplayed the cost of the new bridge",
            "the cost of the new bridge",
            "Ann Reyes",
        ),
    ],
)
def test_a_report_by_another_speaker_nested_in_a_content_keeps_its_own(
    extract: Callable[[str], Found], text: str, outer: str, inner: str, inner_speaker: str
) -> None:
    """'X said Z blamed Y' gives two reports, each content with its own speaker (issue 3, nesting)."""
    found = extract(text)
    quotes = {q.text: q for q in found.extraction.quotes if q.kind == "indirect"}
    assert outer in quotes
    assert inner in quotes
    assert found.extraction.speaker(quotes[inner].speaker_id).name.lower() == inner_speaker.lower()


def test_nested_reports_stay_inside_according_to(extract: Callable[[str], Found]) -> None:
    """A report inside an 'according to' content keeps its own content: that content is a sentence, not a clause."""
    found = extract("Governor Paul Grant said the dam was safe, according to two aides.")
    quotes = {q.text for q in found.extraction.quotes if q.kind == "indirect"}
    assert {"the dam was safe", "Governor Paul Grant said the dam was safe"} <= quotes


def _reports(nlp: Language, text: str, model: CueModel) -> list[tuple[str, str, str]]:
    """Return (content, speaker mention, rule) of each indirect report in ``text`` under the cue ``model``."""
    paragraphs = split_paragraphs(text)
    index = TokenIndex(nlp(text), find_quote_spans(text, paragraphs=paragraphs))
    found = find_reported_speech(index, paragraphs=paragraphs, model=model)
    return [(text[a.span.start : a.span.end], a.mention.text if a.mention else "", a.rule) for a in found]


def _only(key: str, weight: float, *, add: float = 1.01, drop: float = 0.0) -> CueModel:
    """Return a cue model that knows one key: every other candidate scores 0.5."""
    return CueModel({f"key={key}": weight}, add=add, drop=drop)


@pytest.mark.parametrize(
    ("text", "key", "content", "speaker"),
    [
        ("Senator Dana Holt has been critical of the new toll plan.", "critical|ADJ|prep:of|subj", "the new toll plan", "Dana Holt"),
        ("The mayor never hid his fondness for the harbor project.", "fondness|NOUN|prep:for|poss", "the harbor project", "his"),
        ("The union drafted a plan to lengthen the school day.", "plan|NOUN|acl|obj", "to lengthen the school day", "The union"),
        ("Governor Ann Reyes downplayed the cost of the bridge.", "downplay|VERB|dobj|subj", "the cost of the bridge", "Ann Reyes"),
        ("Senator Tom Lee snubbed the council.", "snub|VERB|dobj|subj", "the council", "Tom Lee"),
        ("The plan was first reported by the Daily Ledger.", "report|VERB|agent|agent", "The plan", "the Daily Ledger"),
        ("Rosa Diaz is a tireless campaigner for rent control.", "campaigner|NOUN|prep:for|attr", "rent control", "Rosa Diaz"),
    ],
)
def test_cue_model_adds_the_candidates_it_scores_high(
    nlp: Language, text: str, key: str, content: str, speaker: str
) -> None:
    """A candidate scoring at or above the model's 'add' threshold is reported, spoken by its subject, owner or agent."""
    assert not any(c == content for c, _, _ in _reports(nlp, text, _only(key, 3.0)))
    reports = _reports(nlp, text, _only(key, 3.0, add=0.9))
    assert any(c == content and speaker in s and r == "learned" for c, s, r in reports), reports


def test_learned_cue_never_repeats_a_hand_rule_report(nlp: Language) -> None:
    """A learned candidate whose content a hand rule already reports is not reported twice."""
    text = "Director Lee Park said the school would close in June."
    reports = _reports(nlp, text, CueModel({"bias": 3.0}, add=0.9, drop=0.0))
    contents = [c for c, _, _ in reports]
    assert ("the school would close in June", "reported") in [(c, r) for c, _, r in reports]
    assert len(contents) == len(set(contents)), reports


def test_a_learned_cue_gives_one_content(nlp: Language) -> None:
    """A cue whose object and prepositional phrase both score high reports only its likeliest construction."""
    text = "Senator Tom Lee snubbed the council over the toll plan."
    model = CueModel({"key=snub|VERB|dobj|subj": 3.0, "key=snub|VERB|prep:over|subj": 2.5}, add=0.9, drop=0.0)
    learned = [c for c, _, r in _reports(nlp, text, model) if r == "learned"]
    assert learned == ["the council over the toll plan"], learned


def test_cue_model_drops_hand_rule_reports_it_scores_low(nlp: Language) -> None:
    """A hand-rule report scoring under the model's 'drop' threshold is left out; the others stay."""
    text = "Director Lee Park knows the school will close. She said the gym would stay open."
    kept = _reports(nlp, text, _only("know|VERB|hand:ccomp|subj", -3.0, drop=0.2))
    assert [c for c, _, _ in kept] == ["the gym would stay open"]


@pytest.mark.parametrize(
    ("text", "content", "lemma"),
    [
        ("Senator Dana Holt has been critical of the new toll plan.", "the new toll plan", "critical"),
        ("Council member Rosa Diaz is worried about the rising rents.", "the rising rents", "worried"),
        ("Governor Ann Reyes downplayed the cost of the bridge.", "the cost of the bridge", "downplay"),
    ],
)
def test_shipped_cue_model_reports_stance_constructions(
    extract: Callable[[str], Found], text: str, content: str, lemma: str
) -> None:
    """The shipped model reports adjectives and verbs of stance with their objects."""
    quote = indirect(extract(text), content)
    assert quote.text == content and quote.cue.lemma == lemma


def test_shipped_cue_model_is_well_formed() -> None:
    """data/cue_model.tsv has thresholds in order and finite weights."""
    assert 0.0 <= CUE_MODEL.drop < CUE_MODEL.add <= 1.0
    assert CUE_MODEL.weights and all(abs(w) < 100 for w in CUE_MODEL.weights.values())


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Governor Paul Grant said the plan would cut costs, and that the new bridge would open in May.",
            "the plan would cut costs, and that the new bridge would open in May",
        ),
        (
            "Governor Paul Grant said the plan would cut costs and the new bridge would open in May.",
            "the plan would cut costs and the new bridge would open in May",
        ),
        ("Maria Lopez said she would support the bill, which the council passed on Monday.", "she would support the bill"),
        ("Senator Tom Baker blamed the drought for the higher prices.", "the drought for the higher prices"),
        ("Senator Tom Baker described the plan as a costly mistake.", "the plan as a costly mistake"),
        ("Senator Tom Baker criticized the plan in a speech on Monday.", "the plan"),
        ("Senator Tom Baker supported the bill to build a new bridge.", "the bill to build a new bridge"),
    ],
)
def test_content_extents(extract: Callable[[str], Found], text: str, content: str) -> None:
    """Contents keep conjoined clauses and the object's phrases, and leave out trailing asides and adjuncts."""
    quotes = [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert content in quotes


def test_a_run_on_chain_of_clauses_is_not_one_content(extract: Callable[[str], Found]) -> None:
    """Conjoined clauses stay in a content only up to a bounded length."""
    text = "Anna Berg said the council was wrong " + "and the council met again " * 40 + "today."
    quote = indirect(extract(text), "the council was wrong")
    assert len(quote.text) < 400


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        ("In the survey, 26 percent of the parents said the school should open later.", "the school should open later", "26 percent"),
        ("One in three voters said the new tax was too high.", "the new tax was too high", "One in three voters"),
        ("Most of the farmers believe the dam will fail.", "the dam will fail", "Most"),
        ("Some residents praised the plan, but others said it did not go far enough.", "it did not go far enough", "others"),
        ("Nobody believes the bridge will open in May.", "the bridge will open in May", "Nobody"),
        ("The rally drew an audience who believe the mayor is hiding the costs.", "the mayor is hiding the costs", "who"),
        ("Most residents praised the plan, and a third said the bridge was unsafe.", "the bridge was unsafe", "third"),
        ("A number of residents said the bridge was unsafe.", "the bridge was unsafe", "A number"),
    ],
)
def test_a_share_of_people_reports(extract: Callable[[str], Found], text: str, content: str, mention: str) -> None:
    """Poll shares, quantifiers and indefinite pronouns ("26 percent said", "others said", "nobody believes") and
    "who" are speakers of reported speech."""
    quote = indirect(extract(text), content)
    assert quote.text == content
    assert quote.mention is not None and quote.mention.text == mention


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        ("In December, the senator called for the mayor to resign.", "the mayor to resign", "the senator"),
        ("The union has called for the city to hire more teachers.", "the city to hire more teachers", "The union"),
        ("Senator Ann Cole argued for the state to raise the minimum wage.", "the state to raise the minimum wage", "Senator Ann Cole"),
    ],
)
def test_a_for_to_clause_is_the_content(extract: Callable[[str], Found], text: str, content: str, mention: str) -> None:
    """'X called for Y to Z' reports 'Y to Z', without the 'for'."""
    quote = indirect(extract(text), content)
    assert quote.text == content
    assert quote.mention is not None and quote.mention.text == mention


def test_a_for_to_clause_of_a_plain_verb_is_not_reported(extract: Callable[[str], Found]) -> None:
    """'Parents waited for the bus to arrive' reports nothing."""
    assert not [q for q in extract("Parents waited for the bus to arrive.").extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Kent: Bridge Tolls Will Rise Next Year\n\nThe mayor spoke on Monday.", "Bridge Tolls Will Rise Next Year", "Kent"),
        ("Mayor Anna Kent: Tolls will rise next year.\n\nThe mayor spoke on Monday.", "Tolls will rise next year", "Anna Kent"),
        ("KENT: We can't afford it.\n\nREED: That is not true.", "We can't afford it", "KENT"),
    ],
)
def test_a_name_and_colon_opening_a_paragraph_reports_the_rest(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """A headline or label "Kent: CONTENT" is Kent's report of the rest of its paragraph."""
    found = extract(text)
    quote = indirect(found, content)
    assert quote.text == content
    assert found.extraction.speaker(quote.speaker_id).name == speaker
    assert quote.cue is not None and quote.cue.text == ":"


@pytest.mark.parametrize(
    "text",
    [
        "Correction: An earlier version of this story misspelled the mayor's name.",
        "Q: Will the tolls rise next year?",
        "Update: 1,200.",
        "Iowa: Tom Albrecht, Bea Anderson, Rob Barrow and Sue Cole.",
        "The Latest: Tolls will rise next year.",
    ],
)
def test_labels_before_a_colon_are_no_speakers(extract: Callable[[str], Found], text: str) -> None:
    """Section labels, single letters, contents without a verb and phrases that are no names report nothing."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.cue is not None and q.cue.text == ":"]


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        ("Kent Slams Toll Plan For Old Bridge\n\nThe mayor spoke on Monday.", "Toll Plan For Old Bridge", "Kent"),
        ("Two Senators Endorse Mayor Anna Kent\n\nThe senators spoke on Monday.", "Mayor Anna Kent", "Two Senators"),
        ("Kent Responds To Critics Of The Toll Plan\n\nThe mayor spoke on Monday.", "Critics Of The Toll Plan", "Kent"),
    ],
)
def test_a_title_case_headline_reports_after_its_verb(
    extract: Callable[[str], Found], text: str, content: str, mention: str
) -> None:
    """"Kent Slams Toll Plan": a headline's source, reporting verb (found by its form) and content."""
    quote = indirect(extract(text), content)
    assert quote.text == content
    assert quote.mention is not None and quote.mention.text == mention


@pytest.mark.parametrize(
    "text",
    [
        "Kent Plan for Tolls Is Costly\n\nThe mayor spoke.",  # a noun that looks like a verb after a singular name
        "Mayor Anna Kent spoke in Boston on Monday.",  # a sentence of names: its verb is not capitalised
    ],
)
def test_a_line_without_a_headline_reporting_verb_reports_nothing(extract: Callable[[str], Found], text: str) -> None:
    """Only a capitalised reporting verb after a headline's source is a headline cue."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "mention"),
    [
        ("In the poll, support for the toll plan rose to 40 percent.", "support for the toll plan rose to 40 percent", "the poll"),
        ("Mayor Kent has a clear lead in the latest survey.", "Mayor Kent has a clear lead", "the latest survey"),
    ],
)
def test_a_poll_reports_the_rest_of_its_sentence(extract: Callable[[str], Found], text: str, content: str, mention: str) -> None:
    """"In the poll, CONTENT": the poll, survey or study is the source of the rest of the sentence."""
    quote = indirect(extract(text), content)
    assert quote.text == content
    assert quote.mention is not None and quote.mention.text == mention


def test_a_poll_in_a_sentence_with_a_report_of_its_own_is_no_source(extract: Callable[[str], Found]) -> None:
    """"Kent said in a survey that ...": the survey is where Kent spoke, not a second source."""
    quotes = [q for q in extract("Kent said in a survey that tolls would rise.").extraction.quotes if q.kind == "indirect"]
    assert all(q.mention is None or q.mention.text != "a survey" for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "This photo shows the mayor meeting the governor in Albany.",
        "The picture shows that the bridge was closed.",
        "An image released on Monday shows the senator at the rally.",
    ],
)
def test_an_image_is_no_source_of_reported_speech(extract: Callable[[str], Found], text: str) -> None:
    """A caption ("This photo shows X") describes what is pictured; it reports nothing."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "first", "second", "speaker"),
    [
        (
            "Mayor Anna Kent said that the new bridge was unsafe and predicted that tolls would rise next year.",
            "that the new bridge was unsafe",
            "that tolls would rise next year",
            "Anna Kent",
        ),
        (
            "The governor told reporters the budget was balanced and promised to cut taxes in the spring.",
            "the budget was balanced",
            "to cut taxes in the spring",
            "governor",
        ),
    ],
)
def test_a_reporting_verb_conjoined_inside_a_content_is_a_second_report_of_the_same_speaker(
    extract: Callable[[str], Found], text: str, first: str, second: str, speaker: str
) -> None:
    """"X said A and predicted B": the parse hangs "predicted" inside A, yet it is X's own second report."""
    found = extract(text)
    reports = {q.text: found.extraction.speaker(q.speaker_id) for q in found.extraction.quotes if q.kind == "indirect"}
    assert set(reports) == {first, second}
    assert all(s is not None and speaker in s.name for s in reports.values()), reports


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Most residents see the bridge as a waste of money.", "the bridge as a waste of money", "residents"),
        ("Many voters see the toll plan as a tax on commuters.", "the toll plan as a tax on commuters", "voters"),
        ("The council regards the new bridge as a waste of money.", "the new bridge as a waste of money", "council"),
    ],
)
def test_seeing_y_as_z_is_a_thought(extract: Callable[[str], Found], text: str, content: str, speaker: str) -> None:
    """"X sees Y as Z" reports X's view "Y as Z" (data/seeing_verbs.txt)."""
    found = extract(text)
    quote = indirect(found, content)
    assert quote.text == content
    assert quote.cue is not None and quote.cue.type == "thought"
    assert speaker in found.extraction.speaker(quote.speaker_id).name


def test_seeing_without_an_as_phrase_reports_nothing(extract: Callable[[str], Found]) -> None:
    """"X saw the video" is perception, not a view."""
    assert not [q for q in extract("Kent saw the video on Tuesday.").extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The White House urged the technology industry to do more.", "the technology industry to do more"),
        ("Kent asked the council to release the emails.", "the council to release the emails"),
    ],
)
def test_an_infinitive_content_starts_at_the_object_before_it(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"X urged Y to act": PolNeAR's content holds the object with the infinitive."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text",
    [
        "An aide spoke on the condition of anonymity because the talks were private.",
        "The mayor spoke for 45 minutes.",
        "Kent spoke on the record about the toll plan.",
    ],
)
def test_a_manner_or_length_of_speaking_is_no_topic(extract: Callable[[str], Found], text: str) -> None:
    """"spoke on the condition of anonymity", "spoke for 45 minutes" say nothing about a topic (data/not_topics.txt)."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text",
    [
        "Kent, who leads in the polls, visited the new bridge on Tuesday.",
        "Lee, who trails Kent in the latest poll, opened an office in Dayton.",
    ],
)
def test_a_poll_inside_a_relative_clause_is_no_source(extract: Callable[[str], Found], text: str) -> None:
    """A poll phrase inside a relative clause frames that clause, not a report of the sentence."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Voters rejected the toll plan, which the mayor has said was a mistake.", "was a mistake", "mayor"),
        ("The council ignored a report that Kent said was written by his own staff.", "was written by his own staff", "Kent"),
        ("The bill falls short of what engineers think is needed to fix the bridge.", "is needed to fix the bridge", "engineers"),
    ],
)
def test_a_report_inside_a_relative_clause_starts_after_its_cue(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"Y, which X said was Z": the content runs from after the cue, not over the speaker from the relative word."""
    found = extract(text)
    quote = indirect(found, content)
    assert quote.text == content
    assert speaker in found.extraction.speaker(quote.speaker_id).name


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Tolls rose, according to the city - the third increase in as many years for drivers on the old bridge.", "Tolls rose"),
        ("Crime fell, according to the police: a drop of a tenth in two years, the largest in the state.", "Crime fell"),
        (
            "The town is growing fast (its population rose by a third, according to census figures), like its neighbours.",
            "its population rose by a third",
        ),
    ],
)
def test_according_to_reports_the_side_with_a_verb_within_its_brackets(
    extract: Callable[[str], Found], text: str, content: str
) -> None:
    """"according to X" reports the side of its sentence that has a verb, inside the brackets that hold the phrase."""
    quotes = extract(text).extraction.quotes
    reports = [q.text for q in quotes if q.kind == "indirect" and q.cue is not None and q.cue.lemma == "according to"]
    assert reports == [content]


def test_a_poll_reports_the_clause_it_hangs_from(extract: Callable[[str], Found]) -> None:
    """"The vote comes after Kent fell to third in the latest poll": the poll reports the clause of "fell" only."""
    text = "The vote comes after Kent fell to third place in the latest poll, which was taken in May."
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.cue is not None and q.cue.lemma == "in"]
    assert [q.text for q in quotes] == ["after Kent fell to third place"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor said she would not vote for Anna Kent, the council's longest-serving member.", "she would not vote for Anna Kent"),
        ("Lee Park said the toll plan was written by Tom Reed, a former aide to the governor.", "the toll plan was written by Tom Reed"),
    ],
)
def test_a_content_stops_before_a_trailing_apposition_to_a_name(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"X said she backs Kent, the council's longest-serving member": the apposition describes Kent, it is not reported."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The mayor said the toll plan was working, even as traffic on the old bridge grew.", "the toll plan was working"),
        ("Kent argued that the bridge was safe, even though engineers had found cracks.", "that the bridge was safe"),
    ],
)
def test_a_content_stops_before_a_trailing_even_as_aside(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"X said the plan works, even as costs rose": the writer's aside is not reported (data/concessive_marks.txt)."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "The mayor told reporters the city would build a second bridge over the river, arguing that traffic had doubled.",
            "the city would build a second bridge over the river",
            "that traffic had doubled",
        ),
        (
            "Park said the state had cut school funds for three years in a row, adding that teachers were leaving.",
            "the state had cut school funds for three years in a row",
            "that teachers were leaving",
        ),
    ],
)
def test_a_trailing_reporting_participle_ends_the_content_and_reports_on_its_own(
    extract: Callable[[str], Found], text: str, first: str, second: str
) -> None:
    """"X said A, adding that B", the parse hanging "adding" inside A: A and B are two reports, not one content."""
    found = extract(text)
    texts = [q.text for q in found.extraction.quotes if q.kind == "indirect"]
    assert first in texts and second in texts, texts


@pytest.mark.parametrize(
    ("text", "content", "wrong"),
    [
        (
            "She met with a dozen lawyers; one suggested she move to another state.",
            "she move to another state",
            "She met with a dozen lawyers",
        ),
        (
            "Turnout was low in the north: most voters there said the roads were closed.",
            "the roads were closed",
            "Turnout was low in the north",
        ),
    ],
)
def test_no_content_runs_back_across_a_colon_semicolon_or_dash_to_its_cue(
    extract: Callable[[str], Found], text: str, content: str, wrong: str
) -> None:
    """"A; one suggested B": the parse makes A the complement of "suggested"; the report is B."""
    texts = [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert content in texts and wrong not in texts, texts


def test_an_adverbial_clause_before_the_cue_is_no_content(extract: Callable[[str], Found]) -> None:
    """"In a statement released after the senator quit, Kent said B": the opening clause frames the report, B is it."""
    text = (
        "In a statement released shortly after the Ohio senator suspended his campaign, "
        "Kent said he is certain Lee will continue to serve."
    )
    texts = [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert "he is certain Lee will continue to serve" in texts, texts


def test_a_complement_after_the_cue_is_the_report_before_one_before_it(extract: Callable[[str], Found]) -> None:
    """"Writing for a panel that agreed A, Park noted that B": the parse hangs both clauses from "noted"; B is reported."""
    text = (
        "Writing for a Los Angeles Times panel that all agreed Kent won the debate, "
        "Lee Park noted that the way Kent carried himself was critical."
    )
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.cue is not None and q.cue.lemma == "note"]
    assert [q.text for q in quotes] == ["that the way Kent carried himself was critical"]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Among drivers, 74 percent said they would pay the new toll, while 22 percent said they might change their minds.",
            "they would pay the new toll",
            "they might change their minds",
        ),
        (
            "Most council members said the bridge was safe, while two engineers said it needed repairs.",
            "the bridge was safe",
            "it needed repairs",
        ),
    ],
)
def test_a_trailing_report_by_another_speaker_ends_the_content(
    extract: Callable[[str], Found], text: str, first: str, second: str
) -> None:
    """"A said X, while B said Y", the parse hanging B's report inside X: X and Y are two reports, each its speaker's."""
    texts = [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert first in texts and second in texts, texts


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Kent has called for the former mayor to release the transcripts of her speeches.",
            "the former mayor to release the transcripts of her speeches",
        ),
        ("He calls for $1 trillion in new spending to improve roads and create jobs.", "$1 trillion in new spending to improve roads and create jobs"),
    ],
)
def test_a_topic_runs_on_over_the_infinitive_after_it(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"X called for Y to resign", the parse hanging "to resign" from "called": the content is "Y to resign"."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Kent touted her proposals to invest in roads, expand bus service, and cut fares.",
            "her proposals to invest in roads, expand bus service, and cut fares",
        ),
        (
            "The mayor praised the plan to close two schools, merge three others and sell the land.",
            "the plan to close two schools, merge three others and sell the land",
        ),
    ],
)
def test_an_object_runs_on_over_a_list_of_verbs_the_parse_conjoined_to_the_cue(
    extract: Callable[[str], Found], text: str, content: str
) -> None:
    """"X touted plans to fix A, expand B and cut C": "expand" and "cut" are items of the object, not X's own acts."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Kent's plan unveiled in March would raise tolls.", "unveiled in March"),
        ("Lee's letter sent to the council last week was short.", "sent to the council last week"),
    ],
)
def test_a_participle_describing_a_reporting_noun_is_not_what_it_reports(
    extract: Callable[[str], Found], text: str, wrong: str
) -> None:
    """"Kent's plan unveiled in March": the participle tells when the plan came out, not what it says."""
    assert wrong not in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Speaking on a local radio show last week, the mayor praised the new bridge.", "a local radio show"),
        ("Speaking on the cable channel on Monday, Kent said the bridge was safe.", "the cable channel"),
    ],
)
def test_the_medium_a_speaker_spoke_on_is_no_topic(extract: Callable[[str], Found], text: str, wrong: str) -> None:
    """"Speaking on a radio show, X said ...": the show is where it was said (data/speaking_media.txt), not what about."""
    texts = [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert wrong not in texts and texts, texts


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The toll plan drew sharp criticism from the unions.", "The toll plan", "unions"),
        ("Kent has won strong support from most teachers in the district.", "Kent", "teachers"),
        ("Kent has strong support among older voters.", "Kent", "voters"),
        ("Kent is counting on her support among older voters in the suburbs.", "her", "voters"),
    ],
)
def test_a_stance_received_from_someone_is_their_view_of_the_subject(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"X drew criticism from Y", "X's support among Y": Y's stance is toward X (data/received_stance_nouns.txt), X the content."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Lee voted in support of the toll bill.", "the toll bill", "Lee"),
        ("The unions have long stood in opposition to most trade deals.", "most trade deals", "unions"),
    ],
)
def test_in_support_of_gives_the_stance_of_the_verbs_subject(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"X voted in support of Y": X's stance toward Y (data/stance_phrase_nouns.txt), with Y as content."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("In Kent's view, the bridge is safe and the tolls are fair.", "the bridge is safe and the tolls are fair", "Kent"),
        ("In the eyes of many voters, the new toll is unfair.", "the new toll is unfair", "voters"),
    ],
)
def test_in_someones_view_frames_the_clause_as_their_thought(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"In Kent's view, CONTENT": a set-off opinion phrase (data/opinion_nouns.txt) gives its clause to the owner."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


def test_an_opinion_noun_that_is_not_set_off_frames_nothing(extract: Callable[[str], Found]) -> None:
    """"The voters had tears in their eyes": the phrase is part of its clause, no frame of anyone's view."""
    assert not [q for q in extract("The voters had tears in their eyes.").extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Kent is lending his support to candidates in the suburbs.", "candidates in the suburbs"),
        ("Several unions threw their support to Anna Kent.", "Anna Kent"),
    ],
)
def test_support_given_to_someone_is_the_owners_stance_toward_them(
    extract: Callable[[str], Found], text: str, content: str
) -> None:
    """"X threw their support to Y": the owner's stance toward Y, whom the parse hangs from the verb."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("To many longtime residents, the new bridge is an eyesore.", "the new bridge is an eyesore", "residents"),
        ("The council met on Monday. But to Anna Kent, the toll plan was a betrayal.", "the toll plan was a betrayal", "Anna Kent"),
    ],
)
def test_an_opening_to_phrase_naming_people_frames_the_clause_as_their_view(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"To many voters, CONTENT": a set-off opening "to" phrase whose object names people gives its clause to them."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    "text",
    ["To date, the council has approved three budgets.", "The mayor spoke to the teachers, and the council listened."],
)
def test_a_to_phrase_naming_no_one_or_not_opening_frames_nothing(extract: Callable[[str], Found], text: str) -> None:
    """"To date, ..." names no one, and a "to" phrase inside its clause frames nothing."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ortiz wants to widen what polls show is a clear lead.", "to widen what polls show is a clear lead"),
        (
            "Lee wants to extend what surveys show is a wide lead among young voters.",
            "to extend what surveys show is a wide lead among young voters",
        ),
    ],
)
def test_a_content_runs_on_over_a_second_complement_the_parse_split_off_the_cue(
    extract: Callable[[str], Found], text: str, content: str
) -> None:
    """"X wants to keep what polls show is a lead": the parse hangs "is a lead" from "wants" too; it ends the content."""
    assert content in [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Kent said on Monday during a town hall meeting that the council should be held to account if it raised the tolls.",
            "that the council should be held to account if it raised the tolls",
            "Kent",
        ),
        (
            "Lee Park wrote in a letter to the board that the bridge should be closed until the repairs are done.",
            "that the bridge should be closed until the repairs are done",
            "Lee Park",
        ),
    ],
)
def test_a_that_clause_the_parse_hung_from_a_noun_after_the_cue_is_its_content(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"X said during a town hall meeting that B": a clause marked by "that" is the cue's complement, not a relative clause."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("As Anna Kent noted last week, the bridge fund is nearly empty.", "the bridge fund is nearly empty", "Anna Kent"),
        ("Tolls will rise next year, as the Dayton Herald reported on Monday.", "Tolls will rise next year", "Dayton Herald"),
    ],
)
def test_an_as_clause_citing_a_source_frames_its_clause(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"As Kent noted, CONTENT": a reporting verb's "as" clause, with no complement of its own, gives its clause to its subject."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    "text",
    [
        "As she spoke, the crowd cheered loudly.",
        "The toll board, as it is called, meets on Monday.",
        "The crowd cheered as the mayor replied to the critics.",
    ],
)
def test_an_as_clause_giving_a_time_or_a_name_frames_nothing(extract: Callable[[str], Found], text: str) -> None:
    """"As she spoke, ...", "as it is called", "as X replied to Y": a time or a name, no source."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Experts see the vote held on Sunday as a test of whether the council will loosen its grip.",
            "the vote held on Sunday as a test of whether the council will loosen its grip",
        ),
        ("Many residents want change, and they see Kent as most likely to deliver it.", "Kent as most likely to deliver it"),
    ],
)
def test_seeing_y_as_z_finds_an_as_the_parse_hung_inside_the_object_or_as_a_clause(
    extract: Callable[[str], Found], text: str, content: str
) -> None:
    """"X sees Y held on Sunday as Z", "X sees Y as most likely to win": the "as" hangs from the object's participle or marks a clause."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes and quotes[0].cue is not None and quotes[0].cue.text == "see"


def test_a_chain_of_as_clauses_reads_a_bounded_window(extract: Callable[[str], Found]) -> None:
    """"A, as Kent noted, as Kent noted, ...": each "as" clause reads a bounded window, so the work stays linear."""
    text = "The tolls rose" + ", as Kent noted" * 300 + "."
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert all(len(q.text.split()) <= 200 for q in quotes)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Senator Kent has cast the toll plan as a gift to developers.", "the toll plan as a gift to developers", "Kent"),
        ("The union casts Ortiz as an enemy of teachers.", "Ortiz as an enemy of teachers", "union"),
        ("Ortiz painted the council as reckless.", "the council as reckless", "Ortiz"),
        ("Critics characterize the budget as a shell game.", "the budget as a shell game", "Critics"),
    ],
)
def test_casting_y_as_z_is_read_like_seeing(extract: Callable[[str], Found], text: str, content: str, speaker: str) -> None:
    """"X casts Y as Z" (also "paints", "portrays", "characterizes", "depicts") reports "Y as Z" (data/casting_verbs.txt)."""
    found = extract(text)
    quote = indirect(found, content)
    assert quote.text == content
    assert speaker in found.extraction.speaker(quote.speaker_id).name


@pytest.mark.parametrize(
    "text",
    [
        "Reed painted a grim picture of the city as he opened his campaign.",
        "Voters saw the vote as they left the hall.",
    ],
)
def test_an_as_clause_with_its_own_subject_is_no_as_phrase(extract: Callable[[str], Found], text: str) -> None:
    """"X painted Y as he opened Z": an "as" clause with a subject of its own is a time, not what Y is seen as."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect" and " as " in q.text]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("In the latest poll, Kent leads Lee by four points.", "Kent leads Lee by four points"),
        ("Kent leads Lee by four points in the latest poll.", "Kent leads Lee by four points"),
    ],
)
def test_a_finding_phrase_set_off_or_after_its_content_reports_it(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"In the poll, CONTENT" and "CONTENT in the poll" report the finding."""
    assert [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.text == content]


@pytest.mark.parametrize(
    "text",
    [
        "Kent enjoys a wide lead in the polls but suffers from weak turnout in Dayton.",
        "Ortiz trails in the polls and has lost ground among voters in Dayton.",
    ],
)
def test_a_finding_phrase_inside_a_clause_reports_nothing_after_it(extract: Callable[[str], Found], text: str) -> None:
    """"X leads in the polls but suffers from ...": a poll phrase not set off by a comma frames none of the words after it."""
    assert not [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.cue is not None and q.cue.text == "in"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The toll plan seems doomed, but Kent still backs it.", "The toll plan seems doomed"),
        ("Mayor Ortiz appeared ready to quit after the vote in Dayton.", "Mayor Ortiz appeared ready to quit after the vote in Dayton"),
        ("The budget seemed like a shell game to many residents.", "The budget seemed like a shell game"),
        ("It seems likely that Lee will run again.", "likely that Lee will run again"),
    ],
)
def test_a_seeming_is_the_writers_view_with_no_source(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"Y seems doomed", "X appeared ready to quit": the clause from its subject to the complement's end, no speaker."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes, [q.text for q in extract(text).extraction.quotes]
    assert quotes[0].speaker_id is None
    assert quotes[0].cue is not None and quotes[0].cue.type == "thought"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reed appeared on a radio show in Dayton on Monday.", None),
        ("Kent said the plan seemed too costly.", "the plan seemed too costly"),
    ],
)
def test_a_seeming_without_a_complement_or_inside_a_report_adds_nothing(
    extract: Callable[[str], Found], text: str, kept: str | None
) -> None:
    """"X appeared on a show" reports nothing; inside "Kent said ..." the seeming stays Kent's report, not a second one."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert [q.text for q in quotes] == ([] if kept is None else [kept])
    assert all(q.speaker_id is not None for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "Kent said he had not seen the budget, but the plan seemed sensible, according to the Dayton Herald.",
        "Lee never saw the audit, but the figures appeared sound, according to the city clerk.",
    ],
)
def test_a_seeming_inside_an_according_to_content_is_that_sources_report(extract: Callable[[str], Found], text: str) -> None:
    """A view with no source of its own inside another report's content is part of that report, not a second, sourceless one."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert quotes and all(q.speaker_id is not None for q in quotes), [(q.text, q.speaker_id) for q in quotes]


def test_many_seemings_stay_linear(extract: Callable[[str], Found]) -> None:
    """A text of 2,000 short seeming sentences is read in one pass per word."""
    quotes = [q for q in extract("The plan seems doomed. " * 2000).extraction.quotes if q.kind == "indirect"]
    assert len(quotes) == 2000


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The Dayton council is reportedly weighing a new toll.", "The Dayton council is reportedly weighing a new toll"),
        ("Reportedly, Kent met the donors twice in May.", "Kent met the donors twice in May"),
    ],
)
def test_a_hearsay_adverb_reports_its_clause_with_no_source(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"X reportedly did Y" (data/hearsay_adverbs.txt): the clause from its subject on, no speaker."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes, [q.text for q in extract(text).extraction.quotes]
    assert quotes[0].speaker_id is None
    assert quotes[0].cue is not None and quotes[0].cue.text.lower() == "reportedly"


def test_an_expectation_with_no_holder_is_a_seeming(extract: Callable[[str], Found]) -> None:
    """"Y is expected to pass" names no one who expects it: the clause from its subject on, no speaker."""
    content = "The toll bill is expected to pass on Monday"
    quotes = [q for q in extract(content + ".").extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes and quotes[0].speaker_id is None


@pytest.mark.parametrize(
    ("text", "outer", "inner", "reporter", "speaker"),
    [
        (
            "Director Ana Park said Governor Paul Grant may have proposed a drill, the paper reported.",
            "Director Ana Park said Governor Paul Grant may have proposed a drill",
            "Governor Paul Grant may have proposed a drill",
            "paper",
            "Ana Park",
        ),
        (  # a paragraph follows
            "Director Ana Park said Governor Paul Grant may have proposed a drill, the paper reported.\n\nNo date was set.",
            "Director Ana Park said Governor Paul Grant may have proposed a drill",
            "Governor Paul Grant may have proposed a drill",
            "paper",
            "Ana Park",
        ),
        (
            "Senator Ana Park said the mayor would resign, the agency reported on Monday.",
            "Senator Ana Park said the mayor would resign",
            "the mayor would resign",
            "agency",
            "Ana Park",
        ),
        (
            "Director Ana Park said Governor Paul Grant may have proposed a drill, according to lawmaker Tom Baker, "
            "the news agency reported.",
            "Director Ana Park said Governor Paul Grant may have proposed a drill",
            "Governor Paul Grant may have proposed a drill",
            "news agency",
            "Ana Park",
        ),
    ],
)
def test_a_report_closing_the_sentence_reports_all_before_its_comma(
    extract: Callable[[str], Found], text: str, outer: str, inner: str, reporter: str, speaker: str
) -> None:
    """'A said B, the paper reported': the paper reports 'A said B', and A's content stops at the comma."""
    found = extract(text)
    quotes = {q.text: found.extraction.speaker(q.speaker_id).name for q in found.extraction.quotes if q.kind == "indirect"}
    assert quotes.get(outer) == reporter, quotes
    assert quotes.get(inner) == speaker, quotes


def test_an_according_to_phrase_is_never_the_content_of_a_learned_cue(nlp: Language) -> None:
    """A parse that hangs "according ... the agency" from a verb gives that verb no "according" content."""
    words = ["The", "idea", "seemed", "fine", ",", "according", "to", "a", "report", ",", "the", "agency", "."]
    heads = [1, 2, 2, 2, 2, 2, 5, 8, 6, 11, 11, 5, 2]
    deps = ["det", "nsubj", "ROOT", "oprd", "punct", "prep", "prep", "det", "pobj", "punct", "det", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADJ", "PUNCT", "VERB", "ADP", "DET", "NOUN", "PUNCT", "DET", "NOUN", "PUNCT"]
    lemmas = ["the", "idea", "seem", "fine", ",", "accord", "to", "a", "report", ",", "the", "agency", "."]
    spaces = [True, True, False, False, True, True, True, True, False, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    paragraphs = split_paragraphs(doc.text)
    index = TokenIndex(doc, find_quote_spans(doc.text, paragraphs=paragraphs))
    constructions = [c.construction for c in reported.candidates(index, doc[2], paragraphs)]
    assert not any(c.startswith("prep:according") for c in constructions), constructions


def test_first_seed_nested_reports_each_have_their_own_content(nlp: Language) -> None:
    """Kim said B, according to Yoo, Yonhap reported: Kim's content is B; Yoo and Yonhap report Kim's words."""
    first = (Path(__file__).resolve().parents[2] / "seeds" / "000_1e62df946017ca3f.txt").read_text(encoding="utf-8")
    found = Found(extract_quotes(first, nlp=nlp))
    by_speaker = {
        found.extraction.speaker(q.speaker_id).name: q.text
        for q in found.extraction.quotes
        if q.kind == "indirect" and "trilateral naval drill" in q.text and q.speaker_id
    }
    assert by_speaker["Kim Kyou-hyun"].startswith("Mr. Shoigu may have proposed a trilateral naval drill"), by_speaker
    for reporter in ("Yoo Sang-bum", "Yonhap News Agency"):
        assert "director Kim Kyou-hyun said Mr. Shoigu may have proposed" in by_speaker[reporter], by_speaker


@pytest.mark.parametrize(
    "text",
    [
        "The toll bill is expected to pass on Monday.",
        "Mayor Anna Kent is widely expected to run for a second term next year.",
        "The Dayton council was expected to approve the budget before the holiday.",
    ],
)
def test_an_expectation_with_no_holder_gives_its_subject_no_report(extract: Callable[[str], Found], text: str) -> None:
    """"Y is expected to Z": Y expects nothing, so no report gives "to Z" to Y; only the sourceless view is left."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect"]
    assert quotes and all(q.speaker_id is None for q in quotes), [(q.text, q.speaker_id) for q in quotes]
    assert not [q for q in quotes if q.text.startswith("to ")]


def test_an_expectation_with_a_holder_stays_the_holders_report(extract: Callable[[str], Found]) -> None:
    """"Kent expects the bill to pass" names who expects it: Kent's report, not a sourceless view."""
    assert_reported_by(extract("Mayor Anna Kent expects the toll bill to pass on Monday."), content="the toll bill to pass on Monday", speaker="Anna Kent")


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Anna Kent found a way to pay for the new bridge.",
        "Tom Reed has found a receptive audience in the suburbs of Dayton.",
        "Voters in Dayton found better jobs across the river.",
    ],
)
def test_a_found_object_is_no_reported_content(extract: Callable[[str], Found], text: str) -> None:
    """"X found a way to Y" (data/no_object_content_verbs.txt): what was found is no report."""
    assert not [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


def test_a_found_clause_is_still_reported(extract: Callable[[str], Found]) -> None:
    """"X found that Y" still reports its clause: only a noun object is left out."""
    assert_reported_by(extract("The city auditor found that the toll plan had cost too much."), content="that the toll plan had cost too much", speaker="auditor")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked if the toll plan was legal, Mayor Anna Kent said she did not know.", "if the toll plan was legal"),
        ("When asked about the toll plan, Anna Kent said she would wait.", "the toll plan"),
        ("Anna Kent was asked whether the bridge would open in May.", "whether the bridge would open in May"),
        (
            "“We're ready,” says Ann Lee, who runs the food bank. “It never stops.”\n\n"
            "Asked whether the city would help, Mayor Tom Reed replied: “We are doing what we can.”",
            "whether the city would help",
        ),
    ],
)
def test_a_passive_cue_without_an_agent_gives_no_speaker(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"Asked about X, Kent said ...", "Kent was asked whether X": Kent is the one asked, so the question has no speaker."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes, [q.text for q in extract(text).extraction.quotes]
    assert quotes[0].speaker_id is None


def test_a_passive_cue_with_an_agent_gives_the_agent(extract: Callable[[str], Found]) -> None:
    """"Asked by a reporter whether X, Kent said ...": the reporter asks; Kent still says her own answer."""
    found = extract("Asked by a reporter whether she had read the audit, Anna Kent said she had.")
    assert_reported_by(found, content="whether she had read the audit", speaker="reporter")
    assert_reported_by(found, content="she had", speaker="Anna Kent")


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Voters in Dayton are split on whether the toll should rise.", "whether the toll should rise", "Voters"),
        ("Mayor Anna Kent is convinced that the bridge will open in May.", "that the bridge will open in May", "Anna Kent"),
    ],
)
def test_an_experiencer_passive_keeps_its_subject_as_holder(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"Voters are split on X" (data/experiencer_passives.txt): the passive's subject holds the view."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked if the toll plan was legal, 46 percent of voters said yes.", "if the toll plan was legal"),
        ("When asked whether the bridge should close, most residents in Dayton said no.", "whether the bridge should close"),
    ],
)
def test_a_passive_cue_reports_its_question_when_no_subject_speaks(extract: Callable[[str], Found], text: str, content: str) -> None:
    """"Asked if X, 46 percent said yes": the question is reported with no speaker though no subject can speak for "Asked"."""
    quotes = [q for q in extract(text).extraction.quotes if q.kind == "indirect" and q.text == content]
    assert quotes, [q.text for q in extract(text).extraction.quotes]
    assert quotes[0].speaker_id is None


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mayor Tom Reed called the toll plan unlawful, and said the council would vote again.", "the toll plan unlawful", "Tom Reed"),
        ("Ann Lee, the council's treasurer, called the audit a waste of money.", "the audit a waste of money", "Ann Lee"),
    ],
)
def test_calling_an_object_something_reports_the_object_and_predicate(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"X called Y Z" (data/calling_verbs.txt): the object and its predicate are X's view of Y."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    "text",
    [
        "Reed called the new bridge Kent Crossing.",
        "Reed called Kent onto the stage.",
    ],
)
def test_calling_by_name_or_to_a_place_reports_nothing(extract: Callable[[str], Found], text: str) -> None:
    """Naming ("called the bridge Kent Crossing") and summoning ("called Kent onto the stage") are no views."""
    assert not [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"]


def test_a_verb_under_an_expectation_with_no_holder_is_no_learned_cue(nlp: Language) -> None:
    """"Planners are expected to unveil X": the planners report nothing, whatever the cue model scores "unveil"."""
    text = "At the fair, the city's planners are expected to unveil new designs for the toll bridge."
    reports = _reports(nlp, text, CueModel({}, add=0.4, drop=0.0))
    assert [r for r in reports if r[2] == "learned"] == [], reports
    assert [r[1] for r in reports] == [""]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("SPRINGFIELD, Ill. (AP) — The new bridge will open in May, according to the city engineer.", "The new bridge will open in May"),
        ("LAKEVILLE — Turnout fell sharply this year, officials said.", "Turnout fell sharply this year"),
        ("PORT ELLIS, Oct. 3 (UPI) - The ferry fares will rise, the harbour board said.", "The ferry fares will rise"),
    ],
)
def test_a_content_opening_an_article_leaves_out_its_dateline(extract: Callable[[str], Found], text: str, content: str) -> None:
    """A content that starts a line leaves out the dateline before it ("CITY, State (AP) — ")."""
    assert [q.text for q in extract(text).extraction.quotes if q.kind == "indirect"] == [content]


def test_a_content_after_a_capitalised_word_and_a_dash_keeps_it(extract: Callable[[str], Found]) -> None:
    """Only a run of capitals with three in a row reads as a dateline: "U.S. - Canada trade" keeps its start."""
    assert [q.text for q in extract("U.S. - Canada trade grew, the minister said.").extraction.quotes] == ["U.S. - Canada trade grew"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mayor Anna Kent was quick to point out that the bridge had been closed twice.", "that the bridge had been closed twice", "Anna Kent"),
        ("Senator Tom Reed is reluctant to endorse Anna Kent for the board.", "Anna Kent for the board", "Tom Reed"),
    ],
)
def test_the_subject_of_an_adjective_speaks_for_its_reporting_verb(
    extract: Callable[[str], Found], text: str, content: str, speaker: str
) -> None:
    """"X was quick to point out B": the parse hangs "point" from "quick"; X, the copula's subject, reports B."""
    assert_reported_by(extract(text), content=content, speaker=speaker)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mayor Ann Kent wrote on Friday that the audit was “a witch hunt.” She left.", "that the audit was “a witch hunt.”"),
        ('Mayor Ann Kent wrote on Friday that the audit was "a witch hunt." She left.', 'that the audit was "a witch hunt."'),
        ("Mayor Ann Kent said the audit was “unfair” to the city.", "the audit was “unfair” to the city"),
    ],
)
def test_a_content_that_opens_a_quote_keeps_its_closing_mark(extract: Callable[[str], Found], text: str, content: str) -> None:
    """A reported clause ending in quoted words keeps their closing mark, so a highlighter shows paired marks."""
    assert_reported_by(extract(text), content=content, speaker="Ann Kent")


@pytest.mark.parametrize(
    ("text", "content", "speaker", "kind"),
    [
        ("According to a statement from the Pentagon, two soldiers were injured.", "two soldiers were injured", "Pentagon", "organization"),
        ("A report by the Congressional Budget Office found that costs would rise.", "that costs would rise", "Congressional Budget Office", "organization"),
        ("A poll of 1,000 voters found that most opposed the plan.", "that most opposed the plan", "poll", "document"),
    ],
)
def test_a_document_from_or_by_someone_is_theirs(
    extract: Callable[[str], Found], text: str, content: str, speaker: str, kind: str
) -> None:
    """"a statement from the Pentagon" speaks for the Pentagon; "a poll of voters" is still the poll's."""
    found = extract(text)
    assert_reported_by(found, content=content, speaker=speaker)
    quote = next(q for q in found.extraction.quotes if q.text == content)
    assert found.extraction.speaker(quote.speaker_id).kind == kind
