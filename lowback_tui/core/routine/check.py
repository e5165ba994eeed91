"""Turn a parsed TOML document into a Routine, collecting every problem on the way.

Each check names the dotted key path (1-based indexes, so `exercise[3]` is the third
`[[exercise]]` table, the third exercise on the list screen) and says what would be right.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from lowback_tui.core.picture import check as picture_check
from lowback_tui.core.routine.checker import Checker, describe, join
from lowback_tui.core.routine.model import (
    COURSE_DAYS_RANGE,
    CUE_MAX,
    DEFAULT_SIDE_NAMES,
    FORMAT,
    NAME_MAX,
    REPS_RANGE,
    ROUTINE_TIMING_RANGES,
    SECONDS_RANGE,
    SHORT_MAX,
    TEXT_MAX,
    TIMING_RANGES,
    Exercise,
    Level,
    Routine,
    RoutineError,
    Sides,
    Timing,
)

MOMENT_CUES = ("get_ready_cue", "effort_cue", "let_go_cue")
"""An exercise's cues for one moment each, every one optional text up to CUE_MAX."""
ROUTINE_KEYS = ("format", "name", "summary", "course_days", "timing", "exercise")
EXERCISE_KEYS = (
    "id",
    "name",
    "position",
    "level",
    "equipment",
    "hold_seconds",
    "work_seconds",
    "reps",
    "goal_reps",
    "sides",
    "side_names",
    "cues",
    *MOMENT_CUES,
    *TIMING_RANGES,
    "picture",
)

_Choice = TypeVar("_Choice", bound=StrEnum)

_ID = re.compile(r"^[\w-]+$")


def slug(name: str) -> str:
    """An id made from a name: "Knee to chest" -> "knee-to-chest"."""
    return "-".join(re.findall(r"[^\W_]+", name.lower()))[:SHORT_MAX]


def build(document: dict[str, Any], text: str, path: Path) -> Routine:
    """Check a parsed document and build its Routine; raise RoutineError with every problem."""
    check = Checker(path, text)
    check.unknown_keys(document, ROUTINE_KEYS, "")
    version = document.get("format", FORMAT)
    if isinstance(version, bool) or not isinstance(version, int):
        check.problem("format", f"must be the number {FORMAT} (got {describe(version)})")
    elif version != FORMAT:
        newer = version > FORMAT  # pragma: no mutate (>= is the same: it is not FORMAT here)
        hint = " (written for a newer lowback?)" if newer else ""
        check.problem(
            "format",
            f"unknown format version {version}{hint}; this lowback reads format = {FORMAT}",
        )
    name = check.text(document, "name", "", NAME_MAX, required=True)
    summary = check.text(document, "summary", "", TEXT_MAX)
    course_days = check.integer(document, "course_days", "", COURSE_DAYS_RANGE, "days")
    timing = _timing(check, check.table(document, "timing", "[timing]"))
    exercises = _exercises(check, document)
    if check.found:
        raise RoutineError(check.all_problems())
    assert name is not None
    return Routine(
        name=name,
        summary=summary or "",
        course_days=course_days or Routine.course_days,
        timing=timing,
        exercises=tuple(exercises),
        source=path,
    )


def _timing(check: Checker, table: dict[str, Any]) -> Timing:
    check.unknown_keys(table, ROUTINE_TIMING_RANGES, "timing")
    values = {
        key: check.integer(table, key, "timing", bounds, "seconds")
        for key, bounds in ROUTINE_TIMING_RANGES.items()
    }
    return Timing(**{k: v for k, v in values.items() if v is not None})


def _exercises(check: Checker, document: dict[str, Any]) -> list[Exercise]:
    tables = document.get("exercise")
    if tables is None:
        check.problem("exercise", "the routine has no exercises; add at least one [[exercise]]")
        return []
    if isinstance(tables, dict):
        check.problem(
            "exercise",
            "write each exercise under its own [[exercise]] header (two brackets), not [exercise]",
        )
        return []
    if not isinstance(tables, list) or not tables:
        check.problem(
            "exercise", f"must be one or more [[exercise]] tables (got {describe(tables)})"
        )
        return []
    exercises: list[Exercise] = []
    first_use: dict[str, str] = {}
    for number, table in enumerate(tables, start=1):
        prefix = f"exercise[{number}]"
        if not isinstance(table, dict):
            check.problem(prefix, f"must be a table of keys (got {describe(table)})")
            continue
        exercise = _exercise(check, table, prefix)
        if exercise is None:
            continue
        if exercise.id in first_use:
            key = "id" if "id" in table else "name"
            how = "" if key == "id" else '; give one of them its own id = "..."'
            check.problem(
                f"{prefix}.{key}",
                f"the id '{exercise.id}' is already used by {first_use[exercise.id]}{how}",
            )
        first_use.setdefault(exercise.id, prefix)
        exercises.append(exercise)
    return exercises


