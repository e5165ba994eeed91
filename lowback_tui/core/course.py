"""The course: where the person is in it, how the back is doing, and when to offer one more rep.

Pure functions of stored sessions; the screens and the command line show what they return.
Nothing here counts streaks or scolds: a missed day is shown as missed, nothing more.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from lowback_tui.core.pain_days import PainDay, pain_days
from lowback_tui.core.routine import Routine

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from lowback_tui.core.history_store import RecentResult, SessionRow

# The care thresholds. Their source is public guidance on low back pain, as summed up in
# ../shared/exercises.md; each is tested at its edge (tests/test_course.py, test_session_run.py).
PAIN_JUMP = 2
"""Points more pain straight after a session than before it that call for rest ("a rise of 2
or more points straight after exercise is a reason to ease off")."""
TREND_DAYS = 14
"""Days with sessions after which pain that has not come down suggests a professional ("if the
back is no better after about two weeks of the routine, see a doctor or physiotherapist")."""
TREND_WEEK = 7
"""Rated days compared at each end of the course to judge the trend: a week's worth."""
TREND_MIN_RATINGS = 6
"""Fewest rated days to judge a trend by: three at each end, so one odd day cannot decide."""
SESSIONS_IN_A_ROW = 2
"""Full sessions in a row, without more pain, after which one more rep is offered."""


class Mark(StrEnum):
    """How a day of the course went."""

    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    TODAY = "today"
    AHEAD = "ahead"


@dataclass(frozen=True)
class Status:
    """The course as the list screen tells it: "Day 9 of 21 · this week 3 of 7"."""

    day: int
    days: int
    completed_days: int
    done_today: bool
    this_week: int

    @property
    def finished(self) -> bool:
        """Every day of the course has a completed session."""
        return self.completed_days >= self.days

    def __str__(self) -> str:
        if self.finished:
            return f"Course done: {self.completed_days} days · this week {self.this_week} of 7"
        today = " (done today)" if self.done_today else ""
        return f"Day {self.day} of {self.days}{today} · this week {self.this_week} of 7"


def _completed_days(sessions: list[SessionRow]) -> set[date]:
    return {s.day for s in sessions if s.completed}


def status(sessions: list[SessionRow], start: date, days: int, today: date) -> Status:
    """Where the person is in a course of `days` days that began on `start`."""
    completed = {d for d in _completed_days(sessions) if d >= start}
    done_today = today in completed
    monday = today - timedelta(days=today.weekday())
    this_week = sum(1 for d in completed if monday <= d <= today)
    day = min(len(completed) + (0 if done_today else 1), days)
    return Status(day, days, len(completed), done_today, this_week)


def calendar(
    sessions: list[SessionRow], start: date, days: int, today: date
) -> list[tuple[date, Mark]]:
    """Every day of the course with how it went."""
    completed = _completed_days(sessions)
    tried = {s.day for s in sessions if s.done or s.partial}
    marks = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day in completed:
            mark = Mark.DONE
        elif day in tried:
            mark = Mark.PARTIAL
        elif day > today:
            mark = Mark.AHEAD
        elif day == today:
            mark = Mark.TODAY
        else:
            mark = Mark.MISSED
        marks.append((day, mark))
    return marks


def pain_by_day(sessions: list[SessionRow]) -> list[tuple[date, float]]:
    """The mean "before" rating of each day that has one, oldest first."""
    by_day: dict[date, list[int]] = {}
    for session in sessions:
        if session.pain_before is not None:
            by_day.setdefault(session.day, []).append(session.pain_before)
    return [(day, statistics.fmean(values)) for day, values in sorted(by_day.items())]


@dataclass(frozen=True)
class Progress:
    """The course so far: its days, the pain before sessions, and the time spent."""

    status: Status
    calendar: list[tuple[date, Mark]]
    pain_trend: list[tuple[date, float]]
    """The mean rating before sessions of each rated day, oldest first."""
    pain_days: list[PainDay]
    """Each rated day's mean ratings before and after its sessions, oldest first (the chart)."""
    sessions: int
    """Sessions in the whole history, this course or not."""
    active_seconds: float
    """Time spent holding or working, over the whole history."""
    not_improving: bool


def progress(
    sessions: list[SessionRow], start: date, days: int, today: date, totals: tuple[int, float]
) -> Progress:
    """The course that began on `start`, from its sessions, with the history's `totals`."""
    count, active = totals
    return Progress(
        status=status(sessions, start, days, today),
        calendar=calendar(sessions, start, days, today),
        pain_trend=pain_by_day(sessions),
        pain_days=pain_days(sessions),
        sessions=count,
        active_seconds=active,
        not_improving=not_improving(sessions),
    )


def pain_went_up(before: int, after: int) -> bool:
    """True when the back hurts PAIN_JUMP or more points more after a session than before."""
    return after - before >= PAIN_JUMP


def not_improving(sessions: list[SessionRow]) -> bool:
    """After TREND_DAYS days with sessions, pain before them has not come down.

    Compares the mean of the first and the last week of rated days; needs ratings on at least
    three days in each.
    """
    if len({s.day for s in sessions}) < TREND_DAYS:
        return False
    ratings = [value for _, value in pain_by_day(sessions)]
    if len(ratings) < TREND_MIN_RATINGS:
        return False
    week = min(TREND_WEEK, len(ratings) // 2)
    return statistics.fmean(ratings[-week:]) >= statistics.fmean(ratings[:week])


@dataclass(frozen=True)
class Offer:
    """One more rep, offered after two full sessions in a row without pain going up."""

    exercise_id: str
    name: str
    reps: int
    """The reps it would go up to."""


def offers(
    routine: Routine, recent_results: Callable[[str, int], Sequence[RecentResult]]
) -> list[Offer]:
    """The exercises ready for one more rep, given each one's latest finished sessions.

    `recent_results(exercise_id, count)` gives up to `count` of them, newest first. Ready means:
    the exercise has a goal it has not reached, and the last SESSIONS_IN_A_ROW sessions all did
    it fully at the current target, pain did not go up in any, and none of them already asked.
    """
    found = []
    for exercise in routine.exercises:
        if exercise.goal_reps is None or exercise.reps >= exercise.goal_reps:
            continue
        results = recent_results(exercise.id, SESSIONS_IN_A_ROW)
        ready = len(results) == SESSIONS_IN_A_ROW and all(
            result.outcome == "done"
            and result.reps == exercise.reps
            and not result.asked
            and not pain_rose(result.pain_before, result.pain_after)
            for result in results
        )
        if ready:
            found.append(Offer(exercise.id, exercise.name, exercise.reps + 1))
    return found


def pain_rose(before: int | None, after: int | None) -> bool:
    """The back hurt more after a session than before it, by any amount."""
    return before is not None and after is not None and after > before


def with_targets(routine: Routine, targets: dict[str, int]) -> Routine:
    """The routine with the reps the person has moved up to, never past the goal.

    The file wins where it asks for more, and an exercise whose goal was taken out of the file
    goes back to the file's reps.
    """
    exercises = tuple(
        replace(e, reps=max(e.reps, min(targets[e.id], e.goal_reps)))
        if e.id in targets and e.goal_reps is not None
        else e
        for e in routine.exercises
    )
    return replace(routine, exercises=exercises)
