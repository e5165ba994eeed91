"""Safety information: shown once before the first session, and from `?` at any time."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from lowback_tui.core.course.advice import (
    GET_HELP_NOW,
    GET_HELP_NOW_HEAD,
    NOT_CARE,
    SEE_A_DOCTOR_FIRST,
    SEE_A_DOCTOR_SOON,
    SEE_A_DOCTOR_SOON_HEAD,
    WHILE_EXERCISING,
)
from lowback_tui.widgets.keys_footer import KeysFooter


class SafetyScreen(ModalScreen[bool]):
    """Who should not start, when to get help now or see a doctor soon, and when to stop.

    Shown first as a gate (`first_time`), it answers True once the person confirms; from `?`
    it is for reading and answers False.
    """

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "I have read this", id="safety.confirm"),
        Binding("escape", "close", "Back", id="safety.back"),
    ]

    def __init__(self, first_time: bool = False) -> None:
        super().__init__()
        self.first_time = first_time

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety-box"):
            yield Label("Before you exercise", id="safety-title")
            yield Static(NOT_CARE, classes="safety-text")
            yield Static(GET_HELP_NOW_HEAD, classes="safety-head")
            for item in GET_HELP_NOW:
                yield Static(f"• {item}", classes="safety-item")
            yield Static(SEE_A_DOCTOR_SOON_HEAD, classes="safety-head")
            for item in SEE_A_DOCTOR_SOON:
                yield Static(f"• {item}", classes="safety-item")
            yield Static(SEE_A_DOCTOR_FIRST, classes="safety-text")
            yield Static("While you exercise:", classes="safety-head")
            for item in WHILE_EXERCISING:
                yield Static(f"• {item}", classes="safety-item")
            hint = "Enter: I have read this" if self.first_time else "Esc or Enter: back"
            yield Static(hint, id="safety-hint")
        yield KeysFooter()

    def action_confirm(self) -> None:
        """The person has read it."""
        self.dismiss(self.first_time)

    def action_close(self) -> None:
        """Leave without confirming: no session starts, and the gate stays for next time."""
        self.dismiss(False)
