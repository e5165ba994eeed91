"""What a value read from the history may be, and the checks that say so (issue 22).

The history is a file a person can edit (`sqlite3 history.db "update …"`), so every value is
checked where it is read, against what its column means: a day that is no date, a time of 9e999
seconds, a pain of 99, text where a number belongs. The checks live here once, as the columns of
each table (`SESSION`, `EXERCISE`, `COURSE`, `TARGET`, `ACTIVITY`, `ACTIVITY_RATING`): `good`
makes them a condition for a query's WHERE (so that sums and counts never meet a bad value), and
`check` the same test in Python on a row read (`BadRow` names the column). A row failing it is
left out, as if it were not there; the store counts such rows and says so once (`unreadable`,
`unreadable_notice`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from lowback_tui.core.logs import log
from lowback_tui.core.routine.model import COURSE_DAYS_RANGE, REPS_RANGE, SECONDS_RANGE

# ---- what a stored value may be -----------------------------------------------------------------

PAIN_RANGE = (0, 10)
"""A pain rating, as the app asks for it (and the schema's CHECK says)."""
DAY_RANGE = (date(1900, 1, 1), date(9000, 12, 31))
"""Days a session or a course may be on: any a clock could give, far enough from the ends of
Python's dates that a course's days and calendar weeks around them never overflow."""
SECONDS_IN_A_DAY = 24 * 60 * 60
"""The most time, held or elapsed, one session can have: a session belongs to one day, and is
carried on only on that day."""
MOST_EXERCISES = 10_000
"""Positions in a routine: no routine file may hold more tables (`routine_file.MAX_TABLES`)."""
MOST_EFFORTS = 2 * REPS_RANGE[1]
"""Holds or timed efforts of one exercise: the most reps, on each of two sides."""
MOST_PLANNED_SECONDS = float(MOST_EXERCISES * MOST_EFFORTS * SECONDS_RANGE[1])
"""The active time one whole session of the longest routine the limits allow would plan."""
OUTCOMES = ("done", "partial", "skipped", "not reached")
"""How an exercise went (`session_results.Outcome`; the schema's CHECK)."""


class Column(NamedTuple):
    """What one column of the history holds when it is what the schema means."""

    name: str
    kind: str
    """"text", "day" (a date, YYYY-MM-DD), "moment" (text shaped YYYY-MM-DDTHH:MM:SS: only
    shown, never worked out, so its shape is checked and not its calendar), "int", "real",
    "flag" (0 or 1) or "outcome" (one of OUTCOMES)."""
    low: float = 0
    high: float = 0
    """The range of an "int" or "real", both ends included."""
    null: bool = False
    """NULL is allowed (and means "not known")."""


SESSION = (
    Column("routine_name", "text"), Column("routine_hash", "text"),
    Column("started_at", "moment"), Column("day", "day"),
    Column("ended_at", "moment", null=True),
    Column("elapsed_seconds", "real", 0, SECONDS_IN_A_DAY, null=True),
    Column("pain_before", "int", *PAIN_RANGE, null=True),
    Column("pain_after", "int", *PAIN_RANGE, null=True),
    Column("stopped_for_pain", "flag"), Column("ended_early", "flag"),
    Column("stopped_at", "int", 0, MOST_EXERCISES - 1, null=True),
    Column("planned_seconds", "real", 0, MOST_PLANNED_SECONDS, null=True),
)  # fmt: skip
EXERCISE = (
    Column("position", "int", 0, MOST_EXERCISES - 1), Column("exercise_id", "text"),
    Column("name", "text"), Column("outcome", "outcome"),
    Column("efforts_done", "int", 0, MOST_EFFORTS),
    Column("efforts_planned", "int", 0, MOST_EFFORTS),
    Column("reps", "int", 0, REPS_RANGE[1]),
    Column("active_seconds", "real", 0, SECONDS_IN_A_DAY),
)  # fmt: skip
COURSE = (Column("started_on", "day"), Column("days", "int", *COURSE_DAYS_RANGE, null=True))
TARGET = (
    Column("routine_name", "text"), Column("exercise_id", "text"),
    Column("reps", "int", *REPS_RANGE),
)  # fmt: skip
ACTIVITY_PLACES = 3
"""Activities a course may name (course/activities.MAX_ACTIVITIES, the method's three: the
history applies no course rule, so the number is here too, and a test says they agree)."""
ACTIVITY_RATING_RANGE = (0, 10)
"""An activity's rating (course/activities.RATING_RANGE; the schema's CHECK)."""
MOST_WEEKS = (DAY_RANGE[1] - DAY_RANGE[0]).days // 7 + 1
"""The course weeks there can be between the first and the last day a course may be on."""
ACTIVITY = (
    Column("course_id", "int", 1, 2**63 - 1), Column("position", "int", 0, ACTIVITY_PLACES - 1),
    Column("name", "text"),
)  # fmt: skip
ACTIVITY_RATING = (
    Column("course_id", "int", 1, 2**63 - 1), Column("position", "int", 0, ACTIVITY_PLACES - 1),
    Column("week", "int", 1, MOST_WEEKS), Column("day", "day"),
    Column("rating", "int", *ACTIVITY_RATING_RANGE),
)  # fmt: skip


def good_value(columns: Sequence[Column], name: str, alias: str) -> str:
    """`good` for the one column `name` of `columns`: what a sum or count over a whole table
    checks (of the exercises' time, say), where checking every column of every row would cost
    seconds at 100,000 sessions."""
    return good([c for c in columns if c.name == name], alias)


KINDS = {
    "session": SESSION, "exercise result": EXERCISE, "course": COURSE, "target": TARGET,
    "activity name": ACTIVITY, "activity rating": ACTIVITY_RATING,
}  # fmt: skip
"""The things the history keeps, by what the person is told they are, with their columns."""


class BadRow(ValueError):
    """A row read from the history is not what its schema means; `column` names the value."""

    def __init__(self, column: str) -> None:
        super().__init__(f"its {column} cannot be read")
        self.column = column


_DIGITS = "[0-9][0-9]"
_SHAPES = {  # GLOB patterns; then `date(x, '+0 days')` turns a 30th of February into March
    "day": f"{_DIGITS}{_DIGITS}-{_DIGITS}-{_DIGITS}",
    "moment": f"{_DIGITS}{_DIGITS}-{_DIGITS}-{_DIGITS}T{_DIGITS}:{_DIGITS}:{_DIGITS}",
}
_LOW_DAY, _HIGH_DAY = (d.isoformat() for d in DAY_RANGE)


def _sql(column: Column, alias: str) -> str:
    x = f"{alias}.{column.name}"
    number = f"{x} BETWEEN {column.low!r} AND {column.high!r}"
    test = {
        "text": f"typeof({x}) = 'text'",
        "int": f"typeof({x}) = 'integer' AND {number}",
        "real": f"typeof({x}) IN ('integer', 'real') AND {number}",
        "flag": f"typeof({x}) = 'integer' AND {x} IN (0, 1)",
        "outcome": f"typeof({x}) = 'text' AND {x} IN {OUTCOMES!r}",
        "day": f"typeof({x}) = 'text' AND {x} GLOB '{_SHAPES['day']}'"
               f" AND date({x}, '+0 days') IS {x} AND {x} BETWEEN '{_LOW_DAY}' AND '{_HIGH_DAY}'",
        "moment": f"typeof({x}) = 'text' AND {x} GLOB '{_SHAPES['moment']}'",
    }[column.kind]  # fmt: skip
    return f"({x} IS NULL OR {test})" if column.null else f"({test})"


def good(columns: Sequence[Column], alias: str) -> str:
    """A condition, for a query's WHERE, that a row (of the table named `alias` in the query)
    holds only what its columns mean: the SQL twin of `check`."""
    return "COALESCE(" + " AND ".join(_sql(c, alias) for c in columns) + ", 0)"


GOOD_SESSION = good(SESSION, "s")
"""`good` for the sessions table as `s`, the exercises as `e`, the course as `c`, a target as
`t`: every query reads through these, so that a new one cannot forget a check."""
GOOD_EXERCISE = good(EXERCISE, "e")
GOOD_COURSE = good(COURSE, "c")
GOOD_TARGET = good(TARGET, "t")
GOOD_ACTIVITY = good(ACTIVITY, "a")
GOOD_ACTIVITY_RATING = good(ACTIVITY_RATING, "r")

_FULL = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII),
    "moment": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", re.ASCII),
}


