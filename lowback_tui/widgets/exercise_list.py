"""The routine's exercises as a keyboard-driven list, each with its dose in words."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from lowback_tui import describe
from lowback_tui.routine import Routine

_MOVE = Binding.Group("Move", compact=True)


class ExerciseList(OptionList):
    """One option per exercise: its number and name, and its dose on the line below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Previous exercise", group=_MOVE),
        Binding("down", "cursor_down", "Next exercise", group=_MOVE),
        Binding("k", "cursor_up", "Previous exercise", show=False),
        Binding("j", "cursor_down", "Next exercise", show=False),
        Binding("home", "first", "First exercise", show=False),
        Binding("end", "last", "Last exercise", show=False),
    ]

    def __init__(self, routine: Routine, *, id: str | None = None) -> None:
        super().__init__(*exercise_options(routine), id=id)


def exercise_options(routine: Routine) -> list[Option]:
    """One option per exercise: its number and name, its dose on the line below."""
    # A grid, so a dose that wraps on a narrow terminal stays under the name, not the number.
    width = len(str(len(routine.exercises)))
    options = []
    for number, exercise in enumerate(routine.exercises, start=1):
        prompt = Table.grid(padding=(0, 2))
        prompt.add_column(width=width, justify="right", style="dim")
        prompt.add_column(ratio=1)
        prompt.add_row(
            str(number),
            Text.assemble((exercise.name, "bold"), "\n", (describe.dose(exercise), "dim")),
        )
        options.append(Option(prompt, id=exercise.id))
    return options