def _exercise(check: Checker, table: dict[str, Any], prefix: str) -> Exercise | None:
    before = check.found
    routine_only = (ROUTINE_TIMING_RANGES.keys() - TIMING_RANGES.keys()) & table.keys()
    for key in sorted(routine_only):  # start_seconds: not "did you mean rest_seconds?"
        check.problem(join(prefix, key), "is set for the whole routine only, under [timing]")
    known = {key: value for key, value in table.items() if key not in routine_only}
    check.unknown_keys(known, EXERCISE_KEYS, prefix)
    name = check.text(table, "name", prefix, NAME_MAX, required=True)
    ident = check.text(table, "id", prefix, SHORT_MAX, required="id" in table)
    if ident is not None and not _ID.match(ident):
        check.problem(
            f"{prefix}.id", f"may hold only letters, digits, '-' and '_' (got \"{ident}\")"
        )
    if ident is None and name is not None:
        ident = slug(name) or slug(prefix)  # "exercise[3]" -> "exercise-3"
    hold = check.integer(table, "hold_seconds", prefix, SECONDS_RANGE, "seconds")
    work = check.integer(table, "work_seconds", prefix, SECONDS_RANGE, "seconds")
    if "hold_seconds" in table and "work_seconds" in table:
        check.problem(
            f"{prefix}.work_seconds",
            "can't be used together with hold_seconds; "
            "keep hold_seconds for a held position or work_seconds for a timed effort",
        )
    elif "hold_seconds" not in table and "work_seconds" not in table:
        check.problem(
            prefix, "needs hold_seconds (a held position) or work_seconds (a timed effort)"
        )
    reps = check.integer(table, "reps", prefix, REPS_RANGE)
    goal = check.integer(table, "goal_reps", prefix, REPS_RANGE)
    reps = reps or 1
    if goal is not None and goal < reps:
        check.problem(f"{prefix}.goal_reps", f"must be at least reps ({reps}) (got {goal})")
    sides = _choice(check, table, "sides", prefix, Sides) if "sides" in table else None
    side_names = check.texts(table, "side_names", prefix, SHORT_MAX, count=2)
    timing = {
        key: check.integer(table, key, prefix, bounds, "seconds")
        for key, bounds in TIMING_RANGES.items()
    }
    position = check.text(table, "position", prefix, NAME_MAX)
    # "sitting" is two thirds like "standing", and means a chair or the floor: no hint for it.
    level = _choice(check, table, "level", prefix, Level, 0.7) if "level" in table else None
    equipment = check.texts(table, "equipment", prefix, SHORT_MAX)
    cues = check.texts(table, "cues", prefix, TEXT_MAX)
    get_ready_cue, effort_cue, let_go_cue = (
        check.text(table, key, prefix, CUE_MAX) for key in MOMENT_CUES
    )
    picture = (
        picture_check.picture(check, table["picture"], f"{prefix}.picture")
        if "picture" in table
        else None
    )
    if check.found > before:
        return None
    assert name is not None and ident is not None  # each way to miss one is a problem
    return Exercise(
        id=ident,
        name=name,
        hold_seconds=hold,
        work_seconds=work,
        reps=reps,
        goal_reps=goal,
        sides=sides or Sides.NONE,
        side_names=(side_names[0], side_names[1]) if side_names else DEFAULT_SIDE_NAMES,
        position=position or "",
        level=level,
        equipment=equipment or (),
        cues=cues or (),
        get_ready_cue=get_ready_cue or "",
        effort_cue=effort_cue or "",
        let_go_cue=let_go_cue or "",
        picture=picture,
        **timing,
    )


def _choice(
    check: Checker,
    table: dict[str, Any],
    key: str,
    prefix: str,
    kind: type[_Choice],
    cutoff: float = 0.5,
) -> _Choice | None:
    """One of the values of `kind` at `key` (present in `table`), or None with a problem that
    names them all and the closest one, if one is `cutoff` close."""
    value = table[key]
    choices = [member.value for member in kind]
    if value in choices:
        return kind(value)
    import difflib

    close = difflib.get_close_matches(str(value), choices, cutoff=cutoff)  # the best first
    hint = f"; did you mean '{close[0]}'?" if close else ""
    got = f'"{value}"' if isinstance(value, str) else describe(value)
    named = ", ".join(f'"{choice}"' for choice in choices[:-1]) + f' or "{choices[-1]}"'
    check.problem(join(prefix, key), f"must be one of {named} (got {got}){hint}")
    return None
