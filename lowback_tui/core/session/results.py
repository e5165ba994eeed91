"""What a session leaves behind: a record per exercise and a summary of the whole."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    """How far an exercise got."""

    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    """The person skipped it (→), or passed it on the way (going back), with nothing done."""
    NOT_REACHED = "not reached"
    """The session ended before it: never got to, or ended on it before its first hold or
    effort began."""


@dataclass(frozen=True)
class ExerciseRecord:
    """One exercise of one session."""

    index: int
    """0-based position in the routine."""
    exercise_id: str
    name: str
    outcome: Outcome
    efforts_done: int
    """Holds (or timed efforts) completed, counting both sides."""
    efforts_planned: int
    active_seconds: float
    """Time spent holding or working, paused time excluded."""
    planned_active_seconds: float


@dataclass(frozen=True)
class Summary:
    """A whole session, as the summary screen and the history store see it."""

    routine_name: str
    records: tuple[ExerciseRecord, ...]
    elapsed_seconds: float
    """From start to end on the clock, pauses included."""
    paused_seconds: float
    ended_early: bool

    @property
    def active_seconds(self) -> float:
        """Time spent holding or working over the whole session."""
        return sum(r.active_seconds for r in self.records)

    @property
    def planned_active_seconds(self) -> float:
        """The active time the routine plans for a whole session."""
        return sum(r.planned_active_seconds for r in self.records)

    def count(self, outcome: Outcome) -> int:
        """How many exercises ended with `outcome`."""
        return sum(1 for r in self.records if r.outcome is outcome)
