"""The signals the app answers: those that end it (with the status a shell expects) and a stop
(ctrl+z in the shell, SIGTSTP), which is a pause: the time lowback spent stopped is never
counted as time held."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import Any

EXIT_ON_SIGNAL = {
    signal.SIGTERM: 128 + signal.SIGTERM,
    signal.SIGHUP: 128 + signal.SIGHUP,
    signal.SIGINT: 128 + signal.SIGINT,  # kill -INT: the key ctrl+c is a key, not this
}


class StoppableClock:
    """A monotonic clock that does not count the time the process spent stopped (ctrl+z in
    the shell, SIGTSTP): a session's holds are timed by it, and a stop is a pause."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._stopped_at: float | None = None
        self._lost = 0.0

    def __call__(self) -> float:
        now = self._stopped_at if self._stopped_at is not None else self.clock()
        return now - self._lost

    def stop(self) -> None:
        """The process is about to stop: time stands still from here."""
        if self._stopped_at is None:
            self._stopped_at = self.clock()

    def carry_on(self) -> None:
        """The process runs again; the time it was stopped is left out."""
        if self._stopped_at is not None:
            self._lost += self.clock() - self._stopped_at
            self._stopped_at = None


def watch_stops(
    loop: asyncio.AbstractEventLoop, clock: StoppableClock, then: Callable[[], object]
) -> None:
    """Around the terminal driver's own handlers of SIGTSTP (it gives the terminal back as it
    found it, then stops) and SIGCONT (it takes the terminal again): `clock` stands still from
    the stop, and once running again `then` is called in `loop` (to pause a session there)."""
    before_stop = signal.getsignal(signal.SIGTSTP)
    before_continue = signal.getsignal(signal.SIGCONT)
    if not (callable(before_stop) and callable(before_continue)):
        return  # no driver that stops (headless, or not a terminal)

    def stopping(signum: int, frame: Any) -> None:
        clock.stop()
        before_stop(signum, frame)

    def continuing(signum: int, frame: Any) -> None:
        clock.carry_on()
        before_continue(signum, frame)
        loop.call_soon_threadsafe(then)

    signal.signal(signal.SIGTSTP, stopping)
    signal.signal(signal.SIGCONT, continuing)
