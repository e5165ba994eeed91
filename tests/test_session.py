"""The session engine under a fake clock."""

from __future__ import annotations

import pytest

from lowback_tui.core.routine import plan
from lowback_tui.core.routine.file import dumps, loads
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind, Side
from lowback_tui.core.session.engine import (
    ExerciseFinished,
    PhaseStarted,
    Session,
    SessionFinished,
    State,
)
from lowback_tui.core.session.results import Outcome

from .fake_clock import FakeClock

TWO = loads(
    'name = "Two"\n[timing]\nstart_seconds = 0\n'  # settling in has tests of its own
    "get_ready_seconds = 5\nswitch_seconds = 3\nrest_seconds = 15\n"
    '[[exercise]]\nname = "Knee"\nhold_seconds = 5\nreps = 2\nsides = "alternate"\n'
    '[[exercise]]\nname = "Bike"\nwork_seconds = 30\n'
)  # Knee: ready 5, L 5, sw 3, R 5, sw 3, L 5, sw 3, R 5 (=34); rest 15; Bike: ready 5, work 30


def started(routine: Routine = TWO) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    session = Session(routine, clock=clock)
    session.start()
    return session, clock


def test_pause_freezes_the_hold_exactly() -> None:
    session, clock = started()
    clock.advance(7.5)  # get ready 5 s, then 2.5 s into the first hold
    session.pause()
    clock.advance(600)
    view = session.view()
    assert view.phase.kind is Kind.HOLD
    assert view.seconds_left == pytest.approx(2.5)
    assert view.state is State.PAUSED
    session.resume()
    clock.advance(2.4)
    session.advance()
    assert session.view().seconds_left == pytest.approx(0.1)
    assert session.view().phase.side is Side.LEFT


def test_shown_seconds_round_up_and_never_show_zero_mid_hold() -> None:
    session, clock = started()
    clock.advance(5)
    session.advance()
    shown = []
    for _ in range(10):
        shown.append(session.view().shown_seconds)
        clock.advance(0.5)
        session.advance()
    assert shown[:10] == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert session.view().phase.kind is Kind.SWITCH


def test_a_late_tick_does_not_drift() -> None:
    session, clock = started()
    clock.advance(5 + 5 + 3 + 1.25)  # one tick, very late: 1.25 s into the right-side hold
    events = session.advance()
    assert [e.phase.kind for e in events if isinstance(e, PhaseStarted)] == [
        Kind.HOLD, Kind.SWITCH, Kind.HOLD,
    ]  # fmt: skip
    view = session.view()
    assert view.phase.side is Side.RIGHT
    assert view.seconds_left == pytest.approx(3.75)


def test_a_long_sleep_jumps_to_the_end_in_one_advance() -> None:
    session, clock = started()
    clock.advance(10_000)
    events = session.advance()
    finished = [e for e in events if isinstance(e, SessionFinished)]
    assert len(finished) == 1
    summary = finished[0].summary
    assert summary.elapsed_seconds == plan.total_seconds(TWO)  # the planned end, not the wake-up
    assert [r.outcome for r in summary.records] == [Outcome.DONE, Outcome.DONE]


def test_a_whole_session_without_controls_matches_the_plan(routine: Routine) -> None:
    session, clock = started(routine)
    exercise_events = []
    while session.state is not State.FINISHED:
        clock.advance(0.7)
        exercise_events += [e for e in session.advance() if isinstance(e, ExerciseFinished)]
    summary = session.summary()
    assert summary.active_seconds == plan.active_seconds(routine)
    assert summary.planned_active_seconds == plan.active_seconds(routine)
    assert summary.elapsed_seconds == plan.total_seconds(routine)
    assert [e.record.index for e in exercise_events] == list(range(7))
    assert all(e.record.outcome is Outcome.DONE for e in exercise_events)


def test_each_exercise_is_reported_as_it_finishes_not_at_the_end() -> None:
    session, clock = started()
    clock.advance(33.5)
    session.advance()
    clock.advance(0.5)  # the last hold of Knee ends; the rest begins
    events = session.advance()
    assert [type(e) for e in events] == [ExerciseFinished, PhaseStarted]
    assert events[0].record.outcome is Outcome.DONE  # type: ignore[union-attr]
    assert session.view().phase.kind is Kind.REST
    assert session.view().exercise.name == "Bike"  # a rest looks ahead


