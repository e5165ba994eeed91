"""How several figures share one row of a given width: plain arithmetic on their boxes.

A picture's start and held positions, and its second view's, go side by side where each keeps
most of the size it would have alone on the row; where they would not, the caller puts them one
under the other or (a second view in the countdown) leaves the extra figure out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lowback_tui.core.picture.figure import Box, scale_of

GAP = 2
"""Cells between two figures side by side."""
SIDE_BY_SIDE = 0.7
"""Side by side only while each figure is at least this share of its size alone on the row."""
NARROWEST = 8
"""The fewest cells a figure side by side is given: narrower, it is no longer a figure."""


def natural_width(box: Box, width: int, rows: int) -> int:
    """The cells `box` takes drawn `rows` tall, at its scale alone on a row `width` wide."""
    used = (box.right - box.left) * scale_of(box, width, rows) + 1
    return max(1, min(width, math.ceil(used / 2)))


def fit_row(
    boxes: Sequence[Box], width: int, rows: int, gap: int = GAP, least: Sequence[int] = ()
) -> list[int] | None:
    """The width each of `boxes` gets side by side on a row `width` cells wide, at most `rows`
    tall, each at least its `least` (the length of its label, say); None when they do not fit
    (one of them would shrink below SIDE_BY_SIDE of its size alone, or below NARROWEST cells)."""
    if len(boxes) <= 1:
        return [width] * len(boxes)
    room = width - gap * (len(boxes) - 1)
    least = list(least) or [0] * len(boxes)
    naturals = [
        max(natural_width(box, width, rows), wanted)
        for box, wanted in zip(boxes, least, strict=True)
    ]
    if sum(naturals) <= room:  # each at its full size, the room left shared out
        spare = room - sum(naturals)
        widths = [n + spare // len(boxes) for n in naturals]
    else:
        widths = [room * n // sum(naturals) for n in naturals]
    for box, each, wanted in zip(boxes, widths, least, strict=True):
        if each < max(NARROWEST, wanted) or scale_of(box, each, rows) < SIDE_BY_SIDE * scale_of(
            box, width, rows
        ):
            return None
    return widths
