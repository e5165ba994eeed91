"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer makes every key widget again each time its screen's bindings are updated: on a
change of focus, on the screen's resume, after a refresh. On the list that was three times in
the first 60 ms after the first frame, each ~10 ms and ~0.5 MB of widgets made and thrown away,
with the same keys each time. This one compares what it would show with what it shows first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from collections.abc import Hashable

    from textual.app import ComposeResult


class KeysFooter(Footer):
    """The footer: a key and its description for each binding shown, the palette's key."""

    _shown: Hashable = None
    """What the keys composed last showed (None before they were)."""

    def _showing(self) -> Hashable:
        """Everything Footer.compose reads to draw the keys, as one comparable value."""
        app, active = self.app, self.screen.active_bindings
        keys = tuple(
            (key.key, app.get_key_display(key), key.description, key.action, key.group, on, tip)
            for _node, key, on, tip in active.values()
            if key.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        palette_key = None
        if palette is not None:
            _node, key, on, _tip = palette
            palette_key = (key.key, app.get_key_display(key), on, key.tooltip)
        return keys, palette_key, self.show_command_palette, app.ENABLE_COMMAND_PALETTE

    async def recompose(self) -> None:
        # Each update of the bindings asks for one, and several can be waiting at once (a change
        # of focus and the screen's resume, both before the first): only the first is needed.
        if self._shown is not None and self.is_attached and self._showing() == self._shown:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._showing()
        yield from super().compose()
