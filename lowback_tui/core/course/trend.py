"""How the back is doing over the course: the pain rated before sessions, a calendar week at a
time (week 1 against the latest later week rated on enough days, and the latest ratings), the
change people notice, and TREND_RULE, "not getting better" from day TREND_DAYS.

The thresholds, each with its source, are in `rules.py`; each is tested at its edge
(tests/test_course_trend.py).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from lowback_tui.core.course.rules import (
    LATEST_RATINGS,
    NOTICEABLE_FALL_POINTS,
    NOTICEABLE_FALL_SHARE,
    NOTICEABLE_RISE_POINTS,
    PAIN_WORTH_TREATING,
    TREND_DAYS,
    TREND_WEEK,
    WEEK_MIN_RATINGS,
    at_least,
    course_day,
    in_course,
)
from lowback_tui.core.history.day_totals import by_day

if TYPE_CHECKING:
    from lowback_tui.core.history.day_totals import Sessions


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
        at_least(fall, NOTICEABLE_FALL_POINTS) or at_least(fall, NOTICEABLE_FALL_SHARE * first)
    ):
        return Change.BETTER
    if at_least(-fall, NOTICEABLE_RISE_POINTS):
        return Change.WORSE
    return Change.NO_CLEAR_CHANGE


def not_getting_better(first: float, recent: float) -> bool:
    """Pain worth treating (`recent` of PAIN_WORTH_TREATING or more) that has not fallen by the
    change people notice. Never true for low pain."""
    return at_least(recent, PAIN_WORTH_TREATING) and change(first, recent) is not Change.BETTER


def not_improving(sessions: Sessions, start: date, today: date) -> bool:
    """TREND_RULE: from day TREND_DAYS of the course on, pain before sessions is worth treating
    and has not come down by the change people notice from week 1 to the latest later week, nor
    to the latest ratings (`PainTrend.falling_lately`)."""
    if course_day(start, today) < TREND_DAYS:
        return False
    trend = pain_trend(sessions, start, today)
    return trend.ends is not None and not trend.falling_lately and not_getting_better(*trend.ends)
