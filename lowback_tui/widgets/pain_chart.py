"""Pain before and after sessions, by date, on the fixed 0 to 10 scale, with labelled axes.

The scale never rescales itself: 4, 4, 4, 5, 3 is drawn as the small wobble it is, not as large
swings. Days sit at their dates, so missed days are gaps. The chart takes the room it is given:
more rows make the steps finer, more columns spread the days.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from lowback_tui.core.course.pain_days import PainDay

BEFORE, AFTER, BOTH = "●", "○", "◉"
"""Marks with their own shapes, so the chart reads without colour too."""
Y_LABELS = 3
"""Cells for the scale's numbers ("10 ")."""


def plot(days: list[PainDay], width: int, height: int) -> list[str] | None:
    """The chart as lines of text, at most `width` × `height`; None when it does not fit.

    Each point of the scale has a row of its own (two, where there is room for half points),
    so two marks share a cell only when the ratings round to the same point.
    """
    step = (height - 2) // 10 if height - 2 >= 11 else 0  # rows a point; 2 for the axis, dates
    columns = width - Y_LABELS - 1
    if not step or columns < 12 or not days:
        return None
    rows = 10 * step + 1
    first, last = days[0].day, days[-1].day
    span = max((last - first).days, 1)
    grid = [[" "] * columns for _ in range(rows)]

    def row_of(value: float) -> int:
        return round((10 - max(0.0, min(10.0, value))) * step)

    for entry in days:
        column = round((entry.day - first).days / span * (columns - 1)) if len(days) > 1 else 0
        for value, mark in ((entry.before, BEFORE), (entry.after, AFTER)):
            if value is None:
                continue
            cell = grid[row_of(value)]
            cell[column] = BOTH if cell[column] not in (" ", mark) else mark
    lines = []
    for index, cells in enumerate(grid):
        label = {0: "10", row_of(5): "5", rows - 1: "0"}.get(index, "")
        lines.append(f"{label:>{Y_LABELS - 1}} ┤{''.join(cells)}")
    lines.append(" " * (Y_LABELS - 1) + " └" + "─" * columns)
    left, right = f"{first:%b %-d}", f"{last:%b %-d}" if last != first else ""
    gap = max(columns - len(left) - len(right), 1)
    lines.append(" " * (Y_LABELS + 1) + left + " " * gap + right)
    return lines


class PainChart(Widget):
    """The chart of `days`, as large as its box; in words where the box is too small."""

    DEFAULT_CSS = """
    PainChart {
        height: 13;
        width: 1fr;
    }
    """

    def __init__(self, days: list[PainDay], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days = days

    def render(self) -> Content:
        width, height = self.content_size
        lines = plot(self.days, width, height)
        if lines is None:
            return Content(words(self.days))
        parts: list[str | tuple[str, str]] = []
        for n, line in enumerate(lines):
            if n:
                parts.append("\n")
            for ch in line:
                if ch == BEFORE:
                    parts.append((ch, "$text-warning"))
                elif ch == AFTER:
                    parts.append((ch, "$text-success"))
                elif ch == BOTH:
                    parts.append((ch, "bold"))
                elif ch in "┤└─":
                    parts.append((ch, "$text-muted"))
                else:
                    parts.append(ch)
        return Content.assemble(*parts)


def words(days: list[PainDay]) -> str:
    """The first and latest rated day's numbers in a sentence (where no chart fits, and for
    screen readers)."""
    rated = [d for d in days if d.before is not None]
    if not rated:
        return "No ratings before sessions yet."
    first, last = rated[0], rated[-1]
    if first is last:
        return f"Before sessions: {first.before:g} on {first.day:%b %-d}."
    return (f"Before sessions: {first.before:g} on {first.day:%b %-d}, "
            f"{last.before:g} on {last.day:%b %-d}.")  # fmt: skip
