"""Reading the history back: every query of what was kept, each row checked as it is read.

`HistoryStore` (history_store.py) opens the file and writes to it; what it reads is here, so the
reading commands, the course rules, progress and the history screen find every query in one
place. Every query names its rows' checks (`history_checks.GOOD_SESSION` and the rest in its
WHERE) or makes its rows through `history_rows` (which raise BadRow): a row a hand edit made
unreadable is left out, counted once on opening (`looked_over`) and said (`unreadable_notice`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import Any, Self

from lowback_tui.core.history.checks import (
    COURSE,
    EXERCISE,
    GOOD_EXERCISE,
    GOOD_SESSION,
    GOOD_TARGET,
    TARGET,
    BadRow,
    check,
    good_value,
    left_out_seconds,
    unreadable,
    unreadable_notice,
)
from lowback_tui.core.history.rows import (
    EXERCISE_COLUMNS,
    CourseRows,
    RecentResult,
    SessionRow,
    Unfinished,
    exercise_row,
    session_row,
)
from lowback_tui.core.logs import log

SESSION_ROWS = (
    "SELECT s.id, s.routine_name, s.started_at, s.day, s.ended_at, s.elapsed_seconds,"
    " COALESCE(SUM(e.active_seconds), 0), s.pain_before, s.pain_after,"
    " s.stopped_for_pain, s.ended_early,"
    " COUNT(CASE e.outcome WHEN 'done' THEN 1 END),"
    " COUNT(CASE e.outcome WHEN 'partial' THEN 1 END),"
    " COUNT(CASE e.outcome WHEN 'skipped' THEN 1 END),"
    " COUNT(CASE e.outcome WHEN 'not reached' THEN 1 END), s.planned_seconds,"
    " COALESCE(SUM(e.efforts_done), 0), COALESCE(SUM(e.efforts_planned), 0)"
    " FROM sessions s LEFT JOIN exercises e ON e.session_id = s.id"
    f" AND {GOOD_EXERCISE}"
)
"""Sessions with their exercises added up, in `session_row`'s column order: add a WHERE, then
GROUP BY s.id."""

EXPORT_PAGE = 1000
"""Sessions `session_pages` reads at a time (with their exercise results: 7,000 for the bundled
routine): a few MB, whatever the history's length."""


