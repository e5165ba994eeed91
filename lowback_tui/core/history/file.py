"""The history's SQLite file: where it is, its schema and migrations, opening it safely.

A file written by a newer lowback is left as it is; a damaged one is moved aside, never lost.
Damaged means sqlite cannot read it as a whole (not a database, its pages or indexes broken):
one value that is not what its column means (a pain of 99 put in by hand) is no damage, only a
row that is left out when read (`history_rows`). SQLite follows links, so the file is checked
first (lstat, then opened with O_NOFOLLOW) and again once sqlite has it open: a link, or a file
swapped in between, is refused in words. The commands that only read it open it read-only
(`connect(…, read_only=True)`): they never write, and work in a folder that cannot be written.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import partial
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.files import (
    LINK,
    NO_FOLLOW,
    PRIVATE_FILE,
    Refused,
    create_new,
    kind,
    one_line,
)

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
    # 3: what each day is judged against, kept with it, so the course never depends on the
    # routine chosen now (issue 21). A session's planned active time: that of one whole session
    # of the routine it used (NULL before: counted by its efforts instead). A course's planned
    # length: the course_days of the routine that began it (NULL before: the routine in use's).
    # And an exercise the session ended before is 'not reached': SQLite cannot change a CHECK,
    # so the table is made again with it, every row kept (nothing refers to this table).
    """
    ALTER TABLE sessions ADD COLUMN planned_seconds REAL;
    ALTER TABLE courses ADD COLUMN days INTEGER;
    CREATE TABLE exercises_3 (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        name TEXT NOT NULL,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('done', 'partial', 'skipped', 'not reached')),
        efforts_done INTEGER NOT NULL,
        efforts_planned INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        active_seconds REAL NOT NULL,
        PRIMARY KEY (session_id, position)
    );
    INSERT INTO exercises_3 (session_id, position, exercise_id, name, outcome, efforts_done,
        efforts_planned, reps, active_seconds)
        SELECT session_id, position, exercise_id, name, outcome, efforts_done, efforts_planned,
        reps, active_seconds FROM exercises;
    DROP TABLE exercises;
    ALTER TABLE exercises_3 RENAME TO exercises
    """,
    # 4: the days the person chose "Rest today" on a bad day (issue 24): the daily reminder
    # stays quiet on them. A day once, when it was chosen; no pain rating is kept here.
    "CREATE TABLE rest_days (day TEXT PRIMARY KEY, chosen_at TEXT NOT NULL)",
    # 5: activities in the person's own words (issue 25): up to three named for a course, at
    # their place (0-2), and each rating of them, 0-10, in a week of that course (the day it was
    # given kept with it). Private like the pain ratings: never in the log.
    """
    CREATE TABLE activities (
        course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 2),
        name TEXT NOT NULL,
        PRIMARY KEY (course_id, position)
    );
    CREATE TABLE activity_ratings (
        course_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        week INTEGER NOT NULL CHECK (week >= 1),
        day TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
        PRIMARY KEY (course_id, position, week),
        FOREIGN KEY (course_id, position) REFERENCES activities (course_id, position)
            ON DELETE CASCADE
    )
    """,
]
"""Schema changes in order; the file's user_version says how many have been applied."""


def history_path() -> Path:
    """Where the history lives."""
    return dirs.data_dir() / "history.db"


class NewerSchema(sqlite3.DatabaseError):
    """A history written by a newer lowback: not damaged, just not ours to change."""


