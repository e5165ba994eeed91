"""The course as the Trainer tells it: Day N and the week, the progress screen, the report (and
when it is due), the daily reminder, a rest day and a new course. A part of the Trainer
(`Trainer` is a `TrainerCourse`), on its history, clock, settings and routine in use; the
course rules themselves are `course/`'s, read here from the history in one place (`_course`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lowback_tui.core.activity_log import ActivityLog
    from lowback_tui.core.course.calendar import Progress
    from lowback_tui.core.course.report import CourseReport
    from lowback_tui.core.course.rules import Course, Status
    from lowback_tui.core.history.store import HistoryStore, Now
    from lowback_tui.core.routine.in_use import RoutineInUse
    from lowback_tui.core.routine.model import Routine
    from lowback_tui.core.settings import Preferences


class TrainerCourse:
    """The course's part of the Trainer (a mixin: the Trainer holds what it reads)."""

    _store: HistoryStore | None
    _in_use: RoutineInUse
    _course_read: tuple[object, Course | None] | None
    now: Now
    preferences: Preferences
    activities: ActivityLog
    routine_today: Callable[[], Routine]

    def _course(self) -> Course | None:
        """The current course as the rules read it: the one place they are read from the
        history. None before the first session, and while the history is shut.

        The course's length is the one stored when it began; only a course begun before lowback
        stored it (history migration 3) takes the routine in use's `course_days`. A course whose
        first day is after today (`course.begun`) is read as the course the next session begins:
        today, as long as the routine in use plans, nothing done.
        """
        store = self._store
        if store is None:
            return None
        read = self._read_course(store)
        if read is None:
            return None
        return read._replace(days=read.days or self._in_use.routine.course_days)

    def _read_course(self, store: HistoryStore) -> Course | None:
        """The current course as read from `store` (its length 0 where the routine in use's is
        to be taken), read again only once the history or the date has changed."""
        from lowback_tui.core.course.rules import Course, begun
        from lowback_tui.core.history.days import course_days

        today = self.now().date()
        key = (store.version(), today)
        if self._course_read is not None and self._course_read[0] == key:
            return self._course_read[1]
        found = store.latest_course()
        read = None
        if found is not None:
            start, days = found
            if not begun(start, today):  # the next session begins one today
                read = Course([], today, 0, today)
            else:
                read = Course(course_days(store, start, today), start, days or 0, today)
        self._course_read = (key, read)
        return read

    def course_status(self) -> Status | None:
        """Where the person is in the course (before the first session: day 1 of the course it
        would begin, as long as the routine in use plans); None until the history is open."""
        if self._store is None:
            return None
        return self._status()

    def _status(self) -> Status:
        from lowback_tui.core.course.rules import Course, status

        today = self.now().date()
        return status(
            *(self._course() or Course([], today, self._in_use.routine.course_days, today))
        )

    def reminder(self) -> str | None:
        """What the daily reminder says now, or None when it stays quiet (`course/reminder.py`:
        today's day is done, or a rest day was chosen today). Reads the history as it is (with
        none, nothing is done yet)."""
        from lowback_tui.core.course.reminder import reminder
        from lowback_tui.core.routine.plan import total_seconds

        store = self._store
        rested = store is not None and store.rested_on(self.now().date())
        return reminder(self._status(), rested, total_seconds(self.routine_today()))

    def rest_today(self) -> None:
        """The person chose a rest day: kept, so the daily reminder stays quiet today."""
        if self._store is not None:
            self._store.rest(self.now().date())

    def progress(self) -> Progress | None:
        """The course so far; None before the first session (or while the history is shut)."""
        facts = self._course()
        if facts is None or self._store is None:
            return None
        from lowback_tui.core.course.calendar import progress

        return progress(*facts, self._store.totals())

    def course_report(self) -> CourseReport | None:
        """The course so far in words (``lines()``) or Markdown (``markdown()``): sessions, days
        done, time, pain at the start and lately, the honest next step, and the activities
        named, if any. None before the first session (or while the history is shut)."""
        facts = self._course()
        if facts is None:
            return None
        from lowback_tui.core.course.report import course_report

        return course_report(*facts, activities=self.activities.weeks())

    def report_due(self) -> CourseReport | None:
        """The course report, once, when the course has reached its last day (the app shows it
        after that day's session); None otherwise, and once it has been shown."""
        report = self.course_report()
        if report is None or report.day < report.days:
            return None
        if self.preferences.settings.report_shown == report.start.isoformat():
            return None
        self.preferences.change(report_shown=report.start.isoformat())
        return report

    def new_course(self) -> None:
        """Begin a new course today, as long as the routine in use plans; every past session
        stays in the history."""
        if self._store is not None:
            self._store.new_course(self.now().date(), self._in_use.routine.course_days)
