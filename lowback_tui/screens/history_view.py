"""Every past session, a line each: `lowback history`, inside the app."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static


class HistoryScreen(Screen[None]):
    """The history table; Esc goes back."""

    CSS_PATH = "../styles/progress.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,h", "app.pop_screen", "Back")]

    def __init__(self, table: str) -> None:
        super().__init__()
        self.table = table
        """Every past session, a line each, as `lowback history` prints it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-body"):
            yield Label("Your sessions", id="history-title")
            yield Static(self.table, id="history-table", markup=False)
        yield Footer()
