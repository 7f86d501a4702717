"""Distil the stock recogniser into one that reads the shared tok2vec (issue 5; measured, not shipped).

The stock en_core_web_sm NER runs a private tok2vec, about half its cost. This script trains a
recogniser on the pipeline's frozen shared tok2vec instead (a listener, optionally followed by
``--depth`` window layers and ``--embed-rows`` hash embeddings of its own), on silver labels: the
stock NER's entities over unlabelled news text. Only training text is used (polnear-train texts,
newsmtsc-train sentences, seeds/); never the held-out polnear-dev or newsmtsc devtest. The script
parses the texts with the stock recogniser into ``WORK/silver.spacy`` (reused when present), holds
out every 20th document to pick the best epoch by agreement with the stock NER, and writes the
recogniser (weights, labels and its model config, no text) to ``--out``. Runs are seeded: a rerun
gives the same losses.

Commands (from the project root, one BLAS thread; about 100 s CPU per epoch for --depth 0):

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python -m scripts.train_ner \
        --polnear /work/shared/eval/polnear-train.jsonl --newsmtsc /work/shared/stance/newsmtsc-train.jsonl \
        --work /tmp/ner --epochs 6 --depth 0 --out /tmp/ner/plain
    # agreement with the stock NER on held-out texts:
    .venv/bin/python -m scripts.train_ner --out /tmp/ner/plain --evaluate /work/shared/eval/polnear-dev.jsonl
    # CPU per stage on the seeds:
    .venv/bin/python -m bench.components --rounds 9 --ner /tmp/ner/plain

What it gave (at 6544e9d; entity F1 against the stock NER on polnear-dev texts, PERSON/ORG/GPE/NORP
together and all labels; parse CPU per seed article with stock at 137 ms, NER 66 of it):

    listener only (--depth 0), 6 epochs:  F1 0.734 (all 0.730)  parse 109 ms (NER 34)
    listener + one window layer (--depth 1), 4 epochs:  F1 0.782 (all 0.782)  parse 113 ms (NER 39)

Agreement rose by 0.005-0.025 an epoch and stays far below the 0.97 needed to ship (ORG 0.58-0.66,
GPE 0.70-0.76), although the quote harness barely moves (dev direct attribution 839 and 838 of 887
against 840 of 888). A window layer of its own costs about 6 ms and two about 13, so a recogniser
that also saves 25 ms has little room to learn what the private tok2vec gives the stock one.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from typing import Any

import spacy
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words
from thinc.api import Maxout, Model, chain, compounding, concatenate, fix_random_seed, with_array

from service.config import DEFAULTS
from service.extraction.parse import load_pipeline
from service.extraction.parsecopy import make_doc

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
#: Stock components the recogniser does not read: left out while it learns.
UNREAD = ["tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
HELD_OUT_EVERY = 20
STOCK_MODEL = DEFAULTS["MODEL"]
#: The entity types speaker resolution and stance targets read most.
MAIN_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def prf(found: int, expected: int, right: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 from counts."""
    p = right / found if found else 0.0
    r = right / expected if expected else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def agreement(predicted: Sequence[Doc], reference: Sequence[Doc]) -> dict[str, float]:
    """Return entity P/R/F1 of ``predicted`` against ``reference`` (same tokens): all, the main labels together, each."""
    groups: dict[str, tuple[str, ...] | None] = {"all": None, "ppgn": MAIN_LABELS, **{l: (l,) for l in MAIN_LABELS}}
    scores: dict[str, float] = {}
    for group, labels in groups.items():
        found = expected = right = 0
        for ours, theirs in zip(predicted, reference):
            mine = {(e.start, e.end, e.label_) for e in ours.ents if labels is None or e.label_ in labels}
            gold = {(e.start, e.end, e.label_) for e in theirs.ents if labels is None or e.label_ in labels}
            found, expected, right = found + len(mine), expected + len(gold), right + len(mine & gold)
        p, r, f = prf(found, expected, right)
        scores.update({f"p_{group}": round(p, 4), f"r_{group}": round(r, 4), f"f1_{group}": round(f, 4)})
    return scores


#: The recogniser's model when it reads the pipeline's shared tok2vec: the stock NER's head
#: (TransitionBasedParser.v2) on a listener instead of a private tok2vec.
NER_MODEL_CONFIG: dict[str, Any] = {
    "@architectures": "spacy.TransitionBasedParser.v2",
    "state_type": "ner",
    "extra_state_tokens": False,
    "hidden_width": 64,
    "maxout_pieces": 2,
    "use_upper": True,
    "nO": None,
    "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"},
}


