"""The routine in use: the last version of its file that loaded, and what is wrong with it now."""

from __future__ import annotations

from pathlib import Path

from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Problem, Routine, RoutineError


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class RoutineInUse:
    """The routine the app is showing: the last version of its file that loaded, and what is
    wrong with the file as it stands now (nothing, most of the time).

    A file that breaks, or disappears, never takes the routine away: the last good version stays
    in use until the file loads again.
    """

    def __init__(self, routine: Routine) -> None:
        self.switch(routine)

    def switch(self, routine: Routine) -> None:
        """Use another routine (or another file for this one) from now on."""
        assert routine.source is not None, "a routine in use comes from a file"
        self.path: Path = routine.source
        self.routine = routine
        self.problems: list[Problem] = []
        self._stamp = _stamp(self.path)

    def refresh(self, force: bool = False) -> bool:
        """Re-read the file if it changed since it was last read; True if anything changed."""
        stamp = _stamp(self.path)
        if stamp == self._stamp and not force:
            return False
        self._stamp = stamp
        if stamp is None:
            self.problems = [Problem(self.path, None, "", "the file is gone; using the version "
                                     "read before, until it is back")]  # fmt: skip
            return True
        try:
            self.routine = load(self.path)
        except RoutineError as error:
            self.problems = error.problems
        else:
            self.problems = []
        return True
