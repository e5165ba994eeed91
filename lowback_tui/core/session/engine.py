"""The session engine: walks a routine's phases against an injected monotonic clock.

Time left is always `deadline - now`; the engine never counts ticks, so a late or dropped timer
callback cannot make a session drift. Each phase's deadline is chained from the previous
deadline, not from the moment the screen noticed it. Every call that changes the session
returns the events it caused, for the screen (bells, the summary) and the history store.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from lowback_tui.core.routine.model import Exercise, Routine
from lowback_tui.core.routine.plan import Kind, Phase, Side, focus, phases
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

Clock = Callable[[], float]

PARTIAL_AFTER_SECONDS = 1.0
"""Time in an unfinished hold or effort that makes the exercise partial rather than skipped."""


class State(StrEnum):
    """Where a session is in its life."""

    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class PhaseStarted:
    """A phase began (guidance.Guide says what sounds and is said for it)."""

    phase: Phase


@dataclass(frozen=True)
class ExerciseFinished:
    """The person left an exercise (done, partly done or skipped); sent the moment it happens."""

    record: ExerciseRecord


@dataclass(frozen=True)
class SessionFinished:
    """The session is over, at its planned end or because the person ended it."""

    summary: Summary


Event = PhaseStarted | ExerciseFinished | SessionFinished


@dataclass(frozen=True)
class View:
    """What to show now: a snapshot the screen renders without computing anything itself."""

    phase: Phase
    exercise: Exercise
    """The exercise being done; during a rest, the one coming next."""
    exercise_number: int
    """1-based number of `exercise`."""
    exercise_count: int
    seconds_left: float
    """Of this phase: 0 <= seconds_left <= phase.seconds."""
    session_seconds_left: float
    state: State
    next_phase: Phase | None

    @property
    def shown_seconds(self) -> int:
        """Seconds left rounded up, as a countdown shows them: 5, 4, 3, 2, 1, never 0 mid-phase."""
        whole = int(self.seconds_left)
        return whole + 1 if self.seconds_left > whole else whole

    @property
    def fraction_done(self) -> float:
        """How much of the phase is behind, 0.0 to 1.0."""
        return 1.0 - self.seconds_left / self.phase.seconds


class Session:
    """One run through a routine, controlled by the person and timed by `clock`.

    `start_at` begins at that exercise (0-based) instead of the first, to carry on a session
    that ended early: the exercises before it are not part of this run (its summary leaves them
    out, and going back stops at it).
    """

    def __init__(
        self, routine: Routine, clock: Clock = time.monotonic, *, start_at: int = 0
    ) -> None:
        self.routine = routine
        self.start_at = start_at
        self.clock = clock
        self._phases = list(phases(routine, start_at))
        if not self._phases:
            raise ValueError("a routine with no phases cannot be done")
        if not 0 <= start_at < len(routine.exercises):
            raise ValueError(f"no exercise {start_at + 1} to start at")
        count = len(self._phases)
        self._after = [0] * (count + 1)  # pragma: no mutate (a longer list: its end is never read)
        """Seconds of all the phases from index i on; 0 after the last."""
        for i in range(count - 1, -1, -1):
            self._after[i] = self._after[i + 1] + self._phases[i].seconds
        exercises = len(routine.exercises)
        self._first: dict[int, int] = {}  # exercise index -> its first phase (settling in is
        # before it, once: going back to the exercise later does not settle in again)
        self._planned = [0] * exercises  # holds or efforts per exercise, both sides
        for i, phase in enumerate(self._phases):
            if phase.kind is not Kind.SETTLE:
                self._first.setdefault(phase.exercise, i)
            self._planned[phase.exercise] += phase.kind.is_active
        self._done: list[set[tuple[int, Side | None]]] = [set() for _ in range(exercises)]
        self._active = [0.0] * exercises
        self._index = next(i for i, p in enumerate(self._phases) if p.exercise == start_at)
        """The phase the session is in: at first, settling in before exercise `start_at`."""
        self.state = State.NOT_STARTED
        # Set by start() (and pause()) before anything reads them, hence the pragmas: mutmut
        # would change these first values, and nothing could notice.
        self._deadline = 0.0  # pragma: no mutate (set by start before it is read)
        self._left = 0.0  # pragma: no mutate (read only while paused; pause sets it)
        self._started_at = 0.0  # pragma: no mutate (set by start before it is read)
        self._paused_at = 0.0  # pragma: no mutate (read only while paused; pause sets it)
        self._ended_at: float | None = None
        self._paused_total = 0.0
        self._ended_early = False

    # ---- the clock -------------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Begin the first phase now."""
        if self.state is not State.NOT_STARTED:
            return []
        now = self.clock()
        self._started_at = now
        self.state = State.RUNNING
        first = self._phases[self._index]
        self._deadline = now + first.seconds
        return [PhaseStarted(first)]

    def advance(self) -> list[Event]:
        """Move through every phase whose deadline has passed, all at once."""
        events: list[Event] = []
        now = self.clock()
        while self.state is State.RUNNING and now >= self._deadline:
            ended_at = self._deadline
            self._credit(self._phases[self._index], completed=True)
            if self._index + 1 < len(self._phases):
                self._enter(self._index + 1, ended_at, events)
            else:
                self._finish(ended_at, events)
        return events

    def _left_now(self) -> float:
        phase = self._phases[self._index]
        if self.state is State.RUNNING:
            left = self._deadline - self.clock()
        elif self.state is State.PAUSED:
            left = self._left
        elif self.state is State.NOT_STARTED:
            left = phase.seconds
        else:
            left = 0.0
        return min(max(left, 0.0), float(phase.seconds))

    # ---- controls --------------------------------------------------------------------------

    def pause(self) -> list[Event]:
        """Freeze the time left exactly where it is."""
        events = self.advance()
        if self.state is State.RUNNING:
            self._paused_at = self.clock()
            self._left = self._left_now()
            self.state = State.PAUSED
        return events

    def resume(self) -> list[Event]:
        """Carry on from exactly the time left at the pause."""
        if self.state is State.PAUSED:
            now = self.clock()
            self._paused_total += now - self._paused_at
            self._deadline = now + self._left
            self.state = State.RUNNING
        return self.advance()

    def toggle_pause(self) -> list[Event]:
        """Pause a running session, resume a paused one."""
        return self.resume() if self.state is State.PAUSED else self.pause()

    def start_now(self) -> list[Event]:
        """While settling in before the first exercise: go on to it now (nothing otherwise)."""
        events = self.advance()
        if self.state is State.RUNNING and self._phases[self._index].kind is Kind.SETTLE:
            events += self._jump(self._index + 1)  # settling in is never the last phase
        return events

    def skip(self) -> list[Event]:
        """Leave the exercise for the next one; during a rest, end the rest."""
        events = self.advance()
        resting = self._phases[self._index].kind is Kind.REST
        target = self._focus() + (0 if resting else 1)
        if target >= len(self.routine.exercises):
            return events + self.end()
        return events + self._jump(self._first[target])

    def back(self) -> list[Event]:
        """Go to the start of the previous exercise (the first one restarts)."""
        events = self.advance()
        return events + self._jump(self._first[max(self._focus() - 1, self.start_at)])

    def restart_rep(self) -> list[Event]:
        """Do the current hold again from its start; between two holds, or in the rest after
        them, the hold just done. Any other phase starts again."""
        events = self.advance()
        index = self._index
        current = self._phases[index]
        just_done = self._phases[index - 1] if index else None
        if (
            not current.kind.is_active
            and just_done is not None
            and just_done.kind.is_active
            and just_done.exercise == current.exercise
        ):
            index -= 1
        return events + self._jump(index)

    def end(self) -> list[Event]:
        """Stop here: what is done stays done, the rest is not reached."""
        events = self.advance()
        if self.state in (State.RUNNING, State.PAUSED):
            now = self.clock()
            self._credit(self._phases[self._index], completed=False)
            if self.state is State.PAUSED:
                self._paused_total += now - self._paused_at
            self._ended_early = True
            self._finish(now, events)
        return events

    # ---- what to show -----------------------------------------------------------------------

    def view(self) -> View:
        """A snapshot of the session now (call advance() first to be up to date)."""
        phase = self._phases[self._index]
        focus = self._focus()
        left = self._left_now()
        following = self._phases[self._index + 1] if self._index + 1 < len(self._phases) else None
        return View(
            phase=phase,
            exercise=self.routine.exercises[focus],
            exercise_number=focus + 1,
            exercise_count=len(self.routine.exercises),
            seconds_left=left,
            session_seconds_left=left + self._after[self._index + 1],
            state=self.state,
            next_phase=None if self.state is State.FINISHED else following,
        )

    def summary(self) -> Summary:
        """What was done so far, exercise by exercise."""
        end = self._ended_at if self._ended_at is not None else self.clock()
        paused = self._paused_total
        if self.state is State.PAUSED:
            paused += end - self._paused_at
        return Summary(
            routine_name=self.routine.name,
            records=tuple(
                self._record(i) for i in range(self.start_at, len(self.routine.exercises))
            ),
            elapsed_seconds=end - self._started_at if self.state is not State.NOT_STARTED else 0,
            paused_seconds=paused,
            ended_early=self._ended_early,
        )

    @property
    def on_exercise(self) -> int:
        """The exercise (0-based) of the phase the session is in; in a rest, the one before it."""
        return self._phases[self._index].exercise

    # ---- inside -----------------------------------------------------------------------------

    def _focus(self) -> int:
        """The exercise the person is on; a rest already looks ahead to the next one."""
        return focus(self._phases[self._index])

    def _credit(self, phase: Phase, completed: bool) -> None:
        """Count the time spent in an active phase that is being left (`completed`: at its end)."""
        if not phase.kind.is_active:
            return
        self._active[phase.exercise] += phase.seconds - self._left_now()  # 0 left at the end
        if completed:
            self._done[phase.exercise].add((phase.rep, phase.side))

    def _jump(self, index: int) -> list[Event]:
        """Leave the current phase now, for phase `index` (callers have advanced first)."""
        events: list[Event] = []
        if self.state in (State.RUNNING, State.PAUSED):
            self._credit(self._phases[self._index], completed=False)
            self._enter(index, self.clock(), events)
        return events

    def _enter(self, index: int, at: float, events: list[Event]) -> None:
        """Make phase `index` the current one, starting at time `at`."""
        old, new = self._phases[self._index], self._phases[index]
        leaving = old.kind is not Kind.REST and (
            new.exercise != old.exercise or new.kind is Kind.REST
        )
        if leaving:
            events.append(ExerciseFinished(self._record(old.exercise)))
        self._index = index
        self._deadline = at + new.seconds
        self._left = float(new.seconds)
        events.append(PhaseStarted(new))

    def _finish(self, at: float, events: list[Event]) -> None:
        last = self._phases[self._index]
        if last.kind is not Kind.REST:
            events.append(ExerciseFinished(self._record(last.exercise)))
        self._ended_at = at
        self.state = State.FINISHED
        events.append(SessionFinished(self.summary()))

    def _record(self, index: int) -> ExerciseRecord:
        exercise = self.routine.exercises[index]
        planned = self._planned[index]
        done = len(self._done[index])
        active = self._active[index]
        at = self._phases[self._index]  # where the session is, or where it ended
        ended_on = self._ended_early and index == at.exercise and at.kind is not Kind.REST
        begun = active > 0 or (ended_on and at.kind.is_active)  # a hold or effort had begun
        if done >= planned:
            outcome = Outcome.DONE
        elif done or active >= PARTIAL_AFTER_SECONDS:  # 10 s of a 30 s effort is not nothing
            outcome = Outcome.PARTIAL
        elif (ended_on or index > at.exercise) and not begun:
            outcome = Outcome.NOT_REACHED  # ending a session is not skipping what follows
        else:  # skipped or passed (→, ←), or ended a moment into its first hold
            outcome = Outcome.PARTIAL if ended_on else Outcome.SKIPPED
        return ExerciseRecord(
            index=index,
            exercise_id=exercise.id,
            name=exercise.name,
            outcome=outcome,
            efforts_done=done,
            efforts_planned=planned,
            active_seconds=active,
            planned_active_seconds=float(planned * exercise.effort_seconds),
        )
