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
    """The value with strings and a trailing comment removed, to count brackets safely."""
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


class KeyLines:
    """Where keys and tables sit in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table = ""
        counts: dict[str, int] = {}
        open_string = ""
        depth = 0
        for number, raw in enumerate(text.splitlines(), start=1):
            if open_string:
                if raw.count(open_string) % 2 == 1:
                    open_string = ""
                continue
            if depth > 0:
                code = _code_only(raw)
                depth += code.count("[") + code.count("{") - code.count("]") - code.count("}")
                continue
            stripped = raw.strip()
            if stripped.startswith("[["):
                name = ".".join(_key_parts(stripped[2:].split("]]")[0]))
                counts[name] = counts.get(name, 0) + 1
                table = f"{name}[{counts[name]}]"
                self._lines.setdefault(table, number)
            elif stripped.startswith("["):
                table = ".".join(_key_parts(stripped[1:].split("]")[0]))
                self._lines.setdefault(table, number)
            elif match := _KEY.match(raw):
                key = ".".join(_key_parts(match.group(1)))
                self._lines.setdefault(f"{table}.{key}" if table else key, number)
                value = raw[match.end() :]
                open_string = _opens_multiline_string(value)
                if not open_string:
                    code = _code_only(value)
                    depth = code.count("[") + code.count("{") - code.count("]") - code.count("}")
                    depth = max(depth, 0)

    def line_of(self, path: str) -> int | None:
        """The line of `path`, or of the nearest enclosing key or table that has one."""
        while path:
            if path in self._lines:
                return self._lines[path]
            # `cues[2]` lives on the `cues = [` line; `timing.x` under `[timing]`.
            path = _INDEX.sub("", path) if _INDEX.search(path) else path.rpartition(".")[0]
        return None
