"""Print how long pathological inputs take through the app, against a normal article of the same length.

Usage:
    .venv/bin/python bench/pathological.py [--sizes 10000,100000] [--only NAME,...] [--repeat 1]

For each input and size it prints the seconds of one POST /v1/quotes (in-process, JSON body), the
seconds of a normal invented article of the same length, and the difference. The normal article is
timed before and after the inputs of its size, and the faster run is the reference. The target is
that no input takes more than 2 s beyond the normal article. Figures only: the machine is shared, so
expect noise; use --repeat to keep the best of several runs. Every text is generated here.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask.testing import FlaskClient  # noqa: E402

from service import create_app  # noqa: E402
from service.config import DEFAULTS  # noqa: E402
from service.extraction import load_pipeline  # noqa: E402
from service.extraction.parsecopy import make_doc  # noqa: E402

FIRST_NAMES = ("Marta", "Obi", "Lena", "Ravi", "Sofia", "Tom", "Ines", "Karl", "Yara", "Pavel", "Noor", "Ada")
LAST_NAMES = ("Quill", "Danjuma", "Hartwig", "Menon", "Brandt", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Ruiz")
TOPICS = ("the harbour plan", "the school budget", "the new tram line", "the water tariff", "the stadium vote")
ROLES = ("the mayor", "a council member", "the union leader", "the transport minister", "a local shop owner")
NASTY = "\x00\x01\x07\x1b\x7f\u200b\u200c\u200d\u200e\u200f\u202e\u2066\ufeff🎉👩‍👩‍👧\ud800\udfff\r\n"


def normal_article(length: int, *, seed: int = 1) -> str:
    """Return an invented news article of exactly ``length`` characters, with every kind of quote."""
    rnd = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < length:
        name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
        topic, role = rnd.choice(TOPICS), rnd.choice(ROLES)
        paragraph = rnd.choice(
            [
                f'"We cannot wait another year for {topic}," said {name}, {role}.',
                f"{name}, {role}, said the plan for {topic} was \"rushed\" and that residents had not been heard.",
                f"According to {role}, a decision on {topic} is expected next month, after two public hearings.",
                f'{name} told reporters: "I am confident we will find a majority for {topic} before the summer."',
                f"The council debated {topic} for the {rnd.randint(2, 9)}th time on Tuesday, and the vote was close.",
                f"Residents gathered outside the hall. Some carried signs about {topic}; others stayed home.",
            ]
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:length]


def repeated(unit: str) -> Callable[[int], str]:
    """Return a generator of ``unit`` repeated to the wanted length."""
    return lambda length: (unit * (length // len(unit) + 1))[:length]


def shuffled(alphabet: str, *, seed: int = 3) -> Callable[[int], str]:
    """Return a generator of random characters drawn from ``alphabet``."""
    return lambda length: "".join(random.Random(seed).choices(alphabet, k=length))


def many_names(length: int) -> str:
    """Return short lines, each a different invented person quoted once."""
    rnd = random.Random(5)
    lines = []
    size = 0
    while size < length:
        name = f"{rnd.choice(FIRST_NAMES)}{rnd.randint(1, 10**6)} {rnd.choice(LAST_NAMES)}{rnd.randint(1, 10**6)}"
        lines.append(f'{name} said: "No."')
        size += len(lines[-1]) + 1
    return "\n".join(lines)[:length]


def deep_nesting(length: int) -> str:
    """Return brackets and quotation marks nested as deep as the length allows."""
    half = length // 2
    opening = repeated("([{“‘«")(half)
    closing = repeated("»’”}])")(length - half)
    return opening + closing


def with_nasty_characters(length: int) -> str:
    """Return a normal article with control, zero-width, direction, emoji and surrogate characters strewn in."""
    article = list(normal_article(length))
    rnd = random.Random(7)
    for position in rnd.sample(range(length), k=length // 20):
        article[position] = rnd.choice(NASTY)
    return "".join(article)


INPUTS: dict[str, Callable[[int], str]] = {
    "straight-quotes": repeated('"'),
    "apostrophes": repeated("'"),
    "left-curly": repeated("“"),
    "right-curly": repeated("”"),
    "open-parens": repeated("("),
    "close-parens": repeated(")"),
    "brackets": repeated("["),
    "braces": repeated("{"),
    "dashes": repeated("-"),
    "dots": repeated("."),
    "stars": repeated("*"),
    "mixed-punct": shuffled("\"'“”‘’()[]{}<>-–—.,;:!?*&%$#@/\\|~^_+="),
    "one-word": repeated("abcdefghij"),
    "short-lines": repeated("a\n"),
    "quote-lines": repeated('"No."\n'),
    "deep-nesting": deep_nesting,
    "spaced-quotes": repeated('" '),
    "tiny-quotes": repeated('"ok" '),
    "single-quote-lines": repeated("'No.'\n"),
    "single-tiny-quotes": repeated("'ok' "),
    "possessives": repeated("the voters' 'choice "),
    "glued-quotes": repeated('Lee said,"No."'),
    "comma-list": repeated("a,"),
    "nested-reports": repeated("he said "),
    "crlf-article": lambda length: normal_article(length).replace("\n", "\r\n")[:length],
    "nasty-chars": with_nasty_characters,
    "many-names": many_names,
    "random-mixed": shuffled("\"'“”()[]{}-.*,;:!?abc \n"),
}


def post_seconds(client: FlaskClient, text: str) -> float:
    """Return the seconds one POST /v1/quotes of ``text`` takes; fail loudly unless it answers 200."""
    started = time.perf_counter()
    response = client.post("/v1/quotes", json={"text": text})
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"POST answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
    return seconds


def best_of(repeat: int, measure: Callable[[], float]) -> float:
    """Return the smallest of ``repeat`` measurements."""
    return min(measure() for _ in range(repeat))


def main(argv: list[str] | None = None) -> int:
    """Time every chosen input at every size against the normal article and print one row each."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated text lengths in characters")
    parser.add_argument("--only", default="", help="comma-separated input names (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best is kept")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    names = [name for name in args.only.split(",") if name] or list(INPUTS)
    unknown = set(names) - set(INPUTS)
    if unknown:
        parser.error(f"unknown inputs {sorted(unknown)}; choose from {list(INPUTS)}")

    nlp = load_pipeline(DEFAULTS["MODEL"])
    app = create_app({"NLP": nlp, "TESTING": True, "REQUEST_TIMEOUT": 3600.0, "LOG_LEVEL": "WARNING"})
    client = app.test_client()
    post_seconds(client, normal_article(2000, seed=99))  # warm up

    print(f"{'input':16} {'chars':>9} {'tokens':>8} {'seconds':>8} {'normal':>8} {'extra':>8}")
    for size in sizes:
        article = normal_article(size)
        normal = best_of(args.repeat, lambda: post_seconds(client, article))
        tokens = len(make_doc(article, nlp=nlp))
        print(f"{'normal':16} {size:9d} {tokens:8d} {normal:8.2f} {normal:8.2f} {0:+8.2f}", flush=True)
        rows: list[tuple[str, int, float]] = []
        for name in names:
            text = INPUTS[name](size)
            seconds = best_of(args.repeat, lambda: post_seconds(client, text))
            rows.append((name, len(make_doc(text, nlp=nlp)), seconds))
            print(f"{name:16} {size:9d} {rows[-1][1]:8d} {seconds:8.2f} {normal:8.2f} {seconds - normal:+8.2f}", flush=True)
        again = best_of(args.repeat, lambda: post_seconds(client, article))
        normal = min(normal, again)
        print(f"{'normal (again)':16} {size:9d} {tokens:8d} {again:8.2f} {normal:8.2f} {again - normal:+8.2f}")
        worst = max(rows, key=lambda row: row[2], default=None)
        if worst is not None:
            print(f"{'worst, vs best normal':22} {worst[0]} {worst[2]:.2f} s, {worst[2] - normal:+.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
