"""Drawing a pose in braille dots: known cells, proportions kept at any size, clipped, never a
crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lowback_tui.core.picture.figure import EMPTY, FAR, GROUND, NEAR, Box, box_of, draw
from lowback_tui.core.picture.model import JOINTS, Ground, Pose

BLANK = "\u2800"

# A figure standing: head above shoulder above hip, one leg straight down to the floor.
STANDING = Pose({"head": (50, 92), "shoulder": (50, 80), "hip": (50, 45), "near_foot": (50, 0)})


def dots(drawing_rows: tuple[str, ...]) -> set[tuple[int, int]]:
    """Every dot set, as (x, y) in dots from the top left."""
    bits = ((0x01, 0, 0), (0x02, 0, 1), (0x04, 0, 2), (0x40, 0, 3),
            (0x08, 1, 0), (0x10, 1, 1), (0x20, 1, 2), (0x80, 1, 3))  # fmt: skip
    found = set()
    for row, line in enumerate(drawing_rows):
        for column, character in enumerate(line):
            value = ord(character) - 0x2800
            assert 0 <= value < 256, character
            found |= {(column * 2 + dx, row * 4 + dy) for bit, dx, dy in bits if value & bit}
    return found


def test_a_known_pose_gives_known_cells() -> None:
    pose = Pose({"head": (10, 10), "shoulder": (10, 10), "hip": (10, 10)})
    drawing = draw(pose, 3, 2, box=Box(0, 0, 10, 10), ground=Ground.NONE)
    # The whole box is 10 units in 6 x 8 dots: scale 0.5 dot/unit across (5/10), so (10, 10) is
    # dot (5, 2) ... and the head's ring (radius 4.5 units = 2.25 dots) goes round it.
    assert drawing.height == 2 and drawing.width == 3
    ring = dots(drawing.rows)
    assert ring and all(abs(x - 5) <= 3 and abs(y - 2.5) <= 3.5 for x, y in ring)
    assert set("".join(drawing.parts)) <= {NEAR, EMPTY}


def test_a_level_trunk_is_known_characters() -> None:
    # 2 x 1 cells are 4 x 4 dots; the box 0-100 fits 3 dot steps, so y = 100/3 is dot row 2 of
    # 4, x 0 to 100 is dots 0 to 3: the third dot row of both cells (bits 0x04 | 0x20).
    third = 100 / 3
    pose = Pose({"head": (-1000, third), "shoulder": (0, third), "hip": (100, third)})
    drawing = draw(pose, 2, 1, box=Box(0, 0, 100, 100), ground=Ground.NONE)
    assert drawing.rows == ("\u2824\u2824",)
    assert drawing.parts == (NEAR * 2,)


def test_a_line_across_the_floor_is_every_dot_of_the_bottom_row() -> None:
    drawing = draw(STANDING, 10, 6)
    bottom = {(x, y) for x, y in dots(drawing.rows) if y == 6 * 4 - 1}
    assert bottom == {(x, 23) for x in range(20)}
    assert drawing.parts[-1].count(GROUND) == 9 and NEAR in drawing.parts[-1]  # the foot on it


def test_the_body_is_one_unbroken_vertical_line() -> None:
    drawing = draw(STANDING, 10, 6, ground=Ground.NONE)
    found = dots(drawing.rows)
    column = {x for x, y in found if y > 8}  # below the head
    assert len(column) == 1  # straight down
    (x,) = column
    ys = sorted(y for fx, y in found if fx == x)
    assert ys == list(range(ys[0], ys[-1] + 1))  # no gaps


@pytest.mark.parametrize(("width", "height"), [(10, 6), (20, 12), (40, 24), (80, 10), (12, 40)])
def test_scaling_keeps_proportions(width: int, height: int) -> None:
    # A right angle with arms of equal length stays one: as many dots across as down (the head
    # far off to the left, clipped, so that only the two arms are measured).
    pose = Pose({"head": (-1000, 100), "shoulder": (0, 100), "hip": (0, 0), "near_foot": (100, 0)})
    found = dots(draw(pose, width, height, box=Box(0, 0, 100, 100), ground=Ground.NONE).rows)
    floor = max(y for _, y in found)
    leg = [x for x, y in found if y == floor]
    trunk = [y for x, y in found if x == min(leg)]
    across, down = max(leg) - min(leg), max(trunk) - min(trunk)
    assert across == pytest.approx(down, abs=1.5)
    assert max(across, down) >= min(width * 2, height * 4) - 2  # it fills the room it has


def test_the_near_side_is_drawn_over_the_far_side() -> None:
    pose = Pose({"head": (20, 90), "shoulder": (20, 80), "hip": (20, 40),
                 "near_foot": (40, 0), "far_foot": (40, 0)})  # fmt: skip
    drawing = draw(pose, 20, 10, ground=Ground.NONE)
    assert FAR not in "".join(drawing.parts)  # the same line: only the near one shows
    pose = Pose({**pose.joints, "far_foot": (0, 0)})
    assert FAR in "".join(draw(pose, 20, 10, ground=Ground.NONE).parts)


def test_a_hand_without_its_elbow_is_joined_to_the_shoulder() -> None:
    pose = Pose({"head": (20, 90), "shoulder": (20, 80), "hip": (20, 40), "near_hand": (60, 80)})
    found = dots(draw(pose, 20, 10, box=Box(0, 0, 100, 100), ground=Ground.NONE).rows)
    shoulder_row = {y for x, y in found if x > 20}
    assert len(shoulder_row) == 1  # a level arm out to the side


def test_a_wall_is_a_line_down_the_right_of_the_grid() -> None:
    drawing = draw(STANDING, 20, 10, ground=Ground.WALL)
    assert box_of([STANDING], Ground.WALL).right > 100
    assert any(GROUND in parts.rstrip(EMPTY)[-2:] for parts in drawing.parts[:-1])


def test_a_pose_off_the_canvas_is_clipped() -> None:
    pose = Pose({"head": (-500, 900), "shoulder": (50, 50), "hip": (1e6, -1e6)})
    drawing = draw(pose, 10, 5, box=Box(0, 0, 100, 100))
    assert drawing.height == 5 and all(len(row) == 10 for row in drawing.rows)
    assert dots(drawing.rows)  # what is on the canvas is drawn


@pytest.mark.parametrize(("width", "height"), [(0, 0), (0, 5), (5, 0), (-3, 2), (1, 1)])
def test_no_room_is_an_empty_or_tiny_drawing_never_an_error(width: int, height: int) -> None:
    drawing = draw(STANDING, width, height)
    assert drawing.height == max(height, 0) if width > 0 else drawing.width == 0


coordinates = st.tuples(st.floats(-1e9, 1e9), st.floats(-1e9, 1e9))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from(JOINTS), coordinates, max_size=len(JOINTS)),
    st.integers(0, 60),
    st.integers(0, 30),
    st.sampled_from(list(Ground)),
)
def test_any_pose_at_any_size_is_drawn_in_exactly_its_cells(
    joints: dict[str, tuple[float, float]], width: int, height: int, ground: Ground
) -> None:
    drawing = draw(Pose(joints), width, height, ground=ground)
    if width and height:
        assert drawing.height == height
        assert all(len(row) == width for row in drawing.rows)
        assert all(len(parts) == width for parts in drawing.parts)
        assert all(BLANK <= ch <= "\u28ff" for row in drawing.rows for ch in row)
    else:
        assert drawing.rows == ()


EVERY_JOINT = Pose({"head": (70, 80), "shoulder": (66, 70), "hip": (60, 40),
                    "near_elbow": (78, 60), "near_hand": (92, 66), "far_elbow": (58, 56),
                    "far_hand": (48, 64), "near_knee": (70, 20), "near_foot": (72, 0),
                    "far_knee": (52, 20), "far_foot": (44, 0)})  # fmt: skip
"""A figure standing on its near leg, its far arm reaching back: every bone drawn."""


def test_the_box_holds_every_joint_the_head_and_the_ground_with_a_margin() -> None:
    assert box_of([EVERY_JOINT]) == Box(42.0, -2.0, 94.0, 86.5)  # head 80 + 4.5 + 2
    # the wall stands where the hand furthest right touches it (92), at 100 with no hands
    assert box_of([EVERY_JOINT], Ground.WALL) == Box(42.0, -2.0, 94.0, 86.5)
    body = Pose({name: EVERY_JOINT.joints[name] for name in ("head", "shoulder", "hip")})
    assert box_of([body], Ground.WALL) == Box(58.0, -2.0, 102.0, 86.5)
    lifted = Pose({name: (x, y + 10) for name, (x, y) in EVERY_JOINT.joints.items()})
    assert box_of([lifted], Ground.NONE) == Box(42.0, 8.0, 94.0, 96.5)
    assert box_of([lifted]) == Box(42.0, -2.0, 94.0, 96.5)  # the floor stays in the picture
    assert box_of([]) == Box(-2.0, -2.0, 102.0, 102.0)  # nothing given: the whole grid


def test_every_bone_in_known_cells_on_the_floor() -> None:
    drawing = draw(EVERY_JOINT, 12, 6)
    assert drawing.rows == ("⠀⠀⠀⠀⠀⢰⡶⠀⠀⠀⠀⠀", "⠀⠀⠀⢄⣀⡾⠢⡠⠤⠂⠀⠀", "⠀⠀⠀⠀⠈⡇⠀⠀⠀⠀⠀⠀",
                            "⠀⠀⠀⠀⡸⢆⠀⠀⠀⠀⠀⠀", "⠀⠀⠀⢰⠁⠈⡇⠀⠀⠀⠀⠀", "⠤⠤⠤⠧⠤⠤⠧⠤⠤⠤⠤⠤")  # fmt: skip
    assert drawing.parts == ("     nn     ", "   ffnnnnn  ", "    fn      ",
                             "    nn      ", "   ffnn     ", "ggffggnggggg")  # fmt: skip


def test_every_bone_in_known_cells_against_a_wall() -> None:
    """The wall stands where the near hand is (x = 92): the hand touches it."""
    drawing = draw(EVERY_JOINT, 14, 5, ground=Ground.WALL)
    assert drawing.rows == ("⠀⠀⠀⠀⠀⠀⢀⠆⠀⢸⠀⠀⠀⠀", "⠀⠀⠀⠀⠐⢢⡾⠑⠖⢺⠀⠀⠀⠀", "⠀⠀⠀⠀⠀⢀⡇⠀⠀⢸⠀⠀⠀⠀",
                            "⠀⠀⠀⠀⠀⡞⠘⡆⠀⢸⠀⠀⠀⠀", "⣀⣀⣀⣀⣸⣀⣀⣇⣀⣸⣀⣀⣀⣀")  # fmt: skip
    assert drawing.parts == ("      nn g    ", "    ffnnnn    ", "     fn  g    ",
                             "     fnn g    ", "ggggfggngggggg")  # fmt: skip


def test_the_head_reaches_past_its_joint_on_every_side() -> None:
    lying = Pose({"head": (10, 6), "shoulder": (20, 4), "hip": (50, 4)})
    assert box_of([lying], Ground.NONE) == Box(3.5, -0.5, 52.0, 12.5)
    upside_down = Pose({"head": (60, 1), "shoulder": (60, 10), "hip": (40, 30)})
    assert box_of([upside_down], Ground.NONE).bottom == -5.5  # 1 - 4.5 - 2


def test_an_arm_with_its_elbow_is_not_also_joined_straight_to_the_shoulder() -> None:
    bent = Pose({"head": (50, 90), "shoulder": (50, 80), "hip": (50, 40),
                 "near_elbow": (80, 80), "near_hand": (80, 50)})  # fmt: skip
    drawing = draw(bent, 20, 10, Box(0, 0, 100, 100), Ground.NONE)
    straight = draw(Pose({**bent.joints, "near_elbow": (50, 80)}), 20, 10, Box(0, 0, 100, 100),
                    Ground.NONE)  # fmt: skip
    inside_the_elbow = drawing.parts[3][13]  # on the shoulder-to-hand diagonal, not on a bone
    assert inside_the_elbow == " " and straight.parts[3][13] == NEAR
