"""The activities flow, once for every front end: what to ask about them before a session, keeping
the answer, changing them later (the progress screen), and their ratings by week and how they
moved (the progress screen and the course report). The Trainer holds one (`trainer.activities`).

The rules are course/activities.py's (the Patient-Specific Functional Scale's method); the
storing is the history's (`activity_rows`). Skipping is always allowed and keeps nothing. The
names and ratings are private like the pain ratings: never logged, never in a notification.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lowback_tui.core.course.activities import Moved
    from lowback_tui.core.course.report_activities import ActivitiesReport
    from lowback_tui.core.history.activity_rows import CourseActivities
    from lowback_tui.core.history.store import HistoryStore
    from lowback_tui.core.settings import Preferences


@dataclass(frozen=True)
class ActivityQuestion:
    """What to ask about the activities: to name up to three and rate each (`naming`), or to rate
    the ones named (`names`) again, for course week `week`. `ratings`: this week's, when some were
    given (changing them from the progress screen), in the order of `names`."""

    naming: bool
    names: tuple[str, ...]
    week: int
    ratings: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class ActivityAnswer:
    """The activities as answered: their names (as typed) and a 0-10 rating of each."""

    names: tuple[str, ...]
    ratings: tuple[int | None, ...]


class ActivityLog:
    """One person's activities in the current course (see the module's docstring)."""

    def __init__(
        self,
        store: Callable[[], HistoryStore | None],
        now: Callable[[], datetime],
        preferences: Callable[[], Preferences] | None = None,
    ):
        self._store = store
        self._now = now
        self._preferences = preferences
        """Where a skip is remembered (settings' `activities_skipped`); None: not remembered."""

    def _current(self) -> tuple[HistoryStore, CourseActivities | None, date] | None:
        """The store (when it keeps what it is given), the current course's activities (None: no
        course begun yet, so the next session begins one today), and today."""
        from lowback_tui.core.course.rules import begun

        store = self._store()
        if store is None or not store.saving:
            return None
        today = self._now().date()
        found = store.course_activities()
        if found is not None and not begun(found.started_on, today):
            found = None
        return store, found, today

    def to_ask(self) -> ActivityQuestion | None:
        """What to ask before today's session (`course/activities.to_ask`); None: nothing (or the
        history is not being kept, so an answer would be lost)."""
        from lowback_tui.core.course.activities import Ask, course_week, to_ask

        current = self._current()
        if current is None:
            return None
        _, found, today = current
        start = found.started_on if found is not None else today
        names = _names(found)
        rated = {rating.week for rating in found.ratings} if found is not None else set()
        ask = to_ask(start, today, names, rated)
        week = course_week(start, today)
        if ask is Ask.NOTHING or self._skipped() == _week_key(start, week):
            return None
        return ActivityQuestion(ask is Ask.NAME_AND_RATE, names, week)

    def skip(self) -> None:
        """The question was skipped: not asked again in this course week (the next week's first
        session asks again). Said before the session begins its course, so a course not begun
        yet is today's."""
        from lowback_tui.core.course.activities import course_week

        current = self._current()
        if current is None or self._preferences is None:
            return
        _, found, today = current
        start = found.started_on if found is not None else today
        self._preferences().change(activities_skipped=_week_key(start, course_week(start, today)))

    def _skipped(self) -> str:
        return self._preferences().settings.activities_skipped if self._preferences else ""

    def to_change(self) -> ActivityQuestion | None:
        """The activities as they are, with this week's ratings, to rename or rate again (the
        progress screen); None before a course has begun, or while nothing is kept."""
        from lowback_tui.core.course.activities import course_week

        current = self._current()
        if current is None or current[1] is None:
            return None
        found, today = current[1], current[2]
        week = course_week(found.started_on, today)
        this_week = {r.position: r.rating for r in found.ratings if r.week == week}
        places = sorted(found.names)
        return ActivityQuestion(
            True, _names(found), week, tuple(this_week.get(at) for at in places)
        )

    def record(self, answer: ActivityAnswer) -> str | None:
        """Keep the activities as answered, rated in this course week (after the session began,
        so its course is there); what is wrong with them in a few words (nothing kept then)."""
        from lowback_tui.core.course.activities import clean_name, course_week

        wrong = answer_problem(answer)
        if wrong is not None:
            return wrong
        names = tuple(clean_name(name) for name in answer.names)
        current = self._current()
        if current is None or current[1] is None:
            return None  # nothing kept, nothing to tell: the history says why itself
        store, found, today = current[0], current[1], current[2]
        week = course_week(found.started_on, today)
        store.keep_activities(found.course_id, names, week, today, answer.ratings)
        return None

    def weeks(self) -> ActivitiesReport | None:
        """The current course's activities by week (the progress screen's table, the report's
        section); None when none are named."""
        from lowback_tui.core.course.report_activities import activities_report

        current = self._current()
        found = current[1] if current is not None else None
        if found is None or not found.names:
            return None
        places = sorted(found.names)
        weeks = tuple(sorted({rating.week for rating in found.ratings}))
        given = {(r.position, r.week): r.rating for r in found.ratings}
        rows = tuple(tuple(given.get((at, week)) for week in weeks) for at in places)
        return activities_report(_names(found), weeks, rows)

    def moved(self) -> list[Moved]:
        """Each activity's first and latest rating and their mean's (`course/activities.moved`);
        [] with fewer than two weeks rated."""
        table = self.weeks()
        return [] if table is None else table.moved()


def _week_key(start: date, week: int) -> str:
    """A course week as settings keep it: "2026-12-01 week 1"."""
    return f"{start.isoformat()} week {week}"


def _names(found: CourseActivities | None) -> tuple[str, ...]:
    """The names in place order, made safe to show (a hand edit may have put anything there)."""
    if found is None:
        return ()
    from lowback_tui.core.course.activities import clean_name

    return tuple(clean_name(found.names[at]) for at in sorted(found.names))


def answer_problem(answer: ActivityAnswer) -> str | None:
    """What is wrong with `answer` (`course/activities.problem`, on its names as they will be
    kept); None when it can be kept."""
    from lowback_tui.core.course.activities import clean_name, problem

    return problem([clean_name(name) for name in answer.names], answer.ratings)


def answer_of(names: Sequence[str], ratings: Sequence[int | None]) -> ActivityAnswer:
    """An answer of the rows a front end read, those with no name and no rating left out."""
    kept = [(n, r) for n, r in zip(names, ratings, strict=True) if n.strip() or r is not None]
    return ActivityAnswer(tuple(n for n, _ in kept), tuple(r for _, r in kept))
