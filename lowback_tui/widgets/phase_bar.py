"""A thin bar showing how much of the current phase is behind."""

from __future__ import annotations

import math

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

MAX_CELLS = 60


class PhaseBar(Widget):
    """Filled from the left as the phase passes; redraws only when a cell fills.

    It takes the whole row and draws itself centred, at most MAX_CELLS long, with a margin on
    each side, since a container's `align` centres its children only as one block.
    """

    DEFAULT_CSS = """
    PhaseBar {
        height: 1;
        width: 100%;
    }
    """

    filled: reactive[int] = reactive(0)
    """Cells filled; set through `show`, which the screen calls with the phase's fraction."""

    @property
    def cells(self) -> int:
        """Length of the bar in cells at the current width."""
        width = self.content_size.width
        return min(MAX_CELLS, width - 2 * (width // 10))

    def cells_for(self, fraction: float) -> int:
        """How many cells `fraction` (0.0 to 1.0) fills at the current width."""
        width = self.cells
        return min(width, max(0, math.floor(fraction * width + 1e-9)))

    def show(self, fraction: float) -> None:
        """Fill the bar to `fraction`; a no-op (no redraw) when no cell changes."""
        self.filled = self.cells_for(fraction)

    def seconds_to_next_cell(self, fraction: float, phase_seconds: float) -> float:
        """How long until one more cell fills, at one phase-length per full bar."""
        width = self.cells
        if width <= 0:
            return math.inf
        filled = self.cells_for(fraction)
        if filled >= width:
            return math.inf
        return ((filled + 1) / width - fraction) * phase_seconds

    def render(self) -> Content:
        width = self.cells
        filled = min(self.filled, width)
        margin = " " * ((self.content_size.width - width) // 2)
        return Content.assemble(
            margin, ("━" * filled, "$primary"), ("─" * (width - filled), "$panel-lighten-2")
        )
