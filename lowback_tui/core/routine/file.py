"""Routine files: reading them with tomllib (safely, whatever they hold) and writing them with
tomli-w.

A file that cannot be a routine (a folder, binary, not UTF-8, huge, not TOML) is refused here
with the line where that shows; what the TOML says is checked by `routine_check`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from lowback_tui.core.files import Refused, read_regular
from lowback_tui.core.picture.model import Ground, Picture, Pose, Prop
from lowback_tui.core.routine import check as routine_check
from lowback_tui.core.routine.model import (
    DEFAULT_SIDE_NAMES,
    FORMAT,
    Exercise,
    Problem,
    Routine,
    RoutineError,
)
from lowback_tui.core.toml_guard import heaviest_dots, structure_overflow

MAX_FILE_BYTES = 2_000_000
"""A routine of a thousand exercises is a few hundred kB; anything past this is not a routine."""

MAX_DOT_COST = 100_000
"""tomllib takes time and memory quadratic in a dotted key's parts (a 2 MB file of 1,000-part
keys: 80 s and 1 GB), so the dots outside quotes are counted first, each line's squared
(`toml_lines.heaviest_dots`), and a file past this is refused before tomllib sees it. Real
routines spend next to nothing (a full stop in quoted text costs nothing); at this budget a
hostile file costs tomllib a fraction of a second."""

MAX_TABLES = 10_000
"""Each [table] costs tomllib some 2 kB, so a 2 MB file of nothing but headers took 4 s and
250 MB; a routine has one per exercise and ten thousand exercises would take days. Inline tables
count too: a 2 MB `exercise = [{}, {}, ...]` (666,000 of them) took 4.7 s."""

MAX_VALUES = 200_000
"""Values tomllib builds (counted at each `=`, `,`, `[` and `{`): a 2 MB `exercise = [1, 1, ...]`
is a million, 4.3 s to read and check; 200,000 of the costliest kind (unknown keys) take about
1 s. The bundled routine's seven exercises, pictures and all, hold 653: 2,000 exercises like them
(more than MAX_FILE_BYTES allows) hold 184,000."""

_POINT = re.compile(r"^([a-z_]+) = \[\n +([-+.0-9eE]+),\n +([-+.0-9eE]+),\n\]$", re.MULTILINE)
"""A list of two numbers as tomli-w writes it, one item a line: a joint, written [x, y]."""

MAX_DIGITS = 4300
"""Python reads no longer integer from text (sys.int_info.default_max_str_digits)."""

# How tomllib ends its messages; matched only for a file that does not parse (re caches it).
_SYNTAX = r"^(?P<what>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"


def load(path: Path) -> Routine:
    """Read and check a routine file; raise RoutineError listing every problem."""
    path = Path(path)

    def fail(message: str, line: int | None = None) -> RoutineError:
        return RoutineError([Problem(path, line, "", message)])

    try:
        data = read_regular(path, MAX_FILE_BYTES, "routine file")
    except Refused as error:
        raise fail(error.strerror or str(error)) from None
    except FileNotFoundError:
        message = "is a link to nothing" if path.is_symlink() else "no such file"
        raise fail(message) from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    if b"\x00" in data:
        raise fail("is a binary file, not TOML text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        bad = data[error.start]
        raise fail(f"is not UTF-8 text (byte 0x{bad:02x}); save it as UTF-8", line) from None
    return loads(text, path)


def loads(text: str, path: Path = Path("<routine>")) -> Routine:
    """Parse and check routine text; `path` is only used to name the file in problems."""
    if (line := heaviest_dots(text, MAX_DOT_COST)) is not None:
        message = "has more dotted keys than a routine ever needs; not a routine"
        raise RoutineError([Problem(path, line, "", message)])
    if (over := structure_overflow(text, MAX_TABLES, MAX_VALUES)) is not None:
        line, what = over
        message = (
            f"has more than {MAX_TABLES:,} [tables]; no routine has that many exercises"
            if what == "tables"
            else f"has more than {MAX_VALUES:,} values; no routine has that many"
        )
        raise RoutineError([Problem(path, line, "", message)])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.match(_SYNTAX, str(error))
        if not found:
            raise RoutineError([Problem(path, None, "", f"not valid TOML: {error}")]) from None
        what = found["what"][:1].lower() + found["what"][1:]
        if what == "illegal character '\\n'":  # tomllib's words for an unclosed quote
            what = "a quoted text is not closed before the end of the line"
        if found["line"]:
            line, where = int(found["line"]), f" (column {found['col']})"
        else:
            line, where = text.count("\n") + 1, " at the end of the file"
        message = f"not valid TOML: {what}{where}"
        raise RoutineError([Problem(path, line, "", message)]) from None
    except RecursionError:
        raise RoutineError([Problem(path, None, "", "not valid: nested too deeply")]) from None
    except ValueError:  # tomllib's int() of a number longer than Python reads
        runs = (run for run in re.finditer(r"[0-9_]+", text) if len(run[0]) > MAX_DIGITS)
        long = next(runs, None)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        message = f"a number of more than {MAX_DIGITS:,} digits; no routine value is that long"
        raise RoutineError([Problem(path, line, "", message)]) from None
    return routine_check.build(document, text, path)


def to_document(routine: Routine) -> dict[str, Any]:
    """The routine as a TOML document, leaving out whatever equals its default."""
    doc: dict[str, Any] = {"format": FORMAT, "name": routine.name}
    if routine.summary:
        doc["summary"] = routine.summary
    doc["course_days"] = routine.course_days
    doc["timing"] = {
        "start_seconds": routine.timing.start_seconds,
        "get_ready_seconds": routine.timing.get_ready_seconds,
        "switch_seconds": routine.timing.switch_seconds,
        "relax_seconds": routine.timing.relax_seconds,
        "rest_seconds": routine.timing.rest_seconds,
    }
    doc["exercise"] = [_exercise_document(e) for e in routine.exercises]
    return doc


def _exercise_document(exercise: Exercise) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": exercise.id, "name": exercise.name}
    if exercise.position:
        doc["position"] = exercise.position
    if exercise.level is not None:
        doc["level"] = exercise.level.value
    doc["equipment"] = list(exercise.equipment)
    if exercise.hold_seconds is not None:
        doc["hold_seconds"] = exercise.hold_seconds
    if exercise.work_seconds is not None:
        doc["work_seconds"] = exercise.work_seconds
    doc["reps"] = exercise.reps
    if exercise.goal_reps is not None:
        doc["goal_reps"] = exercise.goal_reps
    doc["sides"] = exercise.sides.value
    if exercise.side_names != DEFAULT_SIDE_NAMES:
        doc["side_names"] = list(exercise.side_names)
    for key in ("get_ready_seconds", "switch_seconds", "relax_seconds", "rest_seconds"):
        value = getattr(exercise, key)
        if value is not None:
            doc[key] = value
    doc["cues"] = list(exercise.cues)
    for key in routine_check.MOMENT_CUES:
        if value := getattr(exercise, key):
            doc[key] = value
    if exercise.picture is not None:
        doc["picture"] = _picture_document(exercise.picture)
    return doc


def _picture_document(picture: Picture) -> dict[str, Any]:
    """The picture table, after the exercise's other keys; each joint an inline [x, y]."""
    doc: dict[str, Any] = {"description": picture.description}
    if picture.ground is not Ground.FLOOR:
        doc["ground"] = picture.ground.value
    if picture.props:
        doc["props"] = _props_document(picture.props)
    _poses_document(doc, picture.held, picture.start)
    if (second := picture.second) is not None:
        view: dict[str, Any] = {"description": second.description}
        if second.props:
            view["props"] = _props_document(second.props)
        doc[second.view.value] = _poses_document(view, second.held, second.start)
    return doc


