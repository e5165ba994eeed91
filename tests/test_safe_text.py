"""The one rule for text that reaches a terminal: controls made visible, formulas defused."""

from __future__ import annotations

import pytest

from lowback_tui.core.safe_text import spreadsheet_cell, visible, visible_lines

HOSTILE = "a\x1b]0;pwned\x07b\x1b[2J\x9b31mc\x00\x7f\u202ed\ne\tf"


def test_every_control_is_written_as_a_visible_escape() -> None:
    shown = visible(HOSTILE)
    assert shown == "a\\x1b]0;pwned\\x07b\\x1b[2J\\x9b31mc\\x00\\x7f\\u202ed\\x0ae f"
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in shown)


def test_lines_keep_their_breaks_and_lose_everything_else() -> None:
    shown = visible_lines(HOSTILE)
    assert shown.split("\n") == ["a\\x1b]0;pwned\\x07b\\x1b[2J\\x9b31mc\\x00\\x7f\\u202ed", "e f"]


@pytest.mark.parametrize("text", ["", "Knee to chest", "Café – 5 s ✓", "[b]not markup here[/]"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert visible(text) == visible_lines(text) == text


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Knee to chest", "Knee to chest"),
        ("a=b", "a=b"),
        (-3, -3),
        (None, None),
    ],
)
def test_spreadsheet_cells_never_start_a_formula(cell: object, safe: object) -> None:
    assert spreadsheet_cell(cell) == safe
