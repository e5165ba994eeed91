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
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from lowback_tui.core.picture.figure import (
    NEAR,
    Box,
    Drawing,
    draw,
    picture_box,
    scale_of,
    second_box,
)
from lowback_tui.core.picture.layout import GAP, SIDE_BY_SIDE, fit_row
from lowback_tui.core.picture.model import (
    HELD,
    START,
    WORK_HELD,
    Ground,
    Picture,
    Pose,
    Prop,
    SecondView,
)
from lowback_tui.core.picture.props import wall_x

if TYPE_CHECKING:  # the session's part loads with the first session, not before the list
    from lowback_tui.core.session.picture_moment import PictureMoment

MAX_ROWS = 8
"""The tallest a figure is drawn when nothing else says."""
SCREEN_SHARE = 3
"""In the detail, a figure is at most a third of the terminal's height (2 to 12 rows), so the
text under it stays in reach."""
SECOND_VIEW_MIN_WIDTH = 20
"""The narrowest the detail shows a second view in: narrower, it is said in words only."""

STACKED_MIN_ROWS = 3
"""The fewest rows the countdown gives each of two figures one under the other."""

_NO_DOTS = "\u2800"
_DIM = Style(dim=True)
_BOLD = Style(bold=True)
_drawn = lru_cache(maxsize=128)(draw)


