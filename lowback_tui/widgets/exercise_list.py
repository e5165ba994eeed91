"""The routine's exercises as a keyboard-driven list, each with its dose in words."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lowback_tui import describe
from lowback_tui.routine import Routine


class ExerciseList(OptionList):
    """One option per exercise: its number and name, and its dose on the line below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Out of the footer, which has more to say; `?` lists them.
        Binding("up", "cursor_up", "Previous exercise", show=False),
        Binding("down", "cursor_down", "Next exercise", show=False),
        Binding("k", "cursor_up", "Previous exercise", show=False),
        Binding("j", "cursor_down", "Next exercise", show=False),
        Binding("home", "first", "First exercise", show=False),
        Binding("end", "last", "Last exercise", show=False),
    ]

    def __init__(self, routine: Routine, *, id: str | None = None) -> None:
        super().__init__(*exercise_options(routine, routine), id=id)

    def show(self, routine: Routine, as_written: Routine) -> None:
        """Show `routine`, marking reps raised above the file's (`as_written`)."""
        highlighted = min(self.highlighted or 0, len(routine.exercises) - 1)
        self.clear_options()
        self.add_options(exercise_options(routine, as_written))
        self.highlighted = highlighted


class NumberedPrompt(Visual):
    """A number in a gutter with text beside it; wrapped lines stay beside it, not under it.

    Content cannot indent its wrapped lines and a Rich table can but costs several times as much
    to lay out, which shows in how fast the list appears.
    """

    def __init__(self, number: Content, gutter: int, body: Content) -> None:
        self.number = number
        self.gutter = gutter
        self.body = body

    def _body_width(self, width: int) -> int:
        return max(width - self.gutter, 1)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        gutter = min(self.gutter, width)
        body = self.body.render_strips(self._body_width(width), height, style, options)
        blank = Strip.blank(gutter, style.rich_style)
        first = self.number.render_strips(gutter, 1, style, options) or [blank]
        first_line = first[0].extend_cell_length(gutter, style.rich_style)
        return [Strip.join([first_line if n == 0 else blank, line]) for n, line in enumerate(body)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.gutter + self.body.get_optimal_width(rules, container_width - self.gutter)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body.get_height(rules, self._body_width(width))


def exercise_options(routine: Routine, as_written: Routine) -> list[Option]:
    """One option per exercise: its number and name, its dose on the line below.

    A dose raised by accepting "one more rep" says what the file asked for.
    """
    digits = len(str(len(routine.exercises)))
    options = []
    for number, (exercise, written) in enumerate(
        zip(routine.exercises, as_written.exercises, strict=True), start=1
    ):
        raised = f" (up from {written.reps})" if exercise.reps > written.reps else ""
        body = Content.assemble(
            (exercise.name, "bold"),
            "\n",
            (describe.dose(exercise), "$text-muted"),
            (raised, "$text-success"),
        )
        prompt = NumberedPrompt(
            Content.styled(f"{number:>{digits}}", "$text-muted"), digits + 2, body
        )
        options.append(Option(prompt, id=exercise.id))
    return options
