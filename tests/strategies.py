"""Hypothesis strategies for routines people could write, and for the activities a history may
hold."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from lowback_tui.core.history.checks import (
    ACTIVITY_PLACES,
    ACTIVITY_RATING_RANGE,
    DAY_RANGE,
    MOST_WEEKS,
)
from lowback_tui.core.picture.model import (
    DESCRIPTION_MAX,
    GRID,
    JOINTS,
    REQUIRED_JOINTS,
    Ground,
    Picture,
    Pose,
)
from lowback_tui.core.routine.model import (
    DEFAULT_SIDE_NAMES,
    START_SECONDS_RANGE,
    Exercise,
    Level,
    Routine,
    Sides,
    Timing,
)

# Text a person could type: no control characters, no surrogates, not blank.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40
).filter(str.strip)


coordinates = st.integers(*GRID) | st.floats(*GRID, allow_nan=False, allow_infinity=False)


@st.composite
def poses(draw: st.DrawFn) -> Pose:
    """A pose with the required joints and any of the others, each on the grid."""
    optional = [j for j in JOINTS if j not in REQUIRED_JOINTS]
    chosen = [*REQUIRED_JOINTS, *draw(st.lists(st.sampled_from(optional), unique=True))]
    return Pose(joints={j: (draw(coordinates), draw(coordinates)) for j in chosen})


@st.composite
def pictures(draw: st.DrawFn) -> Picture:
    """A valid picture: a held pose, perhaps a start, a description, a ground."""
    return Picture(
        held=draw(poses()),
        description=draw(text | st.just("x" * DESCRIPTION_MAX)),
        start=draw(st.none() | poses()),
        ground=draw(st.sampled_from(Ground)),
    )


@st.composite
def exercises(draw: st.DrawFn, index: int, max_reps: int, max_seconds: int) -> Exercise:
    """One valid exercise; `max_*` keep generated sessions short when they are run."""
    hold = draw(st.booleans())
    reps = draw(st.integers(1, max_reps))
    seconds = st.integers(1, max_seconds)
    timing = st.none() | st.integers(0, min(60, max_seconds))
    return Exercise(
        id=f"exercise-{index}",
        name=draw(text),
        hold_seconds=draw(seconds) if hold else None,
        work_seconds=None if hold else draw(seconds),
        reps=reps,
        goal_reps=draw(st.none() | st.integers(reps, 100)),
        sides=draw(st.sampled_from(Sides)),
        side_names=draw(st.just(DEFAULT_SIDE_NAMES) | st.tuples(text, text)),
        position=draw(st.just("") | text),
        level=draw(st.none() | st.sampled_from(Level)),
        equipment=tuple(draw(st.lists(text, max_size=3))),
        cues=tuple(draw(st.lists(text, max_size=4))),
        get_ready_seconds=draw(timing),
        switch_seconds=draw(timing),
        relax_seconds=draw(timing),
        rest_seconds=draw(st.none() | st.integers(0, max_seconds)),
        picture=draw(st.none() | pictures()),
    )


@st.composite
def routines(
    draw: st.DrawFn, max_exercises: int = 5, max_reps: int = 100, max_seconds: int = 600
) -> Routine:
    """A valid routine of 1 to `max_exercises` exercises."""
    count = draw(st.integers(1, max_exercises))
    short = min(60, max_seconds)
    return Routine(
        name=draw(text),
        summary=draw(st.just("") | text),
        course_days=draw(st.integers(1, 365)),
        timing=Timing(
            start_seconds=draw(st.integers(0, min(START_SECONDS_RANGE[1], max_seconds))),
            get_ready_seconds=draw(st.integers(0, short)),
            switch_seconds=draw(st.integers(0, short)),
            relax_seconds=draw(st.integers(0, short)),
            rest_seconds=draw(st.integers(0, 600)),
        ),
        exercises=tuple(draw(exercises(i, max_reps, max_seconds)) for i in range(count)),
    )


# ---- activities in a history ---------------------------------------------------------------------

days = st.dates(*DAY_RANGE).map(date.isoformat)
"""A day the history's checks read (YYYY-MM-DD, 1900 to 9000)."""


@st.composite
def course_activities(
    draw: st.DrawFn,
) -> tuple[list[tuple[int, str]], list[tuple[int, int, str, int]]]:
    """A course's activities as the history's checks read them: (place, name) of 1 to 3 at
    places of their own (any text: a hand edit may have put anything there), and (place, week,
    day, rating) of each rating, one a week for each."""
    places = draw(st.lists(st.integers(0, ACTIVITY_PLACES - 1), min_size=1, unique=True))
    names = [(place, draw(st.text(max_size=50))) for place in places]
    weeks = st.integers(1, MOST_WEEKS) | st.integers(1, 5)
    ratings: list[tuple[int, int, str, int]] = []
    for place in places:
        for week in draw(st.lists(weeks, unique=True, max_size=4)):
            ratings.append((place, week, draw(days), draw(st.integers(*ACTIVITY_RATING_RANGE))))
    return names, ratings


def activity_rows(
    course_id: int, found: tuple[list[tuple[int, str]], list[tuple[int, int, str, int]]]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """`course_activities` as rows of the activities and activity_ratings tables."""
    names, ratings = found
    return [(course_id, *n) for n in names], [(course_id, *r) for r in ratings]
