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

    from lowback_tui.core.history_rows import RecentResult, SessionRow

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
PAIN_WORTH_TREATING = 3
"""The recent average (out of 10) from which pain that has not come down is worth seeing someone
about. Below it the pain is at most mild (exercises.md, "Pain scale": "1-3 is usually called
mild"), and low pain that stays low is never "not getting better"."""
NOTICEABLE_FALL_POINTS = 2
"""A fall of this many points or more counts as better (exercises.md, "Pain scale": "a fall of
about 2 points ... is the smallest change people notice as better", the minimal clinically
important difference)."""
NOTICEABLE_FALL_SHARE = 0.30
"""A fall of this share of the first week's pain or more counts as better too (exercises.md,
"Pain scale": "(or about 30 %)"): 5 to 3.5 is noticeable although it is only 1.5 points."""
NOTICEABLE_RISE_POINTS = 2
"""A rise of this many points between the first and the last week counts as worse: the same
smallest change people notice (exercises.md, "Pain scale"), the other way."""
HALF = 0.5
"""The share of a whole session's planned active time that a day's sessions must add up to for
the day to count as done: "most of the planned work" (issue 13), so doing only the last of seven
exercises is not a done day, and two halves of a session on one day are."""


def _at_least(value: float, limit: float) -> bool:
    """`value` >= `limit`, where both are means of whole ratings (or seconds), which binary
    fractions cannot always hold exactly: 1.5 of 5 must count as 30 %."""
    return round(value - limit, 9) >= 0


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
    """The course as the list screen tells it: "Day 9 of 21 · this week 3 of 7".

    `day` is the calendar day of the course (its first day is day 1, today counts), so it goes on
    past `days` when the course runs longer than planned; `completed_days` are the done days.
    """

    day: int
    days: int
    completed_days: int
    done_today: bool
    this_week: int

    @property
    def finished(self) -> bool:
        """The course's planned days are over (its last day counts once it is done)."""
        return self.day > self.days or (self.day == self.days and self.done_today)

    def __str__(self) -> str:
        today = " (done today)" if self.done_today else ""
        week = f"this week {self.this_week} of 7"
        if self.day > self.days:
            return (
                f"Day {self.day}{today}, past the course's {plural_days(self.days)} · "
                f"{plural_days(self.completed_days)} done · {week}"
            )
        return f"Day {self.day} of {self.days}{today} · {week}"


def plural_days(count: int) -> str:
    """A count of days: "1 day", "17 days"."""
    return f"{count} day{'' if count == 1 else 's'}"


def done_days(sessions: Sequence[SessionRow], planned_seconds: float) -> set[date]:
    """The days whose sessions together did at least HALF of a whole session's planned active
    time (`planned_seconds`; with none known, 0, any session makes its day)."""
    active: dict[date, float] = {}
    for session in sessions:
        active[session.day] = active.get(session.day, 0.0) + session.active_seconds
    return {day for day, seconds in active.items() if _at_least(seconds, HALF * planned_seconds)}


def _tried_days(sessions: Sequence[SessionRow]) -> set[date]:
    return {s.day for s in sessions if s.active_seconds > 0}


def course_day(start: date, today: date) -> int:
    """Day N of the course: calendar days since it began, today included (never below 1)."""
    return max((today - start).days + 1, 1)


def status(
    sessions: Sequence[SessionRow],
    start: date,
    days: int,
    today: date,
    planned_seconds: float = 0.0,
) -> Status:
    """Where the person is in a course of `days` days that began on `start`.

    A day is done when its sessions add up to HALF of `planned_seconds` (the active time one
    whole session of the routine plans); "this week" is the done days from Monday to today.
    """
    done = {d for d in done_days(sessions, planned_seconds) if start <= d <= today}
    monday = today - timedelta(days=today.weekday())
    this_week = sum(1 for d in done if d >= monday)
    return Status(course_day(start, today), days, len(done), today in done, this_week)


def calendar(
    sessions: Sequence[SessionRow],
    start: date,
    days: int,
    today: date,
    planned_seconds: float = 0.0,
) -> list[tuple[date, Mark]]:
    """Every day of the course with how it went: from `start` to its planned last day, or to
    today when the course has run past it (today is always there)."""
    done = done_days(sessions, planned_seconds)
    tried = _tried_days(sessions)
    last = max(start + timedelta(days=days - 1), today)
    marks = []
    for offset in range((last - start).days + 1):
        day = start + timedelta(days=offset)
        if day in done:
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


