"""Every past session, a line each: `lowback history`, inside the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from lowback_tui.core.history_text import table

if TYPE_CHECKING:
    from lowback_tui.app import LowbackApp


class HistoryScreen(Screen[None]):
    """The history table; Esc goes back."""

    CSS_PATH = "../styles/progress.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,h", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        store = cast("LowbackApp", self.app).history
        with VerticalScroll(id="history-body"):
            yield Label("Your sessions", id="history-title")
            yield Static(table(store.sessions() if store else []), id="history-table",
                         markup=False)  # fmt: skip
        yield Footer()
