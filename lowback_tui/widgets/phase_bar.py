"""A thin bar showing how much of the current phase is behind."""

from __future__ import annotations

import math

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

MAX_CELLS = 60
STEPS_PER_SECOND = 1
"""The bar moves once a second, with the digits, so the screen wakes once a second.

Measured in a pty on 5 s holds: a bar following every cell redrew 14 times a second and cost
about 5 % of a core; half-second steps about 0.85 %; steps with the digits about half that.
"""


class PhaseBar(Widget):
    """Filled from the left as the phase passes, in steps; redraws only when a step passes.

    It takes the whole row and draws itself centred, at most MAX_CELLS long, with a margin on
    each side, since a container's `align` centres its children only as one block.
    """

    DEFAULT_CSS = """
    PhaseBar {
        height: 1;
        width: 100%;
        color: $primary;
    }
    """

    filled: reactive[int] = reactive(0)
    """Cells filled; set through `show`."""
    heavy: reactive[bool] = reactive(False)
    """Filled with full blocks rather than a line: the effort's bar, told apart without colour."""

    @property
    def cells(self) -> int:
        """Length of the bar in cells at the current width."""
        width = self.content_size.width
        return max(0, min(MAX_CELLS, width - 2 * (width // 10)))

    def _steps(self, phase_seconds: float) -> int:
        return max(1, min(self.cells, math.floor(phase_seconds * STEPS_PER_SECOND)))

    def cells_for(self, fraction: float, phase_seconds: float) -> int:
        """Cells filled when `fraction` (0.0 to 1.0) of a phase of that length is behind."""
        steps = self._steps(phase_seconds)
        step = min(steps, max(0, math.floor(fraction * steps + 1e-9)))
        return round(step * self.cells / steps)

    def show(self, fraction: float, phase_seconds: float) -> None:
        """Fill the bar to `fraction`; a no-op (no redraw) when no step has passed."""
        self.filled = self.cells_for(fraction, phase_seconds)

    def seconds_to_next_step(self, fraction: float, phase_seconds: float) -> float:
        """How long until the bar next moves."""
        if self.cells <= 0:
            return math.inf
        steps = self._steps(phase_seconds)
        step = math.floor(fraction * steps + 1e-9)
        if step >= steps:
            return math.inf
        return ((step + 1) / steps - fraction) * phase_seconds

    def render(self) -> Content:
        width = self.cells
        filled = min(self.filled, width)
        margin = " " * ((self.content_size.width - width) // 2)
        fill = "█" if self.heavy else "━"
        return Content.assemble(  # the filled part in the widget's own colour (the phase's)
            margin, (fill * filled, "bold"), ("─" * (width - filled), "$panel-lighten-2")
        )
