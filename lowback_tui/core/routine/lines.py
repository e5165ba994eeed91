"""Find the line a dotted key path comes from in a TOML text.

tomllib gives values, not positions, and error messages that say "line 12" are the ones people
can act on. This scanner reads the text once and records where each table header and key sits,
using the same key paths as the validator: 1-based indexes for arrays of tables
(`exercise[3].hold_seconds`). It understands the TOML people write by hand: headers, dotted and
quoted keys, comments, multi-line strings and arrays. What it cannot place, it leaves to the
nearest enclosing key.
"""

from __future__ import annotations

import re

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY = re.compile(rf"\s*({_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*)\s*=")
_PART = re.compile(_BARE_OR_QUOTED)
_INDEX = re.compile(r"\[\d+\]$")


def _key_parts(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _PART.findall(dotted)]


def _code_only(value: str) -> str:
    """The value with each string reduced to one "0" and a trailing comment removed.

    What is left can be read for brackets and commas without being fooled by their look-alikes
    inside quotes.
    """
    out: list[str] = []
    quote = ""
    i = 0
    while i < len(value):
        ch = value[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            out.append("0")
        elif ch == "#":
            break
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _opens_multiline_string(value: str) -> str:
    """The delimiter of a multi-line string left open at the end of `value`, or ""."""
    for delim in ('"""', "'''"):
        if value.count(delim) % 2 == 1:
            return delim
    return ""


def _indexed(parts: list[str], counts: dict[str, int]) -> str:
    """A [table] header's path, indexed where it is inside the latest item of an array of
    tables: `[exercise.picture]` after the second `[[exercise]]` is `exercise[2].picture`."""
    path, name = "", ""
    for part in parts:
        name = f"{name}.{part}" if name else part
        path = f"{path}.{part}" if path else part
        if name in counts:
            path += f"[{counts[name]}]"
    return path


class KeyLines:
    """Where keys, tables and the items of arrays sit in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        # The array being read across lines: its key path, bracket depth, items begun so far.
        self._array = ""
        self._depth = 0
        self._items = 0
        self._in_item = False
        self._scan(text)

    def _scan(self, text: str) -> None:
        table = ""
        counts: dict[str, int] = {}
        open_string = ""
        for number, raw in enumerate(text.splitlines(), start=1):
            if open_string:
                if raw.count(open_string) % 2 == 1:
                    open_string = ""
                continue
            if self._depth > 0:
                self._read_value(_code_only(raw), number)
                continue
            stripped = raw.strip()
            if stripped.startswith("[["):
                name = ".".join(_key_parts(stripped[2:].split("]]")[0]))
                counts[name] = counts.get(name, 0) + 1
                table = f"{name}[{counts[name]}]"
                self._lines.setdefault(name, number)
                self._lines.setdefault(table, number)
            elif stripped.startswith("["):
                table = _indexed(_key_parts(stripped[1:].split("]")[0]), counts)
                self._lines.setdefault(table, number)
            elif match := _KEY.match(raw):
                key = ".".join(_key_parts(match.group(1)))
                path = f"{table}.{key}" if table else key
                self._lines.setdefault(path, number)
                value = raw[match.end() :]
                open_string = _opens_multiline_string(value)
                if not open_string:
                    self._array, self._items, self._in_item = path, 0, False
                    self._read_value(_code_only(value), number)

    def _read_value(self, code: str, number: int) -> None:
        """Follow brackets through a value, noting the line each top-level array item starts on."""
        for ch in code:
            if ch in "[{":
                self._depth += 1
            elif ch in "]}":
                self._depth = max(self._depth - 1, 0)
            elif ch == "," and self._depth == 1:
                self._in_item = False
                continue
            if self._depth == 1 and not self._in_item and ch not in " \t[":
                self._items += 1
                self._in_item = True
                self._lines.setdefault(f"{self._array}[{self._items}]", number)

    def line_of(self, path: str) -> int | None:
        """The line of `path`, or of the nearest enclosing key or table that has one."""
        while path:
            if path in self._lines:
                return self._lines[path]
            # `cues[2]` lives on the `cues = [` line; `timing.x` under `[timing]`.
            path = _INDEX.sub("", path) if _INDEX.search(path) else path.rpartition(".")[0]
        return None
