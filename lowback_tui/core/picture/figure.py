"""Drawing a pose: line segments between its joints, in braille dots, scaled to the room given.

A terminal cell holds a braille character of 2 × 4 dots; a cell is about twice as tall as it is
wide, so each dot is about square, and one scale for x and y keeps the figure's proportions. The
drawing is plain data (a row of characters per line, and beside it which part each cell shows:
the near limbs and body, the far limbs, the props, the ground), so the core can test it and any
front end can colour it. Nothing here knows about terminals or styles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from lowback_tui.core.picture.model import (
    BONES,
    GIRDLES,
    Ground,
    Picture,
    Point,
    Pose,
    Prop,
    SecondView,
)
from lowback_tui.core.picture.props import prop_points, prop_segments, wall_x

NEAR, FAR, PROP, GROUND, EMPTY = "n", "f", "p", "g", " "
"""What a cell shows, in `Drawing.parts`: the near side (and the body), the far side, a prop
(a towel, a chair), the ground, nothing. Where several meet in one cell, the nearest wins."""

HEAD_RADIUS = 4.5
"""The head's radius, in grid units (the grid is 100 × 100; a figure lying down is ~70 long)."""
MARGIN = 2.0
"""Grid units kept clear around the figure, so a hand at the edge is not cut by the frame."""

