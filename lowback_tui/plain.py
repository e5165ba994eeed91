"""Plain mode: the same session, one line per change, for screen readers, logs and pipes.

No full screen and no textual: it prints a line at each change of phase ("Left leg, hold, 1 of
5."), the same words a voice says, sounds what the app sounds, and reads commands as lines: Enter
pauses or carries on, s skips, b goes back, r redoes the hold, q ends, ! stops because it hurts.
The session is kept in the history like any other, with the check-ins asked as questions.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO

from lowback_tui.audio.speaker import Speaker
from lowback_tui.core import advice, wording
from lowback_tui.core.before_session import CARRY_ON, GENTLE, REST
from lowback_tui.core.guidance import Cue
from lowback_tui.core.session import Event, SessionFinished, State
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.settings import Loaded, Preferences, Settings
from lowback_tui.core.trainer import Trainer

KEYS = ("Enter pauses or carries on; s skips an exercise, b goes back, r starts the hold again, "
        "q ends, ! stops because it hurts (each followed by Enter).")  # fmt: skip

Commands = Callable[[float | None], list[str] | None]
"""Waits up to the given seconds (None: for ever) for typed lines; None once input has ended."""


class LineReader:
    """Lines typed on a file descriptor, waited for with a timeout (a terminal or a pipe)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.ended = False

    def __call__(self, timeout: float | None) -> list[str] | None:
        if self.ended:
            if timeout is not None:
                time.sleep(max(timeout, 0))
            return None
        ready, _, _ = select.select([self.fd], [], [], None if timeout is None else max(timeout, 0))
        if not ready:
            return []
        chunk = os.read(self.fd, 4096)
        if not chunk:
            self.ended = True
            return None
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        return [line.decode("utf-8", "replace").strip() for line in lines]


