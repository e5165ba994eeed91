"""The history as text: a table for people, CSV and JSON for other programs.

`session_table` and `export` are what the front ends ask for; they read the store themselves.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lowback_tui.core.history.activity_rows import CourseActivities
from lowback_tui.core.history.rows import (
    ACTIVITIES_FIELDS,
    ACTIVITY_FIELDS,
    EXERCISE_FIELDS,
    RATING_FIELDS,
    SESSION_FIELDS,
    SessionRow,
)
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.safe_text import spreadsheet_cell, visible
from lowback_tui.core.wording import long_duration, plural


def note(row: SessionRow) -> str:
    """How a session ended, when it did not simply finish."""
    if row.ended_at is None:
        return "not finished"
    if row.stopped_for_pain:
        return "stopped: it hurt"
    return "ended early" if row.ended_early else ""


ROUTINE_WIDTH = 15
"""Characters of a routine's name in the table, so that a row fits 80 columns."""


def _clipped(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: list[SessionRow]) -> str:
    """Every session, a line each, newest first, each line at most 80 characters."""
    if not rows:
        return "No sessions yet."
    width = routine_width(r.routine_name for r in rows)
    lines = [header(width), *(line(r, width) for r in reversed(rows))]
    lines.append(footer(len(rows), sum(r.active_seconds for r in rows)))
    return "\n".join(lines)


def routine_width(names: Iterable[str]) -> int:
    """The routine column's width for these routines' names (as shown: `visible`): at least
    as wide as its header, so a short name ("Tiny") keeps the columns under theirs."""
    return min(ROUTINE_WIDTH, max(len("routine"), *(len(visible(name)) for name in names)))


def header(width: int) -> str:
    """The table's first line, its routine column `width` wide."""
    return (f"{'date':10}  {'time':5}  {'routine':{width}}  {'done':5}  {'active':10}  "
            f"{'pain':7}  note")  # fmt: skip


def line(r: SessionRow, width: int) -> str:
    """A session's line of the table."""
    pain = "" if r.pain_before is None and r.pain_after is None else (
        f"{'–' if r.pain_before is None else r.pain_before} → "
        f"{'–' if r.pain_after is None else r.pain_after}"
    )  # fmt: skip
    done = f"{r.done}/{r.done + r.partial + r.skipped + r.not_reached}"
    name = visible(r.routine_name)  # a name came from a routine's file
    return (
        f"{r.day.isoformat():10}  {r.started_at[11:16]:5}  "
        f"{_clipped(name, width):{width}}  {done:5}  "
        f"{long_duration(r.active_seconds):10}  {pain:7}  {note(r)}".rstrip()
    )


def footer(count: int, active: float) -> str:
    """The table's last line: how many sessions, and the time spent exercising in them."""
    return f"{plural(count, 'session')}, {long_duration(active)} of exercise"


def _session(row: SessionRow) -> dict[str, Any]:
    return dict(zip(SESSION_FIELDS, (
        row.id, row.day.isoformat(), row.started_at, row.ended_at, row.routine_name,
        row.pain_before, row.pain_after, row.stopped_for_pain, row.ended_early,
        row.elapsed_seconds,
    ), strict=True))  # fmt: skip


Exercises = dict[int, list[tuple[Any, ...]]]
Page = tuple[list[SessionRow], Exercises]
"""Sessions, oldest first, with their exercise results by session (`HistoryReads.session_pages`)."""


def as_json(
    rows: list[SessionRow], exercises: Exercises, activities: Iterable[CourseActivities] = ()
) -> str:
    """Every session with its exercises, as one JSON document."""
    return "".join(json_text([(rows, exercises)], activities))


def activities_json(found: CourseActivities) -> dict[str, Any]:
    """A course's activities as an export holds them (`restore` reads them back): the course's
    first day, and each activity's place, name and ratings (week, the day given, 0-10)."""
    return {
        ACTIVITIES_FIELDS[0]: found.started_on.isoformat(),
        ACTIVITIES_FIELDS[1]: [
            dict(zip(ACTIVITY_FIELDS, (place, name, [
                dict(zip(RATING_FIELDS, (r.week, r.day.isoformat(), r.rating), strict=True))
                for r in found.ratings if r.position == place
            ]), strict=True))
            for place, name in sorted(found.names.items())
        ],
    }  # fmt: skip


