"""parse.py: long texts are parsed in pieces cut at line breaks, and joined back with the offsets of the whole."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import service.extraction.parse as parse_module
from service.extraction import extract_quotes
from service.extraction.parse import cut_points, parse, parse_many, split_doc
from service.extraction.parsecopy import make_doc

PARAGRAPHS = [
    '"The harbour plan is finished," said Marta Quill, the mayor of Baxter.',
    "Obi Danjuma, a council member, said the vote on the plan was rushed.",
    '"We were not heard," he told reporters on Tuesday.',
    "According to the union, the tram line will open in May.",
    '"I am confident," Lena Hartwig said. "The money is there."',
    "Residents gathered outside the hall. Some carried signs; others stayed home.",
]
ARTICLE = "\n\n".join(PARAGRAPHS * 3)




@pytest.mark.parametrize(
    ("text", "piece_chars", "expected"),
    [
        ("Short.\n\nText.", 100, []),
        ("Aaaa bbbb.\nCccc dddd.\n\nEeee ffff.", 5, ["Cccc", "Eeee"]),
        ("Aaaa bbbb cccc.\nDddd.\n\nEeee ffff.", 12, ["Eeee"]),
        ("Aaaa bbbb.\nCccc dddd eeee ffff gggg hhhh.\n\nIiii.", 5, ["Cccc", "eeee", "gggg", "Iiii"]),
        ("Aaaa.\r\n\r\nBbbb.\r\n\r\nCccc.", 3, ["Bbbb", "Cccc"]),
        ("One line, no break. It goes on and on.", 10, ["It", "and"]),
        ('Lee said,"No."Kim said,"Yes."', 8, ["said"]),
        ("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 5, []),
    ],
    ids=[
        "shorter-than-a-piece",
        "each-break-after-a-piece",
        "blank-line-preferred",
        "line-break-else-white-space",
        "crlf",
        "sentence-end-else-white-space",
        "token-when-no-white-space",
        "one-token",
    ],
)
def test_cuts_come_at_the_best_break_within_reach(nlp: Language, text: str, piece_chars: int, expected: list[str]) -> None:
    """A piece is ``piece_chars`` to twice that long and ends at the best break there, a token boundary at worst."""
    doc = make_doc(text, nlp=nlp)
    cuts = cut_points(text, [token.idx for token in doc], piece_chars=piece_chars)
    assert [doc[i].text for i in cuts] == expected


@pytest.mark.parametrize("piece_chars", [50, 200, 1000, len(ARTICLE)])
def test_pieces_join_back_into_the_whole_text(nlp: Language, piece_chars: int) -> None:
    """Split and joined, the tokens keep their texts and offsets, and every token is parsed."""
    doc = make_doc(ARTICLE, nlp=nlp)
    pieces = split_doc(doc, piece_chars=piece_chars)
    assert (len(pieces) == 1) == (piece_chars >= len(ARTICLE))
    assert all(len(piece.text) >= piece_chars for piece in pieces[:-1])
    joined = parse_many([ARTICLE], nlp=nlp, piece_chars=piece_chars)[0]
    assert joined.text == ARTICLE
    assert [(t.idx, t.text) for t in joined] == [(t.idx, t.text) for t in doc]
    assert all(t.tag_ and t.dep_ for t in joined if not t.is_space)


@pytest.mark.parametrize("piece_chars", [120, 400])
def test_a_parse_in_pieces_finds_what_the_whole_parse_finds(
    nlp: Language, monkeypatch: pytest.MonkeyPatch, piece_chars: int
) -> None:
    """Cut at paragraph breaks, the article gives the same quotes, speakers and offsets as parsed whole."""
    whole = extract_quotes(ARTICLE, nlp=nlp)
    monkeypatch.setattr(parse_module, "PIECE_CHARS", piece_chars)
    assert len(split_doc(make_doc(ARTICLE, nlp=nlp), piece_chars=piece_chars)) > 2
    assert extract_quotes(ARTICLE, nlp=nlp) == whole
    assert len(whole.quotes) >= 12


def test_the_pipeline_reads_bounded_groups(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces and short texts go to nlp.pipe in order, each call at most GROUP_CHARS characters or one piece."""
    calls: list[list[int]] = []
    pipe = nlp.pipe

    def spy(docs: Iterable[Doc], **kwargs: Any) -> Iterator[Doc]:
        """Record the lengths of the docs of each call."""
        docs = list(docs)
        calls.append([len(doc.text) for doc in docs])
        return pipe(docs, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    monkeypatch.setattr(parse_module, "GROUP_CHARS", 600)
    texts = [ARTICLE, PARAGRAPHS[0], PARAGRAPHS[1], ARTICLE]
    docs = parse_many(texts, nlp=nlp, piece_chars=250)
    assert [doc.text for doc in docs] == texts
    assert len(calls) > 2
    assert all(sum(call) <= 600 or len(call) == 1 for call in calls)
    assert sum(len(call) for call in calls) > len(texts)


#: Two paragraphs the parser reads as one sentence when nothing tells it that a paragraph ends.
JOINED = (
    "“We are watching,” the State Department said in an email to The Washington Post.\n\n"
    "Officials at the Department of Health and Human Services, who spoke on condition of anonymity "
    "because they were not authorized to speak publicly, said the rule would be delayed."
)


@pytest.mark.parametrize(
    ("text", "starts", "not_starts"),
    [
        (JOINED, ["Officials"], []),
        (JOINED.replace("\n\n", "\n"), ["Officials"], []),
        ("The mayor said the rule\nwould wait for the Washington\nPost.\n\nOfficials agreed.", ["Officials"], ["would", "Post"]),
    ],
)
def test_every_paragraph_starts_a_sentence(nlp: Language, text: str, starts: list[str], not_starts: list[str]) -> None:
    """A blank line (or a line break, in a text with no blank line) always ends the sentence; a wrapped line does not."""
    doc = parse(text, nlp=nlp)
    first = {token.text: token.is_sent_start for token in doc}
    assert all(first[word] for word in starts)
    assert not any(first[word] for word in not_starts)


def test_a_paragraph_start_in_a_later_piece_still_starts_a_sentence(nlp: Language) -> None:
    """Sentence starts set before the parse survive the cut into pieces."""
    doc = parse_many(["\n\n".join([JOINED] * 12)], nlp=nlp, piece_chars=600)[0]
    assert all(token.is_sent_start for token in doc if token.text == "Officials")


def test_a_report_after_a_paragraph_the_parser_would_join_is_found(nlp: Language) -> None:
    """"... to The Washington Post.\n\nOfficials ..., said X": the second paragraph's report is its own sentence's."""
    assert "the rule would be delayed" in [quote.text for quote in extract_quotes(JOINED, nlp=nlp).quotes]
