"""Doses and times in words."""

from __future__ import annotations

import pytest

from lowback_tui import describe
from lowback_tui.routine import Routine, loads


@pytest.mark.parametrize(
    ("seconds", "words"), [(5, "5 s"), (59, "59 s"), (60, "1 min"), (90, "1 min 30 s")]
)
def test_duration(seconds: int, words: str) -> None:
    assert describe.duration(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"), [(30, "under a minute"), (89, "about 1 min"), (607, "about 10 min")]
)
def test_about(seconds: int, words: str) -> None:
    assert describe.about(seconds) == words


def test_doses_of_the_bundled_routine(routine: Routine) -> None:
    assert [describe.dose(e) for e in routine.exercises[:4]] == [
        "5 × 5 s holds per leg, alternating",
        "3 × 5 s holds per side, alternating",
        "30 s",
        "3 × 30 s holds per leg, alternating",
    ]
    assert describe.goal(routine.exercises[0]) == "work up to 10 reps per leg over the course"
    assert describe.goal(routine.exercises[1]) == ""


@pytest.mark.parametrize(
    ("keys", "words"),
    [
        ("hold_seconds = 10", "one 10 s hold"),
        ("hold_seconds = 10\nreps = 2", "2 × 10 s holds"),
        ("work_seconds = 45\nreps = 2", "2 × 45 s"),
        ('work_seconds = 20\nsides = "each"\nside_names = ["left arm", "right arm"]',
         "20 s per arm, one arm then the other"),
    ],
)  # fmt: skip
def test_dose_words(keys: str, words: str) -> None:
    exercise = loads(f'name = "T"\n[[exercise]]\nname = "A"\n{keys}\n').exercises[0]
    assert describe.dose(exercise) == words
