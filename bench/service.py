"""Benchmark: raw spaCy throughput against the service under gunicorn, on this machine.

    .venv/bin/python -m bench.service [--requests 5000] [--seconds 20] [--workers 2]

Prints, as tables and a last JSON line:
- raw ``nlp.pipe`` throughput of the stock spaCy pipeline of the service's model (one process per worker, the same
  cores as the service) on the seed articles and on generated articles of 1k, 5k and 20k characters;
- the service (the Procfile's gunicorn, ``--workers`` sync workers) driven from this process over
  loopback at concurrency 1, 2, 4 and 8 with a seed article: throughput, p50/p95/p99 latency;
- RSS per worker, time from start to ready, and a bounded load run of ``--requests`` requests of
  the generated 1k-character articles at concurrency 4 (errors and lost requests counted);
- the ratio of service throughput to raw throughput on the same articles and cores. The raw seed
  figure is measured before and again right after the service, and the ratio is taken against the
  higher of the two, so that a slow spell of the host does not flatter the service; the share of
  CPU time the hypervisor took (steal, from /proc/stat) is printed for each phase.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import logging
import multiprocessing
import os
import random
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SIZES = (1_000, 5_000, 20_000)
CONCURRENCY = (1, 2, 4, 8)
READY_TIMEOUT_S = 120

log = logging.getLogger("bench")

# Invented sentences for generated articles: quotes, reported speech and plain narration.
NAMES = ("Anna Berg", "Tom Reed", "Maria Lopez", "Ivan Petrov", "Kim Sung-ho", "Laura Chen")
TITLES = ("the mayor", "a spokesman for the ministry", "the committee chair", "an aide")
SENTENCES = (
    "“We are ready to talk, but not at any price,” {name} said on Monday.",
    "{name}, {title}, said the plan would cost more than expected.",
    "According to {name}, the vote could be delayed until the spring.",
    "The council met for three hours and adjourned without a decision.",
    "“This is not what we promised,” {name} told reporters. “We will fix it.”",
    "Critics called the measure a “half-hearted gesture” that helps no one.",
    "{name} warned that the bridge may close for repairs next year.",
    "Officials said the figures would be published later this week.",
)


@dataclass(frozen=True)
class Load:
    """What one load level measured."""

    concurrency: int
    requests: int
    errors: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def throughput(self) -> float:
        """Return requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """Return the ``q`` quantile of the latencies, in seconds."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def generate_article(size: int, *, seed: int) -> str:
    """Return an invented article of about ``size`` characters, paragraphs separated by blank lines."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        sentences = [
            rng.choice(SENTENCES).format(name=rng.choice(NAMES), title=rng.choice(TITLES))
            for _ in range(rng.randint(1, 3))
        ]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)[:size]


