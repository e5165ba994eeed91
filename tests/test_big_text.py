"""Big letters: the font, the half-block rendering, choosing a scale, and the widget."""

from __future__ import annotations

import string
from itertools import combinations
from typing import Self

import pytest
from textual.app import App, ComposeResult
from textual.containers import Container
from textual.geometry import Region
from textual.widget import Widget

from lowback_tui.widgets.big_text import (
    FONT,
    BigText,
    best_scale,
    drawable,
    fits,
    height,
    lines,
    width,
)

# The digits as block digits drew them before there were letters (the SVG snapshots show them).
OLD_DIGITS = {
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


def old_block_lines(text: str, scale: int) -> list[str]:
    """BigNumber's rendering before half blocks: each pixel 2*scale cells wide, scale tall."""
    drawn: list[str] = []
    for row in range(5):
        pixels = " ".join(OLD_DIGITS[ch][row] for ch in text)
        line = "".join(("█" if p == "#" else " ") * 2 * scale for p in pixels)
        drawn.extend([line] * scale)
    return drawn


# The font


def test_the_font_has_letters_digits_space_and_a_few_marks() -> None:
    wanted = set(string.ascii_uppercase + string.digits + " ·-→!?")
    assert set(FONT) == wanted


def test_every_glyph_is_three_by_five_pixels() -> None:
    for ch, glyph in FONT.items():
        assert len(glyph) == 5, ch
        assert all(len(row) == 3 and set(row) <= {"#", "."} for row in glyph), ch


def test_no_two_glyphs_look_alike() -> None:
    for (a, glyph_a), (b, glyph_b) in combinations(FONT.items(), 2):
        assert glyph_a != glyph_b, (a, b)


def test_only_the_space_is_blank_and_every_other_glyph_fills_its_rows_somewhere() -> None:
    for ch, glyph in FONT.items():
        assert ("#" in "".join(glyph)) == (ch != " "), ch


def test_the_digits_are_the_ones_block_digits_always_had() -> None:
    assert {ch: FONT[ch] for ch in string.digits} == OLD_DIGITS


# Rendering


def test_hold_at_scale_1_is_three_rows_of_half_blocks() -> None:
    assert lines("HOLD", 1) == [
        "█ █ ▄▀▄ █   █▀▄",
        "█▀█ █ █ █   █ █",
        "▀ ▀  ▀  ▀▀▀ ▀▀ ",
    ]


def test_hold_at_scale_2_is_full_blocks_two_cells_wide_one_row_tall() -> None:
    assert lines("HOLD", 2) == [
        "██  ██    ██    ██      ████  ",
        "██  ██  ██  ██  ██      ██  ██",
        "██████  ██  ██  ██      ██  ██",
        "██  ██  ██  ██  ██      ██  ██",
        "██  ██    ██    ██████  ████  ",
    ]


def test_an_odd_scale_splits_a_pixel_row_across_half_rows() -> None:
    # At k = 3 the dash's pixel row is half-rows 6, 7 and 8: a full row, then a top half.
    blank = " " * 9
    assert lines("-", 3) == [blank] * 3 + ["█" * 9, "▀" * 9] + [blank] * 3


@pytest.mark.parametrize("scale", [1, 2, 3, 4])
def test_even_scales_are_the_old_full_block_digits(scale: int) -> None:
    for digit in string.digits:
        assert lines(digit, 2 * scale) == old_block_lines(digit, scale), digit
    every = string.digits + "0"
    assert lines(every, 2 * scale) == old_block_lines(every, scale)


@pytest.mark.parametrize("k", range(1, 9))
def test_lines_are_as_wide_and_as_tall_as_width_and_height_say(k: int) -> None:
    for text in ("", "I", "GET READY", "SWITCH SIDES", "10 → 9!"):
        drawn = lines(text, k)
        assert len(drawn) == height(k) == -(-5 * k // 2)
        assert {len(line) for line in drawn} == {width(text, k)}
        assert set("".join(drawn)) <= set("█▀▄ ")


def test_the_sizes_of_get_ready() -> None:
    assert (width("GET READY", 1), height(1)) == (35, 3)
    assert (width("GET READY", 2), height(2)) == (70, 5)
    assert (width("GET READY", 3), height(3)) == (105, 8)


def test_lowercase_is_drawn_as_uppercase() -> None:
    assert lines("hold left", 1) == lines("HOLD LEFT", 1)
    assert best_scale("hold", 40, 10, 4) == best_scale("HOLD", 40, 10, 4)


def test_a_character_outside_the_font_cannot_be_drawn() -> None:
    assert drawable("SWITCH SIDES → LEFT!")
    assert not drawable("café")
    assert not drawable("[b]")
    with pytest.raises(ValueError, match="é"):
        lines("café", 1)
    with pytest.raises(ValueError, match="scale"):
        lines("A", 0)
    assert not fits("café", 1, 1000, 1000)
    assert best_scale("café", 1000, 1000, 4) == 0


# Choosing a scale


def test_best_scale_is_the_largest_that_fits_and_0_when_none_does() -> None:
    for text in ("", "5", "10", "HOLD", "GET READY"):
        for across in range(0, 90, 3):
            for down in range(0, 22):
                for max_scale in (0, 1, 2, 4, 8):
                    fitting = [k for k in range(1, max_scale + 1) if fits(text, k, across, down)]
                    expected = max(fitting, default=0)
                    assert best_scale(text, across, down, max_scale) == expected


def test_best_scale_at_its_edges() -> None:
    # "HOLD" is 15 pixels across: k cells a pixel.
    assert best_scale("HOLD", 15, 3, 8) == 1
    assert best_scale("HOLD", 14, 3, 8) == 0
    assert best_scale("HOLD", 15, 2, 8) == 0
    assert best_scale("HOLD", 30, 5, 8) == 2
    assert best_scale("HOLD", 30, 4, 8) == 1
    assert best_scale("HOLD", 1000, 1000, 3) == 3
    assert best_scale("HOLD", -1, -1, 4) == best_scale("HOLD", 100, 100, -1) == 0


# The widget


class Boxed(App[None]):
    """`widget` alone in a box of the given size (the whole screen where None)."""

    def __init__(self, widget: Widget, box: tuple[int | None, int | None] = (None, None)):
        super().__init__()
        self.widget, self.box = widget, box

    def compose(self) -> ComposeResult:
        box = Container(self.widget)
        across, down = self.box
        if across is not None:
            box.styles.width = across
        if down is not None:
            box.styles.height = down
        yield box


def cells(widget: Widget) -> list[str]:
    """What the widget draws, freshly rendered, line by line."""
    return [strip.text for strip in widget.render_lines(widget.size.region)]


def expected_auto_height(text: str, across: int, max_scale: int) -> int:
    k = best_scale(text, across, 10_000, max_scale)
    return height(k) if k else 1


SIZES = [(80, 24), (40, 12), (20, 6), (8, 3), (1, 1), (2, 1)]
BOXES = [(None, None), (0, 0), (0, 5), (5, 0), (1, 1), (3, 2)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("box", BOXES)
async def test_an_auto_height_big_text_is_as_tall_as_its_scale_at_any_size(
    size: tuple[int, int], box: tuple[int | None, int | None]
) -> None:
    big = BigText("GET READY", max_scale=4)
    app = Boxed(big, box)
    async with app.run_test(size=size) as pilot:
        for text in ("GET READY", "", "HOLD", "SWITCH SIDES", "café", "5"):
            big.text = text
            await pilot.pause()
            across = big.size.width
            expected = expected_auto_height(text, across, 4) if text else 0
            assert big.size.height == expected, (text, big.size)
            assert len(cells(big)) == big.size.height


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("box", BOXES)
async def test_a_fixed_height_big_text_keeps_within_it_at_any_size(
    size: tuple[int, int], box: tuple[int | None, int | None]
) -> None:
    big = BigText("RELAX", max_scale=8)
    big.styles.height = "1fr"
    app = Boxed(big, box)
    async with app.run_test(size=size) as pilot:
        for text in ("RELAX", "", "W", "SWITCH SIDES", "x\ny"):
            big.text = text
            await pilot.pause()
            drawn = cells(big)
            assert len(drawn) == big.size.height
            k = big.scale()
            if k:
                assert fits(text, k, *big.size)
                assert not fits(text, k + 1, *big.size) or k == 8


async def test_the_text_is_centred_both_ways() -> None:
    big = BigText("HOLD", max_scale=1)
    big.styles.height = 7
    async with Boxed(big, (20, None)).run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        blank = " " * 20
        # 15 cells in 20, 3 rows in 7: 2 blank cells to the left, 2 blank rows above.
        assert (
            cells(big) == [blank] * 2 + [f"  {line}   " for line in lines("HOLD", 1)] + [blank] * 2
        )


async def test_when_nothing_fits_it_is_plain_text_never_markup() -> None:
    big = BigText("[b]LEFT[/b]")
    async with Boxed(big).run_test(size=(30, 3)) as pilot:
        await pilot.pause()
        assert big.scale() == 0
        assert big.size.height == 1
        assert cells(big) == ["         [b]LEFT[/b]          "]
        big.text = "LEFT\nRIGHT"  # an unprintable character is a space in plain text
        await pilot.pause()
        assert cells(big) == ["          LEFT RIGHT          "]


async def test_max_scale_can_be_changed_and_the_layout_follows() -> None:
    big = BigText("HOLD", max_scale=1)
    async with Boxed(big).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert (big.scale(), big.size.height) == (1, 3)
        big.max_scale = 4
        await pilot.pause()
        assert (big.scale(), big.size.height) == (4, 10)
        big.max_scale = 0
        await pilot.pause()
        assert (big.scale(), big.size.height) == (0, 1)
        big.max_scale = -3
        assert big.max_scale == 0


async def test_an_auto_width_big_text_is_as_wide_as_its_text() -> None:
    big = BigText("HOLD", max_scale=2)
    big.styles.width = "auto"
    async with Boxed(big).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert big.size == (width("HOLD", 2), height(2))
        big.text = "GET READY"
        await pilot.pause()
        assert big.size == (width("GET READY", 2), height(2))
        big.text = "SWITCH SIDES"  # 94 cells at k = 2: k = 1 in 80
        await pilot.pause()
        assert big.size == (width("SWITCH SIDES", 1), height(1))


# Redrawing only what changed


class Watched(BigText):
    """Remembers the regions it is asked to redraw."""

    def __init__(self, text: str, max_scale: int) -> None:
        super().__init__(text, max_scale=max_scale)
        self.asked: list[tuple[tuple[Region, ...], bool]] = []

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        self.asked.append((regions, layout))
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def inked(drawn: list[str]) -> set[tuple[int, int]]:
    return {(x, y) for y, line in enumerate(drawn) for x, ch in enumerate(line) if ch != " "}


def bounds(points: set[tuple[int, int]]) -> Region:
    xs, ys = {x for x, _ in points}, {y for _, y in points}
    return Region(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


@pytest.mark.parametrize(
    ("old", "new", "size"),
    [
        ("10", "9", (80, 24)),  # k = 8, then the same width at k = 8
        ("5", "4", (80, 24)),
        ("60", "59", (40, 12)),
        ("9", "10", (20, 10)),  # a narrower scale for the wider number
        ("120", "99", (30, 4)),  # half blocks, k = 1
    ],
)
async def test_a_new_value_redraws_only_the_cells_the_old_and_new_cover(
    old: str, new: str, size: tuple[int, int]
) -> None:
    big = Watched(old, max_scale=8)
    big.styles.height = "1fr"
    async with Boxed(big).run_test(size=size) as pilot:
        await pilot.pause()
        before = cells(big)
        big.asked.clear()
        big.text = new
        asked = list(big.asked)
        await pilot.pause()
        big.refresh()  # all of it, to compare with
        await pilot.pause()
        after = cells(big)
        ink = inked(before) | inked(after)
        # The digits are drawn to the edges of their box: ink bounds exactly what they cover.
        assert asked == [((bounds(ink),), False)]
        (region,) = asked[0][0]
        changed = {
            (x, y)
            for y, (was, now) in enumerate(zip(before, after, strict=True))
            for x, (a, b) in enumerate(zip(was, now, strict=True))
            if a != b
        }
        assert changed and all(region.contains(x, y) for x, y in changed)
        assert region.area < big.size.area


async def test_a_new_text_that_changes_an_auto_height_lays_out_again() -> None:
    big = Watched("HOLD", max_scale=4)
    async with Boxed(big).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert big.size.height == 10
        big.asked.clear()
        big.text = "SWITCH SIDES"
        assert big.asked == [((), True)]
        await pilot.pause()
        assert big.size.height == 3
        big.asked.clear()
        big.text = "SWITCH RIGHT"  # as wide as "SWITCH SIDES": the same height, no layout
        assert [layout for _, layout in big.asked] == [False]
        await pilot.pause()
        assert big.size.height == 3
