"""Routine files: reading them with tomllib (safely, whatever they hold) and writing them with
tomli-w.

A file that cannot be a routine (a folder, binary, not UTF-8, huge, not TOML) is refused here
with the line where that shows; what the TOML says is checked by `routine_check`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from lowback_tui.core import routine_check
from lowback_tui.core.routine import (
    DEFAULT_SIDE_NAMES,
    FORMAT,
    Exercise,
    Problem,
    Routine,
    RoutineError,
)

MAX_FILE_BYTES = 2_000_000
"""A routine of a thousand exercises is a few hundred kB; anything past this is not a routine."""

MAX_DOTS_PER_LINE = 1000
"""tomllib takes time quadratic in a dotted key's parts (20,000 parts: six seconds); real keys
have a few, so a line with more dots than this is refused before tomllib sees it."""


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
    for key in routine_check.MOMENT_CUES:
        if value := getattr(exercise, key):
            doc[key] = value
    return doc


def dumps(routine: Routine) -> str:
    """The routine as TOML text that `loads` reads back to an equal routine."""
    import tomli_w  # only writing needs it

    return tomli_w.dumps(to_document(routine), multiline_strings=False)
