"""Block digits: BigNumber on the big-text font, drawing what it always drew, and more."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Container

from lowback_tui.widgets.big_number import BigNumber, number_scale
from lowback_tui.widgets.big_text import fits, lines, width
from tests.test_big_text import old_block_lines


def old_scale(text: str, across: int, down: int) -> int:
    """The scale BigNumber chose before half blocks: 1 to 4, each a 2 × 1 block a pixel."""
    scale = min(down // 5, 4)
    while scale > 0 and (len(text) * 4 - 1) * 2 * scale > across:
        scale -= 1
    return scale


def test_digits_are_drawn_in_blocks_two_cells_per_pixel() -> None:
    assert lines("7", 2) == ["██████", "    ██", "    ██", "    ██", "    ██"]


def test_scale_multiplies_both_ways() -> None:
    drawn = lines("10", 4)
    assert len(drawn) == 10
    assert {len(line) for line in drawn} == {width("10", 4)} == {28}


@pytest.mark.parametrize("value", ["5", "10", "120", "0", ""])
def test_where_block_digits_fitted_before_the_same_blocks_are_chosen(value: str) -> None:
    for across in range(0, 130):
        for down in range(0, 45):
            before = old_scale(value or "0", across, down) if value else None
            now = number_scale(value, across, down)
            if before:
                assert now == 2 * before, (value, across, down)
            elif value:
                # Where it was plain text, three rows of half blocks when they fit.
                assert now == (1 if fits(value, 1, across, down) else 0), (value, across, down)


def test_half_blocks_only_where_no_full_block_fits() -> None:
    assert number_scale("30", 80, 24) == 8  # the largest, as before (scale 4)
    assert number_scale("30", 80, 12) == 4  # 10 rows of full blocks, not k = 5's 13
    assert number_scale("30", 80, 8) == 2  # full blocks, not k = 3's 8 rows of half blocks
    assert number_scale("30", 40, 4) == 1  # plain text before; readable digits now
    assert number_scale("30", 6, 4) == 0  # nothing fits: plain text
    assert number_scale("30", 80, 24, max_scale=3) == 2


class Boxed(App[None]):
    def __init__(self, number: BigNumber, box: tuple[int, int]) -> None:
        super().__init__()
        self.number, self.box = number, box

    def compose(self) -> ComposeResult:
        box = Container(self.number)
        box.styles.width, box.styles.height = self.box
        yield box


def centred(drawn: list[str], across: int, down: int) -> list[str]:
    left, top = (across - len(drawn[0])) // 2, (down - len(drawn)) // 2
    blank = " " * across
    rows = [" " * left + line + " " * (across - left - len(line)) for line in drawn]
    return [blank] * top + rows + [blank] * (down - top - len(rows))


@pytest.mark.parametrize("box", [(80, 22), (78, 12), (40, 12), (30, 9), (14, 5), (77, 21)])
async def test_it_draws_the_same_cells_as_before_where_blocks_fitted(box: tuple[int, int]) -> None:
    number = BigNumber("10")
    async with Boxed(number, box).run_test(size=(80, 24)) as pilot:
        for value in ("10", "9", "45"):
            number.value = value
            number.refresh()
            await pilot.pause()
            before = old_scale(value, *box)
            assert before > 0
            assert number.scale() == 2 * before
            drawn = [strip.text for strip in number.render_lines(number.size.region)]
            assert drawn == centred(old_block_lines(value, before), *box)


async def test_a_small_box_gets_half_block_digits_where_it_had_plain_text() -> None:
    number = BigNumber("45")
    async with Boxed(number, (30, 4)).run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert old_scale("45", 30, 4) == 0
        assert number.value == "45" == number.text
        assert number.scale() == 1
        drawn = [strip.text for strip in number.render_lines(number.size.region)]
        assert drawn == centred(lines("45", 1), 30, 4)
        number.value = "123456789"  # 35 cells: too wide for half blocks too
        await pilot.pause()
        assert number.scale() == 0
        drawn = [strip.text for strip in number.render_lines(number.size.region)]
        assert drawn == centred(["123456789"], 30, 4)
