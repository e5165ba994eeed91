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
    PROPS_MAX,
    REQUIRED_JOINTS,
    Ground,
    Picture,
    Point,
    Pose,
    Prop,
    PropKind,
    SecondView,
    ViewName,
)

PICTURE_KEYS = ("description", "ground", "held", "start", "props", "front", "above")
"""The keys of `[exercise.picture]`; a pose's keys are the JOINTS."""
VIEW_KEYS = ("description", "held", "start", "props")
"""The keys of a second view, `[exercise.picture.front]` or `[exercise.picture.above]`."""
PROP_KEYS = ("kind", "between", "at")
"""The keys of a prop, `{kind = "towel", between = ["near_hand", "far_hand"]}`."""


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
    held, start = _poses(check, value, where, "exercise.picture")
    props = _props(check, value.get("props", []), f"{where}.props", (held, start))
    second = None
    views = [view for view in ViewName if view.value in value]
    if len(views) > 1:
        check.problem(f"{where}.above", "give one second view, front or above, not both")
    elif views:
        second = _second(check, value[views[0].value], f"{where}.{views[0].value}", views[0])
    if check.found > before or held is None or description is None or ground is None:
        return None
    return Picture(held, description, start, ground, props or (), second)


def _poses(
    check: Checks, value: dict[str, Any], where: str, table: str
) -> tuple[Pose | None, Pose | None]:
    """The held pose (required) and the start pose (optional) of a view."""
    held = start = None
    if "held" not in value:
        check.problem(f"{where}.held", f"missing; add [{table}.held] with head, shoulder and hip")
    else:
        held = _pose(check, value["held"], f"{where}.held", f"{table}.held")
    if "start" in value:
        start = _pose(check, value["start"], f"{where}.start", f"{table}.start")
    return held, start


def _second(check: Checks, value: Any, where: str, view: ViewName) -> SecondView | None:
    table = f"exercise.picture.{view.value}"
    if not isinstance(value, dict):
        check.problem(where, f"must be a table written [{table}] (got {check.describe(value)})")
        return None
    before = check.found
    check.unknown_keys(value, VIEW_KEYS, where)
    description = check.text(value, "description", where, DESCRIPTION_MAX, required=True)
    held, start = _poses(check, value, where, table)
    props = _props(check, value.get("props", []), f"{where}.props", (held, start))
    if check.found > before or held is None or description is None or props is None:
        return None
    return SecondView(view, held, description, start, props)


def _props(
    check: Checks, value: Any, where: str, poses: tuple[Pose | None, Pose | None]
) -> tuple[Prop, ...] | None:
    """The props of a view; a towel's joints must be given by each of the view's poses."""
    shape = '[{kind = "towel", between = ["near_hand", "far_hand"]}]'
    if not isinstance(value, list):
        check.problem(where, f"must be a list written {shape} (got {check.describe(value)})")
        return None
    if len(value) > PROPS_MAX:
        check.problem(where, f"at most {PROPS_MAX} props in a view (got {len(value)})")
        return None
    before = check.found
    props = [_prop(check, item, f"{where}[{n}]", poses) for n, item in enumerate(value, 1)]
    if check.found > before:
        return None
    return tuple(prop for prop in props if prop is not None)


def _prop(
    check: Checks, value: Any, where: str, poses: tuple[Pose | None, Pose | None]
) -> Prop | None:
    if not isinstance(value, dict):
        shape = '{kind = "chair", at = [x, y]}'
        check.problem(where, f"must be a table written {shape} (got {check.describe(value)})")
        return None
    before = check.found
    check.unknown_keys(value, PROP_KEYS, where)
    kinds = [kind.value for kind in PropKind]
    if "kind" not in value:
        check.problem(f"{where}.kind", 'missing; add kind = "towel", "band" or "chair"')
        return None
    kind = value["kind"]
    if kind not in kinds:
        got = f'"{kind}"' if isinstance(kind, str) else check.describe(kind)
        check.problem(f"{where}.kind", f'must be one of "towel", "band" or "chair" (got {got})')
        return None
    if kind == PropKind.CHAIR:
        if "between" in value:
            check.problem(f"{where}.between", "a chair stands at a place; give at = [x, y]")
        if "at" not in value:
            check.problem(f"{where}.at", "missing; add at = [x, y], the middle of the seat")
            return None
        at = _point(check, value["at"], f"{where}.at")
        return Prop(PropKind.CHAIR, at=at) if at and check.found == before else None
    if "at" in value:
        check.problem(f"{where}.at", f"a {kind} is held; give between = [joint, joint]")
    between = _between(check, value.get("between"), f"{where}.between", poses)
    return Prop(PropKind(kind), between=between) if between and check.found == before else None


def _between(
    check: Checks, value: Any, where: str, poses: tuple[Pose | None, Pose | None]
) -> tuple[str, str] | None:
    if value is None:
        check.problem(where, 'missing; add between = ["near_hand", "far_hand"] (two joints)')
        return None
    if not isinstance(value, list) or len(value) != 2:
        got = f"a list of {len(value)}" if isinstance(value, list) else check.describe(value)
        check.problem(where, f"must be two joints [joint, joint] (got {got})")
        return None
    before = check.found
    for n, joint in enumerate(value, start=1):
        if not isinstance(joint, str) or joint not in JOINTS:
            got = f'"{joint}"' if isinstance(joint, str) else check.describe(joint)
            check.problem(f"{where}[{n}]", f'must be a joint such as "near_hand" (got {got})')
            continue
        for name, pose in zip(("held", "start"), poses, strict=True):
            if pose is not None and joint not in pose.joints:
                check.problem(f"{where}[{n}]", f"{joint} is not in {name}; add {joint} = [x, y]")
    if check.found > before:
        return None
    if value[0] == value[1]:
        check.problem(where, f'must be two different joints (got "{value[0]}" twice)')
        return None
    return (value[0], value[1])


def _ground(check: Checks, value: Any, where: str) -> Ground | None:
    choices = [g.value for g in Ground]
    if value in choices:
        return Ground(value)
    got = f'"{value}"' if isinstance(value, str) else check.describe(value)
    check.problem(where, f'must be one of "floor", "wall" or "none" (got {got})')
    return None


def _pose(check: Checks, value: Any, where: str, table: str) -> Pose | None:
    if not isinstance(value, dict):
        shape = f"[{table}]"
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
