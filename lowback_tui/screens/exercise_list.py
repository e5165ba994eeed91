"""The first screen: the routine, its estimated time, and every exercise with its dose."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static

from lowback_tui import describe, plan
from lowback_tui.routine import Routine
from lowback_tui.screens.exercise_detail import ExerciseDetailScreen
from lowback_tui.widgets.exercise_detail import ExerciseDetail
from lowback_tui.widgets.exercise_list import ExerciseList

if TYPE_CHECKING:
    from lowback_tui.app import LowbackApp


class ExerciseListScreen(Screen[None]):
    """Today's routine: read about the exercises, then start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("d", "open", "Details"),
        Binding("q", "app.quit", "Quit"),
    ]
    # Side by side when there is room; stacked, and then without the detail pane, when not.
    # Not annotated ClassVar: mypy rejects that over Textual's own declaration.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]  # noqa: RUF012

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine

    def compose(self) -> ComposeResult:
        routine = self.routine
        count = len(routine.exercises)
        meta = f"{count} exercise{'s' if count != 1 else ''} · "
        meta += describe.about(plan.total_seconds(routine))
        with HorizontalGroup(id="heading"):
            yield Label(routine.name, id="routine-name", markup=False)
            yield Label(meta, id="routine-meta")
        if routine.summary:
            yield Static(routine.summary, id="routine-summary", markup=False)
        with Horizontal(id="body"):
            yield ExerciseList(routine, id="exercises")
            yield ExerciseDetail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ExerciseList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#exercises")
    def _show_detail(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(ExerciseDetail).exercise = self.routine.exercises[event.option_index]

    @on(OptionList.OptionSelected, "#exercises")
    def _open_clicked(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_start(self) -> None:
        """Start a session of the whole routine."""
        cast("LowbackApp", self.app).start_session()

    def action_open(self) -> None:
        """Show the highlighted exercise on a screen of its own."""
        index = self.query_one(ExerciseList).highlighted
        if index is not None:
            self.app.push_screen(ExerciseDetailScreen(self.routine.exercises[index]))
