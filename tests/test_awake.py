"""The screen is kept awake while a session's clock runs, and only then: the core's flow, with a
recording Awake and a fake clock (test_awake_desktop.py has the desktop's own part)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.session_start import AskActivities, AskCarryOn, Begin, SessionStart
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock
from .test_session_run import TWO, WHOLE

TODAY = datetime(2026, 12, 1, 8, 0)


class Recorder:
    """An Awake that writes down each call."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def hold(self) -> None:
        self.calls.append("hold")

    def release(self) -> None:
        self.calls.append("release")


def begun(awake: Recorder) -> tuple[SessionRun, FakeClock]:
    clock = FakeClock()
    run = SessionRun(TWO, None, 3, clock, awake=awake)
    assert awake.calls == []  # made, not started: the screen may still blank
    run.start()
    return run, clock


def test_held_from_the_start_to_the_end_and_never_again() -> None:
    awake = Recorder()
    run, clock = begun(awake)
    assert awake.calls == ["hold"]
    for _ in range(WHOLE):
        clock.advance(1)
        run.advance()  # many changes of phase: still one hold
    assert run.state is State.FINISHED
    assert awake.calls == ["hold", "release"]
    run.question_after()
    run.check_in_after(2)
    run.leave()  # after the end: nothing more
    assert awake.calls == ["hold", "release"]


def test_released_on_a_pause_and_held_again_on_carrying_on() -> None:
    awake = Recorder()
    run, clock = begun(awake)
    clock.advance(7)
    run.advance()
    run.pause()
    assert awake.calls == ["hold", "release"]
    clock.advance(600)  # a long pause: nothing asked of the desktop meanwhile
    run.advance()
    assert awake.calls == ["hold", "release"]
    run.toggle_pause()
    assert awake.calls == ["hold", "release", "hold"]
    run.toggle_pause()
    run.resume()
    assert awake.calls == ["hold", "release", "hold", "release", "hold"]


@pytest.mark.parametrize("how", ["end", "stop_for_pain", "leave"])
def test_released_when_the_session_is_ended_stopped_or_left(how: str) -> None:
    awake = Recorder()
    run, clock = begun(awake)
    clock.advance(20)
    run.advance()
    getattr(run, how)()
    assert run.state is State.FINISHED
    assert awake.calls == ["hold", "release"]


def test_left_while_paused_releases_once() -> None:
    awake = Recorder()
    run, _ = begun(awake)
    run.pause()
    run.leave()  # a ctrl+q while paused: already released
    assert awake.calls == ["hold", "release"]


def test_left_before_it_started_holds_nothing() -> None:
    awake = Recorder()
    run = SessionRun(TWO, None, 3, FakeClock(), awake=awake)
    run.leave()
    assert awake.calls == []


def test_skipping_and_starting_now_keep_the_hold() -> None:
    awake = Recorder()
    run, _ = begun(awake)
    run.skip()
    run.back()
    run.restart_rep()
    assert awake.calls == ["hold"]
    run.skip()
    run.skip()  # past the last exercise: the end
    assert run.state is State.FINISHED
    assert awake.calls == ["hold", "release"]


def test_session_start_passes_it_to_the_run_the_trainer_makes(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)
    clock = FakeClock()
    trainer = Trainer(routine, clock=clock, now=lambda: TODAY, store=store)
    trainer.confirm_safety()
    awake = Recorder()
    start = SessionStart(trainer, None, awake)
    step = start.answer(2)
    if isinstance(step, AskActivities):  # the course's first session asks; skipped
        step = start.answer(None)
    assert isinstance(step, Begin)
    step.run.start()
    assert awake.calls == ["hold"]
    clock.advance(120)  # an exercise or two done
    step.run.advance()
    step.run.leave()
    assert awake.calls == ["hold", "release"]
    # and carrying on a session that ended early keeps it too
    again = SessionStart(trainer, None, awake)
    assert isinstance(again.step, AskCarryOn)
    carried = again.answer(True)
    assert isinstance(carried, Begin) and carried.run.continues
    carried.run.start()
    assert awake.calls == ["hold", "release", "hold"]
    carried.run.end()
    assert awake.calls == ["hold", "release", "hold", "release"]
