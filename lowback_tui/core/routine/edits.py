"""Quick adjustments: one more rep, a longer hold, written into the routine's file in place.

Nothing a person typed is written over: an adjustment rewrites only the number it changes (with
tomlkit, which keeps a file's comments and layout), and checks that the file still reads back as
the routine intended.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Literal

from lowback_tui.core import toml_edit
from lowback_tui.core.files import read_regular, write_atomically
from lowback_tui.core.routine.file import (
    MAX_DOT_COST,
    MAX_FILE_BYTES,
    MAX_TABLES,
    MAX_VALUES,
    dumps,
    load,
    loads,
)
from lowback_tui.core.routine.lines import KeyLines
from lowback_tui.core.routine.model import (
    REPS_RANGE,
    SECONDS_RANGE,
    Exercise,
    Problem,
    Routine,
    RoutineError,
)
from lowback_tui.core.toml_guard import heaviest_dots, structure_overflow

TOMLKIT_MAX_CHARS = 100_000
"""Past this, a quick adjustment edits the file line by line instead of through tomlkit.

tomlkit reads some 8-10 times slower than tomllib: under this size at most 0.56 s (the costliest
text the caps let through, a 100 kB `x = [1, 1, ...]`), and 0.15 s for a routine of 69
exercises like the bundled ones (the bundled file is 11 kB). At MAX_FILE_BYTES it would be 3 s
for a 1,393-exercise routine and 4.8 s for 200,000 `k = 1` lines (tomllib: 0.4 s and 0.6 s)."""


Adjustable = Literal["reps", "seconds"]
"""What a quick adjustment changes: the reps, or the hold (or work) seconds."""
ADJUSTABLE: tuple[Adjustable, ...] = ("reps", "seconds")


def adjusted(exercise: Exercise, what: Adjustable, step: int) -> Exercise:
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

    Each changed number is replaced where it stands (or added after the exercise's own keys),
    so the person's comments, order and spacing survive byte for byte. If the result does not
    read back as exactly the routine intended, the whole routine is written with tomli-w.
    A file that has grown past the caps of `routine_file` since it was read is refused, as
    `load` refuses it, before any parser sees it.
    """
    try:
        text = read_regular(path, MAX_FILE_BYTES, "routine file").decode("utf-8")
    except UnicodeDecodeError:  # changed since it was read: say so as `load` would
        raise RoutineError(
            [Problem(path, None, "", "is not UTF-8 text; save it as UTF-8")]
        ) from None
    if (
        heaviest_dots(text, MAX_DOT_COST) is not None
        or structure_overflow(text, MAX_TABLES, MAX_VALUES) is not None
    ):
        loads(text, path)  # raises RoutineError naming the line, as `load` would
    wanted = replace(routine, exercises=_with(routine.exercises, index, new))
    old = routine.exercises[index]
    changes = {
        key: value
        for key in ("reps", "goal_reps", "hold_seconds", "work_seconds")
        if (value := getattr(new, key)) is not None and value != getattr(old, key)
    }
    edit = _edited if len(text) <= TOMLKIT_MAX_CHARS else _edited_by_lines
    edited = edit(text, index, changes)
    try:
        written = None if edited is None else loads(edited, path)
    except RoutineError:
        written = None
    write_atomically(path, edited if edited is not None and written == wanted else dumps(wanted))
    return load(path)


def _edited(text: str, index: int, changes: dict[str, int]) -> str | None:
    """The text with `changes` made to its `index`th exercise by tomlkit, everything else as it
    was; None when tomlkit cannot read it or it holds no such exercise."""
    document = toml_edit.parse(text)
    if document is None:
        return None
    exercises = document.get("exercise")
    if not isinstance(exercises, list) or not 0 <= index < len(exercises):
        return None  # an array of tables and one of inline tables are both lists
    exercise = exercises[index]
    if not isinstance(exercise, MutableMapping):
        return None
    try:
        for key, value in changes.items():
            toml_edit.set_value(exercise, key, value)
    except ValueError:
        return None
    return toml_edit.dumps(document)


def _edited_by_lines(text: str, index: int, changes: dict[str, int]) -> str:
    """The text with `changes` made line by line: for a file too big for tomlkit to read in
    good time (TOMLKIT_MAX_CHARS), found with the validator's line scanner."""
    for key, value in changes.items():
        text = _set_number(text, f"exercise[{index + 1}]", key, value)
    return text


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
