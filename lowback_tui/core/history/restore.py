"""`lowback import`: a `lowback export --format json` file read back, checked whole before
anything is written, and the sessions in it that the history does not have yet.

Reading and checking are pure functions here (`read`, `parse`, `placed`); the one write, a
single transaction, is `HistoryStore.restore`. A file that is not such an export is BadExport,
whose message names the first thing wrong in it (`sessions[3].pain_before is not ...`) and
never the value found there (it may be a pain rating).

What an export holds is what this can restore: each session's number, day, start and end,
routine name, pain before and after, how it ended and its time, and each exercise's position,
id, name, outcome, efforts and active time. What it does not hold is kept as "not known", as
the history keeps it for a session made before lowback stored it: the routine's hash (""), the
exercise a session stopped at, its planned time (its share of a day is then counted by its
efforts), and the reps of each exercise (0: no "one more rep" is offered on imported sessions).
Raised targets, answers to "one more rep?" and the courses are not in an export at all.

An export holds the activities the person named for each course that has some (its
`"activities"`, absent from an export of none and from one made before lowback kept them): the
course's first day, each activity's place, name and ratings (week, day, 0-10). They come back
onto the course of the history that began on that day, when it has none of its own
(`HistoryStore.restore`); a file without them imports as before.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from lowback_tui.core.files import read_regular
from lowback_tui.core.history.checks import (
    ACTIVITY,
    ACTIVITY_PLACES,
    ACTIVITY_RATING,
    COURSE,
    EXERCISE,
    SESSION,
    BadRow,
    Column,
    check,
)
from lowback_tui.core.history.rows import (
    ACTIVITIES_FIELDS,
    ACTIVITY_FIELDS,
    EXERCISE_FIELDS,
    RATING_FIELDS,
    SESSION_FIELDS,
)

MAX_BYTES = 128 * 1024 * 1024
"""The largest file read: an export of 3,650 sessions of the bundled routine (ten years, one a
day) is about 6 MB, so this is some 200 years of daily sessions, and parsing it stays within a
few GB of memory."""
FORMAT = 1
"""The export's `"lowback_history"`: the only shape of export there is yet (its `"activities"`
are optional: a file from before lowback kept them has none, and reads the same)."""
KEYS = frozenset({"lowback_history", "sessions"})
"""What an export always holds; `"activities"` besides, when a course named some."""
ID_RANGE = (-(2**63), 2**63 - 1)
"""A session's number: any SQLite integer (a hand edit may have made one below 1)."""

_BY_NAME = {c.name: c for c in (*SESSION, *EXERCISE)}
_SESSION_COLUMNS = tuple(
    _BY_NAME["routine_name" if field == "routine" else field] for field in SESSION_FIELDS[1:]
)
"""The checks of an exported session's fields after its number, in SESSION_FIELDS' order."""
_EXERCISE_COLUMNS = tuple(_BY_NAME[field] for field in EXERCISE_FIELDS)
_FLAGS = frozenset({"stopped_for_pain", "ended_early"})
"""Exported as JSON true and false, kept as 1 and 0."""


class BadExport(ValueError):
    """The file is not a lowback JSON export; the message says what is wrong, in one line."""


@dataclass(frozen=True)
class ImportedSession:
    """One session of an export, checked as the history checks a row it reads."""

    id: int
    values: tuple[Any, ...]
    """routine_name, started_at, day, ended_at, elapsed_seconds, pain_before, pain_after,
    stopped_for_pain, ended_early: its row of the sessions table, flags as 0 or 1."""
    exercises: tuple[tuple[Any, ...], ...]
    """(position, exercise_id, name, outcome, efforts_done, efforts_planned, active_seconds)."""

    @property
    def key(self) -> tuple[str, str]:
        """What makes it the same session as one in the history: its start, to the second, and
        its routine's name (`placed`)."""
        return (self.values[1], self.values[0])

    @property
    def day(self) -> str:
        return str(self.values[2])


@dataclass(frozen=True)
class ImportedActivities:
    """The activities of one course of an export, checked as the history checks its rows."""

    started_on: str
    """The course's first day (YYYY-MM-DD): they come back onto the course begun that day."""
    names: tuple[tuple[int, str], ...]
    """(place, name) of each activity."""
    ratings: tuple[tuple[int, int, str, int], ...]
    """(place, week, day, rating) of each rating."""


class Restored(NamedTuple):
    """What an import did (`HistoryStore.restore`)."""

    added: int
    there: int
    """Sessions added, and those the history had already."""
    activities_added: int = 0
    activities_there: int = 0
    """Activities (with their ratings) put onto a course, and those it had already."""
    activities_left: int = 0
    """Activities not restored: no course of the history began on their course's first day,
    or it has activities of its own."""


