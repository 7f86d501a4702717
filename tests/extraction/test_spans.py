"""Stage 1: quotation-mark spans, before any parsing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from service.extraction.spans import find_quote_spans, is_name_like, split_paragraphs
from tests.extraction.conftest import Found


def contents(text: str) -> list[str]:
    """Return the quoted contents found in ``text``."""
    return [text[span.start : span.end] for span in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” she said.", ["We will win,"]),
        ('"We will win," she said.', ["We will win,"]),
        ("« Nous gagnerons », a-t-elle dit.", ["Nous gagnerons"]),
        ("''We will win,'' she said.", ["We will win,"]),
        ("“He told me ‘never’ twice,” she said.", ["He told me ‘never’ twice,"]),
        ('"We asked: “Do you feel safe?” Most said no," Lee said.', ["We asked: “Do you feel safe?” Most said no,"]),
        ("“It rained. Then it poured. We stayed,” he said.", ["It rained. Then it poured. We stayed,"]),
        ("“We will win.\" the mayor said.", ["We will win."]),
    ],
)
def test_finds_each_mark_style(text: str, expected: list[str]) -> None:
    """Curly, straight, guillemet and NYT double-apostrophe marks all delimit quotes."""
    assert contents(text) == expected


def test_newswire_quote_runs_over_paragraphs_one_span_each() -> None:
    """An open quote at a paragraph end continues when the next paragraph opens with a mark."""
    text = "“The first part goes on,\n\n“and the second part ends here,” he said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["The first part goes on,", "and the second part ends here,"]
    assert [s.paragraph for s in spans] == [0, 1]
    assert spans[0].closed is False and spans[1].closed is True


@pytest.mark.parametrize(
    "text",
    [
        "A stray “ mark here.\n\n“Later quote,” she said.",
        "He wrote 5\" of rain fell.\n\n“Later quote,” she said.",
        "It was the ‘90s, when ‘rock ruled.\n\n“Later quote,” she said.",
        "Unbalanced “one and “Later quote,” she said.",
    ],
)
def test_stray_mark_never_costs_the_rest(text: str) -> None:
    """A stray, unbalanced or apostrophe-like mark loses at most its own quote."""
    assert "Later quote," in contents(text)


@pytest.mark.parametrize(
    "content",
    ["Northern/Interaction-2023", "Ulchi Freedom Shield", "Pirates of the Caribbean", "Crooked Hillary", "13th"],
)
def test_names_and_titles_are_not_quotes(content: str) -> None:
    """Quoted content whose every word is capitalised reads as a name."""
    assert is_name_like(content)
    assert contents(f"They held the “{content}” exercise.") == []


@pytest.mark.parametrize("content", ["three-way naval drill", "rogue", "Why not? These are our neighbors.", "Absolutely."])
def test_speech_is_not_a_name(content: str) -> None:
    """Lower-case words, or one capitalised word with its own punctuation, are speech."""
    assert not is_name_like(content)


@pytest.mark.parametrize(
    ("text", "count"),
    [("One.\n\nTwo.\nStill two.\n\n\nThree.", 3), ("One.\nTwo.\nThree.", 3), ("Only one.", 1), ("", 0)],
)
def test_paragraphs_split_on_blank_lines_or_line_breaks(text: str, count: int) -> None:
    """Blank lines separate paragraphs; without any, each line is one."""
    assert len(split_paragraphs(text)) == count


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('The mayor kept referring to her rival as "Lady Gridlock" all evening.', "Lady Gridlock"),
        ("The crowd outside the hall was chanting “Fix The Roads” for an hour.", "Fix The Roads"),
        ('Ann Reed ran on the slogan "Experience Matters" in 2010.', "Experience Matters"),
        ('He wrote a pamphlet titled "The Case For Trams" last spring.', "The Case For Trams"),
        ('The goalkeeper is now called "The Wall" by the fans.', "The Wall"),
        ('It is a fare plan he calls "Fair Fares For All" in every speech.', "Fair Fares For All"),
    ],
)
def test_a_capitalised_quote_after_a_naming_word_is_a_quote(text: str, content: str) -> None:
    """A name-like quote right after "as", "called", "titled", "chanting" or "slogan" is what someone called something."""
    assert content in [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('The board asked about her record. "As Treasurer," she said, "I cut the deficit."', "As Treasurer,"),
        ('Lee wrote about the vote.\n\n"Great Day For Harbor Town," Lee wrote on Monday.', "Great Day For Harbor Town,"),
        ('The court has moved. “In Baxter,” Dean Ann Cole said, “the rule changed.”', "In Baxter,"),
        ('He rose. "Your Honor," replied the clerk, "the file is missing."', "Your Honor,"),
    ],
)
def test_a_capitalised_quote_that_opens_a_reported_sentence_is_a_quote(text: str, content: str) -> None:
    """A comma-closed name-like quote that opens a sentence and is followed by its cue is speech ('"As Mayor," she said')."""
    assert content in [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        'Lee spoke on "Morning Report," Kent said later.',
        'The mayor, "Fair Fares," Kent said, is a slogan.',
        '"The Long Road," the film that made her name, opens today.',
        '"Harbor Lights," a reporter noted in 2004.',
    ],
)
def test_a_capitalised_quote_mid_sentence_or_without_a_cue_is_a_name(text: str) -> None:
    """A show named mid-sentence, or a comma-closed title opening a sentence without a speaker's cue, stays a name."""
    assert [text[s.start : s.end] for s in find_quote_spans(text)] == []


