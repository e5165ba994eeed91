"""Routines and times in plain words, the same on the screen and on the command line."""

from __future__ import annotations

from lowback_tui.routine import Exercise, Sides


def duration(seconds: int) -> str:
    """A length of time as people say it: "30 s", "1 min", "1 min 30 s"."""
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def about(seconds: int) -> str:
    """A session length rounded for planning: "about 10 min"."""
    if seconds < 60:
        return "under a minute"
    return f"about {round(seconds / 60)} min"


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
