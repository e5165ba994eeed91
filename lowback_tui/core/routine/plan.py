"""The planned sequence of phases a routine is done in.

This is the one place that says what a session consists of: the list screen's time estimate and
the session engine both walk this sequence, so the estimate is the session's plan, not a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import NamedTuple

from lowback_tui.core.routine.model import Exercise, Level, Routine, Sides, level_of


class Kind(StrEnum):
    """What a phase asks of the person."""

    SETTLE = "settle in"
    """Before a session's first exercise: time to get down to the floor or into place
    (the routine's start_seconds); it can be ended at once."""
    GET_READY = "get ready"
    HOLD = "hold"
    WORK = "work"
    SWITCH = "switch sides"
    RELAX = "relax"
    REST = "rest"

    @property
    def is_active(self) -> bool:
        """True for the phases that count as exercise time."""
        return self in (Kind.HOLD, Kind.WORK)


class Side(StrEnum):
    """The side of the body a hold is on."""

    LEFT = "left"
    RIGHT = "right"


class Phase(NamedTuple):
    """One stretch of time in a session.

    A NamedTuple rather than a frozen dataclass: a long routine has tens of thousands of phases,
    and these are several times quicker to make.
    """

    kind: Kind
    seconds: int
    exercise: int
    """0-based index of the exercise this phase belongs to (a rest belongs to the one before)."""
    rep: int = 0
    """1-based rep of an active phase (per side); 0 for the phases between."""
    side: Side | None = None


def _efforts(exercise: Exercise) -> list[tuple[int, Side | None]]:
    """The (rep, side) of every hold or effort of an exercise, in order."""
    reps = range(1, exercise.reps + 1)
    if exercise.sides is Sides.ALTERNATE:
        return [(rep, side) for rep in reps for side in (Side.LEFT, Side.RIGHT)]
    if exercise.sides is Sides.EACH:
        return [(rep, side) for side in (Side.LEFT, Side.RIGHT) for rep in reps]
    return [(rep, None) for rep in reps]


def level_change(routine: Routine, index: int) -> tuple[Level, Level] | None:
    """The levels from exercise `index` to the next (floor to standing, say), when they differ;
    None when they are the same, either is not known, or there is no next."""
    if index + 1 >= len(routine.exercises):
        return None
    here, there = (level_of(e) for e in routine.exercises[index : index + 2])
    return (here, there) if here is not None and there is not None and here != there else None


def rest_seconds(routine: Routine, index: int) -> int:
    """The rest after exercise `index`: its own, but at least the routine's start_seconds where
    the next exercise is at another level (getting up or down takes time); 0 after the last."""
    if index + 1 >= len(routine.exercises):
        return 0
    rest = routine.timing_for(routine.exercises[index]).rest_seconds
    if level_change(routine, index) is not None:
        return max(rest, routine.timing.start_seconds)
    return rest


def exercise_phases(routine: Routine, index: int) -> Iterator[Phase]:
    """The phases of one exercise, from its get-ready to its rest (none after the last)."""
    exercise = routine.exercises[index]
    timing = routine.timing_for(exercise)
    active = Kind.HOLD if exercise.is_hold else Kind.WORK
    if timing.get_ready_seconds:
        yield Phase(Kind.GET_READY, timing.get_ready_seconds, index)
    efforts = _efforts(exercise)
    for n, (rep, side) in enumerate(efforts):
        if n:
            between = Kind.SWITCH if side is not efforts[n - 1][1] else Kind.RELAX
            seconds = timing.switch_seconds if between is Kind.SWITCH else timing.relax_seconds
            if seconds:
                yield Phase(between, seconds, index)
        yield Phase(active, exercise.effort_seconds, index, rep, side)
    if rest := rest_seconds(routine, index):
        yield Phase(Kind.REST, rest, index)


def focus(phase: Phase) -> int:
    """The exercise a phase is about: its own, except that a rest looks ahead to the next one.

    A rest is never the last phase (see exercise_phases), so there always is a next one.
    """
    return phase.exercise + 1 if phase.kind is Kind.REST else phase.exercise


def phases(routine: Routine, start_at: int = 0) -> Iterator[Phase]:
    """Every phase of a whole session of the routine, in order, with the time to settle in
    before exercise `start_at` (the first, or the one a session carried on begins at)."""
    for index in range(len(routine.exercises)):
        if index == start_at and routine.timing.start_seconds:
            yield Phase(Kind.SETTLE, routine.timing.start_seconds, index)
        yield from exercise_phases(routine, index)


def total_seconds(routine: Routine) -> int:
    """How long a session of the routine takes if nothing is paused or skipped."""
    return sum(p.seconds for p in phases(routine))


def active_seconds(routine: Routine) -> int:
    """The time spent holding or working, without the phases between."""
    return sum(p.seconds for p in phases(routine) if p.kind.is_active)