@pytest.mark.parametrize(
    ("text", "content", "is_quote"),
    [
        ('"We have waited long enough," the mayor added. "We Are Ready."', "We Are Ready.", True),
        ("''The port is open,'' Ms. Lee said. ''We're Home.''", "We're Home.", True),
        # a title (no full stop of its own) or a sentence closed by another word stays a name
        ('"We have waited long enough," the mayor added. "Harbor Lights" opens today.', "Harbor Lights", False),
        ('The council met on Monday. "Harbor Lights."', "Harbor Lights.", False),
    ],
)
def test_a_capitalised_sentence_after_a_sentence_its_cue_closes_is_a_quote(text: str, content: str, is_quote: bool) -> None:
    """A name-like quote that is a sentence of its own right after '..., the mayor added.' goes on with the speech."""
    assert (content in [text[s.start : s.end] for s in find_quote_spans(text)]) is is_quote


def test_a_capitalised_title_elsewhere_is_still_a_name() -> None:
    """Without a naming word before it, a quoted title stays out ('she starred in "The Long Road" in 2004')."""
    text = 'She starred in "The Long Road" in 2004.'
    assert find_quote_spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Ann Lee said the levy "was never about the money, she told the board, "it was about the trains," and sat down.',
            ["was never about the money, she told the board,", "it was about the trains,"],
        ),
        (
            "The mayor was blunt. “We looked at every bus route and found them wanting “and the trams will run by May,” she said.",
            ["We looked at every bus route and found them wanting", "and the trams will run by May,"],
        ),
    ],
)
def test_a_quote_restarted_before_its_closing_mark_keeps_its_words(text: str, expected: list[str]) -> None:
    """An opening mark met inside an open quote ends the open quote there instead of discarding it."""
    assert contents(text) == expected


def test_a_quote_left_open_at_a_paragraph_end_keeps_its_words() -> None:
    """A quote whose closing mark is missing runs to the end of its paragraph and is a closed run of its own."""
    text = "Tom Reed spoke first. “We will rebuild the bridge by spring, and we will pay for it.\n\nThe council met on Monday."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["We will rebuild the bridge by spring, and we will pay for it."]
    assert spans[0].closed is True


def test_a_quote_left_open_where_the_next_line_opens_a_quote_goes_on() -> None:
    """Within a paragraph, a line that opens with a mark while the quote above is open continues it (newswire style)."""
    text = (
        "Budget talks resumed.\n\n"
        "“The first year is the hard one,” Tom Reed said. “We cut the fleet and kept the fares.\n"
        "“After that, the numbers work,” he said.\n\nThe vote is on Friday."
    )
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The first year is the hard one,",
        "We cut the fleet and kept the fares.",
        "After that, the numbers work,",
    ]
    assert [s.closed for s in spans] == [True, False, True]


