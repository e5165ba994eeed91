"""The top of the list: the routine's name and size, and where the person is in the course.

One widget drawing all three, not a container of labels: each widget on the first screen adds
about a millisecond before it appears (measured with benchmarks/startup.py).
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from lowback_tui.core.safe_text import visible


class RoutineHeading(Widget):
    """Name and size on one line when they fit, the size under the name when not; the course
    line (once the history is open) below them."""

    def __init__(self, name: str, size: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.routine_name = name
        self.routine_size = size
        self.course = ""

    def show(self, name: str, size: str, course: str) -> None:
        """Show another name, size or course line."""
        if (name, size, course) != (self.routine_name, self.routine_size, self.course):
            self.routine_name, self.routine_size, self.course = name, size, course
            self.refresh(layout=True)

    def lines(self, width: int) -> Content:
        """What is shown at `width` cells."""
        name = Content.styled(visible(self.routine_name), "bold $text-primary")
        size = Content.styled(self.routine_size, "dim")
        gap = width - name.cell_length - size.cell_length
        if gap >= 2:
            heading = Content.assemble(name, " " * gap, size)
        else:
            heading = Content.assemble(name, "\n", size)
        if self.course:
            heading = Content.assemble(heading, "\n", (visible(self.course), "$text-accent"))
        return heading

    def render(self) -> Content:
        return self.lines(self.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width).split("\n"))