class HistoryReads:
    """The history's reads, on the connection `HistoryStore` opened (None: nothing to read)."""

    _db: sqlite3.Connection | None
    unreadable: dict[str, int]
    """Rows left out because a value in them is not what its column means, by kind
    ("session", "exercise result", "course", "target"); counted on opening."""
    _left_out_seconds: float

    def looked_over(self) -> Self:
        """Count the rows every reader will leave out (`unreadable`), a line in the log for
        each (`history_checks.unreadable`). Itself, for chaining."""
        self.unreadable = unreadable(self.read)
        self._left_out_seconds = left_out_seconds(self.read, self.unreadable)
        return self

    @property
    def unreadable_notice(self) -> str | None:
        """One line for the person about the rows left out (`unreadable`); None if none were."""
        return unreadable_notice(self.unreadable)

    def _rows(self, kind: str, rows: list[Any], make: Callable[[Any], Any]) -> list[Any]:
        """`make` of each row read; a row it finds bad (BadRow) is left out, and logged."""
        made = []
        for row in rows:
            try:
                made.append(make(row))
            except BadRow as error:
                log.warning("history: a %s is left out: %s", kind, error)
        return made

    def read(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        """The rows a query finds; [] when the history is not open or the query fails. Every
        query names its rows' checks (`history_checks.GOOD_SESSION` and the rest)."""
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error:
            return []

    def unfinished_today(self, day: date) -> Unfinished | None:
        """The day's latest session if it ended early (or was cut off by a crash or a closed
        terminal), not because it hurt; None if it finished, or there is none."""
        rows = self.read(
            "SELECT s.id, s.routine_name, s.routine_hash, s.ended_at, s.ended_early,"
            " s.stopped_for_pain, s.stopped_at, s.pain_before,"
            " (SELECT MAX(position) FROM exercises e WHERE e.session_id = s.id"
            f"  AND {GOOD_EXERCISE}),"
            " (SELECT outcome FROM exercises e WHERE e.session_id = s.id"
            f"  AND e.position = s.stopped_at AND {GOOD_EXERCISE})"
            f" FROM sessions s WHERE s.day = ? AND {GOOD_SESSION} ORDER BY s.id DESC LIMIT 1",
            (day.isoformat(),),
        )
        if not rows:
            return None
        (id_, name, hash_, ended_at, early, hurt, stopped_at, pain, last, outcome) = rows[0]
        if hurt or (ended_at is not None and not early):
            return None
        if ended_at is None:  # cut off: every exercise left was kept as it was left
            at = 0 if last is None else last + 1
        elif stopped_at is None:  # ended early before lowback kept where
            return None
        else:  # stopped in the rest after a finished exercise: the next one
            at = stopped_at + (outcome == "done")
        return Unfinished(id_, name, hash_, at, pain)

    def last_pain_stop(self) -> str | None:
        """The exercise the latest session was on when it was stopped because it hurt ("" when
        not known); None when the latest session was not stopped for pain."""
        rows = self.read(
            "SELECT s.stopped_for_pain, (SELECT name FROM exercises e WHERE e.session_id = s.id"
            f" AND e.position = s.stopped_at AND {GOOD_EXERCISE}) FROM sessions s"
            f" WHERE {GOOD_SESSION} ORDER BY s.id DESC LIMIT 1"
        )
        if not rows or not rows[0][0]:
            return None
        return rows[0][1] or ""

    def rested_on(self, day: date) -> bool:
        """The person chose "Rest today" on `day` (a bad day's offer)."""
        return bool(self.read("SELECT 1 FROM rest_days WHERE day = ?", (day.isoformat(),)))

    def latest_course(self) -> tuple[date, int | None] | None:
        """The first day and planned length of the latest course; None before one has begun,
        and when it cannot be read (a day that is no date, a length out of range: a hand edit):
        then there is no course, and the next session begins one (`begin`), the row left as
        it is."""
        rows = self.read("SELECT started_on, days FROM courses ORDER BY id DESC LIMIT 1")
        found = self._rows("course", rows, partial(check, COURSE))
        return (date.fromisoformat(found[0][0]), found[0][1]) if found else None

    def course_start(self) -> date | None:
        """The first day of the current course, if one has begun (and can be read)."""
        found = self.latest_course()
        return found[0] if found else None

    def course(self) -> CourseRows | None:
        """The current course: its first day, its planned length and its sessions; None before
        one has begun. Everything the course rules read comes from here."""
        found = self.latest_course()
        if found is None:
            return None
        start, days = found
        return CourseRows(start, days, self.sessions(since=start))

    def targets(self, routine_name: str) -> dict[str, int]:
        """The reps the person has moved up to, by exercise id."""
        rows = self.read(
            f"SELECT t.routine_name, t.exercise_id, t.reps FROM targets t"
            f" WHERE t.routine_name = ? AND {GOOD_TARGET}",
            (routine_name,),
        )
        return dict(self._rows("target", rows, lambda r: check(TARGET, r)[1:]))

    def recent_results(self, routine_name: str, exercise_id: str, limit: int) -> list[RecentResult]:
        """The latest finished sessions of a routine with this exercise's result, newest first."""
        rows = self.read(
            "SELECT s.id, e.outcome, e.reps, s.pain_before, s.pain_after,"
            " EXISTS (SELECT 1 FROM offers o WHERE o.session_id = s.id AND o.exercise_id = ?)"
            " FROM sessions s JOIN exercises e ON e.session_id = s.id AND e.exercise_id = ?"
            f" AND {GOOD_EXERCISE} WHERE s.routine_name = ? AND s.ended_at IS NOT NULL"
            f" AND {GOOD_SESSION} ORDER BY s.id DESC LIMIT ?",
            (exercise_id, exercise_id, routine_name, limit),
        )
        return [RecentResult(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def sessions(self, since: date | None = None, limit: int | None = None) -> list[SessionRow]:
        """Stored sessions, oldest first, optionally from a day on or only the latest few."""
        where = f"WHERE {GOOD_SESSION}" + (" AND s.day >= ?" if since else "")
        args: tuple[object, ...] = (since.isoformat(),) if since else ()
        order = "ORDER BY s.id DESC LIMIT ?" if limit else "ORDER BY s.id"
        if limit:
            args += (limit,)
        rows = self.read(f"{SESSION_ROWS} {where} GROUP BY s.id {order}", args)
        found: list[SessionRow] = self._rows("session", rows, session_row)
        return found[::-1] if limit else found

    def exercises(self, session_id: int) -> list[tuple[int, str, str, str, int, int, float]]:
        """(position, exercise id, name, outcome, done, planned, active seconds) of a session."""
        rows = self.read(
            f"SELECT {EXERCISE_COLUMNS} FROM exercises e WHERE e.session_id = ?"
            f" AND {GOOD_EXERCISE} ORDER BY e.position",
            (session_id,),
        )
        return self._rows("exercise result", rows, exercise_row)

    def all_exercises(self) -> dict[int, list[tuple[Any, ...]]]:
        """Every stored exercise result by session, as `exercises` gives them."""
        return self._by_session(
            f"SELECT e.session_id, {EXERCISE_COLUMNS} FROM exercises e WHERE {GOOD_EXERCISE}"
            " ORDER BY e.session_id, e.position"
        )

    def session_pages(
        self, size: int | None = None
    ) -> Iterator[tuple[list[SessionRow], dict[int, list[tuple[Any, ...]]]]]:
        """Every stored session, oldest first, `size` (EXPORT_PAGE) at a time, each page with
        its sessions' exercise results (as `all_exercises` gives them): the whole history, read
        in pieces of a size that does not grow with it (`lowback export`)."""
        size = size or EXPORT_PAGE
        since, args = "", tuple[object, ...]()  # at first no bound: an edit may make an id < 0
        while rows := self.read(
            f"{SESSION_ROWS} WHERE {GOOD_SESSION}{since} GROUP BY s.id ORDER BY s.id LIMIT ?",
            (*args, size),
        ):
            first, after = rows[0][0], rows[-1][0]
            since, args = " AND s.id > ?", (after,)
            sessions: list[SessionRow] = self._rows("session", rows, session_row)
            yield (
                sessions,
                self._by_session(
                    f"SELECT e.session_id, {EXERCISE_COLUMNS} FROM exercises e"
                    f" WHERE e.session_id BETWEEN ? AND ? AND {GOOD_EXERCISE}"
                    " ORDER BY e.session_id, e.position",
                    (first, after),
                ),
            )

    def _by_session(
        self, sql: str, args: tuple[object, ...] = ()
    ) -> dict[int, list[tuple[Any, ...]]]:
        """Exercise results a query finds (session id first, then `EXERCISE_COLUMNS`), each
        checked (`exercise_row`), by session."""
        found: dict[int, list[tuple[Any, ...]]] = {}
        for session_id, exercise in self._rows("exercise result", self.read(sql, args),
                                                lambda r: (r[0], exercise_row(r[1:]))):  # fmt: skip
            found.setdefault(session_id, []).append(exercise)
        return found

    def version(self) -> tuple[int, int] | None:
        """Something that differs after any change to the history, by this lowback or another
        (None when it is not open): what is read from it is the same as long as this is."""
        if self._db is None:
            return None
        rows = self.read("PRAGMA data_version")
        return (self._db.total_changes, rows[0][0]) if rows else None

    def totals(self) -> tuple[int, float]:
        """Sessions, and seconds spent holding or working, over all of the history, as the
        history table counts them: without the rows left out. Those were counted on opening
        (`looked_over`), so that only the summed column is checked here: 0.1 s at 100,000
        sessions, where checking every row took 3 s."""
        rows = self.read(
            "SELECT (SELECT COUNT(*) FROM sessions), (SELECT COALESCE(SUM(e.active_seconds), 0)"
            f" FROM exercises e WHERE {good_value(EXERCISE, 'active_seconds', 'e')})"
        )
        if not rows:
            return (0, 0.0)
        sessions = max(rows[0][0] - self.unreadable.get("session", 0), 0)
        return (sessions, max(float(rows[0][1]) - self._left_out_seconds, 0.0))
