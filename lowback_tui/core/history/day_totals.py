"""A course's sessions added up by day: what the course rules read of a day.

`by_day` makes them from stored sessions (`SessionRow`s); `history_days.course_days` sums them
in SQL, a row a day. Either way the rules (course.py) see the same `Days`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from lowback_tui.core.history.rows import DayTotals, SessionRow

Sessions = Sequence[SessionRow] | Sequence[DayTotals]
"""A course's sessions, or their totals by day (the history adds them up in SQL): every rule
reads a day's sessions only through `by_day`, so either gives the same answers."""


def share(session: SessionRow) -> float:
    """How much of its own routine a session did, 0 to 1: its active time against the planned
    active time of one whole session of the routine it used.

    A session kept before lowback stored that plan (history migration 3) counts by the share
    of the holds and efforts its exercises planned that it did. That, and a course kept without
    its length (the Trainer's fallback), are the only places the routine in use can matter.
    """
    if session.planned_seconds:  # None: kept before it was stored (0 never: no routine is empty)
        return min(session.active_seconds / session.planned_seconds, 1.0)
    if session.efforts_planned:
        return min(session.efforts_done / session.efforts_planned, 1.0)
    return 0.0


class Days(list[DayTotals]):
    """Totals a day, one a day, oldest first (as `by_day` and `history_days.course_days` make
    them): read as they are, never added up again. Never changed once made."""

    memo: dict[object, Any]
    """What the course rules found in these days, by what they asked (`course.done_days`, ...),
    so that a course of years is gone through once, not once for each figure shown."""

    def __init__(self, days: Iterable[DayTotals] = ()) -> None:
        super().__init__(days)
        self.memo = {}

    def between(self, first: date, last: date) -> Days:
        """The days from `first` to `last`: these days themselves when they are all in it."""
        if not self or (first <= self[0].day and self[-1].day <= last):
            return self
        days = [totals.day for totals in self]
        return Days(self[bisect_left(days, first) : bisect_right(days, last)])


def by_day(sessions: Sessions) -> Days:
    """Sessions added up by day (`DayTotals`), oldest first."""
    if isinstance(sessions, Days):
        return sessions
    days: dict[date, DayTotals] = {}
    for session in sessions:
        totals = session if isinstance(session, DayTotals) else _totals(session)
        found = days.get(totals.day)
        days[totals.day] = totals if found is None else _added(found, totals)
    return Days(days[day] for day in sorted(days))


def _totals(session: SessionRow) -> DayTotals:
    before, after = session.pain_before, session.pain_after
    return DayTotals(
        session.day, share(session), int(session.active_seconds > 0), session.active_seconds,
        session.stopped_for_pain, before or 0, int(before is not None), after or 0,
        int(after is not None),
    )  # fmt: skip


def _added(a: DayTotals, b: DayTotals) -> DayTotals:
    return DayTotals(
        a.day, a.share + b.share, a.sessions + b.sessions, a.active_seconds + b.active_seconds,
        a.stopped or b.stopped, a.before_sum + b.before_sum, a.before_count + b.before_count,
        a.after_sum + b.after_sum, a.after_count + b.after_count,
    )  # fmt: skip
