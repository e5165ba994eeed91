"""A long history (issue 22): the course is read as a row a day, added up in SQL, from its first
day to today only; the same figures as adding up its sessions one by one; a course of years
shows its latest weeks."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowback_tui.core.course import calendar as course_calendar
from lowback_tui.core.course import rules as course
from lowback_tui.core.course import trend
from lowback_tui.core.history import reads as history_reads
from lowback_tui.core.history import rows as history_rows
from lowback_tui.core.history.days import course_days
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary
from lowback_tui.core.trainer import Trainer

from .course_rows import START, on, row
from .fake_clock import FakeClock

TODAY = datetime(2026, 11, 25, 8, 0)


def keep(store: HistoryStore, day: date, pain: int | None, active: float, **kw: Any) -> None:
    """A session on `day` with one exercise of `active` seconds, finished."""
    store.now = lambda: datetime.combine(day, datetime.min.time()) + timedelta(hours=8)
    session = store.begin("R", "h", pain, **kw)
    record = ExerciseRecord(0, "a", "A", Outcome.DONE, 2, 4, active, 20.0)
    store.record_exercise(session, record, 2)
    store.finish(session, Summary("R", (record,), active, 0, False), False)


sessions_strategy = st.lists(
    st.tuples(
        st.integers(0, 30),  # the day
        st.one_of(st.none(), st.integers(0, 10)),  # pain before
        st.one_of(st.none(), st.integers(0, 10)),  # pain after
        st.floats(0, 200, allow_nan=False),  # active seconds
        st.one_of(st.none(), st.floats(1, 400)),  # planned seconds (None: kept before issue 21)
        st.booleans(),  # stopped for pain
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sessions=sessions_strategy)
def test_the_days_added_up_in_sql_give_every_figure_that_the_sessions_give(
    tmp_path_factory: pytest.TempPathFactory, sessions: list[tuple[Any, ...]]
) -> None:
    store = HistoryStore.open(tmp_path_factory.mktemp("h") / "history.db")
    for day, before, after, active, planned, stopped in sessions:
        keep(store, on(day), before, active, planned_seconds=planned)
        session_id = store.sessions()[-1].id
        store.set_pain_after(session_id, after)
        assert store._db is not None
        store._db.execute(
            "UPDATE sessions SET stopped_for_pain = ? WHERE id = ?", (int(stopped), session_id)
        )
    today = on(24)
    rows = store.sessions()
    summed = course_days(store, START, today)
    assert summed == course.in_course(rows, START, today)
    for days in (21, 3):
        assert course.status(summed, START, days, today) == course.status(rows, START, days, today)
        assert course_calendar.progress(summed, START, days, today, (1, 1.0)) == (
            course_calendar.progress(rows, START, days, today, (1, 1.0))
        )
    assert trend.pain_trend(summed, START, today) == trend.pain_trend(rows, START, today)
    store.close()


def test_only_the_current_course_is_read_and_never_a_session_at_a_time(
    tmp_path: Path, routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the course's every session was read as a SessionRow (100,000 of them, 5 s, for a
    long history); now a row a day of the current course, and no SessionRow at all."""
    store = HistoryStore.open(tmp_path / "history.db")
    for offset in range(60):
        keep(store, TODAY.date() - timedelta(days=60 - offset), 4, 100.0, planned_seconds=100.0)
        if offset == 49:
            store.new_course(TODAY.date() - timedelta(days=10), 21)  # the current: 10 days
    made: list[object] = []
    real = history_rows.session_row

    def counted(r: Any) -> history_rows.SessionRow:
        made.append(r)
        return real(r)

    monkeypatch.setattr(history_rows, "session_row", counted)
    monkeypatch.setattr(history_reads, "session_row", counted)
    read: list[int] = []
    real_read = HistoryStore.read

    def counting_read(self: HistoryStore, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        found = real_read(self, sql, args)
        read.append(len(found))
        return found

    monkeypatch.setattr(HistoryStore, "read", counting_read)
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)
    progress = trainer.progress()
    report = trainer.course_report()
    status = trainer.course_status()
    assert progress is not None and report is not None and status is not None
    assert (progress.status.day, progress.status.completed_days, report.sessions) == (11, 10, 10)
    assert progress.sessions == 60  # the whole history's count, in SQL
    assert made == []  # no session read one by one
    assert max(read) <= 10  # the largest read: the current course's 10 days, a row each


def test_a_course_of_years_shows_its_latest_weeks_and_counts_every_day() -> None:
    start = date(2020, 1, 6)  # a Monday
    today = date(2026, 11, 25)
    sessions = [row(start + timedelta(days=n), pain=4) for n in range(0, (today - start).days, 2)]
    progress = course_calendar.progress(sessions, start, 21, today, (len(sessions), 1.0))
    assert progress.status.completed_days == len(sessions)  # every day of the course counts
    assert len(progress.weeks) == course_calendar.SHOWN_WEEKS
    assert progress.since == progress.weeks[0][0][0] == date(2025, 12, 1)  # a Monday
    assert progress.weeks[-1][2][0] == today
    assert progress.calendar[0][0] == progress.since
    assert progress.pain_days[0].day >= progress.since
    assert progress.trend.first.week == 1 and progress.trend.first.ratings  # week 1 still read


def test_a_course_of_a_year_is_shown_whole() -> None:
    start = date(2025, 12, 1)  # a Monday: with today's week, 52 weeks
    today = date(2026, 11, 25)
    progress = course_calendar.progress([row(start)], start, 21, today, (1, 1.0))
    assert progress.since is None
    assert len(progress.weeks) == course_calendar.SHOWN_WEEKS
    assert progress.calendar[0] == (start, course_calendar.Mark.DONE)
    earlier = course_calendar.progress([], start - timedelta(days=1), 21, today, (1, 1.0))
    assert earlier.since == start  # a day more: its first week is left out


def test_a_hand_edited_session_in_the_course_is_left_out_of_its_days(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "history.db")
    for offset in range(4):
        keep(store, on(offset), 4, 100.0, planned_seconds=100.0)
    with sqlite3.connect(store.path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")  # as a hand edit with sqlite3 can
        db.execute("UPDATE sessions SET pain_before = 99 WHERE id = 1")
        db.execute("UPDATE sessions SET day = '2026-11-31' WHERE id = 2")  # not a date
        db.execute("UPDATE exercises SET active_seconds = 9e999 WHERE session_id = 3")
    days = course_days(store, START, on(10))
    # sessions 1 and 2 are left out; session 3 is kept without its unreadable exercise result,
    # as reading the sessions one by one keeps it (`HistoryStore.sessions`)
    assert [(d.day, d.active_seconds) for d in days] == [(on(2), 0.0), (on(3), 100.0)]
    store.close()
