"""History migration 3 (issue 21): a session keeps its plan, a course its length, and an exercise
may be 'not reached'. A version-2 file is upgraded with every row kept, and read the old way."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from lowback_tui.core.course import rules as course
from lowback_tui.core.history import file as history_file
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer

NOW = datetime(2026, 11, 10, 8, 0)
TABLES = ("sessions", "exercises", "courses", "targets", "offers")


def version_2(path: Path) -> None:
    """A history as lowback wrote it before migration 3, with a row in every table."""
    db = sqlite3.connect(path)
    for script in history_file.MIGRATIONS[:2]:
        db.executescript(script)
    db.executescript(
        """
        PRAGMA user_version = 2;
        INSERT INTO courses (started_on) VALUES ('2026-10-01');
        INSERT INTO courses (started_on) VALUES ('2026-11-02');
        INSERT INTO sessions (routine_name, routine_hash, started_at, day, ended_at,
            elapsed_seconds, pain_before, pain_after, stopped_for_pain, ended_early, stopped_at)
            VALUES ('Strengthen your lower back', 'h1', '2026-11-02T08:00:00', '2026-11-02',
            '2026-11-02T08:10:00', 600, 6, 5, 0, 0, NULL);
        INSERT INTO sessions (routine_name, routine_hash, started_at, day, ended_at,
            elapsed_seconds, pain_before, pain_after, stopped_for_pain, ended_early, stopped_at)
            VALUES ('Gentle start', 'h2', '2026-11-03T08:00:00', '2026-11-03',
            '2026-11-03T08:02:00', 120, 7, NULL, 1, 1, 1);
        INSERT INTO exercises VALUES (1, 0, 'knee', 'Knee to chest', 'done', 10, 10, 5, 50.0);
        INSERT INTO exercises VALUES (1, 1, 'superman', 'Lift', 'partial', 2, 6, 3, 10.0);
        INSERT INTO exercises VALUES (2, 0, 'knee', 'Knee to chest', 'done', 6, 6, 3, 30.0);
        INSERT INTO exercises VALUES (2, 1, 'superman', 'Lift', 'skipped', 0, 6, 0, 0.0);
        INSERT INTO targets VALUES ('Strengthen your lower back', 'knee', 6);
        INSERT INTO offers VALUES (1, 'knee', 6, 1);
        """
    )
    db.close()


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    try:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                for table in TABLES}  # fmt: skip
    finally:
        db.close()


def test_a_version_2_history_is_upgraded_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    version_2(path)
    before = rows(path)
    store = HistoryStore.open(path, now=lambda: NOW)
    assert store.saving and store.notice is None
    after = rows(path)
    assert after["sessions"] == [(*row, None) for row in before["sessions"]]  # planned_seconds
    assert after["courses"] == [(*row, None) for row in before["courses"]]  # days
    for table in ("exercises", "targets", "offers"):
        assert after[table] == before[table]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(history_file.MIGRATIONS) == 5
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_the_upgraded_exercises_table_keeps_its_rules(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    version_2(path)
    HistoryStore.open(path, now=lambda: NOW).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("INSERT INTO exercises VALUES (2, 2, 'bike', 'Bike', 'not reached', 0, 1, 0, 0)")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute("INSERT INTO exercises VALUES (2, 3, 'x', 'X', 'bogus', 0, 1, 0, 0)")
    with pytest.raises(sqlite3.IntegrityError, match=r"UNIQUE|PRIMARY"):
        db.execute("INSERT INTO exercises VALUES (2, 2, 'bike', 'Bike', 'done', 0, 1, 0, 0)")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO exercises VALUES (99, 0, 'x', 'X', 'done', 0, 1, 0, 0)")
    db.execute("DELETE FROM sessions WHERE id = 2")  # its exercises go with it
    assert db.execute("SELECT COUNT(*) FROM exercises WHERE session_id = 2").fetchone() == (0,)
    db.close()


def test_an_upgraded_course_is_read_the_old_way(routine: Routine, tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    version_2(path)
    store = HistoryStore.open(path, now=lambda: NOW)
    found = store.course()
    assert found is not None
    assert (found.start, found.days, len(found.sessions)) == (date(2026, 11, 2), None, 2)
    first, second = found.sessions
    assert (first.planned_seconds, first.efforts_done, first.efforts_planned) == (None, 12, 16)
    assert course.share(first) == 0.75 and course.share(second) == 0.5
    trainer = Trainer(routine, now=lambda: NOW, store=store)
    status = trainer.course_status()
    assert status is not None  # its length: the routine in use's, the only thing it can be
    assert (status.day, status.days, status.completed_days) == (9, routine.course_days, 2)


def test_a_new_course_keeps_its_length_and_a_session_its_plan(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: NOW)
    assert store.course() is None
    store.begin("Gentle start", "h", 7, planned_seconds=186.0, course_days=14)
    found = store.course()
    assert found is not None and (found.start, found.days) == (NOW.date(), 14)
    assert found.sessions[0].planned_seconds == 186.0
    store.begin("Strengthen your lower back", "h", 5, planned_seconds=380.0, course_days=21)
    assert store.course() == found._replace(sessions=store.sessions())  # the first one began it
    store.new_course(date(2026, 11, 20), 21)
    assert store.course() == (date(2026, 11, 20), 21, [])
