"""The course: where the person is in it, how the back is doing, and when to offer one more rep.

Pure functions of a course's sessions, its first day, its planned length and today (a
`Course`, which the Trainer reads from the history in one place): the list's course line, the
progress screen (course_calendar), the course report and plain mode all come from them, so
none can disagree with another, and none depends on the routine chosen now.
Nothing here counts streaks or scolds: a missed day is shown as missed, nothing more.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from lowback_tui.core.day_totals import Days, by_day
from lowback_tui.core.day_totals import share as share  # (where the course rules name it)
from lowback_tui.core.routine import Routine

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from lowback_tui.core.day_totals import Sessions
    from lowback_tui.core.history_rows import RecentResult

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


def _at_least(value: float, limit: float) -> bool:
    """`value` >= `limit`, where both are means of whole ratings (or sums of shares), which
    binary fractions cannot always hold exactly: 1.5 of 5 must count as 30 %."""
    return round(value - limit, 9) >= 0


SESSIONS_IN_A_ROW = 2
"""Full sessions in a row, without more pain, after which one more rep is offered."""


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
        found = days.memo["done"] = frozenset(t.day for t in days if _at_least(t.share, HALF))
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


def pain_by_day(sessions: Sessions) -> list[tuple[date, float]]:
    """The mean "before" rating of each day that has one, oldest first."""
    days = by_day(sessions)
    found = days.memo.get("rated")
    if found is None:
        # The sum of whole ratings over their count: statistics.fmean of them, to the last bit.
        found = days.memo["rated"] = [
            (t.day, t.before_sum / t.before_count) for t in days if t.before_count
        ]
    return found


@dataclass(frozen=True)
class WeekPain:
    """The pain before sessions over week `week` of the course (days 7n-6 to 7n)."""

    week: int
    ratings: tuple[float, ...]
    """Each rated day's mean rating, oldest first."""
    through: int
    """The week's last day that has come: 7n, or today's day while the week is not over."""

    @property
    def first_day(self) -> int:
        """The course day the week begins on."""
        return TREND_WEEK * (self.week - 1) + 1

    @property
    def over(self) -> bool:
        """All of the week's days have come."""
        return self.through >= TREND_WEEK * self.week

    @property
    def enough(self) -> bool:
        """Rated on WEEK_MIN_RATINGS days or more: its mean can be compared."""
        return len(self.ratings) >= WEEK_MIN_RATINGS

    @property
    def mean(self) -> float | None:
        """The mean of its rated days; None with none."""
        return statistics.fmean(self.ratings) if self.ratings else None

    @property
    def label(self) -> str:
        """Its words: "week 3, days 15-21", or "week 3 so far, days 15-17" ("day 15")."""
        so_far = "" if self.over else " so far"
        if self.through == self.first_day:
            return f"week {self.week}{so_far}, day {self.first_day}"
        return f"week {self.week}{so_far}, days {self.first_day}-{self.through}"


@dataclass(frozen=True)
class PainTrend:
    """The pain before sessions at the start of the course and later, as compared."""

    first: WeekPain
    """Week 1, however few its ratings."""
    last: WeekPain | None
    """The latest later week with WEEK_MIN_RATINGS rated days; None before there is one."""
    latest: tuple[tuple[date, float], ...]
    """The last LATEST_RATINGS rated days with their mean ratings, oldest first."""
    current: WeekPain
    """The week today is in."""
    lately: float | None = None
    """The mean of `latest` when there are LATEST_RATINGS of them and all are after week 1;
    else None. A fall that a week's mean still hides (pain falling day by day) shows here."""

    @property
    def ends(self) -> tuple[float, float] | None:
        """The two week means compared: week 1's and the later week's; None with too few."""
        first, last = self.first.mean, self.last.mean if self.last is not None else None
        if not self.first.enough or first is None or last is None:
            return None
        return first, last

    @property
    def falling_lately(self) -> bool:
        """The week means show no noticeable change, but the latest ratings have fallen from
        week 1's by the change people notice: the week's mean lags a steady fall."""
        ends = self.ends
        if ends is None or self.lately is None or change(*ends) is not Change.NO_CLEAR_CHANGE:
            return False
        return change(ends[0], self.lately) is Change.BETTER

    @property
    def change(self) -> Change | None:
        """How the pain moved from week 1 to the later week (or, where the week's mean hides a
        fall, to the latest ratings), against the change people notice; None with too few
        ratings. A rise of the week's mean is never outweighed by the latest days."""
        ends = self.ends
        if ends is None:
            return None
        return Change.BETTER if self.falling_lately else change(*ends)


def pain_trend(sessions: Sessions, start: date, today: date) -> PainTrend:
    """Week 1 of the course against the latest later week rated on WEEK_MIN_RATINGS days: whole
    calendar weeks of the course, never the same week twice, never drifting as days are added."""
    days = in_course(sessions, start, today)
    found = days.memo.get(("trend", start, today))
    if found is None:
        found = days.memo["trend", start, today] = _pain_trend(pain_by_day(days), start, today)
    return found


def _pain_trend(rated: list[tuple[date, float]], start: date, today: date) -> PainTrend:
    by_week: dict[int, list[float]] = {}
    for day, value in rated:
        by_week.setdefault((day - start).days // TREND_WEEK + 1, []).append(value)
    now = course_day(start, today)

    def week(number: int) -> WeekPain:
        return WeekPain(number, tuple(by_week.get(number, ())), min(TREND_WEEK * number, now))

    later = [n for n, values in by_week.items() if n > 1 and len(values) >= WEEK_MIN_RATINGS]
    last = week(max(later)) if later else None
    current = week((now - 1) // TREND_WEEK + 1)
    latest = tuple(rated[-LATEST_RATINGS:])
    after_week_1 = start + timedelta(days=TREND_WEEK)
    lately = (
        statistics.fmean(value for _, value in latest)
        if len(latest) == LATEST_RATINGS and latest[0][0] >= after_week_1
        else None
    )
    return PainTrend(week(1), last, latest, current, lately)


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


def not_improving(sessions: Sessions, start: date, today: date) -> bool:
    """TREND_RULE: from day TREND_DAYS of the course on, pain before sessions is worth treating
    and has not come down by the change people notice from week 1 to the latest later week, nor
    to the latest ratings (`PainTrend.falling_lately`)."""
    if course_day(start, today) < TREND_DAYS:
        return False
    trend = pain_trend(sessions, start, today)
    return trend.ends is not None and not trend.falling_lately and not_getting_better(*trend.ends)


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