def test_skip_mid_exercise_records_partial_and_moves_on() -> None:
    session, clock = started()
    clock.advance(5 + 5 + 3 + 2)  # first hold done, 2 s into the second
    events = session.skip()
    (finished,) = [e for e in events if isinstance(e, ExerciseFinished)]
    record = finished.record
    assert (record.outcome, record.efforts_done, record.efforts_planned) == (Outcome.PARTIAL, 1, 4)
    assert record.active_seconds == pytest.approx(7)
    view = session.view()
    assert (view.exercise.name, view.phase.kind) == ("Bike", Kind.GET_READY)


def test_skip_during_a_rest_ends_the_rest() -> None:
    session, clock = started()
    clock.advance(34 + 4)
    session.advance()
    session.skip()
    view = session.view()
    assert (view.exercise.name, view.phase.kind, view.seconds_left) == ("Bike", Kind.GET_READY, 5)


def test_skip_on_the_last_exercise_ends_the_session_and_a_started_effort_is_partial() -> None:
    session, clock = started()
    clock.advance(34 + 15 + 5 + 10)
    events = session.skip()
    assert isinstance(events[-1], SessionFinished)
    assert [r.outcome for r in events[-1].summary.records] == [Outcome.DONE, Outcome.PARTIAL]


def test_back_goes_to_the_previous_exercise_and_credit_is_kept() -> None:
    session, clock = started()
    clock.advance(34 + 15 + 5 + 10)  # 10 s into Bike
    session.back()
    view = session.view()
    assert (view.exercise.name, view.phase.kind) == ("Knee", Kind.GET_READY)
    summary = session.summary()
    assert summary.records[0].outcome is Outcome.DONE  # redoing it takes nothing away
    assert summary.records[1].active_seconds == pytest.approx(10)


def test_back_on_the_first_exercise_restarts_it() -> None:
    session, clock = started()
    clock.advance(8)
    session.back()
    assert session.view().phase.kind is Kind.GET_READY
    assert session.view().seconds_left == 5


def test_restart_rep_repeats_the_current_hold_or_the_one_just_done() -> None:
    session, clock = started()
    clock.advance(5 + 3)  # 3 s into the first (left) hold
    session.restart_rep()
    assert (session.view().phase.side, session.view().seconds_left) == (Side.LEFT, 5)
    clock.advance(5 + 1)  # the hold is done, 1 s into the switch
    session.advance()
    assert session.view().phase.kind is Kind.SWITCH
    session.restart_rep()
    assert (session.view().phase.side, session.view().seconds_left) == (Side.LEFT, 5)


def test_controls_while_paused_stay_paused() -> None:
    session, clock = started()
    clock.advance(6)
    session.pause()
    session.skip()
    clock.advance(100)
    view = session.view()
    assert (view.state, view.exercise.name, view.seconds_left) == (State.PAUSED, "Bike", 5)


def test_end_keeps_what_was_done_and_the_rest_is_not_reached() -> None:
    session, clock = started()
    clock.advance(34 + 3)
    session.advance()
    clock.advance(5)  # still resting
    session.pause()
    clock.advance(40)  # paused when ending
    events = session.end()
    summary = events[-1].summary  # type: ignore[union-attr]
    assert [r.outcome for r in summary.records] == [Outcome.DONE, Outcome.NOT_REACHED]
    assert summary.ended_early
    assert summary.elapsed_seconds == pytest.approx(34 + 3 + 5 + 40)
    assert summary.paused_seconds == pytest.approx(40)
    assert session.end() == []  # ending twice does nothing


def test_session_time_left_counts_every_remaining_phase() -> None:
    session, clock = started()
    assert session.view().session_seconds_left == plan.total_seconds(TWO)
    clock.advance(12.5)
    session.advance()
    assert session.view().session_seconds_left == pytest.approx(plan.total_seconds(TWO) - 12.5)


def test_next_phase_is_shown() -> None:
    session, clock = started()
    assert session.view().next_phase.kind is Kind.HOLD  # type: ignore[union-attr]
    clock.advance(34 + 1)
    session.advance()
    assert session.view().next_phase.exercise == 1  # type: ignore[union-attr]


ONE_HOLD = loads(
    'name = "One"\n[timing]\nstart_seconds = 0\nget_ready_seconds = 5\n'
    '[[exercise]]\nname = "Knee"\nhold_seconds = 5\n'
    '[[exercise]]\nname = "Bike"\nwork_seconds = 30\n'
)


