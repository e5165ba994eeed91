"""Words and numbers drawn in big block letters, readable from the floor.

A 3 × 5 pixel font, drawn with half blocks: at scale k each pixel is k cells wide and k
half-rows tall (a terminal cell is about twice as tall as it is wide, so the pixels come out
square), glyphs are one pixel apart, and a line of text is ceil(5k/2) rows tall. At an even
scale every pixel is whole cells, so k = 2 is full blocks two cells wide and one row tall.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.widget import Widget

# Each glyph is 5 rows of 3 pixels, "#" drawn and "." not. The digits are exactly as they were
# before letters came, so block digits look as they always did. Letters that 3 × 5 makes hard
# keep a shape no other glyph has: O is round where 0 is square, S and Z bend where 5 and 2 are
# square, B and D are round on the right, M has its V at the top and W at the bottom.
FONT: dict[str, tuple[str, str, str, str, str]] = {
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
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "##.", "#..", "##.", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#.#", "###", "###", "#.#", "#.#"),
    "N": ("##.", "#.#", "#.#", "#.#", "#.#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#.#", "#.#", "###", "###", "#.#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    " ": ("...", "...", "...", "...", "..."),
    "·": ("...", "...", ".#.", "...", "..."),
    "-": ("...", "...", "###", "...", "..."),
    "→": (".#.", "..#", "###", "..#", ".#."),
    "!": (".#.", ".#.", ".#.", "...", ".#."),
    "?": ("##.", "..#", ".#.", "...", ".#."),
}
ROWS, COLUMNS = 5, 3
"""Pixels in a glyph, down and across; glyphs are one pixel apart."""

_CELLS = {("#", "#"): "█", ("#", "."): "▀", (".", "#"): "▄", (".", "."): " "}
"""The cell for a (top, bottom) pair of half-row pixels."""


def drawable(text: str) -> bool:
    """Whether the font has every character of `text` (lowercase is drawn as uppercase)."""
    return all(ch in FONT for ch in text.upper())


def _pixels_across(text: str) -> int:
    count = len(text.upper())
    return count * (COLUMNS + 1) - 1 if count else 0


def width(text: str, k: int) -> int:
    """Cells wide that `text` takes at scale `k`: 3k a glyph and k between glyphs."""
    return _pixels_across(text) * k


def height(k: int) -> int:
    """Rows that a line of text takes at scale `k`: 5k half-rows, rounded up."""
    return -(-ROWS * k // 2)


_width, _height = width, height  # for the functions whose arguments are called width, height


def lines(text: str, k: int) -> list[str]:
    """`text` at scale `k` (1 or more): `height(k)` strings of `width(text, k)` cells each.

    Raises ValueError for a character the font does not have (see `drawable`).
    """
    if k < 1:
        raise ValueError(f"scale must be 1 or more, not {k}")
    missing = [ch for ch in text if not drawable(ch)]
    if missing:
        raise ValueError(f"no big glyph for {missing[0]!r}")
    upper = text.upper()
    rows = [".".join(FONT[ch][row] for ch in upper) for row in range(ROWS)]
    blank = "." * len(rows[0])

    def half_row(index: int) -> str:
        return rows[index // k] if index < ROWS * k else blank

    drawn: list[str] = []
    for row in range(height(k)):
        top, bottom = half_row(2 * row), half_row(2 * row + 1)
        drawn.append("".join(_CELLS[pair] * k for pair in zip(top, bottom, strict=True)))
    return drawn


def fits(text: str, k: int, width: int, height: int) -> bool:
    """Whether `text` can be drawn at scale `k` in `width` × `height` cells."""
    return k >= 1 and drawable(text) and _width(text, k) <= width and _height(k) <= height


def best_scale(text: str, width: int, height: int, max_scale: int) -> int:
    """The largest scale up to `max_scale` at which `text` fits; 0 when none does."""
    if not drawable(text):
        return 0
    pixels = _pixels_across(text)
    # height(k) <= h  <=>  5k / 2 <= h  <=>  k <= 2h / 5 (h is whole).
    largest = min(max_scale, 2 * height // ROWS)
    if pixels:
        largest = min(largest, width // pixels)
    return max(0, largest)


_UNLIMITED = 1 << 30
"""Rows to offer when only the width limits the scale (`height: auto`)."""


def plain(text: str) -> str:
    """`text` as one line of plain text: anything unprintable (a newline, a tab) is a space."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


class BigText(Widget):
    """Shows `text` in the biggest block letters that fit; plain text when none fit.

    With `height: auto` (the default) it is as tall as the largest scale up to `max_scale`
    that fits its width (one row for plain text, none for no text); with a fixed or fractional
    height it also keeps within that height. The text is centred both ways.
    """

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: auto;
        content-align: center middle;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    text: reactive[str] = reactive("", repaint=False)
    """Set it freely: only the cells the old and new text cover are redrawn (unless the new
    text makes an auto-sized widget change size)."""

    max_scale: reactive[int] = reactive(4, layout=True)
    """The largest scale to draw at; 0 for plain text always."""

    def __init__(
        self,
        text: str = "",
        *,
        max_scale: int = 4,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.set_reactive(BigText.text, text)
        self.set_reactive(BigText.max_scale, max(0, max_scale))

    def validate_max_scale(self, max_scale: int) -> int:
        return max(0, max_scale)

    def choose_scale(self, text: str, width: int, height: int) -> int:
        """The scale to draw `text` at in `width` × `height` cells; 0 for plain text."""
        return best_scale(text, width, height, self.max_scale)

    def scale(self) -> int:
        """The scale the text is drawn at now; 0 when it is plain text or empty."""
        if not self.text:
            return 0
        return self.choose_scale(self.text, *self.content_size)

    def _size_of(self, text: str, k: int) -> Size:
        if k:
            return Size(width(text, k), height(k))
        shown = plain(text)
        return Size(Content(shown).cell_length, 1 if shown else 0)

    def _box(self, text: str) -> Region:
        """The cells `text` covers in the content area when centred."""
        if not text:
            return Region()
        area = self.content_size
        size = self._size_of(text, self.choose_scale(text, *area))
        # As Textual's `content-align: center middle` places it (Strip.align).
        box = Region(
            max(0, area.width - size.width) // 2,
            max(0, area.height - size.height) // 2,
            size.width,
            size.height,
        )
        return box.intersection(area.region)

    def _natural_size(self, text: str, width: int) -> Size:
        """The cells `text` covers when only `width` limits it (`height: auto`)."""
        if not text:
            return Size(0, 0)
        return self._size_of(text, self.choose_scale(text, width, _UNLIMITED))

    def watch_text(self, old: str, new: str) -> None:
        styles = self.styles
        if styles.width is not None and styles.width.is_auto:
            self.refresh(layout=True)
            return
        if styles.height is not None and styles.height.is_auto:
            across = self.content_size.width
            if self._natural_size(old, across).height != self._natural_size(new, across).height:
                self.refresh(layout=True)
                return
        boxes = [box for box in (self._box(old), self._box(new)) if box]
        if boxes:
            self.refresh(Region.from_union(boxes))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._natural_size(self.text, container.width).width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._natural_size(self.text, width).height

    def render(self) -> Content:
        k = self.scale()
        if k == 0:
            return Content(plain(self.text))
        return Content("\n".join(lines(self.text, k)))
