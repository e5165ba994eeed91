"""Reading values out of a routine's TOML tables, a Problem for each one that is wrong: whole
numbers in bounds, texts (length, no control character), lists of texts, sub-tables, unknown
keys (with the nearest known one); each problem at its line. `check.py` says which key must be
which; `picture/check.py` uses the same Checker for `[exercise.picture]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lowback_tui.core.routine.model import LIST_MAX, Problem

if TYPE_CHECKING:
    from lowback_tui.core.routine.lines import KeyLines

MAX_PROBLEMS = 100
"""A file with more is not a routine someone is editing; the rest are counted, not listed."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def describe(value: Any) -> str:
    """A value as a person would recognise it in their file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'"{shown}", which is text'
    if isinstance(value, int | float):
        shown = str(value)  # a float is at most 24 characters; an int may have thousands
        return shown if len(shown) <= 30 else f"a number of {len(shown):,} digits"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if type(value).__name__ in ("datetime", "date", "time"):  # saves importing datetime
        return f"{value}, a date or time"
    return type(value).__name__  # pragma: no mutate (TOML has no other type: never reached)


class Checker:
    """Reads values out of tables, recording a Problem for each one that is wrong."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self._source = text
        self._lines: KeyLines | None = None  # found only for a file with problems
        self.problems: list[Problem] = []
        self.found = 0
        """Every problem found; past MAX_PROBLEMS they are counted, not kept."""

    def describe(self, value: Any) -> str:
        return describe(value)

    def problem(self, key: str, message: str) -> None:
        self.found += 1
        if self.found > MAX_PROBLEMS:
            return
        if self._lines is None:
            from lowback_tui.core.routine.lines import KeyLines

            self._lines = KeyLines(self._source)
        self.problems.append(Problem(self.path, self._lines.line_of(key), key, message))

    def all_problems(self) -> list[Problem]:
        """The problems kept, in line order, and how many more there were."""
        kept = sorted(self.problems, key=lambda p: p.line or 0)
        if self.found > MAX_PROBLEMS:
            more = f"and {self.found - MAX_PROBLEMS:,} more problems; is this a routine file?"
            kept.append(Problem(self.path, None, "", more))
        return kept

    def unknown_keys(self, table: dict[str, Any], known: Iterable[str], prefix: str) -> None:
        known = list(known)
        for key in table:
            if key in known:
                continue
            if self.found >= MAX_PROBLEMS:  # counted, not kept: no hint to look for (difflib
                self.found += 1  # on each of 200,000 unknown keys took 12 s)
                continue
            import difflib  # only a file with a typo pays for it

            close = difflib.get_close_matches(key, known)  # the best first
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
            self.problem(join(prefix, key), f"unknown key; {hint}")

    def integer(
        self, table: dict[str, Any], key: str, prefix: str, bounds: tuple[int, int], unit: str = ""
    ) -> int | None:
        """The whole number at `key`, or None if it is missing or wrong."""
        if key not in table:
            return None
        value, where = table[key], join(prefix, key)
        low, high = bounds
        units = f" {unit}" if unit else ""
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                where,
                f"must be a whole number{' of ' + unit if unit else ''} (got {describe(value)})",
            )
            return None
        if not low <= value <= high:
            self.problem(where, f"must be between {low} and {high}{units} (got {describe(value)})")
            return None
        return value

    def text(
        self, table: dict[str, Any], key: str, prefix: str, limit: int, required: bool = False
    ) -> str | None:
        """The text at `key`, or None if it is missing or wrong."""
        where = join(prefix, key)
        if key not in table:
            if required:
                self.problem(where, f'missing; add {key} = "..."')
            return None
        return self._one_text(table[key], where, limit, required)

    def _one_text(self, value: Any, where: str, limit: int, required: bool) -> str | None:
        if not isinstance(value, str):
            self.problem(where, f"must be text in quotes (got {describe(value)})")
            return None
        if required and not value.strip():
            self.problem(where, "must not be empty")
            return None
        if len(value) > limit:
            self.problem(where, f"is {len(value)} characters long; keep it to {limit} or fewer")
            return None
        if control := _CONTROL.search(value):
            self.problem(
                where, f"contains a control character (U+{ord(control[0]):04X}); remove it"
            )
            return None
        return value

    def texts(
        self, table: dict[str, Any], key: str, prefix: str, limit: int, count: int | None = None
    ) -> tuple[str, ...] | None:
        """The list of texts at `key`, or None if it is missing or wrong."""
        if key not in table:
            return None
        value, where = table[key], join(prefix, key)
        if not isinstance(value, list):
            example = '["left leg", "right leg"]' if count == 2 else '["...", "..."]'
            self.problem(where, f"must be a list of texts like {example} (got {describe(value)})")
            return None
        if count is not None and len(value) != count:
            self.problem(where, f"must have exactly {count} entries (got {len(value)})")
            return None
        if len(value) > LIST_MAX:
            self.problem(where, f"has {len(value)} entries; keep it to {LIST_MAX} or fewer")
            return None
        items = [
            self._one_text(item, f"{where}[{n}]", limit, required=True)
            for n, item in enumerate(value, start=1)
        ]
        if None in items:  # pragma: no mutate (each is reported: the exercise is dropped anyway)
            return None
        return tuple(i for i in items if i is not None)

    def table(self, document: dict[str, Any], key: str, shape: str) -> dict[str, Any]:
        """The sub-table at `key`, or {} (with a problem) if it is something else."""
        value = document.get(key, {})
        if isinstance(value, dict):
            return value
        self.problem(key, f"must be a table written {shape} (got {describe(value)})")
        return {}


def join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key
