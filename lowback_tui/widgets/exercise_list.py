"""The routine's exercises as a keyboard-driven list, each with its dose in words."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.visual import Padding, Visual

from lowback_tui.core import wording
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.safe_text import visible
from lowback_tui.widgets.gutter import Gutter
from lowback_tui.widgets.rows_view import RowsView


class ExerciseList(RowsView, can_focus=True):
    """One row per exercise: its number and name, and its dose on the line below.

    Up and down wrap round at the ends; a click highlights an exercise and opens it.
    """

    DEFAULT_CSS = """
    ExerciseList > .exercise-list--highlight {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    ExerciseList > .exercise-list--hover {
        background: $block-hover-background;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"exercise-list--highlight", "exercise-list--hover"}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Out of the footer, which has more to say; `?` lists them.
        Binding("up", "cursor_up", "Previous exercise", show=False, id="list.previous"),
        Binding("down", "cursor_down", "Next exercise", show=False, id="list.next"),
        Binding("k", "cursor_up", "Previous exercise", show=False, id="list.previous"),
        Binding("j", "cursor_down", "Next exercise", show=False, id="list.next"),
        Binding("home", "first", "First exercise", show=False, id="list.first"),
        Binding("end", "last", "Last exercise", show=False, id="list.last"),
        Binding("pageup", "page(-1)", "A page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "A page down", show=False, id="list.page_down"),
    ]

    highlighted: reactive[int] = reactive(0, init=False)

    class _About(Message):
        """Something about exercise number `index` (from 0) of `exercise_list`."""

        def __init__(self, exercise_list: ExerciseList, index: int) -> None:
            super().__init__()
            self.exercise_list = exercise_list
            self.index = index

        @property
        def control(self) -> ExerciseList:
            return self.exercise_list

    class Highlighted(_About):
        """The highlight moved to exercise number `index`."""

    class Selected(_About):
        """Exercise number `index` was clicked."""

    def __init__(self, routine: Routine, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_rows(exercise_rows(routine, routine))
        self.hovered: int | None = None
        """The exercise under the mouse pointer, if any."""

    def show(self, routine: Routine, as_written: Routine) -> None:
        """Show `routine`, marking reps raised above the file's (`as_written`)."""
        self.set_rows(exercise_rows(routine, as_written))
        self.highlighted = min(self.highlighted, len(routine.exercises) - 1)

    def row_style(self, row: int) -> Style:
        if row == self.highlighted:
            return self.get_visual_style("exercise-list--highlight")
        if row == self.hovered:
            return self.get_visual_style("exercise-list--hover")
        return self.visual_style

    def validate_highlighted(self, index: int) -> int:
        return max(0, min(index, self.row_count - 1))

    def watch_highlighted(self, index: int) -> None:
        self.scroll_to_region(self.row_region(index), animate=False, force=True)
        self.refresh()
        self.post_message(self.Highlighted(self, index))

    def action_cursor_up(self) -> None:
        if self.row_count:
            self.highlighted = (self.highlighted - 1) % self.row_count

    def action_cursor_down(self) -> None:
        if self.row_count:
            self.highlighted = (self.highlighted + 1) % self.row_count

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = self.row_count - 1

    def action_page(self, direction: int) -> None:
        line = self.row_region(self.highlighted).y
        line += direction * max(self.scrollable_content_region.height, 1)
        target = self.row_at(max(0, min(line, self.virtual_size.height - 1)))
        if target is not None:
            self.highlighted = target

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        return None if offset is None else self.row_at(offset.y + self.scroll_offset.y)

    def on_click(self, event: events.Click) -> None:
        row = self._row_under(event)
        if row is not None:
            self.highlighted = row
            self.post_message(self.Selected(self, row))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._row_under(event))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, row: int | None) -> None:
        if row != self.hovered:
            self.hovered = row
            self.refresh()


def exercise_rows(routine: Routine, as_written: Routine) -> list[Visual]:
    """One row per exercise: its number and name, its dose on the line below.

    A dose raised by accepting "one more rep" says what the file asked for.
    """
    digits = len(str(len(routine.exercises)))
    rows: list[Visual] = []
    for number, (exercise, written) in enumerate(
        zip(routine.exercises, as_written.exercises, strict=True), start=1
    ):
        raised = f" (up from {written.reps})" if exercise.reps > written.reps else ""
        body = Content.assemble(
            (visible(exercise.name), "bold"),
            "\n",
            (visible(wording.dose(exercise)), "dim"),
            (raised, "$text-success"),
        )
        row = Gutter(Content.styled(f"{number:>{digits}}", "dim"), digits + 2, body)
        rows.append(Padding(row, Spacing(0, 1, 0, 1)))
    return rows
