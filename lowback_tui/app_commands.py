"""The command palette's entries (ctrl+p): everything lowback can do, by name, each the same
action as its key. Loaded when the palette first opens, not at start-up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import SystemCommand

from lowback_tui.core.settings import next_sound
from lowback_tui.screens.list_screen import ExerciseListScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from lowback_tui.core.trainer import Trainer


class Actions(Protocol):
    """What the palette's entries call: the app's actions (LowbackApp is one)."""

    @property
    def trainer(self) -> Trainer: ...
    def action_start(self) -> Any: ...
    def action_pick_routine(self) -> Any: ...
    def action_edit_routine(self) -> Any: ...
    def action_progress(self) -> Any: ...
    def action_history(self) -> Any: ...
    def action_cycle_sound(self) -> Any: ...
    def action_toggle_voice(self) -> Any: ...
    def action_sound_test(self) -> Any: ...
    def action_safety(self) -> Any: ...
    def action_remind_daily(self) -> Any: ...


def lowback_commands(app: Actions, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """lowback's own commands on `screen` (Start only on the list), before Textual's."""
    if isinstance(screen, ExerciseListScreen):
        yield SystemCommand("Start", "Start a session of the routine", app.action_start)
    yield SystemCommand("Pick routine", "Choose another routine", app.action_pick_routine)
    yield SystemCommand("Edit routine", "Open the routine in your editor", app.action_edit_routine)
    yield SystemCommand("Progress", "The course so far", app.action_progress)
    yield SystemCommand("History", "Every past session", app.action_history)
    settings = app.trainer.preferences.settings
    following = next_sound(settings.sound)
    yield SystemCommand(f"Sound: {following}", f"Sounds of a session: {following} (now "
                        f"{settings.sound})", app.action_cycle_sound)  # fmt: skip
    voice = "off" if settings.voice else "on"
    yield SystemCommand(f"Voice {voice}", "Speak each change of a session",
                        app.action_toggle_voice)  # fmt: skip
    yield SystemCommand("Sound test", "Play every sound, speak a line, say what plays them",
                        app.action_sound_test)  # fmt: skip
    yield SystemCommand("Safety information", "When to stop, when to get help",
                        app.action_safety)  # fmt: skip
    yield SystemCommand("Remind me daily", "A desktop notification at this time each day "
                        "(lowback remind)", app.action_remind_daily)  # fmt: skip
