"""An exercise's [exercise.picture] in the routine format: read, checked, written back."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from lowback_tui.core.picture.model import Ground, Picture, Pose
from lowback_tui.core.routine import edits as routine_edits
from lowback_tui.core.routine import library as routine_library
from lowback_tui.core.routine.edits import Adjustable
from lowback_tui.core.routine.file import dumps, load, loads
from lowback_tui.core.routine.model import RoutineError

from .conftest import REPO

TWO = """\
name = "Pictures"

[[exercise]]
name = "Bridge"
hold_seconds = 5

[[exercise]]
name = "Knee to chest"
hold_seconds = 20
reps = 3

[exercise.picture]
description = "Lying on your back, one knee drawn up towards the chest"
ground = "none"

[exercise.picture.held]
head = [12, 8]
shoulder = [22.5, 5]
hip = [50, 5]
near_knee = [38, 30]

[exercise.picture.start]
head = [12, 8]
shoulder = [22, 5]
hip = [50, 5]
"""


def test_a_picture_is_read_into_its_exercise() -> None:
    bridge, knee = loads(TWO).exercises
    assert bridge.picture is None
    assert knee.picture == Picture(
        held=Pose({"head": (12, 8), "shoulder": (22.5, 5), "hip": (50, 5), "near_knee": (38, 30)}),
        description="Lying on your back, one knee drawn up towards the chest",
        start=Pose({"head": (12, 8), "shoulder": (22, 5), "hip": (50, 5)}),
        ground=Ground.NONE,
    )


def test_ground_is_the_floor_unless_said() -> None:
    text = TWO.replace('ground = "none"\n', "")
    picture = loads(text).exercises[1].picture
    assert picture is not None and picture.ground is Ground.FLOOR
    assert "ground" not in dumps(loads(text))  # the default is left out when written


def test_a_picture_survives_a_round_trip_written_after_the_exercises_keys() -> None:
    routine = loads(TWO)
    text = dumps(routine)
    assert loads(text) == routine
    knee = text.split("[[exercise]]")[2]
    assert knee.index("reps = 3") < knee.index("[exercise.picture]")
    assert knee.index("[exercise.picture.held]") < knee.index("[exercise.picture.start]")
    assert "\nshoulder = [22.5, 5]\n" in knee  # each joint inline, as people write it
    assert "near_knee = [38, 30]\n" in knee


def without_picture_tables(text: str) -> str:
    """A routine file as it was before pictures: every [exercise.picture…] table left out."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            inside = line.startswith("[exercise.picture")
        if not inside:
            kept.append(line)
    return "".join(kept)


def test_routines_without_pictures_load_as_before(tmp_path: Path) -> None:
    for path in sorted((REPO / "routines").glob("*.toml")):
        old = tmp_path / path.name
        old.write_text(without_picture_tables(path.read_text()))
        routine, before = load(path), load(old)
        assert all(e.picture is not None for e in routine.exercises), path
        assert all(e.picture is None for e in before.exercises), path
        unpictured = tuple(replace(e, picture=None) for e in routine.exercises)
        assert before.exercises == unpictured  # nothing else about them changed
        assert "picture" not in dumps(before)


def test_a_new_routine_keeps_the_pictures_of_its_source(private_home: Path) -> None:
    source = loads(TWO, REPO / "routines" / "x.toml")
    path = routine_library.create("My pictures", source)
    assert path.is_relative_to(private_home)
    assert load(path).exercises == source.exercises
    assert "# Each [exercise.picture] is a side view" in path.read_text()  # and says how


@pytest.mark.parametrize(
    ("what", "field", "step"),
    [("reps", "reps", +1), ("reps", "reps", -1), ("seconds", "hold_seconds", +1)],
)
def test_quick_adjustments_keep_the_picture(
    tmp_path: Path, what: Adjustable, field: str, step: int
) -> None:
    path = tmp_path / "r.toml"
    path.write_text("# my notes\n" + TWO)
    routine = load(path)
    knee = routine.exercises[1]
    wanted = routine_edits.adjusted(knee, what, step)
    assert getattr(wanted, field) != getattr(knee, field)
    saved = routine_edits.save_exercise(path, routine, 1, wanted)
    assert saved.exercises[1] == wanted
    assert saved.exercises[1].picture == knee.picture is not None
    assert "# my notes" in path.read_text()  # changed in place, not rewritten


def test_an_added_key_goes_under_the_exercise_not_its_picture(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(TWO.replace("reps = 3\n", ""))
    routine = load(path)
    knee = routine.exercises[1]
    saved = routine_edits.save_exercise(path, routine, 1, routine_edits.adjusted(knee, "reps", +1))
    assert (saved.exercises[1].reps, saved.exercises[1].picture) == (2, knee.picture)


def problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(RoutineError) as caught:
        loads(text)
    return [(p.line, p.key, p.message) for p in caught.value.problems]


def test_a_picture_that_is_not_a_table() -> None:
    text = 'name = "R"\n[[exercise]]\nname = "A"\nhold_seconds = 5\npicture = "knee.png"\n'
    assert problems(text) == [
        (5, "exercise[1].picture",
         'must be a table written [exercise.picture] (got "knee.png", which is text)'),
    ]  # fmt: skip


def test_every_mistake_in_a_picture_is_named_on_its_line() -> None:
    text = (
        TWO.replace('ground = "none"', 'ground = "flor"\ncolour = "red"')
        .replace("[exercise.picture.start]\nhead = [12, 8]\n", "[exercise.picture.start]\n")
        .replace("near_knee = [38, 30]", "near_knee = [38, true]\nfar_foot = 5")
    )
    assert problems(text) == [
        (14, "exercise[2].picture.ground",
         'must be one of "floor", "wall" or "none" (got "flor")'),
        (15, "exercise[2].picture.colour",
         "unknown key; known keys: description, ground, held, start, props, front, above"),
        (21, "exercise[2].picture.held.near_knee[2]", "must be a number (got true)"),
        (22, "exercise[2].picture.held.far_foot", "must be two numbers [x, y] (got 5)"),
        (24, "exercise[2].picture.start.head", "missing; add head = [x, y]"),
    ]  # fmt: skip


def test_a_pose_that_is_not_a_table() -> None:
    text = TWO.split("[exercise.picture.held]")[0] + "held = [[12, 8]]\n"
    assert problems(text) == [
        (16, "exercise[2].picture.held",
         "must be a table written [exercise.picture.held] (got a list)"),
    ]  # fmt: skip


def test_a_picture_can_be_written_inline_too() -> None:
    text = (
        'name = "R"\n[[exercise]]\nname = "A"\nhold_seconds = 5\n'
        'picture = { description = "Standing", ground = "wall", '
        "held = { head = [50, 95], shoulder = [50, 80], hip = [50, 50] } }\n"
    )
    picture = loads(text).exercises[0].picture
    assert picture is not None and picture.ground is Ground.WALL
    assert picture.held.joints["head"] == (50, 95)


def test_a_routine_with_pictures_is_hashable_like_any_other() -> None:
    held = Pose({"head": (10, 10), "shoulder": (20, 10), "hip": (50, 10)})
    same = Pose(dict(reversed(list(held.joints.items()))))
    assert hash(held) == hash(same) and held == same
    assert hash(Picture(held, "lying")) == hash(Picture(same, "lying"))
    assert Pose({**held.joints, "hip": (51, 10)}) != held
