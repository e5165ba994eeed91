"""One more rep: when it is offered (two full sessions in a row without pain going up), the
question and what its answer did, and the routine with the reps a person has moved up to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lowback_tui.core.routine.model import Routine

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from lowback_tui.core.history.rows import RecentResult


SESSIONS_IN_A_ROW = 2
"""Full sessions in a row, without more pain, after which one more rep is offered."""


@dataclass(frozen=True)
class Offer:
    """One more rep, offered after two full sessions in a row without pain going up."""

    exercise_id: str
    name: str
    reps: int
    """The reps it would go up to."""


def offers(
    routine: Routine, recent_results: Callable[[str, int], Sequence[RecentResult]]
) -> list[Offer]:
    """The exercises ready for one more rep, given each one's latest finished sessions.

    `recent_results(exercise_id, count)` gives up to `count` of them, newest first. Ready means:
    the exercise has a goal it has not reached, and the last SESSIONS_IN_A_ROW sessions all did
    it fully at the current target, pain did not go up in any, and none of them already asked.
    """
    found = []
    for exercise in routine.exercises:
        if exercise.goal_reps is None or exercise.reps >= exercise.goal_reps:
            continue
        results = recent_results(exercise.id, SESSIONS_IN_A_ROW)
        ready = len(results) == SESSIONS_IN_A_ROW and all(
            result.outcome == "done"
            and result.reps == exercise.reps
            and not result.asked
            and not pain_rose(result.pain_before, result.pain_after)
            for result in results
        )
        if ready:
            found.append(Offer(exercise.id, exercise.name, exercise.reps + 1))
    return found


def pain_rose(before: int | None, after: int | None) -> bool:
    """The back hurt more after a session than before it, by any amount."""
    return before is not None and after is not None and after > before


def with_targets(routine: Routine, targets: dict[str, int]) -> Routine:
    """The routine with the reps the person has moved up to, never past the goal.

    The file wins where it asks for more, and an exercise whose goal was taken out of the file
    goes back to the file's reps.
    """
    exercises = tuple(
        replace(e, reps=max(e.reps, min(targets[e.id], e.goal_reps)))
        if e.id in targets and e.goal_reps is not None
        else e
        for e in routine.exercises
    )
    return replace(routine, exercises=exercises)


def offer_question(offer: Offer) -> str:
    """The question that offers one more rep (each front end adds how to answer it)."""
    return (
        f"{offer.name}: done in full twice in a row, without more pain. "
        f"Go up to {offer.reps} reps next time?"
    )


def offer_answered(offer: Offer, accept: bool) -> str:
    """What an answer to an offer of one more rep did."""
    if accept:
        return f"{offer.name}: {offer.reps} reps from now on."
    return f"{offer.name}: staying at {offer.reps - 1} reps for now."
