"""Time the stance stage's model calls on the seed articles, in CPU time of one process.

Usage (in the project's .venv, from the project root):
    .venv/bin/python -m bench.stance_probe [--model DIR] [--rounds 5]

It runs the core on each seed article with a recording scorer to collect what the stance stage asks
the model, then times those calls alone (``time.process_time``, so other users of a shared machine
count less) and prints, per seed article, the targets, the reads and tokens the model runs, and the
median CPU milliseconds over the rounds.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from service.config import DEFAULTS
from service.extraction import extract_quotes, load_pipeline
from service.extraction.stance import TargetInput
from service.extraction.target_stance import StanceModel, TargetStance, load_stance_model

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@dataclass
class RecordingScorer:
    """Scores with the model and keeps every call's targets and batch size."""

    model: StanceModel
    calls: list[tuple[list[TargetInput], int]] = field(default_factory=list)

    def score(self, targets: Sequence[TargetInput], *, batch_size: int = 1) -> list[TargetStance]:
        """Record the call, then answer it with the model."""
        self.calls.append((list(targets), batch_size))
        return self.model.score(targets, batch_size=batch_size)


def cpu_ms(model: StanceModel, calls: Sequence[tuple[list[TargetInput], int]], *, rounds: int) -> float:
    """Return the median CPU milliseconds of running ``calls`` once, over ``rounds`` rounds."""
    samples = []
    for _ in range(rounds):
        started = time.process_time()
        for targets, batch_size in calls:
            model.score(targets, batch_size=batch_size)
        samples.append((time.process_time() - started) * 1000)
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> None:
    """Collect the seed articles' stance calls and print their cost."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="stance model folder (default: the packaged one)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    nlp = load_pipeline(DEFAULTS["MODEL"])
    model = load_stance_model(args.model)
    model.open()
    total = 0.0
    print(f"model {model.name} ({'all targets of a text per read' if model.multi_target else 'one target per read'})")
    for path in SEEDS:
        scorer = RecordingScorer(model)
        extract_quotes(path.read_text(encoding="utf-8"), nlp=nlp, scorer=scorer)
        targets = [target for call, _ in scorer.calls for target in call]
        reads = [read for call, _ in scorer.calls for read, _ in model.reads(call)]
        tokens = sum(len(read.ids) for read in reads)
        cpu_ms(model, scorer.calls, rounds=1)  # warm up
        ms = cpu_ms(model, scorer.calls, rounds=args.rounds)
        total += ms
        print(f"{path.name}: {len(targets)} targets, {len(reads)} reads, {tokens} tokens, {ms:.1f} ms CPU (median of {args.rounds})")
    print(f"mean per seed article: {total / len(SEEDS):.1f} ms CPU")


if __name__ == "__main__":
    main()