def test_a_quote_continued_on_the_next_line_takes_the_speaker_who_goes_on(extract: Callable[[str], Found]) -> None:
    """The open quote shares the speaker named after the quote on the next line."""
    found = extract(
        "Budget talks resumed.\n\n"
        "“The buses are late,” Ann Lee said. “We cut the fleet and kept the fares.\n"
        "“After that, the numbers work,” added Tom Reed, the treasurer.\n\nThe vote is on Friday."
    )
    assert found.speaker_of("We cut the fleet").name == "Tom Reed"


@pytest.mark.parametrize(
    "text",
    [
        'Lee posted it.\n\n<tweet author="@lee" date="May 9, 2016\n">We love the new park, all of it.</tweet>\n\nIt opened.',
        "Lee posted it.\n\n<p>Fix the roads. – @lee #roads“<tweet/>.\n\nIt opened.",
    ],
)
def test_a_mark_against_an_angle_bracket_is_markup(text: str) -> None:
    """A quotation mark right before "<" or ">" ends or starts an HTML attribute or tag, never a quote."""
    assert contents(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The fans outside the arena chanted “Go Reds! Go Reds!” until midnight.", "Go Reds! Go Reds!"),
        ("The clerk looked up from her desk. “Mr. Brandt?” Nobody answered.", "Mr. Brandt?"),
        ('Ann Lee stood on a chair and declared "What a Wonderful Night!" to the room.', "What a Wonderful Night!"),
    ],
)
def test_a_capitalised_exclamation_or_question_is_speech(text: str, content: str) -> None:
    """An exclamation or a question mark inside the marks makes capitalised words something said, not a name."""
    assert not is_name_like(content)
    assert contents(text) == [content]


@pytest.mark.parametrize(
    "text",
    [
        "She later starred in the documentary “Harbor.” It won a prize.",
        'Tom Reed paid for the anti-tax spot, "Overreach," which ran in May.',
        "Ann Lee has a part in the network's new show, ''Riverside.'' Filming starts soon.",
        "Lee wrote the music for television’s “Lanterns,” the long-running drama.",
        "Watch the trailer for Lee's documentary, “12th,” below.",
        'She made her name with the film "1999." It ran for a year.',
    ],
)
def test_a_one_word_title_after_a_work_noun_is_a_title(text: str) -> None:
    """One capitalised word or number quoted right after "film", "show", "spot" and the like names the work, punctuation or not."""
    assert contents(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('"No," the film director said when asked.', "No,"),
        ('Asked about the show, Lee said, "Absolutely." Then she left.', "Absolutely."),
        ('The film, she said, was "dreadful" from start to finish.', "dreadful"),
    ],
)
def test_a_one_word_answer_near_a_work_noun_is_still_speech(text: str, content: str) -> None:
    """Only the word right before the opening mark names a work; a lower-case word after one is speech."""
    assert contents(text) == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ann Lee said, “ we will finish the line by June.”", "we will finish the line by June."),
        ("As the Courier reported, “ … the council never voted on it.”", "… the council never voted on it."),
        ("“The depot is full,” Lee said. “\u00a0So the buses wait outside.”", "So the buses wait outside."),
    ],
)
def test_a_left_curly_mark_set_off_by_a_space_opens_a_quote(text: str, content: str) -> None:
    """A left curly mark typed with a space after it still opens the quote that follows."""
    assert content in contents(text)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('He asked to stay anonymous for fear of the police."We were told to leave."', "We were told to leave."),
        ('The minister spoke warmly about"a new chapter for both towns." Then she left.', "a new chapter for both towns."),
    ],
)
def test_a_straight_mark_glued_to_the_word_before_opens_a_quote(text: str, content: str) -> None:
    """With no quote open, a straight mark between a word or full stop and a letter opens a quote."""
    assert contents(text) == [content]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"The plan works for everyone,"Tom Reed said on Monday.', ["The plan works for everyone,"]),
        ('Tom Reed wrote 5"of snow fell, and "we closed the road."', ["we closed the road."]),
    ],
)
def test_a_glued_straight_mark_after_an_open_quote_or_a_digit_opens_nothing(text: str, expected: list[str]) -> None:
    """A glued mark closes an open quote first, and a mark after a digit is an inch mark."""
    assert contents(text) == expected


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ('The banner on the town hall carried one message: "Fix The Bridge Now."', "Fix The Bridge Now."),
        ("Her answer to every question was the same:  “No Comment.”", "No Comment."),
    ],
)
def test_a_capitalised_quote_after_a_colon_is_a_quote(text: str, content: str) -> None:
    """A colon right before the opening mark announces words someone said or wrote, even when every word is capitalised."""
    assert content in [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("‘We will fight on,’ she said. ‘It’s not over.’", ["We will fight on,", "It’s not over."]),
        ("'We will fight on,' she said. 'It's not over.'", ["We will fight on,", "It's not over."]),
        ("‘He told me “never” twice,’ she said.", ["He told me “never” twice,"]),
        ("She called them ‘thugs’ and left. ‘We won,’ he said.", ["thugs", "We won,"]),
        ("‘It is the voters’ choice, not ours,’ she said.", ["It is the voters’ choice, not ours,"]),
        ("'Rock 'n' roll is back,' he said. 'Give 'em hell.'", ["Rock 'n' roll is back,", "Give 'em hell."]),
        ("In the '90s, he said, 'we had nothing.' Kirby's aide agreed.", ["we had nothing."]),
    ],
)
def test_single_marks_delimit_quotes_where_the_article_quotes_in_them(text: str, expected: list[str]) -> None:
    """British-style single marks are quotes; apostrophes, elisions, years and plural possessives are not marks."""
    assert contents(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lee: ‘We Will Win’\n\n“We will win,” Lee said. “It is close.”", ["We will win,", "It is close."]),
        ("“He told me ‘never’ twice,” she said. It’s ‘odd’.", ["He told me ‘never’ twice,"]),
    ],
)
def test_single_marks_count_only_inside_double_quotes_where_the_article_quotes_in_double_marks(
    text: str, expected: list[str]
) -> None:
    """In an article that quotes in double marks, single marks are nested quotes or headline marks, as PolNeAR reads them."""
    assert contents(text) == expected


