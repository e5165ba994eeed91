"""What a routine is: frozen dataclasses, the limits on every value, and the error type.

A routine is a TOML file people read and change by hand. Reading and writing the file is
`routine_file`; checking what it says is `routine_check`; both build the types defined here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from lowback_tui.core.picture.model import Picture

FORMAT = 1
"""The routine format version this lowback reads and writes."""

# The limits on every value a routine may hold. The validator enforces them, the JSON Schema
# repeats them for editors (a test keeps the two in step), and quick adjustments stay inside them.
SECONDS_RANGE = (1, 600)
"""Length of one hold or one timed effort, in seconds."""
REPS_RANGE = (1, 100)
"""Reps per side, and the goal to work up to."""
COURSE_DAYS_RANGE = (1, 365)
TIMING_RANGES = {
    "get_ready_seconds": (0, 60),
    "switch_seconds": (0, 60),
    "relax_seconds": (0, 60),
    "rest_seconds": (0, 600),
}
"""The phases around the holds, in seconds; 0 leaves a phase out. Each can also be set on one
exercise."""
START_SECONDS_RANGE = (0, 120)
"""The time to get into position before a session's first exercise (and at a change of level),
in seconds; set for the whole routine only."""
ROUTINE_TIMING_RANGES = {"start_seconds": START_SECONDS_RANGE, **TIMING_RANGES}
"""Every key of a routine's [timing]."""
NAME_MAX = 80
"""Characters in a routine's or an exercise's name, and in a position."""
TEXT_MAX = 400
"""Characters in the summary and in each cue."""
SHORT_MAX = 60
"""Characters in an id, a side's name and an item of equipment."""
LIST_MAX = 12
"""Entries in a list of texts (cues, equipment)."""
CUE_MAX = 160
"""Characters in a cue for one moment of an exercise (get ready, effort, let go): short enough
to read at a glance from the floor."""


class Sides(StrEnum):
    """How an exercise uses the two sides of the body."""

    NONE = "none"
    """Both sides at once, or no sides at all."""
    ALTERNATE = "alternate"
    """Left, right, left, right: one rep per side in turn."""
    EACH = "each"
    """Every rep on the left, then every rep on the right."""


DEFAULT_SIDE_NAMES = ("left side", "right side")


class Level(StrEnum):
    """How high the body is for an exercise: going from one to another (down to the floor, up
    to standing) takes a person with a sore back time."""

    FLOOR = "floor"
    CHAIR = "chair"
    STANDING = "standing"


LEVEL_WORDS = {
    "standing": Level.STANDING,
    "stand": Level.STANDING,
    "lying": Level.FLOOR,
    "lie": Level.FLOOR,
    "floor": Level.FLOOR,
    "kneeling": Level.FLOOR,
    "kneel": Level.FLOOR,
    "all fours": Level.FLOOR,
    "chair": Level.CHAIR,
    "stool": Level.CHAIR,
    "seated": Level.CHAIR,
}
"""The words of a `position` that say its level, for an exercise without a `level` of its own:
the first of them in the text counts ("standing, a chair behind you" is standing). "Sitting"
is not among them: on a chair or on the floor?"""


class Timing(NamedTuple):
    """Lengths of the phases around the holds, in seconds."""

    get_ready_seconds: int = 5
    """Before each exercise, to get into position."""
    start_seconds: int = 20
    """Before the first exercise of a session, to get down to the floor or into place without
    hurrying; also the least a rest lasts where the level changes (routine-wide only)."""
    switch_seconds: int = 3
    """Between a hold on one side and a hold on the other."""
    relax_seconds: int = 3
    """Between two holds on the same side."""
    rest_seconds: int = 15
    """After an exercise, before the next one."""


@dataclass(frozen=True)
class Exercise:
    """One exercise of a routine, with its dose."""

    id: str
    name: str
    hold_seconds: int | None = None
    """Length of each hold, for an exercise held still. Exactly one of hold/work is set."""
    work_seconds: int | None = None
    """Length of each timed effort, for an exercise done in motion."""
    reps: int = 1
    """Holds (or efforts) per side."""
    goal_reps: int | None = None
    """The number of reps to work up to over the course, if there is one."""
    sides: Sides = Sides.NONE
    side_names: tuple[str, str] = DEFAULT_SIDE_NAMES
    """What the two sides are called on screen, left first: ("left leg", "right leg")."""
    position: str = ""
    level: Level | None = None
    """Floor, chair or standing, when the routine says so; else `level_of` reads `position`."""
    equipment: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    """General tips on the exercise, in order."""
    get_ready_cue: str = ""
    """How to get into position: for the get-ready phase and the rest before the exercise."""
    effort_cue: str = ""
    """What to do during each hold or timed effort."""
    let_go_cue: str = ""
    """How to let go and come out of it: for switching sides and relaxing."""
    get_ready_seconds: int | None = None
    switch_seconds: int | None = None
    relax_seconds: int | None = None
    rest_seconds: int | None = None
    """Per-exercise overrides of the routine's [timing]; None means "use the routine's"."""
    picture: Picture | None = None
    """A side view of the position held (and the one it starts from), if the routine has one."""

    @property
    def is_hold(self) -> bool:
        """True for a held position, False for a timed effort."""
        return self.hold_seconds is not None

    @property
    def effort_seconds(self) -> int:
        """Length of one hold or one timed effort."""
        seconds = self.hold_seconds if self.hold_seconds is not None else self.work_seconds
        assert seconds is not None, "a loaded exercise has a hold or a work length"
        return seconds


@dataclass(frozen=True)
class Routine:
    """A named, ordered list of exercises with the timing around them."""

    name: str
    exercises: tuple[Exercise, ...]
    summary: str = ""
    course_days: int = 21
    """Length of the course the routine belongs to, in days."""
    timing: Timing = field(default_factory=Timing)
    source: Path | None = field(default=None, compare=False)
    """The file it was loaded from, if any; not part of what the routine is."""

    def timing_for(self, exercise: Exercise) -> Timing:
        """The routine's timing with the exercise's own overrides applied."""
        t = self.timing
        return Timing(
            get_ready_seconds=_first(exercise.get_ready_seconds, t.get_ready_seconds),
            start_seconds=t.start_seconds,
            switch_seconds=_first(exercise.switch_seconds, t.switch_seconds),
            relax_seconds=_first(exercise.relax_seconds, t.relax_seconds),
            rest_seconds=_first(exercise.rest_seconds, t.rest_seconds),
        )


def _first(value: int | None, default: int) -> int:
    return default if value is None else value


def level_of(exercise: Exercise) -> Level | None:
    """The level an exercise is done at: its own `level`, or else the first word of its position
    that says one (LEVEL_WORDS); None when neither says (no change of level is assumed)."""
    if exercise.level is not None:
        return exercise.level
    import re  # only a session or an estimate needs it (re caches the pattern)

    words = "|".join(LEVEL_WORDS)
    text = " ".join(re.findall(r"[^\W\d_]+", exercise.position.lower()))  # "all  fours," too
    found = re.search(rf"\b(?:{words})\b", text)
    return LEVEL_WORDS[found[0]] if found else None


class Problem(NamedTuple):
    """One thing wrong with a routine file, located as precisely as the file allows.

    A NamedTuple rather than a frozen dataclass: `lowback` defines it before its first screen,
    and a frozen dataclass takes ~0.7 ms to define there, a NamedTuple ~0.1 ms (measured).
    """

    path: Path
    line: int | None
    """1-based; None only where no line can be found."""
    key: str
    """Dotted key path such as "exercise[3].hold_seconds"; "" for the whole file."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class RoutineError(Exception):
    """A routine file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
