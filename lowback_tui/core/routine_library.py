"""The routines a person can choose from, and turning a ROUTINE argument into a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.routine import Problem, Routine, RoutineError
from lowback_tui.core.routine_file import load

DEFAULT_ROUTINE = "lower-back"


@dataclass(frozen=True)
class Entry:
    """A routine file found in the bundled or the user routines folder."""

    name: str
    """The name to type: the file name without ".toml"."""
    path: Path
    bundled: bool
    shadowed: bool = False
    """A bundled routine hidden by the person's own routine of the same name."""


def entries() -> list[Entry]:
    """The person's routines, then the bundled ones; a person's routine hides a bundled twin."""
    own = sorted(dirs.routines_dir().glob("*.toml"))  # an absent folder globs to nothing
    names = {p.stem for p in own}
    found = [Entry(p.stem, p, bundled=False) for p in own]
    found += [
        Entry(p.stem, p, bundled=True, shadowed=p.stem in names)
        for p in sorted(dirs.bundled_dir().glob("*.toml"))
    ]
    return found


def looks_like_path(argument: str) -> bool:
    """True when the argument names a file rather than a routine in the library."""
    return argument.endswith(".toml") or "/" in argument or Path(argument).is_file()


def resolve(argument: str | None) -> Path:
    """The file a ROUTINE argument means: a path, a routine of the person's, or a bundled one."""
    argument = argument or DEFAULT_ROUTINE
    if looks_like_path(argument):
        return Path(argument)
    for folder in (dirs.routines_dir(), dirs.bundled_dir()):
        candidate = folder / f"{argument}.toml"
        if candidate.is_file():
            return candidate
    import difflib

    known = sorted({e.name for e in entries()})
    close = difflib.get_close_matches(argument, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    message = f"no routine by that name; {hint}`lowback routines` lists them"
    raise RoutineError([Problem(Path(argument), None, "", message)])


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class InUse:
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
