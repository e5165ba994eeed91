"""What a picture of an exercise is: a side view of a simple figure, given as joint positions.

A routine can carry a picture for each exercise (`[exercise.picture]`): the position held, and
optionally the position it starts from, each as a few joints on a 100 × 100 grid (x to the
right, y up; the floor is y = 0). lowback draws the figure with line segments between the
joints, scaled to the room it has (core/picture/figure.py), so the same numbers make a small picture
on a small terminal and a large one on a large terminal; plain mode and screen readers get the
picture's `description` instead.

In a side view the limbs on the side nearer the viewer (`near_…`) are drawn over those on the
far side (`far_…`), which are fainter.

A picture may also carry props drawn with the figure (a towel or band held between two joints, a
chair), and a second view (`[exercise.picture.front]` or `[exercise.picture.above]`) for a move
a side view cannot show, such as a twist: its own poses, drawn beside the side view where there
is room and said in words where there is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

START, MOVING, HELD = "start", "into the hold", "hold"
"""The label under a figure: where it starts, on the way, and the position held."""
WORK_HELD = "the move"
"""The held position of a timed effort (worked, not held still)."""

GRID = (0, 100)
"""The range of every coordinate: x from the left, y up from the floor."""
DESCRIPTION_MAX = 200
"""Characters in a picture's description: one sentence said instead of the drawing."""

JOINTS = (
    "head",
    "shoulder",
    "hip",
    "near_elbow",
    "near_hand",
    "far_elbow",
    "far_hand",
    "near_knee",
    "near_foot",
    "far_knee",
    "far_foot",
    "near_shoulder",
    "far_shoulder",
    "near_hip",
    "far_hip",
)
"""Every joint a pose may give. `head`, `shoulder` and `hip` are required; a limb whose joints
are left out is not drawn (a limb hidden behind the body). The shoulders' and hips' own sides
(`near_shoulder` …) are for a view from the front or above, where the shoulders' line can turn
against the hips' line: given, they are drawn as a line and the arms and legs hang from them."""
REQUIRED_JOINTS = ("head", "shoulder", "hip")

BONES = (
    ("head", "shoulder"),
    ("shoulder", "hip"),
    ("far_elbow", "shoulder"),
    ("far_elbow", "far_hand"),
    ("far_knee", "hip"),
    ("far_knee", "far_foot"),
    ("near_elbow", "shoulder"),
    ("near_elbow", "near_hand"),
    ("near_knee", "hip"),
    ("near_knee", "near_foot"),
)
"""The segments drawn between joints, far side first (so the near side is drawn over it). A hand
given without its elbow is joined to the shoulder, a foot without its knee to the hip; where a
side's own shoulder or hip is given, that side's limb hangs from it instead."""
GIRDLES = (("near_shoulder", "far_shoulder"), ("near_hip", "far_hip"))
"""The shoulders' and the hips' lines, drawn when both their ends are given."""


class Ground(StrEnum):
    """What the figure rests on or against, drawn as a line."""

    FLOOR = "floor"
    WALL = "wall"
    """A wall at x = 100 (the right edge), and the floor."""
    NONE = "none"


class PropKind(StrEnum):
    """Something drawn with the figure, in its own faint part."""

    TOWEL = "towel"
    """A towel held between two joints: a line between them, moving with them."""
    BAND = "band"
    """A resistance band, drawn as a towel is."""
    CHAIR = "chair"
    """A chair in side view: a seat at `at`, two legs to the floor, a back on its left."""


PROPS_MAX = 4
"""Props in one view: a few things beside the figure, not a scene (and never a slow drawing)."""


class Prop(NamedTuple):
    """A prop: a towel or band `between` two joints, or a chair whose seat's middle is `at`."""

    kind: PropKind
    between: tuple[str, str] | None = None
    at: tuple[float, float] | None = None


class ViewName(StrEnum):
    """Where a second view looks from."""

    FRONT = "front"
    ABOVE = "above"


Point = tuple[float, float]


@dataclass(frozen=True)
class Pose:
    """One position of the figure: each joint given, on the GRID."""

    joints: Mapping[str, Point] = field(default_factory=dict)

    def __hash__(self) -> int:  # frozen like every part of a Routine, and hashable like them
        return hash(tuple(sorted(self.joints.items())))


class Picture(NamedTuple):
    """An exercise's picture: the position held and, for a move, the one it starts from."""

    held: Pose
    description: str
    """The position in words, for plain mode and screen readers ("lying on the back, one knee
    drawn up to the chest")."""
    start: Pose | None = None
    ground: Ground = Ground.FLOOR
    props: tuple[Prop, ...] = ()
    second: SecondView | None = None
    """The view from the front or above, when the side view cannot show the move."""


class SecondView(NamedTuple):
    """A second view of the same move: its own poses (x across, y away from the viewer's feet
    from above; x across, y up from the front) and its own description."""

    view: ViewName
    held: Pose
    description: str
    start: Pose | None = None
    props: tuple[Prop, ...] = ()

    @property
    def ground(self) -> Ground:
        """The floor under a view from the front; none from above (the floor is everywhere)."""
        return Ground.FLOOR if self.view is ViewName.FRONT else Ground.NONE

    @property
    def label(self) -> str:
        """The words under its figure: "from above"."""
        return f"from {self.view.value}" if self.view is ViewName.ABOVE else "from the front"
