"""Stage 1: quotation-mark spans, before any parsing."""

from __future__ import annotations

import pytest

from service.extraction.spans import find_quote_spans, is_name_like, split_paragraphs


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
    ],
)
def test_a_capitalised_quote_after_a_naming_word_is_a_quote(text: str, content: str) -> None:
    """A name-like quote right after "as", "called", "titled", "chanting" or "slogan" is what someone called something."""
    assert content in [text[s.start : s.end] for s in find_quote_spans(text)]


def test_a_capitalised_title_elsewhere_is_still_a_name() -> None:
    """Without a naming word before it, a quoted title stays out ('she starred in "The Long Road" in 2004')."""
    text = 'She starred in "The Long Road" in 2004.'
    assert find_quote_spans(text) == []
