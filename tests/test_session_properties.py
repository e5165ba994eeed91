"""Properties of the engine for any routine and any controls at any times."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lowback_tui.core.routine import plan
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import Session, State

from .fake_clock import FakeClock
from .strategies import routines

CONTROLS = ["advance", "pause", "resume", "toggle_pause", "skip", "back", "restart_rep", "end"]
EPSILON = 1e-6

steps = st.lists(
    st.tuples(st.sampled_from(CONTROLS), st.floats(0, 40, allow_nan=False)), max_size=40
)
small_routines = routines(max_exercises=4, max_reps=3, max_seconds=20)


def check(session: Session) -> None:
    view = session.view()
    assert 0 <= view.seconds_left <= view.phase.seconds
    assert view.shown_seconds <= view.phase.seconds
    if view.state in (State.RUNNING, State.PAUSED):
        assert view.shown_seconds >= 1 or view.seconds_left == 0
    summary = session.summary()
    running = summary.elapsed_seconds - summary.paused_seconds
    assert summary.active_seconds <= running + EPSILON  # paused time is never active
    assert summary.paused_seconds >= -EPSILON
    for record in summary.records:
        assert 0 <= record.efforts_done <= record.efforts_planned
        assert record.active_seconds >= -EPSILON


def finish(session: Session, clock: FakeClock) -> None:
    session.resume()
    clock.advance(10**7)
    session.advance()
    assert session.state is State.FINISHED


@settings(max_examples=300, deadline=None)
@given(small_routines, steps)
def test_any_controls_at_any_times_keep_time_sane(routine: Routine, script: list) -> None:  # type: ignore[type-arg]
    clock = FakeClock()
    session = Session(routine, clock=clock)
    session.start()
    check(session)
    for control, wait in script:
        clock.advance(wait)
        getattr(session, control)()
        check(session)
    finish(session, clock)
    check(session)
    summary = session.summary()
    assert summary.planned_active_seconds == plan.active_seconds(routine)


@settings(max_examples=200, deadline=None)
@given(small_routines, st.lists(st.floats(0, 40, allow_nan=False), max_size=30))
def test_without_controls_active_time_is_the_plan(routine: Routine, waits: list[float]) -> None:
    clock = FakeClock()
    session = Session(routine, clock=clock)
    session.start()
    for wait in waits:
        clock.advance(wait)
        session.advance()
        check(session)
    finish(session, clock)
    summary = session.summary()
    assert abs(summary.active_seconds - plan.active_seconds(routine)) < EPSILON
    assert summary.elapsed_seconds == plan.total_seconds(routine)
    assert not summary.ended_early


@settings(max_examples=200, deadline=None)
@given(small_routines, st.lists(st.tuples(st.floats(0, 30), st.floats(0, 500)), max_size=10))
def test_pauses_of_any_length_change_nothing_but_elapsed_time(
    routine: Routine,
    pauses: list[tuple[float, float]],
) -> None:
    clock = FakeClock()
    session = Session(routine, clock=clock)
    session.start()
    paused = 0.0
    for run, pause in pauses:
        clock.advance(run)
        session.pause()
        was = session.view().seconds_left
        clock.advance(pause)
        assert session.view().seconds_left == was
        if session.state is State.PAUSED:
            paused += pause
        session.resume()
    finish(session, clock)
    summary = session.summary()
    assert abs(summary.active_seconds - plan.active_seconds(routine)) < EPSILON
    assert abs(summary.elapsed_seconds - plan.total_seconds(routine) - paused) < EPSILON
