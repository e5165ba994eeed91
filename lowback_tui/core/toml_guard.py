"""Limits checked on a TOML text before tomllib reads it, so a file shared by someone else cannot
make lowback slow or eat memory: the dots of dotted keys (tomllib pays k squared for a key of k
parts) and the count of tables and values. The routine files and config.toml both pass through
it before they are parsed.
"""

from __future__ import annotations

import re

# What can hold a dot that is not a key's: strings of all four kinds and comments, whole.
_NOT_KEY_DOTS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|(?P<dot>\.)|\n',
    re.DOTALL,
)


def heaviest_dots(text: str, budget: int) -> int | None:
    """The line where the dots outside strings and comments pass `budget`, or None.

    A dotted key of k parts costs tomllib time and memory in k squared, so each line counts the
    square of its dots (key dots, and a float's point, which is cheap but rare in a routine).
    Full stops in quoted text cost nothing. Linear: one pass, and none at all for a text whose
    every dot, quoted or not, stays within the budget.
    """
    if sum(row.count(".") ** 2 for row in text.split("\n")) <= budget:
        return None
    spent, line, dots = 0, 1, 0
    for token in _NOT_KEY_DOTS.finditer(text):
        if token["dot"]:
            dots += 1
            continue
        newlines = token[0].count("\n")  # a quoted key part between dots does not end a line
        if newlines:
            spent += dots * dots
            if spent > budget:
                return line
            dots = 0
            line += newlines
    return line if spent + dots * dots > budget else None


# What can hold a brace, a bracket, a comma or an equals sign that is not TOML's: strings of all
# four kinds and comments, whole; then a [table] header, an {inline table}, and the rest.
_STRUCTURE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|(?P<header>^[ \t]*\[)|(?P<inline>\{)|(?P<value>[\[,=])",
    re.DOTALL | re.MULTILINE,
)


def structure_overflow(text: str, max_tables: int, max_values: int) -> tuple[int, str] | None:
    """The line where the text's tables pass `max_tables` ("tables"), or its values pass
    `max_values` ("values"); None while both stay within.

    Counted outside strings and comments, before tomllib builds anything: a table is a [header]
    or an {inline table} (`exercise = [{...}, {...}]` is as many tables as headers would be);
    a value is counted at each `=`, `,`, `[` and `{` (generously: a trailing comma too). Linear,
    stopping at the first count past its cap, and a mere count of characters for a text whose
    every such character, quoted or not, stays within both.
    """
    opens = text.count("[") + text.count("{")
    if opens <= max_tables and opens + text.count(",") + text.count("=") <= max_values:
        return None
    tables = values = 0
    for token in _STRUCTURE.finditer(text):
        kind = token.lastgroup
        if kind is None:
            continue  # a string or a comment
        values += 1
        tables += kind != "value"
        if tables > max_tables or values > max_values:
            line = text.count("\n", 0, token.end() - 1) + 1
            return line, "tables" if tables > max_tables else "values"
    return None
