"""The current course's days as the history adds them up: a row a day, summed in SQL.

What the course rules read of a course (`course.by_day`'s `DayTotals`), without reading its
sessions one by one: a course of a year is 365 rows, and a history of 100,000 sessions costs
what its current course's days cost. Only the days asked for are read (a WHERE on the day),
and only rows that mean what the schema means are added up (`history_checks.GOOD_SESSION`,
`GOOD_EXERCISE`): what reading the sessions one by one leaves out is left out here too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lowback_tui.core.history.checks import GOOD_EXERCISE, GOOD_SESSION
from lowback_tui.core.history.day_totals import Days
from lowback_tui.core.history.rows import DayTotals

if TYPE_CHECKING:
    from lowback_tui.core.history.store import HistoryStore

# A session's share of its own routine, as course.share has it: its active time against the
# planned active time of its routine, or, kept before that was stored, its efforts.
_SHARE = (
    "CASE WHEN planned THEN MIN(active / planned, 1.0)"
    " WHEN efforts_planned THEN MIN(efforts_done / efforts_planned, 1.0) ELSE 0.0 END"
)

COURSE_DAYS = f"""
SELECT day, TOTAL({_SHARE}), COUNT(CASE WHEN active > 0 THEN 1 END), TOTAL(active),
    MAX(stopped), TOTAL(pain_before), COUNT(pain_before), TOTAL(pain_after), COUNT(pain_after)
FROM (
    SELECT s.day AS day, s.planned_seconds AS planned, s.stopped_for_pain AS stopped,
        s.pain_before AS pain_before, s.pain_after AS pain_after,
        TOTAL(e.active_seconds) AS active, TOTAL(e.efforts_done) AS efforts_done,
        TOTAL(e.efforts_planned) AS efforts_planned
    FROM sessions s LEFT JOIN exercises e ON e.session_id = s.id AND {GOOD_EXERCISE}
    WHERE s.day BETWEEN ? AND ? AND {GOOD_SESSION}
    GROUP BY s.id
)
GROUP BY day ORDER BY day
"""
"""Each day's totals from the first day asked for to the last, oldest first."""


def course_days(store: HistoryStore, first: date, last: date) -> Days:
    """The totals of each day with a session from `first` to `last`, oldest first."""
    rows = store.read(COURSE_DAYS, (first.isoformat(), last.isoformat()))
    return Days(
        DayTotals(date.fromisoformat(day), share, sessions, active, bool(stopped),
                  int(before), before_count, int(after), after_count)
        for day, share, sessions, active, stopped, before, before_count, after, after_count
        in rows
    )  # fmt: skip
