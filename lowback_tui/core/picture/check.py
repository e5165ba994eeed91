"""Checking an exercise's `[exercise.picture]` table, every problem with its key (and so its line).

Called by `routine_check` for each exercise that has a picture; it records problems through the
checker it is given (the `Checks` protocol), in the same words as every other key's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from lowback_tui.core.picture.model import (
    DESCRIPTION_MAX,
    GRID,
    JOINTS,
    REQUIRED_JOINTS,
    Ground,
    Picture,
    Point,
    Pose,
)

PICTURE_KEYS = ("description", "ground", "held", "start")
"""The keys of `[exercise.picture]`; a pose's keys are the JOINTS."""


class Checks(Protocol):
    """What the routine checker offers: recording problems and reading texts."""

    found: int

    def describe(self, value: Any) -> str: ...

    def problem(self, key: str, message: str) -> None: ...

    def unknown_keys(self, table: dict[str, Any], known: Iterable[str], prefix: str) -> None: ...

    def text(
        self, table: dict[str, Any], key: str, prefix: str, limit: int, required: bool = False
    ) -> str | None: ...


def picture(check: Checks, value: Any, where: str) -> Picture | None:
    """The picture at `where` (`exercise[3].picture`), or None if anything in it is wrong."""
    if not isinstance(value, dict):
        shape = "[exercise.picture]"
        check.problem(where, f"must be a table written {shape} (got {check.describe(value)})")
        return None
    before = check.found
    check.unknown_keys(value, PICTURE_KEYS, where)
    description = check.text(value, "description", where, DESCRIPTION_MAX, required=True)
    ground = _ground(check, value.get("ground", Ground.FLOOR.value), f"{where}.ground")
    held = start = None
    if "held" not in value:
        check.problem(
            f"{where}.held", "missing; add [exercise.picture.held] with head, shoulder and hip"
        )
    else:
        held = _pose(check, value["held"], f"{where}.held", "held")
    if "start" in value:
        start = _pose(check, value["start"], f"{where}.start", "start")
    if check.found > before or held is None or description is None or ground is None:
        return None
    return Picture(held=held, description=description, start=start, ground=ground)


def _ground(check: Checks, value: Any, where: str) -> Ground | None:
    choices = [g.value for g in Ground]
    if value in choices:
        return Ground(value)
    got = f'"{value}"' if isinstance(value, str) else check.describe(value)
    check.problem(where, f'must be one of "floor", "wall" or "none" (got {got})')
    return None


def _pose(check: Checks, value: Any, where: str, name: str) -> Pose | None:
    if not isinstance(value, dict):
        shape = f"[exercise.picture.{name}]"
        check.problem(where, f"must be a table written {shape} (got {check.describe(value)})")
        return None
    before = check.found
    check.unknown_keys(value, JOINTS, where)
    for joint in REQUIRED_JOINTS:
        if joint not in value:
            check.problem(f"{where}.{joint}", f"missing; add {joint} = [x, y]")
    joints: dict[str, Point] = {}
    for joint in JOINTS:
        if joint in value and (point := _point(check, value[joint], f"{where}.{joint}")):
            joints[joint] = point
    if check.found > before:
        return None
    return Pose(joints=joints)


def _point(check: Checks, value: Any, where: str) -> Point | None:
    if not isinstance(value, list) or len(value) != 2:
        got = f"a list of {len(value)}" if isinstance(value, list) else check.describe(value)
        check.problem(where, f"must be two numbers [x, y] (got {got})")
        return None
    low, high = GRID
    point: list[float] = []
    for n, number in enumerate(value, start=1):
        if isinstance(number, bool) or not isinstance(number, int | float):
            check.problem(f"{where}[{n}]", f"must be a number (got {check.describe(number)})")
        elif not low <= number <= high:  # nan is never between them, nor is inf
            check.problem(
                f"{where}[{n}]", f"must be between {low} and {high} (got {check.describe(number)})"
            )
        else:
            point.append(number)
    return (point[0], point[1]) if len(point) == 2 else None
