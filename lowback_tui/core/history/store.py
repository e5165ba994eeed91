"""The history store: every session and exercise, in one private SQLite file.

Each finished exercise is committed the moment it finishes, so a killed process loses nothing
already done. A file that cannot be opened or fails its integrity check is moved aside and a
fresh one started (`history_file`); a disk that refuses writes turns the store into one that
says so and keeps nothing, while the session carries on. Pain ratings live only here: never in
the log.

Every query reads through `history_rows`' checks (GOOD_SESSION and the rest in its WHERE, a
row's values checked again as it is made into one): a row that is not what the schema means is
left out, never a traceback. How many there are is counted once, on opening (`unreadable`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from lowback_tui.core import dirs
from lowback_tui.core.history.activity_rows import ActivityRows, restore_activities
from lowback_tui.core.history.checks import GOOD_COURSE, GOOD_SESSION
from lowback_tui.core.history.file import (
    NewerSchema,
    connect,
    history_path,
    reason,
    recover,
)
from lowback_tui.core.history.reads import HistoryReads
from lowback_tui.core.history.restore import (
    ImportedActivities,
    ImportedSession,
    Restored,
    placed,
)
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

Now = Callable[[], datetime]


class HistoryStore(HistoryReads, ActivityRows):
    """The store. Methods that write never raise: a failed write sets `problem` instead."""

    def __init__(self, connection: sqlite3.Connection | None, path: Path, now: Now) -> None:
        self._db = connection
        self.path = path
        self.now = now
        self.problem: str | None = None if connection else "history is not being saved"
        self.notice: str | None = None
        """Something the person should be told once, e.g. where a damaged file was moved."""
        self.unreadable: dict[str, int] = {}
        """Rows left out because a value in them is not what its column means, by kind
        ("session", "exercise result", "course", "target"); counted on opening."""
        self._left_out_seconds = 0.0

    # ---- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, now: Now = datetime.now) -> HistoryStore:
        """Open (or create) the history; a damaged file is moved aside, never lost.

        Never raises: a history that cannot be written, or a link where it should be, gives a
        store that keeps nothing and says why (`problem`).
        """
        path = path or history_path()
        try:
            dirs.ensure(path.parent)  # 0700 if made now; an existing folder keeps its mode
            return cls(connect(path), path, now).looked_over()
        except (OSError, sqlite3.OperationalError, NewerSchema) as error:
            return cls.unsaved(path, now, error)  # can't write, or not ours: leave it be
        except sqlite3.DatabaseError:
            pass  # damaged: move it aside and begin again
        try:
            connection, aside = recover(path, now())
        except (OSError, sqlite3.Error) as error:
            return cls.unsaved(path, now, error)
        store = cls(connection, path, now).looked_over()
        if aside is not None:
            store.notice = (
                f"The history file was damaged; it was moved to {aside} and a new one begun"
            )
        return store

    @classmethod
    def open_existing(cls, path: Path | None = None) -> HistoryStore | None:
        """The history if there is one, opened read-only for reading it; None (and nothing
        made) if not. Nothing is written: it is read in a folder that cannot be written too.

        A history that is there but cannot be read (a folder, a link, not lowback's, damaged,
        unreadable) is neither moved nor changed: the store returned keeps nothing and its
        `problem` says why in one line, e.g. "/…/history.db: file is not a database".
        """
        path = path or history_path()
        if not os.path.lexists(path):
            return None
        try:
            return cls(connect(path, read_only=True), path, datetime.now).looked_over()
        except (OSError, sqlite3.Error) as error:
            store = cls(None, path, datetime.now)
            store.problem = reason(path, error)
            return store

    @classmethod
    def unsaved(cls, path: Path, now: Now, error: Exception) -> HistoryStore:
        """A store that keeps nothing, saying why."""
        store = cls(None, path, now)
        store.problem = f"history is not being saved ({reason(path, error)})"
        return store

    def close(self) -> None:
        """Close the file (everything is already committed)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def saving(self) -> bool:
        """True while sessions are being kept."""
        return self._db is not None and self.problem is None

    def _write(self, sql: str, args: tuple[object, ...] = ()) -> int | None:
        """Run one write in its own transaction; on failure, stop saving and say why."""
        if not self.saving:
            return None
        assert self._db is not None
        try:
            with self._db:
                return self._db.execute(sql, args).lastrowid
        except sqlite3.Error as error:
            self.problem = f"history is not being saved ({error})"
            return None

    def _write_together(self, *writes: tuple[str, tuple[object, ...]]) -> int | None:
        """Run writes in one transaction that holds the write lock from its start (BEGIN
        IMMEDIATE), so nothing another lowback writes comes between them; the last one's row id.
        On failure nothing of them is kept, and the store stops saving and says why."""
        if not self.saving:
            return None
        assert self._db is not None
        try:
            self._db.execute("BEGIN IMMEDIATE")  # waits for another lowback, as a write does
        except sqlite3.Error as error:
            self.problem = f"history is not being saved ({error})"
            return None
        try:
            row_id = None
            for sql, args in writes:
                row_id = self._db.execute(sql, args).lastrowid
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self.problem = f"history is not being saved ({error})"
            return None
        return row_id

    # ---- a session, as it happens --------------------------------------------------------------

    def begin(
        self,
        routine_name: str,
        routine_hash: str,
        pain_before: int | None,
        *,
        planned_seconds: float | None = None,
        course_days: int | None = None,
    ) -> int | None:
        """Record the start of a session; its id, or None when nothing is being saved.

        `planned_seconds`: the active time one whole session of its routine plans (what the
        session's share of its day is judged against). The first session begins a course of
        `course_days` (its routine's), as does the first after a course whose first day is
        after today (a clock set back since, or a hand edit: `course.begun`)."""
        now = self.now()
        today = now.date().isoformat()
        # One write transaction, taken before the check: of two first runs beginning at once,
        # the second waits and then finds the course (a read first let both begin one). A
        # course whose first day is after today has not begun (course.begun), nor has one that
        # cannot be read (`latest_course`): one begins today.
        return self._write_together(
            ("INSERT INTO courses (started_on, days) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
             " courses c WHERE c.id = (SELECT MAX(id) FROM courses)"
             f" AND c.started_on <= ? AND {GOOD_COURSE})",
             (today, course_days, today)),
            ("INSERT INTO sessions (routine_name, routine_hash, started_at, day, pain_before,"
             " planned_seconds) VALUES (?, ?, ?, ?, ?, ?)",
             (routine_name, routine_hash, now.isoformat(timespec="seconds"),
              now.date().isoformat(), pain_before, planned_seconds)),
        )  # fmt: skip

    def record_exercise(self, session_id: int | None, record: ExerciseRecord, reps: int) -> None:
        """Keep one exercise's result now, in its own transaction (again if it is redone)."""
        if session_id is None:
            return
        self._write(
            "INSERT OR REPLACE INTO exercises (session_id, position, exercise_id, name, outcome,"
            " efforts_done, efforts_planned, reps, active_seconds) VALUES (?,?,?,?,?,?,?,?,?)",
            (session_id, record.index, record.exercise_id, record.name, record.outcome.value,
             record.efforts_done, record.efforts_planned, reps, record.active_seconds),
        )  # fmt: skip

    def finish(
        self,
        session_id: int | None,
        summary: Summary,
        stopped_for_pain: bool,
        stopped_at: int | None = None,
    ) -> None:
        """Record the end of a session (or of a part of it that carried it on: the times add
        up), the exercises it never reached, and where it stopped when it ended early."""
        if session_id is None:
            return
        for record in summary.records:
            if record.outcome in (Outcome.SKIPPED, Outcome.NOT_REACHED):
                # Not reached: as the summary says, even over one passed before going back.
                verb = "REPLACE" if record.outcome is Outcome.NOT_REACHED else "IGNORE"
                self._write(
                    f"INSERT OR {verb} INTO exercises (session_id, position, exercise_id, name,"
                    " outcome, efforts_done, efforts_planned, reps, active_seconds)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (session_id, record.index, record.exercise_id, record.name,
                     record.outcome.value, 0, record.efforts_planned, 0, record.active_seconds),
                )  # fmt: skip
        self._write(
            "UPDATE sessions SET ended_at = ?, elapsed_seconds = COALESCE(elapsed_seconds, 0) + ?,"
            " ended_early = ?, stopped_for_pain = ?, stopped_at = ? WHERE id = ?",
            (self._end_time(session_id, summary.elapsed_seconds), summary.elapsed_seconds,
             int(summary.ended_early), int(stopped_for_pain), stopped_at, session_id),
        )  # fmt: skip

    def _end_time(self, session_id: int, elapsed: float) -> str:
        """When a session ended: now, but never before its start plus the time this part of it
        took on the monotonic clock (`elapsed`). The wall clock may have been set back during
        the session (by hand, or a large correction); the session's own clock was not."""
        now = self.now()
        rows = self.read("SELECT started_at FROM sessions WHERE id = ?", (session_id,))
        try:
            at_least = datetime.fromisoformat(rows[0][0]) + timedelta(seconds=elapsed)
        except (IndexError, TypeError, ValueError, OverflowError):
            return now.isoformat(timespec="seconds")  # no start to keep it after
        return max(now, at_least).isoformat(timespec="seconds")

    def reopen(self, session_id: int, start_at: int) -> None:
        """Carry on a session that ended early from exercise `start_at`: it is unfinished again,
        and what it recorded from there on (never reached, or cut short) is done again."""
        self._write("DELETE FROM exercises WHERE session_id = ? AND position >= ?",
                    (session_id, start_at))  # fmt: skip
        self._write(
            "UPDATE sessions SET ended_at = NULL, stopped_at = NULL WHERE id = ?", (session_id,)
        )

    def set_pain_after(self, session_id: int | None, pain: int | None) -> None:
        """Record how the back felt after the session."""
        if session_id is not None:
            self._write("UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id))

    def rest(self, day: date) -> None:
        """Keep that the person chose a rest day on `day` (once; choosing it again changes
        nothing): the daily reminder stays quiet that day."""
        self._write(
            "INSERT OR IGNORE INTO rest_days (day, chosen_at) VALUES (?, ?)",
            (day.isoformat(), self.now().isoformat(timespec="seconds")),
        )

    # ---- the course and progression ------------------------------------------------------------

    def new_course(self, today: date, days: int | None = None) -> None:
        """Begin a new course of `days` days today; earlier sessions stay in the history."""
        self._write(
            "INSERT INTO courses (started_on, days) VALUES (?, ?)", (today.isoformat(), days)
        )

    def decide_offer(
        self, session_id: int | None, routine_name: str, exercise_id: str, reps: int, accept: bool
    ) -> None:
        """Remember the answer to "one more rep?"; a yes makes `reps` the new target."""
        if session_id is None:
            return
        self._write(
            "INSERT OR REPLACE INTO offers (session_id, exercise_id, reps, accepted)"
            " VALUES (?, ?, ?, ?)",
            (session_id, exercise_id, reps, int(accept)),
        )
        if accept:
            self._write(
                "INSERT OR REPLACE INTO targets (routine_name, exercise_id, reps) VALUES (?,?,?)",
                (routine_name, exercise_id, reps),
            )

    def lower_target(self, routine_name: str, exercise_id: str, reps: int | None) -> None:
        """Take a raised target back down to `reps` (None: back to the routine's own reps)."""
        if reps is None:
            self._write(
                "DELETE FROM targets WHERE routine_name = ? AND exercise_id = ?",
                (routine_name, exercise_id),
            )
        else:
            self._write(
                "UPDATE targets SET reps = ? WHERE routine_name = ? AND exercise_id = ?",
                (reps, routine_name, exercise_id),
            )

    # ---- lowback import ------------------------------------------------------------------------

    def restore(
        self,
        sessions: Sequence[ImportedSession],
        course_days: int | None,
        activities: Sequence[ImportedActivities] = (),
    ) -> Restored | None:
        """Add the sessions of an export (`history_restore`) the history does not have yet, in
        one transaction: what was added and was there already, or None with `problem` saying
        why, nothing of them kept. A history with no course (or none that can be read) gets one
        of `course_days` days, from the day of the earliest session added: the course begun by
        the first session in the history the export came from, when it had one course. Then
        each course's `activities` go onto the course begun on its first day, if it has none
        (`activity_rows.restore_activities`)."""
        if not self.saving:
            return None
        assert self._db is not None
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")  # waits for another lowback, as a write does
        except sqlite3.Error as error:
            self.problem = f"history is not being saved ({error})"
            return None
        try:
            there = Counter(
                db.execute(
                    f"SELECT s.started_at, s.routine_name FROM sessions s WHERE {GOOD_SESSION}"
                )
            )
            taken = {row[0] for row in db.execute("SELECT id FROM sessions")}
            adding, skipped = placed(sessions, there, taken)
            db.executemany(
                "INSERT INTO sessions (id, routine_name, started_at, day, ended_at,"
                " elapsed_seconds, pain_before, pain_after, stopped_for_pain, ended_early,"
                " routine_hash) VALUES (?,?,?,?,?,?,?,?,?,?,'')",
                ((number, *session.values) for number, session in adding),
            )
            db.executemany(
                "INSERT INTO exercises (session_id, position, exercise_id, name, outcome,"
                " efforts_done, efforts_planned, active_seconds, reps) VALUES (?,?,?,?,?,?,?,?,0)",
                ((number, *e) for number, session in adding for e in session.exercises),
            )
            if adding and self.latest_course() is None:
                first = min(session.day for _, session in adding)
                db.execute(
                    "INSERT INTO courses (started_on, days) VALUES (?, ?)", (first, course_days)
                )
            named = restore_activities(db, activities)
            db.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            self.problem = f"history is not being saved ({error})"
            return None
        return Restored(len(adding), skipped, *named)
