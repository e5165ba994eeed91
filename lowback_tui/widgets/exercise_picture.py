"""An exercise's picture on screen: the figure the core draws, in the widget's own colours.

The near limbs and the body are in the text colour, the far limbs and the ground `dim`, which
stays distinct with NO_COLOR and on light themes (`$text-muted` would not: it is a contrast
colour only CSS resolves). Drawings are kept by size, so a redraw at the same size, or the same
pose coming round again, costs nothing.

- `PictureRows` is a row of the exercise detail: the start and held positions side by side
  where they fit, one under the other where they do not, each labelled.
- `PoseView` is the countdown's figure: one pose fitted to the widget, with its label.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from lowback_tui.core.picture.figure import NEAR, Box, Drawing, draw, picture_box, scale_of
from lowback_tui.core.picture.model import HELD, START, WORK_HELD, Picture

if TYPE_CHECKING:  # the session's part loads with the first session, not before the list
    from lowback_tui.core.session.picture_moment import PictureMoment

MAX_ROWS = 8
"""The tallest a figure is drawn when nothing else says."""
SCREEN_SHARE = 3
"""In the detail, a figure is at most a third of the terminal's height (2 to 12 rows), so the
text under it stays in reach."""
GAP = 2
"""Cells between the start and the held figure side by side."""
SIDE_BY_SIDE = 0.7
"""Side by side only while each figure is at least this share of its size stacked."""

_NO_DOTS = "\u2800"
_DIM = Style(dim=True)
_BOLD = Style(bold=True)
_drawn = lru_cache(maxsize=128)(draw)


def rows_for_screen(height: int) -> int:
    """The tallest a figure in the detail is drawn on a terminal `height` rows tall."""
    return max(2, min(12, height // SCREEN_SHARE))


def drawing_strips(drawing: Drawing, style: Style) -> list[Strip]:
    """The drawing as lines of the screen: the near side in `style`, the rest dimmed."""
    near = style.rich_style
    faint = (style + _DIM).rich_style
    strips = []
    for dots, parts in zip(drawing.rows, drawing.parts, strict=True):
        row = dots.replace(_NO_DOTS, " ")  # a blank, not a character a screen reader names
        segments: list[Segment] = []
        start = 0
        for end in range(1, len(row) + 1):
            if end == len(row) or (parts[end] == NEAR) != (parts[start] == NEAR):
                segments.append(Segment(row[start:end], near if parts[start] == NEAR else faint))
                start = end
        strips.append(Strip(segments, len(row)))
    return strips


def rows_at(box: Box, width: int, max_rows: int) -> int:
    """How many rows a figure in `box` takes when drawn `width` cells wide (at most `max_rows`)."""
    tall = (box.top - box.bottom) * scale_of(box, width, max_rows) + 1
    return max(1, min(max_rows, math.ceil(tall / 4)))


def _trimmed(drawing: Drawing) -> Drawing:
    """`drawing` without its empty rows at the top (a figure lying down, in a box tall enough
    for one sitting up): the same scale, in fewer rows."""
    first = next((n for n, parts in enumerate(drawing.parts) if parts.strip()), drawing.height)
    return Drawing(drawing.rows[first:], drawing.parts[first:])


def _labelled(drawing: Drawing, label: str, held: bool, style: Style) -> list[Strip]:
    """A figure with `label` centred under it: bold for the position held, dim for the others."""
    width = drawing.width
    caption = Segment(label[:width].center(width), (style + (_BOLD if held else _DIM)).rich_style)
    return [*drawing_strips(drawing, style), Strip([caption], width)]


Block = tuple[Drawing, str, bool]
"""A figure drawn, its label, and whether it is the position held."""


class PictureRows(Visual):
    """The start and held positions of an exercise, labelled, for the detail pane and window:
    side by side where each stays near its size one under the other, else one under the other,
    each figure at most `max_rows` rows."""

    def __init__(self, picture: Picture, is_hold: bool = True, max_rows: int = MAX_ROWS) -> None:
        self.picture = picture
        self.max_rows = max(max_rows, 1)
        self.box = picture_box(picture)
        held = HELD if is_hold else WORK_HELD
        self.poses = [(picture.held, held, True)]
        if picture.start:
            self.poses.insert(0, (picture.start, START, False))
        self._blocks: dict[int, tuple[bool, list[Block]]] = {}

    def _layout(self, width: int) -> tuple[bool, list[Block]]:
        """Whether the figures go side by side at `width`, and each one drawn."""
        if width not in self._blocks:
            box, ground, top = self.box, self.picture.ground, self.max_rows
            half = (width - GAP) // 2
            beside = (
                len(self.poses) == 2
                and half >= 8
                and scale_of(box, half, top) >= SIDE_BY_SIDE * scale_of(box, width, top)
            )
            each = half if beside else width
            rows = rows_at(box, each, top)
            blocks = [
                (_drawn(pose, each, rows, box, ground), label, held)
                for pose, label, held in self.poses
            ]
            if not beside:
                blocks = [(_trimmed(drawing), label, held) for drawing, label, held in blocks]
            self._blocks[width] = beside, blocks
        return self._blocks[width]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        beside, blocks = self._layout(width)
        heights = [drawing.height + 1 for drawing, _, _ in blocks]  # each with its label
        return max(heights) if beside else sum(heights)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        beside, blocks = self._layout(width)
        figures = [_labelled(drawing, label, held, style) for drawing, label, held in blocks]
        if not beside:
            return [strip for figure in figures for strip in figure]
        gap = Strip.blank(width - sum(drawing.width for drawing, _, _ in blocks), style.rich_style)
        return [Strip.join([one, gap, other]) for one, other in zip(*figures, strict=True)]


class _Fitted(Visual):
    """One pose fitted to the whole of a box, centred, with its label under it."""

    def __init__(self, moment: PictureMoment) -> None:
        self.moment = moment

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return MAX_ROWS + 1

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        height = MAX_ROWS + 1 if height is None else height
        if width < 1 or height < 2:
            return []
        picture = self.moment.picture
        box = picture_box(picture)
        rows = rows_at(box, width, height - 1)
        moment = self.moment
        drawing = _drawn(moment.pose, width, rows, box, picture.ground)
        lines = _labelled(drawing, moment.label, moment.pose == picture.held, style)
        blank = Strip.blank(width, style.rich_style)
        return [blank] * ((height - len(lines)) // 2) + lines


class PoseView(Widget):
    """The figure of the moment in a session, as large as the widget, with its label under it.
    Set `moment` only when it changes: each change is one redraw."""

    moment: reactive[PictureMoment | None] = reactive(None, layout=False)

    def render(self) -> Visual | str:
        return _Fitted(self.moment) if self.moment else ""
