"""Article pages: the main text and metadata of an HTML page, read by trafilatura in a child process.

trafilatura (lxml underneath) can take minutes on hostile markup, inside C calls that no signal
interrupts (thousands of attributes on one element make libxml2's parser quadratic). So every page is
read in a worker process (one per web worker, started on first use with the "spawn" method so it
holds neither spaCy nor Flask) that is killed and replaced when a page runs past its deadline.

No Flask here: the views map the exceptions below to problem replies.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessPool

log = logging.getLogger(__name__)

#: Loggers of trafilatura and its helpers; silenced in the worker, as some log page content at DEBUG.
LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")
#: What read_article returns for a page without text.
EMPTY = "empty"
#: Extra seconds to wait for the worker's answer past the deadline it enforces itself.
RESULT_GRACE_SECONDS = 5.0
#: trafilatura settings: the article's prose only (no reader comments, no tables); a date only when
#: the page states one in its markup, never one guessed from the text or a copyright line.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": False,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


@dataclass(frozen=True, slots=True)
class Article:
    """The main text of a page and the metadata found with it."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


class ArticleError(Exception):
    """The page gave no article text."""


class NoArticleText(ArticleError):
    """trafilatura read the page but found no text in it."""


class ExtractionFailed(ArticleError):
    """Reading the page ran past its deadline or crashed the worker."""


def read_article(html: str) -> tuple[str, str | None, str | None, str | None] | str:
    """Return (text, title, author, date) of ``html``, or why there is none: "empty" or an error name.

    Runs in the worker process: plain tuples and strings cross the process boundary, and an error
    raised by trafilatura on a page comes back as its name rather than a pickled exception.
    """
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, **TRAFILATURA_OPTIONS)
    except Exception as exc:  # lxml or trafilatura choking on a page is a property of the page
        return type(exc).__name__
    if document is None or not (document.text or "").strip():
        return EMPTY
    return document.text, document.title or None, document.author or None, document.date or None


def _quiet_libraries() -> None:
    """Worker initializer: drop the libraries' own log records (they may quote the page)."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False


class _Workers:
    """One lazily started pool per process (a forked web worker starts its own)."""

    def __init__(self) -> None:
        """Start with no pool."""
        self._lock = threading.Lock()
        self._pool: ProcessPool | None = None
        self._pid = 0

    def get(self) -> ProcessPool:
        """Return this process's pool, starting it on first use."""
        with self._lock:
            if self._pool is None or self._pid != os.getpid():
                self._pool = ProcessPool(
                    max_workers=1, initializer=_quiet_libraries, context=multiprocessing.get_context("spawn")
                )
                self._pid = os.getpid()
            return self._pool

    def stop(self) -> None:
        """Stop this process's pool and its worker, if started; the next get() starts a new one."""
        with self._lock:
            pool, self._pool = self._pool, None
            if pool is not None and self._pid == os.getpid():
                pool.stop()
                pool.join()


_WORKERS = _Workers()
atexit.register(_WORKERS.stop)


class _PoolBroken(Exception):
    """The worker pool stopped working, whatever the page (pebble marks a pool broken for good)."""


def extract_article(html: str, *, timeout: float) -> Article:
    """Return the article in ``html``, read within ``timeout`` seconds.

    Raises NoArticleText when the page holds no text, ExtractionFailed when reading it takes longer
    than ``timeout``, kills the worker, or finds the pool broken twice. A broken pool is replaced
    and the page read again within what is left of ``timeout``.
    """
    started = time.monotonic()
    try:
        return _read_in_worker(html, timeout=timeout)
    except _PoolBroken as exc:
        log.warning("HTML reader pool broken (%s); starting a new one", exc)
        _WORKERS.stop()
    left = timeout - (time.monotonic() - started)
    if left <= 0:
        raise ExtractionFailed(f"The page could not be read within {timeout:g} seconds.")
    try:
        return _read_in_worker(html, timeout=left, budget=timeout)
    except _PoolBroken as exc:
        log.warning("HTML reader pool broken again (%s)", exc)
        _WORKERS.stop()
        raise ExtractionFailed("The HTML reader failed twice; send the page again.") from None


def _read_in_worker(html: str, *, timeout: float, budget: float | None = None) -> Article:
    """Return the article in ``html`` read by this process's pool; raise _PoolBroken when the pool is.

    ``budget`` is the deadline the caller was given, named in the error when ``timeout`` is what is left of it.
    """
    try:
        future = _WORKERS.get().schedule(read_article, args=(html,), timeout=timeout)
    except RuntimeError as exc:  # "Unexpected error within the Pool": broken by an earlier page's worker
        raise _PoolBroken(str(exc)) from None
    try:
        found = future.result(timeout=timeout + RESULT_GRACE_SECONDS)
    except BrokenProcessPool as exc:  # pebble's "All workers expired": a worker died before taking its task
        raise _PoolBroken(str(exc)) from None
    except FutureTimeout:
        future.cancel()
        log.warning("HTML extraction stopped after %.1f s (%d chars of HTML)", timeout, len(html))
        raise ExtractionFailed(f"The page could not be read within {budget or timeout:g} seconds.") from None
    except ProcessExpired as exc:
        log.warning("HTML extraction worker died (exit code %s, %d chars of HTML)", exc.exitcode, len(html))
        raise ExtractionFailed("Reading the page crashed the HTML reader.") from None
    if found == EMPTY:
        raise NoArticleText("No article text was found in the page.")
    if isinstance(found, str):
        log.warning("HTML extraction failed with %s (%d chars of HTML)", found, len(html))
        raise ExtractionFailed("The page could not be read as HTML.")
    return Article(*found)
