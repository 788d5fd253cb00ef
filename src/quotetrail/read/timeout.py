"""A time limit that really stops work the caller is waiting on.

Some pages make HTML extractors spin for minutes (pathological markup, regex backtracking).
In the main thread we arm ``SIGALRM`` with ``setitimer``: its handler raises inside the running
extraction, which stops both Python loops and ``re`` matching (CPython checks for signals while
matching). C code that never returns to Python (a libxml2 parse) cannot be interrupted this way,
which is why the input size is capped before parsing.

Signals only reach the main thread, so elsewhere (a web server's worker thread), or when another
timer is already armed, the work runs in a daemon thread that the caller stops waiting for at
the deadline: the caller gets its ExtractionTimeout on time, but the abandoned thread keeps
its CPU until the extractor returns. Batch ingestion should therefore run readers in the main
thread of each process.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, wait
from typing import TypeVar

from quotetrail.errors import ExtractionTimeout

T = TypeVar("T")


class _Deadline(BaseException):
    """Raised by the alarm; a BaseException so an extractor's ``except Exception`` cannot eat it."""


def call_with_time_limit(work: Callable[[], T], seconds: float, source: str) -> T:
    """Return ``work()``, or raise ExtractionTimeout once ``seconds`` have passed."""
    if _alarm_usable():
        return _call_with_alarm(work, seconds, source)
    return _call_in_thread(work, seconds, source)


def _alarm_usable() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _on_alarm(signum: int, frame: object) -> None:
    raise _Deadline


def _call_with_alarm(work: Callable[[], T], seconds: float, source: str) -> T:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return work()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Deadline:
        raise ExtractionTimeout(source, seconds) from None
    finally:
        signal.signal(signal.SIGALRM, previous)


def _call_in_thread(work: Callable[[], T], seconds: float, source: str) -> T:
    future: Future[T] = Future()

    def run() -> None:
        future.set_running_or_notify_cancel()
        try:
            future.set_result(work())
        except BaseException as err:
            future.set_exception(err)

    threading.Thread(target=run, name=f"quotetrail-read:{source}", daemon=True).start()
    if not wait([future], timeout=seconds).done:
        raise ExtractionTimeout(source, seconds)
    return future.result()
