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

import functools
import re

# C0 controls, DEL, C1 controls, and the invisible bidi and line/paragraph marks that change how
# the rest of a line is drawn. Compiled when first needed: compiling both at import took ~0.9 ms
# before the first screen (-X importtime), where most runs have nothing to escape yet.
_MARKS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"


@functools.cache
def _controls(keep_newline: bool) -> re.Pattern[str]:
    low = "\x00-\x09\x0b-\x1f" if keep_newline else "\x00-\x1f"
    return re.compile(f"[{low}\x7f-\x9f{_MARKS}]")


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
    return _controls(False).sub(_shown, text) if not text.isprintable() else text


def visible_lines(text: object) -> str:
    """`text` keeping its line breaks, every other control written as a visible escape."""
    text = str(text)
    return _controls(True).sub(_shown, text) if not text.isprintable() else text


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that no spreadsheet will run as a formula (numbers pass through unchanged)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
