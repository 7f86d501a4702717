"""The parse copy: long runs without white space and dense text reach spaCy in a cheap form, offsets unchanged."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.extraction import extract_quotes
from service.extraction.parsecopy import MAX_RUN, make_doc, merge_densest, parse_copy, readable, token_budget

RUNS = {
    "straight-quotes": '"' * 5000,
    "apostrophes": "'" * 5000,
    "curly-quotes": "“" * 3000 + "”" * 3000,
    "brackets": "([{" * 2000,
    "spaced-quotes": '" ' * 3000,
    "dashes": "-" * 5000,
    "one-word": "x" * 100_000,
    "comma-list": "a," * 20_000,
    "emoji": "🎉" * 3000,
    "short-lines": "a\n" * 5000,
}
BEFORE = 'Mayor Maria Lopez said: "We will rebuild the bridge."'
AFTER = '"The budget is tight," Tom Baker told reporters.'


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_parse_copy_keeps_the_length(run: str) -> None:
    """The copy handed to spaCy has exactly as many characters as the text."""
    text = f"{BEFORE} {run} {AFTER}"
    assert len(parse_copy(text).text) == len(text)


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_doc_tokens_index_the_text(nlp: Language, run: str) -> None:
    """The Doc reads the submitted text: doc.text is the text and every token sits at its offset."""
    text = f"{BEFORE}\n\n{run}\n\n{AFTER}"
    doc = make_doc(text, nlp=nlp)
    assert doc.text == text
    assert all(text[token.idx : token.idx + len(token)] == token.text for token in doc)


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_runs_become_few_short_tokens(nlp: Language, run: str) -> None:
    """No token is longer than MAX_RUN characters and the text stays within its token budget."""
    doc = make_doc(run, nlp=nlp)
    assert max(len(token) for token in doc) <= MAX_RUN
    assert len(doc) <= token_budget(len(run))


def test_a_normal_article_is_tokenized_as_spacy_does(nlp: Language) -> None:
    """Text without long runs gets spaCy's own tokens."""
    text = " ".join([BEFORE, AFTER] * 200)
    assert [t.text for t in make_doc(text, nlp=nlp)] == [t.text for t in nlp.make_doc(text)]


def test_lone_surrogates_read_as_replacement_characters(nlp: Language) -> None:
    """spaCy cannot encode a lone surrogate, so the parse reads U+FFFD in its place."""
    text = 'He said "\ud800 yes" today \udfff.'
    assert readable(text) == text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert make_doc(text, nlp=nlp).text == readable(text)


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("Mayor \u200bAna Ruiz", "Mayor  Ana Ruiz"),
        ("\x00\x01 Ana\u200f said\u200e.", "   Ana  said ."),
        ("\u202eAna Ruiz\u202c", " Ana Ruiz "),
        ("re\u00adbuild and re\u200dbuild", "re\u00adbuild and re\u200dbuild"),
        ("Doug \u00adAndres", "Doug \u00adAndres"),
        ("Fran\u0303\x83c\u0327ois", "Fran\u0303\x83c\u0327ois"),
        ("👩\u200d🔧", "👩 🔧"),
    ],
    ids=[
        "zero-width-space",
        "controls-and-marks",
        "embedding",
        "inside-words",
        "soft-hyphen",
        "next-to-combining-marks",
        "emoji-joiner",
    ],
)
def test_invisible_characters_read_as_spaces_outside_words(text: str, reads: str) -> None:
    """Controls, zero-width and direction marks neither join a name nor split a word."""
    assert readable(text) == reads


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_quotes_around_a_long_run_are_found_and_attributed(nlp: Language, run: str) -> None:
    """The quotes before and after a run keep their text, offsets and speakers."""
    text = f"{BEFORE}\n\n{run}\n\n{AFTER}"
    extraction = extract_quotes(text, nlp=nlp, kinds=["direct"])
    found = {q.text: extraction.speaker(q.speaker_id) for q in extraction.quotes}
    assert found.keys() == {"We will rebuild the bridge.", "The budget is tight,"}
    assert found["We will rebuild the bridge."].name == "Maria Lopez"  # type: ignore[union-attr]
    assert found["The budget is tight,"].name == "Tom Baker"  # type: ignore[union-attr]
    for quote in extraction.quotes:
        assert text[quote.start : quote.end] == quote.text


