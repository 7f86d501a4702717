"""The Procfile's web command serves the API under real gunicorn; gunicorn.conf.py reads the environment."""

from __future__ import annotations

import os
import runpy
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse

from tests.helpers import PAGES, ROOT, SEEDS, Contract

READY_TIMEOUT_S = 120
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


def test_procfile_command_serves_a_seed_article(contract: Contract, tmp_path: Path) -> None:
    """`web:` from the Procfile, run with PORT and WEB_CONCURRENCY=1, answers a seed article per the spec."""
    port = free_port()
    venv_bin = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
    }
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            web_command(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_ready(base, server)
            text = SEEDS[0].read_bytes()
            response = requests.post(
                f"{base}/v1/quotes", data=text, headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=60
            )
            assert response.status_code == 200, response.text
            openapi_request = RequestsOpenAPIRequest(response.request)
            contract.openapi.validate_request(openapi_request)
            contract.openapi.validate_response(openapi_request, RequestsOpenAPIResponse(response))
            assert response.json()["meta"]["chars"] == len(text.decode("utf-8"))
            page = requests.post(
                f"{base}/v1/quotes",
                data=(PAGES / "pier.html").read_bytes(),
                headers={"Content-Type": "text/html"},
                timeout=60,
            )
            assert page.status_code == 200, page.text  # the page reader's process runs under a gunicorn worker
            contract.openapi.validate_response(RequestsOpenAPIRequest(page.request), RequestsOpenAPIResponse(page))
        finally:
            code = stop(server)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    assert code == 0, output
    assert "Booting worker" in output
    assert "Shutting down" in output or "Handling signal: term" in output


@pytest.mark.parametrize(
    ("environ", "bind", "workers"),
    [
        ({}, "0.0.0.0:8000", os.cpu_count()),
        ({"PORT": "5055", "WEB_CONCURRENCY": "3"}, "0.0.0.0:5055", 3),
    ],
    ids=["defaults", "from-environment"],
)
def test_gunicorn_conf_reads_port_and_concurrency(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], bind: str, workers: Any
) -> None:
    """bind follows PORT (default 8000), workers WEB_CONCURRENCY (default: the core count); the app is preloaded."""
    for name in ("PORT", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["bind"] == bind
    assert conf["workers"] == workers
    assert conf["preload_app"] is True
    assert conf["worker_class"] == "sync"
    assert conf["timeout"] > 0 and conf["graceful_timeout"] > 0 and conf["keepalive"] > 0
