"""The routine's exercises as a keyboard-driven list, each with its dose in words."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lowback_tui import describe
from lowback_tui.routine import Routine
from lowback_tui.widgets.gutter import Gutter


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
            (describe.dose(exercise), "dim"),
            (raised, "$text-success"),
        )
        prompt = Gutter(Content.styled(f"{number:>{digits}}", "dim"), digits + 2, body)
        options.append(Option(prompt, id=exercise.id))
    return options