def _poses_document(doc: dict[str, Any], held: Pose, start: Pose | None) -> dict[str, Any]:
    doc["held"] = {joint: list(xy) for joint, xy in held.joints.items()}
    if start is not None:
        doc["start"] = {joint: list(xy) for joint, xy in start.joints.items()}
    return doc


def _props_document(props: tuple[Prop, ...]) -> list[dict[str, Any]]:
    """Each prop as an inline table: `{kind = "towel", between = ["near_hand", "far_hand"]}`."""
    docs: list[dict[str, Any]] = []
    for prop in props:
        doc: dict[str, Any] = {"kind": prop.kind.value}
        if prop.between is not None:
            doc["between"] = list(prop.between)
        if prop.at is not None:
            doc["at"] = list(prop.at)
        docs.append(doc)
    return docs


def dumps(routine: Routine) -> str:
    """The routine as TOML text that `loads` reads back to an equal routine."""
    import tomli_w  # only writing needs it

    text = tomli_w.dumps(to_document(routine), multiline_strings=False)
    return _POINT.sub(r"\1 = [\2, \3]", text) if "[exercise.picture" in text else text


def fingerprint(routine: Routine) -> str:
    """A short hash of what the routine asks for, whatever its comments or layout."""
    import hashlib  # only a session needs it, and `lowback validate` runs none

    return hashlib.sha256(dumps(routine).encode()).hexdigest()[:16]
