"""The history's limits on the activity tables (history/checks.py, and migration 5's CHECKs) agree
with the activity rules' (course/activities.py): the history applies no course rule, so each
number is written in both places, and changing one without the other fails here."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from lowback_tui.core.course.activities import (
    MAX_ACTIVITIES,
    NAME_LENGTH,
    RATING_RANGE,
    clean_name,
    course_week,
    problem,
)
from lowback_tui.core.history.checks import (
    ACTIVITY,
    ACTIVITY_PLACES,
    ACTIVITY_RATING,
    ACTIVITY_RATING_RANGE,
    DAY_RANGE,
    MOST_WEEKS,
    BadRow,
    Column,
    check,
)
from lowback_tui.core.history.store import HistoryStore


def column(columns: tuple[Column, ...], name: str) -> tuple[float, float]:
    (found,) = [c for c in columns if c.name == name]
    return (found.low, found.high)


def test_places_are_the_methods_three() -> None:
    assert ACTIVITY_PLACES == MAX_ACTIVITIES
    assert column(ACTIVITY, "position") == (0, MAX_ACTIVITIES - 1)
    assert column(ACTIVITY_RATING, "position") == (0, MAX_ACTIVITIES - 1)
    assert problem([str(n) for n in range(MAX_ACTIVITIES)], [1] * MAX_ACTIVITIES) is None
    assert problem([str(n) for n in range(MAX_ACTIVITIES + 1)], [1] * (MAX_ACTIVITIES + 1))


def test_ratings_are_0_to_10_in_both() -> None:
    assert ACTIVITY_RATING_RANGE == RATING_RANGE
    assert column(ACTIVITY_RATING, "rating") == RATING_RANGE


def test_every_week_a_course_can_have_is_one_the_history_reads() -> None:
    low, high = column(ACTIVITY_RATING, "week")
    assert low == 1 == course_week(DAY_RANGE[0], DAY_RANGE[0])  # the first day is week 1
    assert high == MOST_WEEKS >= course_week(DAY_RANGE[0], DAY_RANGE[1])


def test_a_name_as_long_as_lowback_keeps_one_is_read() -> None:
    longest = clean_name("x" * (NAME_LENGTH + 20))
    assert len(longest) == NAME_LENGTH
    assert check(ACTIVITY, (1, 0, longest)) == (1, 0, longest)
    with pytest.raises(BadRow):
        check(ACTIVITY, (1, 0, None))


def _store(path: Path) -> tuple[HistoryStore, sqlite3.Connection, int]:
    store = HistoryStore.open(path)
    assert store._db is not None
    course = store._db.execute(
        "INSERT INTO courses (started_on, days) VALUES ('2026-11-02', 21)"
    ).lastrowid
    assert course is not None
    return store, store._db, course


def test_the_schemas_checks_keep_the_same_edges(tmp_path: Path) -> None:
    _, db, course = _store(tmp_path / "h.db")
    low, high = RATING_RANGE
    last = MAX_ACTIVITIES - 1
    db.execute("INSERT INTO activities VALUES (?, ?, ?)", (course, last, "x" * NAME_LENGTH))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO activities VALUES (?, ?, 'y')", (course, MAX_ACTIVITIES))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO activities VALUES (?, -1, 'y')", (course,))
    rate = "INSERT INTO activity_ratings VALUES (?, ?, ?, '2026-11-02', ?)"
    db.execute(rate, (course, last, 1, low))
    db.execute(rate, (course, last, 2, high))
    for week, rating in ((3, high + 1), (4, low - 1), (0, low)):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(rate, (course, last, week, rating))


def test_the_reads_keep_the_edges_and_leave_out_what_is_past_them(tmp_path: Path) -> None:
    store, db, course = _store(tmp_path / "h.db")
    low, high = RATING_RANGE
    last = MAX_ACTIVITIES - 1
    db.execute("INSERT INTO activities VALUES (?, 0, 'socks')", (course,))
    db.execute("INSERT INTO activities VALUES (?, ?, 'stairs')", (course, last))
    rate = "INSERT INTO activity_ratings VALUES (?, ?, ?, ?, ?)"
    db.execute(rate, (course, 0, 1, "2026-11-02", low))
    db.execute(rate, (course, last, 1, "2026-11-02", high))
    db.execute("PRAGMA ignore_check_constraints = ON")  # a hand edit past the schema's CHECKs
    db.execute("INSERT INTO activities VALUES (?, ?, 'past')", (course, MAX_ACTIVITIES))
    db.execute(rate, (course, 0, 2, "2026-11-09", high + 1))
    db.execute(rate, (course, 0, 0, "2026-11-01", low))
    db.execute(rate, (course, last, 3, "2026-11-16", low - 1))
    db.execute("PRAGMA ignore_check_constraints = OFF")
    found = store.course_activities(course)
    assert found is not None
    assert found.names == {0: "socks", last: "stairs"}
    assert sorted((r.position, r.week, r.rating) for r in found.ratings) == [
        (0, 1, low), (last, 1, high),
    ]  # fmt: skip
    assert found.started_on == date(2026, 11, 2)
    db.commit()
    store.close()
    again = HistoryStore.open(tmp_path / "h.db")  # counted once, on opening: the SQL twin agrees
    assert (again.unreadable["activity name"], again.unreadable["activity rating"]) == (1, 3)
