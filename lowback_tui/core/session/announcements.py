"""What the voice says (and plain mode prints) as each phase of a session begins, fitted to the
time the phase gives it.

A person face down or facing a wall follows the session by ear, so the words say what the eyes
would read: at each get-ready the exercise, how to get into it, what it needs and the side that
comes first; at each effort the side; at a switch the side that is next. A line is over before
the first second of its phase's count, or the count would be left out (guidance never talks
over a line): each line is the longest of its forms that fits, at espeak-ng's rate
(`speech_time`). Where an exercise's introduction (its name, how to get into position, what it
needs) does not fit its get-ready, it is said in the phase before, the rest before the exercise
or settling in, and the get-ready says only what must be said then ("Left leg first."). A
get-ready reached any other way (a skip, going back, a pause that cut the rest short) says the
whole introduction: the person has not heard it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import NamedTuple

from lowback_tui.core import wording
from lowback_tui.core.routine.model import Exercise, Routine
from lowback_tui.core.routine.plan import (
    Kind,
    Phase,
    Side,
    exercise_phases,
    level_change,
    rest_seconds,
)
from lowback_tui.core.session.speech_time import fits

SETTLE_IN = "Take your time to get into position"
"""The first words of a session: there is time, and no hurry."""
SWITCH = "Switch."
RELAX = "Relax."
GET_READY = ("Get ready.", "Ready.")


def first_count(phase: Phase, following: Phase | None, count: int) -> int:
    """The first second of `phase` counted aloud, 0 for none: with `count` seconds counted, the
    last ones of an effort and of the phase before one, but never a phase's own first second
    (its beginning has its own words)."""
    counted = phase.kind.is_active or (following is not None and following.kind.is_active)
    return max(min(count, phase.seconds - 1), 0) if counted else 0


def time_to_speak(phase: Phase, following: Phase | None, count: int) -> float:
    """Seconds from the beginning of `phase` to its first counted second, or to its end."""
    return float(phase.seconds - first_count(phase, following, count))


def sentences(parts: Iterable[str]) -> str:
    """Parts said one after another, as one line."""
    return " ".join(part for part in parts if part)


def longest(forms: list[str], before: list[str], seconds: float) -> str:
    """The first of `forms` (longest first) that fits in `seconds` after `before`; when none
    does (what comes before is too long already), the first that fits on its own, as if
    nothing came before; else the last, the least to say."""
    for said in (before, []):
        if found := next((f for f in forms if fits(sentences([*said, f]), seconds)), None):
            return found
    return forms[-1]


def side_forms(exercise: Exercise, side: Side | None) -> list[str]:
    """The ways to say which side comes first, longest first: "Left arm, right leg first.",
    "Left arm, right leg.", "Left first.", "Left."."""
    if side is None:
        return []
    name = wording.side_name(exercise, side)
    name = name[:1].upper() + name[1:]
    short = "Left" if side is Side.LEFT else "Right"
    return list(dict.fromkeys([f"{name} first.", f"{name}.", f"{short} first.", f"{short}."]))


class Part(NamedTuple):
    """One part of an exercise's introduction."""

    key: str
    """"name", "cue" or "needs"."""
    words: str


class Intro(NamedTuple):
    """Where an exercise's introduction is said."""

    before: tuple[str, ...]
    """Said in the phase before the exercise, after that phase's own words."""
    at: tuple[str, ...]
    """Said as the exercise begins, when the phase before was heard."""
    whole: tuple[str, ...]
    """The whole introduction: said as the exercise begins when the phase before was not."""


