"""scripts/calibration.py: accuracy per confidence bucket from saved replies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.calibration import judge, main, table

TEXT = "“We will win,” Ana Ruiz said. “We will lose,” Tom Baker said."
GOLD = {
    "doc_id": "d1",
    "text": TEXT,
    "attributions": [
        {"quoted": [[1, 13]], "content_spans": [[1, 13]], "source_spans": [[15, 23]], "cue_spans": [[24, 28]]},
        {"quoted": [[31, 44]], "content_spans": [[31, 44]], "source_spans": [[46, 55]], "cue_spans": [[56, 60]]},
    ],
}


def quote(start: int, end: int, name: str | None, mention: tuple[int, int] | None, confidence: float) -> dict:
    """Return a reply quote."""
    speaker = None if name is None else {"name": name, "mention": mention and {"start": mention[0], "end": mention[1]}}
    return {"kind": "direct", "start": start, "end": end, "speaker": speaker, "confidence": confidence}


@pytest.mark.parametrize(
    ("reply_quotes", "expected"),
    [
        ([quote(1, 13, "Ana Ruiz", (15, 23), 0.9)], [(0.9, True)]),
        ([quote(1, 13, "Tom Baker", (46, 55), 0.9)], [(0.9, False)]),
        ([quote(1, 13, "Ana Ruiz", None, 0.6)], [(0.6, True)]),
        ([quote(31, 44, None, None, 0.3)], [(0.3, False)]),
        ([quote(60, 62, "X", None, 0.9)], []),
    ],
)
def test_judge_scores_matched_quotes_only(reply_quotes: list[dict], expected: list[tuple[float, bool]]) -> None:
    """A matched quote is right when its mention overlaps the source or its name covers the source's words."""
    assert list(judge(GOLD, {"quotes": reply_quotes})) == expected


def test_table_counts_each_bucket_and_everything_above() -> None:
    """Rows give the count and accuracy inside a bucket and at or above its lower bound."""
    rows = {row[0]: row for row in table([(0.95, True), (0.95, False), (0.65, True)])}
    assert rows["[0.9, 1.0]"][1:3] == (2, 0.5)
    assert rows["[0.6, 0.7)"][3:] == (3, 2 / 3)


def test_main_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line reads the gold and a response file and prints one row per bucket."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    responses = tmp_path / "responses.jsonl"
    saved = {"doc_id": "d1", "response": {"quotes": [quote(1, 13, "Ana Ruiz", (15, 23), 0.9)]}}
    responses.write_text(json.dumps(saved) + "\n", encoding="utf-8")
    assert main(["--gold", str(gold), "--responses", str(responses)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("confidence") and len(lines) == 7
    assert lines[-1].split()[-1] == "1.000"
