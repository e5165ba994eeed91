"""What the validator says about each wrong shape a routine file can take: line, key and words.

These are the sentences people act on when a routine will not load, so each is pinned exactly.
tests/test_broken_routines.py does the same for whole files; these are the smaller cases.
"""

from __future__ import annotations

import pytest

from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import RoutineError

OK_EXERCISE = '[[exercise]]\nname = "Knee"\nhold_seconds = 5\n'


def said(text: str) -> list[tuple[int | None, str, str]]:
    """(line, key, message) of each problem in `text`, in the order they are told."""
    with pytest.raises(RoutineError) as caught:
        loads(text)
    return [(p.line, p.key, p.message) for p in caught.value.problems]


CASES: dict[str, tuple[str, list[tuple[int | None, str, str]]]] = {
    "format as text": (
        f'format = "1"\nname = "R"\n{OK_EXERCISE}',
        [(1, "format", 'must be the number 1 (got "1", which is text)')],
    ),
    "format true": (
        f'format = true\nname = "R"\n{OK_EXERCISE}',
        [(1, "format", "must be the number 1 (got true)")],
    ),
    "an older format": (
        f'format = 0\nname = "R"\n{OK_EXERCISE}',
        [(1, "format", "unknown format version 0; this lowback reads format = 1")],
    ),
    "timing not a table": (
        f'name = "R"\ntiming = 5\n{OK_EXERCISE}',
        [(2, "timing", "must be a table written [timing] (got 5)")],
    ),
    "an unknown timing key": (
        f'name = "R"\n[timing]\nrest_secs = 5\n{OK_EXERCISE}',
        [(3, "timing.rest_secs", "unknown key; did you mean 'rest_seconds'?")],
    ),
    "exercise a number": (
        'name = "R"\nexercise = 5\n',
        [(2, "exercise", "must be one or more [[exercise]] tables (got 5)")],
    ),
    "exercise an empty list": (
        'name = "R"\nexercise = []\n',
        [(2, "exercise", "must be one or more [[exercise]] tables (got a list)")],
    ),
    "an exercise that is not a table, then one with a problem": (
        'name = "R"\nexercise = [5, {name = "A", hold_seconds = 0}]\n',
        [
            (2, "exercise[1]", "must be a table of keys (got 5)"),
            (2, "exercise[2].hold_seconds", "must be between 1 and 600 seconds (got 0)"),
        ],
    ),
    "problems without a line come first": (
        f'sumary = "x"\n{OK_EXERCISE}',
        [
            (None, "name", 'missing; add name = "..."'),
            (1, "sumary", "unknown key; did you mean 'summary'?"),
        ],
    ),
    "an empty id": (
        'name = "R"\n[[exercise]]\nid = ""\nname = "Knee"\nhold_seconds = 5\n',
        [(3, "exercise[1].id", "must not be empty")],
    ),
    "side names as one text": (
        f'name = "R"\n{OK_EXERCISE}sides = "alternate"\nside_names = "left"\n',
        [
            (6, "exercise[1].side_names",
             'must be a list of texts like ["left leg", "right leg"] (got "left", which is text)'),
        ],
    ),
    "sides a number": (
        f'name = "R"\n{OK_EXERCISE}sides = 5\n',
        [(5, "exercise[1].sides", 'must be one of "none", "alternate" or "each" (got 5)')],
    ),
    "sides far from any": (
        f'name = "R"\n{OK_EXERCISE}sides = "both"\n',
        [(5, "exercise[1].sides", 'must be one of "none", "alternate" or "each" (got "both")')],
    ),
    "sides half like one": (
        f'name = "R"\n{OK_EXERCISE}sides = "nothing"\n',
        [(5, "exercise[1].sides",
          'must be one of "none", "alternate" or "each" (got "nothing"); did you mean \'none\'?')],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_each_wrong_shape_is_told_plainly(text: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert said(text) == expected


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("false", "false"),
        ("5.5", "5.5"),
        ('"' + "x" * 30 + '"', '"' + "x" * 30 + '", which is text'),
        ('"' + "x" * 27 + "yyyy" + '"', '"' + "x" * 27 + '...", which is text'),
        ("[1, 2]", "a list"),
        ("{ a = 1 }", "a table"),
        ("1979-05-27", "1979-05-27, a date or time"),
        ("07:32:00", "07:32:00, a date or time"),
        ("1979-05-27T07:32:00", "1979-05-27 07:32:00, a date or time"),
    ],
)
def test_a_wrong_value_is_described_as_it_looks_in_the_file(value: str, described: str) -> None:
    assert said(f'name = "R"\n{OK_EXERCISE}reps = {value}\n') == [
        (5, "exercise[1].reps", f"must be a whole number (got {described})")
    ]


@pytest.mark.parametrize(
    ("name", "made_id"),
    [("Knee to chest", "knee-to-chest"), ("(Knee) to chest!", "knee-to-chest"),
     ("Dead_bug  2", "dead-bug-2"), ("!!!", "exercise-1"), ("Ünïcödé", "ünïcödé"),
     ("x" * 80, "x" * 60)],
)  # fmt: skip
def test_an_id_is_made_from_the_name(name: str, made_id: str) -> None:
    routine = loads(f'name = "R"\n[[exercise]]\nname = "{name}"\nhold_seconds = 5\n')
    assert routine.exercises[0].id == made_id


def test_a_goal_needs_no_reps_beside_it() -> None:
    exercise = loads(f'name = "R"\n{OK_EXERCISE}goal_reps = 1\n').exercises[0]
    assert (exercise.reps, exercise.goal_reps) == (1, 1)
