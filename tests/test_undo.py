"""`-` takes back an accepted "one more rep" before it edits the routine file (issue 13, item 6)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer

from .conftest import screen_text
from .fake_clock import FakeClock

TODAY = datetime(2026, 12, 1, 8, 0)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)


def accept(store: HistoryStore, routine: Routine, reps: int) -> None:
    """An accepted offer of `reps` for the first exercise, as the summary keeps it."""
    session = store.begin(routine.name, "hash", None)
    store.decide_offer(session, routine.name, routine.exercises[0].id, reps, accept=True)


def test_minus_lowers_an_accepted_target_then_edits_the_file(
    routine: Routine, store: HistoryStore
) -> None:
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)
    bundled = trainer.routine_path
    accept(store, routine, 6)
    assert trainer.routine_today().exercises[0].reps == 6
    assert trainer.adjust(0, "reps", -1) is None
    assert trainer.routine_today().exercises[0].reps == 5  # the routine's own reps
    assert trainer.routine_path == bundled  # the file was not touched
    assert store.targets(routine.name) == {}
    assert trainer.adjust(0, "reps", -1) is None  # below the routine's reps: the file is edited
    assert trainer.routine_path != bundled
    assert trainer.routine.exercises[0].reps == 4
    assert trainer.routine_today().exercises[0].reps == 4


def test_two_accepted_reps_come_down_one_at_a_time(routine: Routine, store: HistoryStore) -> None:
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)
    accept(store, routine, 6)
    accept(store, routine, 7)
    trainer.adjust(0, "reps", -1)
    assert store.targets(routine.name) == {routine.exercises[0].id: 6}
    trainer.adjust(0, "reps", -1)
    assert store.targets(routine.name) == {}
    assert trainer.routine.exercises[0].reps == 5


def test_plus_still_edits_the_file(routine: Routine, store: HistoryStore) -> None:
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)
    accept(store, routine, 6)
    trainer.adjust(0, "reps", 1)
    assert trainer.routine.exercises[0].reps == 6


async def test_minus_on_the_list_takes_the_raise_back(
    routine: Routine, store: HistoryStore
) -> None:
    accept(store, routine, 6)
    app = LowbackApp(Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "(up from 5)" in screen_text(app)
        await pilot.press("minus")
        await pilot.pause()
        assert "(up from 5)" not in screen_text(app)
        assert app.trainer.routine.exercises[0].reps == 5
