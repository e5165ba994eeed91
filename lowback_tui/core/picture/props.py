"""Where a picture's props go: each prop as line segments on the grid, for figure.py to draw.

A towel or band is one line between the two joints it is held by, so it moves with them from
the start position to the held one; a chair is a side view of a seat, two legs and a back.
Plain geometry: nothing here draws.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lowback_tui.core.picture.model import Point, Pose, Prop, PropKind

SEAT_HALF = 9.0
"""Half a chair seat's depth, in grid units (a figure standing is about 85 tall)."""
CHAIR_BACK = 24.0
"""How far a chair's back rises above its seat."""

Segment = tuple[Point, Point]


def prop_segments(prop: Prop, joints: Mapping[str, Point]) -> list[Segment]:
    """The lines of `prop` for a pose with `joints`; none for a towel whose joints it lacks."""
    if prop.kind is PropKind.CHAIR and prop.at is not None:
        x, y = prop.at
        front, back = (x + SEAT_HALF, y), (x - SEAT_HALF, y)
        return [
            (back, front),
            (front, (front[0], 0.0)),
            (back, (back[0], 0.0)),
            (back, (back[0] - 1.5, y + CHAIR_BACK)),
        ]
    if prop.between is not None:
        one, other = prop.between
        if one in joints and other in joints:
            return [(joints[one], joints[other])]
    return []


def prop_points(props: Iterable[Prop], poses: Iterable[Pose]) -> list[Point]:
    """Every end of every prop's lines in any of `poses`: what a drawing's box must hold."""
    points: list[Point] = []
    for pose in poses:
        for prop in props:
            for start, end in prop_segments(prop, pose.joints):
                points += [start, end]
    return points


def wall_x(poses: Iterable[Pose]) -> float:
    """Where a wall stands: at the hand furthest to the right, so the hands touch it (at the
    right edge, x = 100, when no pose gives a hand)."""
    hands = [
        pose.joints[hand][0]
        for pose in poses
        for hand in ("near_hand", "far_hand")
        if hand in pose.joints
    ]
    return max(hands, default=100.0)
