"""Everything lowback says about routines, sessions and times, in one place.

The screens, plain mode and the command line all take their words from here, so what a person
reads in one can never disagree with another.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lowback_tui.core.routine.model import Exercise, Level, Routine, Sides
from lowback_tui.core.routine.plan import Side, total_seconds

if TYPE_CHECKING:  # only a session needs these, and `lowback validate` runs none
    pass


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


def side_name(exercise: Exercise, side: Side | None) -> str:
    """What the side is called for this exercise: "left leg", or "" with no side."""
    if side is None:
        return ""
    return exercise.side_names[0 if side is Side.LEFT else 1]


def switch_to(exercise: Exercise, side: Side) -> str:
    """A switch to `side`, in words: "switch to the right leg", "switch: twist right"."""
    name = side_name(exercise, side)
    return f"switch to the {name}" if name.startswith(("left", "right")) else f"switch: {name}"


def picture_words(exercise: Exercise) -> str:
    """The exercise's picture in words, for where no drawing is shown (plain mode, a screen
    reader): its own description, and its second view's after it; "" when it has no picture."""
    if exercise.picture is None:
        return ""
    said = f"The position: {_sentence(exercise.picture.description)}"
    if (second := exercise.picture.second) is not None:
        said += f" {_sentence(second.description)}"
    return said


def _sentence(words: str) -> str:
    """`words` ending as a sentence does."""
    words = words.strip()
    return words + ("" if words.endswith((".", "!", "?")) else ".")


def listing(items: Sequence[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"; where an item has a comma,
    "and" or "or" of its own, "a, and b or c" and "a; b or c; and d"."""
    if len(items) < 2:
        return "".join(items)
    *most, last = items
    if not any(" or " in item or " and " in item or "," in item for item in items):
        return f"{', '.join(most)} and {last}"
    if len(items) == 2:
        return f"{most[0]}, and {last}"
    return f"{'; '.join(most)}; and {last}"


def equipment_from(routine: Routine, index: int) -> tuple[str, ...]:
    """Everything the exercises from `index` on need, each once, in the order first needed."""
    return tuple(dict.fromkeys(item for e in routine.exercises[index:] for item in e.equipment))


def sentence(text: str) -> str:
    """`text` ending as a sentence does (a cue written without its full stop gets one)."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def named(exercise: Exercise) -> str:
    """An exercise's name with its position: "Knee to chest, lying on your back"."""
    return f"{exercise.name}, {exercise.position}" if exercise.position else exercise.name


_HEIGHT = {Level.FLOOR: 0, Level.CHAIR: 1, Level.STANDING: 2}


def level_words(change: tuple[Level, Level]) -> str:
    """What to say at a change of level: "take your time getting up" (or down)."""
    here, there = change
    return f"take your time getting {'up' if _HEIGHT[there] > _HEIGHT[here] else 'down'}"


def problems_notice(file_name: str, count: int) -> str:
    """What to tell a person whose routine file has just turned out to have problems."""
    return f"{file_name} has {plural(count, 'problem')}; the last good version is in use"


QUIT_DETAIL = "The session ends here; what you have done so far is kept."
"""Said when ctrl+q asks before quitting mid-session."""


def bad_day(pain: int, gentle: bool) -> str:
    """Said before a session when the back is rated severe (7 or more)."""
    instead = "the gentle routine or a rest day" if gentle else "a rest day"
    return (
        f"{pain}/10 is severe pain. On a day like this {instead} may be kinder to your back; "
        "if the pain is new, spreading or getting worse, see a doctor first."
    )


def after_pain_stop(exercise: str, gentle: bool) -> str:
    """Said before the session after one stopped because it hurt (`exercise`: "" if unknown)."""
    what = f"{exercise} hurt" if exercise else "it hurt"
    then = " The gentle routine may suit today better." if gentle else ""
    return f"Last time you stopped because {what}; go easy on it or leave it out.{then}"


REST_TODAY = (
    "Rest today, then. A day off on a bad day is part of looking after your back, and the course "
    "carries on when you come back. Moving gently (a short walk) usually helps more than lying "
    "still; if the pain stays severe or gets worse, see a doctor or physiotherapist."
)
"""Said when the person takes a rest day instead of a session."""


REMINDER_TITLE = "lowback"
"""The title of the daily reminder's desktop notification."""


def reminder(seconds: int, day: int, days: int) -> str:
    """The daily reminder: "Your back routine: about 11 min · day 9 of 21" (`day` of a course
    of `days`; past its end, "day 23, past the planned 21"). Never a pain rating: a
    notification can be read by anyone near the screen, and may be kept by the desktop."""
    course = f"day {day} of {days}" if day <= days else f"day {day}, past the planned {days}"
    return f"Your back routine: {about(seconds)} · {course}"


def carry_on_question(exercise: str, number: int, count: int) -> str:
    """The question that offers to carry on today's session that ended early."""
    return f"Carry on from {exercise} ({number} of {count})?"


CARRY_ON_DETAIL = (
    "Today's session ended early. Carry on where it stopped, and the two parts count as one "
    "session; or start again from the first exercise."
)
"""Under the question that offers to carry on a session."""


ACTIVITIES_TITLE = "Activities"
ACTIVITY_SCALE = "0 (cannot do it) to 10 (as well as before your back trouble)"
NO_ACTIVITIES = (
    "None named yet. Press a to name up to three things your back makes hard, and see them"
    " change week by week."
)


def activities_intro(naming: bool, week: int) -> str:
    """What the activities question says first, in the app and plain mode alike."""
    if naming:
        return (
            "Name up to three everyday things your back makes hard (putting on socks, sitting"
            f" 30 minutes), and rate each from {ACTIVITY_SCALE}. You can skip this."
        )
    return f"Week {week}: how well can you do these now, from {ACTIVITY_SCALE}? You can skip this."


def activities_intro_short(naming: bool, week: int) -> str:
    """The same on a short terminal (under 20 rows), so the boxes stay in sight."""
    scale = "0 (cannot) to 10 (as before)"
    if naming:
        return f"Up to three things your back makes hard, each {scale}. Esc skips."
    return f"Week {week}: rate each again, {scale}. Esc skips."
