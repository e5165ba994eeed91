"""A bad day before a session, and the session after one stopped because it hurt (issue 13,
item 2): the gentle routine, a rest day or carry on, one key each."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core import wording
from lowback_tui.core.course.before_session import SEVERE_BEFORE
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain
from lowback_tui.screens.bad_day import BadDayScreen
from lowback_tui.screens.countdown import CountdownScreen
from lowback_tui.screens.list_screen import ExerciseListScreen

from .conftest import screen_text
from .fake_clock import FakeClock
from .test_countdown_screen import answer_pain, on_screen, skip_activities, wait
from .test_plain import Script

TODAY = datetime(2026, 12, 1, 8, 0)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)


def trainer_for(routine: Routine, store: HistoryStore, clock: FakeClock | None = None) -> Trainer:
    return Trainer(routine, clock=clock or FakeClock(), now=lambda: TODAY, store=store)


def stop_for_pain_in_exercise_2(trainer: Trainer, clock: FakeClock) -> None:
    run = trainer.start_session(3)
    run.start()
    while run.view().exercise_number < 2 or run.view().phase.kind.value == "rest":
        clock.advance(1)
        run.advance()
    clock.advance(10)
    run.advance()
    run.stop_for_pain()


# ---- the rules, in the core ------------------------------------------------------------------


def test_six_offers_nothing_and_seven_offers_gentle_or_rest(
    routine: Routine, store: HistoryStore
) -> None:
    assert SEVERE_BEFORE == 7
    trainer = trainer_for(routine, store)
    assert trainer.before_session(6) is None
    assert trainer.before_session(None) is None
    before = trainer.before_session(7)
    assert before is not None and before.gentle and before.rest
    assert before.message == wording.bad_day(7, True)
    assert "7/10 is severe pain" in before.message


def test_after_a_stop_for_pain_the_gentle_routine_is_suggested_naming_the_exercise(
    routine: Routine, store: HistoryStore
) -> None:
    clock = FakeClock()
    trainer = trainer_for(routine, store, clock)
    stop_for_pain_in_exercise_2(trainer, clock)
    before = trainer.before_session(2)
    assert before is not None and before.gentle and not before.rest
    assert f"Last time you stopped because {routine.exercises[1].name} hurt" in before.message
    gentle = trainer.start_session(2, gentle=True)
    assert gentle.routine.name == "Gentle start"
    assert trainer.routine.name == routine.name  # for this session only
    gentle.start()
    gentle.end()
    assert trainer.before_session(2) is None  # said once: the next session was not stopped


# ---- the app ---------------------------------------------------------------------------------


async def begin(pilot: Pilot[None], pain: str) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")  # the first-run safety screen
    await answer_pain(pilot, pain)


async def test_seven_on_screen_offers_g_r_c(routine: Routine, store: HistoryStore) -> None:
    clock = FakeClock()
    app = LowbackApp(trainer_for(routine, store, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot, "7")
        assert isinstance(app.screen, BadDayScreen)
        await pilot.press("r")  # rest today: no session
        assert isinstance(on_screen(app), ExerciseListScreen)
        assert store.sessions() == []
        await pilot.press("enter")
        await answer_pain(pilot, "8")
        await pilot.press("g")
        await skip_activities(pilot)
        screen = on_screen(app)
        assert isinstance(screen, CountdownScreen)
        assert screen.run.routine.name == "Gentle start"
        await pilot.press("q", "y")
        await answer_pain(pilot, "s")  # the summary's question
        await pilot.press("enter")
        assert isinstance(on_screen(app), ExerciseListScreen)
        await pilot.press("enter")  # a gentle session is not carried on as today's routine
        await answer_pain(pilot, "6")
        screen = on_screen(app)
        assert isinstance(screen, CountdownScreen)  # 6: no question
        assert screen.run.routine.name == routine.name
        await wait(pilot, clock, 1)
        assert screen.run.state is State.RUNNING


async def test_carry_on_with_c_or_enter(routine: Routine, store: HistoryStore) -> None:
    app = LowbackApp(trainer_for(routine, store))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot, "9")
        assert isinstance(app.screen, BadDayScreen)
        await pilot.press("enter")
        await skip_activities(pilot)
        screen = on_screen(app)
        assert isinstance(screen, CountdownScreen)
        assert screen.run.routine.name == routine.name and screen.run.pain_before == 9


def test_bad_day_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: TODAY)
    app = LowbackApp(trainer_for(routine, store))
    assert snap_compare(app, terminal_size=(80, 24), press=["enter", "enter", "8", "enter"])


# ---- plain mode ------------------------------------------------------------------------------


def test_plain_mode_asks_the_same(routine: Routine, store: HistoryStore) -> None:
    save(Settings(safety_read=True))
    clock = FakeClock()
    out = io.StringIO()
    trainer = trainer_for(routine, store, clock)
    Plain(out, Script(clock, ["7", "r"], {})).run(trainer)
    text = out.getvalue()
    assert wording.bad_day(7, True) in text
    assert "g gentle, r rest, or c to carry on:" in text
    assert wording.REST_TODAY in text
    assert store.sessions() == []
    out = io.StringIO()
    Plain(out, Script(clock, ["7", "g", "s"], {0.5: "q"})).run(trainer)
    (row,) = store.sessions()
    assert row.routine_name == "Gentle start" and row.pain_before == 7


async def test_the_offer_at_a_tiny_size_still_answers_each_key(
    routine: Routine, store: HistoryStore
) -> None:
    app = LowbackApp(trainer_for(routine, store))
    async with app.run_test(size=(40, 12)) as pilot:
        await begin(pilot, "7")
        assert isinstance(app.screen, BadDayScreen)
        assert "Go easy today?" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(on_screen(app), ExerciseListScreen)
        assert store.sessions() == []
