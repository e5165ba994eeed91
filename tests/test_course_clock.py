"""The wall clock going wrong (issue 22): set back during a session, or a course whose first
day is after today (a clock set back, or the history edited by hand)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from lowback_tui.core.course import rules as course
from lowback_tui.core.course.calendar import Mark
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import Summary
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock

NINE = datetime(2026, 11, 2, 9, 0, 0)


def ended_at(tmp_path: Path, start: datetime, end: datetime, elapsed: float) -> str | None:
    clock = [start]
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: clock[0])
    session = store.begin("Routine", "hash", None)
    clock[0] = end
    store.finish(session, Summary("Routine", (), elapsed, 0, False), False)
    (row,) = store.sessions()
    store.close()
    return row.ended_at


def test_a_clock_set_back_during_a_session_never_ends_it_before_its_start(
    tmp_path: Path,
) -> None:
    """Before: ended_at was the wall clock at the end, 08:10, before the start at 09:00."""
    set_back = datetime(2026, 11, 2, 8, 10, 0)
    assert ended_at(tmp_path, NINE, set_back, elapsed=600.0) == "2026-11-02T09:10:00"


def test_a_clock_set_back_a_little_still_keeps_the_time_the_session_took(tmp_path: Path) -> None:
    """Set back five minutes in a ten-minute session: the end is the start plus ten minutes."""
    five_past = datetime(2026, 11, 2, 9, 5, 0)
    assert ended_at(tmp_path, NINE, five_past, elapsed=600.0) == "2026-11-02T09:10:00"


def test_a_clock_that_went_on_as_usual_ends_the_session_now(tmp_path: Path) -> None:
    """The usual case is as before: the end is the wall clock (here later than start +
    elapsed, as after a session carried on later in the day)."""
    later = datetime(2026, 11, 2, 11, 30, 0)
    assert ended_at(tmp_path, NINE, later, elapsed=600.0) == "2026-11-02T11:30:00"


# ---- a course whose first day is after today ----------------------------------------------------

TODAY = datetime(2026, 11, 25, 8, 0)  # a Wednesday


def with_course_from(tmp_path: Path, routine: Routine, offset: int) -> tuple[Trainer, HistoryStore]:
    """A history whose course begins `offset` days after today, as a clock set back since it
    began (or a hand edit) leaves it; a Trainer on it."""
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)
    store.new_course((TODAY + timedelta(days=offset)).date(), 21)
    return Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store), store


def a_full_session(trainer: Trainer) -> None:
    run = trainer.start_session(3)
    run.start()
    assert isinstance(trainer.clock, FakeClock)
    trainer.clock.advance(10_000)
    run.advance()
    run.check_in_after(3)


def test_a_course_beginning_tomorrow_shows_as_beginning_today(
    tmp_path: Path, routine: Routine
) -> None:
    """Before: "Day 1 of 21" of a course shown from tomorrow on, and a session today left
    outside it (it was before its first day)."""
    trainer, store = with_course_from(tmp_path, routine, 1)
    assert str(trainer.course_status()) == "Day 1 of 21 · this week 0 of 7"
    progress = trainer.progress()
    assert progress is not None
    assert progress.calendar[0] == (TODAY.date(), Mark.TODAY)  # from today, not tomorrow
    assert progress.calendar[-1][0] == TODAY.date() + timedelta(days=20)
    a_full_session(trainer)  # the session begins a course today, and counts in it
    assert store.course_start() == TODAY.date()
    assert str(trainer.course_status()) == "Day 1 of 21 (done today) · this week 1 of 7"


def test_a_course_beginning_a_year_on_is_not_a_calendar_of_that_month(
    tmp_path: Path, routine: Routine
) -> None:
    trainer, _ = with_course_from(tmp_path, routine, 365)
    progress = trainer.progress()
    assert progress is not None
    assert {day.year for day, _ in progress.calendar} == {2026}
    report = trainer.course_report()
    assert report is not None and report.start == TODAY.date()


def test_a_course_beginning_today_is_the_course(tmp_path: Path, routine: Routine) -> None:
    """The edge: a course whose first day is today has begun; a session keeps it."""
    trainer, store = with_course_from(tmp_path, routine, 0)
    a_full_session(trainer)
    assert trainer.progress().status.completed_days == 1  # type: ignore[union-attr]
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM courses").fetchone() == (1,)


def test_begun_at_its_edge() -> None:
    today = TODAY.date()
    assert course.begun(today, today)
    assert course.begun(today - timedelta(days=1), today)
    assert not course.begun(today + timedelta(days=1), today)
