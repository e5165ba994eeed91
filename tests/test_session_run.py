"""One session kept as it happens, and what follows it: no front end, a fake clock, a real store."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lowback_tui.core.course import advice, one_more_rep
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import dumps, fingerprint, loads
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind
from lowback_tui.core.session.engine import Session, State
from lowback_tui.core.session.guidance import Say
from lowback_tui.core.session_run import SessionRun

from .fake_clock import FakeClock

TODAY = datetime(2026, 11, 25, 8, 0)
TWO = loads(
    'name = "Two"\n[timing]\nstart_seconds = 0\n'  # settling in has tests of its own
    "get_ready_seconds = 5\nswitch_seconds = 3\nrest_seconds = 15\n"
    '[[exercise]]\nid = "knee"\nname = "Knee"\nhold_seconds = 5\nreps = 2\ngoal_reps = 4\n'
    '[[exercise]]\nname = "Bike"\nwork_seconds = 30\n'
)  # Knee: ready 5, hold 5, relax 3, hold 5 (=18); rest 15; Bike: ready 5, work 30 (=35)
WHOLE = 18 + 15 + 35


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)


def begun(store: HistoryStore | None, pain: int | None = 3) -> tuple[SessionRun, FakeClock]:
    clock = FakeClock()
    run = SessionRun(TWO, store, pain, clock)
    run.start()
    return run, clock


def whole_session(store: HistoryStore, before: int = 3, after: int = 3) -> SessionRun:
    run, clock = begun(store, before)
    clock.advance(WHOLE)
    run.advance()
    run.check_in_after(after)
    return run


def test_each_exercise_is_kept_the_moment_it_is_left(store: HistoryStore) -> None:
    run, clock = begun(store)
    clock.advance(18)
    run.advance()  # Knee done, resting
    (session,) = store.sessions()
    assert (session.done, session.ended_at) == (1, None)  # kept before the session ends
    clock.advance(15 + 35)
    run.advance()
    (session,) = store.sessions()
    assert (session.done, session.completed, session.pain_before) == (2, True, 3)
    assert run.summary is not None and run.state is State.FINISHED


def test_ending_early_keeps_what_was_done(store: HistoryStore) -> None:
    run, clock = begun(store)
    clock.advance(18 + 2)
    run.end()
    (session,) = store.sessions()
    assert (session.done, session.skipped, session.not_reached) == (1, 0, 1)  # Bike: ended
    assert (session.ended_early, session.completed) == (True, False)  # in its get-ready


def test_stopping_for_pain_is_kept_and_offers_nothing(store: HistoryStore) -> None:
    whole_session(store)
    whole_session(store)  # two full sessions: Knee is ready for one more rep
    run, clock = begun(store)
    clock.advance(18)
    run.stop_for_pain()
    assert run.stopped_for_pain
    assert store.sessions()[-1].stopped_for_pain
    assert run.check_in_after(3).offers == ()


def test_leaving_mid_session_ends_and_keeps_it_and_after_the_end_does_nothing(
    store: HistoryStore,
) -> None:
    run, clock = begun(store)
    clock.advance(7)
    run.pause()
    run.leave()  # the terminal closed
    assert run.state is State.FINISHED
    assert store.sessions()[0].ended_early
    ended = store.sessions()[0].ended_at
    run.leave()
    assert store.sessions()[0].ended_at == ended


def test_the_check_in_after_says_what_follows(store: HistoryStore) -> None:
    run, clock = begun(store, pain=2)
    clock.advance(WHOLE)
    run.advance()
    after = run.check_in_after(4)
    assert after.pain_line == "Your back: 2 before, 4 after (0 to 10)"
    assert after.pain_advice == (
        "Your back hurts 2 points more than before the session. Rest today and go gently next "
        "time; if it stays worse for more than a few days, talk to a doctor or physiotherapist."
    )
    assert after.trend_advice == ""
    assert store.sessions()[0].pain_after == 4


def test_one_point_more_after_a_session_is_no_reason_to_rest(store: HistoryStore) -> None:
    run = whole_session(store, before=2, after=3)
    assert run.check_in_after(3).pain_advice == ""  # PAIN_JUMP is 2 (exercises.md)


def test_a_skipped_check_in_says_only_what_is_known(store: HistoryStore) -> None:
    run, clock = begun(store, pain=None)
    clock.advance(WHOLE)
    run.advance()
    after = run.check_in_after(None)
    assert (after.pain_line, after.pain_advice) == ("", "")
    assert run.check_in_after(5).pain_line == "Your back: – before, 5 after (0 to 10)"


def test_two_weeks_without_improvement_advises_a_professional(tmp_path: Path) -> None:
    day = [TODAY - timedelta(days=20)]
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: day[0])
    for _ in range(14):
        whole_session(store, before=5, after=5)
        day[0] += timedelta(days=1)
    run = whole_session(store, before=5, after=5)
    assert run.check_in_after(5).trend_advice == advice.NOT_IMPROVING


def test_an_accepted_offer_raises_the_target_and_a_refusal_does_not(store: HistoryStore) -> None:
    whole_session(store)
    run = whole_session(store)
    (offer,) = run.check_in_after(3).offers
    assert (offer.exercise_id, offer.reps) == ("knee", 3)
    run.decide(offer, accept=False)
    assert store.targets("Two") == {}
    whole_session(store)
    run = whole_session(store)
    (offer,) = run.check_in_after(3).offers
    run.decide(offer, accept=True)
    assert store.targets("Two") == {"knee": 3}


def test_what_follows_the_session_is_said_in_turn(store: HistoryStore) -> None:
    from .test_guidance import Transcript

    whole_session(store)
    whole_session(store)
    clock = FakeClock()
    transcript = Transcript(clock)
    run = SessionRun(TWO, store, 3, clock, transcript)
    run.start()
    clock.advance(WHOLE)
    run.advance()
    before = len(transcript.lines)
    assert run.question_after() == "How is your back now?"
    (offer,) = run.check_in_after(3).offers
    run.decide(offer, accept=False)
    said = [line[2] for line in transcript.lines[before:]]
    assert said == [
        "How is your back now?",
        "Your back: 3 before, 3 after (0 to 10).",
        "Knee: done in full twice in a row, without more pain. Go up to 3 reps next time?",
        "Knee: staying at 2 reps for now.",
    ]
    assert set(transcript.modes[before:]) == {Say.IN_TURN}
    assert one_more_rep.offer_answered(offer, True) == "Knee: 3 reps from now on."


def test_without_a_store_nothing_is_kept_and_it_says_so() -> None:
    run, clock = begun(None)
    assert run.problem == "history is not being saved"
    clock.advance(WHOLE)
    run.advance()
    after = run.check_in_after(3)
    assert after.offers == () and after.trend_advice == ""
    assert after.pain_line == "Your back: 3 before, 3 after (0 to 10)"


def test_a_store_that_stops_saving_mid_session_is_said_at_once(store: HistoryStore) -> None:
    run, clock = begun(store)
    assert run.problem is None
    store.problem = "history is not being saved (disk I/O error)"
    assert run.problem == "history is not being saved (disk I/O error)"
    clock.advance(WHOLE)
    run.advance()
    assert run.check_in_after(3).offers == ()  # an answer that cannot be kept is not asked for


def test_the_fingerprint_ignores_layout_and_comments_but_not_doses() -> None:
    again = loads("# a comment\n" + dumps(TWO).replace(" = ", "="))
    assert fingerprint(again) == fingerprint(TWO)
    harder = loads(dumps(TWO).replace("reps = 2", "reps = 3"))
    assert fingerprint(harder) != fingerprint(TWO)


def test_the_run_times_today_s_routine_and_tells_its_events(routine: Routine) -> None:
    clock = FakeClock()
    run = SessionRun(routine, None, None, clock)
    (started,) = run.start()
    assert started.phase.exercise == 0  # type: ignore[union-attr]
    assert (run.view().phase.kind, run.view().seconds_left) == (Kind.SETTLE, 20)
    assert run.settling
    (ready,) = run.start_now()  # space (Enter in plain mode) while settling in
    assert (ready.phase.kind, ready.phase.exercise) == (Kind.GET_READY, 0)  # type: ignore[union-attr]
    assert run.view().seconds_left == 5
    assert not run.settling
    assert run.start_now() == []  # only while settling in


def test_space_starts_at_once_only_while_the_clock_runs_on_settling_in(routine: Routine) -> None:
    clock = FakeClock()
    run = SessionRun(routine, None, None, clock)
    assert not run.settling  # not started yet
    run.start()
    run.pause()
    assert not run.settling  # paused: space carries on, as it does in every phase
    assert run.start_now() == []
    run.resume()
    clock.advance(20)
    run.advance()
    assert run.view().phase.kind is Kind.GET_READY and not run.settling


@pytest.mark.parametrize(
    "control",
    ["pause", "resume", "toggle_pause", "start_now", "skip", "back", "restart_rep", "end"],
)
def test_each_control_does_what_the_engine_does_and_keeps_it(
    store: HistoryStore, control: str
) -> None:
    run, clock = begun(store)
    twin = Session(TWO, clock=clock)  # the same session, driven directly
    twin.start()
    clock.advance(18 + 15 + 7)  # 2 s into Bike's work
    if control == "resume":
        run.pause()
        twin.pause()
        clock.advance(30)
    events = getattr(run, control)()
    assert events == getattr(twin, control)()
    assert run.view() == twin.view()
    assert store.sessions()[0].done == 1  # Knee, kept when it was left


def test_there_is_no_summary_until_the_session_is_over(store: HistoryStore) -> None:
    run, _ = begun(store)
    assert run.summary is None
    run.end()
    assert run.summary is not None and run.summary.ended_early


def test_the_trend_is_judged_on_this_course_only(tmp_path: Path) -> None:
    day = [TODAY - timedelta(days=40)]
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: day[0])
    for _ in range(14):  # two weeks without improvement, in an earlier course
        whole_session(store, before=5, after=5)
        day[0] += timedelta(days=1)
    day[0] = TODAY
    store.new_course(TODAY.date())
    run = whole_session(store, before=5, after=5)
    assert run.check_in_after(5).trend_advice == ""


def test_the_fingerprint_is_sixteen_hex_digits() -> None:
    assert len(fingerprint(TWO)) == 16
    int(fingerprint(TWO), 16)