@pytest.mark.parametrize(
    ("seconds_in", "outcome"),
    [
        (0.0, Outcome.SKIPPED),
        (0.999, Outcome.SKIPPED),
        (1.0, Outcome.PARTIAL),
        (4.9, Outcome.PARTIAL),
    ],
)
def test_a_second_of_effort_makes_an_exercise_partial_rather_than_skipped(
    seconds_in: float, outcome: Outcome
) -> None:
    session, clock = started(ONE_HOLD)
    clock.advance(5 + seconds_in)  # get ready, then this far into the only hold
    events = session.skip()
    (finished,) = [e for e in events if isinstance(e, ExerciseFinished)]
    assert finished.record.outcome is outcome
    assert finished.record.active_seconds == pytest.approx(seconds_in)


def test_an_exercise_is_done_only_when_every_effort_is() -> None:
    session, clock = started()
    clock.advance(5 + 5 + 3 + 5 + 3 + 5 + 3 + 4.99)  # all but the last 0.01 s of Knee
    events = session.skip()
    (finished,) = [e for e in events if isinstance(e, ExerciseFinished)]
    assert (finished.record.outcome, finished.record.efforts_done) == (Outcome.PARTIAL, 3)


THREE = loads(
    'name = "Three"\n[timing]\nstart_seconds = 0\n'
    "get_ready_seconds = 5\nswitch_seconds = 3\nrest_seconds = 15\n"
    '[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\nsides = "alternate"\n'
    '[[exercise]]\nname = "B"\nhold_seconds = 5\n'
    '[[exercise]]\nname = "C"\nhold_seconds = 5\n'
)  # A: ready 5, L 5, sw 3, R 5, sw 3, L 5, sw 3, R 5 (=34); rest 15; B: 10; rest 15; C: 10


def test_a_routine_with_nothing_to_do_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^a routine with no phases cannot be done$"):
        Session(Routine(name="Empty", exercises=()))


def test_before_the_start_and_after_the_end_the_time_left_is_whole_and_nothing() -> None:
    session = Session(TWO, clock=FakeClock())
    assert (session.view().seconds_left, session.view().state) == (5, State.NOT_STARTED)
    assert session.summary().elapsed_seconds == 0
    session.start()
    session.end()
    assert session.view().seconds_left == 0


def test_every_pause_adds_up() -> None:
    session, clock = started()
    clock.advance(6)
    session.pause()
    clock.advance(10)
    session.resume()
    clock.advance(1)
    session.pause()
    clock.advance(20)
    session.resume()
    clock.advance(1)
    session.pause()
    clock.advance(30)
    assert session.summary().paused_seconds == pytest.approx(60)  # asked while still paused
    clock.advance(40)
    summary = session.end()[-1].summary  # type: ignore[union-attr]
    assert (summary.paused_seconds, summary.elapsed_seconds) == (pytest.approx(100), 108)
    assert summary.routine_name == "Two"


def test_the_end_is_when_it_ended_not_when_asked() -> None:
    session, clock = started()
    clock.advance(10)
    session.end()
    clock.advance(500)
    assert session.summary().elapsed_seconds == 10


def test_back_goes_one_exercise_back_from_anywhere() -> None:
    session, clock = started(THREE)
    clock.advance(34 + 15 + 10 + 15 + 2)  # 2 s into C's get ready
    session.advance()
    session.back()
    assert (session.view().exercise.name, session.view().phase.kind) == ("B", Kind.GET_READY)


def test_the_next_phase_is_known_to_the_last_and_none_after_the_end() -> None:
    session, clock = started(THREE)
    total = plan.total_seconds(THREE)
    clock.advance(total - 5 - 1)  # in C's get ready: the hold is the last phase
    session.advance()
    assert session.view().next_phase.kind is Kind.HOLD  # type: ignore[union-attr]
    clock.advance(2)
    session.advance()
    assert session.view().next_phase is None
    ended, clock = started(THREE)
    clock.advance(8)
    ended.end()
    assert ended.view().next_phase is None


@pytest.mark.parametrize(
    ("seconds_in", "back_to"),
    [
        (5 + 5 + 1, (Kind.HOLD, Side.LEFT, 1)),  # in the first switch: the left hold just done
        (5 + 5 + 3 + 5 + 1, (Kind.HOLD, Side.RIGHT, 1)),  # in the second: the right one
        (34 + 1, (Kind.HOLD, Side.RIGHT, 2)),  # resting after A: its last hold
        (2, (Kind.GET_READY, None, 0)),  # getting ready: that starts again
        (34 + 15 + 2, (Kind.GET_READY, None, 0)),  # B's get ready, not A's last hold
    ],
)
def test_r_redoes_the_hold_just_done_or_starts_the_phase_again(
    seconds_in: float, back_to: tuple[Kind, Side | None, int]
) -> None:
    session, clock = started(THREE)
    clock.advance(seconds_in)
    session.restart_rep()
    view = session.view()
    assert (view.phase.kind, view.phase.side, view.phase.rep) == back_to
    assert view.seconds_left == view.phase.seconds


