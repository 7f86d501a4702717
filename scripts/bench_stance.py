"""Print the stance model's cost: added RSS after loading it beside spaCy, latency per target, size.

Usage (in the project's .venv, from the project root):
    .venv/bin/python -m scripts.bench_stance [--gold ../shared/stance/newsmtsc-devtest-mt.jsonl] [--rounds 3] [--model DIR]

Without --gold it times invented sentences.  It loads the service's spaCy pipeline first, as a
gunicorn worker does, so the RSS figures are what one worker adds.  Timings on a shared machine
are noisy: take the median of a few rounds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from scripts.eval_stance import gold_targets, read_gold
from service.config import DEFAULTS
from service.extraction import load_pipeline
from service.extraction.target_stance import DEFAULT_MODEL_DIR, TargetRef, load_stance_model

NAMES = ("Anna Berg", "Paul Hart", "Maria Lopez", "Tom Reed", "Carl Weiss")
TEMPLATES = (
    "Residents praised {name} for the tireless work that helped families recover after the storm last spring.",
    "Critics accused {name} of misleading the committee about the cost of the new stadium project.",
    "{name} will travel to the capital on Thursday to meet officials from the transport ministry.",
    "In a long interview, {name} said the agreement was fair, although several members of the party disagreed.",
)


def rss_mb() -> float:
    """Return this process's resident set size in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def invented_targets(count: int, *, seed: int = 7) -> list[TargetRef]:
    """Return ``count`` targets in invented sentences."""
    rng = random.Random(seed)
    refs = []
    for _ in range(count):
        name = rng.choice(NAMES)
        text = rng.choice(TEMPLATES).format(name=name)
        start = text.index(name)
        refs.append((text, start, start + len(name)))
    return refs


def full_window_targets(refs: Sequence[TargetRef]) -> list[TargetRef]:
    """Return the targets inside long filler text, so that each fills the model's whole window."""
    filler = "The board met again on Monday to go over the figures. " * 40
    return [(filler + text + " " + filler, len(filler) + start, len(filler) + end) for text, start, end in refs]


def time_per_target(score: callable, refs: Sequence[TargetRef], *, rounds: int) -> float:  # type: ignore[valid-type]
    """Return the median over rounds of milliseconds per target for ``score(refs)``."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        score(refs)
        samples.append(1000 * (time.perf_counter() - started) / len(refs))
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> None:
    """Load spaCy then the stance model, and print memory, latency and size figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, help="time the targets of a NewsMTSC-format file instead")
    parser.add_argument("--targets", type=int, default=256, help="number of targets to time")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder (default: the packaged one)")
    args = parser.parse_args(argv)

    before_spacy = rss_mb()
    load_pipeline(DEFAULTS["MODEL"])
    with_spacy = rss_mb()
    started = time.perf_counter()
    model = load_stance_model(args.model)
    load_seconds = time.perf_counter() - started
    with_model = rss_mb()

    refs = gold_targets(read_gold(args.gold))[0][: args.targets] if args.gold else invented_targets(args.targets)
    windows = full_window_targets(refs[:64])
    model.score(refs[:32], batch_size=8)  # warm-up
    single = time_per_target(lambda batch: [model.score_one(*ref) for ref in batch], refs, rounds=args.rounds)
    batched = time_per_target(lambda batch: model.score(batch, batch_size=8), refs, rounds=args.rounds)
    window_single = time_per_target(model.score, windows, rounds=args.rounds)
    window_batched = time_per_target(lambda batch: model.score(batch, batch_size=8), windows, rounds=args.rounds)
    after_use = rss_mb()
    size = sum(p.stat().st_size for p in args.model.iterdir()) / 2**20

    print(f"model {model.name}: {size:.1f} MB on disk ({(args.model / 'model.onnx').stat().st_size / 2**20:.1f} MB model.onnx)")
    print(f"RSS: after imports {before_spacy:.0f} MB, + spaCy pipeline {with_spacy:.0f} MB, + stance model {with_model:.0f} MB "
          f"(+{with_model - with_spacy:.0f} MB, loaded in {load_seconds:.2f}s), after scoring {after_use:.0f} MB "
          f"(+{after_use - with_spacy:.0f} MB over spaCy)")
    print(f"latency, median of {args.rounds} rounds: {len(refs)} sentence targets: single {single:.2f} ms/target, "
          f"batch_size=8 {batched:.2f} ms/target; {len(windows)} full {model.encoder.max_length}-token windows: "
          f"single {window_single:.2f} ms/target, batch_size=8 {window_batched:.2f} ms/target")

if __name__ == "__main__":
    main()
