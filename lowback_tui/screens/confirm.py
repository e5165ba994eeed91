"""A yes-or-no question; answers True for yes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lowback_tui.core.safe_text import visible, visible_lines
from lowback_tui.widgets.keys_footer import KeysFooter


class Confirm(ModalScreen[bool]):
    """Asks `question`, explained by `detail`; y (or the yes button) answers True.

    The no button has the focus, so a stray Enter never does the thing asked about.
    """

    CSS_PATH = "../styles/modals.tcss"

    # The footer shows each answer once: n and Esc together.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", key_display="n/esc", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label(visible(self.question), id="confirm-title", markup=False)
            yield Label(visible_lines(self.detail), id="confirm-text", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="warning")
                yield Button(f"{self.no} (n)", id="confirm-no", variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class ConfirmEnd(Confirm):
    """End the session? q asks on the countdown, so a second q confirms."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "End it", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Carry on", key_display="n/esc", id="confirm.no"),
        Binding("q", "answer(True)", "End it", show=False, id="confirm.end_again"),
    ]

    def __init__(self) -> None:
        super().__init__(
            "End the session?", "What you have done so far is kept.", "End it", "Carry on"
        )
