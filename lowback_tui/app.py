"""The lowback App: which screen follows which, the keys that work everywhere, and the way out.

Every screen is built with what the core's Trainer says (screens never reach back into the app),
and what a person does on one goes to the Trainer. The app also opens the history in a thread
once the first screen is up, keeps the theme and the bell, and handles signals and crashes.
"""

from __future__ import annotations

import asyncio
import gc
import io
import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from lowback_tui.app_sound import SoundControls
from lowback_tui.app_terminal import (
    EXIT_ON_SIGNAL,
    TERMINAL_GONE,
    driver_that_outlives_its_terminal,
    hand_over,
    keys_can_come,
    watch_stops,
)
from lowback_tui.core.logs import log
from lowback_tui.core.safe_text import visible, visible_lines
from lowback_tui.screens.list_screen import ExerciseListScreen

# Only what the first screen needs is imported up front; the other screens load when first used,
# which keeps the list as quick to appear as it can be.
if TYPE_CHECKING:
    from pathlib import Path

    from textual.driver import Driver

    from lowback_tui.audio.speaker import Speaker
    from lowback_tui.core.trainer import Trainer
    from lowback_tui.desktop.awake import DesktopAwake


class LowbackApp(App[None]):
    """lowback on a full screen, for the person `trainer` knows."""

    # What every screen shares, and the first screen's own (so nothing is parsed twice before it
    # shows). Each other screen loads its file when it is first used.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["styles/app.tcss", "styles/list.tcss"]
    TITLE = "lowback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "show_keys", "Keys", id="app.keys"),
        Binding(
            "m",
            "cycle_sound",
            "Sound",
            tooltip="Sound: tones, the bell, or none",
            show=False,
            id="app.sound",
        ),
        Binding(
            "v",
            "toggle_voice",
            "Voice",
            tooltip="Speak each change, or not",
            show=False,
            id="app.voice",
        ),
    ]

    def __init__(self, trainer: Trainer) -> None:
        # NO_COLOR (no-color.org): no colour at all. Textual's own answer to it is grey shades,
        # still colour codes, unless its colours are ANSI: then its filter drops every colour.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.trainer = trainer
        self.clock = trainer.session_clock  # told of stops: a stop is a pause (app_terminal.py)
        self.sound = SoundControls(trainer.preferences, self)
        self._awake: DesktopAwake | None = None
        self._history_opening: Worker[None] | None = None
        self._once_history_is_open: list[Callable[[], object]] = []
        self._list: ExerciseListScreen | None = None
        if trainer.preferences.settings.theme in self.available_themes:
            self.theme = trainer.preferences.settings.theme
        if trainer.preferences.settings.keys:  # config.toml's [keys] (core/keymap.py)
            self.set_keymap(trainer.preferences.settings.keys)
        self.crash: BaseException | None = None
        self.farewell: str | None = None
        """A line to say on the terminal once it is given back (Textual's exit message goes to
        its error console, which is the log here)."""
        # Textual prints a traceback with local variables here; ours goes to the log instead.
        self.error_console = Console(file=io.StringIO(), stderr=False)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, its text always shown as it is: a notice may quote a config value, a
        path, a problem in a file or $EDITOR, so controls are made visible and markup is off
        (a `[/]` in config.toml stopped the app from starting; `[@click=…]` was a live action).
        Screens' own `notify` comes here too."""
        super().notify(visible_lines(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=False)  # fmt: skip

    def get_driver_class(self) -> type[Driver]:
        return driver_that_outlives_its_terminal(super().get_driver_class())

    def run(self, *args: Any, **kwargs: Any) -> None:
        result = super().run(*args, **kwargs)
        if self.farewell:
            print(self.farewell, file=sys.stderr)
        return result

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p): everything lowback can do, beside Textual's own."""
        from lowback_tui.app_commands import lowback_commands

        yield from lowback_commands(self, screen)
        yield from super().get_system_commands(screen)  # Theme, Quit, Keys

    def watch_theme(self, theme: str) -> None:
        if theme != self.trainer.preferences.settings.theme:
            self.trainer.preferences.change(theme=theme)

    def get_default_screen(self) -> Screen[None]:
        self._list = ExerciseListScreen(self.trainer, self.size)
        return self._list

    def _show_overview(self) -> None:
        """Bring the list up to date with the routine, its problems and the course."""
        # Not once the app is closing: the history can finish opening (in its thread) after a
        # quick ctrl+q, when the list's widgets are already being taken down.
        if self._list is not None and self.is_running:
            self._list.show_overview()

    def on_mount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, code in EXIT_ON_SIGNAL.items():
            loop.add_signal_handler(signum, self._on_signal, signum, code)
        watch_stops(loop, self.clock, self.pause_after_stop)
        if (problem := self.trainer.preferences.problem) is not None:
            self.notify(f"{problem}; using the defaults", severity="warning")

    def on_ready(self) -> None:
        if not gc.isenabled():  # paused for start-up by `lowback` (cli.cmd_run)
            # The first screen is drawn. What start-up made lives as long as the app (of ~78,000
            # objects ~2,500 were garbage, measured), so keep it out of every later collection
            # rather than spend ~20 ms on one now, and collect as usual from here on.
            gc.freeze()
            gc.enable()
        self._begin_opening_history()
        if not self.is_headless:
            self._check_terminal(starting=True)
            self.set_interval(2, self._check_terminal)

    def _check_terminal(self, starting: bool = False) -> None:
        """End, keeping a session under way, once no key can come (see keys_can_come)."""
        if keys_can_come():
            return
        if starting:
            log.warning("stdin is not a terminal; ending")
            self.farewell = ("lowback: the full screen reads keys from a terminal, and stdin is "
                             "not one; lowback --plain reads lines")  # fmt: skip
            self.exit(return_code=2)
        else:
            log.warning("the terminal went away; ending")
            self.exit(return_code=TERMINAL_GONE)

    def _on_signal(self, signum: int, code: int) -> None:
        log.info("ending on signal %s", signal.Signals(signum).name)
        self.exit(return_code=code)

    def pause_after_stop(self) -> None:
        """Back from a stop: a session in progress stays paused (space carries it on)."""
        from lowback_tui.screens.countdown import CountdownScreen

        for screen in self.screen_stack:
            if isinstance(screen, CountdownScreen):
                screen.pause_for_stop()

    def _handle_exception(self, error: Exception) -> None:
        log.exception("unhandled error", exc_info=error)
        self.crash = error
        super()._handle_exception(error)

    # ---- the history, opened after the first screen -------------------------------------------

    def _begin_opening_history(self) -> Worker[None]:
        if self._history_opening is None:
            self._history_opening = self.run_worker(self._open_history, thread=True)
        return self._history_opening

    def _open_history(self) -> None:
        # In a thread: with ten years of sessions the integrity check takes ~25 ms, which would
        # otherwise delay the first screen.
        notices = self.trainer.open_history()
        self.call_from_thread(self._history_opened, notices)

    def _history_opened(self, notices: list[str]) -> None:
        for message in notices:
            log.warning("history: %s", message)
            self.notify(message, severity="warning", timeout=10)
        self._show_overview()
        waiting, self._once_history_is_open = self._once_history_is_open, []
        for then in waiting:
            then()

    def _when_history_is_open(self, then: Callable[[], object]) -> None:
        """Do `then` now, or as soon as the history is open (a moment after start-up)."""
        if self.trainer.history_open:
            then()
        else:
            self._once_history_is_open.append(then)
            self._begin_opening_history()

    # ---- sound and voice (app_sound.py) ------------------------------------------------------

    @property
    def speaker(self) -> Speaker:
        return self.sound.speaker

    def on_unmount(self) -> None:
        self.sound.close()  # no sound or voice outlives the app (a quit, a signal, a crash)
        if self._awake is not None:
            self._awake.release()  # nor a screen kept awake (desktop/awake.py)

    @property
    def awake(self) -> DesktopAwake:
        """Keeps the screen awake while a session's clock runs (made when first needed)."""
        if self._awake is None:
            from lowback_tui.desktop.awake import DesktopAwake

            self._awake = DesktopAwake(self.trainer.preferences)
        return self._awake

    def action_cycle_sound(self) -> None:
        self.sound.cycle_sound()

    def action_toggle_voice(self) -> None:
        self.sound.toggle_voice()

    def action_sound_test(self) -> None:
        self.sound.sound_test()

    # ---- a session -----------------------------------------------------------------------------

    @work(exclusive=True, group="start")
    async def action_start(self) -> None:
        """Start a session: the core's SessionStart says which question comes next (safety once,
        carrying on, how the back feels, a bad day); app_steps.py asks each with its screen."""
        from lowback_tui.app_steps import start_session

        async def history_open() -> None:
            await self._begin_opening_history().wait()

        await start_session(self, self.trainer, self.speaker, self.awake, history_open)

    async def action_quit(self) -> None:
        """ctrl+q: during a session, ask first (what was done is kept either way); else quit."""
        from lowback_tui.screens.countdown import CountdownScreen

        screen = self.screen
        if isinstance(screen, CountdownScreen) and screen.in_progress:
            screen.ask_to_quit()
            return
        await super().action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c (a key here; kill -INT is the signal): say which key quits. Textual's own
        notice is markup, and every notice here is shown as it is ("[b]ctrl+q[/b]")."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(f"Press {key} to quit", title="Do you want to quit?")
                return

    def action_after_session(self) -> None:
        """Back to the list from the summary; on the course's last day, its report first."""
        self.pop_screen()
        if (report := self.trainer.report_due()) is not None:
            from lowback_tui.screens.course_report import CourseReportScreen

            self.push_screen(CourseReportScreen(report))

    # ---- the routine ---------------------------------------------------------------------------

    def action_pick_routine(self) -> None:
        """Choose another routine; the choice is remembered."""
        from lowback_tui.core.routine.library import choices
        from lowback_tui.screens.routine_picker import RoutinePicker

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            problems = self.trainer.use_routine(path)
            if problems:
                self.notify("\n".join(str(p) for p in problems), severity="error")
            self._show_overview()

        self.push_screen(RoutinePicker(choices(), self.trainer.routine_path), chosen)

    @work(exclusive=True, group="edit")
    async def action_edit_routine(self) -> None:
        """Open the routine in the person's editor (a bundled one is copied first): the core's
        RoutineEdit says each step (app_steps.py); its problems, if any, show on the list."""
        from lowback_tui.app_steps import edit_routine

        edit_routine(self, self.trainer, self._run_editor, self._show_overview)

    def _run_editor(self, command: list[str]) -> str | None:
        """Run the editor on the terminal; what kept it from starting, if anything."""
        log.info("editing with %s", command[0])
        interrupt = signal.SIGINT, EXIT_ON_SIGNAL[signal.SIGINT]
        failure = hand_over(self, command, lambda: self._on_signal(*interrupt))
        self.refresh(layout=True)
        return failure

    # ---- screens to read -----------------------------------------------------------------------

    def action_show_keys(self) -> None:
        """Show every key that works on the current screen."""
        from lowback_tui.screens.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            keymap = self.trainer.preferences.settings.keys
            note = self.speaker.describe("\n") + "\n" + self.awake.describe()
            from lowback_tui.desktop import reminder

            self.push_screen(KeysScreen(self.screen.active_bindings, note, keymap,
                                        str(reminder.status())))  # fmt: skip

    def action_remind_daily(self) -> None:
        """A daily reminder at this time of day, through the system's scheduler (a thread:
        systemctl or crontab may take a moment); `lowback remind --at` changes the time."""
        self.run_worker(self._remind_daily, thread=True, group="remind")

    def _remind_daily(self) -> None:
        from datetime import datetime

        from lowback_tui.desktop import reminder
        from lowback_tui.desktop.schedule import At

        now = datetime.now()
        outcome = reminder.turn_on(At(now.hour, now.minute))
        how = "lowback remind --at HH:MM changes the time; lowback remind --off stops it"
        message = f"{outcome.message[:1].upper()}{outcome.message[1:]}"
        self.call_from_thread(self.notify, f"{message}. {how}" if outcome.ok else message,
                              severity="information" if outcome.ok else "error",
                              timeout=12)  # fmt: skip

    def action_history(self) -> None:
        """Every past session."""
        from lowback_tui.screens.history_view import HistoryScreen

        self._when_history_is_open(
            lambda: self.push_screen(HistoryScreen(self.trainer.history_pages()))
        )

    def action_progress(self) -> None:
        """The course so far."""
        from lowback_tui.screens.progress import ProgressScreen

        self._when_history_is_open(
            lambda: self.push_screen(
                ProgressScreen(
                    self.trainer.progress(),
                    self.trainer.course_report(),
                    self.trainer.activities,
                )
            )
        )

    def action_safety(self) -> None:
        """The safety information, to read again."""
        from lowback_tui.screens.safety import SafetyScreen

        self.push_screen(SafetyScreen())