def json_text(pages: Iterable[Page], activities: Iterable[CourseActivities] = ()) -> Iterator[str]:
    """The JSON document of every session with its exercises, a piece per page, then the
    activities of every course that named some (no `"activities"` when none did, so an export
    without them is as it was before lowback kept them): the same text, byte for byte, as
    `json.dumps` of the whole document with indent=2 (each session is dumped on its own and
    indented two levels; no line break can be inside a JSON string)."""
    yield '{\n  "lowback_history": 1,\n  "sessions": ['
    then = "\n"
    for rows, exercises in pages:
        pieces = []
        for row in rows:
            session = {**_session(row), "exercises": [
                dict(zip(EXERCISE_FIELDS, e, strict=True)) for e in exercises.get(row.id, [])
            ]}  # fmt: skip
            text = json.dumps(session, indent=2, ensure_ascii=False)
            pieces.append(then + "    " + text.replace("\n", "\n    "))
            then = ",\n"
        yield _json_safe("".join(pieces))
    yield "]" if then == "\n" else "\n  ]"
    courses = [activities_json(found) for found in activities]
    if courses:
        text = json.dumps(courses, indent=2, ensure_ascii=False)
        yield _json_safe(',\n  "activities": ' + text.replace("\n", "\n  "))
    yield "\n}\n"


def _json_safe(text: str) -> str:
    # json.dumps escapes C0 controls but, keeping other characters as they are, not DEL, C1
    # controls (U+009B starts a CSI) or bidi marks; outside a string none can occur, so each
    # becomes its \u escape: the same JSON, safe on a terminal.
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def as_csv(rows: list[SessionRow], exercises: Exercises) -> str:
    """Every session's exercises as CSV (`csv_text`), in one piece."""
    return "".join(csv_text([(rows, exercises)]))


def csv_text(pages: Iterable[Page]) -> Iterator[str]:
    """One line per exercise of every session (a session with none gets one line of its own),
    a piece per page; no cell starts a formula (a routine named `=HYPERLINK(…)` stays text in a
    spreadsheet)."""
    lines = _Lines()
    # The writer quotes a cell holding any character of its line terminator; with "\n" alone a
    # carriage return in a name went out unquoted and split the row in two for every reader.
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow(SESSION_FIELDS + EXERCISE_FIELDS)
    for rows, exercises in pages:
        for row in rows:
            fields = list(_session(row).values())
            for exercise in exercises.get(row.id) or [("",) * len(EXERCISE_FIELDS)]:
                writer.writerow([spreadsheet_cell(cell) for cell in fields + list(exercise)])
        yield "".join(line + "\n" for line in lines)
        lines.clear()
    yield "".join(line + "\n" for line in lines)  # the header, when there was no page


class _Lines(list[str]):
    """Each row the CSV writer writes, without its "\r\n" (lowback's files end lines in "\n")."""

    def write(self, line: str) -> None:
        self.append(line.removesuffix("\r\n"))


def session_table(store: HistoryStore | None) -> str:
    """Every stored session, a line each, oldest first ("No sessions yet." for none), and a
    last line saying how many rows could not be read and are left out, if any were."""
    text = table(store.sessions() if store else [])
    notice = store.unreadable_notice if store else None
    return f"{text}\n{notice}" if notice else text


def export(store: HistoryStore | None, format: str) -> str:
    """Every stored session and exercise as "csv" or "json", for other programs, in one piece."""
    return "".join(export_text(store, format))


def export_text(store: HistoryStore | None, format: str) -> Iterator[str]:
    """`export` a piece at a time, reading the history a page of sessions at a time
    (`HistoryReads.session_pages`): what is held at once does not grow with the history."""
    pages = store.session_pages() if store else iter(())
    if format != "json":
        return csv_text(pages)
    return json_text(pages, _every_course_activities(store) if store else ())


def _every_course_activities(store: HistoryStore) -> Iterator[CourseActivities]:
    """The activities of every course, read once the sessions are out (when first asked)."""
    yield from store.every_course_activities()
