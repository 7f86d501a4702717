"""The Procfile's web command serves the API under real gunicorn; gunicorn.conf.py reads the environment."""

from __future__ import annotations

import json
import os
import runpy
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from schemas.problems import BODY_TIMEOUT, TIMEOUT
from service.config import from_env
from tests.helpers import PAGES, ROOT, SEEDS, Contract

READY_TIMEOUT_S = 120
METRICS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
STOP_TIMEOUT_S = 30


def web_command() -> list[str]:
    """Return the Procfile's web: command as argv."""
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("web:"):
            return shlex.split(line.removeprefix("web:"))
    raise AssertionError("Procfile has no web: line")


def free_port() -> int:
    """Return a TCP port that is free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    """Poll /readyz until it answers 200, failing if gunicorn exits or READY_TIMEOUT_S passes."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited with {server.returncode}"
        try:
            if requests.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"gunicorn not ready within {READY_TIMEOUT_S} s")


def stop(server: subprocess.Popen[bytes]) -> int:
    """Ask gunicorn to shut down (SIGTERM) and return its exit code; kill its group if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        return server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        raise AssertionError("gunicorn did not stop on SIGTERM") from None


@dataclass
class Served:
    """A gunicorn started from the Procfile: its base URL and log; ``code`` is its exit code once stopped."""

    base: str
    server: subprocess.Popen[bytes]
    log_path: Path
    code: int | None = None

    def output(self) -> str:
        """Return what gunicorn wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def procfile_server(
    tmp_path: Path, *, workers: int, environ: Mapping[str, str | None] | None = None
) -> Iterator[Served]:
    """Run the Procfile's web: command on a free port with ``workers`` workers until /readyz answers; stop it after.

    ``environ`` adds variables to the test's environment, or removes those given as None.
    """
    port = free_port()
    venv_bin = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
    }
    for name, value in (environ or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            web_command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        served = Served(base=f"http://127.0.0.1:{port}", server=server, log_path=log_path)
        try:
            wait_until_ready(served.base, server)
            wait_for_workers(served, workers)
            yield served
        finally:
            served.code = stop(server)


def wait_for_workers(served: Served, workers: int) -> None:
    """Wait until gunicorn has booted ``workers`` workers, so that every one of them can take requests."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while served.output().count("Booting worker") < workers:
        assert time.monotonic() < deadline, f"fewer than {workers} workers booted:\n{served.output()}"
        time.sleep(0.1)


def json_lines(output: str) -> list[dict[str, Any]]:
    """Parse gunicorn's output, failing on any line that is not a JSON object."""
    lines = []
    for line in output.splitlines():
        if line.strip():
            parsed = json.loads(line)
            assert isinstance(parsed, dict), line
            lines.append(parsed)
    return lines


def test_procfile_command_serves_a_seed_article(contract: Contract, tmp_path: Path) -> None:
    """`web:` from the Procfile, run with PORT and WEB_CONCURRENCY=1, answers a seed article per the spec."""
    with procfile_server(tmp_path, workers=1) as served:
        text = SEEDS[0].read_bytes()
        response = requests.post(
            f"{served.base}/v1/quotes", data=text, headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=60
        )
        assert response.status_code == 200, response.text
        openapi_request = RequestsOpenAPIRequest(response.request)
        contract.openapi.validate_request(openapi_request)
        contract.openapi.validate_response(openapi_request, RequestsOpenAPIResponse(response))
        assert response.json()["meta"]["chars"] == len(text.decode("utf-8"))
        page = requests.post(
            f"{served.base}/v1/quotes",
            data=(PAGES / "pier.html").read_bytes(),
            headers={"Content-Type": "text/html"},
            timeout=60,
        )
        assert page.status_code == 200, page.text  # the page reader's process runs under a gunicorn worker
        contract.openapi.validate_response(RequestsOpenAPIRequest(page.request), RequestsOpenAPIResponse(page))
    output = served.output()
    assert served.code == 0, output
    assert "Booting worker" in output
    assert "Shutting down" in output or "Handling signal: term" in output


def scrape(base: str) -> dict[str, list[Sample]]:
    """Return the samples of GET /metrics by metric family name."""
    response = requests.get(f"{base}/metrics", timeout=10)
    assert response.status_code == 200
    return {family.name: family.samples for family in text_string_to_metric_families(response.text)}


def total(samples: list[Sample], name: str, **labels: str) -> float:
    """Add up the samples called ``name`` whose labels include ``labels``."""
    return sum(s.value for s in samples if s.name == name and labels.items() <= s.labels.items())


def test_metrics_add_up_across_two_workers(tmp_path: Path) -> None:
    """With 2 workers and a fresh metrics folder, /metrics counts every request whichever worker served it.

    Requests go 4 at a time, so both (sync) workers serve some: the JSON log lines show at least two pids.
    Each request's log line bears its X-Request-ID; no line holds article text; the folder goes at exit.
    """
    requests_sent = 12
    text = SEEDS[0].read_bytes()

    def post(index: int) -> requests.Response:
        """POST the seed article with its own request ID."""
        return requests.post(
            f"{served.base}/v1/quotes",
            data=text,
            headers={"Content-Type": "text/plain; charset=utf-8", "X-Request-ID": f"load-{index}"},
            timeout=120,
        )

    with procfile_server(tmp_path, workers=2, environ={"PROMETHEUS_MULTIPROC_DIR": None}) as served:
        with ThreadPoolExecutor(max_workers=4) as pool:
            responses = list(pool.map(post, range(requests_sent)))
        assert [r.status_code for r in responses] == [200] * requests_sent
        assert [r.headers["X-Request-ID"] for r in responses] == [f"load-{i}" for i in range(requests_sent)]
        metrics = scrape(served.base)
        quotes_returned = sum(len(r.json()["quotes"]) for r in responses)

    counted = total(metrics["quotes_http_requests"], "quotes_http_requests_total", route="/v1/quotes")
    assert counted == requests_sent
    assert total(metrics["quotes_http_requests"], "quotes_http_requests_total", route="/v1/quotes", status="200") == requests_sent
    latency = metrics["quotes_http_request_duration_seconds"]
    assert total(latency, "quotes_http_request_duration_seconds_count", route="/v1/quotes") == requests_sent
    assert total(latency, "quotes_http_request_duration_seconds_bucket", route="/v1/quotes", le="+Inf") == requests_sent
    per_document = metrics["quotes_per_document"]
    assert total(per_document, "quotes_per_document_count") == requests_sent
    assert total(per_document, "quotes_per_document_sum") == quotes_returned

    output = served.output()
    assert served.code == 0, output
    lines = json_lines(output)
    served_lines = [line for line in lines if line.get("route") == "/v1/quotes"]
    assert sorted(line["request_id"] for line in served_lines) == sorted(f"load-{i}" for i in range(requests_sent))
    assert len({line["process"] for line in served_lines}) == 2
    for quote in responses[0].json()["quotes"]:
        assert quote["text"] not in output
    (folder,) = [line["message"].rsplit(" ", 1)[1] for line in lines if "multiprocess samples in" in line["message"]]
    assert not Path(folder).exists()


def load_conf(monkeypatch: pytest.MonkeyPatch, *, metrics_dir: Path | str) -> dict[str, Any]:
    """Run gunicorn.conf.py with PROMETHEUS_MULTIPROC_DIR set to ``metrics_dir`` ("" for unset); return its names.

    The variable is restored afterwards, so the test process never turns to multiprocess metrics.
    """
    monkeypatch.setenv(METRICS_DIR_VARIABLE, str(metrics_dir))
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


@pytest.mark.parametrize(
    ("environ", "bind", "workers"),
    [
        ({}, "0.0.0.0:8000", os.cpu_count()),
        ({"PORT": "5055", "WEB_CONCURRENCY": "3"}, "0.0.0.0:5055", 3),
    ],
    ids=["defaults", "from-environment"],
)
def test_gunicorn_conf_reads_port_and_concurrency(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, environ: dict[str, str], bind: str, workers: Any
) -> None:
    """bind follows PORT (default 8000), workers WEB_CONCURRENCY (default: the core count); the app is preloaded."""
    for name in ("PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    conf = load_conf(monkeypatch, metrics_dir=tmp_path)
    assert conf["bind"] == bind
    assert conf["workers"] == workers
    assert conf["preload_app"] is True
    assert conf["worker_class"] == "sync"
    assert conf["timeout"] > 0 and conf["graceful_timeout"] > 0 and conf["keepalive"] > 0


def test_gunicorn_conf_makes_a_fresh_metrics_folder_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without PROMETHEUS_MULTIPROC_DIR the config makes an empty folder, exports it, and removes it on exit."""
    conf = load_conf(monkeypatch, metrics_dir="")
    folder = conf["metrics_dir"]
    try:
        assert conf["metrics_dir_created"] is True
        assert os.environ[METRICS_DIR_VARIABLE] == str(folder)
        assert folder.is_dir() and not any(folder.iterdir())
    finally:
        conf["on_exit"](None)
    assert not folder.exists()


def test_gunicorn_conf_empties_the_given_metrics_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A given PROMETHEUS_MULTIPROC_DIR loses the samples of a previous run, keeps other files, and stays on exit."""
    for name in ("counter_101.db", "histogram_102.db", "README"):
        (tmp_path / name).write_bytes(b"old")
    conf = load_conf(monkeypatch, metrics_dir=tmp_path)
    assert conf["metrics_dir_created"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README"]
    conf["on_exit"](None)
    assert tmp_path.is_dir()


def test_gunicorn_conf_marks_exited_workers_dead(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """child_exit drops a dead worker's live-gauge file and keeps its counters."""
    conf = load_conf(monkeypatch, metrics_dir=tmp_path)
    for name in ("gauge_livesum_4242.db", "counter_4242.db"):
        (tmp_path / name).write_bytes(b"")
    conf["child_exit"](None, SimpleNamespace(pid=4242))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter_4242.db"]


def test_gunicorn_conf_logs_json_without_access_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """gunicorn's records go through the service's JSON formatter at QUOTES_LOG_LEVEL; its access log is off."""
    monkeypatch.setenv("QUOTES_LOG_LEVEL", "WARNING")
    conf = load_conf(monkeypatch, metrics_dir=tmp_path)
    assert conf["accesslog"] is None
    logconfig = conf["logconfig_dict"]
    assert logconfig["formatters"]["json"]["()"] == "service.logs.json_formatter"
    assert logconfig["handlers"]["stderr"]["formatter"] == "json"
    assert logconfig["loggers"]["gunicorn.error"]["level"] == "WARNING"
    assert logconfig["loggers"]["service"]["level"] == "WARNING"


def test_a_request_over_the_timeout_is_503_and_its_worker_serves_the_next(contract: Contract, tmp_path: Path) -> None:
    """With QUOTES_REQUEST_TIMEOUT=1, a long article gets a 503 with Retry-After; the same worker then answers."""
    slow = "\n\n".join(['The minister said: "We are ready, and we will say so again."'] * 3000)
    with procfile_server(tmp_path, workers=1, environ={"QUOTES_REQUEST_TIMEOUT": "1"}) as served:
        stopped = requests.post(f"{served.base}/v1/quotes", json={"text": slow}, timeout=60)
        assert stopped.status_code == 503, stopped.text
        assert stopped.json()["type"] == TIMEOUT
        assert stopped.headers["Retry-After"].isdigit()
        contract.openapi.validate_response(RequestsOpenAPIRequest(stopped.request), RequestsOpenAPIResponse(stopped))
        served_next = requests.post(f"{served.base}/v1/quotes", json={"text": "He said: \"Yes.\""}, timeout=60)
        assert served_next.status_code == 200, served_next.text
        assert [q["text"] for q in served_next.json()["quotes"]] == ["Yes."]
    output = served.output()
    assert served.code == 0, output
    assert output.count("Booting worker") == 1, output
    processes = {line["process"] for line in json_lines(output) if line.get("route") == "/v1/quotes"}
    assert len(processes) == 1, output


def send_body_slowly(base: str, *, seconds: int) -> bytes:
    """POST /v1/quotes announcing a 1000-byte body and sending one byte a second; return what the server answers."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(seconds):
            try:
                sock.sendall(b" ")
            except OSError:
                break  # the server answered and closed the connection
            time.sleep(1)
        answer = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its answer
            answer += chunk
        return answer


def test_a_body_sent_too_slowly_is_408_and_frees_the_worker(tmp_path: Path) -> None:
    """With QUOTES_BODY_TIMEOUT_SECONDS=2, a client trickling its body gets a 408 problem; the worker then answers."""
    with procfile_server(tmp_path, workers=1, environ={"QUOTES_BODY_TIMEOUT_SECONDS": "2"}) as served:
        started = time.monotonic()
        answer = send_body_slowly(served.base, seconds=30)
        took = time.monotonic() - started
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408"), answer
        assert json.loads(body)["type"] == BODY_TIMEOUT
        assert took < 15, took
        served_next = requests.post(f"{served.base}/v1/quotes", json={"text": "He said: \"Yes.\""}, timeout=60)
        assert served_next.status_code == 200, served_next.text
    assert served.code == 0, served.output()
    assert served.output().count("Booting worker") == 1, served.output()


def post_chunked(base: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """POST ``body`` to /v1/quotes as JSON with chunked transfer coding (no Content-Length); return status and reply."""
    response = requests.post(
        f"{base}/v1/quotes",
        data=(body[i : i + 8192] for i in range(0, len(body), 8192)),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert "Content-Length" not in response.request.headers
    return response.status_code, response.json()


def test_chunked_body_is_read_whole_or_refused_over_the_limit(tmp_path: Path) -> None:
    """A chunked body is analysed like any other; one past the body limit is a 413, not a body cut short."""
    with procfile_server(tmp_path, workers=1, environ={"QUOTES_MAX_TEXT_CHARS": "1000"}) as served:
        status, reply = post_chunked(served.base, json.dumps({"text": 'He said: "Yes."'}).encode())
        assert status == 200, reply
        assert [q["text"] for q in reply["quotes"]] == ["Yes."]
        status, reply = post_chunked(served.base, json.dumps({"text": "a " * 100_000}).encode())
        assert status == 413, reply
        assert reply["status"] == 413
    assert served.code == 0, served.output()


@pytest.mark.parametrize("request_timeout", [None, "300", "0.5"], ids=["default", "long", "short"])
def test_worker_timeout_leaves_room_for_the_request_timeout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request_timeout: str | None
) -> None:
    """gunicorn kills a worker only after the service's own limits (body, page reading and analysis) have passed."""
    if request_timeout is None:
        monkeypatch.delenv("QUOTES_REQUEST_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("QUOTES_REQUEST_TIMEOUT", request_timeout)
    monkeypatch.delenv("QUOTES_HTML_TIMEOUT_SECONDS", raising=False)
    monkeypatch.delenv("QUOTES_BODY_TIMEOUT_SECONDS", raising=False)
    settings = from_env()
    conf = load_conf(monkeypatch, metrics_dir=tmp_path)
    assert conf["timeout"] > settings["REQUEST_TIMEOUT"] + settings["HTML_TIMEOUT_SECONDS"] + settings["BODY_TIMEOUT_SECONDS"]
