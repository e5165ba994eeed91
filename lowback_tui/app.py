"""The lowback App: installs the first screen and holds what every screen shares.

That is the clock (injectable, so tests run a session in milliseconds), the settings, the keys
that work everywhere, and the handling of signals and crashes.
"""

from __future__ import annotations

import asyncio
import io
import signal
import time
from dataclasses import replace
from typing import ClassVar

from rich.console import Console
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from lowback_tui import settings as settings_file
from lowback_tui.logs import log
from lowback_tui.routine import Routine
from lowback_tui.screens.countdown import CountdownScreen
from lowback_tui.screens.exercise_list import ExerciseListScreen
from lowback_tui.screens.keys import KeysScreen
from lowback_tui.session import Clock, Session

EXIT_ON_SIGNAL = {signal.SIGTERM: 128 + signal.SIGTERM, signal.SIGHUP: 128 + signal.SIGHUP}


class LowbackApp(App[None]):
    """A trainer for one routine."""

    CSS_PATH = "lowback.tcss"
    TITLE = "lowback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "show_keys", "Keys"),
    ]

    def __init__(self, routine: Routine, clock: Clock = time.monotonic) -> None:
        super().__init__()
        self.routine = routine
        self.clock = clock
        loaded = settings_file.load()
        self.settings = loaded.settings
        self._settings_problem = loaded.problem
        self.crash: BaseException | None = None
        # Textual prints a traceback with local variables here; ours goes to the log instead.
        self.error_console = Console(file=io.StringIO(), stderr=False)

    def get_default_screen(self) -> Screen[None]:
        return ExerciseListScreen(self.routine)

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, code in EXIT_ON_SIGNAL.items():
            loop.add_signal_handler(signum, self._on_signal, signum, code)
        if self._settings_problem is not None:
            self.notify(f"{self._settings_problem}; using the defaults", severity="warning")

    def _on_signal(self, signum: int, code: int) -> None:
        log.info("ending on signal %s", signal.Signals(signum).name)
        self.exit(return_code=code)

    def _handle_exception(self, error: Exception) -> None:
        log.exception("unhandled error", exc_info=error)
        self.crash = error
        super()._handle_exception(error)

    # ---- what every screen shares --------------------------------------------------------------

    def start_session(self) -> None:
        """Begin a session of the routine on the countdown screen."""
        self.push_screen(CountdownScreen(self.routine, Session(self.routine, clock=self.clock)))

    def ring(self) -> None:
        """The terminal bell, unless the person has turned sound off."""
        if self.settings.sound:
            self.bell()

    def action_toggle_sound(self) -> None:
        """Turn the bell on or off, and remember the choice."""
        self.settings = replace(self.settings, sound=not self.settings.sound)
        state = "on" if self.settings.sound else "off"
        if self._settings_problem is not None:
            self.notify(f"Sound {state} for now; not saved, {self._settings_problem}")
            return
        try:
            settings_file.save(self.settings)
        except OSError as error:
            self.notify(f"Sound {state} for now; could not save it ({error.strerror})")
            return
        self.notify(f"Sound {state}", timeout=2)

    def action_show_keys(self) -> None:
        """Show every key that works on the current screen."""
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen.active_bindings))