@dataclass(frozen=True)
class Export:
    """What an export holds that can be restored."""

    sessions: list[ImportedSession]
    activities: list[ImportedActivities]


def read(path: Path) -> Export:
    """The sessions and activities of the export at `path`: BadExport when it is not one,
    OSError (files.Refused for one too big, a folder, a pipe) when it cannot be read."""
    return parse_export(read_regular(path, MAX_BYTES, "lowback export"))


def parse(data: bytes) -> list[ImportedSession]:
    """The sessions of an export's bytes (`parse_export`)."""
    return parse_export(data).sessions


def parse_export(data: bytes) -> Export:
    """The sessions and activities of an export's bytes, every value checked; BadExport for the
    first thing that is not what `lowback export --format json` writes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadExport(f"is not UTF-8 text (byte {error.start})") from None
    try:
        document = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_repeats)
    except (ValueError, RecursionError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise BadExport(f"is not JSON{where}: is it a `lowback export --format json`?") from None
    if not isinstance(document, dict) or not KEYS <= set(document) <= {*KEYS, "activities"}:
        raise BadExport("is not a `lowback export --format json`")
    version = document["lowback_history"]
    if version.__class__ is not int or version != FORMAT:
        raise BadExport(f'has "lowback_history" other than {FORMAT}: from another lowback?')
    listed = document["sessions"]
    if not isinstance(listed, list):
        raise BadExport('has "sessions" that are not a list')
    sessions = [_session(at, item) for at, item in enumerate(listed)]
    first: dict[int, int] = {}
    for at, session in enumerate(sessions):
        before = first.setdefault(session.id, at)
        if before != at:
            raise BadExport(f"sessions[{at}].session is the number of sessions[{before}] too")
    courses = document.get("activities", [])
    if not isinstance(courses, list):
        raise BadExport('has "activities" that are not a list')
    activities = [_activities(f"activities[{at}]", item) for at, item in enumerate(courses)]
    return Export(sessions, activities)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON has")


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise ValueError("a name is repeated in an object")
    return found


def _session(at: int, item: object) -> ImportedSession:
    where = f"sessions[{at}]"
    fields = (*SESSION_FIELDS, "exercises")
    _fields(where, item, fields)
    assert isinstance(item, dict)
    number = item["session"]
    if number.__class__ is not int or not ID_RANGE[0] <= number <= ID_RANGE[1]:
        raise BadExport(f"{where}.session is not a session number")
    values = tuple(
        _flag(item[f]) if f in _FLAGS else item[f] for f in SESSION_FIELDS[1:]
    )  # the day, start, ... in SESSION_FIELDS' order
    _checked(where, SESSION_FIELDS[1:], _SESSION_COLUMNS, values)
    by_name = dict(zip(SESSION_FIELDS[1:], values, strict=True))
    row = tuple(by_name[f] for f in _ROW_FIELDS)
    listed = item["exercises"]
    if not isinstance(listed, list):
        raise BadExport(f"{where}.exercises is not a list")
    exercises = tuple(_exercise(f"{where}.exercises[{n}]", e) for n, e in enumerate(listed))
    positions: set[int] = set()
    for n, exercise in enumerate(exercises):
        if exercise[0] in positions:
            raise BadExport(f"{where}.exercises[{n}].position is another exercise's too")
        positions.add(exercise[0])
    return ImportedSession(number, row, exercises)


_ROW_FIELDS = (
    "routine", "started_at", "day", "ended_at", "elapsed_seconds", "pain_before", "pain_after",
    "stopped_for_pain", "ended_early",
)  # fmt: skip
"""An ImportedSession's `values`, as `HistoryStore.restore` inserts them."""


def _exercise(where: str, item: object) -> tuple[Any, ...]:
    _fields(where, item, EXERCISE_FIELDS)
    assert isinstance(item, dict)
    values = tuple(item[f] for f in EXERCISE_FIELDS)
    _checked(where, EXERCISE_FIELDS, _EXERCISE_COLUMNS, values)
    return values