def test_merging_keeps_sparse_windows_and_covers_the_text() -> None:
    """Only dense windows are merged; merged tokens still cover the same characters in order."""
    sparse = [(i * 10, i * 10 + 5) for i in range(128)]
    dense = [(1280 + i, 1281 + i) for i in range(640)]
    merged = merge_densest(sparse + dense, budget=300)
    assert merged[:128] == sparse
    assert len(merged) <= 300
    assert merged[128][0] == 1280 and merged[-1][1] == 1920
    assert all(a[1] <= b[0] for a, b in zip(merged, merged[1:]))


PIECES = ['"', "'", "“", "”", "(", ")", "[", "{", "-", ".", "*", ",", " ", "  ", "\n", "\r\n", "\t", "a", "word",
          "\x00", "\u200b", "\u202e", "🎉", "\ud800", "_", '"' * 70, "x" * 70, "(" * 9, " " * 9, "\n\n"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join))
def test_doc_rebuilds_any_text_at_its_offsets(nlp: Language, text: str) -> None:
    """Whatever the text, the Doc holds what the parse reads, token by token at the same offsets."""
    doc = make_doc(text, nlp=nlp)
    reads = readable(text)
    assert len(reads) == len(text)
    assert doc.text == reads
    assert all(reads[token.idx : token.idx + len(token)] == token.text for token in doc)


def test_a_rebuilt_doc_is_tagged_and_parsed_as_spacy_does(nlp: Language) -> None:
    """Tokens kept from spaCy's tokenizer keep their special-case norms ("n’t" reads "not"), so the tags agree."""
    prose = "I don’t think it’s over, the mayor said. We can’t wait, and we won’t. " * 5
    text = prose + "\n\n" + "x" * (3 * MAX_RUN)
    rebuilt, spacy_own = nlp(make_doc(text, nlp=nlp)), nlp(text)
    assert len(rebuilt) != len(spacy_own), "the run went through the rebuild"
    count = len(nlp.make_doc(prose))
    annotations = [[(t.text, t.norm_, t.tag_, t.dep_, t.head.i) for t in doc[:count]] for doc in (rebuilt, spacy_own)]
    assert annotations[0] == annotations[1]


GLUED = {
    "comma-before-opening": ('Judge Ann Lee said,"We will rule by Friday."', "Ann Lee"),
    "colon-before-opening": ('Rep. Tom Kent (R-Ohio):"I have not read the memo."', "Tom Kent"),
    "comma-before-name": ('"The vote was close,"Ann Lee said on Monday.', "Ann Lee"),
    "curly-marks": ("Ann Lee said,“We will rule by Friday.”", "Ann Lee"),
}


@pytest.mark.parametrize(("text", "name"), GLUED.values(), ids=GLUED.keys())
def test_a_glued_quotation_mark_is_a_token_and_the_quote_keeps_its_speaker(
    nlp: Language, text: str, name: str
) -> None:
    """A quotation mark with no space between it and the cue or the name is split off, so the cue is read."""
    doc = make_doc(text, nlp=nlp)
    assert any(token.text in {'"', "“", "”"} and token.idx > 0 for token in doc)
    assert all(len(token) == 1 for token in doc if any(mark in token.text for mark in '"“”'))
    extraction = extract_quotes(text, nlp=nlp, kinds=["direct"])
    (quote,) = extraction.quotes
    assert extraction.speaker(quote.speaker_id).name == name  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ['He said "no" and left.', "Ann’s 5'11\" frame", 'a "word"-based rule'])
def test_quotation_marks_spaced_or_beside_other_marks_are_left_to_spacy(nlp: Language, text: str) -> None:
    """Only a mark between a word and a word, comma, colon or stop is split off by the parse copy."""
    assert parse_copy(text).forced == ()
