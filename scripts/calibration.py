"""Print attribution accuracy per confidence bucket from a scorer response file.

Usage:
    python scripts/calibration.py --gold ../shared/eval/polnear-dev.jsonl --responses responses.jsonl

The response file is the JSONL written by score_quotes.py --save-responses.  A quote counts
when it matches a gold segment (>= 50% overlap of the longer span, direct/partial against
quoted segments, indirect against unquoted attributions); its speaker is right when the
mention overlaps a gold source span or every capitalised word of the source is in the name.
A newsroom reads the table to choose a min_confidence for unattended use.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path


BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
_CAPITALISED = re.compile(r"\b[A-Z][\w.'’-]*")
_IGNORED = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "President", "The", "He", "She", "They", "It", "I", "We"})


def overlaps(spans: Sequence[Sequence[int]], start: int, end: int) -> bool:
    """Tell whether a system span overlaps gold spans by at least half of the longer."""
    gold_length = sum(e - s for s, e in spans)
    shared = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return shared > 0 and shared >= 0.5 * max(gold_length, end - start)


def speaker_correct(quote: dict, attribution: dict, text: str) -> bool:
    """Apply the scorer's speaker rule, simplified."""
    speaker = quote.get("speaker")
    sources = attribution["source_spans"]
    if not sources:
        return speaker is None
    if speaker is None:
        return False
    mention = speaker.get("mention") or {}
    if any(mention.get("start", -1) < e and s < mention.get("end", -1) for s, e in sources):
        return True
    name = {w.lower() for w in re.findall(r"[\w.'’-]+", speaker.get("name", ""))}
    words = [w for s, e in sources for w in _CAPITALISED.findall(text[s:e]) if w not in _IGNORED]
    return bool(words) and all(w.lower().removesuffix("’s").removesuffix("'s") in name for w in words)


def matching_attribution(gold: dict, quote: dict, *, direct: bool) -> dict | None:
    """Return the first gold attribution a system quote matches, or None."""
    for attribution in gold["attributions"]:
        if direct:
            hit = any(overlaps([segment], quote["start"], quote["end"]) for segment in attribution["quoted"])
        else:
            hit = not attribution["quoted"] and overlaps(attribution["content_spans"], quote["start"], quote["end"])
        if hit:
            return attribution
    return None


def judge(gold: dict, reply: dict) -> Iterable[tuple[float, bool]]:
    """Yield (confidence, speaker correct) for each system quote that matches a gold attribution."""
    for quote in reply.get("quotes", []):
        attribution = matching_attribution(gold, quote, direct=quote["kind"] in ("direct", "partial"))
        if attribution is not None:
            yield quote["confidence"], speaker_correct(quote, attribution, gold["text"])


def table(pairs: Iterable[tuple[float, bool]]) -> list[tuple[str, int, float, int, float]]:
    """Return rows of (bucket, count, accuracy, count at or above, accuracy at or above)."""
    pairs = list(pairs)
    rows = []
    for low, high in zip(BUCKETS, BUCKETS[1:]):
        inside = [ok for c, ok in pairs if low <= c < high]
        above = [ok for c, ok in pairs if c >= low]
        rows.append(
            (
                f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}",
                len(inside),
                sum(inside) / len(inside) if inside else float("nan"),
                len(above),
                sum(above) / len(above) if above else float("nan"),
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Read gold and responses, print the calibration table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--responses", type=Path, required=True)
    parser.add_argument("--kind", choices=("direct", "indirect", "all"), default="all")
    args = parser.parse_args(argv)
    golds = {json.loads(line)["doc_id"]: json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()}
    pairs: list[tuple[float, bool]] = []
    for line in args.responses.open(encoding="utf-8"):
        if not line.strip():
            continue
        saved = json.loads(line)
        reply = saved.get("response") or {}
        if args.kind != "all":
            wanted = ("direct", "partial") if args.kind == "direct" else ("indirect",)
            reply = {"quotes": [q for q in reply.get("quotes", []) if q["kind"] in wanted]}
        if saved["doc_id"] in golds:
            pairs.extend(judge(golds[saved["doc_id"]], reply))
    out = sys.stdout
    out.write(f"{'confidence':<12}{'quotes':>8}{'accuracy':>10}{'quotes >=':>11}{'accuracy >=':>13}\n")
    for bucket, count, accuracy, above, above_accuracy in table(pairs):
        out.write(f"{bucket:<12}{count:>8}{accuracy:>10.3f}{above:>11}{above_accuracy:>13.3f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
