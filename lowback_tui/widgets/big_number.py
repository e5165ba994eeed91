"""A number drawn in block digits as large as the space allows, readable from the floor."""

from __future__ import annotations

from lowback_tui.widgets.big_text import BigText, best_scale


def number_scale(text: str, width: int, height: int, max_scale: int = 8) -> int:
    """The scale BigNumber draws `text` at in `width` × `height` cells; 0 for plain text.

    Full blocks (an even scale) wherever one fits, so the digits look as they did before
    half blocks came; k = 1, three rows of half blocks, only where no full block fits.
    """
    k = best_scale(text, width, height, max_scale)
    return k if k <= 2 else k - k % 2


class BigNumber(BigText):
    """Shows `value` in the biggest block digits that fit its box; plain text when none fit."""

    DEFAULT_CSS = """
    BigNumber {
        height: 1fr;
    }
    """

    def __init__(
        self,
        value: str = "",
        *,
        max_scale: int = 8,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            value, max_scale=max_scale, name=name, id=id, classes=classes, disabled=disabled
        )

    @property
    def value(self) -> str:
        """Set it freely: only the cells the old and new digits cover are redrawn."""
        return self.text

    @value.setter
    def value(self, value: str) -> None:
        self.text = value

    def choose_scale(self, text: str, width: int, height: int) -> int:
        return number_scale(text, width, height, self.max_scale)
