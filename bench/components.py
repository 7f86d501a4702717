"""Time each stage of the service's spaCy parse on the seed articles, in CPU time of one process.

Usage (in the project's .venv, from the project root):
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python -m bench.components [--rounds 7] [--ner DIR]

It parses each seed article the way the service does (parsecopy.make_doc, then every pipeline
component in turn) and prints, per stage, the median CPU milliseconds per seed article over the
rounds (``time.process_time``, so other users of a shared machine count less). A recogniser with a
private tok2vec is split into that tok2vec and the rest (its transition loop). The last line is the
whole core per seed article (``extract_quotes`` with the stance model), without the HTTP layer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from scripts.train_ner import load_service_pipeline
from service.extraction import extract_quotes
from service.extraction.parsecopy import make_doc
from service.extraction.target_stance import load_stance_model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def cpu_ms(action: Callable[[], object]) -> tuple[float, object]:
    """Return the CPU milliseconds ``action`` took, and its result."""
    started = time.process_time()
    result = action()
    return (time.process_time() - started) * 1000, result


def private_tok2vec(nlp: Language, name: str) -> object | None:
    """Return the tok2vec layer inside component ``name`` when it has its own (not a listener)."""
    model = getattr(nlp.get_pipe(name), "model", None)
    if model is None or not model.has_ref("tok2vec"):
        return None
    layer = model.get_ref("tok2vec")
    return None if "listener" in layer.name.lower() else layer


def time_parse(nlp: Language, text: str) -> dict[str, float]:
    """Return the CPU milliseconds of each stage of one parse of ``text``."""
    stages: dict[str, float] = {}
    stages["make_doc"], doc = cpu_ms(lambda: make_doc(text, nlp=nlp))
    for name, component in nlp.pipeline:
        inner = private_tok2vec(nlp, name)
        if inner is not None:
            copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
            stages[f"{name} (own tok2vec)"], _ = cpu_ms(lambda: inner.predict([copy]))
        stages[name], doc = cpu_ms(lambda: component(doc))
    stages["total"] = sum(value for key, value in stages.items() if "own tok2vec" not in key)
    return stages


def measure(nlp: Language, *, rounds: int) -> dict[str, float]:
    """Return the median CPU milliseconds per seed article of each stage over ``rounds`` rounds."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for text in texts:  # warm the memo of the attribute lookup and the allocator
        time_parse(nlp, text)
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        per_round: dict[str, float] = defaultdict(float)
        for text in texts:
            for stage, value in time_parse(nlp, text).items():
                per_round[stage] += value / len(texts)
        for stage, value in per_round.items():
            samples[stage].append(value)
    return {stage: statistics.median(values) for stage, values in samples.items()}


def measure_core(nlp: Language, *, rounds: int) -> float:
    """Return the median CPU milliseconds per seed article of the whole core (extract_quotes with stance)."""
    scorer = load_stance_model(None)
    scorer.open()
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    for text in texts:
        extract_quotes(text, nlp=nlp, scorer=scorer)
    samples = []
    for _ in range(rounds):
        started = time.process_time()
        for text in texts:
            extract_quotes(text, nlp=nlp, scorer=scorer)
        samples.append((time.process_time() - started) * 1000 / len(texts))
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> None:
    """Load the pipeline, time its stages on the seed articles and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--ner", type=Path, help="folder of a recogniser from scripts/train_ner.py (default: stock)")
    args = parser.parse_args(argv)
    nlp = load_service_pipeline(folder=args.ner)
    table = measure(nlp, rounds=args.rounds)
    print(f"CPU ms per seed article, median of {args.rounds} rounds ({len(SEEDS)} seeds)")
    for stage, value in table.items():
        print(f"{stage:28s} {value:7.1f}")
    print(f"{'whole core, with stance':28s} {measure_core(nlp, rounds=args.rounds):7.1f}")


if __name__ == "__main__":
    main()
