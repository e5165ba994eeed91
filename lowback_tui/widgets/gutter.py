"""Text with a hanging indent, drawn without a widget per line.

Content cannot indent its wrapped lines; a Rich table can but costs several times as much to lay
out, and a widget per line costs more again. Both showed in how fast the list screen appears.

Muted parts use the `dim` text style: `$text-muted` is a contrast colour ("auto 60%") that only
CSS resolves, so inside these it would come out at full strength.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Gutter(Visual):
    """A label in a gutter with text beside it; wrapped lines stay beside it, not under it."""

    def __init__(self, label: Content, gutter: int, body: Content) -> None:
        self.label = label
        self.gutter = gutter
        self.body = body

    def _body_width(self, width: int) -> int:
        return max(width - self.gutter, 1)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        gutter = min(self.gutter, width)
        body = self.body.render_strips(self._body_width(width), height, style, options)
        blank = Strip.blank(gutter, style.rich_style)
        first = self.label.render_strips(gutter, 1, style, options) or [blank]
        first_line = first[0].extend_cell_length(gutter, style.rich_style)
        return [Strip.join([first_line if n == 0 else blank, line]) for n, line in enumerate(body)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.gutter + self.body.get_optimal_width(rules, container_width - self.gutter)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body.get_height(rules, self._body_width(width))
