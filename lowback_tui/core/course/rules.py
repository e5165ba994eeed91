"""The course: where the person is in it, how the back is doing, and when to offer one more rep.

Pure functions of a course's sessions, its first day, its planned length and today (a
`Course`, which the Trainer reads from the history in one place): the list's course line, the
progress screen (course_calendar), the course report and plain mode all come from them, so
none can disagree with another, and none depends on the routine chosen now.
Nothing here counts streaks or scolds: a missed day is shown as missed, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from lowback_tui.core.history.day_totals import Days, by_day
from lowback_tui.core.history.day_totals import share as share  # (where the course rules name it)

if TYPE_CHECKING:
    from lowback_tui.core.history.day_totals import Sessions

# The care thresholds. Their source is public guidance on low back pain, as summed up in
# ../shared/exercises.md; each is tested at its edge (tests/test_course.py, test_session_run.py).
PAIN_JUMP = 2
"""Points more pain straight after a session than before it that call for rest ("a rise of 2
or more points straight after exercise is a reason to ease off")."""
TREND_DAYS = 14
"""The day of the course (calendar days from its first day, which is day 1, sessions or not)
from which pain that has not come down suggests a professional ("if the back is no better after
about two weeks of the routine, see a doctor or physiotherapist"). The one meaning of "two
weeks" in lowback: see TREND_RULE."""
TREND_WEEK = 7
"""Days in a week of the course: week n is days 7n-6 to 7n (week 1 is days 1 to 7)."""
WEEK_MIN_RATINGS = 3
"""Fewest rated days (before sessions) a week of the course needs for its mean to be compared:
so that one odd day cannot decide the trend."""
TREND_MIN_RATINGS = 2 * WEEK_MIN_RATINGS
"""Fewest rated days to judge a trend by: WEEK_MIN_RATINGS in week 1 and in a later week."""
LATEST_RATINGS = 3
"""The latest rated days shown beside the week means, so a fall in the last days is seen."""
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
"""The share of its own routine's planned active time that a day's sessions must add up to for
the day to count as done: "most of the planned work" (issue 13), so doing only the last of seven
exercises is not a done day, and two halves of a session on one day are. Each session is judged
against the routine it used (issue 21): a whole gentle-start session on a bad day is a done day."""

BY_TREND_DAY = f"by day {TREND_DAYS} of your course"
"""When lowback expects the back to be better, in the words every text uses."""
TREND_RULE = (
    f"Day {TREND_DAYS} of the course is {TREND_DAYS - 1} calendar days after its first day, "
    "with sessions or without. From then on, pain before sessions that is still "
    f"{PAIN_WORTH_TREATING} or more and has not fallen by about {NOTICEABLE_FALL_POINTS} points "
    f"(or {round(NOTICEABLE_FALL_SHARE * 100)} %) from week 1 (days 1-{TREND_WEEK}) to the "
    f"latest later week, nor to the mean of your latest {LATEST_RATINGS} ratings, suggests "
    "seeing a doctor or physiotherapist; each of the two weeks needs your back rated before "
    f"sessions on at least {WEEK_MIN_RATINGS} of its days."
)
"""The two-week rule, stated once: the report says it, README says it in the same terms."""


def at_least(value: float, limit: float) -> bool:
    """`value` >= `limit`, where both are means of whole ratings (or sums of shares), which
    binary fractions cannot always hold exactly: 1.5 of 5 must count as 30 %."""
    return round(value - limit, 9) >= 0


class Course(NamedTuple):
    """What the course rules read, in the order they take it: `status(*course)`."""

    sessions: Sessions
    """Its sessions, or (as the Trainer reads them) their totals by day."""
    start: date
    days: int
    today: date


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

    @property
    def days_left(self) -> int:
        """Days of the course still to do: from today, or from tomorrow once today is done."""
        return max(self.days - self.day + (0 if self.done_today else 1), 0)

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


def done_days(sessions: Sessions) -> frozenset[date]:
    """The days whose sessions' shares of their own routines (`share`) add up to HALF."""
    days = by_day(sessions)
    found = days.memo.get("done")
    if found is None:
        found = days.memo["done"] = frozenset(t.day for t in days if at_least(t.share, HALF))
    return found


def in_course(sessions: Sessions, start: date, today: date) -> Days:
    """The course's days from its first day to today (a clock set back leaves later ones),
    each day's sessions added up."""
    return by_day(sessions).between(start, today)


def begun(start: date, today: date) -> bool:
    """The course that begins on `start` has begun by `today` (its first day is today or
    earlier). One that begins later was begun under a clock set wrong, or edited in by hand: it
    is shown as a course beginning today with nothing done yet (not "day 1" of a month to come),
    and the next session begins a course today (`HistoryStore.begin`), so that session counts."""
    return start <= today


def course_day(start: date, today: date) -> int:
    """Day N of the course: calendar days since it began, today included (never below 1)."""
    return max((today - start).days + 1, 1)


def status(sessions: Sessions, start: date, days: int, today: date) -> Status:
    """Where the person is in a course of `days` days that began on `start`: the one place the
    course's days are counted (the list, the progress screen, the report and plain mode).

    A day is done when its sessions add up to HALF of their routines (`done_days`); "this week"
    is the done days from Monday to today.
    """
    done = done_days(in_course(sessions, start, today))
    monday = today - timedelta(days=today.weekday())
    this_week = sum(1 for d in done if d >= monday)
    return Status(course_day(start, today), days, len(done), today in done, this_week)


def pain_went_up(before: int, after: int) -> bool:
    """True when the back hurts PAIN_JUMP or more points more after a session than before."""
    return after - before >= PAIN_JUMP
