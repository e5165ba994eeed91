"""Every past session, a line each: `lowback history`, inside the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label

from lowback_tui.widgets.keys_footer import KeysFooter
from lowback_tui.widgets.lines_view import LinesView

if TYPE_CHECKING:
    from lowback_tui.core.history.pages import HistoryPages


class HistoryScreen(Screen[None]):
    """The history table, read a page at a time as it scrolls; Esc goes back."""

    CSS_PATH = "../styles/progress.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "app.pop_screen", "Back", id="history.back")
    ]

    def __init__(self, pages: HistoryPages) -> None:
        super().__init__()
        self.pages = pages
        """Every past session, a line each, as `lowback history` prints them."""

    def compose(self) -> ComposeResult:
        with Vertical(id="history-body"):
            yield Label("Your sessions", id="history-title")
            if self.pages.notice:  # rows of a hand-edited history left out: said, wrapped
                yield Label(self.pages.notice, id="history-notice", markup=False)
            yield LinesView(self.pages, id="history-table")
        yield KeysFooter()
