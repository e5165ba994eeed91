"""How is your back? A 0 to 10 rating, typed or chosen with arrows; skipped only on purpose.

Every value is reachable by typing: `1` then `0` within TEN_WITHIN_SECONDS is 10. Nothing is
recorded that is not shown as chosen: Enter with nothing chosen only says what to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from lowback_tui.widgets.keys_footer import KeysFooter

SCALE = range(11)

TEN_WITHIN_SECONDS = 1.0
"""`1` then `0` this soon after (or exactly this soon) means 10; later, the `0` replaces the 1.
Two keys typed as one number come ~0.1-0.3 s apart; a second is ample for a slow typist, yet
short enough that a 1 read on screen and then corrected with 0 a moment later means 0."""

HINT = "Type a number (1 0 for 10) or use ← →. Enter records it; s skips."
CHOOSE_FIRST = "Choose a number first, or s to skip"


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

COMPACT_BELOW = 44
"""The footer's keys need 43 columns with its usual spaces, 39 without (compact)."""

CHOOSE = Binding.Group("Rate")


class PainCheck(ModalScreen[int | None | Literal["cancel"]]):
    """Asks `question`; answers the rating, None when skipped (s), or CANCEL.

    Esc answers CANCEL where the question leads somewhere (before a session: don't start), and
    skips, as s does, where it doesn't; the footer says which. `clock` (time.monotonic in use)
    times the `1` that a `0` makes 10.
    """

    CSS_PATH = "../styles/modals.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]  # noqa: RUF012

    # The footer shows these, each once, and must fit 40 columns.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "digit(0)", "Type", key_display="0-10", group=CHOOSE, id="pain.0"),
        *(Binding(str(d), f"digit({d})", show=False, id=f"pain.{d}") for d in range(1, 10)),
        Binding("left", "move(-1)", "Less", group=CHOOSE, id="pain.less"),
        Binding("right", "move(1)", "More", group=CHOOSE, id="pain.more"),
        Binding("enter", "confirm", "Record", id="pain.record"),
        Binding("s", "skip", "Skip", id="pain.skip"),
        # One of these two shows, as check_action says: Esc goes back where there is somewhere
        # to go back to, and is another way to skip where there is not.
        Binding("escape", "cancel", "Back", id="pain.back"),
        Binding("escape", "skip_by_escape", "Skip", id="pain.back"),
    ]

    def __init__(
        self,
        question: str,
        can_cancel: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.question = question
        self.can_cancel = can_cancel
        self.clock = clock
        self._one_typed_at: float | None = None
        """When a `1` was typed as the last key, for a `0` that makes it 10."""

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box"):
            yield Label(self.question, id="pain-question")
            yield PainScale(id="pain-scale")
            yield Static("0 is no pain, 10 the worst you can imagine", id="pain-ends")
            yield Static(HINT, id="pain-hint")
        yield KeysFooter()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one(KeysFooter).compact = event.size.width < COMPACT_BELOW

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.can_cancel
        if action == "skip_by_escape":
            return not self.can_cancel
        return True

    @property
    def chosen(self) -> int | None:
        """The rating shown as chosen now (what Enter records)."""
        return self.query_one(PainScale).chosen

    def _choose(self, value: int) -> None:
        self.query_one(PainScale).chosen = value
        hint = self.query_one("#pain-hint", Static)
        hint.update(HINT)
        hint.remove_class("-warning")

    def action_digit(self, digit: int) -> None:
        """A typed digit is chosen at once; a `0` soon after a `1` makes it 10."""
        now = self.clock()
        one_at, self._one_typed_at = self._one_typed_at, None
        if digit == 0 and one_at is not None and now - one_at <= TEN_WITHIN_SECONDS:
            self._choose(10)
            return
        self._choose(digit)
        if digit == 1:
            self._one_typed_at = now

    def action_move(self, step: int) -> None:
        """One point less or more, stopping at 0 and 10; the first press shows the middle, 5."""
        self._one_typed_at = None
        current = self.chosen
        self._choose(5 if current is None else min(10, max(0, current + step)))

    def action_confirm(self) -> None:
        """Answer with the chosen rating; with none chosen, say what to do and stay."""
        chosen = self.chosen
        if chosen is None:
            hint = self.query_one("#pain-hint", Static)
            hint.update(CHOOSE_FIRST)
            hint.add_class("-warning")
            return
        self.dismiss(chosen)

    def action_skip(self) -> None:
        """Answer nothing: no rating is recorded."""
        self.dismiss(None)

    def action_skip_by_escape(self) -> None:
        """Esc where there is nothing to go back from: the same as s."""
        self.action_skip()

    def action_cancel(self) -> None:
        """Go back without answering (before a session: it does not start)."""
        self.dismiss(CANCEL)
