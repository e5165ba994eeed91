"""The routine file format: frozen dataclasses, loading with tomllib, writing with tomli-w.

A routine is a TOML file people read and change by hand, so every problem in one is reported
with the file, the line, the dotted key path and what to do about it. The checks themselves live
in `routine_check`; this module holds the types and the file handling.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

FORMAT = 1
"""The routine format version this lowback reads and writes."""

MAX_FILE_BYTES = 2_000_000
"""A routine of a thousand exercises is a few hundred kB; anything past this is not a routine."""

MAX_DOTS_PER_LINE = 1000
"""tomllib takes time quadratic in a dotted key's parts (20,000 parts: six seconds); real keys
have a few, so a line with more dots than this is refused before tomllib sees it."""


class Sides(StrEnum):
    """How an exercise uses the two sides of the body."""

    NONE = "none"
    """Both sides at once, or no sides at all."""
    ALTERNATE = "alternate"
    """Left, right, left, right: one rep per side in turn."""
    EACH = "each"
    """Every rep on the left, then every rep on the right."""


DEFAULT_SIDE_NAMES = ("left side", "right side")


@dataclass(frozen=True)
class Timing:
    """Lengths of the phases around the holds, in seconds."""

    get_ready_seconds: int = 5
    """Before each exercise, to get into position."""
    switch_seconds: int = 3
    """Between a hold on one side and a hold on the other."""
    relax_seconds: int = 3
    """Between two holds on the same side."""
    rest_seconds: int = 15
    """After an exercise, before the next one."""


@dataclass(frozen=True)
class Exercise:
    """One exercise of a routine, with its dose."""

    id: str
    name: str
    hold_seconds: int | None = None
    """Length of each hold, for an exercise held still. Exactly one of hold/work is set."""
    work_seconds: int | None = None
    """Length of each timed effort, for an exercise done in motion."""
    reps: int = 1
    """Holds (or efforts) per side."""
    goal_reps: int | None = None
    """The number of reps to work up to over the course, if there is one."""
    sides: Sides = Sides.NONE
    side_names: tuple[str, str] = DEFAULT_SIDE_NAMES
    """What the two sides are called on screen, left first: ("left leg", "right leg")."""
    position: str = ""
    equipment: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    get_ready_seconds: int | None = None
    switch_seconds: int | None = None
    relax_seconds: int | None = None
    rest_seconds: int | None = None
    """Per-exercise overrides of the routine's [timing]; None means "use the routine's"."""

    @property
    def is_hold(self) -> bool:
        """True for a held position, False for a timed effort."""
        return self.hold_seconds is not None

    @property
    def effort_seconds(self) -> int:
        """Length of one hold or one timed effort."""
        seconds = self.hold_seconds if self.hold_seconds is not None else self.work_seconds
        assert seconds is not None, "a loaded exercise has a hold or a work length"
        return seconds


@dataclass(frozen=True)
class Routine:
    """A named, ordered list of exercises with the timing around them."""

    name: str
    exercises: tuple[Exercise, ...]
    summary: str = ""
    course_days: int = 21
    """Length of the course the routine belongs to, in days."""
    timing: Timing = field(default_factory=Timing)
    source: Path | None = field(default=None, compare=False)
    """The file it was loaded from, if any; not part of what the routine is."""

    def timing_for(self, exercise: Exercise) -> Timing:
        """The routine's timing with the exercise's own overrides applied."""
        t = self.timing
        return Timing(
            get_ready_seconds=_first(exercise.get_ready_seconds, t.get_ready_seconds),
            switch_seconds=_first(exercise.switch_seconds, t.switch_seconds),
            relax_seconds=_first(exercise.relax_seconds, t.relax_seconds),
            rest_seconds=_first(exercise.rest_seconds, t.rest_seconds),
        )