def _day(value: object, kind: str) -> bool:
    if not isinstance(value, str) or not _FULL[kind].fullmatch(value):
        return False
    if kind == "moment":
        return True
    try:
        found = date.fromisoformat(value)
    except ValueError:
        return False
    return DAY_RANGE[0] <= found <= DAY_RANGE[1]


def _test(column: Column) -> Callable[[object], bool]:
    """Whether a value read is what `column` means, as one small function: made once for each
    column (`check` runs them on every row read: 0.25 s for 700,000 exercise results)."""
    low, high, kind = column.low, column.high, column.kind
    tests: dict[str, Callable[[Any], bool]] = {
        "text": lambda v: v.__class__ is str,
        "int": lambda v: v.__class__ is int and low <= v <= high,
        # NaN fails both comparisons, and the ranges are finite: no infinity gets through.
        "real": lambda v: (v.__class__ is float or v.__class__ is int) and low <= v <= high,
        "flag": lambda v: v.__class__ is int and (v == 0 or v == 1),
        "outcome": lambda v: v.__class__ is str and v in OUTCOMES,
        "day": lambda v: _day(v, "day"),
        "moment": lambda v: _day(v, "moment"),
    }
    test = tests[kind]
    if column.null:
        return lambda v: v is None or test(v)
    return test


