"""Course status, calendar, pain trend and progression offers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

from lowback_tui.core import course
from lowback_tui.core.course import Mark
from lowback_tui.core.history_store import HistoryStore, SessionRow
from lowback_tui.core.routine import Routine
from lowback_tui.core.session_results import ExerciseRecord, Outcome, Summary

START = date(2026, 11, 2)  # a Monday


def offers(routine: Routine, store: HistoryStore) -> list[course.Offer]:
    """The offers the store's latest sessions of the routine make."""
    return course.offers(routine, partial(store.recent_results, routine.name))


def row(day: date, completed: bool = True, pain: int | None = None, **kw: object) -> SessionRow:
    values: dict[str, object] = dict(
        id=0, routine_name="R", started_at="", day=day,
        ended_at="x" if completed else None, elapsed_seconds=1.0, active_seconds=1.0,
        pain_before=pain, pain_after=None, stopped_for_pain=False, ended_early=False,
        done=7 if completed else 0, partial=0, skipped=0,
    )  # fmt: skip
    values.update(kw)
    return SessionRow(**values)  # type: ignore[arg-type]


def test_day_counts_completed_days_and_this_week() -> None:
    sessions = [row(START), row(START + timedelta(1)), row(START + timedelta(3)),
                row(START + timedelta(3)),  # twice on one day counts once
                row(START + timedelta(4), completed=False)]  # fmt: skip
    status = course.status(sessions, START, 21, today=START + timedelta(4))
    assert (status.day, status.completed_days, status.done_today, status.this_week) == (
        4, 3, False, 3,
    )  # fmt: skip
    assert str(status) == "Day 4 of 21 · this week 3 of 7"
    done_today = course.status(sessions, START, 21, today=START + timedelta(3))
    assert str(done_today) == "Day 3 of 21 (done today) · this week 3 of 7"


def test_the_week_starts_on_monday() -> None:
    sessions = [row(START + timedelta(d)) for d in range(8)]  # Monday to next Monday
    assert course.status(sessions, START, 21, today=START + timedelta(7)).this_week == 1


def test_a_finished_course_says_so() -> None:
    sessions = [row(START + timedelta(d)) for d in range(21)]
    status = course.status(sessions, START, 21, today=START + timedelta(22))
    assert status.finished
    assert str(status) == "Course done: 21 days · this week 0 of 7"


def test_sessions_before_the_course_do_not_count() -> None:
    status = course.status([row(START - timedelta(1))], START, 21, today=START)
    assert (status.day, status.completed_days) == (1, 0)


def test_calendar_marks_each_day() -> None:
    sessions = [row(START), row(START + timedelta(1), completed=False, partial=3),
                row(START + timedelta(2), completed=False)]  # fmt: skip
    marks = [m for _, m in course.calendar(sessions, START, 6, today=START + timedelta(3))]
    assert marks == [Mark.DONE, Mark.PARTIAL, Mark.MISSED, Mark.TODAY, Mark.AHEAD, Mark.AHEAD]


def test_pain_by_day_averages_each_day() -> None:
    sessions = [row(START, pain=4), row(START, pain=6), row(START + timedelta(1)),
                row(START + timedelta(2), pain=3)]  # fmt: skip
    assert course.pain_by_day(sessions) == [(START, 5.0), (START + timedelta(2), 3.0)]


def test_pain_going_up_by_two_or_more() -> None:
    # PAIN_JUMP: "a rise of 2 or more points straight after exercise is a reason to ease off".
    assert course.pain_went_up(3, 5) and course.pain_went_up(0, 10)
    assert not course.pain_went_up(3, 4) and not course.pain_went_up(5, 5)
    assert not course.pain_went_up(6, 2)


def test_two_weeks_without_improvement_suggests_a_professional() -> None:
    flat = [row(START + timedelta(d), pain=5) for d in range(14)]
    assert course.not_improving(flat)
    better = [row(START + timedelta(d), pain=6 - d // 3) for d in range(14)]
    assert not course.not_improving(better)
    assert not course.not_improving(flat[:13])  # not yet two weeks of sessions
    unrated = [row(START + timedelta(d)) for d in range(14)]
    assert not course.not_improving(unrated)  # nothing to judge by


def test_targets_raise_reps_up_to_the_goal(routine: Routine) -> None:
    raised = course.with_targets(routine, {"knee-to-chest": 7, "superman": 9})
    assert raised.exercises[0].reps == 7
    assert raised.exercises[1].reps == 3  # superman has no goal... so no target applies
    assert course.with_targets(routine, {"knee-to-chest": 50}).exercises[0].reps == 10
    assert course.with_targets(routine, {"knee-to-chest": 2}).exercises[0].reps == 5


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
    assert offers(routine, store) == [course.Offer("knee-to-chest", "Knee to chest", 6)]
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
    raised = course.with_targets(routine, store.targets(routine.name))
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
    at_goal = course.with_targets(routine, {"knee-to-chest": 10})
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


def test_a_day_with_exercises_done_but_no_finished_session_is_partial_not_missed() -> None:
    cut_off = row(START, completed=False, done=2, partial=0)
    only_partial = row(START + timedelta(1), completed=False, done=0, partial=1)
    nothing = row(START + timedelta(2), completed=False, done=0, partial=0)
    marks = [m for _, m in course.calendar([cut_off, only_partial, nothing], START, 3,
                                           today=START + timedelta(3))]  # fmt: skip
    assert marks == [Mark.PARTIAL, Mark.PARTIAL, Mark.MISSED]


def _rated_days(ratings: list[int | None]) -> list[SessionRow]:
    return [row(START + timedelta(d), pain=pain) for d, pain in enumerate(ratings)]


def test_the_pain_trend_needs_six_rated_days() -> None:
    # 14 days of sessions, pain rising: with 5 ratings there is too little to judge by.
    five = [4, None, None, 5, None, None, 5, None, None, 6, None, None, 6, None]
    six = [4, None, None, 5, None, None, 5, None, None, 6, None, 6, 6, None]
    assert not course.not_improving(_rated_days(five))
    assert course.not_improving(_rated_days(six))


def test_the_trend_compares_a_week_at_each_end_however_long_the_course() -> None:
    # 16 rated days: the first 7 and the last 7 are the same, so pain has not come down; the
    # two days between (9 then 0) must not count.
    ratings: list[int | None] = [*([5] * 7), 9, 0, *([5] * 7)]
    assert course.not_improving(_rated_days(ratings))


def test_a_short_trend_compares_halves() -> None:
    # 14 days, 6 of them rated: first three (6, 6, 2) against the last three (9, 5, 5).
    ratings: list[int | None] = [6, 6, 2, *([None] * 8), 9, 5, 5]
    assert course.not_improving(_rated_days(ratings))  # 4.7 then 6.3: worse
    ratings = [6, 6, 9, *([None] * 8), 2, 5, 5]
    assert not course.not_improving(_rated_days(ratings))  # 7.0 then 4.0: better


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