def _first(value: int | None, default: int) -> int:
    return default if value is None else value


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a routine file, located as precisely as the file allows."""

    path: Path
    line: int | None
    """1-based; None only where no line can be found."""
    key: str
    """Dotted key path such as "exercise[3].hold_seconds"; "" for the whole file."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class RoutineError(Exception):
    """A routine file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# How tomllib ends its messages; matched only for a file that does not parse (re caches it).
_SYNTAX = r"^(?P<what>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"


def load(path: Path) -> Routine:
    """Read and check a routine file; raise RoutineError listing every problem."""
    path = Path(path)

    def fail(message: str, line: int | None = None) -> RoutineError:
        return RoutineError([Problem(path, line, "", message)])

    try:
        if path.is_dir():
            raise fail("is a folder, not a routine file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(
            f"is {len(data):,} bytes; a routine file is far smaller, is this the right file?"
        )
    if b"\x00" in data:
        raise fail("is a binary file, not TOML text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start]
        raise fail(f"is not UTF-8 text (byte 0x{bad:02x}); save it as UTF-8", line) from None
    return loads(text, path)


def loads(text: str, path: Path = Path("<routine>")) -> Routine:
    """Parse and check routine text; `path` is only used to name the file in problems."""
    from lowback_tui.core import routine_check  # the checks import this module's types

    if text.count(".") > MAX_DOTS_PER_LINE:  # cheap first: only then look line by line
        for number, row in enumerate(text.splitlines(), start=1):
            if row.count(".") > MAX_DOTS_PER_LINE:
                message = f"has more than {MAX_DOTS_PER_LINE} dots on one line; not a routine"
                raise RoutineError([Problem(path, number, "", message)])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.match(_SYNTAX, str(error))
        if not found:
            raise RoutineError([Problem(path, None, "", f"not valid TOML: {error}")]) from None
        what = found["what"][:1].lower() + found["what"][1:]
        if what == "illegal character '\\n'":  # tomllib's words for an unclosed quote
            what = "a quoted text is not closed before the end of the line"
        if found["line"]:
            line, where = int(found["line"]), f" (column {found['col']})"
        else:
            line, where = text.count("\n") + 1, " at the end of the file"
        message = f"not valid TOML: {what}{where}"
        raise RoutineError([Problem(path, line, "", message)]) from None
    except RecursionError:
        raise RoutineError([Problem(path, None, "", "not valid: nested too deeply")]) from None
    return routine_check.build(document, text, path)


def to_document(routine: Routine) -> dict[str, Any]:
    """The routine as a TOML document, leaving out whatever equals its default."""
    doc: dict[str, Any] = {"format": FORMAT, "name": routine.name}
    if routine.summary:
        doc["summary"] = routine.summary
    doc["course_days"] = routine.course_days
    doc["timing"] = {
        "get_ready_seconds": routine.timing.get_ready_seconds,
        "switch_seconds": routine.timing.switch_seconds,
        "relax_seconds": routine.timing.relax_seconds,
        "rest_seconds": routine.timing.rest_seconds,
    }
    doc["exercise"] = [_exercise_document(e) for e in routine.exercises]
    return doc


def _exercise_document(exercise: Exercise) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": exercise.id, "name": exercise.name}
    if exercise.position:
        doc["position"] = exercise.position
    doc["equipment"] = list(exercise.equipment)
    if exercise.hold_seconds is not None:
        doc["hold_seconds"] = exercise.hold_seconds
    if exercise.work_seconds is not None:
        doc["work_seconds"] = exercise.work_seconds
    doc["reps"] = exercise.reps
    if exercise.goal_reps is not None:
        doc["goal_reps"] = exercise.goal_reps
    doc["sides"] = exercise.sides.value
    if exercise.side_names != DEFAULT_SIDE_NAMES:
        doc["side_names"] = list(exercise.side_names)
    for key in ("get_ready_seconds", "switch_seconds", "relax_seconds", "rest_seconds"):
        value = getattr(exercise, key)
        if value is not None:
            doc[key] = value
    doc["cues"] = list(exercise.cues)
    return doc


def dumps(routine: Routine) -> str:
    """The routine as TOML text that `loads` reads back to an equal routine."""
    import tomli_w  # only writing needs it

    return tomli_w.dumps(to_document(routine), multiline_strings=False)