BUSY_SECONDS = 30.0
"""How long to wait for another lowback holding the file (a first run racing this one)."""
_FILES_BESIDE = ("-wal", "-shm", "-journal")


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open, check and migrate the file, making it (0600) if there is none, taking turns
    (`taking_turns`) with any other lowback opening it at the same moment.

    `read_only`: open an existing file only to read it (sqlite's mode=ro), never writing to it
    or beside it; one of an older schema is brought up to date in a copy in memory.

    sqlite3.DatabaseError if it is damaged, NewerSchema if it is a newer lowback's, OSError
    (`files.Refused`) for a link, a folder or anything but a regular file where it should be,
    and for a file swapped for another while it was being opened. An existing file keeps its
    mode: a read-only history is read, and writing to it fails in sqlite's words.
    """
    if read_only:
        return _connect(path, read_only=True)
    with taking_turns(path):
        return _connect(path)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    for suffix in ("", *_FILES_BESIDE):  # sqlite would follow any of them
        _no_link(Path(f"{path}{suffix}"))
    if not read_only:
        with suppress(FileExistsError):  # O_EXCL: never through a link, nor over another's file
            create_new(path, b"")
    before = _identity(path)
    db = _sqlite(path, "mode=ro" if read_only else "mode=rw")  # never makes a file
    try:
        if _identity(path) != before:
            raise Refused(path, "changed while it was being opened; it is left as it is")
        try:
            version = _checked(db)
        except sqlite3.OperationalError as error:
            if not (read_only and _wal_cannot_be_read(path, error)):
                raise
            db.close()
            db = _sqlite(path, "mode=ro&immutable=1")
            version = _checked(db)
        if read_only:
            return db if version == len(MIGRATIONS) else _migrated_copy(db)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")  # a finished exercise survives a power cut too
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _sqlite(path: Path, query: str) -> sqlite3.Connection:
    db = sqlite3.connect(
        f"{path.absolute().as_uri()}?{query}",
        uri=True,
        check_same_thread=False,
        isolation_level=None,
        timeout=BUSY_SECONDS,
    )
    # Text that is not UTF-8 (put in by hand) is read with U+FFFD for what cannot be decoded,
    # rather than failing the whole query it is in.
    db.text_factory = partial(str, encoding="utf-8", errors="replace")
    return db


def _wal_cannot_be_read(path: Path, error: sqlite3.OperationalError) -> bool:
    """sqlite cannot read a history kept in WAL mode in a folder that cannot be written: it
    would make its index file (-shm) beside it. With no -wal file there, every session is in
    the file itself, and no lowback can write one while the folder stays so: it is read as a
    file that does not change (immutable)."""
    refused = getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_DIRECTORY"
    return refused and not os.path.lexists(f"{path}-wal")


def _checked(db: sqlite3.Connection) -> int:
    """The file's schema version, once sqlite's integrity check finds it whole.

    sqlite3.DatabaseError if it does not; NewerSchema for a newer lowback's. The check leaves
    CHECK constraints to the reading (`history_rows`): a value outside one is no damage. So is
    a NULL where the schema says NOT NULL (only an edited schema lets one in).
    """
    db.execute("PRAGMA ignore_check_constraints = ON")
    try:
        verdicts = [row[0] for row in db.execute("PRAGMA integrity_check")]
    finally:
        db.execute("PRAGMA ignore_check_constraints = OFF")
    damage = [v for v in verdicts if v != "ok" and not v.startswith("NULL value in ")]
    if damage:
        raise sqlite3.DatabaseError(f"integrity check failed: {damage[0]}")
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > len(MIGRATIONS):  # before changing anything in it
        raise NewerSchema(f"schema {version} is from a newer lowback; the file is left as it is")
    return int(version)


def _migrated_copy(db: sqlite3.Connection) -> sqlite3.Connection:
    """A copy in memory of a file of an older schema (closed), brought up to date to be read."""
    copy = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    copy.text_factory = db.text_factory
    try:
        db.backup(copy)
        _migrate(copy)
    except BaseException:
        copy.close()
        raise
    finally:
        db.close()
    return copy


def _no_link(path: Path) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise Refused(path, LINK)
    if not stat.S_ISREG(info.st_mode):
        raise Refused(path, f"is {kind(info.st_mode)}, not a history file")


def _identity(path: Path) -> tuple[int, int]:
    """The device and inode of the regular file at `path`, opened without following a link."""
    try:
        descriptor = os.open(path, os.O_RDONLY | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if os.path.islink(path):
            raise Refused(path, LINK) from error
        raise
    try:
        info = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    if not stat.S_ISREG(info.st_mode):
        raise Refused(path, f"is {kind(info.st_mode)}, not a history file")
    return (info.st_dev, info.st_ino)


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to date inside one write transaction.

    BEGIN IMMEDIATE takes the write lock before the version is read, so of two lowbacks making
    the history at once, the second waits, then finds it made ("table sessions already exists"
    lost a session before).
    """
    # A row copied into a table made again (migration 3) keeps a value outside a CHECK as it
    # is: it is left out when read, and never fails the migration (which moved the history aside).
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("BEGIN IMMEDIATE")  # waits up to BUSY_SECONDS for another lowback
    try:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in script.split(";"):  # no script has a ";" inside a statement
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        db.execute("PRAGMA ignore_check_constraints = OFF")


@contextmanager
def taking_turns(path: Path) -> Iterator[None]:
    """Hold the history's lock file (history.db.lock) while it is opened, made or moved aside.

    Two lowbacks starting at once then open it one after the other: SQLite's own waiting does
    not cover every step (changing the journal mode, a file moved aside and begun again between
    one's check and its open), and one of them lost its session to "database is locked".
    Where there is no fcntl (Windows), or the lock file cannot be made (a read-only folder, in
    which nothing is made anyway), no turns are taken. A link there is refused like any other.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover (not on the platforms CI runs)
        yield
        return
    lock = Path(f"{path}.lock")
    _no_link(lock)
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | NO_FOLLOW, PRIVATE_FILE)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing lets the lock go


def recover(path: Path, when: datetime) -> tuple[sqlite3.Connection, Path | None]:
    """Begin again after finding the history damaged: the new connection, and where the damaged
    file went (None when another lowback had already begun a new one while this one waited)."""
    with taking_turns(path):
        try:
            return _connect(path), None
        except sqlite3.OperationalError:
            raise  # locked or unwritable, not damaged: nothing to move
        except sqlite3.DatabaseError:
            pass
        aside = move_aside(path, when)
        return _connect(path), aside


def reason(path: Path, error: Exception) -> str:
    """Why the history could not be opened, in one line naming the file."""
    return one_line(error, path)


def move_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged history (and its WAL files) out of the way; the new name.

    The name is one not taken yet (a second damage within the same second does not overwrite
    the first); a file already gone (moved by another lowback) is no error.
    """
    stamp = when.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while any(os.path.lexists(f"{aside}{suffix}") for suffix in ("", *_FILES_BESIDE)):
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    for suffix in ("", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            os.rename(f"{path}{suffix}", f"{aside}{suffix}")
    return aside
