"""The history's SQLite file: where it is, its schema and migrations, opening it safely.

A file written by a newer lowback is left as it is; a damaged one is moved aside, never lost.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from lowback_tui.core import dirs

MIGRATIONS = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_name TEXT NOT NULL,
        routine_hash TEXT NOT NULL,
        started_at TEXT NOT NULL,
        day TEXT NOT NULL,
        ended_at TEXT,
        elapsed_seconds REAL,
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        stopped_for_pain INTEGER NOT NULL DEFAULT 0,
        ended_early INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_by_day ON sessions (day);
    CREATE INDEX sessions_by_routine ON sessions (routine_name, id);
    CREATE TABLE exercises (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        name TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('done', 'partial', 'skipped')),
        efforts_done INTEGER NOT NULL,
        efforts_planned INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        active_seconds REAL NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    CREATE TABLE courses (id INTEGER PRIMARY KEY, started_on TEXT NOT NULL);
    CREATE TABLE targets (
        routine_name TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        reps INTEGER NOT NULL,
        PRIMARY KEY (routine_name, exercise_id)
    );
    CREATE TABLE offers (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        exercise_id TEXT NOT NULL,
        reps INTEGER NOT NULL,
        accepted INTEGER NOT NULL,
        PRIMARY KEY (session_id, exercise_id)
    );
    """,
    # 2: the exercise (0-based) a session was on when it ended early or was stopped for pain:
    # where a resumed session carries on, and which exercise hurt.
    "ALTER TABLE sessions ADD COLUMN stopped_at INTEGER",
]
"""Schema changes in order; the file's user_version says how many have been applied."""


def history_path() -> Path:
    """Where the history lives."""
    return dirs.data_dir() / "history.db"


class NewerSchema(sqlite3.DatabaseError):
    """A history written by a newer lowback: not damaged, just not ours to change."""


def connect(path: Path) -> sqlite3.Connection:
    """Open, check and migrate the file; sqlite3.DatabaseError if it is damaged."""
    fresh = not path.exists()
    if fresh:
        path.touch(mode=0o600)
    os.chmod(path, 0o600)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    try:
        (verdict,) = db.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {verdict}")
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version > len(MIGRATIONS):  # before changing anything in it
            raise NewerSchema(
                f"schema {version} is from a newer lowback; the file is left as it is"
            )
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")  # a finished exercise survives a power cut too
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db)
    except sqlite3.Error:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection) -> None:
    (version,) = db.execute("PRAGMA user_version").fetchone()
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")


def move_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged history (and its WAL files) out of the way; the new name."""
    aside = path.with_name(f"{path.name}.corrupt-{when.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(Path(f"{aside}{suffix}"))
    return aside
