"""What each exercise of a session came to, as one table drawn by one widget.

A Label per cell made a 1,000-exercise session's summary take seconds to appear (4,000 widgets
to mount, style and lay out); one widget drawing the lines takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from lowback_tui.core import wording
from lowback_tui.core.safe_text import visible
from lowback_tui.core.session.results import ExerciseRecord

COLUMNS = (("Result", 11), ("Done", 10), ("Active", 10))
"""The columns after the exercise's name, with their widths; a space between each."""
NAME_AT_LEAST = 12
"""Cells the name keeps before the last column (the active time) gives way: at 40 columns,
"Knee to chest" rather than "Kne…"."""
OUTCOME_STYLES = {
    "done": "$text-success",
    "partial": "$text-warning",
    "skipped": "dim",
    "not reached": "dim",
}
"""`dim`, not `$text-muted`, which only CSS resolves (see widgets/gutter.py)."""


class SummaryTable(Widget):
    """Exercise, result, efforts done of planned, and active time: a line each."""

    DEFAULT_CSS = """
    SummaryTable {
        height: auto;
        max-width: 90;
    }
    """

    def __init__(self, records: Sequence[ExerciseRecord], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.records = records
        self._drawn: tuple[int, Content] | None = None
        """The lines at the width they were last drawn at."""

    def lines(self, width: int) -> Content:
        """The table at `width` cells: the name takes what the other columns leave; on a
        narrow terminal, without the active time."""
        columns: tuple[tuple[str, int], ...] = COLUMNS
        if width - sum(w + 1 for _, w in columns) < NAME_AT_LEAST:
            columns = COLUMNS[:-1]
        name_width = max(width - sum(w + 1 for _, w in columns), 4)
        widths = [name_width, *(w for _, w in columns)]

        def line(cells: Sequence[tuple[str, str]]) -> Content:
            parts = [Content.styled(text, style).truncate(w, ellipsis=True, pad=True)
                     for (text, style), w in zip(cells, widths, strict=False)]  # fmt: skip
            # (not strict: where the active time gives way, its cells have no width and go)
            return Content(" ").join(parts).rstrip()

        heading = [(title, "bold dim") for title in ("Exercise", *(t for t, _ in columns))]
        rows = [line(heading)]
        for record in self.records:
            outcome = record.outcome.value
            rows.append(line([
                (visible(record.name), ""),
                (outcome, OUTCOME_STYLES.get(outcome, "")),
                (f"{record.efforts_done} of {record.efforts_planned}", ""),
                (wording.duration(round(record.active_seconds)), ""),
            ]))  # fmt: skip
        return Content("\n").join(rows)

    def render(self) -> Content:
        width = self.size.width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self.lines(width))
        return self._drawn[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.records) + 1
