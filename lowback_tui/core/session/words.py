"""What lowback says during and right after a session: the phase's title and big words, the
line under it, the cue of each moment, what comes next, where the person is, and the summary's
lines.

The countdown, plain mode and the voice take these words from here (the general words, doses and
durations, are `core/wording.py`), so what one says the other never contradicts.
"""

from __future__ import annotations

from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, Phase, Side, focus
from lowback_tui.core.session.engine import View
from lowback_tui.core.session.results import Outcome, Summary
from lowback_tui.core.wording import about, duration, side_name, switch_to

PHASE_TITLES = {
    Kind.SETTLE: "SETTLE IN",
    Kind.GET_READY: "GET READY",
    Kind.HOLD: "HOLD",
    Kind.WORK: "WORK",
    Kind.SWITCH: "SWITCH SIDES",
    Kind.RELAX: "RELAX",
    Kind.REST: "REST",
}


BIG_WORDS = {
    Kind.SETTLE: "SETTLE IN",
    Kind.GET_READY: "GET READY",
    Kind.HOLD: "HOLD",
    Kind.WORK: "WORK",
    Kind.SWITCH: "SWITCH",
    Kind.RELAX: "RELAX",
    Kind.REST: "REST",
}
"""The phase in big letters on the countdown: short, to be as large as the terminal allows."""
PAUSED_WORD = "PAUSED"


def _effort_in_view(view: View) -> Phase | None:
    """The effort on now, or the one this phase leads into within the same exercise."""
    phase, following = view.phase, view.next_phase
    if phase.kind.is_active:
        return phase
    if phase.kind is Kind.REST or following is None or not following.kind.is_active:
        return None
    return following if following.exercise == phase.exercise else None


def big_side(view: View) -> str:
    """LEFT or RIGHT, in big letters, for the effort on now or coming next; "" without sides."""
    effort = _effort_in_view(view)
    if effort is None or effort.side is None:
        return ""
    return "LEFT" if effort.side is Side.LEFT else "RIGHT"


def phase_detail(view: View) -> str:
    """The line under the phase: the side and rep of the effort on now or next, or the position
    to get into."""
    phase, exercise = view.phase, view.exercise  # during a rest, the exercise coming next
    if phase.kind in (Kind.SETTLE, Kind.GET_READY, Kind.REST):
        return exercise.position.capitalize() if exercise.position else "Get into position"
    effort = _effort_in_view(view)
    if effort is None:
        return ""
    parts = [side_name(exercise, effort.side)]
    if exercise.reps > 1:
        parts.append(f"rep {effort.rep} of {exercise.reps}")
    said = " · ".join(p for p in parts if p)
    return said if phase.kind.is_active else f"next: {said}"


def moment_cue(view: View) -> str:
    """What to do at this moment: get into position, the effort itself, or letting go; during a
    rest, how to get into the next exercise's position."""
    exercise, kind = view.exercise, view.phase.kind
    if kind in (Kind.SETTLE, Kind.GET_READY, Kind.REST):
        return exercise.get_ready_cue or (exercise.cues[0] if exercise.cues else "")
    if kind.is_active:
        return exercise.effort_cue
    return exercise.let_go_cue


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
    if following.kind is Kind.SWITCH and view.phase.side is not None:  # to the other side
        other = Side.RIGHT if view.phase.side is Side.LEFT else Side.LEFT
        return f"Next: {switch_to(upcoming, other)}"
    return f"Next: {PHASE_TITLES[following.kind].lower()}"


def whereabouts(view: View) -> str:
    """Where the person is in the whole session: "exercise 2 of 7 · about 4 min left"."""
    left = round(view.session_seconds_left)
    time_left = "under a minute left" if left < 60 else f"{about(left)} left"
    return f"exercise {view.exercise_number} of {view.exercise_count} · {time_left}"


def verdict(summary: Summary) -> str:
    """One plain line about how the session went."""
    if summary.ended_early:
        return "Ended early. What you did is kept."
    if summary.count(Outcome.DONE) == len(summary.records):
        return "Session complete."
    return "Session complete, with some exercises cut short."


def totals(summary: Summary) -> str:
    """How many exercises ended each way: "5 done · 1 partial · 1 skipped"."""
    parts = [f"{summary.count(o)} {o.value}" for o in Outcome if summary.count(o)]
    return " · ".join(parts)


def times(summary: Summary) -> str:
    """Active and elapsed time of the session."""
    active = duration(round(summary.active_seconds))
    elapsed = duration(round(summary.elapsed_seconds))
    return f"Active {active} of {elapsed} in all"


SESSION_DONE = "Session done."
"""Said and printed as a session ends."""
BACK_NOW = "How is your back now?"
"""The question after a session (each front end adds how to answer it)."""
