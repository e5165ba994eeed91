"""The lowback App: installs the first screen and holds the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from lowback_tui.routine import Routine
from lowback_tui.screens.exercise_list import ExerciseListScreen
from lowback_tui.screens.keys import KeysScreen


class LowbackApp(App[None]):
    """A trainer for one routine."""

    CSS_PATH = "lowback.tcss"
    TITLE = "lowback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "show_keys", "Keys"),
    ]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine

    def get_default_screen(self) -> Screen[None]:
        return ExerciseListScreen(self.routine)

    def action_show_keys(self) -> None:
        """Show every key that works on the current screen."""
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen.active_bindings))
