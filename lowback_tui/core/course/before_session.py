"""What is offered before a session starts: the gentle routine or a rest on a bad day, and
carrying on today's session that ended early. The Trainer decides; these are its answers."""

from __future__ import annotations

from typing import NamedTuple

from lowback_tui.core import wording

SEVERE_BEFORE = 7
"""A rating before a session from which lowback says so and offers the gentle routine or a rest
day: on the 0-10 scale "7-10 is usually called severe" (../shared/exercises.md, pain scale)."""

GENTLE_ROUTINE = "gentle-start"
"""The bundled routine offered on a bad day and after a session stopped because it hurt."""

GENTLE, REST, CARRY_ON = "gentle", "rest", "carry on"
"""The answers to a `BeforeSession`: the gentle routine this once, a rest day, or carry on."""


class BeforeSession(NamedTuple):
    """What to say, and offer, before a session that may be better gentle (or not at all)."""

    message: str
    gentle: bool
    """The gentle routine is offered (it is not already the one in use)."""
    rest: bool
    """A rest day is offered (the rating before was severe)."""


class CarryOn(NamedTuple):
    """Today's session that ended early, to be carried on from the exercise where it stopped."""

    session_id: int
    start_at: int
    """0-based."""
    exercise: str
    total: int
    """Exercises in the routine."""
    pain_before: int | None

    @property
    def question(self) -> str:
        """The question that offers it (each front end adds how to answer it)."""
        return wording.carry_on_question(self.exercise, self.start_at + 1, self.total)
