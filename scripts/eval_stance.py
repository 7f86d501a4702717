"""Run the shipped stance model in-process over a NewsMTSC-format file; print accuracy and macro-F1.

Usage (in the project's .venv, from the project root):
    .venv/bin/python -m scripts.eval_stance --gold ../shared/stance/newsmtsc-devtest-mt.jsonl

Figures are computed as ../shared/stance/score_stance.py computes them (2.0 against, 4.0 neutral,
6.0 favor; per-label F1, macro-F1 over the three labels).  ``--record NAME`` also stores them in the
model's meta.json under "evaluations" (e.g. the one final devtest-mt measurement).
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.extraction.target_stance import DEFAULT_MODEL_DIR, LABELS, StanceModel, load_stance_model

GOLD_LABELS = {2.0: "against", 4.0: "neutral", 6.0: "favor"}


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Return the sentences of a NewsMTSC-format JSONL file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_targets(sentences: Iterable[dict[str, Any]]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """Return the (text, start, end) targets of the sentences and their gold labels, in file order."""
    targets, labels = [], []
    for sentence in sentences:
        for target in sentence["targets"]:
            targets.append((sentence["sentence_normalized"], int(target["from"]), int(target["to"])))
            labels.append(GOLD_LABELS[float(target["polarity"])])
    return targets, labels


def stance_figures(gold: Sequence[str], predicted: Sequence[str | None]) -> dict[str, Any]:
    """Return accuracy, per-label precision/recall/F1 and macro-F1, as score_stance.py computes them."""
    pairs = list(zip(gold, predicted, strict=True))
    figures: dict[str, Any] = {"targets": len(pairs), "accuracy": 0.0, "macro_f1": 0.0, "labels": {}}
    if not pairs:
        return figures
    figures["accuracy"] = sum(g == p for g, p in pairs) / len(pairs)
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures["labels"][label] = {
            "gold": sum(g == label for g, _ in pairs),
            "predicted": sum(p == label for _, p in pairs),
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }
    figures["macro_f1"] = sum(item["f1"] for item in figures["labels"].values()) / len(LABELS)
    return figures


def rounded(figures: dict[str, Any]) -> dict[str, Any]:
    """Return the figures with every float rounded to 4 places."""
    if isinstance(figures, dict):
        return {key: rounded(value) for key, value in figures.items()}
    return round(figures, 4) if isinstance(figures, float) else figures


def format_figures(figures: dict[str, Any], *, title: str) -> str:
    """Return a small table of the figures, in score_stance.py's layout."""
    rows = [title]
    for label, item in figures["labels"].items():
        rows.append(
            f"{label:8s} gold {item['gold']:5d}  sys {item['predicted']:5d}  "
            f"P {item['precision']:.3f}  R {item['recall']:.3f}  F1 {item['f1']:.3f}"
        )
    rows.append(f"targets {figures['targets']}  accuracy {figures['accuracy']:.3f}  macro-F1 {figures['macro_f1']:.3f}")
    return "\n".join(rows)


def evaluate(model: StanceModel, sentences: Sequence[dict[str, Any]], *, batch_size: int = 1) -> dict[str, Any]:
    """Score every gold target with ``model`` and return the figures plus the wall time."""
    targets, gold = gold_targets(sentences)
    started = time.perf_counter()
    predicted = [stance.label for stance in model.score(targets, batch_size=batch_size)]
    figures = stance_figures(gold, predicted)
    figures["seconds"] = time.perf_counter() - started
    return figures


def record(model_dir: Path, name: str, gold: Path, figures: dict[str, Any], *, batch_size: int) -> None:
    """Store the figures in the model's meta.json under evaluations.<name>."""
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    measured = datetime.now(UTC).strftime("%Y-%m-%d")
    entry = {"file": gold.name, "measured": measured, "batch_size": batch_size, **rounded(figures)}
    meta.setdefault("evaluations", {})[name] = entry
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments, run the model over the gold file and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True, help="NewsMTSC-format JSONL file")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder (default: the packaged one)")
    parser.add_argument("--batch-size", type=int, default=1)
    parser.add_argument("--record", metavar="NAME", help="also store the figures in the model's meta.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    model = load_stance_model(args.model)
    figures = evaluate(model, read_gold(args.gold), batch_size=args.batch_size)
    print(format_figures(figures, title=f"{args.gold.name} with {model.name}"))
    print(f"wall {figures['seconds']:.1f}s  ({1000 * figures['seconds'] / max(1, figures['targets']):.2f} ms per target)")
    print(json.dumps({"gold": str(args.gold), **rounded(figures)}))
    if args.record:
        record(args.model, args.record, args.gold, figures, batch_size=args.batch_size)


if __name__ == "__main__":
    main()
