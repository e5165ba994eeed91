"""Choose a routine: the bundled ones and the person's own, with what each asks of them."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from lowback_tui.core import wording
from lowback_tui.core.routine.library import Choice
from lowback_tui.core.safe_text import visible


def _option(choice: Choice, current: Path) -> Option:
    entry, routine = choice.entry, choice.routine
    if routine is None:
        problems = wording.plural(len(choice.problems), "problem")
        about = f"cannot be used: {problems} in {entry.path.name}"
        title, style = entry.name, "$text-error"
    else:
        kind = "bundled" if entry.bundled else "yours"
        about = f"{wording.extent(routine, ' · ')} · {kind}"
        title, style = routine.name, "dim"  # $text-muted is CSS-only (see widgets/gutter.py)
    marker = "● " if entry.path.resolve() == current.resolve() else "  "
    prompt = Content.assemble(marker, (visible(title), "bold"), "\n  ", (visible(about), style))
    return Option(prompt, id=str(entry.path), disabled=style == "$text-error")


class RoutinePicker(ModalScreen[Path | None]):
    """Answers the chosen routine's path, or None when the person goes back."""

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back", id="routines.back")
    ]

    def __init__(self, choices: list[Choice], current: Path) -> None:
        super().__init__()
        self.choices = [c for c in choices if not c.entry.shadowed]
        """The routines to choose from (a bundled one hidden by the person's own is left out)."""
        self.current = current

    def compose(self) -> ComposeResult:
        options = OptionList(*(_option(c, self.current) for c in self.choices), id="picker-list")
        here = [c.entry.path.resolve() for c in self.choices]
        if self.current.resolve() in here:
            options.highlighted = here.index(self.current.resolve())  # start on the one in use
        with Vertical(id="picker-box"):
            yield Label("Choose a routine", id="picker-title")
            yield options
            yield Label("Enter to use it · Esc to go back", id="picker-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(Path(event.option.id))
