"""Plain mode: the same session, one line per change, for screen readers, logs and pipes.

No full screen and no textual: it prints a line at each change of phase ("Knee to chest. Left
leg. Hold 5 seconds."), rings the bell where the app would, and reads commands as lines: Enter
pauses or carries on, s skips, b goes back, r redoes the hold, q ends, ! stops because it hurts.
The session is kept in the history like any other, with the check-ins asked as questions.
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from lowback_tui.core import advice, course, wording
from lowback_tui.core import settings as settings_file
from lowback_tui.core.history_store import HistoryStore
from lowback_tui.core.plan import Kind
from lowback_tui.core.recording import Recording
from lowback_tui.core.routine import Routine
from lowback_tui.core.session import Clock, Event, PhaseStarted, Session, SessionFinished, State
from lowback_tui.core.session_results import Summary

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
    """A session in plain text, written to `out`."""

    def __init__(self, out: TextIO, commands: Commands, clock: Clock = time.monotonic) -> None:
        self.out = out
        self.commands = commands
        self.clock = clock

    def say(self, line: str, bell: bool = False) -> None:
        """One line out, at once (someone may be listening through a screen reader)."""
        self.out.write(("\a" if bell else "") + line + "\n")
        self.out.flush()

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
        """A 0-10 rating, or None when skipped with an empty line."""
        for _ in range(3):
            answer = self.ask(f"{question} 0 (none) to 10 (worst), or Enter to skip:")
            if not answer:
                return None
            if answer.isdigit() and 0 <= int(answer) <= 10:
                return int(answer)
            self.say("Please type a whole number from 0 to 10.")
        return None

    # ---- the whole run ---------------------------------------------------------------------

    def run(self, routine: Routine, store: HistoryStore | None) -> int:
        """Safety (once), the check-in, the session, the summary; the exit status."""
        loaded = settings_file.load()
        if not loaded.settings.safety_read:
            if not self.safety():
                return 0
            if loaded.problem is None:
                settings_file.save(replace(loaded.settings, safety_read=True))
        if store is not None:
            routine = course.with_targets(routine, store.targets(routine.name))
        recording = Recording(store, routine, self.ask_pain("How is your back right now?"))
        if recording.problem:
            self.say(f"Note: {recording.problem}.")
        summary, hurt = self.session(routine, recording)
        self.after(recording, summary, hurt)
        return 0

    def safety(self) -> bool:
        """The safety information; True once the person confirms it."""
        self.say("Before you exercise. " + advice.NOT_CARE)
        self.say("Do not exercise; get medical help now, if you have:")
        for item in advice.URGENT:
            self.say(f"- {item}.")
        self.say(advice.SEE_A_DOCTOR_FIRST)
        self.say("While you exercise:")
        for item in advice.WHILE_EXERCISING:
            self.say(f"- {item}")
        answer = self.ask("Press Enter once you have read this, or type q to stop:")
        return answer is not None and answer.lower() != "q"

    def session(self, routine: Routine, recording: Recording) -> tuple[Summary, bool]:
        """Run the countdown, a line per change; the summary and whether it hurt."""
        session = Session(routine, clock=self.clock)
        self.say(f"{routine.name}: {wording.extent(routine)}. {KEYS}")
        hurt = False
        summary: Summary | None = None
        events = session.start()
        while True:
            recording.keep(events, hurt)
            for event in events:
                if isinstance(event, PhaseStarted):
                    self.say(phase_line(routine, event), bell=event.phase.kind.rings)
                elif isinstance(event, SessionFinished):
                    summary = event.summary
            if summary is not None:
                self.say("Done.", bell=True)
                return summary, hurt
            view = session.view()
            wait = view.seconds_left if view.state is State.RUNNING else None
            try:
                lines = self.commands(wait)
            except KeyboardInterrupt:
                lines = ["q"]
            if lines is None and wait is None:
                lines = ["q"]  # paused, and no more input can come to carry on
            events = session.advance()
            for line in lines or []:
                command = line.lower()
                hurt = hurt or command == "!"
                events += self.control(session, command)

    def control(self, session: Session, command: str) -> list[Event]:
        """Carry out one typed command."""
        actions = {"": session.toggle_pause, "s": session.skip, "b": session.back,
                   "r": session.restart_rep, "q": session.end, "!": session.end}  # fmt: skip
        if command not in actions:
            self.say(KEYS)
            return []
        events = actions[command]()
        if command == "":
            paused = session.state is State.PAUSED
            self.say("Paused. Enter carries on." if paused else "Carrying on.")
        return events

    def after(self, recording: Recording, summary: Summary, hurt: bool) -> None:
        """The summary, the check-in after, and what it means."""
        for record in summary.records:
            self.say(f"{record.name}: {record.outcome.value}, {record.efforts_done} of "
                     f"{record.efforts_planned}.")  # fmt: skip
        self.say(f"{wording.totals(summary)}. {wording.times(summary)}.")
        if hurt:
            self.say(advice.STOPPED_FOR_PAIN)
        pain = self.ask_pain("How is your back now?")
        recording.set_pain_after(pain)
        if rest := advice.pain_went_up(recording.pain_before, pain):
            self.say(rest)
        if recording.not_improving():
            self.say(advice.NOT_IMPROVING)
        for offer in [] if hurt else recording.offers():
            answer = self.ask(f"{offer.name}: done in full twice in a row without more pain. "
                              f"Go up to {offer.reps} reps next time? (y/n)")  # fmt: skip
            recording.decide(offer, (answer or "").lower().startswith("y"))
        if recording.problem:
            self.say(f"Note: {recording.problem}.")


def phase_line(routine: Routine, event: PhaseStarted) -> str:
    """The line said when a phase begins."""
    phase = event.phase
    exercise = routine.exercises[phase.exercise]
    seconds = f"{phase.seconds} second{'s' if phase.seconds != 1 else ''}"
    if phase.kind is Kind.GET_READY:
        where = f", {exercise.position}" if exercise.position else ""
        return f"{exercise.name}{where}. Get ready, {seconds}."
    if phase.kind.is_active:
        parts = [exercise.name]
        if side := wording.side_name(exercise, phase.side):
            parts.append(side[0].upper() + side[1:])
        if exercise.reps > 1:
            parts.append(f"Rep {phase.rep} of {exercise.reps}")
        verb = "Hold" if phase.kind is Kind.HOLD else "Work"
        return ". ".join(parts) + f". {verb} {seconds}."
    if phase.kind is Kind.REST:
        upcoming = routine.exercises[min(phase.exercise + 1, len(routine.exercises) - 1)]
        return f"Rest {seconds}. Next: {upcoming.name}."
    if phase.kind is Kind.RELAX:
        return f"Relax {seconds}."
    return "Switch sides."


def run(routine: Routine, out: TextIO = sys.stdout) -> int:
    """Plain mode on the real terminal (or pipe), with the real clock and history."""
    return Plain(out, LineReader(sys.stdin.fileno())).run(routine, HistoryStore.open())
