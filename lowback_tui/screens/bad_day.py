"""Before a session that may be better gentle, or not at all: a bad day, or the session after one
stopped because it hurt. One key each: the gentle routine, a rest today, or carry on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from lowback_tui.core.course.before_session import CARRY_ON, GENTLE, REST, BeforeSession
from lowback_tui.core.safe_text import visible_lines
from lowback_tui.widgets.keys_footer import KeysFooter


class BadDayScreen(ModalScreen[str | None]):
    """Says what `before` says; answers GENTLE, REST or CARRY_ON (None: Esc, start nothing)."""

    CSS_PATH = "../styles/bad_day.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "answer('gentle')", "Gentle routine", id="bad_day.gentle"),
        Binding("r", "answer('rest')", "Rest today", id="bad_day.rest"),
        Binding(
            "c,enter", "answer('carry on')", "Carry on", key_display="c/⏎", id="bad_day.carry_on"
        ),
        Binding("escape", "answer(None)", "Back", id="bad_day.back"),
    ]

    def __init__(self, before: BeforeSession) -> None:
        super().__init__()
        self.before = before

    def compose(self) -> ComposeResult:
        with Vertical(id="bad-day-box"):
            yield Label("Go easy today?", id="bad-day-title")
            yield Label(visible_lines(self.before.message), id="bad-day-text", markup=False)
            with Horizontal(id="bad-day-buttons"):
                if self.before.gentle:
                    yield Button("Gentle routine (g)", id=GENTLE.replace(" ", "-"))
                if self.before.rest:
                    yield Button("Rest today (r)", id=REST)
                yield Button("Carry on (c)", id=CARRY_ON.replace(" ", "-"), variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(f"#{CARRY_ON.replace(' ', '-')}", Button).focus()  # Enter carries on

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys of what is offered."""
        if action == "answer" and parameters:
            if parameters[0] == GENTLE:
                return self.before.gentle
            if parameters[0] == REST:
                return self.before.rest
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or CARRY_ON).replace("-", " "))

    def action_answer(self, answer: str | None) -> None:
        """Close with the answer."""
        self.dismiss(answer)
