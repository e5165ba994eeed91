"""The steps before a session, as the core orders them for every front end (issue 23, item 2):
safety once, carrying on, the rating, a bad day's offer, the start."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lowback_tui.core import wording
from lowback_tui.core.course.before_session import CARRY_ON, GENTLE, REST, SEVERE_BEFORE
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.session_start import (
    AskActivities,
    AskBadDay,
    AskCarryOn,
    AskPain,
    AskSafety,
    Begin,
    NoSession,
    SessionStart,
)
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock

TODAY = datetime(2026, 12, 1, 8, 0)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)


@pytest.fixture
def trainer(routine: Routine, store: HistoryStore) -> Trainer:
    return Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)


def read_safety(trainer: Trainer) -> None:
    trainer.confirm_safety()


def begun(step: object, start: SessionStart | None = None) -> SessionRun:
    """The run `step` began; the activities, asked first at a course's first session, skipped
    (test_activity_log has their own tests)."""
    if isinstance(step, AskActivities) and start is not None:
        step = start.answer(None)
    assert isinstance(step, Begin), step
    return step.run


def sessions(store: HistoryStore) -> int:
    return len(store.sessions())


def test_the_first_time_safety_comes_first_and_no_means_no_session(
    trainer: Trainer, store: HistoryStore
) -> None:
    start = SessionStart(trainer)
    assert start.step == AskSafety()
    assert start.answer(False) == NoSession()
    assert trainer.needs_safety_check  # not confirmed
    assert sessions(store) == 0


def test_safety_read_then_the_rating_then_the_start(trainer: Trainer, store: HistoryStore) -> None:
    start = SessionStart(trainer)
    assert start.answer(True) == AskPain()
    assert not trainer.needs_safety_check
    run = begun(start.answer(3), start)
    assert run.pain_before == 3 and run.routine.name == trainer.routine.name
    assert sessions(store) == 1
    assert SessionStart(trainer).step == AskPain()  # safety only once


def test_no_rating_starts_too(trainer: Trainer) -> None:
    read_safety(trainer)
    start = SessionStart(trainer)
    assert begun(start.answer(None), start).pain_before is None


def test_a_bad_day_is_offered_from_severe_and_not_below(trainer: Trainer) -> None:
    read_safety(trainer)
    below = SessionStart(trainer)
    assert isinstance(below.answer(SEVERE_BEFORE - 1), AskActivities | Begin)
    severe = SessionStart(trainer)
    step = severe.answer(SEVERE_BEFORE)
    assert isinstance(step, AskBadDay) and step.before.rest and step.before.gentle


def test_a_rest_day_starts_nothing_and_says_so(trainer: Trainer, store: HistoryStore) -> None:
    read_safety(trainer)
    start = SessionStart(trainer)
    start.answer(8)
    assert start.answer(REST) == NoSession(wording.REST_TODAY)
    assert sessions(store) == 0


def test_gentle_starts_the_gentle_routine_and_carry_on_the_usual_one(trainer: Trainer) -> None:
    read_safety(trainer)
    gentle = SessionStart(trainer)
    gentle.answer(8)
    run = begun(gentle.answer(GENTLE), gentle)
    assert run.routine.name != trainer.routine.name and run.pain_before == 8
    usual = SessionStart(trainer)
    usual.answer(8)
    assert begun(usual.answer(CARRY_ON), usual).routine.name == trainer.routine.name


def test_going_back_from_a_bad_day_or_cancelling_starts_nothing(
    trainer: Trainer, store: HistoryStore
) -> None:
    read_safety(trainer)
    start = SessionStart(trainer)
    start.answer(9)
    assert start.answer(None) == NoSession()
    other = SessionStart(trainer)
    other.cancel()
    assert other.step == NoSession()
    assert sessions(store) == 0


def test_a_session_ended_early_today_is_offered_to_carry_on(
    trainer: Trainer, store: HistoryStore
) -> None:
    read_safety(trainer)
    start = SessionStart(trainer)
    first = begun(start.answer(4), start)
    first.start()
    clock = trainer.clock
    assert isinstance(clock, FakeClock)
    while first.view().exercise_number < 3:
        clock.advance(1)
        first.advance()
    first.end()
    yes = SessionStart(trainer)
    step = yes.step
    assert isinstance(step, AskCarryOn) and step.carry_on.start_at == 2
    assert step.detail == wording.CARRY_ON_DETAIL
    carried = begun(yes.answer(True))
    assert carried.pain_before == 4  # the same session, its rating before
    assert sessions(store) == 1
    carried.start()
    assert carried.state is State.RUNNING
    carried.end()
    no = SessionStart(trainer)
    assert isinstance(no.step, AskCarryOn)
    assert no.answer(False) == AskPain()  # start again, asked afresh
