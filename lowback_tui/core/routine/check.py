"""Turn a parsed TOML document into a Routine, collecting every problem on the way.

Each check names the dotted key path (1-based indexes, so `exercise[3]` is the third
`[[exercise]]` table, the third exercise on the list screen) and says what would be right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lowback_tui.core.picture import check as picture_check
from lowback_tui.core.routine.model import (
    COURSE_DAYS_RANGE,
    CUE_MAX,
    DEFAULT_SIDE_NAMES,
    FORMAT,
    LIST_MAX,
    NAME_MAX,
    REPS_RANGE,
    ROUTINE_TIMING_RANGES,
    SECONDS_RANGE,
    SHORT_MAX,
    TEXT_MAX,
    TIMING_RANGES,
    Exercise,
    Level,
    Problem,
    Routine,
    RoutineError,
    Sides,
    Timing,
)

if TYPE_CHECKING:
    from lowback_tui.core.routine.lines import KeyLines

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

MAX_PROBLEMS = 100
"""A file with more is not a routine someone is editing; the rest are counted, not listed."""

_Choice = TypeVar("_Choice", bound=StrEnum)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ID = re.compile(r"^[\w-]+$")


def _describe(value: Any) -> str:
    """A value as a person would recognise it in their file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'"{shown}", which is text'
    if isinstance(value, int | float):
        shown = str(value)  # a float is at most 24 characters; an int may have thousands
        return shown if len(shown) <= 30 else f"a number of {len(shown):,} digits"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if type(value).__name__ in ("datetime", "date", "time"):  # saves importing datetime
        return f"{value}, a date or time"
    return type(value).__name__  # pragma: no mutate (TOML has no other type: never reached)


def slug(name: str) -> str:
    """An id made from a name: "Knee to chest" -> "knee-to-chest"."""
    return "-".join(re.findall(r"[^\W_]+", name.lower()))[:SHORT_MAX]


