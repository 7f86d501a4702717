"""gunicorn settings: PORT and WEB_CONCURRENCY from the environment; the model loads before the fork."""

import math
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

from gunicorn.arbiter import Arbiter
from gunicorn.workers.base import Worker

from service.config import from_env
from service.logs import gunicorn_logconfig

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
worker_class = "sync"

# Load the app (and so the spaCy model) once in the master; workers share it copy-on-write.
preload_app = True

# A 1,000,000-character article takes a while on a small CPU. The service itself stops receiving a body
# after QUOTES_BODY_TIMEOUT_SECONDS (408), a page's reading after QUOTES_HTML_TIMEOUT_SECONDS and an
# analysis after QUOTES_REQUEST_TIMEOUT (503); the worker timeout leaves room for all three, so gunicorn
# only kills a worker that is stuck beyond them.
_settings = from_env()
timeout = math.ceil(_settings["REQUEST_TIMEOUT"] + _settings["HTML_TIMEOUT_SECONDS"] + _settings["BODY_TIMEOUT_SECONDS"]) + 30
graceful_timeout = 30
keepalive = 5

# spaCy's string store grows with every new word it sees: recycle workers now and then.
max_requests = 1000
max_requests_jitter = 100

# Every record (gunicorn's and the service's) is a JSON line on stderr; the service logs one line per
# request itself, so gunicorn's access log stays off.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("QUOTES_LOG_LEVEL", "info").lower()
logconfig_dict = gunicorn_logconfig(loglevel)

# Prometheus multiprocess mode: each worker writes its samples to files in this folder and /metrics adds
# them up. prometheus_client reads the variable when first imported, so it is set here, before the app
# is preloaded. Runs (and configuration reloads) start from zero.
METRICS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def prepare_metrics_dir(environ: MutableMapping[str, str]) -> tuple[Path, bool]:
    """Create a fresh temporary folder when the variable is unset, else empty the given one of samples.

    Return the folder and whether it was created here. Only prometheus_client's ``*.db`` files are removed.
    """
    configured = environ.get(METRICS_DIR_VARIABLE)
    if not configured:
        path = Path(tempfile.mkdtemp(prefix="quote-api-metrics-"))
        environ[METRICS_DIR_VARIABLE] = str(path)
        return path, True
    path = Path(configured)
    path.mkdir(parents=True, exist_ok=True)
    for samples in path.glob("*.db"):
        samples.unlink()
    return path, False


metrics_dir, metrics_dir_created = prepare_metrics_dir(os.environ)


def when_ready(server: Arbiter) -> None:
    """Log where the workers' metric samples go."""
    server.log.info("Prometheus multiprocess samples in %s", metrics_dir)


def post_fork(server: Arbiter, worker: Worker) -> None:
    """Open the stance model's onnxruntime session in the new worker (never in the master: see StanceModel)."""
    stance = getattr(server.app.wsgi(), "extensions", {}).get("stance")
    if stance is not None:
        stance.open()


def child_exit(server: Arbiter, worker: Worker) -> None:
    """Let prometheus_client drop the live gauges of a worker that exited."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Arbiter) -> None:
    """Remove the metrics folder when this configuration created it."""
    if metrics_dir_created:
        shutil.rmtree(metrics_dir, ignore_errors=True)
