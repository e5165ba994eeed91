"""The course so far: a calendar of its days, the pain trend, and the time spent."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from lowback_tui.core import advice, wording
from lowback_tui.core.course import Mark, Progress

MARKS = {
    Mark.DONE: ("●", "$text-success"),
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
        Binding("escape,q,g", "app.pop_screen", "Back"),
    ]

    def __init__(self, progress: Progress | None) -> None:
        super().__init__()
        self.progress = progress
        """The course so far; None before the first session."""

    def compose(self) -> ComposeResult:
        progress = self.progress
        with VerticalScroll(id="progress-body"):
            yield Label("Your course", id="progress-title")
            if progress is None:
                yield Static("No sessions yet. Your course begins with your first session.")
                return
            yield Label(str(progress.status), id="progress-status")
            yield Static(self._calendar(progress.calendar), id="progress-calendar")
            yield Static(
                Content.assemble(*(part for mark, (shape, style) in MARKS.items()
                                   for part in ((shape, style), f" {mark.value}   "))),
                id="progress-legend",
            )  # fmt: skip
            yield Label("Pain before sessions (0 to 10)", classes="progress-head")
            trend = progress.pain_trend
            if len(trend) >= 2:
                spark = Sparkline([value for _, value in trend], id="progress-sparkline")
                spark.styles.width = min(60, 3 * len(trend))  # a few cells a day, not smeared
                yield spark
                first, last = trend[0][1], trend[-1][1]
                yield Label(
                    f"from {round(first, 1):g} on the first rated day "
                    f"to {round(last, 1):g} on the latest"
                )
            else:
                yield Static("Rate your back before sessions to see how it changes here.")
            yield Label(
                f"Time spent exercising: {wording.long_duration(progress.active_seconds)} over "
                f"{wording.plural(progress.sessions, 'session')} in all",
                id="progress-total",
            )
            if progress.not_improving:
                yield Static(advice.NOT_IMPROVING, classes="summary-advice")
        yield Footer()

    @staticmethod
    def _calendar(days: list[tuple[date, Mark]]) -> Content:
        """A line per week of the course: its dates, then a mark per day."""
        lines: list[Content] = []
        for week in range(0, len(days), 7):
            chunk = days[week : week + 7]
            label = f"{chunk[0][0]:%b %-d} – {chunk[-1][0]:%b %-d}".ljust(17)
            marks = [part for _, mark in chunk for part in (MARKS[mark], " ")]
            lines.append(Content.assemble((label, "dim"), *marks))
        return Content("\n").join(lines)
