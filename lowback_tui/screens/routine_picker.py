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

from lowback_tui.core import routine_library, wording
from lowback_tui.core.routine import RoutineError
from lowback_tui.core.routine_file import load


def _option(entry: routine_library.Entry, current: Path) -> Option:
    kind = "bundled" if entry.bundled else "yours"
    try:
        routine = load(entry.path)
    except RoutineError as error:
        count = len(error.problems)
        about = f"cannot be used: {count} problem{'s' if count > 1 else ''} in {entry.path.name}"
        title, style = entry.name, "$text-error"
    else:
        about = f"{wording.extent(routine, ' · ')} · {kind}"
        title, style = routine.name, "dim"  # $text-muted is CSS-only (see widgets/gutter.py)
    marker = "● " if entry.path.resolve() == current.resolve() else "  "
    prompt = Content.assemble(marker, (title, "bold"), "\n  ", (about, style))
    return Option(prompt, id=str(entry.path), disabled=style == "$text-error")


class RoutinePicker(ModalScreen[Path | None]):
    """Answers the chosen routine's path, or None when the person goes back."""

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Back")]

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        entries = [e for e in routine_library.entries() if not e.shadowed]
        options = OptionList(*(_option(e, self.current) for e in entries), id="picker-list")
        here = [e.path.resolve() for e in entries]
        if self.current.resolve() in here:
            options.highlighted = here.index(self.current.resolve())  # start on the one in use
        with Vertical(id="picker-box"):
            yield Label("Choose a routine", id="picker-title")
            yield options
            yield Label("Enter to use it · Esc to go back", id="picker-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(Path(event.option.id))
