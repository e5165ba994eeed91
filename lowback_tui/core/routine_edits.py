"""Quick adjustments: one more rep, a longer hold, written into the routine's file in place.

Nothing a person typed is written over: an adjustment rewrites only the number it changes, and
checks that the file still reads back as the routine intended.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lowback_tui.core.files import read_regular, write_atomically
from lowback_tui.core.routine import (
    REPS_RANGE,
    SECONDS_RANGE,
    Exercise,
    Problem,
    Routine,
    RoutineError,
)
from lowback_tui.core.routine_file import MAX_FILE_BYTES, dumps, load, loads
from lowback_tui.core.toml_lines import KeyLines


def adjusted(exercise: Exercise, what: str, step: int) -> Exercise:
    """The exercise with reps, or its hold/work seconds, one step up or down, within range."""
    if what == "reps":
        low, high = REPS_RANGE
        reps = min(high, max(low, exercise.reps + step))
        return replace(exercise, reps=reps, goal_reps=_goal(exercise.goal_reps, reps))
    seconds = exercise.effort_seconds
    unit = 1 if seconds + min(step, 0) < 10 else 5  # 5 s steps once holds are long
    new = min(SECONDS_RANGE[1], max(SECONDS_RANGE[0], seconds + step * unit))
    if exercise.is_hold:
        return replace(exercise, hold_seconds=new)
    return replace(exercise, work_seconds=new)


def _goal(goal: int | None, reps: int) -> int | None:
    return None if goal is None else max(goal, reps)  # a goal is never below the reps


def save_exercise(path: Path, routine: Routine, index: int, new: Exercise) -> Routine:
    """Write one changed exercise into the file at `path`; the routine as now saved.

    Each changed number is replaced where it stands (or added under the exercise's header), so
    the person's comments and layout survive. If the result does not read back as exactly the
    routine intended, the whole routine is written with tomli-w instead.
    """
    try:
        text = read_regular(path, MAX_FILE_BYTES, "routine file").decode("utf-8")
    except UnicodeDecodeError:  # changed since it was read: say so as `load` would
        raise RoutineError(
            [Problem(path, None, "", "is not UTF-8 text; save it as UTF-8")]
        ) from None
    wanted = replace(routine, exercises=_with(routine.exercises, index, new))
    old = routine.exercises[index]
    for key in ("reps", "goal_reps", "hold_seconds", "work_seconds"):
        before, after = getattr(old, key), getattr(new, key)
        if before != after and after is not None:
            text = _set_number(text, f"exercise[{index + 1}]", key, after)
    try:
        written = loads(text, path)
    except RoutineError:
        written = None
    if written != wanted:
        text = dumps(wanted)
    write_atomically(path, text)
    return load(path)


def _with(exercises: tuple[Exercise, ...], index: int, new: Exercise) -> tuple[Exercise, ...]:
    return (*exercises[:index], new, *exercises[index + 1 :])


def _set_number(text: str, table: str, key: str, value: int) -> str:
    """`key = value` in the `table` (an array-of-tables entry) of a TOML text."""
    lines = text.splitlines(keepends=True)
    where = KeyLines(text)
    line = where.line_of(f"{table}.{key}")
    header = where.line_of(table)
    if line is not None and line != header:
        old = lines[line - 1]
        lines[line - 1] = re.sub(r"(=\s*)[-+0-9_]+", lambda m: f"{m[1]}{value}", old, count=1)
    elif header is not None:
        lines.insert(header, f"{key} = {value}\n")
    return "".join(lines)
