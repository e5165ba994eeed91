"""Rows of text, one under another, scrolled a line at a time, drawn by a single widget.

The exercise list and the detail pane are the first screen; it lays out the rows' heights when
its width changes and draws only the lines on screen.

It was written because Textual's OptionList and a scroll container holding a Static cost more
before the list appeared. Measured again with Textual 8.2.8 (40 alternating runs, 2 cores, an
empty Textual app 148.9 ms): the list screen with ExerciseList as an OptionList (same rows) came
up in 174.9 ms (min 162.8), with this widget in 175.7 ms (min 158.6): no longer a speed reason
(issue 23 said to use OptionList within 5 ms). It stays because OptionList draws differently:
the NO_COLOR snapshot of the list changes (its rows are written as styled spaces), and the list's
tests that ask where a row is, or which keys move the highlight (OptionList binds its own), would
have to change; hover and page keys would follow OptionList's rules instead of these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual


class RowsView(ScrollView):
    """Visuals one under another at the widget's width; scrolls when they do not fit."""

    DEFAULT_CSS = """
    RowsView {
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: Sequence[Visual] = ()
        self._laid_out_for: Size | None = None
        self._width = 0
        """The width the rows are laid out at: the widget's, less a scrollbar if they need one."""
        self._spans: list[tuple[int, int]] = []
        """Each row's first line and the line after its last."""
        self._line_rows: list[tuple[int, int]] = []
        """Each line's row and its line within that row."""
        self._drawn: dict[tuple[int, Style], list[Strip]] = {}

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def set_rows(self, rows: Sequence[Visual]) -> None:
        """Show `rows` in place of what was shown."""
        self._rows = rows
        self._laid_out_for = None
        self._drawn.clear()
        if self.is_mounted:
            self._lay_out()
        self.refresh()

    def row_style(self, row: int) -> Style:
        """The style row number `row` is drawn in (the list overrides it for its highlight)."""
        return self.visual_style

    def row_region(self, row: int) -> Region:
        """Where row number `row` lies in the scrolled content."""
        self._lay_out()
        if row >= len(self._spans):
            return Region()  # not laid out yet
        start, end = self._spans[row]
        return Region(0, start, self._width, end - start)

    def row_at(self, line: int) -> int | None:
        """The row on line `line` of the scrolled content, if any."""
        self._lay_out()
        return self._line_rows[line][0] if 0 <= line < len(self._line_rows) else None

    def _lay_out(self) -> None:
        """Work out each row's lines for the widget's size, unless that is done already."""
        if self.size == self._laid_out_for or not self.size.width:
            return  # done already, or not yet on screen
        self._laid_out_for = self.size
        width, height = self.size
        heights = self._heights(width)
        if sum(heights) > height and self.styles.overflow_y != "hidden":
            width = max(width - self.styles.scrollbar_size_vertical, 1)
            heights = self._heights(width)
        self._width = width
        self._drawn.clear()
        self._spans = []
        self._line_rows = []
        for row, row_height in enumerate(heights):
            start = len(self._line_rows)
            self._line_rows += [(row, line) for line in range(row_height)]
            self._spans.append((start, len(self._line_rows)))
        self.virtual_size = Size(width, len(self._line_rows))

    def _heights(self, width: int) -> list[int]:
        rules = cast(RulesMap, self.styles)
        width = max(width, 1)  # a terminal can be narrower than the padding
        return [max(row.get_height(rules, width), 1) for row in self._rows]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(self._heights(width))  # for `height: auto`, as in the detail window

    def on_resize(self) -> None:
        self._lay_out()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lay_out()  # the first frame is drawn before the first resize is handled
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if not 0 <= line < len(self._line_rows):
            return Strip.blank(self._width, self.visual_style.rich_style)
        row, offset = self._line_rows[line]
        style = self.row_style(row)
        strips = self._drawn.get((row, style))
        if strips is None:
            width = self._width
            drawn = Visual.to_strips(self, self._rows[row], width, None, style, pad=True)
            start, end = self._spans[row]
            blank = Strip.blank(width, style.rich_style)
            strips = (drawn + [blank] * (end - start))[: end - start]
            self._drawn[(row, style)] = strips
        return strips[offset]
