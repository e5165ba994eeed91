"""The bundled routines' pictures: every exercise has one, and each figure is where it says."""

from __future__ import annotations

import pytest

from lowback_tui.core.picture.figure import EMPTY, NEAR, draw, picture_box
from lowback_tui.core.picture.model import Picture
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Exercise

from .conftest import REPO

EXERCISES = [
    pytest.param(exercise, id=f"{name}:{exercise.id}")
    for name in ("lower-back", "gentle-start")
    for exercise in load(REPO / "routines" / f"{name}.toml").exercises
]
BODY = ("head", "shoulder", "hip")


def picture_of(exercise: Exercise) -> Picture:
    assert exercise.picture is not None, f"{exercise.id} has no picture"
    return exercise.picture


def test_both_routines_have_all_seven_exercises() -> None:
    assert len(EXERCISES) == 14


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_exercise_has_a_picture_with_a_description(exercise: Exercise) -> None:
    assert picture_of(exercise).description.strip()


@pytest.mark.parametrize("exercise", EXERCISES)
def test_start_and_held_give_the_same_joints(exercise: Exercise) -> None:
    picture = picture_of(exercise)
    if picture.start is not None:
        assert set(picture.start.joints) == set(picture.held.joints)


@pytest.mark.parametrize("exercise", EXERCISES)
def test_lying_figures_lie_on_the_floor_and_standing_ones_stand_tall(exercise: Exercise) -> None:
    picture = picture_of(exercise)
    poses = [pose for pose in (picture.start, picture.held) if pose is not None]
    if "lying" in exercise.position:
        for pose in poses:
            assert all(pose.joints[joint][1] <= 10 for joint in BODY), pose
    elif exercise.position.startswith("standing"):
        standing = picture.start or picture.held  # the held pose may bend or lean
        assert standing.joints["head"][1] >= 75


@pytest.mark.parametrize("exercise", EXERCISES)
def test_the_held_pose_draws_within_forty_by_twelve_cells(exercise: Exercise) -> None:
    picture = picture_of(exercise)
    drawing = draw(picture.held, 40, 12, picture_box(picture), picture.ground)
    assert drawing.height == 12
    assert all(len(row) == 40 for row in drawing.rows)
    assert all(len(parts) == 40 for parts in drawing.parts)
    assert any(NEAR in parts for parts in drawing.parts)
    assert sum(part != EMPTY for parts in drawing.parts for part in parts) > 20


SIZES = [pytest.param((38, 14), id="countdown-80x24"), pytest.param((74, 8), id="d-window-80x24")]
"""The figure's room in the countdown at 80×24 (half the width, less padding) and in the d
window at 80×24 (the pane's width, a third of the height)."""


def drawn(picture: Picture, size: tuple[int, int]) -> tuple[tuple[str, ...], ...]:
    width, height = size
    box = picture_box(picture)
    poses = [pose for pose in (picture.start, picture.held) if pose is not None]
    return tuple(draw(p, width, height, box, picture.ground, picture.props).rows for p in poses)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", ["lower-back", "gentle-start"])
def test_no_two_exercises_draw_the_same_cells(name: str, size: tuple[int, int]) -> None:
    exercises = load(REPO / "routines" / f"{name}.toml").exercises
    held = {e.id: drawn(picture_of(e), size)[-1] for e in exercises}
    assert len(set(held.values())) == len(held), "two held positions draw the same"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("exercise", EXERCISES)
def test_start_and_held_differ(exercise: Exercise, size: tuple[int, int]) -> None:
    picture = picture_of(exercise)
    assert picture.start is not None
    start, held = drawn(picture, size)
    assert start != held
    if (second := picture.second) is not None and second.start is not None:
        assert second.start != second.held
