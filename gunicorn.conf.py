"""gunicorn settings: PORT and WEB_CONCURRENCY from the environment; the model loads before the fork."""

import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
worker_class = "sync"

# Load the app (and so the spaCy model) once in the master; workers share it copy-on-write.
preload_app = True

# A 1,000,000-character article takes a while on a small CPU; keep the worker alive for it.
timeout = 120
graceful_timeout = 30
keepalive = 5

# spaCy's string store grows with every new word it sees: recycle workers now and then.
max_requests = 1000
max_requests_jitter = 100

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("QUOTES_LOG_LEVEL", "info").lower()
