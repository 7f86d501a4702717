"""A time limit around a block of work: ``with deadline(seconds):`` stops it with DeadlineExceeded.

In the main thread (gunicorn's sync workers, the Flask test client, scripts) a real-time interval
timer (``signal.setitimer`` and SIGALRM) interrupts the block wherever Python code runs next, so a
slow request frees its worker. Signals only reach the main thread; elsewhere (a threaded dev
server) the block runs to its end unlimited and a warning is logged once.

``request_deadline()`` is the route-level form: it reads REQUEST_TIMEOUT from the app's settings and
turns an overrun into a 503 problem with Retry-After.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import FrameType

from flask import current_app

from schemas.problems import TIMEOUT

from .errors import APIProblem

log = logging.getLogger(__name__)

#: Seconds a client is asked to wait before sending a request that ran over again.
RETRY_AFTER_SECONDS = 10
#: Seconds between repeats of the interrupt once the deadline has passed. Python drops an exception
#: raised while it runs a callback it cannot report to (a gc callback, a finalizer): in the test
#: suite the interrupt landed in hypothesis's gc callback (3 failures in about 12 full runs) and the
#: block ran on to its end. Repeating the interrupt until the block ends makes a lost one cost this much.
REPEAT_SECONDS = 0.1

_warned_off_main_thread = False


class DeadlineExceeded(BaseException):
    """The block ran longer than its deadline.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` inside the work swallows it.
    """


def _on_main_thread() -> bool:
    """Tell whether this code runs in the main thread, the only one that receives signals."""
    return threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise DeadlineExceeded inside the block once it has run ``seconds`` (main thread only).

    The interrupt repeats every REPEAT_SECONDS until the block ends, in case Python drops one. An
    enclosing deadline keeps counting: the block gets the shorter of the two, and the outer
    timer is re-armed with what is left of it afterwards.
    """
    global _warned_off_main_thread
    if not _on_main_thread():
        if not _warned_off_main_thread:
            log.warning("request deadline not enforced: signals only reach the main thread")
            _warned_off_main_thread = True
        yield
        return
    started = time.monotonic()
    outer_remaining, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    previous_handler = signal.getsignal(signal.SIGALRM)
    armed = True

    def interrupt(signum: int, frame: FrameType | None) -> None:
        """Stop the block when the timer fires while it is still armed."""
        if armed:
            raise DeadlineExceeded(f"ran over its {seconds:g} s deadline")

    own = seconds if not outer_remaining else min(seconds, outer_remaining)
    signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, own, REPEAT_SECONDS)
    try:
        yield
    finally:
        try:
            armed = False
        finally:  # runs even when the timer fires just as the block ends
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous_handler is None else previous_handler)
            if outer_remaining:
                left = outer_remaining - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), outer_interval)


@contextmanager
def deadline_or_problem(seconds: float, problem: APIProblem, *, what: str) -> Iterator[None]:
    """Bound the block by ``seconds``; an overrun logs ``what`` was stopped and raises ``problem``."""
    try:
        with deadline(seconds):
            yield
    except DeadlineExceeded:
        log.warning("%s stopped after its %g s deadline", what, seconds)
        raise problem from None


def request_deadline() -> AbstractContextManager[None]:
    """Bound the block by the app's REQUEST_TIMEOUT; an overrun answers 503 with Retry-After."""
    seconds: float = current_app.config["REQUEST_TIMEOUT"]
    problem = APIProblem(
        503,
        f"The analysis took longer than {seconds:g} seconds and was stopped; try again later or send a shorter text.",
        type=TIMEOUT,
        title="Request took too long",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
    return deadline_or_problem(seconds, problem, what="request")
