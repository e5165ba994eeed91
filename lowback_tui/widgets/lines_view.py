"""A long text shown a line at a time: only the lines on screen are asked for.

For text too long to draw whole (the history of years of sessions): the lines come from a
`Lines` source by number as they scroll into view, and the scroll bar stands for all of them.
Each line is shown as text: no markup is read in it.
"""

from __future__ import annotations

from typing import Protocol

from rich.cells import cell_len
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Lines(Protocol):
    """Lines by number, and how many there are."""

    def __len__(self) -> int: ...

    def line(self, index: int) -> str:
        """Line `index` (0 is the first)."""
        ...


class LinesView(ScrollView, can_focus=True):
    """`lines`, scrolled with the arrows, the page keys, Home and End; as wide as the widest
    line shown so far (the first and last to begin with)."""

    DEFAULT_CSS = """
    LinesView {
        height: 1fr;
    }
    """

    def __init__(self, lines: Lines, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = lines
        count = len(lines)
        widest = max((cell_len(lines.line(i)) for i in (0, count - 1) if i >= 0), default=0)
        self.virtual_size = Size(widest, count)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        style = self.rich_style
        text = self.lines.line(index) if index < len(self.lines) else ""
        width = cell_len(text)
        if width > self.virtual_size.width:  # as wide as the widest line shown so far
            self.call_after_refresh(self._widen, width)
        return Strip([Segment(text, style)], width).crop_extend(
            scroll_x, scroll_x + self.scrollable_content_region.width, style
        )

    def action_scroll_home(self) -> None:
        """At once: an animated jump would fetch every line it passed."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        """At once: an animated jump would fetch every line it passed."""
        self.scroll_end(animate=False)

    def _widen(self, width: int) -> None:
        if width > self.virtual_size.width:
            self.virtual_size = Size(width, self.virtual_size.height)
