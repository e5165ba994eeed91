"""One exercise, full screen: for small terminals, where the list has no room for its pane."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from lowback_tui.core.routine.model import Exercise
from lowback_tui.widgets.exercise_detail import ExerciseDetail
from lowback_tui.widgets.keys_footer import KeysFooter


class ExerciseDetailScreen(ModalScreen[None]):
    """The detail pane of one exercise on its own; any closing key returns to the list."""

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back", id="details.close"),
        Binding("enter", "dismiss", "Back", show=False, id="details.close"),
        Binding("q", "dismiss", "Back", show=False, id="details.close"),
        Binding("down,j", "scroll_by(1)", "Scroll down", show=False, id="details.down"),
        Binding("up,k", "scroll_by(-1)", "Scroll up", show=False, id="details.up"),
        Binding(
            "pagedown,space", "scroll_by(10)", "A page down", show=False, id="details.page_down"
        ),
        Binding("pageup", "scroll_by(-10)", "A page up", show=False, id="details.page_up"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        yield ExerciseDetail(id="detail-full")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(ExerciseDetail).exercise = self.exercise

    def action_scroll_by(self, lines: int) -> None:
        """Scroll the description when the terminal is too small to show all of it."""
        self.query_one(ExerciseDetail).scroll_relative(y=lines, animate=False)
