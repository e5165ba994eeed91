"""Props (a towel, a band, a chair) and a second view (from the front or above) in a picture:
read, checked key by key, written back, and drawn in their own part."""

from __future__ import annotations

import pytest

from lowback_tui.core.picture.figure import EMPTY, PROP, box_of, draw
from lowback_tui.core.picture.model import (
    PROPS_MAX,
    Ground,
    Pose,
    Prop,
    PropKind,
    SecondView,
    ViewName,
)
from lowback_tui.core.routine.file import dumps, loads
from lowback_tui.core.routine.model import RoutineError

TOWEL = """\
name = "Props"

[[exercise]]
name = "Reach"
hold_seconds = 5

[exercise.picture]
description = "Lying face down, a towel in both hands"
props = [{kind = "towel", between = ["near_hand", "far_hand"]}]

[exercise.picture.held]
head = [76, 6]
shoulder = [67, 4]
hip = [42, 4]
near_hand = [96, 14]
far_hand = [92, 18]

[exercise.picture.above]
description = "From above: the hands shoulder-width apart, the towel taut between them"
props = [{kind = "band", between = ["near_hand", "far_hand"]}]

[exercise.picture.above.held]
head = [50, 70]
shoulder = [50, 62]
hip = [50, 35]
near_shoulder = [42, 62]
far_shoulder = [58, 62]
near_hand = [42, 95]
far_hand = [58, 95]

[exercise.picture.above.start]
head = [50, 70]
shoulder = [50, 62]
hip = [50, 35]
near_hand = [45, 95]
far_hand = [55, 95]
"""


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(RoutineError) as caught:
        loads(text)
    return [(p.key, p.message) for p in caught.value.problems]


def test_props_and_a_second_view_are_read_into_the_picture() -> None:
    picture = loads(TOWEL).exercises[0].picture
    assert picture is not None
    assert picture.props == (Prop(PropKind.TOWEL, between=("near_hand", "far_hand")),)
    second = picture.second
    assert second is not None and second.view is ViewName.ABOVE
    assert second.props == (Prop(PropKind.BAND, between=("near_hand", "far_hand")),)
    assert second.start is not None and second.held.joints["near_shoulder"] == (42, 62)
    assert second.label == "from above" and second.ground is Ground.NONE


def test_props_and_the_second_view_survive_a_round_trip() -> None:
    chair = TOWEL.replace(
        'props = [{kind = "towel", between = ["near_hand", "far_hand"]}]',
        'props = [{kind = "towel", between = ["near_hand", "far_hand"]}, '
        '{kind = "chair", at = [30, 40]}]',
    ).replace("[exercise.picture.above", "[exercise.picture.front")
    routine = loads(chair)
    text = dumps(routine)
    assert loads(text) == routine
    picture = routine.exercises[0].picture
    assert picture is not None and picture.props[1] == Prop(PropKind.CHAIR, at=(30, 40))
    assert picture.second is not None and picture.second.view is ViewName.FRONT
    assert "[exercise.picture.front.held]" in text


@pytest.mark.parametrize(
    ("props", "key", "message"),
    [
        ('"towel"', "props",
         'must be a list written [{kind = "towel", between = ["near_hand", "far_hand"]}] '
         '(got "towel", which is text)'),
        ('[{kind = "rope", between = ["near_hand", "far_hand"]}]', "props[1].kind",
         'must be one of "towel", "band" or "chair" (got "rope")'),
        ("[{between = ['near_hand', 'far_hand']}]", "props[1].kind",
         'missing; add kind = "towel", "band" or "chair"'),
        ('[{kind = "towel", between = ["near_hand", "tail"]}]', "props[1].between[2]",
         'must be a joint such as "near_hand" (got "tail")'),
        ('[{kind = "towel", between = ["near_hand", "far_foot"]}]', "props[1].between[2]",
         "far_foot is not in held; add far_foot = [x, y]"),
        ('[{kind = "towel", between = ["near_hand"]}]', "props[1].between",
         "must be two joints [joint, joint] (got a list of 1)"),
        ('[{kind = "towel", between = ["near_hand", "near_hand"]}]', "props[1].between",
         'must be two different joints (got "near_hand" twice)'),
        ('[{kind = "towel"}]', "props[1].between",
         'missing; add between = ["near_hand", "far_hand"] (two joints)'),
        ('[{kind = "chair"}]', "props[1].at", "missing; add at = [x, y], the middle of the seat"),
        ('[{kind = "chair", at = [30, 140]}]', "props[1].at[2]",
         "must be between 0 and 100 (got 140)"),
        ('[{kind = "chair", at = [30, 40], between = ["hip", "head"]}]', "props[1].between",
         "a chair stands at a place; give at = [x, y]"),
        ('[{kind = "band", between = ["near_hand", "far_hand"], at = [1, 2]}]', "props[1].at",
         "a band is held; give between = [joint, joint]"),
        ('[{kind = "band", between = ["near_hand", "far_hand"], colour = "red"}]',
         "props[1].colour", "unknown key; known keys: kind, between, at"),
        ("[5]", "props[1]", 'must be a table written {kind = "chair", at = [x, y]} (got 5)'),
        ("[" + ", ".join(['{kind = "chair", at = [1, 1]}'] * (PROPS_MAX + 1)) + "]", "props",
         f"at most {PROPS_MAX} props in a view (got {PROPS_MAX + 1})"),
    ],
)  # fmt: skip
def test_each_mistake_in_a_prop_is_named_by_its_key(props: str, key: str, message: str) -> None:
    text = TOWEL.replace(
        'props = [{kind = "towel", between = ["near_hand", "far_hand"]}]', f"props = {props}"
    )
    assert problems(text) == [(f"exercise[1].picture.{key}", message)]


