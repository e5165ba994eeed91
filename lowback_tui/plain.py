"""Plain mode: the same session, one line per change, for screen readers, logs and pipes.

No full screen and no textual: it prints a line at each change of phase ("Left leg, hold, 1 of
5."), the same words a voice says, sounds what the app sounds, and reads commands as lines: Enter
pauses or carries on, s skips, b goes back, r redoes the hold, q ends, ! stops because it hurts.
The session is kept in the history like any other, with the check-ins asked as questions.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Sequence
from types import FrameType
from typing import TextIO

from lowback_tui.audio.speaker import Speaker
from lowback_tui.core import wording
from lowback_tui.core.course import advice, one_more_rep
from lowback_tui.core.safe_text import visible
from lowback_tui.core.session import words as session_words
from lowback_tui.core.session.engine import Event, SessionFinished, State
from lowback_tui.core.session.guidance import Cue, Say
from lowback_tui.core.session.results import Outcome
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.settings import Loaded, Preferences, Settings
from lowback_tui.core.trainer import Trainer
from lowback_tui.desktop.awake import DesktopAwake
from lowback_tui.plain_steps import InputEnded, begin
from lowback_tui.plain_terminal import (
    ENDING_SIGNALS,
    TOO_LONG,
    Commands,
    LineReader,
    OutputLost,
    Signalled,
)

KEYS = ("Enter pauses or carries on (while you settle in, it starts at once); s skips an "
        "exercise, b goes back, r starts the hold again, q ends, ! stops because it hurts (each "
        "followed by Enter).")  # fmt: skip


class Plain:
    """A session in plain text, written to `out`, controlled by typed `commands`; what went wrong
    is said on `err` (stderr by default)."""

    def __init__(self, out: TextIO, commands: Commands, err: TextIO | None = None) -> None:
        self.out = out
        self.err = err
        self.commands = commands
        self.pending: deque[str] = deque()
        """Lines typed (or piped) and not yet used: several can arrive at once, each is an
        answer or a command in turn, and none is dropped."""
        self.ended = False
        """No more input can come."""
        self.noted: set[str] = set()
        self.speaker: Speaker = Speaker(Preferences(Loaded(Settings(sound="off"))), self.bell)
        """Set for the person's settings by `run`."""
        self.awake: DesktopAwake | None = None
        """Keeps the screen awake while the session's clock runs; set by `run`."""
        self.current: SessionRun | None = None
        """The session under way."""
        self._waiting = False
        self._stop_asked = False
        self.signalled: int | None = None
        """SIGTERM or SIGHUP came: the run ends at its next wait (see `end_on_signal`)."""
        self._can_end = False

    def _write(self, text: str) -> None:
        try:
            self.out.write(text)
            self.out.flush()
        except OSError as error:
            raise OutputLost(error) from error

    def say(self, line: str) -> None:
        """One line out, at once (someone may be listening through a screen reader). Every
        control character in it is written as a visible escape: names and notices come from
        files and the history."""
        self._write(visible(line) + "\n")

    def note(self, message: str) -> None:
        """Something the person should know, said once however often it is found."""
        if message not in self.noted:
            self.noted.add(message)
            self.say(f"Note: {message}.")

    def complain(self, line: str) -> None:
        """One line on stderr (if there is one): why lowback stops."""
        err = self.err or sys.stderr
        if err is not None:
            try:
                err.write(f"lowback: {visible(line)}\n")
                err.flush()
            except OSError:
                pass  # nowhere left to say it; the exit status says it

    def bell(self) -> None:
        """The terminal bell, where no tones can be played."""
        self._write("\a")

    def play(self, cues: Sequence[Cue]) -> None:
        """An Announcer: print each announcement (not a count, nor what is said after the
        session, which is printed as the summary and its questions), and sound and speak every
        cue."""
        for cue in cues:
            if cue.say is Say.NOW:
                self.say(cue.words)
        self.speaker.play(cues)

    def hush(self) -> None:
        """Stop the voice (a pause)."""
        self.speaker.hush()

    def _wait(self, timeout: float | None) -> bool:
        """Wait up to `timeout` seconds (None: for ever) for a line, unless one is pending;
        False once input has ended."""
        if self.pending:
            return True
        self._can_end = True  # a signal from here on ends the run at once (end_on_signal)
        try:
            if self.signalled is not None:
                raise Signalled(self.signalled)
            if self.ended:
                self.commands(timeout)  # waits out the timeout, as the clock must move on
                return False
            lines = self.commands(timeout)
        finally:
            self._can_end = False
        if lines is None:
            self.ended = True
            return False
        self.pending.extend(lines)
        return True

    def ask(self, question: str) -> str | None:
        """A question answered by the next line; None when input has ended."""
        self._write(visible(question) + " ")
        while not self.pending:
            if not self._wait(None):
                self._write("\n")
                return None
        return self.pending.popleft()

    def ask_pain(self, question: str) -> int | None:
        """A 0-10 rating, or None when skipped with an empty line (or after three tries)."""
        for _ in range(3):
            answer = self.ask(f"{question} 0 (none) to 10 (worst), or Enter to skip:")
            answer = None if answer is None else answer.strip()
            if not answer:
                return None
            if answer == TOO_LONG:
                self.say("That line was too long to read; please type a whole number from 0 to "
                         "10, or Enter to skip.")  # fmt: skip
                continue
            # ASCII digits only ("²".isdigit() is true, but int() refuses it), and two at most.
            if len(answer) <= 2 and answer.isascii() and answer.isdigit() and int(answer) <= 10:
                return int(answer)
            self.say("Please type a whole number from 0 to 10, or Enter to skip.")
        self.say("Skipped: no rating recorded.")
        return None

    # ---- the whole run ---------------------------------------------------------------------

    def run(self, trainer: Trainer) -> int:
        """The notices, safety (once), the check-in, the session, the summary; the exit status:
        1 when the input ended before a session could begin (nothing is started then).

        Whatever stops it (ctrl+c, output that cannot be written), a session under way is
        ended and kept before the exception goes on.
        """
        try:
            code = self._run(trainer)
            self.speaker.finish()  # the words after a session (the advice too), said to the end
            return code
        except InputEnded:
            self.complain("the input ended before a session began; nothing was started")
            return 1
        except BaseException:
            if self.current is not None:
                self.current.leave()
            raise
        finally:
            self.speaker.close()  # no sound or voice outlives the run (child_processes.py)
            if self.awake is not None:
                self.awake.release()  # nor a screen kept awake (desktop/awake.py)

    def _run(self, trainer: Trainer) -> int:
        problem = trainer.preferences.problem
        if problem is not None:
            self.note(f"{problem}; using the defaults")
        for notice in trainer.open_history():  # a damaged history moved aside, one not kept
            self.note(notice)
        self.speaker = Speaker(trainer.preferences, self.bell)
        self.awake = DesktopAwake(trainer.preferences)
        run = begin(self, trainer, self.awake)
        if run is None:
            return 0
        self.current = run
        if run.problem:
            self.note(run.problem)
        self.session(run)
        self.after(run)
        self.current = None
        if (course := trainer.course_status()) is not None:
            self.say(f"Your course: {course}.")
        return 0

    def session(self, run: SessionRun) -> None:
        """Run the countdown, a line per change, until the session is over; each line typed is
        one command, in order."""
        routine = run.routine
        self.say(f"{routine.name}: {wording.extent(routine)}. {KEYS}")
        self.say(self.speaker.describe())
        stop = getattr(signal, "SIGTSTP", None)  # none on Windows; handlers in one thread only
        if threading.current_thread() is not threading.main_thread():
            stop = None
        previous = signal.signal(stop, self._on_stop) if stop is not None else None
        try:
            self._countdown(run)
        finally:
            if stop is not None:
                signal.signal(stop, previous)

    def _countdown(self, run: SessionRun) -> None:
        events = run.start()  # each change is printed as it is announced (see play)
        described = 0
        while not any(isinstance(event, SessionFinished) for event in events):
            view = run.view()
            if view.exercise_number != described:  # a rest introduces the exercise after it
                described = view.exercise_number  # the picture in words, once per exercise
                if words := wording.picture_words(view.exercise):
                    self.say(words)
            running = view.state is State.RUNNING
            wait = min(view.seconds_left, run.seconds_to_next_cue()) if running else None
            self._waiting = True  # a ctrl+z from here on pauses the run at once (_on_stop)
            try:
                if self._stop_asked:
                    self._stop_asked = False
                    self._stop(run)
                    wait = None
                more = self._wait(wait)
            finally:
                self._waiting = False
            events = run.advance()
            if any(isinstance(event, SessionFinished) for event in events):
                return  # what is still pending answers the questions after it
            if self.pending:
                events += self.control(run, self.pending.popleft().lower())
            elif not more and wait is None:
                events += run.end()  # paused, and no more input can come to carry on

    def end_on_signal(self, signum: int, frame: FrameType | None) -> None:
        """SIGTERM or SIGHUP: end as the app does, the session under way kept as ended early
        with the hold so far (`run` leaves it). While waiting for a line the run ends at once;
        otherwise (it is writing the history, say) at its next wait, a moment later."""
        if self.signalled is None:
            self.signalled = signum
        if self._can_end:
            raise Signalled(signum)

    def _on_stop(self, signum: int, frame: FrameType | None) -> None:
        """ctrl+z (SIGTSTP): the time stopped is not time held. While the loop waits, the run
        is paused at once; otherwise (it is changing the run) the loop does it before it waits
        again, a moment later."""
        if self._waiting and self.current is not None:
            self._stop(self.current)
        else:
            self._stop_asked = True

    def _stop(self, run: SessionRun) -> None:
        """Pause the run, stop the process as ctrl+z would, and say so once it is continued."""
        paused = run.state is State.RUNNING
        if paused:
            run.pause()
        stop_process()
        if paused:
            self.say("Paused. Enter carries on.")

    def control(self, run: SessionRun, command: str) -> list[Event]:
        """Carry out one typed command."""
        actions = {"": run.toggle_pause, "s": run.skip, "b": run.back, "r": run.restart_rep,
                   "q": run.end, "!": run.stop_for_pain}  # fmt: skip
        if command not in actions:
            self.say(KEYS)
            return []
        if command == "" and run.settling:
            return run.start_now()  # the get-ready that follows is said as it begins
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
            if record.outcome is Outcome.NOT_REACHED:
                self.say(f"{record.name}: {record.outcome.value}.")
            else:
                self.say(f"{record.name}: {record.outcome.value}, {record.efforts_done} of "
                         f"{record.efforts_planned}.")  # fmt: skip
        self.say(f"{session_words.totals(summary)}. {session_words.times(summary)}.")
        if run.stopped_for_pain:
            self.say(advice.STOPPED_FOR_PAIN)
        after = run.check_in_after(self.ask_pain(run.question_after()))
        for text in (after.pain_advice, after.trend_advice):
            if text:
                self.say(text)
        for offer in after.offers:
            answer = self.ask(f"{one_more_rep.offer_question(offer)} (y/n)")
            accept = (answer or "").lower().startswith("y")
            run.decide(offer, accept)
            self.say(one_more_rep.offer_answered(offer, accept))
        if run.problem:
            self.note(run.problem)  # if it began during the session


