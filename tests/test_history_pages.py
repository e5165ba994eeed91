"""The history screen reads a page at a time (issue 22): the same lines as `lowback history`,
only the pages looked at read, and End shows the totals at once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lowback_tui.app import LowbackApp
from lowback_tui.core.history import pages as history_pages
from lowback_tui.core.history.pages import PAGE, UNREADABLE, HistoryPages
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.history.text import session_table
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.history_view import HistoryScreen
from lowback_tui.widgets.lines_view import LinesView

from .fake_clock import FakeClock

FIRST = datetime(2026, 1, 1, 8, 0)


def history(path: Path, sessions: int) -> HistoryStore:
    """`sessions` a day apart, alike but for their ratings, the last stopped for pain."""
    clock = [FIRST]
    store = HistoryStore.open(path, now=lambda: clock[0])
    assert store._db is not None
    store._db.execute("PRAGMA synchronous = OFF")
    for n in range(sessions):
        clock[0] = FIRST + timedelta(days=n)
        session = store.begin("Strengthen your back" if n % 3 else "Gentle", "h", n % 11)
        record = ExerciseRecord(0, "a", "A", Outcome.DONE, 2, 2, 10.0 + n % 7, 10.0)
        store.record_exercise(session, record, 2)
        store.finish(session, Summary("R", (record,), 60, 0, False), n == sessions - 1)
    return store


def test_the_pages_are_the_lines_of_lowback_history(tmp_path: Path) -> None:
    store = history(tmp_path / "h.db", 2 * PAGE + 7)
    pages = HistoryPages(store)
    table = session_table(store).splitlines()
    assert len(pages) == len(table)
    assert [pages.line(n) for n in range(len(pages))] == table
    assert pages.line(len(pages)) == ""


def test_no_sessions(tmp_path: Path) -> None:
    pages = HistoryPages(HistoryStore.open(tmp_path / "h.db"))
    assert (len(pages), pages.line(0)) == (1, "No sessions yet.")
    assert HistoryPages(None).line(0) == "No sessions yet."


def test_only_the_pages_looked_at_are_read_and_a_few_kept(tmp_path: Path) -> None:
    store = history(tmp_path / "h.db", 10 * PAGE)
    pages = HistoryPages(store)
    assert pages.pages_read == 0
    pages.line(1), pages.line(PAGE)  # the newest page
    assert pages.pages_read == 1
    pages.line(len(pages) - 2)  # the oldest session: its page alone
    assert pages.pages_read == 2
    for number in range(6):
        pages.line(1 + number * PAGE)
    assert pages.pages_read == 7  # the newest, read before, was kept
    for number in range(10):
        pages.line(1 + number * PAGE)
    assert len(pages._pages) == history_pages.KEPT_PAGES  # no more than these are kept


def test_a_row_that_cannot_be_read_is_left_out_and_said_as_lowback_history_does(
    tmp_path: Path,
) -> None:
    path = history(tmp_path / "h.db", 3).path
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET day = 'garbage' WHERE id = 2")
    store = HistoryStore.open(path)
    pages = HistoryPages(store)
    assert pages.line(1).startswith("2026-01-03") and pages.line(2).startswith("2026-01-01")
    assert UNREADABLE not in [pages.line(i) for i in range(len(pages))]
    assert pages.notice == "1 session in your history could not be read and is left out"
    lines = [pages.line(i) for i in range(len(pages))]
    assert [*lines, pages.notice] == session_table(store).splitlines()


@pytest.fixture
def long_history(tmp_path: Path) -> HistoryStore:
    return history(tmp_path / "h.db", 30 * PAGE)


async def test_the_screen_reads_a_page_and_end_shows_the_totals(
    routine: Routine, long_history: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the screen was the whole table as one text (100,000 sessions: 11 s, 509 MB)."""
    made: list[HistoryPages] = []
    monkeypatch.setattr(
        history_pages.HistoryPages, "__init__", _keeping(history_pages.HistoryPages, made)
    )
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: FIRST, store=long_history)
    app = LowbackApp(trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        (pages,) = made
        assert pages.pages_read == 1  # the newest page only
        view = app.screen.query_one(LinesView)
        assert app.focused is view
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 3000 - 24
        last = view.render_line(view.scrollable_content_region.height - 1).text
        assert last.startswith("3000 sessions, ")
        assert pages.pages_read == 2  # and the oldest, at once (not every page on the way)


def _keeping(cls: type[HistoryPages], made: list[HistoryPages]):  # type: ignore[no-untyped-def]
    real = cls.__init__

    def init(self: HistoryPages, store: HistoryStore | None) -> None:
        real(self, store)
        made.append(self)

    return init