@spacy.registry.architectures("quote_api.ListeningTok2Vec.v1")
def listening_tok2vec(
    upstream: str, upstream_width: int, width: int, embed_rows: list[int], depth: int
) -> Model[list[Doc], list[Any]]:
    """The shared tok2vec's vectors, joined with small hash embeddings of the token when ``embed_rows``
    is not empty, mixed to ``width`` and passed through ``depth`` window layers of the recogniser's own."""
    listener = Tok2VecListener(upstream_name=upstream, width=upstream_width)
    if embed_rows:
        embed = MultiHashEmbed(width=width, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"], rows=embed_rows,
                               include_static_vectors=False)
        mixed = chain(concatenate(listener, embed), with_array(Maxout(width, upstream_width + width, nP=3, normalize=True)))
    elif width != upstream_width:
        mixed = chain(listener, with_array(Maxout(width, upstream_width, nP=3, normalize=True)))
    else:
        mixed = listener
    if depth == 0:
        return mixed
    model = chain(mixed, MaxoutWindowEncoder(width=width, depth=depth, window_size=1, maxout_pieces=3))
    model.set_dim("nO", width)
    return model


def make_listening_ner(nlp: Language, *, model_config: dict[str, Any]) -> Any:
    """Add an untrained recogniser named "ner" that listens to ``nlp``'s tok2vec, at the end of the pipeline."""
    ner = nlp.add_pipe("ner", config={"model": model_config})
    nlp.get_pipe(model_config["tok2vec"]["upstream"]).find_listeners(ner)  # links its listener
    return ner


def load_listening_ner(nlp: Language, *, folder: Path) -> Any:
    """Add the recogniser saved in ``folder`` by this script to ``nlp``, which must lack one."""
    model_config = json.loads((folder / "model_config.json").read_text(encoding="utf-8"))
    ner = make_listening_ner(nlp, model_config=model_config)
    ner.from_disk(folder, exclude=["vocab"])
    return ner


def load_service_pipeline(*, folder: Path | None) -> Language:
    """Return the service's pipeline (parse.load_pipeline), its recogniser replaced by the one in ``folder`` if given."""
    nlp = load_pipeline(STOCK_MODEL)
    if folder is not None:
        nlp.remove_pipe("ner")
        load_listening_ner(nlp, folder=folder)
    return nlp


def read_texts(*, polnear: Path, newsmtsc: Path) -> list[str]:
    """Return the training texts: polnear-train articles, newsmtsc-train sentences and the seed articles."""
    texts = [json.loads(line)["text"] for line in polnear.open(encoding="utf-8") if line.strip()]
    texts += [json.loads(line)["sentence_normalized"] for line in newsmtsc.open(encoding="utf-8") if line.strip()]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    return texts


def build_silver(texts: Sequence[str], *, path: Path) -> None:
    """Parse ``texts`` with the stock recogniser (tokenized as the service does) and save the docs to ``path``."""
    nlp = spacy.load(STOCK_MODEL)
    bin_ = DocBin(attrs=["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    docs = (make_doc(text, nlp=nlp) for text in texts)
    with nlp.select_pipes(enable=["ner"]):
        for index, doc in enumerate(nlp.pipe(docs, batch_size=32)):
            bin_.add(doc)
            if index % 1000 == 0:
                log.info("silver: parsed %d of %d", index, len(texts))
    path.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(path)


def to_examples(nlp: Language, docs: Iterable[Doc]) -> list[Example]:
    """Pair each silver doc (the reference) with an unannotated doc of the same tokens."""
    return [Example(Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]), doc) for doc in docs]


def batches(examples: list[Example], *, seed: int) -> Iterator[list[Example]]:
    """Yield shuffled batches of about 100 to 1000 words (spaCy's default schedule)."""
    random.Random(seed).shuffle(examples)
    sizes = compounding(100.0, 1000.0, 1.001)
    yield from minibatch_by_words(examples, size=sizes)


def predict(nlp: Language, examples: Sequence[Example]) -> list[Doc]:
    """Run the pipeline on the unannotated side of ``examples``."""
    return list(nlp.pipe((Doc(nlp.vocab, words=[t.text for t in eg.reference], spaces=[bool(t.whitespace_) for t in eg.reference]) for eg in examples), batch_size=16))


def model_config(*, width: int, depth: int, embed_rows: list[int], hidden_width: int, maxout_pieces: int) -> dict[str, object]:
    """Return the recogniser's model config: the plain listener when ``depth`` is 0 and there are no
    embeddings, else the listener followed by layers of the recogniser's own (parse.listening_tok2vec)."""
    config: dict[str, object] = dict(NER_MODEL_CONFIG, hidden_width=hidden_width, maxout_pieces=maxout_pieces)
    if depth or embed_rows or width != 96:
        config["tok2vec"] = {"@architectures": "quote_api.ListeningTok2Vec.v1", "upstream": "tok2vec",
                             "upstream_width": 96, "width": width, "embed_rows": embed_rows, "depth": depth}
    return config