class _Checker:
    """Reads values out of tables, recording a Problem for each one that is wrong."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._source = text
        self._lines: KeyLines | None = None  # found only for a file with problems
        self.problems: list[Problem] = []
        self.found = 0
        """Every problem found; past MAX_PROBLEMS they are counted, not kept."""

    def describe(self, value: Any) -> str:
        return _describe(value)

    def problem(self, key: str, message: str) -> None:
        self.found += 1
        if self.found > MAX_PROBLEMS:
            return
        if self._lines is None:
            from lowback_tui.core.routine.lines import KeyLines

            self._lines = KeyLines(self._source)
        self.problems.append(Problem(self.path, self._lines.line_of(key), key, message))

    def all_problems(self) -> list[Problem]:
        """The problems kept, in line order, and how many more there were."""
        kept = sorted(self.problems, key=lambda p: p.line or 0)
        if self.found > MAX_PROBLEMS:
            more = f"and {self.found - MAX_PROBLEMS:,} more problems; is this a routine file?"
            kept.append(Problem(self.path, None, "", more))
        return kept

    def unknown_keys(self, table: dict[str, Any], known: Iterable[str], prefix: str) -> None:
        known = list(known)
        for key in table:
            if key in known:
                continue
            if self.found >= MAX_PROBLEMS:  # counted, not kept: no hint to look for (difflib
                self.found += 1  # on each of 200,000 unknown keys took 12 s)
                continue
            import difflib  # only a file with a typo pays for it

            close = difflib.get_close_matches(key, known)  # the best first
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
            self.problem(_join(prefix, key), f"unknown key; {hint}")

    def integer(
        self, table: dict[str, Any], key: str, prefix: str, bounds: tuple[int, int], unit: str = ""
    ) -> int | None:
        """The whole number at `key`, or None if it is missing or wrong."""
        if key not in table:
            return None
        value, where = table[key], _join(prefix, key)
        low, high = bounds
        units = f" {unit}" if unit else ""
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                where,
                f"must be a whole number{' of ' + unit if unit else ''} (got {_describe(value)})",
            )
            return None
        if not low <= value <= high:
            self.problem(where, f"must be between {low} and {high}{units} (got {_describe(value)})")
            return None
        return value

    def text(
        self, table: dict[str, Any], key: str, prefix: str, limit: int, required: bool = False
    ) -> str | None:
        """The text at `key`, or None if it is missing or wrong."""
        where = _join(prefix, key)
        if key not in table:
            if required:
                self.problem(where, f'missing; add {key} = "..."')
            return None
        return self._one_text(table[key], where, limit, required)

    def _one_text(self, value: Any, where: str, limit: int, required: bool) -> str | None:
        if not isinstance(value, str):
            self.problem(where, f"must be text in quotes (got {_describe(value)})")
            return None
        if required and not value.strip():
            self.problem(where, "must not be empty")
            return None
        if len(value) > limit:
            self.problem(where, f"is {len(value)} characters long; keep it to {limit} or fewer")
            return None
        if control := _CONTROL.search(value):
            self.problem(
                where, f"contains a control character (U+{ord(control[0]):04X}); remove it"
            )
            return None
        return value

    def texts(
        self, table: dict[str, Any], key: str, prefix: str, limit: int, count: int | None = None
    ) -> tuple[str, ...] | None:
        """The list of texts at `key`, or None if it is missing or wrong."""
        if key not in table:
            return None
        value, where = table[key], _join(prefix, key)
        if not isinstance(value, list):
            example = '["left leg", "right leg"]' if count == 2 else '["...", "..."]'
            self.problem(where, f"must be a list of texts like {example} (got {_describe(value)})")
            return None
        if count is not None and len(value) != count:
            self.problem(where, f"must have exactly {count} entries (got {len(value)})")
            return None
        if len(value) > LIST_MAX:
            self.problem(where, f"has {len(value)} entries; keep it to {LIST_MAX} or fewer")
            return None
        items = [
            self._one_text(item, f"{where}[{n}]", limit, required=True)
            for n, item in enumerate(value, start=1)
        ]
        if None in items:  # pragma: no mutate (each is reported: the exercise is dropped anyway)
            return None
        return tuple(i for i in items if i is not None)

    def table(self, document: dict[str, Any], key: str, shape: str) -> dict[str, Any]:
        """The sub-table at `key`, or {} (with a problem) if it is something else."""
        value = document.get(key, {})
        if isinstance(value, dict):
            return value
        self.problem(key, f"must be a table written {shape} (got {_describe(value)})")
        return {}


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def build(document: dict[str, Any], text: str, path: Path) -> Routine:
    """Check a parsed document and build its Routine; raise RoutineError with every problem."""
    check = _Checker(path, text)
    check.unknown_keys(document, ROUTINE_KEYS, "")
    version = document.get("format", FORMAT)
    if isinstance(version, bool) or not isinstance(version, int):
        check.problem("format", f"must be the number {FORMAT} (got {_describe(version)})")
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


def _timing(check: _Checker, table: dict[str, Any]) -> Timing:
    check.unknown_keys(table, ROUTINE_TIMING_RANGES, "timing")
    values = {
        key: check.integer(table, key, "timing", bounds, "seconds")
        for key, bounds in ROUTINE_TIMING_RANGES.items()
    }
    return Timing(**{k: v for k, v in values.items() if v is not None})


def _exercises(check: _Checker, document: dict[str, Any]) -> list[Exercise]:
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
            "exercise", f"must be one or more [[exercise]] tables (got {_describe(tables)})"
        )
        return []
    exercises: list[Exercise] = []
    first_use: dict[str, str] = {}
    for number, table in enumerate(tables, start=1):
        prefix = f"exercise[{number}]"
        if not isinstance(table, dict):
            check.problem(prefix, f"must be a table of keys (got {_describe(table)})")
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


def _exercise(check: _Checker, table: dict[str, Any], prefix: str) -> Exercise | None:
    before = check.found
    routine_only = (ROUTINE_TIMING_RANGES.keys() - TIMING_RANGES.keys()) & table.keys()
    for key in sorted(routine_only):  # start_seconds: not "did you mean rest_seconds?"
        check.problem(_join(prefix, key), "is set for the whole routine only, under [timing]")
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
    check: _Checker,
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
    got = f'"{value}"' if isinstance(value, str) else _describe(value)
    named = ", ".join(f'"{choice}"' for choice in choices[:-1]) + f' or "{choices[-1]}"'
    check.problem(_join(prefix, key), f"must be one of {named} (got {got}){hint}")
    return None