def corpora() -> dict[str, list[str]]:
    """Return the benchmark's article sets by name."""
    sets = {"seeds": [path.read_text(encoding="utf-8") for path in SEEDS]}
    for size in SIZES:
        sets[f"{size // 1000}k"] = [generate_article(size, seed=n) for n in range(max(4, 40_000 // size))]
    return sets


_LOADED: dict[str, object] = {}


def _load_model(model: str) -> None:
    """Load the stock spaCy pipeline ``model`` into this process once (a pool initializer)."""
    import spacy

    if model not in _LOADED:
        _LOADED[model] = spacy.load(model)


def _pipe_worker(args: tuple[str, list[str], int]) -> tuple[int, int]:
    """Parse ``texts`` ``rounds`` times with the stock spaCy pipeline of ``model``; return (docs, chars).

    The baseline is the model as spaCy loads it: the service's load_pipeline swaps in a faster
    attribute ruler (service/extraction/attribute_lookup.py), which the ratio is meant to credit.
    """
    model, texts, rounds = args
    _load_model(model)
    nlp = _LOADED[model]
    docs = chars = 0
    for _ in range(rounds):
        for doc in nlp.pipe(texts, batch_size=8):
            docs += 1
            chars += len(doc.text)
    return docs, chars


#: Thread-count variables of the BLAS and OpenMP libraries numpy and spaCy may use.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Start processes inside the block with one BLAS thread each, unless the caller set a count.

    With one process per core, numpy's OpenBLAS threads (one per core by default) only contend with
    the other process: on this machine they made raw nlp.pipe 8.4-12.3 docs/s instead of 12.8-14.3.
    The raw figure is the baseline of the ratio, so it is measured at its best.
    """
    added = [name for name in BLAS_THREAD_VARIABLES if name not in os.environ]
    os.environ.update({name: "1" for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def measure_raw(texts: Sequence[str], *, workers: int, seconds: float) -> float:
    """Return documents per second of ``nlp.pipe`` in ``workers`` processes (load time excluded)."""
    from service.config import DEFAULTS

    model = DEFAULTS["MODEL"]
    with single_threaded_blas():
        return _time_pipe(texts, model=model, workers=workers, seconds=seconds)


def _time_pipe(texts: Sequence[str], *, model: str, workers: int, seconds: float) -> float:
    """Return documents per second of ``nlp.pipe`` of ``model`` in ``workers`` fresh processes."""
    context = multiprocessing.get_context("spawn")
    # Every process loads the model as it starts: a warm-up task is not sure to reach each process,
    # and a load inside the timed rounds would make the raw figure low (and flatter the ratio).
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_load_model, initargs=(model,))
    with pool:
        list(pool.map(_pipe_worker, [(model, list(texts), 1)] * (2 * workers)))  # warm up: first parses
        rounds = 1
        while True:
            started = time.perf_counter()
            done = list(pool.map(_pipe_worker, [(model, list(texts), rounds)] * workers))
            elapsed = time.perf_counter() - started
            if elapsed >= seconds / 4 or rounds >= 64:
                break
            rounds *= 2
    return sum(d for d, _ in done) / elapsed


def cpu_jiffies() -> tuple[int, int]:
    """Return (steal, total) CPU jiffies of the machine so far, from /proc/stat; (0, 0) where it is missing."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    return (fields[7] if len(fields) > 7 else 0), sum(fields)


def steal_share(before: tuple[int, int], after: tuple[int, int]) -> float:
    """Return the share of CPU time between two ``cpu_jiffies`` readings that the hypervisor took."""
    total = after[1] - before[1]
    return (after[0] - before[0]) / total if total > 0 else 0.0


def free_port() -> int:
    """Return a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def web_command() -> list[str]:
    """Return the Procfile's web command as argv."""
    line = next(l for l in (ROOT / "Procfile").read_text().splitlines() if l.startswith("web:"))
    return shlex.split(line.removeprefix("web:"))


def start_service(*, workers: int) -> tuple[subprocess.Popen[bytes], int, float]:
    """Start gunicorn; return the process, its port and the seconds from start to ready."""
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "QUOTES_LOG_LEVEL": "WARNING",
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    started = time.perf_counter()
    server = subprocess.Popen(
        web_command(), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = started + READY_TIMEOUT_S
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            status, _ = request(port, "GET", "/readyz")
            if status == 200:
                return server, port, time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("gunicorn did not get ready")


def request(port: int, method: str, path: str, body: bytes | None = None, *, timeout: float = 60) -> tuple[int, bytes]:
    """Send one request on a new connection; return (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "text/plain; charset=utf-8"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def drive(port: int, bodies: Sequence[bytes], *, concurrency: int, requests: int) -> Load:
    """Send ``requests`` POST /v1/quotes from ``concurrency`` threads; count non-200s as errors."""
    latencies: list[float] = []
    errors = 0

    def one(n: int) -> tuple[float, bool]:
        """Send request number ``n``."""
        began = time.perf_counter()
        try:
            status, _ = request(port, "POST", "/v1/quotes", bodies[n % len(bodies)])
            ok = status == 200
        except OSError:
            ok = False
        return time.perf_counter() - began, ok

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        for latency, ok in pool.map(one, range(requests)):
            latencies.append(latency)
            errors += not ok
    return Load(concurrency, requests, errors, time.perf_counter() - started, tuple(latencies))


def worker_rss_mb(master: int) -> list[float]:
    """Return the resident memory of each gunicorn worker (children of ``master``), in MB."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip()) == master:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def stop_service(server: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn and wait for it."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def rows(loads: Sequence[Load]) -> Iterator[str]:
    """Format the load table."""
    yield "concurrency  requests  errors  req/s   p50 ms  p95 ms  p99 ms"
    for load in loads:
        yield (
            f"{load.concurrency:11d}  {load.requests:8d}  {load.errors:6d}  {load.throughput:5.2f}  "
            f"{load.percentile(0.5) * 1000:6.0f}  {load.percentile(0.95) * 1000:6.0f}  {load.percentile(0.99) * 1000:6.0f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20, help="rough time per raw measurement")
    parser.add_argument("--per-level", type=int, default=80, help="requests per concurrency level")
    parser.add_argument("--requests", type=int, default=5000, help="requests in the final load run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    sets = corpora()
    began = cpu_jiffies()
    raw = {name: measure_raw(texts, workers=args.workers, seconds=args.seconds) for name, texts in sets.items()}
    steal = {"raw": steal_share(began, cpu_jiffies())}
    print(f"raw nlp.pipe, {args.workers} processes")
    print("articles  docs/s")
    for name, rate in raw.items():
        print(f"{name:8s}  {rate:6.2f}")

    server, port, ready_s = start_service(workers=args.workers)
    try:
        seed_bodies = [text.encode("utf-8") for text in sets["seeds"]]
        began = cpu_jiffies()
        loads = [drive(port, seed_bodies, concurrency=c, requests=args.per_level) for c in CONCURRENCY]
        steal["service"] = steal_share(began, cpu_jiffies())
        best = max(loads, key=lambda load: load.throughput)
        rss = worker_rss_mb(server.pid)
        # The long run uses the 1k-character articles, so that 5,000 requests fit in a few minutes here.
        short_bodies = [text.encode("utf-8") for text in sets["1k"]]
        final = drive(port, short_bodies, concurrency=4, requests=args.requests)
        rss_after = worker_rss_mb(server.pid)
    finally:
        stop_service(server)
    began = cpu_jiffies()
    raw_after = measure_raw(sets["seeds"], workers=args.workers, seconds=args.seconds)
    steal["raw after"] = steal_share(began, cpu_jiffies())

    print(f"\nservice, gunicorn {args.workers} workers, seed articles over loopback")
    print("\n".join(rows(loads)))
    baseline = max(raw["seeds"], raw_after)
    ratio = best.throughput / baseline
    p99_c4 = next(load for load in loads if load.concurrency == 4).percentile(0.99)
    print(f"\nstart to ready: {ready_s:.1f} s")
    print(f"RSS per worker: {', '.join(f'{mb:.0f}' for mb in rss)} MB (after the load run: {', '.join(f'{mb:.0f}' for mb in rss_after)} MB)")
    print(f"raw nlp.pipe on the seeds again after the service: {raw_after:.2f} docs/s (before: {raw['seeds']:.2f})")
    print("CPU steal: " + ", ".join(f"{phase} {share:.1%}" for phase, share in steal.items()))
    print(
        f"service / raw throughput (seeds, best concurrency {best.concurrency}, against the higher raw figure): {ratio:.2f}"
        f" (against the raw figure before: {best.throughput / raw['seeds']:.2f}, after: {best.throughput / raw_after:.2f})"
    )
    print(f"p99 at concurrency 4: {p99_c4 * 1000:.0f} ms")
    lost = final.requests - len(final.latencies)
    print(
        f"load run: {final.requests} requests of 1k-character articles at concurrency 4, "
        f"{final.errors} errors, {lost} lost, {final.throughput:.2f} req/s, p99 {final.percentile(0.99) * 1000:.0f} ms"
    )
    print(
        json.dumps(
            {
                "raw_docs_per_s": {k: round(v, 3) for k, v in raw.items()},
                "raw_seeds_after_docs_per_s": round(raw_after, 3),
                "steal": {k: round(v, 4) for k, v in steal.items()},
                "service": [
                    {"concurrency": l.concurrency, "req_per_s": round(l.throughput, 3),
                     "p50_ms": round(l.percentile(0.5) * 1000), "p95_ms": round(l.percentile(0.95) * 1000),
                     "p99_ms": round(l.percentile(0.99) * 1000), "errors": l.errors}
                    for l in loads
                ],
                "ratio": round(ratio, 3),
                "p99_c4_ms": round(p99_c4 * 1000),
                "rss_mb": [round(mb) for mb in rss_after],
                "ready_s": round(ready_s, 2),
                "load_run": {"requests": final.requests, "errors": final.errors, "lost": lost},
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
