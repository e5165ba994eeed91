"""The course's care thresholds and progression offers (the days: test_course_days.py; the
pain trend and the two-week rule: test_course_trend.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from lowback_tui.core.course import one_more_rep, trend
from lowback_tui.core.course import rules as course
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

from .course_rows import START, on, row


def offers(routine: Routine, store: HistoryStore) -> list[one_more_rep.Offer]:
    """The offers the store's latest sessions of the routine make."""
    return one_more_rep.offers(routine, partial(store.recent_results, routine.name))


def test_pain_by_day_averages_each_day() -> None:
    sessions = [row(START, pain=4), row(START, pain=6), row(on(1)), row(on(2), pain=3)]
    assert trend.pain_by_day(sessions) == [(START, 5.0), (on(2), 3.0)]


def test_pain_going_up_by_two_or_more() -> None:
    # PAIN_JUMP: "a rise of 2 or more points straight after exercise is a reason to ease off".
    assert course.pain_went_up(3, 5) and course.pain_went_up(0, 10)
    assert not course.pain_went_up(3, 4) and not course.pain_went_up(5, 5)
    assert not course.pain_went_up(6, 2)


def test_pain_worth_treating_starts_at_3() -> None:
    # PAIN_WORTH_TREATING: 1-3 is mild (exercises.md); below 3 on average, no advice.
    assert trend.not_getting_better(3.0, 3.0)
    assert not trend.not_getting_better(2.9, 2.9)
    assert not trend.not_getting_better(3.0, 2.9)


def test_a_fall_of_2_points_is_better_and_1_point_is_not() -> None:
    # NOTICEABLE_FALL_POINTS: about 2 points is the smallest change people notice.
    assert trend.change(8.0, 6.0) is trend.Change.BETTER
    assert not trend.not_getting_better(8.0, 6.0)
    assert trend.change(8.0, 7.0) is trend.Change.NO_CLEAR_CHANGE
    assert trend.not_getting_better(8.0, 7.0)
    assert trend.change(8.0, 6.1) is trend.Change.NO_CLEAR_CHANGE  # 1.9 points, 24 %


def test_a_fall_of_30_percent_is_better_and_29_percent_is_not() -> None:
    # NOTICEABLE_FALL_SHARE: or about 30 %, which is less than 2 points below 6.7.
    assert trend.change(5.0, 3.5) is trend.Change.BETTER  # 1.5 points, 30 %
    assert not trend.not_getting_better(5.0, 3.5)
    assert trend.change(5.0, 3.55) is trend.Change.NO_CLEAR_CHANGE  # 1.45 points, 29 %
    assert trend.not_getting_better(5.0, 3.55)
    assert trend.change(3.0, 2.1) is trend.Change.BETTER  # 0.9 points are 30 % of 3
    assert trend.change(3.0, 2.2) is trend.Change.NO_CLEAR_CHANGE  # 0.8 points, 27 %


def test_a_rise_of_2_points_is_worse_and_less_is_no_clear_change() -> None:
    assert trend.change(3.0, 5.0) is trend.Change.WORSE
    assert trend.change(3.0, 4.9) is trend.Change.NO_CLEAR_CHANGE
    assert trend.change(0.0, 0.0) is trend.Change.NO_CLEAR_CHANGE  # no pain is not "better"


def test_targets_raise_reps_up_to_the_goal(routine: Routine) -> None:
    raised = one_more_rep.with_targets(routine, {"knee-to-chest": 7, "superman": 9})
    assert raised.exercises[0].reps == 7
    assert raised.exercises[1].reps == 3  # superman has no goal... so no target applies
    assert one_more_rep.with_targets(routine, {"knee-to-chest": 50}).exercises[0].reps == 10
    assert one_more_rep.with_targets(routine, {"knee-to-chest": 2}).exercises[0].reps == 5


def _session(
    store: HistoryStore,
    routine: Routine,
    outcome: Outcome,
    before: int,
    after: int,
    finished: bool = True,
    reps: int | None = None,
) -> int:
    """A session of the routine with its first exercise at `outcome`, done at `reps` (by default
    the routine's), finished or cut off (the program killed)."""
    session = store.begin(routine.name, "h", before)
    assert session is not None
    exercise = routine.exercises[0]
    store.record_exercise(
        session, ExerciseRecord(0, exercise.id, exercise.name, outcome, 10, 10, 50, 50),
        exercise.reps if reps is None else reps,
    )  # fmt: skip
    if finished:
        store.finish(session, Summary(routine.name, (), 60, 0, False), stopped_for_pain=False)
    store.set_pain_after(session, after)
    return session


