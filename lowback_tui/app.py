"""The lowback App: installs the first screen and holds what every screen shares.

That is the clock (injectable, so tests run a session in milliseconds), the settings, the
history store (opened in a thread after the first screen is up), the keys that work everywhere,
and the handling of signals and crashes.
"""

from __future__ import annotations

import asyncio
import gc
import io
import signal
import time
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from textual import work
from textual.app import App, SuspendNotSupported, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker

from lowback_tui.core import settings as settings_file
from lowback_tui.core.logs import log
from lowback_tui.core.routine import Routine, RoutineError
from lowback_tui.core.routine_file import load
from lowback_tui.core.routine_library import InUse
from lowback_tui.screens.exercise_list import ExerciseListScreen

# Only what the first screen needs is imported up front; the session, the store (sqlite3) and
# the other screens load when first used, which keeps the list as quick to appear as it can be.
if TYPE_CHECKING:
    from lowback_tui.core import course
    from lowback_tui.core.history_store import HistoryStore, Now
    from lowback_tui.core.session import Clock

EXIT_ON_SIGNAL = {signal.SIGTERM: 128 + signal.SIGTERM, signal.SIGHUP: 128 + signal.SIGHUP}


class LowbackApp(App[None]):
    """A trainer for one routine."""

    # What every screen shares, and the first screen's own (so nothing is parsed twice before it
    # shows). Each other screen loads its file when it is first used.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["styles/app.tcss", "styles/list.tcss"]
    TITLE = "lowback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "show_keys", "Keys"),
    ]

    def __init__(
        self,
        routine: Routine,
        clock: Clock = time.monotonic,
        now: Now = datetime.now,
        history: HistoryStore | None = None,
    ) -> None:
        super().__init__()
        self.current = InUse(routine)
        self.clock = clock
        self.now = now
        self.history = history
        self._history_opening: Worker[HistoryStore] | None = None
        loaded = settings_file.load()
        self.settings = loaded.settings
        self._settings_problem = loaded.problem
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.crash: BaseException | None = None
        # Textual prints a traceback with local variables here; ours goes to the log instead.
        self.error_console = Console(file=io.StringIO(), stderr=False)

    @property
    def routine(self) -> Routine:
        """The routine in use: the last version of its file that loaded."""
        return self.current.routine

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p): everything lowback can do, beside Textual's own."""
        if isinstance(screen, ExerciseListScreen):
            yield SystemCommand("Start", "Start a session of the routine", self.start_session)
        yield SystemCommand("Pick routine", "Choose another routine", self.action_pick_routine)
        yield SystemCommand(
            "Edit routine", "Open the routine in your editor", self.action_edit_routine
        )
        yield SystemCommand("Progress", "The course so far", self.action_progress)
        yield SystemCommand("History", "Every past session", self.action_history)
        state = "off" if self.settings.sound else "on"
        yield SystemCommand(f"Sound {state}", "Turn the bell on or off", self.action_toggle_sound)
        yield SystemCommand("Safety information", "When to stop, when to get help",
                            self.action_safety)  # fmt: skip
        yield from super().get_system_commands(screen)  # Theme, Quit, Keys

    def watch_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings = replace(self.settings, theme=theme)
            self._save_settings()

    def get_default_screen(self) -> Screen[None]:
        return ExerciseListScreen(self.routine, self.size)

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, code in EXIT_ON_SIGNAL.items():
            loop.add_signal_handler(signum, self._on_signal, signum, code)
        if self._settings_problem is not None:
            self.notify(f"{self._settings_problem}; using the defaults", severity="warning")

    def on_ready(self) -> None:
        if not gc.isenabled():  # paused for start-up by `lowback` (cli.cmd_run)
            # The first screen is drawn. What start-up made lives as long as the app (of ~78,000
            # objects ~2,500 were garbage, measured), so keep it out of every later collection
            # rather than spend ~20 ms on one now, and collect as usual from here on.
            gc.freeze()
            gc.enable()
        if self.history is None:
            self._begin_opening_history()
        else:
            self._history_ready(self.history)

    def _begin_opening_history(self) -> Worker[HistoryStore]:
        if self._history_opening is None:
            self._history_opening = self.run_worker(self._open_history, thread=True)
        return self._history_opening

    def _open_history(self) -> HistoryStore:
        # In a thread: with ten years of sessions the integrity check takes ~25 ms, which would
        # otherwise delay the first screen.
        from lowback_tui.core.history_store import HistoryStore

        store = HistoryStore.open(now=self.now)
        self.call_from_thread(self._history_ready, store)
        return store

    def _history_ready(self, store: HistoryStore) -> None:
        self.history = store
        for message in (store.notice, store.problem):
            if message:
                log.warning("history: %s", message)
                self.notify(message, severity="warning", timeout=10)
        self.refresh_course()

    async def _store(self) -> HistoryStore | None:
        if self.history is None:
            await self._begin_opening_history().wait()
        return self.history

    def _on_signal(self, signum: int, code: int) -> None:
        log.info("ending on signal %s", signal.Signals(signum).name)
        self.exit(return_code=code)

    def _handle_exception(self, error: Exception) -> None:
        log.exception("unhandled error", exc_info=error)
        self.crash = error
        super()._handle_exception(error)

    # ---- the routine and the course ------------------------------------------------------------

    def routine_now(self) -> Routine:
        """The routine with the reps the person has moved up to."""
        if self.history is None:
            return self.routine
        from lowback_tui.core import course

        return course.with_targets(self.routine, self.history.targets(self.routine.name))

    def course_status(self) -> course.Status | None:
        """Where the person is in the course, once the history is open."""
        store = self.history
        if store is None:
            return None
        from lowback_tui.core import course

        today = self.now().date()
        start = store.course_start() or today
        return course.status(store.sessions(since=start), start, self.routine.course_days, today)

    def refresh_course(self) -> None:
        """Show the current routine, what is wrong with its file, and the course."""
        for screen in self.screen_stack:
            if isinstance(screen, ExerciseListScreen) and screen.is_mounted:
                screen.show(
                    self.routine_now(), self.routine, self.course_status(), self.current.problems
                )

    def check_routine_file(self) -> None:
        """Pick up changes made to the routine's file outside the app (the caller redraws)."""
        if self.current.refresh():
            self._warn_about_routine_file()

    def _warn_about_routine_file(self) -> None:
        problems = self.current.problems
        if problems:
            self.notify(f"{self.current.path.name} has {len(problems)} problem"
                        f"{'s' if len(problems) > 1 else ''}; the last good version is in use",
                        severity="warning")  # fmt: skip

    def use_routine(self, path: Path) -> bool:
        """Switch to the routine at `path` and remember it; False (said) if it cannot load."""
        try:
            routine = load(path)
        except RoutineError as error:
            self.notify("\n".join(str(p) for p in error.problems), severity="error")
            return False
        self.current.switch(routine)
        self.settings = replace(self.settings, routine=str(path))
        self._save_settings()
        self.refresh_course()
        return True

    def _own_copy(self) -> Path | None:
        """The person's own file of the routine in use, switched to if it is a fresh copy."""
        from lowback_tui.core import routine_edits

        path = routine_edits.own_copy(self.current.path)
        if path != self.current.path and not self.use_routine(path):
            return None
        return path

    @work(exclusive=True, group="edit")
    async def action_edit_routine(self) -> None:
        """Open the routine in the person's editor (a bundled one is copied first)."""
        from lowback_tui.core import routine_edits

        copying = routine_edits.is_bundled(self.current.path)
        path = self._own_copy()
        if path is None:
            return
        if copying:
            self.notify(f"Editing your own copy: {path}")
        command = routine_edits.editor_command(path)
        if command is None:
            self.notify("No editor found: set $EDITOR (or install nano)", severity="error")
            return
        self._run_editor(command)
        self.current.refresh(force=True)
        self._warn_about_routine_file()
        self.refresh_course()
        if not self.current.problems:
            self.notify(f"{path.name}: saved and checked", timeout=3)

    def _run_editor(self, command: list[str]) -> None:
        import subprocess

        log.info("editing with %s", command[0])
        try:
            with self.suspend():
                subprocess.call(command)
        except SuspendNotSupported:  # no terminal to hand over (headless tests)
            subprocess.call(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        except OSError as error:
            self.notify(f"Could not start {command[0]}: {error.strerror}", severity="error")

    def adjust(self, index: int, what: str, step: int) -> None:
        """Change an exercise's reps or seconds by a step, saved to the person's own copy."""
        from lowback_tui.core import routine_edits

        if self.current.problems:
            self.notify("Fix the file first (e opens it)", severity="warning")
            return
        path = self._own_copy()
        if path is None:
            return
        exercise = routine_edits.adjusted(self.routine.exercises[index], what, step)
        try:
            saved = routine_edits.save_exercise(path, self.routine, index, exercise)
        except (OSError, RoutineError) as error:
            self.notify(f"Not saved: {error}", severity="error")
            return
        self.current.switch(saved)
        self.refresh_course()

    def new_course(self) -> None:
        """Begin a new course today."""
        if self.history is not None:
            self.history.new_course(self.now().date())
            self.refresh_course()

    # ---- a session -----------------------------------------------------------------------------

    @work(exclusive=True, group="start")
    async def start_session(self) -> None:
        """Safety first (once), then how the back feels, then the countdown."""
        from lowback_tui.core.recording import Recording
        from lowback_tui.core.session import Session
        from lowback_tui.screens.countdown import CountdownScreen
        from lowback_tui.screens.pain_check import CANCEL, PainCheck
        from lowback_tui.screens.safety import SafetyScreen

        if not self.settings.safety_read:
            if not await self.push_screen_wait(SafetyScreen(first_time=True)):
                return
            self.settings = replace(self.settings, safety_read=True)
            self._save_settings()
        store = await self._store()
        pain = await self.push_screen_wait(PainCheck("How is your back right now?", True))
        if pain == CANCEL:
            return
        routine = self.routine_now()
        recording = Recording(store, routine, pain)
        if recording.problem:
            self.notify(recording.problem, severity="warning", timeout=10)
        session = Session(routine, clock=self.clock)
        self.push_screen(CountdownScreen(routine, session, recording))

    def ring(self) -> None:
        """The terminal bell, unless the person has turned sound off."""
        if self.settings.sound:
            self.bell()

    def action_toggle_sound(self) -> None:
        """Turn the bell on or off, and remember the choice."""
        self.settings = replace(self.settings, sound=not self.settings.sound)
        state = "on" if self.settings.sound else "off"
        if self._save_settings():
            self.notify(f"Sound {state}", timeout=2)
        else:
            self.notify(f"Sound {state} for now (not saved)")

    def _save_settings(self) -> bool:
        if self._settings_problem is not None:
            return False  # the file is broken: never write over what the person typed
        try:
            settings_file.save(self.settings)
        except OSError as error:
            log.warning("settings not saved: %s", error)
            return False
        return True

    def action_show_keys(self) -> None:
        """Show every key that works on the current screen."""
        from lowback_tui.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen.active_bindings))

    def action_pick_routine(self) -> None:
        """Choose another routine; the choice is remembered."""
        from lowback_tui.screens.routine_picker import RoutinePicker

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.use_routine(path)

        self.push_screen(RoutinePicker(self.current.path), chosen)

    def action_history(self) -> None:
        """Every past session."""
        from lowback_tui.screens.history_view import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_progress(self) -> None:
        """The course so far."""
        from lowback_tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_safety(self) -> None:
        """The safety information, to read again."""
        from lowback_tui.screens.safety import SafetyScreen

        self.push_screen(SafetyScreen())
