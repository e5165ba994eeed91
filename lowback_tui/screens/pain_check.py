"""How is your back? A 0 to 10 rating, chosen with digits or arrows, and always skippable."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Label, Static

SCALE = range(11)


class PainScale(Static):
    """The eleven numbers in a row, the chosen one marked; closer together when narrow."""

    chosen: reactive[int | None] = reactive(None)

    def render(self) -> Content:
        width = self.size.width
        cell = 4 if width >= 44 else 3 if width >= 33 else 2
        parts: list[str | tuple[str, str]] = []
        for value in SCALE:
            text = f"{value:^{cell - 1}}"
            parts.append((text, "bold reverse") if value == self.chosen else text)
            parts.append(" ")
        return Content.assemble(*parts)


CANCEL: Literal["cancel"] = "cancel"


class PainCheck(ModalScreen[int | None | Literal["cancel"]]):
    """Asks `question`; answers the rating, None when skipped, or CANCEL.

    Esc answers CANCEL where the question leads somewhere (before a session: don't start), and
    is just another way to skip where it doesn't.
    """

    CSS_PATH = "../styles/modals.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Less"),
        Binding("right", "move(1)", "More"),
        Binding("enter", "confirm", "Done"),
        Binding("s", "skip", "Skip"),
        Binding("escape", "cancel", "Back"),
        *(Binding(str(d), f"choose({d})", show=False) for d in range(10)),
    ]

    def __init__(self, question: str, can_cancel: bool = False) -> None:
        super().__init__()
        self.question = question
        self.can_cancel = can_cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box"):
            yield Label(self.question, id="pain-question")
            yield PainScale(id="pain-scale")
            yield Static("0 is no pain, 10 the worst you can imagine", id="pain-ends")
            back = ", Esc to go back" if self.can_cancel else ""
            yield Static(f"0-9 or ← → to choose, Enter when done, s to skip{back}", id="pain-hint")

    @property
    def chosen(self) -> int | None:
        """The rating chosen so far."""
        return self.query_one(PainScale).chosen

    def action_move(self, step: int) -> None:
        """One point less or more (from the middle when nothing is chosen yet)."""
        scale = self.query_one(PainScale)
        current = 5 - step if scale.chosen is None else scale.chosen
        scale.chosen = min(10, max(0, current + step))

    def action_choose(self, value: int) -> None:
        """Choose a rating by its digit (10 is → from 9)."""
        self.query_one(PainScale).chosen = value

    def action_confirm(self) -> None:
        """Answer with the chosen rating; Enter with none chosen skips."""
        self.dismiss(self.chosen)

    def action_skip(self) -> None:
        """Answer nothing."""
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Go back without answering (a skip where there is nothing to go back from)."""
        self.dismiss(CANCEL if self.can_cancel else None)
