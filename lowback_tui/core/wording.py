"""Everything lowback says about routines, sessions and times, in one place.

The screens, plain mode and the command line all take their words from here, so what a person
reads in one can never disagree with another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lowback_tui.core.plan import Kind, Phase, Side, focus, total_seconds
from lowback_tui.core.routine import Exercise, Routine, Sides

if TYPE_CHECKING:  # only a session needs these, and `lowback validate` runs none
    from lowback_tui.core.course import Offer
    from lowback_tui.core.session import View
    from lowback_tui.core.session_results import Summary


def plural(count: int, noun: str) -> str:
    """A count with its noun: "1 problem", "2 problems"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def duration(seconds: int) -> str:
    """A length of time as people say it: "30 s", "1 min", "1 min 30 s"."""
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def long_duration(seconds: float) -> str:
    """A total of time, to the minute once it is long: "2 h 10 min", "45 min", "30 s"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    hours, minutes = divmod(round(whole / 60), 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def about(seconds: int) -> str:
    """A session length rounded for planning: "about 10 min"."""
    if seconds < 60:
        return "under a minute"
    return f"about {round(seconds / 60)} min"


def extent(routine: Routine, between: str = ", ") -> str:
    """How much a routine asks: "7 exercises, about 10 min"."""
    exercises = plural(len(routine.exercises), "exercise")
    return f"{exercises}{between}{about(total_seconds(routine))}"


def side_word(exercise: Exercise) -> str:
    """What one side is called, in the plural: "legs" for "left leg"/"right leg"."""
    left, right = (name.split() for name in exercise.side_names)
    if len(left) == 2 and len(right) == 2 and left[1] == right[1]:
        return left[1] + "s"
    return "sides"


def dose(exercise: Exercise) -> str:
    """The dose of an exercise in words: "5 × 5 s holds per leg, alternating"."""
    length = duration(exercise.effort_seconds)
    if exercise.is_hold:
        what = f"{exercise.reps} × {length} holds" if exercise.reps > 1 else f"one {length} hold"
    else:
        what = length if exercise.reps == 1 else f"{exercise.reps} × {length}"
    if exercise.sides is Sides.NONE:
        return what
    per = side_word(exercise)[:-1]
    if exercise.sides is Sides.ALTERNATE:
        return f"{what} per {per}, alternating"
    return f"{what} per {per}, one {per} then the other"


def goal(exercise: Exercise) -> str:
    """The goal in words, or "" when the exercise has none."""
    if exercise.goal_reps is None:
        return ""
    per = "" if exercise.sides is Sides.NONE else f" per {side_word(exercise)[:-1]}"
    return f"work up to {exercise.goal_reps} reps{per} over the course"


PHASE_TITLES = {
    Kind.GET_READY: "GET READY",
    Kind.HOLD: "HOLD",
    Kind.WORK: "WORK",
    Kind.SWITCH: "SWITCH SIDES",
    Kind.RELAX: "RELAX",
    Kind.REST: "REST",
}


def side_name(exercise: Exercise, side: Side | None) -> str:
    """What the side is called for this exercise: "left leg", or "" with no side."""
    if side is None:
        return ""
    return exercise.side_names[0 if side is Side.LEFT else 1]


def phase_detail(view: View) -> str:
    """The line under the phase title: side and rep while holding, the position before."""
    phase, exercise = view.phase, view.exercise
    if phase.kind is Kind.GET_READY:
        return exercise.position.capitalize() if exercise.position else "Get into position"
    if not phase.kind.is_active:
        return ""
    parts = [side_name(exercise, phase.side)]
    if exercise.reps > 1:
        parts.append(f"rep {phase.rep} of {exercise.reps}")
    return " · ".join(p for p in parts if p)


def coming_next(view: View, routine: Routine) -> str:
    """What follows the current phase, in a few words."""
    following = view.next_phase
    if following is None:
        return "Last one: then you are done"
    upcoming = routine.exercises[following.exercise]
    if following.kind is Kind.GET_READY:
        return f"Next: {upcoming.name}"
    if following.kind is Kind.REST:
        after = routine.exercises[focus(following)]
        return f"Next: rest {duration(following.seconds)}, then {after.name}"
    if following.kind.is_active:
        what = "hold" if following.kind is Kind.HOLD else "work"
        side = side_name(upcoming, following.side)
        where = f", {side}" if side else ""
        first = f"{upcoming.name}: " if following.exercise != view.phase.exercise else ""
        return f"Next: {first}{what} {duration(following.seconds)}{where}"
    return f"Next: {PHASE_TITLES[following.kind].lower()}"


def whereabouts(view: View) -> str:
    """Where the person is in the whole session: "exercise 2 of 7 · about 4 min left"."""
    left = round(view.session_seconds_left)
    time_left = "under a minute left" if left < 60 else f"{about(left)} left"
    return f"exercise {view.exercise_number} of {view.exercise_count} · {time_left}"


def verdict(summary: Summary) -> str:
    """One plain line about how the session went."""
    from lowback_tui.core.session_results import Outcome

    if summary.ended_early:
        return "Ended early. What you did is kept."
    if summary.count(Outcome.DONE) == len(summary.records):
        return "Session complete."
    return "Session complete, with some exercises cut short."


def totals(summary: Summary) -> str:
    """How many exercises ended each way: "5 done · 1 partial · 1 skipped"."""
    from lowback_tui.core.session_results import Outcome

    parts = [f"{summary.count(o)} {o.value}" for o in Outcome if summary.count(o)]
    return " · ".join(parts)


def times(summary: Summary) -> str:
    """Active and elapsed time of the session."""
    active = duration(round(summary.active_seconds))
    elapsed = duration(round(summary.elapsed_seconds))
    return f"Active {active} of {elapsed} in all"


def phase_line(routine: Routine, phase: Phase) -> str:
    """The sentence that announces a phase as it begins, for plain mode and a voice."""
    exercise = routine.exercises[phase.exercise]
    seconds = plural(phase.seconds, "second")
    if phase.kind is Kind.GET_READY:
        where = f", {exercise.position}" if exercise.position else ""
        return f"{exercise.name}{where}. Get ready, {seconds}."
    if phase.kind.is_active:
        parts = [exercise.name]
        if side := side_name(exercise, phase.side):
            parts.append(side[0].upper() + side[1:])
        if exercise.reps > 1:
            parts.append(f"Rep {phase.rep} of {exercise.reps}")
        verb = "Hold" if phase.kind is Kind.HOLD else "Work"
        return ". ".join(parts) + f". {verb} {seconds}."
    if phase.kind is Kind.REST:
        return f"Rest {seconds}. Next: {routine.exercises[focus(phase)].name}."
    if phase.kind is Kind.RELAX:
        return f"Relax {seconds}."
    return "Switch sides."


def offer_question(offer: Offer) -> str:
    """The question that offers one more rep (each front end adds how to answer it)."""
    return (
        f"{offer.name}: done in full twice in a row, without more pain. "
        f"Go up to {offer.reps} reps next time?"
    )


def problems_notice(file_name: str, count: int) -> str:
    """What to tell a person whose routine file has just turned out to have problems."""
    return f"{file_name} has {plural(count, 'problem')}; the last good version is in use"