class Plain:
    """A session in plain text, written to `out`, controlled by typed `commands`."""

    def __init__(self, out: TextIO, commands: Commands) -> None:
        self.out = out
        self.commands = commands
        self.speaker: Speaker = Speaker(Preferences(Loaded(Settings(sound="off"))), self.bell)
        """Set for the person's settings by `run`."""

    def say(self, line: str) -> None:
        """One line out, at once (someone may be listening through a screen reader)."""
        self.out.write(line + "\n")
        self.out.flush()

    def bell(self) -> None:
        """The terminal bell, where no tones can be played."""
        self.out.write("\a")
        self.out.flush()

    def play(self, cues: Sequence[Cue]) -> None:
        """An Announcer: print each announcement, and sound and speak every cue with it."""
        for cue in cues:
            if cue.urgent:
                self.say(cue.words)
        self.speaker.play(cues)

    def hush(self) -> None:
        """Stop the voice (a pause)."""
        self.speaker.hush()

    def ask(self, question: str) -> str | None:
        """A question answered by one line; None when input has ended."""
        self.out.write(question + " ")
        self.out.flush()
        while True:
            lines = self.commands(None)
            if lines is None:
                self.out.write("\n")
                return None
            if lines:
                return lines[0]

    def ask_pain(self, question: str) -> int | None:
        """A 0-10 rating, or None when skipped with an empty line (or after three tries)."""
        for _ in range(3):
            answer = self.ask(f"{question} 0 (none) to 10 (worst), or Enter to skip:")
            answer = None if answer is None else answer.strip()
            if not answer:
                return None
            # ASCII digits only ("²".isdigit() is true, but int() refuses it), and two at most.
            if len(answer) <= 2 and answer.isascii() and answer.isdigit() and int(answer) <= 10:
                return int(answer)
            self.say("Please type a whole number from 0 to 10, or Enter to skip.")
        self.say("Skipped: no rating recorded.")
        return None

    # ---- the whole run ---------------------------------------------------------------------

    def run(self, trainer: Trainer) -> int:
        """Safety (once), the check-in, the session, the summary; the exit status."""
        if trainer.needs_safety_check:
            if not self.safety():
                return 0
            trainer.confirm_safety()
        self.speaker = Speaker(trainer.preferences, self.bell)
        run = self.begin(trainer)
        if run is None:
            return 0
        if run.problem:
            self.say(f"Note: {run.problem}.")
        self.session(run)
        self.after(run)
        return 0

    def begin(self, trainer: Trainer) -> SessionRun | None:
        """Carry on today's session that ended early, or ask how the back is and start one
        (gentle, or none, on a bad day); None when the person rests today."""
        carry_on = trainer.carry_on()
        if carry_on is not None:
            self.say(wording.CARRY_ON_DETAIL)
            answer = self.ask(f"{carry_on.question} (y carries on, n starts again)")
            if (answer or "").lower().startswith("y"):
                return trainer.start_session(None, announcer=self, carry_on=carry_on)
        pain = self.ask_pain("How is your back right now?")
        before = trainer.before_session(pain)
        gentle = False
        if before is not None:
            self.say(before.message)
            keys = {"g": GENTLE} if before.gentle else {}
            keys |= {"r": REST} if before.rest else {}
            offered = ", ".join(f"{key} {what}" for key, what in keys.items())
            answer = self.ask(f"{offered}{', ' if offered else ''}or c to carry on:") or ""
            choice = keys.get(answer.strip().lower()[:1], CARRY_ON)
            if choice == REST:
                self.say(wording.REST_TODAY)
                return None
            gentle = choice == GENTLE
        return trainer.start_session(pain, announcer=self, gentle=gentle)

    def safety(self) -> bool:
        """The safety information; True once the person confirms it."""
        self.say("Before you exercise. " + advice.NOT_CARE)
        for n, (head, items) in enumerate(advice.safety_sections()):
            self.say(head)
            for item in items:
                self.say(f"- {item}" if item.endswith((".", "!", "?")) else f"- {item}.")
            if n == 1:  # after both tiers of warning signs
                self.say(advice.SEE_A_DOCTOR_FIRST)
        answer = self.ask("Press Enter once you have read this, or type q to stop:")
        return answer is not None and answer.lower() != "q"

    def session(self, run: SessionRun) -> None:
        """Run the countdown, a line per change, until the session is over."""
        routine = run.routine
        self.say(f"{routine.name}: {wording.extent(routine)}. {KEYS}")
        self.say(self.speaker.describe())
        events = run.start()  # each change is printed as it is announced (see play)
        while True:
            if any(isinstance(event, SessionFinished) for event in events):
                return
            view = run.view()
            running = view.state is State.RUNNING
            wait = min(view.seconds_left, run.seconds_to_next_cue()) if running else None
            try:
                lines = self.commands(wait)
            except KeyboardInterrupt:
                lines = ["q"]
            if lines is None and wait is None:
                lines = ["q"]  # paused, and no more input can come to carry on
            events = run.advance()
            for line in lines or []:
                events += self.control(run, line.lower())

    def control(self, run: SessionRun, command: str) -> list[Event]:
        """Carry out one typed command."""
        actions = {"": run.toggle_pause, "s": run.skip, "b": run.back, "r": run.restart_rep,
                   "q": run.end, "!": run.stop_for_pain}  # fmt: skip
        if command not in actions:
            self.say(KEYS)
            return []
        events = actions[command]()
        if command == "":
            paused = run.state is State.PAUSED
            self.say("Paused. Enter carries on." if paused else "Carrying on.")
        return events

    def after(self, run: SessionRun) -> None:
        """The summary, the check-in after, and what follows from it."""
        summary = run.summary
        assert summary is not None, "the session is over"
        for record in summary.records:
            self.say(f"{record.name}: {record.outcome.value}, {record.efforts_done} of "
                     f"{record.efforts_planned}.")  # fmt: skip
        self.say(f"{wording.totals(summary)}. {wording.times(summary)}.")
        if run.stopped_for_pain:
            self.say(advice.STOPPED_FOR_PAIN)
        after = run.check_in_after(self.ask_pain("How is your back now?"))
        for text in (after.pain_advice, after.trend_advice):
            if text:
                self.say(text)
        for offer in after.offers:
            answer = self.ask(f"{wording.offer_question(offer)} (y/n)")
            run.decide(offer, (answer or "").lower().startswith("y"))
        if run.problem:
            self.say(f"Note: {run.problem}.")


def run(trainer: Trainer, out: TextIO = sys.stdout) -> int:
    """Plain mode on the real terminal (or pipe), with the real clock and history."""
    trainer.open_history()  # a history that is not being saved is said as the session starts
    return Plain(out, LineReader(sys.stdin.fileno())).run(trainer)
