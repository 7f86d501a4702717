"""service.results: options select quotes, and quotes are joined to their speakers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from service.extraction import Extraction, Speaker
from service.results import reply, select
from tests.helpers import sample_extraction


@pytest.mark.parametrize(
    ("kinds", "min_confidence", "quote_ids", "speaker_quote_ids"),
    [
        (None, 0.0, ["q1", "q2"], {"s1": ("q1",), "s2": ("q2",)}),
        (["direct"], 0.0, ["q1"], {"s1": ("q1",)}),
        (["partial", "indirect"], 0.0, ["q2"], {"s2": ("q2",)}),
        (None, 0.93, ["q1"], {"s1": ("q1",)}),
        (None, 0.94, [], {}),
    ],
)
def test_select_keeps_matching_quotes_and_their_speakers(
    kinds: list[str] | None, min_confidence: float, quote_ids: list[str], speaker_quote_ids: dict[str, tuple[str, ...]]
) -> None:
    """Quotes outside kinds or under min_confidence go, with speakers left without quotes."""
    selected = select(sample_extraction(), kinds=kinds, min_confidence=min_confidence)
    assert [q.id for q in selected.quotes] == quote_ids
    assert {s.id: s.quote_ids for s in selected.speakers} == speaker_quote_ids


def test_select_trims_quote_ids_of_speakers_who_keep_some() -> None:
    """A speaker with one kept and one dropped quote keeps only the kept id."""
    base = sample_extraction()
    both = Speaker("s1", "Sergei Shoigu", "person", quote_ids=("q1", "q2"))
    selected = select(Extraction(base.quotes, (both,)), kinds=["direct"], min_confidence=0.0)
    assert selected.speakers[0].quote_ids == ("q1",)


def test_select_keeps_speakers_who_never_had_quotes() -> None:
    """Speakers the core reports without quotes are not the filter's business."""
    base = sample_extraction()
    silent = Speaker("s9", "Kim Jong Un", "person")
    selected = select(Extraction(base.quotes, (*base.speakers, silent)), kinds=["direct"], min_confidence=0.0)
    assert "s9" in [s.id for s in selected.speakers]


def test_reply_names_each_quote_speaker() -> None:
    """A quote's speaker is the Speaker's id and name with the quote's own mention."""
    extraction = sample_extraction()
    quotes = reply(extraction, {})["quotes"]
    assert quotes[0]["speaker"] == {"id": "s1", "name": "Sergei Shoigu", "mention": extraction.quotes[0].mention}


@pytest.mark.parametrize("speaker_id", [None, "s404"], ids=["unattributed", "unknown-id"])
def test_reply_gives_null_speaker_when_there_is_none(speaker_id: str | None) -> None:
    """An unattributed quote, or one naming a speaker the core did not list, has speaker null."""
    base = sample_extraction()
    extraction = Extraction((replace(base.quotes[0], speaker_id=speaker_id),), base.speakers)
    assert reply(extraction, {})["quotes"][0]["speaker"] is None