def train(silver: Path, *, epochs: int, out: Path, config: dict[str, object], seed: int) -> dict[str, float]:
    """Train the listening recogniser on ``silver`` and save the best epoch's to ``out``; return its agreement."""
    fix_random_seed(seed)
    nlp = spacy.load(STOCK_MODEL, exclude=UNREAD)
    ner = make_listening_ner(nlp, model_config=config)
    docs = list(DocBin().from_disk(silver).get_docs(nlp.vocab))
    held = to_examples(nlp, docs[::HELD_OUT_EVERY])
    examples = to_examples(nlp, [doc for index, doc in enumerate(docs) if index % HELD_OUT_EVERY])
    log.info("training on %d docs, picking the epoch on %d", len(examples), len(held))
    ner.initialize(lambda: examples[:500], nlp=nlp)
    optimizer = nlp.create_optimizer()
    exclude = [name for name in nlp.pipe_names if name != "ner"]
    best: dict[str, float] = {"f1_ppgn": -1.0}
    for epoch in range(epochs):
        started = time.process_time()
        losses: dict[str, float] = {}
        for batch in batches(examples, seed=seed + epoch):
            nlp.update(batch, sgd=optimizer, drop=0.1, losses=losses, exclude=exclude, annotates=["tok2vec"],
                       component_cfg={"tok2vec": {"batch_size": 10_000}})
        with ner.model.use_params(optimizer.averages):
            scores = agreement(predict(nlp, held), [eg.reference for eg in held])
            log.info("epoch %d: loss %.0f, %.0f s CPU, agreement %s", epoch, losses.get("ner", 0.0),
                     time.process_time() - started, json.dumps(scores))
            if scores["f1_ppgn"] > best["f1_ppgn"]:
                best = scores
                save(ner, config=config, out=out)
    return best


def save(ner: object, *, config: dict[str, object], out: Path) -> None:
    """Write the recogniser's weights and labels, and the model config that rebuilds it, to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    ner.to_disk(out, exclude=["vocab"])  # type: ignore[attr-defined]
    (out / "model_config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def evaluate(texts: Sequence[str], *, folder: Path) -> dict[str, float]:
    """Return the agreement of the recogniser in ``folder`` with the stock one on ``texts``."""
    stock = spacy.load(STOCK_MODEL, exclude=UNREAD[:-1])
    ours = spacy.load(STOCK_MODEL, exclude=UNREAD)
    load_listening_ner(ours, folder=folder)
    with stock.select_pipes(enable=["ner"]):
        reference = list(stock.pipe((make_doc(text, nlp=stock) for text in texts), batch_size=16))
    predicted = list(ours.pipe((make_doc(text, nlp=ours) for text in texts), batch_size=16))
    return agreement(predicted, reference)


def main(argv: Sequence[str] | None = None) -> None:
    """Build the silver data when absent, train, and print the best epoch's agreement."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", type=Path, help="polnear-train.jsonl (never polnear-dev); needed to train")
    parser.add_argument("--newsmtsc", type=Path, help="newsmtsc-train.jsonl (never devtest); needed to train")
    parser.add_argument("--work", type=Path, default=Path("/tmp/ner"), help="folder for the silver DocBin")
    parser.add_argument("--out", type=Path, required=True, help="folder the recogniser is written to")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--width", type=int, default=96, help="width of the recogniser's own layers")
    parser.add_argument("--depth", type=int, default=1, help="window layers of its own on the shared vectors (0: none)")
    parser.add_argument("--embed-rows", type=int, nargs="*", default=[], help="rows of its own NORM PREFIX SUFFIX SHAPE embeddings")
    parser.add_argument("--hidden-width", type=int, default=64)
    parser.add_argument("--maxout-pieces", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--evaluate", type=Path, help="instead of training: agreement of --out with stock on this jsonl's texts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.evaluate:
        texts = [json.loads(line)["text"] for line in args.evaluate.open(encoding="utf-8") if line.strip()]
        print(json.dumps(evaluate(texts, folder=args.out), indent=2))
        return
    if args.polnear is None or args.newsmtsc is None:
        parser.error("training needs --polnear and --newsmtsc")
    silver = args.work / "silver.spacy"
    if not silver.exists():
        build_silver(read_texts(polnear=args.polnear, newsmtsc=args.newsmtsc), path=silver)
    config = model_config(width=args.width, depth=args.depth, embed_rows=args.embed_rows,
                          hidden_width=args.hidden_width, maxout_pieces=args.maxout_pieces)
    best = train(silver, epochs=args.epochs, out=args.out, config=config, seed=args.seed)
    print(json.dumps(best, indent=2))


if __name__ == "__main__":
    main()
