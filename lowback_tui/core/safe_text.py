"""Text from outside made safe to show on a terminal: the one rule for every front end.

Anything that came from a file (a routine, config.toml), the history, the environment ($EDITOR,
LOWBACK_HOME, a path) or the person (a typed answer) may hold control characters: an ESC or a
C1 CSI (U+009B) starts a sequence that can retitle the window, clear the screen or recolour it;
a bidi override reorders what follows. Every place that shows such text passes it through
`visible` (one line) or `visible_lines` (several), which write each control as a visible escape
(`\\x1b`, `\\u202e`) instead; a tab becomes a space. Rich markup (`[/]`, `[@click=…]`) is a
matter for the Textual front end, which shows outside text with markup off.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula; `spreadsheet_cell` prefixes such a cell with an apostrophe, as OWASP's advice on CSV
injection and the spreadsheets themselves expect.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the invisible bidi and line/paragraph marks that change how
# the rest of a line is drawn.
_MARKS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{_MARKS}]")
_CONTROL_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_MARKS}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _shown(match: re.Match[str]) -> str:
    character = match.group()
    if character == "\t":
        return " "
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object) -> str:
    """`text` as one line with every control character written as a visible escape."""
    text = str(text)
    return _CONTROL.sub(_shown, text) if _CONTROL.search(text) else text


def visible_lines(text: object) -> str:
    """`text` keeping its line breaks, every other control written as a visible escape."""
    text = str(text)
    return _CONTROL_BUT_NEWLINE.sub(_shown, text) if _CONTROL_BUT_NEWLINE.search(text) else text


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that no spreadsheet will run as a formula (numbers pass through unchanged)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
