"""The course as a calendar: how each of its days went, in Monday-to-Sunday weeks, and the
progress screen's whole picture of the course (`Progress`). Built on course.py's model of a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from lowback_tui.core.course.pain_days import PainDay, pain_days
from lowback_tui.core.course.rules import Status, done_days, in_course, status
from lowback_tui.core.course.trend import PainTrend, not_improving, pain_trend

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lowback_tui.core.history.day_totals import Sessions

SHOWN_WEEKS = 52
"""The most weeks of a course the progress screen's calendar and chart show: the latest, in a
course that has gone on for more than a year. A course begun years ago (never begun again with
c) is a screen to read, not thousands of weeks of one; its figures still count every day."""


class Mark(StrEnum):
    """How a day of the course went."""

    DONE = "done"
    STOPPED = "stopped: it hurt"
    """Not done, and a session of the day was stopped with `!`."""
    PARTIAL = "partial"
    MISSED = "missed"
    TODAY = "today"
    AHEAD = "ahead"


def calendar(
    sessions: Sessions, start: date, days: int, today: date, since: date | None = None
) -> list[tuple[date, Mark]]:
    """Every day of the course with how it went, from `start` (or `since`, if later) to its
    planned last day; after that only the days with something done (or stopped) and today,
    since a day after the course's end is not a missed day of it."""
    first = max(start, since or start)
    totals = in_course(sessions, first, today)
    done = done_days(totals)
    stopped = {t.day for t in totals if t.stopped}
    tried = {t.day for t in totals if t.sessions}
    end = start + timedelta(days=days - 1)
    marks = []
    last = max(end, today)
    for offset in range((last - first).days + 1):  # pragma: no mutate (later ones: left out)
        day = first + timedelta(days=offset)
        if day in done:
            mark = Mark.DONE
        elif day in stopped:
            mark = Mark.STOPPED
        elif day in tried:
            mark = Mark.PARTIAL
        elif day > end and day != today:
            continue  # after the course's end: outside it
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


@dataclass(frozen=True)
class Progress:
    """The course so far: its days, the pain before sessions, and the time spent."""

    status: Status
    calendar: list[tuple[date, Mark]]
    """The course's days from its first, with how it went (course.calendar)."""
    trend: PainTrend
    """Week 1's pain before sessions against a later week's, and the latest ratings."""
    pain_days: list[PainDay]
    """Each rated day's mean ratings before and after its sessions, oldest first (the chart)."""
    weeks: list[Week]
    """`calendar` in Monday-to-Sunday rows, None for the days outside the course."""
    sessions: int
    """Sessions in the whole history, this course or not."""
    active_seconds: float
    """Time spent holding or working, over the whole history."""
    not_improving: bool
    since: date | None = None
    """The first day `calendar` and `pain_days` show when the course has gone on for more than
    SHOWN_WEEKS weeks (a Monday: they show its latest weeks); None when they show all of it."""


def shown_from(start: date, days: int, today: date) -> date | None:
    """The Monday the progress screen's calendar and chart begin on, when the course's weeks
    are more than SHOWN_WEEKS (None: they begin with the course)."""
    last = max(start + timedelta(days=days - 1), today)
    monday = last - timedelta(days=last.weekday())
    since = monday - timedelta(weeks=SHOWN_WEEKS - 1)
    return since if since > start else None


def progress(
    sessions: Sessions, start: date, days: int, today: date, totals: tuple[int, float]
) -> Progress:
    """The course that began on `start`, from its sessions, with the history's `totals`."""
    count, active = totals
    since = shown_from(start, days, today)
    days_marked = calendar(sessions, start, days, today, since)
    return Progress(
        status=status(sessions, start, days, today),
        calendar=days_marked,
        trend=pain_trend(sessions, start, today),
        pain_days=pain_days(in_course(sessions, since or start, today)),
        weeks=weeks(days_marked),
        sessions=count,
        active_seconds=active,
        not_improving=not_improving(sessions, start, today),
        since=since,
    )
