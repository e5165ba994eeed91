"""The clock a session is timed by: monotonic seconds that leave out the time the process spent
stopped (ctrl+z in the shell, SIGTSTP), so a stop is a pause and never counts as time held. A
front end that can be stopped tells it (`app_terminal.watch_stops`); the engine only reads it."""

from __future__ import annotations

from collections.abc import Callable


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
