"""A number drawn in block digits as large as the space allows, readable from the floor."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.widget import Widget

# 3 × 5 pixel digits. Each pixel is drawn as a block of cells (2 wide × 1 tall at scale 1),
# because terminal cells are about twice as tall as they are wide.
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
}
ROWS, COLUMNS, GAP = 5, 3, 1


def block_lines(text: str, scale: int) -> list[str]:
    """`text` (digits) in block characters, each pixel `2*scale` cells wide, `scale` tall."""
    lines: list[str] = []
    for row in range(ROWS):
        pixels = (" " * GAP).join(FONT[ch][row] for ch in text)
        line = "".join(("█" if p == "#" else " ") * 2 * scale for p in pixels)
        lines.extend([line] * scale)
    return lines


def block_width(text: str, scale: int) -> int:
    """Cells wide that `text` takes at `scale`."""
    pixels = len(text) * COLUMNS + (len(text) - 1) * GAP
    return pixels * 2 * scale


class BigNumber(Widget):
    """Shows `value` in the biggest block digits that fit; plain text when none fit."""

    DEFAULT_CSS = """
    BigNumber {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    """

    value: reactive[str] = reactive("", repaint=False)
    """Set it freely: only the cells the old and new digits cover are redrawn."""

    def watch_value(self, old: str, new: str) -> None:
        self.refresh(self._box(old).union(self._box(new)))

    def _box(self, text: str) -> Region:
        """The cells `text` covers when centred, with a cell to spare on each side."""
        width, height = self.content_size
        scale = self._scale_for(text or "0")
        if scale:
            cells, lines = block_width(text, scale), ROWS * scale
        else:
            cells, lines = len(text), 1
        box = Region((width - cells) // 2 - 1, (height - lines) // 2 - 1, cells + 2, lines + 2)
        return box.intersection(Region(0, 0, width, height))

    def scale(self) -> int:
        """The largest scale at which the value fits; 0 for plain text."""
        return self._scale_for(self.value or "0")

    def _scale_for(self, text: str) -> int:
        width, height = self.content_size
        scale = min(height // ROWS, 4)
        while scale > 0 and block_width(text, scale) > width:
            scale -= 1
        return scale

    def render(self) -> Content:
        if not self.value.isdigit():
            return Content(self.value)
        scale = self.scale()
        if scale == 0:
            return Content(self.value)
        return Content("\n".join(block_lines(self.value, scale)))