_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""Braille dot bits by [row within the cell][column within the cell] (Unicode's numbering)."""
_BLANK = 0x2800


class Box(NamedTuple):
    """The part of the grid a drawing shows: the figure's extent, shared by the poses of one
    picture so the figure does not jump or change size between them."""

    left: float
    bottom: float
    right: float
    top: float


class Drawing(NamedTuple):
    """A pose drawn: `rows` of braille characters, and `parts` saying what each cell shows."""

    rows: tuple[str, ...]
    parts: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def height(self) -> int:
        return len(self.rows)


def box_of(
    poses: Iterable[Pose], ground: Ground = Ground.FLOOR, props: tuple[Prop, ...] = ()
) -> Box:
    """The box around every joint of `poses` (the head with its radius), their props, and the
    ground (a wall where the hands touch it)."""
    poses = list(poses)
    xs: list[float] = []
    ys: list[float] = []
    for pose in poses:
        for name, (x, y) in pose.joints.items():
            reach = HEAD_RADIUS if name == "head" else 0.0
            xs += [x - reach, x + reach]
            ys += [y - reach, y + reach]
    for x, y in prop_points(props, poses):
        xs.append(x)
        ys.append(y)
    if not xs:
        xs, ys = [0.0, 100.0], [0.0, 100.0]
    if ground is not Ground.NONE:
        ys.append(0.0)  # the floor is in the picture
    if ground is Ground.WALL:
        xs.append(wall_x(poses))
    return Box(min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN)


def picture_box(picture: Picture) -> Box:
    """The box shared by a picture's poses (start and held), their props, and its ground."""
    poses = [pose for pose in (picture.start, picture.held) if pose]
    return box_of(poses, picture.ground, picture.props)


def second_box(second: SecondView) -> Box:
    """The box shared by a second view's poses and their props."""
    poses = [pose for pose in (second.start, second.held) if pose]
    return box_of(poses, second.ground, second.props)


def scale_of(box: Box, width: int, height: int) -> float:
    """Dots per grid unit when `box` is fitted into `width` × `height` cells, its proportions
    kept (a cell is 2 × 4 dots)."""
    span_x, span_y = max(box.right - box.left, 1e-9), max(box.top - box.bottom, 1e-9)
    return min((width * 2 - 1) / span_x, (height * 4 - 1) / span_y)


def draw(
    pose: Pose,
    width: int,
    height: int,
    box: Box | None = None,
    ground: Ground = Ground.FLOOR,
    props: tuple[Prop, ...] = (),
    wall: float | None = None,
) -> Drawing:
    """`pose` drawn in `width` × `height` cells with its `props`, `box` (default: the pose's
    own) fitted inside with its proportions kept, standing on the bottom edge, centred across;
    a wall at x = `wall` (default: where the pose's hands touch it). Anything outside the
    cells is left out (clipped), never an error; no room at all gives an empty drawing."""
    if width <= 0 or height <= 0:
        return Drawing((), ())
    canvas = _Canvas(width * 2, height * 4)
    box = box or box_of([pose], ground, props)
    scale = scale_of(box, width, height)
    offset_x = (canvas.width - 1 - (box.right - box.left) * scale) / 2  # centred across

    def at(point: Point) -> tuple[float, float]:
        """A grid point as dot coordinates (y down, the box's bottom on the last dot row)."""
        x, y = point
        return offset_x + (x - box.left) * scale, canvas.height - 1 - (y - box.bottom) * scale

    if ground is not Ground.NONE:
        floor = at((0.0, 0.0))[1]
        canvas.line((0, floor), (canvas.width - 1, floor), GROUND)
    if ground is Ground.WALL:
        x = at((wall_x([pose]) if wall is None else wall, 0.0))[0]
        canvas.line((x, 0), (x, canvas.height - 1), GROUND)
    joints = pose.joints
    for prop in props:
        for one, other in prop_segments(prop, joints):
            canvas.line(at(one), at(other), PROP)
    for start, end in _bones(joints):
        far = start.startswith("far_") or end.startswith("far_")
        part = FAR if far and (start, end) not in GIRDLES else NEAR  # the girdles: the body
        canvas.line(at(joints[start]), at(joints[end]), part)
    if "head" in joints:
        canvas.ring(at(joints["head"]), HEAD_RADIUS * scale, NEAR)
    return canvas.drawing()


def _bones(joints: Mapping[str, Point]) -> Iterator[tuple[str, str]]:
    """The bones `joints` give, far side first: a limb hangs from its side's own shoulder or
    hip where given, and a hand or foot without its elbow or knee from there directly."""
    for one, other in GIRDLES:
        if one in joints and other in joints:
            yield one, other
    for start, end in BONES:
        side = start.split("_")[0]
        if end in ("shoulder", "hip") and f"{side}_{end}" in joints:
            end = f"{side}_{end}"  # the elbow or knee hangs from its own side
        if start in joints and end in joints:
            yield start, end
    for limb, root in (("hand", "shoulder"), ("foot", "hip")):
        middle = "elbow" if limb == "hand" else "knee"
        for side in ("far", "near"):
            tip, own = f"{side}_{limb}", f"{side}_{root}"
            base = own if own in joints else root
            if tip in joints and f"{side}_{middle}" not in joints and base in joints:
                yield base, tip


class _Canvas:
    """A grid of dots, each marked with the part it belongs to."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.dots: dict[tuple[int, int], str] = {}

    def dot(self, x: float, y: float, part: str) -> None:
        column, row = round(x), round(y)
        if 0 <= column < self.width and 0 <= row < self.height:  # clipped, never an error
            here = self.dots.get((column, row), EMPTY)
            if _RANK[part] > _RANK[here]:
                self.dots[(column, row)] = part

    def line(self, start: tuple[float, float], end: tuple[float, float], part: str) -> None:
        for x, y in _segment(start, end):
            self.dot(x, y, part)

    def ring(self, centre: tuple[float, float], radius: float, part: str) -> None:
        """A circle of `radius` dots; a single dot when it is smaller than one."""
        x0, y0 = centre
        if radius < 1:
            self.dot(x0, y0, part)
            return
        steps = max(8, round(radius * 8))
        for step in range(steps):
            angle = 2 * math.pi * step / steps
            self.dot(x0 + radius * math.cos(angle), y0 + radius * math.sin(angle), part)

    def drawing(self) -> Drawing:
        cells_w, cells_h = self.width // 2, self.height // 4
        bits = [[0] * cells_w for _ in range(cells_h)]
        parts = [[EMPTY] * cells_w for _ in range(cells_h)]
        for (x, y), part in self.dots.items():
            row, column = y // 4, x // 2
            bits[row][column] |= _BITS[y % 4][x % 2]
            if _RANK[part] > _RANK[parts[row][column]]:
                parts[row][column] = part
        return Drawing(
            tuple("".join(chr(_BLANK + b) for b in line) for line in bits),
            tuple("".join(line) for line in parts),
        )


_RANK = {EMPTY: 0, GROUND: 1, PROP: 2, FAR: 3, NEAR: 4}


def _segment(start: tuple[float, float], end: tuple[float, float]) -> Iterator[Point]:
    """The dots of a straight line, one per step along its longer axis (no gaps)."""
    (x0, y0), (x1, y1) = start, end
    steps = max(1, math.ceil(max(abs(x1 - x0), abs(y1 - y0))))  # a step never over one dot
    if steps > 10_000:  # a coordinate far off the canvas: never a slow loop
        steps = 10_000
    for step in range(steps + 1):
        t = step / steps
        yield x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def between(start: Pose, held: Pose, share: float) -> Pose:
    """The figure `share` of the way from `start` (0) to `held` (1), joint by joint: the move
    shown in steps. A joint only one of them gives is where that one has it."""
    share = min(max(share, 0.0), 1.0)
    joints = dict(start.joints) | dict(held.joints)
    for name, (x1, y1) in held.joints.items():
        if name in start.joints:
            x0, y0 = start.joints[name]
            joints[name] = (x0 + (x1 - x0) * share, y0 + (y1 - y0) * share)
    return Pose(joints)
