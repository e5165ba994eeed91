"""Safety information: shown once before the first session, and from `?` at any time."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

URGENT = (
    "numbness or tingling around your genitals or buttocks",
    "new trouble passing urine, or holding in urine or stools",
    "weakness or numbness in both legs",
    "back pain that began with a fall, an accident or a blow",
    "back pain together with a fever, or with feeling generally unwell",
    "weight loss that you cannot explain",
)

WHILE_EXERCISING = (
    "Stop if the pain turns sharp, runs down a leg, or is clearly worse than when you began. "
    "Pressing ! during a session stops it at once and notes why.",
    "Move gently and only as far as is comfortable today. Mild stiffness is common; "
    "pain that builds is a signal to stop.",
    "If your back is no better after about two weeks of the routine, see a doctor or "
    "physiotherapist.",
)


class SafetyScreen(ModalScreen[bool]):
    """Who should not start, when to get help at once, and when to stop.

    Shown first as a gate (`first_time`), it answers True once the person confirms; from `?`
    it is for reading and answers False.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "I have read this"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, first_time: bool = False) -> None:
        super().__init__()
        self.first_time = first_time

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety-box"):
            yield Label("Before you exercise", id="safety-title")
            yield Static(
                "lowback times gentle exercises. It is not medical care, it cannot tell what is "
                "wrong with your back, and it cannot promise to make it better.",
                classes="safety-text",
            )
            yield Label(
                "Do not exercise; get medical help now, if you have:", classes="safety-head"
            )
            for item in URGENT:
                yield Static(f"• {item}", classes="safety-item")
            yield Static(
                "If a doctor has told you not to exercise, or you have had back surgery, are "
                "pregnant or have a condition that affects your bones, ask them before you start.",
                classes="safety-text",
            )
            yield Static("While you exercise:", classes="safety-head")
            for item in WHILE_EXERCISING:
                yield Static(f"• {item}", classes="safety-item")
            hint = "Enter: I have read this" if self.first_time else "Esc or Enter: back"
            yield Static(hint, id="safety-hint")
        yield Footer()

    def action_confirm(self) -> None:
        """The person has read it."""
        self.dismiss(self.first_time)

    def action_close(self) -> None:
        """Leave without confirming: no session starts, and the gate stays for next time."""
        self.dismiss(False)