class Script:
    """The words for each phase of a session of `routine` counted `count` seconds, begun at
    exercise `start_at` (a session carried on)."""

    def __init__(self, routine: Routine, count: int, start_at: int = 0) -> None:
        self.routine = routine
        self.count = count
        self.start_at = start_at
        self._intros: dict[int, Intro] = {}

    def words(self, phase: Phase, following: Phase | None, heard: Phase | None) -> str:
        """What to say as `phase` begins, followed by `following`; `heard` is the phase whose
        words were said last (None if they were cut off)."""
        exercise = self.routine.exercises[phase.exercise]
        kind = phase.kind
        if kind is Kind.SETTLE:
            return self._settle_in(phase)
        if kind is Kind.REST:
            return self._rest(phase)
        if kind is Kind.GET_READY or (kind.is_active and self._lead_in(phase.exercise) == phase):
            intro = self._intro(phase.exercise)
            said = list(intro.at if heard == self._before(phase.exercise) else intro.whole)
            forms = self._opening(exercise, phase, following)
            return sentences([*said, longest(forms, said, self._seconds(phase, following))])
        if kind.is_active:
            return longest(self._effort(exercise, phase), [], self._seconds(phase, following))
        if kind is Kind.RELAX:
            return RELAX
        side = following.side if following is not None else None
        return longest([*self._switch(exercise, side), SWITCH], [], self._seconds(phase, following))

    # ---- each kind of line -------------------------------------------------------------------

    def _opening(self, exercise: Exercise, phase: Phase, following: Phase | None) -> list[str]:
        """What an exercise's first phase must say: the side first, or the effort itself."""
        if phase.kind.is_active:
            return self._effort(exercise, phase)
        side = following.side if following is not None else None
        return side_forms(exercise, side) or list(GET_READY)

    def _effort(self, exercise: Exercise, phase: Phase) -> list[str]:
        """ "Hold, left leg, 1 of 5.", "Hold, left leg.", "Hold."."""
        verb = "Hold" if phase.kind is Kind.HOLD else "Work"
        side = wording.side_name(exercise, phase.side)
        if exercise.reps > 1:
            extra = f"{phase.rep} of {exercise.reps}"
        else:
            extra = wording.plural(phase.seconds, "second")
        full = [verb, side, extra]
        forms = [full, full[:2], full[:1]]
        said = [", ".join(part for part in form if part) + "." for form in forms]
        return list(dict.fromkeys(said))

    def _switch(self, exercise: Exercise, side: Side | None) -> list[str]:
        """ "Switch to the right leg.", "Right leg.", "Right."."""
        if side is None:
            return []
        to = wording.switch_to(exercise, side)
        shorter = (form for form in side_forms(exercise, side) if "first" not in form)
        return [f"{to[:1].upper()}{to[1:]}.", *shorter]

    def _settle_in(self, phase: Phase) -> str:
        """ "Take your time to get into position: Knee to chest, …", with what the exercise
        before it needs (and all the session needs) as far as the time allows."""
        moved = self._intro(phase.exercise).before
        return f"{SETTLE_IN}: {sentences(moved)}" if moved else f"{SETTLE_IN}."

    def _rest(self, phase: Phase) -> str:
        """ "Rest 15 seconds. Next: …", with as much of the next exercise as the rest holds."""
        moved = self._intro(phase.exercise + 1).before
        return sentences([self._resting(phase), *(["Next:", *moved] if moved else [])])

    def _resting(self, phase: Phase) -> str:
        change = level_change(self.routine, phase.exercise)
        care = f", and {wording.level_words(change)}" if change else ""
        return f"Rest {wording.plural(phase.seconds, 'second')}{care}."

    # ---- where an introduction goes --------------------------------------------------------

    def _intro(self, index: int) -> Intro:
        if index not in self._intros:
            self._intros[index] = self._place(index)
        return self._intros[index]

    def _parts(self, index: int, settling: bool) -> list[Part]:
        """An exercise's introduction: its name and position, how to get into it, and the
        equipment not needed before it in this session (settling in: all the session needs)."""
        routine = self.routine
        exercise = routine.exercises[index]
        if settling:
            needed = wording.equipment_from(routine, index)
            needs = f"For this session you need {wording.listing(needed)}." if needed else ""
        else:
            earlier = {i for e in routine.exercises[self.start_at : index] for i in e.equipment}
            new = [item for item in exercise.equipment if item not in earlier]
            needs = f"You need {wording.listing(new)}." if new else ""
        parts = [
            Part("name", wording.named(exercise) + "."),
            Part("cue", wording.sentence(exercise.get_ready_cue)),
            Part("needs", needs),
        ]
        return [part for part in parts if part.words]

    def _place(self, index: int) -> Intro:
        """Where exercise `index`'s introduction is said (see the module's note)."""
        before = self._before(index)
        settling = before is not None and before.kind is Kind.SETTLE
        whole = tuple(part.words for part in self._parts(index, settling=False))
        if before is None:
            return Intro((), whole, whole)
        lead_in = self._lead_in(index)
        heading = [f"{SETTLE_IN}:"] if settling else [self._resting(before), "Next:"]
        room_before = self._seconds(before, lead_in)
        moved: list[Part] = []
        for part in self._parts(index, settling):
            if not fits(sentences([*heading, *(p.words for p in moved), part.words]), room_before):
                break
            moved.append(part)
        following = self._after_lead_in(index)
        opening = self._opening(self.routine.exercises[index], lead_in, following)[0]
        if fits(sentences([*whole, opening]), self._seconds(lead_in, following)):
            preview = moved if settling else moved[:1]  # a rest names what is next
            return Intro(tuple(part.words for part in preview), whole, whole)
        keys = {part.key for part in moved}
        left = tuple(part.words for part in self._parts(index, False) if part.key not in keys)
        return Intro(tuple(part.words for part in moved), left, whole)

    def _before(self, index: int) -> Phase | None:
        """The phase before exercise `index` in this session: settling in, or the rest after the
        exercise before; None when there is neither."""
        start = self.routine.timing.start_seconds
        if index == self.start_at and start:
            return Phase(Kind.SETTLE, start, index)
        if index > self.start_at and (rest := rest_seconds(self.routine, index - 1)):
            return Phase(Kind.REST, rest, index - 1)
        return None

    def _lead_in(self, index: int) -> Phase:
        """An exercise's first phase: its get-ready, or its first effort."""
        return next(exercise_phases(self.routine, index))

    def _after_lead_in(self, index: int) -> Phase | None:
        return next(islice(exercise_phases(self.routine, index), 1, None), None)

    def _seconds(self, phase: Phase, following: Phase | None) -> float:
        return time_to_speak(phase, following, self.count)
