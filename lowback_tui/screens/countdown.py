"""The session: a big countdown for every phase, with the controls around it.

Made to be read from the floor, two metres away: the phase in big letters on a band of its own
colour, the side (LEFT, RIGHT) as large, then the digits, and the bar in the phase's colour;
without colour the phases still differ in the band's shade, the bar's weight and the words.
The screen never computes time: it asks the session for a View and redraws only what changed,
then sleeps until the moment the next visible thing (a digit or a cell of the bar) changes.
What the person does goes to the session run, which keeps it in the history and announces
each change (sounds, voice) as the engine reports it.
"""

from __future__ import annotations

import math
import time
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, HorizontalGroup, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Label, Static

from lowback_tui.core import wording
from lowback_tui.core.logs import log
from lowback_tui.core.routine.plan import Kind
from lowback_tui.core.safe_text import visible
from lowback_tui.core.session import words as session_words
from lowback_tui.core.session.engine import Event, SessionFinished, State, View
from lowback_tui.core.session_run import SessionRun
from lowback_tui.screens.confirm import Confirm, ConfirmEnd
from lowback_tui.widgets.big_number import BigNumber
from lowback_tui.widgets.big_text import BigText
from lowback_tui.widgets.exercise_picture import PoseView
from lowback_tui.widgets.keys_footer import KeysFooter
from lowback_tui.widgets.phase_bar import PhaseBar

AFTER_THE_CHANGE = 0.005
"""Wake a little after a digit flips, so the flip is certain to have happened."""

PHASE_CLASSES = {
    Kind.SETTLE: "-settle",
    Kind.GET_READY: "-get-ready",
    Kind.HOLD: "-effort",
    Kind.WORK: "-effort",
    Kind.SWITCH: "-between",
    Kind.RELAX: "-between",
    Kind.REST: "-rest",
}
"""Each phase's colour (countdown.tcss): the band, the digits and the bar wear it."""
COLOURED = ("#cd-phase", "#cd-side", "#cd-digits", "#cd-bar")
PICTURE_MIN_WIDTH = 30
"""Narrower than this the figure beside the digits would be a smudge: the digits get the room."""


def big_letters(height: int) -> tuple[int, int]:
    """The largest scale of the phase and of the side for a terminal `height` rows tall (the
    digits take what is left): 5 rows each from 40 rows up, 3 from 24; below that the side is
    only in the detail line (the digits need the room more), and below 11 rows the phase is one
    line of its band."""
    if height >= 40:
        return 2, 2
    if height >= 24:
        return 1, 1
    return (1, 0) if height >= 11 else (0, 0)