def _activities(where: str, item: object) -> ImportedActivities:
    """A course's activities: its first day, then 1 to ACTIVITY_PLACES activities, each at a
    place of its own with its ratings, one a week, each checked as the history's rows are."""
    _fields(where, item, ACTIVITIES_FIELDS)
    assert isinstance(item, dict)
    started_on = item[ACTIVITIES_FIELDS[0]]
    _checked(where, ACTIVITIES_FIELDS[:1], COURSE[:1], (started_on,))
    listed = item[ACTIVITIES_FIELDS[1]]
    if not isinstance(listed, list) or not 1 <= len(listed) <= ACTIVITY_PLACES:
        raise BadExport(f"{where}.activities is not a list of 1 to {ACTIVITY_PLACES} activities")
    names: list[tuple[int, str]] = []
    ratings: list[tuple[int, int, str, int]] = []
    for n, activity in enumerate(listed):
        at = f"{where}.activities[{n}]"
        _fields(at, activity, ACTIVITY_FIELDS)
        assert isinstance(activity, dict)
        place, name, given = (activity[f] for f in ACTIVITY_FIELDS)
        _checked(at, ACTIVITY_FIELDS[:2], ACTIVITY[1:], (place, name))
        if any(place == other for other, _ in names):
            raise BadExport(f"{at}.place is another activity's too")
        names.append((place, name))
        if not isinstance(given, list):
            raise BadExport(f"{at}.ratings is not a list")
        weeks: set[int] = set()
        for k, rating in enumerate(given):
            _fields(f"{at}.ratings[{k}]", rating, RATING_FIELDS)
            assert isinstance(rating, dict)
            values = tuple(rating[f] for f in RATING_FIELDS)
            _checked(f"{at}.ratings[{k}]", RATING_FIELDS, ACTIVITY_RATING[2:], values)
            if values[0] in weeks:
                raise BadExport(f"{at}.ratings[{k}].week is another rating's too")
            weeks.add(values[0])
            ratings.append((place, *values))
    return ImportedActivities(started_on, tuple(names), tuple(ratings))


def _fields(where: str, item: object, fields: Sequence[str]) -> None:
    if not isinstance(item, dict):
        raise BadExport(f"{where} is not an object")
    missing = [f for f in fields if f not in item]
    if missing:
        raise BadExport(f"{where} has no {missing[0]}")
    extra = [f for f in item if f not in fields]
    if extra:
        raise BadExport(f"{where} has a field an export does not: {extra[0]!r}")


def _flag(value: object) -> object:
    return int(value) if isinstance(value, bool) else None  # None: fails the flag's check


def _checked(
    where: str, fields: Sequence[str], columns: tuple[Column, ...], values: tuple[Any, ...]
) -> None:
    """The history's own checks (`history_checks.check`) of each value, and text that SQLite
    can keep (a lone surrogate, which JSON can write as \\ud800, cannot be)."""
    try:
        check(columns, values)
    except BadRow as error:
        field = fields[[c.name for c in columns].index(error.column)]
        column = columns[fields.index(field)]
        raise BadExport(f"{where}.{field} {_wanted(column)}") from None
    for field, value in zip(fields, values, strict=True):
        if isinstance(value, str) and not _encodable(value):
            raise BadExport(f"{where}.{field} holds a lone surrogate, which is no character")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _wanted(column: Column) -> str:
    """What a value of `column` must be, in words; never the value found (it may be a pain)."""
    low, high = f"{column.low:g}", f"{column.high:g}"
    wanted = {
        "text": "text",
        "day": "a date (YYYY-MM-DD) from 1900 to 9000",
        "moment": "a time (YYYY-MM-DDTHH:MM:SS)",
        "int": f"a whole number from {low} to {high}",
        "real": f"a number from {low} to {high}",
        "flag": "true or false",
        "outcome": "done, partial, skipped or not reached",
    }[column.kind]
    return f"is not {wanted}{' or null' if column.null else ''}"


def placed(
    sessions: Iterable[ImportedSession],
    there: Counter[tuple[str, str]],
    taken: set[int],
) -> tuple[list[tuple[int, ImportedSession]], int]:
    """The sessions to add, each with the number it gets, and how many were there already.

    A session is there already when the history has one with its start (to the second) and its
    routine (`ImportedSession.key`): an export has no other mark that stays the same from one
    history to another (numbers are given in the order sessions are kept, so a history begun
    afresh numbers them again from 1), and no two sessions of one routine start in the same
    second unless one of them was left at once. Where the file has more sessions with one key
    than the history, the others are added: importing the same file twice adds nothing the
    second time, and an export holding two such sessions gives back both.

    A session keeps its number when the history has no session of that number (`taken`), so
    that an export imported into an empty history exports again the same, byte for byte; the
    others are numbered after every session there, in the file's order.
    """
    left = Counter(there)
    adding: list[ImportedSession] = []
    skipped = 0
    for session in sessions:
        if left[session.key] > 0:
            left[session.key] -= 1
            skipped += 1
        else:
            adding.append(session)
    kept = set(taken)
    numbers: list[int | None] = []
    for session in adding:
        free = session.id not in kept
        numbers.append(session.id if free else None)
        kept.add(session.id)
    after = max(kept, default=0)
    found = []
    for number, session in zip(numbers, adding, strict=True):
        if number is None:
            after += 1
            number = after
        found.append((number, session))
    return found, skipped
