"""service.deadline: a block that runs over its time limit is stopped, and what was there before is restored."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from service.deadline import DeadlineExceeded, deadline


def spin(seconds: float) -> None:
    """Keep the interpreter busy (as the core does) for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_over_its_deadline_is_stopped() -> None:
    """Work longer than the deadline raises DeadlineExceeded instead of running to its end."""
    with pytest.raises(DeadlineExceeded):
        with deadline(0.05):
            spin(5)


def test_a_block_within_its_deadline_runs_to_the_end_and_leaves_no_timer() -> None:
    """A quick block is untouched; the timer and the SIGALRM handler are as they were."""
    handler = signal.getsignal(signal.SIGALRM)
    with deadline(5):
        spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == handler


def test_except_exception_inside_the_block_cannot_swallow_the_deadline() -> None:
    """DeadlineExceeded is no Exception, so a broad handler in the work lets it through."""
    with pytest.raises(DeadlineExceeded):
        with deadline(0.05):
            try:
                spin(5)
            except Exception:  # noqa: BLE001 - the point of the test
                pass


def test_an_interrupt_the_work_loses_is_raised_again() -> None:
    """When the first interrupt is lost (as in a gc callback, which Python cannot report), another one follows."""
    lost: list[DeadlineExceeded] = []
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        with deadline(0.05):
            while time.monotonic() - started < 3:
                try:
                    spin(0.001)
                except DeadlineExceeded as exc:
                    if lost:
                        raise
                    lost.append(exc)  # what Python does with an exception raised in a gc callback
    assert lost
    assert time.monotonic() - started < 1


def test_an_inner_deadline_keeps_the_outer_one_counting() -> None:
    """After an inner block, the outer deadline still fires, not before its own time."""
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        with deadline(0.3):
            with deadline(5):
                spin(0.05)
            spin(5)
    assert time.monotonic() - started >= 0.3


def test_off_the_main_thread_the_block_runs_unlimited() -> None:
    """Signals only reach the main thread; elsewhere the block completes instead of failing."""
    outcome: list[str] = []

    def work() -> None:
        """Run a block longer than its deadline in this thread."""
        with deadline(0.01):
            spin(0.1)
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["done"]