def test_one_more_rep_after_two_full_sessions_without_more_pain(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime(2026, 11, 2, 8))
    _session(store, routine, Outcome.DONE, 4, 4)
    assert offers(routine, store) == []  # one is not two
    last = _session(store, routine, Outcome.DONE, 4, 3)
    assert offers(routine, store) == [one_more_rep.Offer("knee-to-chest", "Knee to chest", 6)]
    store.decide_offer(last, routine.name, "knee-to-chest", 6, accept=False)
    assert offers(routine, store) == []  # asked: wait for two more
    _session(store, routine, Outcome.DONE, 4, 4)
    _session(store, routine, Outcome.DONE, 4, 4)
    assert [o.reps for o in offers(routine, store)] == [6]


def test_no_offer_when_pain_went_up_or_the_exercise_was_cut_short(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    _session(store, routine, Outcome.DONE, 3, 4)
    _session(store, routine, Outcome.DONE, 3, 3)
    assert offers(routine, store) == []
    _session(store, routine, Outcome.PARTIAL, 3, 3)
    _session(store, routine, Outcome.DONE, 3, 3)
    assert offers(routine, store) == []


def test_after_a_yes_the_new_target_needs_two_sessions_of_its_own(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    _session(store, routine, Outcome.DONE, 3, 3)
    last = _session(store, routine, Outcome.DONE, 3, 3)
    store.decide_offer(last, routine.name, "knee-to-chest", 6, accept=True)
    raised = one_more_rep.with_targets(routine, store.targets(routine.name))
    assert raised.exercises[0].reps == 6
    assert offers(raised, store) == []
    _session(store, raised, Outcome.DONE, 3, 3)
    _session(store, raised, Outcome.DONE, 3, 3)
    assert [o.reps for o in offers(raised, store)] == [7]


def test_a_session_that_never_finished_is_not_one_of_the_two(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    _session(store, routine, Outcome.DONE, 3, 3)
    _session(store, routine, Outcome.DONE, 3, 3, finished=False)  # killed after the exercise
    assert offers(routine, store) == []
    _session(store, routine, Outcome.DONE, 3, 3)
    assert [o.reps for o in offers(routine, store)] == [6]  # the two finished ones count


def test_sessions_at_other_reps_do_not_count_towards_the_current_target(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    _session(store, routine, Outcome.DONE, 3, 3, reps=4)  # before the file said 5
    _session(store, routine, Outcome.DONE, 3, 3)
    assert offers(routine, store) == []
    _session(store, routine, Outcome.DONE, 3, 3)
    assert [o.reps for o in offers(routine, store)] == [6]


def test_no_more_reps_are_offered_once_the_goal_is_reached(
    routine: Routine, tmp_path: Path
) -> None:
    at_goal = one_more_rep.with_targets(routine, {"knee-to-chest": 10})
    assert at_goal.exercises[0].reps == at_goal.exercises[0].goal_reps == 10
    store = HistoryStore.open(tmp_path / "h.db")
    for _ in range(4):
        _session(store, at_goal, Outcome.DONE, 3, 3)
        assert offers(at_goal, store) == []


def test_pain_the_same_after_is_no_reason_to_wait_but_one_point_more_is(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    _session(store, routine, Outcome.DONE, 3, 3)
    _session(store, routine, Outcome.DONE, 3, 3)
    assert offers(routine, store) != []
    other = HistoryStore.open(tmp_path / "other.db")
    _session(other, routine, Outcome.DONE, 3, 3)
    _session(other, routine, Outcome.DONE, 3, 4)
    assert offers(routine, other) == []


def test_an_exercise_without_a_goal_does_not_stop_the_next_one_being_offered(
    routine: Routine, tmp_path: Path
) -> None:
    reordered = replace(routine, exercises=routine.exercises[1:2] + routine.exercises[:1])
    store = HistoryStore.open(tmp_path / "h.db")
    for _ in range(2):
        session = store.begin(reordered.name, "h", 3)
        for index, exercise in enumerate(reordered.exercises):
            record = ExerciseRecord(index, exercise.id, exercise.name, Outcome.DONE, 6, 6, 30, 30)
            store.record_exercise(session, record, exercise.reps)
        store.finish(session, Summary(reordered.name, (), 60, 0, False), stopped_for_pain=False)
        store.set_pain_after(session, 3)
    assert [o.exercise_id for o in offers(reordered, store)] == ["knee-to-chest"]
