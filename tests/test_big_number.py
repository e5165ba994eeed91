"""Block digits."""

from __future__ import annotations

from lowback_tui.widgets.big_number import block_lines, block_width


def test_digits_are_drawn_in_blocks_two_cells_per_pixel() -> None:
    assert block_lines("7", 1) == ["██████", "    ██", "    ██", "    ██", "    ██"]


def test_scale_multiplies_both_ways() -> None:
    lines = block_lines("10", 2)
    assert len(lines) == 10
    assert {len(line) for line in lines} == {block_width("10", 2)} == {28}