def test_a_single_marked_quote_runs_over_paragraphs() -> None:
    """A single-marked quote left open at its paragraph's end goes on when the next paragraph opens with a mark."""
    text = "‘The first part goes on.\n\n‘And the second part ends here,’ he said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["The first part goes on.", "And the second part ends here,"]
    assert [s.closed for s in spans] == [False, True]


def test_a_single_mark_left_open_mid_paragraph_is_an_apostrophe() -> None:
    """A single mark that nothing closes is dropped, not read to the end of its paragraph."""
    assert contents("Fans of the ’Hoos say ‘we won,’ she said. The Jones’ dog barked at 'em.") == ["we won,"]


@pytest.mark.parametrize(
    ("prefix", "kind", "speaker"),
    [
        ("dead in the water", "partial", "Rachel Ashford"),
        ("We will not be bullied", "direct", "Rachel Ashford"),
        ("Not now, not ever.", "direct", "Rachel Ashford"),
        ("This government has lost its way", "direct", "Tom Baines"),
        ("Voters' patience", "direct", "Tom Baines"),
        ("The Prime Minister has been clear.", "direct", "A Downing Street spokesman"),
    ],
)
def test_a_british_style_article_gets_its_quotes_and_speakers(
    extract: Callable[[str], Found], prefix: str, kind: str, speaker: str
) -> None:
    """Single-marked quotes are attributed like double-marked ones, with double marks nested inside."""
    found = extract(
        "LONDON — The Prime Minister, Rachel Ashford, said on Monday that the plan was 'dead in the water'.\n\n"
        "'We will not be bullied by anyone,' she told reporters. 'Not now, not ever.'\n\n"
        "The opposition leader, Tom Baines, disagreed. 'This government has lost its way,' he said. "
        "'Voters' patience is running out.'\n\n"
        "A Downing Street spokesman said: 'The Prime Minister has been clear. She said \"no\" and meant it.'"
    )
    assert (found.quote(prefix).kind, found.speaker_of(prefix).name) == (kind, speaker)
