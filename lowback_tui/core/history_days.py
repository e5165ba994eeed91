"""The current course's days as the history adds them up: a row a day, summed in SQL.

What the course rules read of a course (`course.by_day`'s `DayTotals`), without reading its
sessions one by one: a course of a year is 365 rows, and a history of 100,000 sessions costs
what its current course's days cost. Only the days asked for are read (a WHERE on the day),
and only rows that mean what the schema means are added up: a session with a day that is not
a date, a rating outside 0 to 10, or a time that is not a finite number of seconds from 0 to
MOST_SECONDS (its own or one of its exercises') is left out, as reading it one by one leaves it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lowback_tui.core.day_totals import Days
from lowback_tui.core.history_rows import DayTotals

if TYPE_CHECKING:
    from lowback_tui.core.history_store import HistoryStore

MOST_SECONDS = 86_400.0
"""The longest time a session or an exercise could have taken (a day): more is a hand edit."""

_SECONDS_OK = f"BETWEEN 0 AND {MOST_SECONDS}"  # false for NULL, NaN (kept as NULL) and ±inf
_RATING_OK = "{0} IS NULL OR (typeof({0}) = 'integer' AND {0} BETWEEN 0 AND 10)"
_SESSION_OK = (
    "s.day = date(s.day)"  # a real date, written as lowback writes one
    f" AND ({_RATING_OK.format('s.pain_before')}) AND ({_RATING_OK.format('s.pain_after')})"
    f" AND (s.planned_seconds IS NULL OR s.planned_seconds {_SECONDS_OK})"
    " AND s.stopped_for_pain IN (0, 1)"
)
_EXERCISE_OK = (
    f"e.session_id IS NULL OR (e.active_seconds {_SECONDS_OK}"
    " AND typeof(e.efforts_done) = 'integer' AND e.efforts_done >= 0"
    " AND typeof(e.efforts_planned) = 'integer' AND e.efforts_planned >= 0)"
)

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
        TOTAL(e.efforts_planned) AS efforts_planned, MIN({_EXERCISE_OK}) AS readable
    FROM sessions s LEFT JOIN exercises e ON e.session_id = s.id
    WHERE s.day BETWEEN ? AND ? AND {_SESSION_OK}
    GROUP BY s.id
)
WHERE readable
GROUP BY day ORDER BY day
"""
"""Each day's totals from the first day asked for to the last, oldest first."""


def course_days(store: HistoryStore, first: date, last: date) -> Days:
    """The totals of each day with a session from `first` to `last`, oldest first."""
    rows = store._read(COURSE_DAYS, (first.isoformat(), last.isoformat()))
    return Days(
        DayTotals(date.fromisoformat(day), share, sessions, active, bool(stopped),
                  int(before), before_count, int(after), after_count)
        for day, share, sessions, active, stopped, before, before_count, after, after_count
        in rows
    )  # fmt: skip


def changes(store: HistoryStore) -> tuple[int, int] | None:
    """Something that differs after any change to the history, by this lowback or another
    (None when it is not open): what is read from it is the same as long as this is."""
    db = store._db
    if db is None:
        return None
    rows = store._read("PRAGMA data_version")
    return (db.total_changes, rows[0][0]) if rows else None


def current_course(store: HistoryStore) -> tuple[date | None, int | None] | None:
    """The current course's first day and planned length, without its sessions; None before
    one has begun. A first day that is not a date reads as None: a course not begun (a hand
    edit), as one dated after today is (`course.begun`); a length that is not a whole number of
    days from 1 to 3,650 reads as None, as for a course kept before lowback stored it."""
    rows = store._read("SELECT started_on, days FROM courses ORDER BY id DESC LIMIT 1")
    if not rows:
        return None
    started_on, days = rows[0]
    try:
        start: date | None = date.fromisoformat(started_on)
    except (TypeError, ValueError):
        start = None
    if not isinstance(days, int) or not 1 <= days <= 3650:
        days = None
    return start, days
