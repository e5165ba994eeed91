"""A session ended early today carries on from where it stopped, as the same session (issue 13,
item 4)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import dumps, fingerprint
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind
from lowback_tui.core.session.engine import Session, State
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock

TODAY = datetime(2026, 12, 1, 8, 0)


class Now:
    """A settable wall clock."""

    def __init__(self) -> None:
        self.at = TODAY

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def now() -> Now:
    return Now()


@pytest.fixture
def store(tmp_path: Path, now: Now) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=now)


def until(run: SessionRun, clock: FakeClock, exercise_number: int) -> None:
    """Let the session run until it shows exercise `exercise_number` (a rest looks ahead)."""
    while run.state is State.RUNNING and run.view().exercise_number < exercise_number:
        clock.advance(1)
        run.advance()


def to_the_end(run: SessionRun, clock: FakeClock) -> None:
    while run.state is State.RUNNING:
        clock.advance(5)
        run.advance()


def test_two_exercises_ended_early_then_carried_on_make_one_whole_session(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    first = trainer.start_session(4)
    first.start()
    until(first, clock, 3)  # the rest after exercise 2
    first.end()
    carry = trainer.carry_on()
    assert carry is not None
    assert (carry.start_at, carry.exercise, carry.total) == (2, routine.exercises[2].name, 7)
    assert carry.question == f"Carry on from {routine.exercises[2].name} (3 of 7)?"
    second = trainer.start_session(None, carry_on=carry)
    assert second.pain_before == 4  # the session's rating before, from its first part
    second.start()
    assert second.view().exercise_number == 3
    to_the_end(second, clock)
    assert second.summary is not None
    assert [r.index for r in second.summary.records] == [2, 3, 4, 5, 6]
    (row,) = store.sessions()
    assert row.completed and not row.ended_early
    assert (row.done, row.partial, row.skipped) == (7, 0, 0)
    assert row.pain_before == 4
    assert [e[0] for e in store.exercises(row.id)] == list(range(7))  # each exercise once
    status = trainer.course_status()
    assert status is not None and status.done_today
    assert trainer.carry_on() is None  # finished: nothing to carry on


def test_stopped_mid_exercise_carries_on_from_that_exercise(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    run = trainer.start_session(None)
    run.start()
    until(run, clock, 2)
    clock.advance(20)  # part-way through exercise 2
    run.advance()
    run.end()
    carry = trainer.carry_on()
    assert carry is not None and carry.start_at == 1
    again = trainer.start_session(None, carry_on=carry)
    again.start()
    to_the_end(again, clock)
    (row,) = store.sessions()
    assert (row.done, row.partial, row.skipped) == (7, 0, 0)  # the cut-short part is redone


def test_a_session_cut_off_by_a_crash_carries_on_after_the_last_exercise_kept(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    run = trainer.start_session(None)
    run.start()
    until(run, clock, 3)
    clock.advance(10)
    run.advance()  # and then the process dies: no end, no finish
    carry = trainer.carry_on()
    assert carry is not None and carry.start_at == 2


def test_nothing_to_carry_on_from_the_first_exercise_another_day_or_after_pain(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    run = trainer.start_session(None)
    run.start()
    clock.advance(10)
    run.advance()
    run.end()
    assert trainer.carry_on() is None  # still on exercise 1: starting again is the same
    run = trainer.start_session(None)
    run.start()
    until(run, clock, 3)
    run.stop_for_pain()
    assert trainer.carry_on() is None  # it hurt: not offered
    run = trainer.start_session(None)
    run.start()
    until(run, clock, 3)
    run.end()
    assert trainer.carry_on() is not None
    now.at = TODAY + timedelta(days=1)
    assert trainer.carry_on() is None  # only the same day


def test_the_engine_starts_at_an_exercise_and_goes_back_no_further(routine: Routine) -> None:
    clock = FakeClock()
    session = Session(routine, clock=clock, start_at=3)
    session.start()
    assert session.view().exercise_number == 4
    session.back()
    assert session.view().exercise_number == 4
    with pytest.raises(ValueError, match="no exercise 8 to start at"):
        Session(routine, clock=clock, start_at=7)


async def test_on_screen_enter_asks_to_carry_on_and_y_does(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    from lowback_tui.app import LowbackApp
    from lowback_tui.screens.confirm import Confirm
    from lowback_tui.screens.countdown import CountdownScreen

    from .conftest import screen_text
    from .test_countdown_screen import on_screen, start, to_summary, wait

    clock = FakeClock()
    app = LowbackApp(Trainer(routine, clock=clock, now=now, store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain="3")
        await wait(pilot, clock, 180)  # two exercises and a little
        await pilot.press("q", "y")
        await to_summary(pilot)
        await pilot.press("enter")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert f"Carry on from {routine.exercises[2].name} (3 of 7)?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        screen = on_screen(app)
        assert isinstance(screen, CountdownScreen)
        assert screen.run.view().exercise_number == 3
        await wait(pilot, clock, 900)
        await to_summary(pilot)
    (row,) = store.sessions()
    assert (row.done, row.partial, row.skipped) == (7, 0, 0) and row.completed
    assert row.pain_before == 3


def test_plain_mode_asks_to_carry_on(routine: Routine, store: HistoryStore, now: Now) -> None:
    import io

    from lowback_tui.core.settings import Settings, save
    from lowback_tui.plain import Plain

    from .test_plain import Script

    save(Settings(safety_read=True))
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    Plain(io.StringIO(), Script(clock, ["3", "", "s"], {180: "q"})).run(trainer)
    out = io.StringIO()
    Plain(out, Script(clock, ["y", "s"], {})).run(trainer)
    question = f"Carry on from {routine.exercises[2].name} (3 of 7)? (y carries on, n starts again)"
    assert question in out.getvalue()
    (row,) = store.sessions()
    assert (row.done, row.partial, row.skipped) == (7, 0, 0) and row.completed


def test_a_carried_on_session_settles_in_before_the_exercise_it_carries_on_from(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    first = trainer.start_session(4)
    first.start()
    assert first.view().phase.kind is Kind.SETTLE
    until(first, clock, 3)
    first.end()
    carry = trainer.carry_on()
    assert carry is not None
    second = trainer.start_session(None, carry_on=carry)
    second.start()
    view = second.view()
    assert (view.phase.kind, view.exercise_number, view.seconds_left) == (Kind.SETTLE, 3, 20)
    second.start_now()
    second.back()  # back stops at the exercise it carried on from, and settles in only once
    assert (second.view().phase.kind, second.view().exercise_number) == (Kind.GET_READY, 3)


def test_a_session_kept_before_settling_in_existed_is_started_again_not_carried_on(
    routine: Routine, store: HistoryStore, now: Now
) -> None:
    # Adding start_seconds changed what every routine's fingerprint hashes: a session ended
    # early just before the upgrade is of a routine "as it was", and carrying it on could start
    # at the wrong place. It is offered no carry-on; Enter starts a new session.
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=now, store=store)
    first = trainer.start_session(4)
    first.start()
    until(first, clock, 3)
    first.end()
    before = dumps(routine).replace("start_seconds = 20\n", "")
    assert "start_seconds" not in before
    old_hash = hashlib.sha256(before.encode()).hexdigest()[:16]  # as session_run.fingerprint
    assert old_hash != fingerprint(routine)
    store._write("UPDATE sessions SET routine_hash = ?", (old_hash,))
    assert trainer.carry_on() is None
    again = trainer.start_session(5)
    again.start()
    assert (again.view().phase.kind, again.view().exercise_number) == (Kind.SETTLE, 1)
