"""What reading the history gives back: a stored session, today's unfinished one, how an
exercise went. Plain values, so the course rules, the progress chart, the report and the
history text read them without the store (`history_store` makes them from its rows).

Every row is checked as it is made into one of these (`history_checks`: a value that is not
what its column means raises BadRow, and the row is left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from lowback_tui.core.history.checks import (
    EXERCISE,
    MOST_EXERCISES,
    SECONDS_IN_A_DAY,
    SESSION,
    Column,
    check,
)


@dataclass(frozen=True)
class SessionRow:
    """One stored session, as the course, progress and history views read it."""

    id: int
    routine_name: str
    started_at: str
    day: date
    ended_at: str | None
    """None when the session never finished (the program was killed or crashed)."""
    elapsed_seconds: float | None
    active_seconds: float
    pain_before: int | None
    pain_after: int | None
    stopped_for_pain: bool
    ended_early: bool
    done: int
    partial: int
    skipped: int
    not_reached: int = 0
    """Exercises the session ended before (older sessions called them skipped)."""
    planned_seconds: float | None = None
    """The active time one whole session of the routine it used plans; what its share of a
    day is judged against. None for a session kept before lowback stored it."""
    efforts_done: int = 0
    """Holds and timed efforts done, over its exercises."""
    efforts_planned: int = 0
    """Holds and timed efforts its kept exercises planned (counting a session kept without
    `planned_seconds`)."""

    @property
    def completed(self) -> bool:
        """Reached the routine's end: not ended early, not stopped for pain, not cut off."""
        return self.ended_at is not None and not self.ended_early and not self.stopped_for_pain


class CourseRows(NamedTuple):
    """The current course as the history keeps it."""

    start: date
    """Its first day."""
    days: int | None
    """Its planned length; None for a course begun before lowback kept it."""
    sessions: list[SessionRow]
    """Its sessions: those from its first day on, oldest first."""


class Unfinished(NamedTuple):
    """A session of today that ended early, to be carried on."""

    session_id: int
    routine_name: str
    routine_hash: str
    start_at: int
    """The exercise (0-based) to carry on from."""
    pain_before: int | None


class RecentResult(NamedTuple):
    """How one exercise went in one finished session, for deciding on one more rep."""

    session_id: int
    outcome: str
    reps: int
    """The reps per side it was done at."""
    pain_before: int | None
    pain_after: int | None
    asked: bool
    """One more rep was already offered after this session."""


SESSION_FIELDS = (
    "session", "day", "started_at", "ended_at", "routine", "pain_before", "pain_after",
    "stopped_for_pain", "ended_early", "elapsed_seconds",
)  # fmt: skip
"""A session's fields in an export (`history_text`), as `lowback import` reads them back."""
EXERCISE_FIELDS = (
    "position", "exercise_id", "name", "outcome", "efforts_done", "efforts_planned",
    "active_seconds",
)  # fmt: skip
"""An exercise result's fields in an export."""
ACTIVITIES_FIELDS = ("course_started_on", "activities")
"""A course's activities in an export (its `"activities"`, after the sessions): the course's
first day, and the activities named for it."""
ACTIVITY_FIELDS = ("place", "name", "ratings")
"""An activity's fields: its place (0-2), its name, and its ratings."""
RATING_FIELDS = ("week", "day", "rating")
"""A rating's fields: the course week, the day it was given, the rating (0-10)."""


def session_row(r: Any) -> SessionRow:
    """A SessionRow from a row of `HistoryStore.sessions`' query, in its column order; BadRow
    if a value in it is not what its column means."""
    check(_SESSION_READ, [r[i] for i in _SESSION_AT])
    return SessionRow(
        id=r[0],
        routine_name=r[1],
        started_at=r[2],
        day=date.fromisoformat(r[3]),
        ended_at=r[4],
        elapsed_seconds=r[5],
        active_seconds=float(r[6]),
        pain_before=r[7],
        pain_after=r[8],
        stopped_for_pain=bool(r[9]),
        ended_early=bool(r[10]),
        done=r[11],
        partial=r[12],
        skipped=r[13],
        not_reached=r[14],
        planned_seconds=r[15],
        efforts_done=r[16],
        efforts_planned=r[17],
    )


_SESSION_AT = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15)
"""Where `session_row` finds the columns it checks (`_SESSION_READ`) in its row."""
_SESSION_READ = tuple(
    Column("active_seconds", "real", 0, MOST_EXERCISES * SECONDS_IN_A_DAY)
    if name == "active_seconds" else next(c for c in SESSION if c.name == name)
    for name in ("routine_name", "started_at", "day", "ended_at", "elapsed_seconds",
                 "active_seconds", "pain_before", "pain_after", "stopped_for_pain",
                 "ended_early", "planned_seconds")
)  # fmt: skip
EXERCISE_COLUMNS = (
    "e.position, e.exercise_id, e.name, e.outcome, e.efforts_done, e.efforts_planned,"
    " e.reps, e.active_seconds"
)
"""An exercise result's columns, as `EXERCISE` lists them, for `exercise_row`."""


def exercise_row(row: Any) -> tuple[Any, ...]:
    """(position, exercise id, name, outcome, done, planned, active seconds) of an exercise
    result read with `EXERCISE_COLUMNS`; BadRow if a value is not what it means."""
    check(EXERCISE, row)
    return (*row[:6], row[7])


class DayTotals(NamedTuple):
    """One day's sessions added up: what the course rules read of a day (course.by_day makes
    them from SessionRows; `HistoryStore.course_days` sums them in SQL, a row a day)."""

    day: date
    share: float
    """The sum of its sessions' shares of their own routines (course.share)."""
    sessions: int
    """Its sessions with any exercise time."""
    active_seconds: float
    stopped: bool
    """A session of the day was stopped because it hurt."""
    before_sum: int
    """The sum of its ratings before sessions, and their number."""
    before_count: int
    after_sum: int
    """The sum of its ratings after sessions, and their number."""
    after_count: int