_MADE: dict[int, tuple[tuple[Column, ...], tuple[Callable[[object], bool], ...]]] = {}


def _tests(columns: tuple[Column, ...]) -> tuple[Callable[[object], bool], ...]:
    """Each column's test, made once for the same tuple (found by identity: hashing a tuple of
    columns on every row read cost more than the tests themselves)."""
    made = _MADE.get(id(columns))
    if made is None or made[0] is not columns:
        made = _MADE[id(columns)] = (columns, tuple(_test(column) for column in columns))
    return made[1]


def check(columns: tuple[Column, ...], values: Any) -> Any:
    """`values` (a row, in the order of `columns`) if each is what its column means; else
    BadRow naming the first that is not. The Python twin of `good`."""
    for at, (test, value) in enumerate(zip(_tests(columns), values, strict=True)):
        if not test(value):
            raise BadRow(columns[at].name)
    return values


LOGGED_AT_MOST = 20
"""Rows left out that are logged a line each when the history is opened; the rest in one line."""
_LOOKED_OVER = {  # what `unreadable` counts: where, its alias in `good`, its id, its check
    "session": ("sessions s", "s", "s.id", GOOD_SESSION),
    "exercise result": ("exercises e", "e", "e.rowid", GOOD_EXERCISE),
    "course": ("(SELECT * FROM courses ORDER BY id DESC LIMIT 1) c", "c", "c.id", GOOD_COURSE),
    "target": ("targets t", "t", "t.rowid", GOOD_TARGET),
    "activity name": ("activities a", "a", "a.rowid", GOOD_ACTIVITY),
    "activity rating": ("activity_ratings r", "r", "r.rowid", GOOD_ACTIVITY_RATING),
}  # only the latest course is ever read: an older one left as it is is no matter


def unreadable(read: Callable[[str], list[Any]]) -> dict[str, int]:
    """How many rows of each kind every reader leaves out, as `read` (a query's rows) finds
    them; a line in the log for each of the first LOGGED_AT_MOST, naming the row and the
    column that cannot be read (never its value: it may be a pain rating)."""
    counts: dict[str, int] = {}
    logged = 0
    for kind, (rows, alias, label, condition) in _LOOKED_OVER.items():
        found = read(f"SELECT COUNT(*) FROM {rows} WHERE NOT {condition}")
        if not found or not found[0][0]:
            continue
        counts[kind] = found[0][0]
        columns = KINDS[kind]
        listed = ", ".join(f"{alias}.{c.name}" for c in columns)
        room = max(LOGGED_AT_MOST - logged, 0)
        for row in read(f"SELECT {label}, {listed} FROM {rows} WHERE NOT {condition} LIMIT {room}"):
            try:
                check(columns, row[1:])
                why = "a value in it cannot be read"  # pragma: no cover (the twins agree)
            except BadRow as error:
                why = str(error)
            log.warning("history: %s %s is left out: %s", kind, row[0], why)
            logged += 1
    if sum(counts.values()) > logged:
        log.warning("history: %d more rows are left out", sum(counts.values()) - logged)
    return counts


def left_out_seconds(read: Callable[[str], list[Any]], counts: dict[str, int]) -> float:
    """The time that can be read (`good_value`) of the exercise results left out, each on its
    own or with its session, when `counts` (from `unreadable`) says there are any: what a sum
    of every time that can be read takes away to agree with the sessions shown."""
    if not counts.get("exercise result") and not counts.get("session"):
        return 0.0  # the usual case: no second look at every row
    time = good_value(EXERCISE, "active_seconds", "e")
    found = read(
        f"SELECT COALESCE(SUM(e.active_seconds), 0) FROM exercises e WHERE {time}"
        f" AND (NOT {GOOD_EXERCISE} OR e.session_id IN"
        f" (SELECT s.id FROM sessions s WHERE NOT {GOOD_SESSION}))"
    )
    return float(found[0][0]) if found else 0.0


def unreadable_notice(counts: dict[str, int]) -> str | None:
    """What to tell the person about rows left out, e.g. "1 session in your history could not
    be read and is left out"; None when none were."""
    # Not wording.plural: wording reads the course, which reads these rows.
    named = [
        f"{count} {kind}{'' if count == 1 else 's'}" for kind, count in counts.items() if count
    ]
    if not named:
        return None
    things = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    verb = "is" if sum(counts.values()) == 1 else "are"
    return f"{things} in your history could not be read and {verb} left out"