def test_the_most_props_allowed_is_fine() -> None:
    chairs = ", ".join(['{kind = "chair", at = [1, 1]}'] * PROPS_MAX)
    text = TOWEL.replace(
        'props = [{kind = "towel", between = ["near_hand", "far_hand"]}]', f"props = [{chairs}]"
    )
    picture = loads(text).exercises[0].picture
    assert picture is not None and len(picture.props) == PROPS_MAX


def test_a_towel_needs_its_joints_in_the_start_pose_too() -> None:
    text = TOWEL.replace("[exercise.picture.above.start]\n", "[exercise.picture.above.start]\n")
    text = text.replace("near_hand = [45, 95]\n", "")
    assert problems(text) == [
        ("exercise[1].picture.above.props[1].between[1]",
         "near_hand is not in start; add near_hand = [x, y]"),
    ]  # fmt: skip


def test_a_second_view_needs_a_held_pose_and_a_description() -> None:
    above = TOWEL.index("[exercise.picture.above]")
    text = TOWEL[:above] + "[exercise.picture.above]\nprops = []\n"
    assert problems(text) == [
        ("exercise[1].picture.above.description", 'missing; add description = "..."'),
        ("exercise[1].picture.above.held",
         "missing; add [exercise.picture.above.held] with head, shoulder and hip"),
    ]  # fmt: skip


def test_one_second_view_only() -> None:
    front = "head = [1, 1]\nshoulder = [1, 1]\nhip = [1, 1]\n"
    text = f'{TOWEL}\n[exercise.picture.front]\ndescription = "x"\n'
    text += f"[exercise.picture.front.held]\n{front}"
    assert problems(text) == [
        ("exercise[1].picture.above", "give one second view, front or above, not both")
    ]


def test_a_second_view_that_is_not_a_table() -> None:
    above = TOWEL.index("[exercise.picture.above]")
    text = TOWEL[:above].replace("[exercise.picture]\n", '[exercise.picture]\nfront = "yes"\n')
    assert problems(text) == [
        ("exercise[1].picture.front",
         'must be a table written [exercise.picture.front] (got "yes", which is text)'),
    ]  # fmt: skip


LYING = Pose({"head": (76, 6), "shoulder": (67, 4), "hip": (42, 4), "near_hand": (96, 14),
              "far_hand": (90, 22)})  # fmt: skip
TOWEL_PROP = (Prop(PropKind.TOWEL, between=("near_hand", "far_hand")),)


def cells(drawing_parts: tuple[str, ...], part: str) -> set[tuple[int, int]]:
    return {(r, c) for r, row in enumerate(drawing_parts) for c, p in enumerate(row) if p == part}


def test_a_towel_is_drawn_in_its_own_part_between_the_hands() -> None:
    with_towel = draw(LYING, 30, 6, ground=Ground.NONE, props=TOWEL_PROP)
    without = draw(LYING, 30, 6, ground=Ground.NONE)
    towel = cells(with_towel.parts, PROP)
    assert towel and not cells(without.parts, PROP)
    assert all(without.parts[r][c] == EMPTY for r, c in towel)  # only where nothing else is


def test_a_chair_is_a_seat_legs_and_a_back_standing_on_the_floor() -> None:
    sitting = Pose({"head": (50, 90), "shoulder": (50, 80), "hip": (50, 45)})
    chair = (Prop(PropKind.CHAIR, at=(48, 40)),)
    box = box_of([sitting], Ground.FLOOR, chair)
    assert box.left == 48 - 9 - 1.5 - 2  # the back leans out a little past the seat
    drawing = draw(sitting, 20, 10, box, Ground.FLOOR, chair)
    chair_cells = cells(drawing.parts, PROP)
    rows = {r for r, _ in chair_cells}
    assert max(rows) == drawing.height - 1  # its legs reach the floor
    assert len({c for _, c in chair_cells}) >= 3  # a seat with depth, not a line


def test_a_towel_whose_joints_a_pose_lacks_is_left_out() -> None:
    body = Pose({"head": (76, 6), "shoulder": (67, 4), "hip": (42, 4)})
    assert not cells(draw(body, 30, 6, ground=Ground.NONE, props=TOWEL_PROP).parts, PROP)


def test_the_shoulders_line_turns_against_the_hips_line_from_above() -> None:
    square = {"head": (50, 50), "shoulder": (50, 50), "hip": (50, 50),
              "near_hip": (40, 50), "far_hip": (60, 50)}  # fmt: skip
    facing = Pose(square | {"near_shoulder": (36, 50), "far_shoulder": (64, 50)})
    turned = Pose(square | {"near_shoulder": (40, 40), "far_shoulder": (60, 60)})
    box = box_of([facing, turned], Ground.NONE)
    one, other = draw(facing, 16, 8, box, Ground.NONE), draw(turned, 16, 8, box, Ground.NONE)
    assert one.rows != other.rows
    assert SecondView(ViewName.FRONT, facing, "x").label == "from the front"
