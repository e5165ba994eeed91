"""The activities the person named for a course and their ratings (history migration 5), kept and
read back. Private like the pain ratings: no value of them is ever logged (a row left out is
logged by its kind and column only, `checks.unreadable`).

`HistoryStore` is one of these: its methods read through `checks` (ACTIVITY, ACTIVITY_RATING),
a row a hand edit made unreadable left out, and write in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from lowback_tui.core.history.checks import (
    ACTIVITY,
    ACTIVITY_PLACES,
    ACTIVITY_RATING,
    GOOD_ACTIVITY,
    GOOD_ACTIVITY_RATING,
    GOOD_COURSE,
    check,
)
from lowback_tui.core.history.restore import ImportedActivities


@dataclass(frozen=True)
class Rating:
    """One rating of an activity: its place (0-2), the course week, the day it was given."""

    position: int
    week: int
    day: date
    rating: int


@dataclass(frozen=True)
class CourseActivities:
    """A course's activities: the names by place (0-2), and every rating of them."""

    course_id: int
    started_on: date
    names: dict[int, str] = field(default_factory=dict)
    ratings: tuple[Rating, ...] = ()


def _rating(row: Any) -> Rating:
    _, position, week, day, value = check(ACTIVITY_RATING, row)
    return Rating(position, week, date.fromisoformat(day), value)


class ActivityRows:
    """The reads and writes of activities, on the store's connection (a mixin of HistoryStore)."""

    read: Callable[..., list[Any]]
    _rows: Callable[[str, list[Any], Callable[[Any], Any]], list[Any]]
    _write_together: Callable[..., int | None]

    def course_activities(self, course_id: int | None = None) -> CourseActivities | None:
        """The activities of the course `course_id` (the latest course by default); None when
        there is no course, or it cannot be read."""
        where = "c.id = ?" if course_id is not None else "c.id = (SELECT MAX(id) FROM courses)"
        found = self.read(
            f"SELECT c.id, c.started_on FROM courses c WHERE {where} AND {GOOD_COURSE}",
            (course_id,) if course_id is not None else (),
        )
        if not found:
            return None
        course, started = found[0]
        return self._activities(course, date.fromisoformat(started))

    def _activities(self, course: int, started: date) -> CourseActivities:
        names = self._rows(
            "activity name",
            self.read(
                "SELECT a.course_id, a.position, a.name FROM activities a"
                f" WHERE a.course_id = ? AND {GOOD_ACTIVITY} ORDER BY a.position",
                (course,),
            ),
            partial(check, ACTIVITY),
        )
        ratings = self._rows(
            "activity rating",
            self.read(
                "SELECT r.course_id, r.position, r.week, r.day, r.rating FROM activity_ratings r"
                f" WHERE r.course_id = ? AND {GOOD_ACTIVITY_RATING} ORDER BY r.week, r.position",
                (course,),
            ),
            _rating,
        )
        named = {position: name for _, position, name in names}
        kept = tuple(rating for rating in ratings if rating.position in named)
        return CourseActivities(course, started, named, kept)

    def every_course_activities(self) -> list[CourseActivities]:
        """The activities of every course that named some, oldest course first (an export)."""
        courses = self.read(
            "SELECT c.id, c.started_on FROM courses c"
            f" WHERE {GOOD_COURSE} AND EXISTS (SELECT 1 FROM activities a"
            f" WHERE a.course_id = c.id AND {GOOD_ACTIVITY}) ORDER BY c.id"
        )
        return [self._activities(id_, date.fromisoformat(day)) for id_, day in courses]

    def keep_activities(
        self,
        course_id: int,
        names: Sequence[str],
        week: int,
        day: date,
        ratings: Sequence[int | None],
    ) -> None:
        """Keep the course's activities as `names` (in place order; a place past them is emptied,
        with its ratings) and `ratings` of them in `week` (given on `day`; None leaves a rating
        of that week as it was), in one transaction."""
        places = range(min(len(names), ACTIVITY_PLACES))
        writes: list[tuple[str, tuple[object, ...]]] = [
            ("DELETE FROM activity_ratings WHERE course_id = ? AND position >= ?",
             (course_id, len(places))),
            ("DELETE FROM activities WHERE course_id = ? AND position >= ?",
             (course_id, len(places))),
        ]  # fmt: skip
        for at in places:
            writes.append((
                "INSERT INTO activities (course_id, position, name) VALUES (?, ?, ?)"
                " ON CONFLICT (course_id, position) DO UPDATE SET name = excluded.name",
                (course_id, at, names[at]),
            ))  # fmt: skip
            rating = ratings[at] if at < len(ratings) else None
            if rating is not None:
                writes.append((
                    "INSERT OR REPLACE INTO activity_ratings (course_id, position, week, day,"
                    " rating) VALUES (?, ?, ?, ?, ?)",
                    (course_id, at, week, day.isoformat(), rating),
                ))  # fmt: skip
        self._write_together(*writes)


def restore_activities(
    db: sqlite3.Connection, imported: Sequence[ImportedActivities]
) -> tuple[int, int, int]:
    """Put each course's activities of an export onto the history's course begun the same day
    (the latest such), inside the transaction `HistoryStore.restore` holds: when that course has
    no activities of its own. (added, there already, left out), counted in activities."""
    added = there = left = 0
    for course in imported:
        found = db.execute(
            f"SELECT c.id FROM courses c WHERE c.started_on = ? AND {GOOD_COURSE}"
            " ORDER BY c.id DESC LIMIT 1",
            (course.started_on,),
        ).fetchone()
        if found is None:
            left += len(course.names)
            continue
        course_id = found[0]
        names = set(db.execute(
            "SELECT position, name FROM activities WHERE course_id = ?", (course_id,)
        ))  # fmt: skip
        ratings = set(db.execute(
            "SELECT position, week, day, rating FROM activity_ratings WHERE course_id = ?",
            (course_id,),
        ))  # fmt: skip
        if not names:
            db.executemany(
                "INSERT INTO activities (course_id, position, name) VALUES (?, ?, ?)",
                ((course_id, *name) for name in course.names),
            )
            db.executemany(
                "INSERT INTO activity_ratings (course_id, position, week, day, rating)"
                " VALUES (?, ?, ?, ?, ?)",
                ((course_id, *rating) for rating in course.ratings),
            )
            added += len(course.names)
        elif names == set(course.names) and ratings == set(course.ratings):
            there += len(course.names)
        else:
            left += len(course.names)
    return added, there, left
