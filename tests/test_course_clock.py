"""The wall clock going wrong (issue 22): set back during a session, or a course whose first
day is after today (a clock set back, or the history edited by hand)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lowback_tui.core.history_store import HistoryStore
from lowback_tui.core.session_results import Summary

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