class CountdownScreen(Screen[None]):
    """One session of a routine, from the first get-ready to the summary."""

    CSS_PATH = ["../styles/notes.tcss", "../styles/countdown.tcss"]  # noqa: RUF012

    # The footer shows them in this order, as many as fit: space and ! first, so that even at
    # 40 columns the key that pauses (or starts) and the one that stops because it hurts show.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "start_now",
            "Start now",
            tooltip="Go on to the first exercise now",
            id="countdown.pause",
        ),
        Binding("space", "toggle_pause", "Pause", tooltip="Pause", id="countdown.pause"),
        Binding(
            "space",
            "toggle_pause('carry on')",
            "Carry on",
            tooltip="Carry on from here",
            id="countdown.pause",
        ),
        Binding(
            "exclamation_mark",
            "hurts",
            "It hurts",
            tooltip="It hurts: stop now",
            id="countdown.hurts",
        ),
        Binding(
            "right,n", "skip", "Skip", tooltip="Skip to the next exercise", id="countdown.skip"
        ),
        Binding(
            "left,p", "back", "Back", tooltip="Back to the previous exercise", id="countdown.back"
        ),
        Binding(
            "r",
            "restart_rep",
            "Redo rep",
            tooltip="Start the current hold again",
            id="countdown.redo",
        ),
        Binding(
            "q,escape", "end", "End", tooltip="End the session (asks first)", id="countdown.end"
        ),
        Binding(
            "m",
            "app.cycle_sound",
            "Sound",
            tooltip="Sound: tones, the bell, or none",
            id="app.sound",
        ),
        Binding(
            "v", "app.toggle_voice", "Voice", tooltip="Speak each change, or not", id="app.voice"
        ),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-tiny"),
        (11, "-short"),
        (17, "-tall"),
        (24, "-roomy"),
        (40, "-huge"),
    ]

    def __init__(self, run: SessionRun) -> None:
        super().__init__()
        self.run = run
        self._timer: Timer | None = None
        self._shown: dict[str, object] = {}
        self._paused_for_modal = False

    def compose(self) -> ComposeResult:
        with HorizontalGroup(id="cd-heading"):
            yield Label("", id="cd-exercise", markup=False)
            yield Label("", id="cd-whereabouts")
        yield BigText(id="cd-phase")
        with Horizontal(id="cd-body"):
            yield PoseView(id="cd-picture")
            with Vertical(id="cd-middle"):
                yield BigText(id="cd-side")
                yield Label("", id="cd-detail", markup=False)
                yield BigNumber(id="cd-digits")
                yield PhaseBar(id="cd-bar")
        yield Static("", id="cd-cue", markup=False)
        yield Label("", id="cd-next", markup=False)
        yield Label("", id="cd-warning", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#cd-warning").display = False
        self._warn_if_not_saving()
        wall = time.time()  # read before start() plays its first cue, to time the sounds by
        events = self.run.start()
        # benchmarks/sound_latency.py times each sound from this moment: nothing else keeps when
        # the engine started to the microsecond (the history has the second the session was
        # begun, before this screen). One line a session, after start-up: it costs nothing.
        log.info("session started at wall clock %.6f", wall)
        self._handle(events)
        self.tick()

    def _warn_if_not_saving(self) -> None:
        """Say so, on screen, from the moment the history stops being saved."""
        warning = self.query_one("#cd-warning", Label)
        problem = self.run.problem
        if problem and not warning.display:
            warning.update(f"⚠ {visible(problem)}")
            warning.display = True

    def on_unmount(self) -> None:
        """Leaving mid-session (ctrl+q, SIGTERM, SIGHUP): end it and keep it as ended early."""
        self.run.leave()

    def on_resize(self) -> None:
        self._shown.pop("bar", None)  # the bar's cells depend on its width
        phase_scale, side_scale = big_letters(self.size.height)
        self.query_one("#cd-phase", BigText).max_scale = phase_scale
        self.query_one("#cd-side", BigText).max_scale = side_scale
        self.query_one(PoseView).set_class(self.size.width < PICTURE_MIN_WIDTH, "-no-room")
        self.tick()

    # ---- the clock -------------------------------------------------------------------------

    def tick(self) -> None:
        """Catch up with the clock, redraw what changed, and sleep until the next change."""
        self._handle(self.run.advance())
        if self.run.state is State.FINISHED or not self.is_attached:
            return
        view = self.run.view()
        self._show(view)
        self._schedule(view)

    def _schedule(self, view: View) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if view.state is not State.RUNNING:
            return  # paused: nothing on screen changes, so nothing runs
        to_digit = view.seconds_left - (math.ceil(view.seconds_left) - 1)
        bar = self.query_one(PhaseBar)
        to_step = bar.seconds_to_next_step(view.fraction_done, view.phase.seconds)
        delay = max(min(to_digit, to_step, view.seconds_left), 0.0) + AFTER_THE_CHANGE
        self._timer = self.set_timer(delay, self.tick)

    def _handle(self, events: list[Event]) -> None:
        """Move on for what happened (the run has kept and announced it already)."""
        if not events:
            return
        self._warn_if_not_saving()
        if any(isinstance(event, SessionFinished) for event in events):
            self._finish()

    def _finish(self) -> None:
        from lowback_tui.screens.summary import SummaryScreen

        if self._timer is not None:
            self._timer.stop()
        self.app.switch_screen(SummaryScreen(self.run))

    # ---- drawing ---------------------------------------------------------------------------

    def _set(self, key: str, value: object) -> bool:
        """Remember `value` under `key`; True when it differs from what is on screen."""
        if self._shown.get(key, ...) == value:
            return False
        self._shown[key] = value
        return True

    def _show(self, view: View) -> None:
        if self._set("exercise", view.exercise.name):
            self.query_one("#cd-exercise", Label).update(visible(view.exercise.name))
        where = session_words.whereabouts(view)
        if self._set("whereabouts", where):
            self.query_one("#cd-whereabouts", Label).update(where)
        paused = view.state is State.PAUSED
        kind = view.phase.kind
        if self._set("look", (kind, paused)):
            # Classes go on the widgets they style: a class on the screen restyles every widget
            # on it, which measured 20 ms a time.
            look = "-paused" if paused else PHASE_CLASSES[kind]
            for selector in COLOURED:
                widget = self.query_one(selector)
                widget.remove_class(*PHASE_CLASSES.values(), "-paused")
                widget.add_class(look)
            self.query_one(PhaseBar).heavy = kind.is_active
            self.refresh_bindings()  # space starts now while settling in, else it pauses
            self.query_one("#cd-phase", BigText).text = (
                session_words.PAUSED_WORD if paused else session_words.BIG_WORDS[kind]
            )
        side = session_words.big_side(view)
        if self._set("side", side):
            self.query_one("#cd-side", BigText).text = visible(side)
            self.query_one("#cd-side").set_class(not side, "-none")
        detail = session_words.phase_detail(view)
        if paused:
            detail = f"{session_words.PHASE_TITLES[kind]} paused · space carries on"
        if self._set("detail", detail):
            self.query_one("#cd-detail", Label).update(visible(detail))
        seconds = str(view.shown_seconds)
        if self._set("seconds", seconds):
            self.query_one(BigNumber).value = seconds
        bar = self.query_one(PhaseBar)
        if self._set("bar", bar.cells_for(view.fraction_done, view.phase.seconds)):
            bar.show(view.fraction_done, view.phase.seconds)
        moment = self.run.picture(view)
        if self._set("picture", moment):  # a new pose: once a second at most, while getting ready
            picture = self.query_one(PoseView)
            picture.moment = moment
            picture.set_class(moment is not None, "-shown")
        cue = session_words.moment_cue(view)
        if self._set("cue", cue):
            self.query_one("#cd-cue", Static).update(visible(cue))
        following = session_words.coming_next(view, self.run.routine)
        if self._set("next", following):
            self.query_one("#cd-next", Label).update(visible(following))

    # ---- controls --------------------------------------------------------------------------

    def _control(self, events: list[Event]) -> None:
        self._handle(events)
        self.tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space has one meaning at a time, and the footer names it: start now while settling
        in, carry on while paused, else pause."""
        if action == "start_now":
            return self.run.settling
        if action in ("back", "restart_rep"):  # settling in, there is no rep and nothing before
            return not self.run.settling
        if action == "toggle_pause":
            paused = self.run.state is State.PAUSED
            return not self.run.settling and paused == bool(parameters)
        return True

    def action_start_now(self) -> None:
        """Go on to the first exercise without waiting out the time to settle in."""
        self._control(self.run.start_now())

    def action_toggle_pause(self, carry_on: str = "") -> None:
        """Pause or carry on (`carry_on` only tells the footer which of the two it names)."""
        self._paused_for_modal = False
        self._control(self.run.toggle_pause())

    def action_skip(self) -> None:
        """Move on to the next exercise."""
        self._control(self.run.skip())

    def action_back(self) -> None:
        """Go back to the previous exercise."""
        self._control(self.run.back())

    def action_restart_rep(self) -> None:
        """Do the current hold again."""
        self._control(self.run.restart_rep())

    def action_end(self) -> None:
        """Ask whether to end the session; a yes shows the summary."""

        def answered(end: bool | None) -> None:
            if end:
                self._control(self.run.end())

        self.app.push_screen(ConfirmEnd(), answered)

    @property
    def in_progress(self) -> bool:
        """The session has begun and is not over."""
        return self.run.state in (State.RUNNING, State.PAUSED)

    def ask_to_quit(self) -> None:
        """ctrl+q: ask as q does (the clock stops while asking); a yes keeps what was done and
        quits, a no carries on. A signal never asks (the app exits, and unmounting keeps it)."""

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.run.leave()  # ended early and kept, before the app goes
                self.app.exit()

        question = Confirm("Quit lowback?", wording.QUIT_DETAIL, "Quit", "Carry on")
        self.app.push_screen(question, answered)

    def action_hurts(self) -> None:
        """Stop at once because it hurts: no question asked, the reason is kept."""
        self._control(self.run.stop_for_pain())

    def pause_for_stop(self) -> None:
        """lowback was stopped (ctrl+z, SIGTSTP) and runs again: paused where it stopped (the
        app's clock left the stop out), until the person carries on."""
        self._paused_for_modal = False  # closing a window on top must not carry on either
        if self.run.state is State.RUNNING:
            self._control(self.run.pause())

    # ---- anything on top pauses the clock ----------------------------------------------------

    def on_screen_suspend(self) -> None:
        if self.run.state is State.RUNNING:
            self._paused_for_modal = True
            self._control(self.run.pause())

    def on_screen_resume(self) -> None:
        if self._paused_for_modal and self.run.state is State.PAUSED:
            self._paused_for_modal = False
            self._control(self.run.resume())
