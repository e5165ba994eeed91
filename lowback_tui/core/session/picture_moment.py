"""Which position of an exercise's picture to show at each moment of a session, and its label.

While getting ready the figure moves from the start position to the held one, a step each
time the shown second changes (in step with the countdown, never more often); during the hold
or the work it is the held position, labelled so; while letting go (switching sides, relaxing)
it is back at the start; during a rest it is the next exercise's start. A second view (from the
front or above) moves in step with the side view. Every front end that draws the picture asks
here, so they all show the same thing at the same moment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from lowback_tui.core.picture.figure import between
from lowback_tui.core.picture.model import HELD, MOVING, START, WORK_HELD, Picture, Pose
from lowback_tui.core.routine.plan import Kind

if TYPE_CHECKING:  # the engine loads with the first session, not before the list (the labels)
    from lowback_tui.core.session.engine import View


class PictureMoment(NamedTuple):
    """What to draw now: a pose of `picture`, and a word for which one it is."""

    picture: Picture
    pose: Pose
    label: str
    second: Pose | None = None
    """The second view's pose at the same moment, when the picture has one."""


def share_moved(shown_seconds: int, seconds: int) -> float:
    """How far from start to held the figure is while getting ready: 0 at the first shown
    second, 1 at the last (a phase of one second shows the held position)."""
    if seconds <= 1:
        return 1.0
    return min(max((seconds - shown_seconds) / (seconds - 1), 0.0), 1.0)


def picture_moment(view: View) -> PictureMoment | None:
    """The pose to show for `view`, or None when its exercise has no picture."""
    picture = view.exercise.picture
    if picture is None:
        return None
    kind = view.phase.kind
    held_label = HELD if view.exercise.is_hold else WORK_HELD
    if picture.start is None or kind.is_active:
        share, label = 1.0, held_label
    elif kind is Kind.GET_READY:
        share = share_moved(view.shown_seconds, view.phase.seconds)
        label = held_label if share >= 1.0 else START if share <= 0.0 else MOVING
    else:
        share, label = 0.0, START  # letting go, or resting before it
    second = None
    if picture.second is not None:
        second = _at(picture.second.start, picture.second.held, share)
    return PictureMoment(picture, _at(picture.start, picture.held, share), label, second)


def _at(start: Pose | None, held: Pose, share: float) -> Pose:
    """The pose `share` of the way from `start` to `held`: each end itself, not a copy."""
    if start is None or share >= 1.0:
        return held
    return start if share <= 0.0 else between(start, held, share)
