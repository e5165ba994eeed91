"""The course report: what the course did, how the back moved, and the honest next step."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from lowback_tui.core.course import advice
from lowback_tui.core.course.report import CourseReport, NextStep
from lowback_tui.core.course.report_activities import SOURCE, ActivitiesReport
from lowback_tui.core.safe_text import visible
from lowback_tui.widgets.gutter import Gutter
from lowback_tui.widgets.keys_footer import KeysFooter

GUTTER = 19
"""Cells for the labels ("Pain at the start")."""


class CourseReportScreen(Screen[None]):
    """The report of `report`; Esc goes back. `lowback report --format md` writes the same."""

    CSS_PATH = ["../styles/notes.tcss", "../styles/progress.tcss"]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "app.pop_screen", "Back", id="report.back"),
    ]

    def __init__(self, report: CourseReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        report = self.report
        with VerticalScroll(id="report-body"):
            yield Label("Your course report", id="report-title")
            for label, value in report.rows():
                yield Static(Gutter(Content.styled(label, "bold"), GUTTER, Content(visible(value))),
                             classes="report-row")  # fmt: skip
            yield Static(report.change_words, id="report-change")
            if report.activities is not None:
                yield from self._activities(report.activities)
            step = Static(f"Next step: {report.next_step_words}", id="report-next")
            step.set_class(report.next_step is NextStep.SEE_SOMEONE, "summary-advice")
            yield step
            yield Static(advice.NOT_CARE, id="report-note")
            yield Static("lowback report --format md -o FILE writes this report to take along.",
                         id="report-hint")  # fmt: skip
        yield KeysFooter()

    @staticmethod
    def _activities(section: ActivitiesReport) -> ComposeResult:
        """The Activities section: what it can say yet, each activity and the mean against the
        change that is more than rating noise, and the method's source. The names are the
        person's text (made safe by the core); Content takes them as text, never markup."""
        yield Label("Activities", id="report-activities-title", classes="progress-head")
        yield Static(section.summary(), markup=False)
        for name, how in section.items():
            yield Static(Content.assemble((visible(name), "bold"), f": {how}"),
                         classes="report-activity")  # fmt: skip
        yield Static(SOURCE, id="report-activities-source", markup=False)