def test_r_without_get_ready_or_rests_stays_within_the_exercise() -> None:
    bare = loads(
        'name = "Bare"\n[timing]\nstart_seconds = 0\n'
        "get_ready_seconds = 0\nrest_seconds = 0\nrelax_seconds = 2\n"
        '[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\n'
        '[[exercise]]\nname = "B"\nhold_seconds = 5\n'
    )  # A: hold 5, relax 2, hold 5; B: hold 5 (no get ready, no rest between)
    session, clock = started(bare)
    clock.advance(5 + 1)  # relaxing after A's first hold
    session.restart_rep()
    assert (session.view().phase.kind, session.view().phase.rep) == (Kind.HOLD, 1)
    one = 'name = "One"\n[timing]\nstart_seconds = 0\n[[exercise]]\nname = "A"\nhold_seconds = 5\n'
    only, clock = started(loads(one))
    clock.advance(2)  # in the only exercise's get ready
    only.restart_rep()
    assert (only.view().phase.kind, only.view().seconds_left) == (Kind.GET_READY, 5)
    no_rest = loads(
        'name = "No rest"\n[timing]\nstart_seconds = 0\nrest_seconds = 0\n'
        '[[exercise]]\nname = "A"\nhold_seconds = 5\n[[exercise]]\nname = "B"\nhold_seconds = 5\n'
    )  # A: ready 5, hold 5; B straight after: ready 5, hold 5
    session, clock = started(no_rest)
    clock.advance(5 + 5 + 2)  # B's get ready, right after A's hold
    session.restart_rep()
    view = session.view()
    assert (view.exercise.name, view.phase.kind, view.seconds_left) == ("B", Kind.GET_READY, 5)


# ---- settling in -------------------------------------------------------------------------------

SETTLED = loads(dumps(TWO).replace("start_seconds = 0", "start_seconds = 20"))


def test_a_session_begins_by_settling_in_for_start_seconds() -> None:
    session, clock = started(SETTLED)
    view = session.view()
    assert (view.phase.kind, view.seconds_left, view.exercise.name) == (Kind.SETTLE, 20, "Knee")
    assert view.session_seconds_left == plan.total_seconds(SETTLED) == plan.total_seconds(TWO) + 20
    clock.advance(19.9)
    assert session.advance() == []
    clock.advance(0.1)
    (ready,) = session.advance()
    assert ready == PhaseStarted(plan.Phase(Kind.GET_READY, 5, 0))


def test_start_now_ends_settling_in_at_once_and_nothing_else() -> None:
    session, clock = started(SETTLED)
    clock.advance(3)
    assert session.start_now() == [PhaseStarted(plan.Phase(Kind.GET_READY, 5, 0))]
    assert session.view().seconds_left == 5  # the get-ready is whole
    assert session.start_now() == []  # in the get-ready: nothing
    clock.advance(6)
    session.advance()
    before = session.view()
    assert session.start_now() == []  # in a hold: nothing, not a skip
    assert session.view() == before
    paused, clock = started(SETTLED)
    paused.pause()
    assert paused.start_now() == []  # paused while settling in: it stays paused
    assert paused.view().state is State.PAUSED


def test_settling_in_is_never_done_again_by_going_back() -> None:
    session, clock = started(SETTLED)
    clock.advance(20 + 34 + 15 + 2)  # in Bike's get ready
    session.advance()
    session.back()
    assert (session.view().phase.kind, session.view().exercise.name) == (Kind.GET_READY, "Knee")
    session.back()  # the first exercise starts again at its get-ready
    assert session.view().phase.kind is Kind.GET_READY


def test_ending_while_settling_in_reaches_nothing_and_time_was_not_active() -> None:
    session, clock = started(SETTLED)
    clock.advance(10)
    (*_, finished) = session.end()
    assert isinstance(finished, SessionFinished)
    assert [r.outcome for r in finished.summary.records] == [Outcome.NOT_REACHED] * 2
    assert finished.summary.active_seconds == 0
    assert finished.summary.elapsed_seconds == 10
    assert session.on_exercise == 0  # carried on, it starts at the first exercise again
