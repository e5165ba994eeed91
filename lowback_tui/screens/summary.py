"""After a session: what was done, exercise by exercise, with the totals."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label

from lowback_tui import describe
from lowback_tui.records import Summary


class SummaryScreen(Screen[None]):
    """The session's results; Enter goes back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "app.pop_screen", "Back to the list", priority=True),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        summary = self.summary
        with VerticalScroll(id="summary-body"):
            yield Label(summary.routine_name, id="summary-routine", markup=False)
            yield Label(describe.verdict(summary), id="summary-verdict")
            with Grid(id="summary-table"):
                for heading in ("Exercise", "Result", "Done", "Active"):
                    yield Label(heading, classes="summary-heading")
                for record in summary.records:
                    yield Label(record.name, classes="summary-name", markup=False)
                    yield Label(record.outcome.value, classes=f"summary-{record.outcome.value}")
                    yield Label(f"{record.efforts_done} of {record.efforts_planned}")
                    yield Label(describe.duration(round(record.active_seconds)))
            yield Label(describe.totals(summary), id="summary-totals")
            yield Label(describe.times(summary), id="summary-times")
        yield Footer()
