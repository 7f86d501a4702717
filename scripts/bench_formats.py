"""Print timings of the input formats: batches against one-by-one requests, and reading HTML pages.

Usage:
    .venv/bin/python -m scripts.bench_formats [--articles 40] [--hostile]

Figures only, no targets: the machine is shared, so expect noise. Articles and pages are invented.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from service import create_app
from service.config import DEFAULTS
from service.extraction import extract_quotes, extract_quotes_many, load_pipeline
from service.html import ExtractionFailed, NoArticleText, extract_article

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "tests" / "pages" / "pier.html").read_text(encoding="utf-8")
NAMES = ("Marta Quill", "Obi Danjuma", "Lena Hartwig", "Ravi Menon", "Sofia Brandt", "Tom Okafor")
TOPICS = ("the harbour plan", "the school budget", "the new tram line", "the water tariff", "the stadium vote")


def invented_article(number: int) -> str:
    """Return a short invented news article of a few paragraphs with direct, partial and indirect quotes."""
    name, other = NAMES[number % len(NAMES)], NAMES[(number + 2) % len(NAMES)]
    topic = TOPICS[number % len(TOPICS)]
    paragraphs = [
        f"The city council debated {topic} for a {number % 5 + 2}th time on Tuesday, and the vote was close.",
        f'"We cannot wait another year for {topic}," said {name}, who chairs the committee.',
        f"{other} said the plan was \"rushed\" and that residents had not been heard.",
        f"According to the mayor's office, a decision on {topic} is expected next month.",
        f'"I am confident we will find a majority," {name} told reporters after the session.',
    ]
    return "\n\n".join(paragraphs * (1 + number % 3))


def timed(run: Callable[[], Any]) -> float:
    """Return the seconds one call of ``run`` takes."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def bench_core(nlp: Any, texts: list[str]) -> None:
    """Print the core's time on the texts one by one and through extract_quotes_many."""
    chars = sum(map(len, texts))
    extract_quotes(texts[0], nlp=nlp)  # warm up
    single = timed(lambda: [extract_quotes(text, nlp=nlp) for text in texts])
    print(f"core: {len(texts)} invented articles, {chars} chars")
    print(f"  extract_quotes one by one        {single:6.2f} s  {chars / single:8.0f} chars/s")
    for batch_size in (1, 16, 64):
        many = timed(lambda: extract_quotes_many(texts, nlp=nlp, batch_size=batch_size))
        print(f"  extract_quotes_many batch {batch_size:<3d}    {many:6.2f} s  {chars / many:8.0f} chars/s")


def bench_http(nlp: Any, texts: list[str]) -> None:
    """Print the time of one POST per article against one batch POST, through the Flask app."""
    client = create_app({"NLP": nlp}).test_client()
    single = timed(lambda: [client.post("/v1/quotes", json={"text": text}) for text in texts])
    documents = [{"id": str(i), "text": text} for i, text in enumerate(texts)]
    response: list[Any] = []
    batch = timed(lambda: response.append(client.post("/v1/quotes/batch", json={"documents": documents})))
    statuses = {r["status"] for r in response[0].get_json()["results"]}
    print(f"http: {len(texts)} POST /v1/quotes {single:6.2f} s; one POST /v1/quotes/batch {batch:6.2f} s {statuses}")


def bench_html(*, hostile: bool) -> None:
    """Print how long reading pages takes: the reader's start, a normal page, a large one, hostile ones."""
    print("html (reader process, default timeout %g s)" % DEFAULTS["HTML_TIMEOUT_SECONDS"])
    timeout = float(DEFAULTS["HTML_TIMEOUT_SECONDS"])
    print(f"  first page (starts the reader)   {timed(lambda: extract_article(PAGE, timeout=timeout)) * 1000:7.0f} ms")
    runs = [timed(lambda: extract_article(PAGE, timeout=timeout)) for _ in range(20)]
    print(f"  {len(PAGE)}-char page, median of 20  {statistics.median(runs) * 1000:7.0f} ms")
    body = PAGE.split("<main>")[1].split("</main>")[0]
    large = PAGE.replace(body, body * (900_000 // len(body)))
    print(f"  {len(large)}-char page             {timed(lambda: extract_article(large, timeout=timeout)) * 1000:7.0f} ms")
    if not hostile:
        return
    paragraph = "<p>The council approved the bridge after a long debate, said the mayor.</p>"
    pages = {
        "100k attributes": "<html><body><div " + " ".join(f"a{i}=1" for i in range(100_000)) + ">" + paragraph,
        "nesting 150k deep": "<html><body>" + "<div>" * 150_000 + paragraph,
        "900k-char attribute": '<html><body><div class="' + "x" * 900_000 + '">' + paragraph * 5,
    }
    for name, page in pages.items():
        started = time.perf_counter()
        try:
            outcome = f"{len(extract_article(page, timeout=timeout).text)} chars of text"
        except (ExtractionFailed, NoArticleText) as exc:
            outcome = type(exc).__name__
        print(f"  {name:<32s} {(time.perf_counter() - started) * 1000:7.0f} ms  {outcome}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=40, help="invented articles in the batch")
    parser.add_argument("--hostile", action="store_true", help="also time hostile pages (up to ~15 s each)")
    args = parser.parse_args(argv)
    nlp = load_pipeline(DEFAULTS["MODEL"])
    texts = [invented_article(number) for number in range(args.articles)]
    bench_core(nlp, texts)
    bench_http(nlp, texts)
    bench_html(hostile=args.hostile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
