"""Changing values in a TOML text a person wrote, keeping everything else byte for byte.

tomlkit keeps a file's comments, order, spacing and number formats where tomli-w writes a fresh
file; it is imported here, by the writing functions only, so start-up does not pay for it. Its
reader is some 8 times slower than tomllib's, so callers run their size and structure guards
(`toml_lines`) before handing it a text.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomlkit import TOMLDocument


def parse(text: str) -> TOMLDocument | None:
    """The text as a tomlkit document, or None when tomlkit cannot read it."""
    import tomlkit  # 5 ms, paid on the first write only
    from tomlkit.exceptions import TOMLKitError

    try:
        return tomlkit.parse(text)
    except (TOMLKitError, ValueError, RecursionError):
        return None


def dumps(document: TOMLDocument) -> str:
    """The document as text: unchanged parts exactly as they were read."""
    return document.as_string()


def set_value(table: MutableMapping[str, Any], key: str, value: object) -> None:
    """`key = value` in `table` (a document, a table or an inline table).

    An existing value is replaced where it stands, its spacing and trailing comment kept. A new
    key goes after the table's last plain key; tomlkit would then also put a blank line before
    the sub-table that follows (`[exercise.picture]`, `[keys]`), which the person did not write,
    so each sub-table's leading whitespace is put back as it was. ValueError when tomlkit
    cannot make the change.
    """
    from tomlkit.container import Container
    from tomlkit.exceptions import TOMLKitError
    from tomlkit.items import AoT, Table

    body = table.value.body if isinstance(table, Table) else []
    if isinstance(table, Container):
        body = table.body
    tables = [item for _, item in body if isinstance(item, Table)]
    tables += [item[0] for _, item in body if isinstance(item, AoT) and len(item)]
    indents = [(item, item.trivia.indent) for item in tables]
    try:
        table[key] = value
    except TOMLKitError as error:
        raise ValueError(f"tomlkit cannot set {key}: {error}") from None
    for item, indent in indents:  # unchanged when the key was there already
        item.trivia.indent = indent