def rows_for_screen(height: int) -> int:
    """The tallest a figure in the detail is drawn on a terminal `height` rows tall."""
    return max(2, min(12, height // SCREEN_SHARE))


def drawing_strips(drawing: Drawing, style: Style) -> list[Strip]:
    """The drawing as lines of the screen: the near side in `style`, the rest (the far side,
    props, the ground) dimmed."""
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


class Figure(NamedTuple):
    """One pose to draw, with all it is drawn with: its view's box, ground, props and wall."""

    pose: Pose
    label: str
    held: bool
    box: Box
    ground: Ground
    props: tuple[Prop, ...]
    wall: float

    def drawn(self, width: int, max_rows: int) -> Drawing:
        rows = rows_at(self.box, width, max_rows)
        args = (self.pose, width, rows, self.box, self.ground, self.props, self.wall)
        return _drawn(*args)


def side_figure(picture: Picture, pose: Pose, label: str, held: bool) -> Figure:
    """A pose of the side view."""
    poses = [p for p in (picture.start, picture.held) if p]
    box, wall = picture_box(picture), wall_x(poses)
    return Figure(pose, label, held, box, picture.ground, picture.props, wall)


def second_figure(second: SecondView, pose: Pose, label: str, held: bool) -> Figure:
    """A pose of the second view, labelled with where it looks from ("hold, from above")."""
    label = f"{label}, {second.label}" if label else second.label
    return Figure(pose, label, held, second_box(second), second.ground, second.props, 100.0)


def row_strips(
    figures: list[tuple[Figure, Drawing]], width: int, style: Style, gap: int = GAP
) -> list[Strip]:
    """Figures side by side, each with its label, their bottoms level; `width` cells wide."""
    tall = max(drawing.height for _, drawing in figures)
    columns = []
    for figure, drawing in figures:
        lines = _labelled(drawing, figure.label, figure.held, style)
        columns.append(
            [Strip.blank(drawing.width, style.rich_style)] * (tall - drawing.height) + lines
        )
    spacer = Strip.blank(gap, style.rich_style)
    rows = []
    for line in zip(*columns, strict=True):
        parts = [line[0]]
        for one in line[1:]:
            parts += [spacer, one]
        joined = Strip.join(parts)
        rows.append(Strip.join([joined, Strip.blank(width - joined.cell_length, style.rich_style)]))
    return rows


def _row(figures: list[Figure], width: int, max_rows: int) -> list[tuple[Figure, Drawing]] | None:
    """`figures` drawn side by side on a row `width` wide, or None where they do not fit."""
    boxes, labels = [figure.box for figure in figures], [len(figure.label) for figure in figures]
    widths = fit_row(boxes, width, max_rows, least=labels)
    if widths is None:
        return None
    return [
        (figure, figure.drawn(each, max_rows)) for figure, each in zip(figures, widths, strict=True)
    ]


class PictureRows(Visual):
    """The start and held positions of an exercise, labelled, for the detail pane and window:
    side by side where each stays near its size alone, else one under the other, each figure at
    most `max_rows` rows; a second view (from the front or above) beside them where it fits,
    else in a row of its own under them, and left out where the pane is too narrow."""

    def __init__(self, picture: Picture, is_hold: bool = True, max_rows: int = MAX_ROWS) -> None:
        self.picture = picture
        self.max_rows = max(max_rows, 1)
        held = HELD if is_hold else WORK_HELD
        self.side = [side_figure(picture, picture.held, held, True)]
        if picture.start:
            self.side.insert(0, side_figure(picture, picture.start, START, False))
        self.second: list[Figure] = []
        if (second := picture.second) is not None:
            self.second = [second_figure(second, second.held, held, True)]
            if second.start:
                self.second.insert(0, second_figure(second, second.start, START, False))
        self._rows: dict[int, list[list[tuple[Figure, Drawing]]]] = {}

    def _layout(self, width: int) -> list[list[tuple[Figure, Drawing]]]:
        """The rows of figures at `width`, each figure drawn."""
        if width not in self._rows:
            top = self.max_rows
            second = self.second if width >= SECOND_VIEW_MIN_WIDTH else []
            one_row = _row(self.side + second, width, top) if second else None
            rows = [one_row] if one_row else []
            for group in [] if one_row else [self.side, second]:
                if together := _row(group, width, top):
                    rows.append(together)
                else:  # one under the other, each without the empty rows above it
                    rows += [[(f, _trimmed(f.drawn(width, top)))] for f in group]
            self._rows[width] = [row for row in rows if row]
        return self._rows[width]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        rows = self._layout(width)
        return sum(max(drawing.height for _, drawing in row) + 1 for row in rows)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return [strip for row in self._layout(width) for strip in row_strips(row, width, style)]


class _Fitted(Visual):
    """One pose fitted to the whole of a box, centred, with its label under it; the second
    view's pose beside it where both fit, else under it where the side view keeps most of its
    size, else left out."""

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
        moment = self.moment
        picture = moment.picture
        held = moment.pose == picture.held
        side = side_figure(picture, moment.pose, moment.label, held)
        lines: list[Strip] = []
        if picture.second is not None and moment.second is not None:
            second = second_figure(picture.second, moment.second, "", held)
            lines = _second_with(side, second, width, height, style)
        if not lines:
            lines = row_strips([(side, side.drawn(width, height - 1))], width, style)
        blank = Strip.blank(width, style.rich_style)
        return [blank] * ((height - len(lines)) // 2) + lines


def _second_with(
    side: Figure, second: Figure, width: int, height: int, style: Style
) -> list[Strip]:
    """The side view and the second view in `width` × `height`: beside each other, or one
    under the other, or nothing when either would cost the side view too much of its size."""
    if row := _row([side, second], width, height - 1):
        return row_strips(row, width, style)
    each = (height - 2) // 2  # two figures, each with its label
    alone = scale_of(side.box, width, height - 1)
    if each < STACKED_MIN_ROWS or scale_of(side.box, width, each) < SIDE_BY_SIDE * alone:
        return []
    rows = [[(figure, _trimmed(figure.drawn(width, each)))] for figure in (side, second)]
    return [strip for row in rows for strip in row_strips(row, width, style)]


class PoseView(Widget):
    """The figure of the moment in a session, as large as the widget, with its label under it.
    Set `moment` only when it changes: each change is one redraw."""

    moment: reactive[PictureMoment | None] = reactive(None, layout=False)

    def render(self) -> Visual | str:
        return _Fitted(self.moment) if self.moment else ""
