"""Asks whether to end the session early; answers True to end it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConfirmEnd(ModalScreen[bool]):
    """End the session? Yes goes to the summary; no carries on where it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "End it"),
        Binding("n,escape", "answer(False)", "Carry on"),
        Binding("q", "answer(True)", "End it", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label("End the session?", id="confirm-title")
            yield Label("What you have done so far is kept.", id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button("End it (y)", id="confirm-yes", variant="warning")
                yield Button("Carry on (n)", id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, end: bool) -> None:
        """Close with the answer."""
        self.dismiss(end)
