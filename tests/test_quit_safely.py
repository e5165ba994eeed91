"""ctrl+q mid-session asks as q does; what was done is kept either way (issue 13, item 5)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.confirm import Confirm
from lowback_tui.screens.list_screen import ExerciseListScreen

from .conftest import screen_text
from .fake_clock import FakeClock
from .test_countdown_screen import on_screen, start, state_of, wait

TODAY = datetime(2026, 12, 1, 8, 0)


async def test_ctrl_q_mid_session_asks_n_carries_on_and_y_quits_keeping_it(
    routine: Routine, tmp_path: Path
) -> None:
    clock = FakeClock()
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)
    app = LowbackApp(Trainer(routine, clock=clock, now=lambda: TODAY, store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await wait(pilot, clock, 7)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, Confirm)
        assert state_of(screen) is State.PAUSED  # the clock stops while asking
        await wait(pilot, clock, 60)
        await pilot.press("n")
        assert on_screen(app) is screen
        assert state_of(screen) is State.RUNNING
        assert screen.run.view().seconds_left == pytest.approx(3)
        await wait(pilot, clock, 100)  # into the second exercise
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    (kept,) = store.sessions()
    assert kept.ended_early and kept.ended_at is not None
    assert kept.done == 1  # the first exercise, done in full, is kept


async def test_ctrl_q_on_the_list_quits_at_once(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ExerciseListScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_c_says_which_key_quits_in_words_not_markup(
    routine: Routine, tmp_path: Path
) -> None:
    """Textual's notice for ctrl+c is markup, and every notice here is shown as it is."""
    clock = FakeClock()
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)
    app = LowbackApp(Trainer(routine, clock=clock, now=lambda: TODAY, store=store))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        on_the_list = screen_text(app)
        app.clear_notifications()
        await start(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        in_a_session = screen_text(app)
        assert app.is_running  # a key, not the signal: nothing ends
    assert "Press q to quit" in on_the_list
    assert "Press ctrl+q to quit" in in_a_session  # q ends the session there
    assert "[b]" not in on_the_list + in_a_session
