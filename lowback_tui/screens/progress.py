"""The course so far: a calendar of its days, a chart of the pain, the time spent, and the
person's own activities rated by week (`a` changes them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from lowback_tui.core import wording
from lowback_tui.core.activity_log import ActivityAnswer
from lowback_tui.core.course import advice
from lowback_tui.core.course.calendar import SHOWN_WEEKS, Mark, Progress, Week
from lowback_tui.widgets.keys_footer import KeysFooter
from lowback_tui.widgets.pain_chart import PainChart, words

if TYPE_CHECKING:
    from lowback_tui.core.activity_log import ActivityLog
    from lowback_tui.core.course.report import CourseReport
    from lowback_tui.core.course.report_activities import ActivitiesReport

COMPACT_BELOW = 56
"""The footer's keys (back, report, activities, keys, palette) need 56 columns with their usual
spaces."""

MARKS = {
    Mark.DONE: ("●", "$text-success"),
    Mark.STOPPED: ("!", "$text-error"),
    Mark.PARTIAL: ("◐", "$text-warning"),
    Mark.MISSED: ("·", "dim"),
    Mark.TODAY: ("◌", "$text-accent"),
    Mark.AHEAD: ("○", "dim"),
}
"""Each mark has its own shape, so the calendar reads without colour too."""


class ProgressScreen(Screen[None]):
    """How the course is going; Esc goes back."""

    CSS_PATH = ["../styles/notes.tcss", "../styles/progress.tcss"]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,g", "app.pop_screen", "Back", id="progress.back"),
        Binding(
            "r",
            "report",
            "Report",
            tooltip="The course report: what it did, and next",
            id="progress.report",
        ),
        Binding(
            "a",
            "activities",
            "Activities",
            tooltip="Name your activities, or rate them again this week",
            id="progress.activities",
        ),
    ]

    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]  # noqa: RUF012
    """A taller chart where the terminal has the rows."""

    def __init__(
        self,
        progress: Progress | None,
        report: CourseReport | None = None,
        activities: ActivityLog | None = None,
    ) -> None:
        super().__init__()
        self.progress = progress
        """The course so far; None before the first session."""
        self.report = report
        """The course report (`r`); None before the first session."""
        self.activities = activities
        """The course's activities (`a`, and the table by week); None: not kept here."""
        self._changeable = False
        """Whether there is a course whose activities `a` can change (asked once, at compose)."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress-body"):
            yield Label("Your course", id="progress-title")
            if self.progress is None:
                yield Static("No sessions yet. Your course begins with your first session.")
            else:
                yield from self._course(self.progress)
        yield KeysFooter()  # before the first session too (its Back was missing)

    def _course(self, progress: Progress) -> ComposeResult:
        """The course's status, calendar, time, activities and pain."""
        yield Static(str(progress.status), id="progress-status")
        if progress.since is not None:
            yield Static(
                f"Its latest {SHOWN_WEEKS} weeks, from {progress.since:%-d %B %Y}:",
                id="progress-since",
            )
        yield Static(self._calendar(progress.weeks), id="progress-calendar")
        yield Static(
            Content.assemble(*(part for mark, (shape, style) in MARKS.items()
                               for part in ((shape, style), f" {mark.value}   "))),
            id="progress-legend",
        )  # fmt: skip
        yield Static(
            f"Time spent exercising: {wording.long_duration(progress.active_seconds)} over "
            f"{wording.plural(progress.sessions, 'session')} in all",
            id="progress-total",
        )
        if progress.not_improving:
            yield Static(advice.NOT_IMPROVING, classes="summary-advice")
        yield from self._activities()
        yield Label("Your back, 0 (no pain) to 10 (worst)", classes="progress-head")
        days = progress.pain_days
        if days:
            yield Static(words(days), id="progress-chart-words")
            yield Static(
                Content.assemble(("●", "$text-warning"), " before a session   ",
                                 ("○", "$text-success"), " after it   ◉ both, to the point"),
                id="progress-chart-legend",
            )  # fmt: skip
            yield PainChart(days, id="progress-chart")
        else:
            yield Static("Rate your back before and after sessions to see it change here.")

    def _activities(self) -> ComposeResult:
        """The activities by week, or how to name some."""
        log = self.activities
        self._changeable = log is not None and log.to_change() is not None
        if log is None or not self._changeable:
            return
        yield Label("Your activities", classes="progress-head")
        yield Static(wording.ACTIVITY_SCALE, id="progress-activity-scale", markup=False)
        table = log.weeks()
        yield Static(
            activity_table(table) if table is not None else wording.NO_ACTIVITIES,
            id="progress-activities",
        )

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(KeysFooter).compact = event.size.width < COMPACT_BELOW

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "report":
            return self.report is not None
        if action == "activities":
            return self._changeable
        return True

    def action_activities(self) -> None:
        """Name the activities, or rate them again this week; the table shows the answer."""
        from lowback_tui.screens.activities import ActivitiesScreen

        log = self.activities
        question = log.to_change() if log is not None else None
        if log is None or question is None:
            return

        def keep(answer: ActivityAnswer | None) -> None:
            if answer is None:
                return
            wrong = log.record(answer)
            if wrong is not None:
                self.notify(wrong, severity="warning", markup=False)
                return
            self.refresh_activities()

        self.app.push_screen(ActivitiesScreen(question), keep)

    def refresh_activities(self) -> None:
        """Redraw the table after a change."""
        if self.activities is None:
            return
        table = self.activities.weeks()
        self.query_one("#progress-activities", Static).update(
            activity_table(table) if table is not None else wording.NO_ACTIVITIES
        )

    def action_report(self) -> None:
        """Show the course report."""
        from lowback_tui.screens.course_report import CourseReportScreen

        if self.report is not None:
            self.app.push_screen(CourseReportScreen(self.report))

    @staticmethod
    def _calendar(weeks: list[Week]) -> Content:
        """A line per week, Monday to Sunday: its dates, then a mark per day (blank outside the
        course), under a heading of the weekdays."""
        lines: list[Content] = [Content.assemble(" " * 17, ("M T W T F S S", "dim"))]
        for week in weeks:
            label = f"{week[0][0]:%b %-d} – {week[-1][0]:%b %-d}".ljust(17)
            marks = [part for _, mark in week
                     for part in ((MARKS[mark] if mark is not None else " "), " ")]  # fmt: skip
            lines.append(Content.assemble((label, "dim"), *marks))
        return Content("\n").join(lines)


def activity_table(table: ActivitiesReport) -> Content:
    """Each activity on a line of its own (a name may be 40 characters), its ratings by course
    week under it; a week it was not rated in shows a dash. Names are made safe by the core;
    Content takes them as text, never markup."""
    lines: list[Content] = []
    for name, row in zip(table.names, table.rows, strict=True):
        lines.append(Content(name))
        cells = [
            Content.assemble((f"week {week} ", "dim"), "–" if rating is None else str(rating))
            for week, rating in zip(table.weeks, row, strict=True)
        ]
        lines.append(Content("  ") + Content("   ").join(cells))
    return Content("\n").join(lines)