Week = tuple[tuple[date, Mark | None], ...]
"""Monday to Sunday, each day with its mark, or None for a day outside the course."""


def weeks(days: Sequence[tuple[date, Mark]]) -> list[Week]:
    """The calendar in Monday-to-Sunday rows, from the week the course began: the days before
    its first day and after its last are there, marked None."""
    if not days:
        return []
    marks = dict(days)
    first = days[0][0] - timedelta(days=days[0][0].weekday())
    rows = []
    while first <= days[-1][0]:
        week = [first + timedelta(days=offset) for offset in range(7)]
        rows.append(tuple((day, marks.get(day)) for day in week))
        first += timedelta(days=7)
    return rows


def pain_by_day(sessions: Sequence[SessionRow]) -> list[tuple[date, float]]:
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
    """Every day of the course from its first, with how it went (course.calendar)."""
    pain_trend: list[tuple[date, float]]
    """The mean rating before sessions of each rated day, oldest first."""
    pain_days: list[PainDay]
    """Each rated day's mean ratings before and after its sessions, oldest first (the chart)."""
    weeks: list[Week]
    """`calendar` in Monday-to-Sunday rows, None for the days outside the course."""
    sessions: int
    """Sessions in the whole history, this course or not."""
    active_seconds: float
    """Time spent holding or working, over the whole history."""
    not_improving: bool


def progress(
    sessions: list[SessionRow],
    start: date,
    days: int,
    today: date,
    totals: tuple[int, float],
    planned_seconds: float = 0.0,
) -> Progress:
    """The course that began on `start`, from its sessions, with the history's `totals`."""
    count, active = totals
    days_marked = calendar(sessions, start, days, today, planned_seconds)
    return Progress(
        status=status(sessions, start, days, today, planned_seconds),
        calendar=days_marked,
        pain_trend=pain_by_day(sessions),
        pain_days=pain_days(sessions),
        weeks=weeks(days_marked),
        sessions=count,
        active_seconds=active,
        not_improving=not_improving(sessions),
    )


def pain_went_up(before: int, after: int) -> bool:
    """True when the back hurts PAIN_JUMP or more points more after a session than before."""
    return after - before >= PAIN_JUMP


class Change(StrEnum):
    """How the pain before sessions moved from the first week to the last."""

    BETTER = "better"
    """Fell by the change people notice: NOTICEABLE_FALL_POINTS or NOTICEABLE_FALL_SHARE."""
    NO_CLEAR_CHANGE = "no clear change"
    WORSE = "worse"
    """Rose by NOTICEABLE_RISE_POINTS or more."""


def pain_ends(sessions: Sequence[SessionRow]) -> tuple[float, float] | None:
    """The mean rating before sessions over the first and over the last week of rated days.

    None with fewer than TREND_MIN_RATINGS rated days; with fewer than two weeks of them, each
    end is half of them.
    """
    ratings = [value for _, value in pain_by_day(sessions)]
    if len(ratings) < TREND_MIN_RATINGS:
        return None
    week = min(TREND_WEEK, len(ratings) // 2)
    return statistics.fmean(ratings[:week]), statistics.fmean(ratings[-week:])


def change(first: float, recent: float) -> Change:
    """How pain moved from `first` to `recent`, against the smallest change people notice."""
    fall = first - recent
    if fall > 0 and (
        _at_least(fall, NOTICEABLE_FALL_POINTS) or _at_least(fall, NOTICEABLE_FALL_SHARE * first)
    ):
        return Change.BETTER
    if _at_least(-fall, NOTICEABLE_RISE_POINTS):
        return Change.WORSE
    return Change.NO_CLEAR_CHANGE


def not_getting_better(first: float, recent: float) -> bool:
    """Pain worth treating (`recent` of PAIN_WORTH_TREATING or more) that has not fallen by the
    change people notice. Never true for low pain."""
    return _at_least(recent, PAIN_WORTH_TREATING) and change(first, recent) is not Change.BETTER


def not_improving(sessions: Sequence[SessionRow]) -> bool:
    """After TREND_DAYS days with sessions, pain before them is worth treating and has not come
    down by the change people notice (first week of rated days against the last)."""
    if len({s.day for s in sessions}) < TREND_DAYS:
        return False
    ends = pain_ends(sessions)
    return ends is not None and not_getting_better(*ends)


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