def stop_process() -> None:
    """Stop as ctrl+z does, until continued (SIGCONT). SIGSTOP, not SIGTSTP: the kernel drops a
    SIGTSTP left to its default action in an orphaned process group (lowback started in the
    background of a shell that has gone, as CI runs it), and the stop asked for never came."""
    os.kill(os.getpid(), signal.SIGSTOP)


def run(trainer: Trainer) -> int:
    """Plain mode on the real terminal (or pipe), with the real clock and history; the exit
    status. No input or no output at all is one line on stderr and status 1; output that
    fails on the way (a full disk) ends the session, kept, with one line and status 1; SIGTERM
    and SIGHUP end it, kept, with one line and 128 + the signal (as the app)."""
    plain = Plain(sys.stdout, LineReader(-1))
    if sys.stdin is None or sys.stdout is None:
        plain.complain(f"no {'input' if sys.stdin is None else 'output'}: "
                       f"std{'in' if sys.stdin is None else 'out'} is closed")  # fmt: skip
        return 1
    plain.commands = LineReader(sys.stdin.fileno())
    before = {signum: signal.signal(signum, plain.end_on_signal) for signum in ENDING_SIGNALS}
    code, failure = 0, ""
    try:
        code = plain.run(trainer)
    except OutputLost as lost:  # after SIGHUP, a write to the terminal gone: the signal says
        code, failure = 1, f"cannot write the output: {lost}"
    except Signalled:
        pass
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    if plain.signalled is not None:
        code, failure = 128 + plain.signalled, f"ended by {signal.Signals(plain.signalled).name}"
    if failure:
        plain.complain(
            failure + ("; the session so far is kept" if plain.current is not None else "")
        )
    return code
