"""Course status, calendar, pain trend and progression offers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path

from lowback_tui.core import course
from lowback_tui.core.course import Mark
from lowback_tui.core.history_rows import SessionRow
from lowback_tui.core.history_store import HistoryStore
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


PLANNED = 100.0  # the active seconds one whole session plans, in these tests
HALF = course.HALF * PLANNED


def day_of(offset: int, active: float = PLANNED, completed: bool = True) -> SessionRow:
    """A session `offset` days into the course (START) that did `active` seconds."""
    return row(START + timedelta(offset), completed, active_seconds=active)


def status(sessions: list[SessionRow], today: int, days: int = 21) -> course.Status:
    return course.status(sessions, START, days, START + timedelta(today), PLANNED)


def marks(sessions: list[SessionRow], today: int, days: int = 21) -> list[Mark]:
    found = course.calendar(sessions, START, days, START + timedelta(today), PLANNED)
    return [mark for _, mark in found]


def test_day_n_is_the_calendar_day_and_done_days_are_counted_apart() -> None:
    sessions = [day_of(0), day_of(1), day_of(3), day_of(3),  # twice on one day counts once
                day_of(4, active=HALF - 1)]  # fmt: skip
    today = status(sessions, today=4)
    assert (today.day, today.completed_days, today.done_today, today.this_week) == (
        5, 3, False, 3,
    )  # fmt: skip
    assert str(today) == "Day 5 of 21 · this week 3 of 7"
    assert str(status(sessions, today=3)) == "Day 4 of 21 (done today) · this week 3 of 7"


def test_a_day_is_done_at_exactly_half_the_planned_active_time_and_not_just_under() -> None:
    assert status([day_of(0, active=HALF)], today=0).done_today
    assert not status([day_of(0, active=HALF - 0.1)], today=0).done_today
    assert marks([day_of(0, active=HALF - 0.1)], today=1)[0] is Mark.PARTIAL


def test_sessions_of_one_day_add_up_and_only_the_last_exercise_is_not_a_day() -> None:
    two_halves = [day_of(0, active=HALF / 2), day_of(0, active=HALF / 2)]
    assert status(two_halves, today=0).done_today
    last_of_seven = day_of(0, active=PLANNED / 7)  # only the last exercise of seven
    assert not status([last_of_seven], today=0).done_today


def test_the_day_boundary_is_midnight(tmp_path: Path) -> None:
    clock = [datetime(2026, 11, 2, 23, 59)]
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: clock[0])
    for when in (datetime(2026, 11, 2, 23, 59), datetime(2026, 11, 3, 0, 1)):
        clock[0] = when
        session = store.begin("R", "h", None)
        record = ExerciseRecord(0, "a", "A", Outcome.DONE, 2, 2, HALF / 2, HALF / 2)
        store.record_exercise(session, record, 1)
    sessions = store.sessions()
    assert [s.day for s in sessions] == [START, START + timedelta(1)]
    # Half the time each side of midnight: neither day is done.
    assert status(sessions, today=1).completed_days == 0
    assert marks(sessions, today=1)[:2] == [Mark.PARTIAL, Mark.PARTIAL]


def test_this_week_runs_monday_to_sunday() -> None:
    sessions = [day_of(d) for d in range(8)]  # Monday to the next Monday
    assert status(sessions, today=6).this_week == 7  # Sunday
    assert status(sessions, today=7).this_week == 1  # Monday: a new week


def test_a_course_run_past_its_planned_days_goes_on_counting() -> None:
    sessions = [day_of(d) for d in range(0, 25, 2)]  # every other day, 13 days done
    past = status(sessions, today=24)
    assert (past.day, past.completed_days, past.finished) == (25, 13, True)
    assert (
        str(past)
        == "Day 25 (done today), past the course's 21 days · 13 days done · this week 2 of 7"
    )
    on_the_last_day = status(sessions, today=20)
    assert (on_the_last_day.day, on_the_last_day.finished) == (21, True)
    assert not status(sessions, today=19).finished
    calendar = course.calendar(sessions, START, 21, START + timedelta(24), PLANNED)
    assert len(calendar) == 25  # grown to day 25
    assert calendar[24] == (START + timedelta(24), Mark.DONE)
    rows = course.weeks(calendar)
    assert len(rows) == 4 and rows[3][3] == (START + timedelta(24), Mark.DONE)
    assert rows[3][4] == (START + timedelta(25), None)  # after today, past the planned end


def test_the_last_day_finishes_the_course_only_once_it_is_done() -> None:
    assert not status([], today=20).finished
    assert status([day_of(20)], today=20).finished
    assert status([], today=21).finished  # day 22: the planned days are over


def test_a_clock_set_back_before_the_course_still_says_day_1() -> None:
    assert status([], today=-3).day == 1


def test_sessions_before_the_course_do_not_count() -> None:
    today = status([day_of(-1)], today=0)
    assert (today.day, today.completed_days) == (1, 0)


def test_the_calendar_has_monday_to_sunday_rows_from_the_week_the_course_began() -> None:
    wednesday = START + timedelta(2)
    calendar = course.calendar([], wednesday, 21, wednesday, PLANNED)
    assert calendar[0] == (wednesday, Mark.TODAY) and len(calendar) == 21
    rows = course.weeks(calendar)
    assert len(rows) == 4
    assert [len(row) for row in rows] == [7, 7, 7, 7]
    assert rows[0][:3] == ((START, None), (START + timedelta(1), None), (wednesday, Mark.TODAY))
    assert rows[3][1] == (START + timedelta(22), Mark.AHEAD)  # day 21, a Tuesday
    assert rows[3][2] == (START + timedelta(23), None)  # then the rest of that week
    assert all(day.weekday() == n for row in rows for n, (day, _) in enumerate(row))
    assert course.weeks([]) == []


def test_a_course_that_begins_on_a_monday_fills_its_rows() -> None:
    rows = course.weeks(course.calendar([], START, 21, START, PLANNED))
    assert len(rows) == 3 and all(mark is not None for row in rows for _, mark in row)


def test_today_is_on_the_calendar_after_missed_days() -> None:
    sessions = [day_of(0)]
    found = marks(sessions, today=6, days=3)  # a 3-day course, then 5 days missed
    assert found == [Mark.DONE, *([Mark.MISSED] * 5), Mark.TODAY]
    assert course.weeks(course.calendar(sessions, START, 3, START + timedelta(6)))[0][6] == (
        START + timedelta(6), Mark.TODAY,
    )  # fmt: skip
    assert status(sessions, today=6, days=3).day == 7


def test_calendar_marks_each_day() -> None:
    sessions = [day_of(0), day_of(1, active=HALF - 1), day_of(2, active=0)]
    assert marks(sessions, today=3, days=6) == [
        Mark.DONE, Mark.PARTIAL, Mark.MISSED, Mark.TODAY, Mark.AHEAD, Mark.AHEAD,
    ]  # fmt: skip


def test_without_a_planned_time_any_session_makes_its_day() -> None:
    assert course.status([day_of(0, active=0)], START, 21, START).done_today


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


def test_two_weeks_at_no_pain_or_at_1_is_never_not_improving() -> None:
    for pain in (0, 1, 2):
        assert not course.not_improving([row(START + timedelta(d), pain=pain) for d in range(14)])
    assert course.not_improving([row(START + timedelta(d), pain=3) for d in range(14)])


def test_pain_worth_treating_starts_at_3() -> None:
    # PAIN_WORTH_TREATING: 1-3 is mild (exercises.md); below 3 on average, no advice.
    assert course.not_getting_better(3.0, 3.0)
    assert not course.not_getting_better(2.9, 2.9)
    assert not course.not_getting_better(3.0, 2.9)


def test_a_fall_of_2_points_is_better_and_1_point_is_not() -> None:
    # NOTICEABLE_FALL_POINTS: about 2 points is the smallest change people notice.
    assert course.change(8.0, 6.0) is course.Change.BETTER
    assert not course.not_getting_better(8.0, 6.0)
    assert course.change(8.0, 7.0) is course.Change.NO_CLEAR_CHANGE
    assert course.not_getting_better(8.0, 7.0)
    assert course.change(8.0, 6.1) is course.Change.NO_CLEAR_CHANGE  # 1.9 points, 24 %


def test_a_fall_of_30_percent_is_better_and_29_percent_is_not() -> None:
    # NOTICEABLE_FALL_SHARE: or about 30 %, which is less than 2 points below 6.7.
    assert course.change(5.0, 3.5) is course.Change.BETTER  # 1.5 points, 30 %
    assert not course.not_getting_better(5.0, 3.5)
    assert course.change(5.0, 3.55) is course.Change.NO_CLEAR_CHANGE  # 1.45 points, 29 %
    assert course.not_getting_better(5.0, 3.55)
    assert course.change(3.0, 2.1) is course.Change.BETTER  # 0.9 points are 30 % of 3
    assert course.change(3.0, 2.2) is course.Change.NO_CLEAR_CHANGE  # 0.8 points, 27 %


def test_a_rise_of_2_points_is_worse_and_less_is_no_clear_change() -> None:
    assert course.change(3.0, 5.0) is course.Change.WORSE
    assert course.change(3.0, 4.9) is course.Change.NO_CLEAR_CHANGE
    assert course.change(0.0, 0.0) is course.Change.NO_CLEAR_CHANGE  # no pain is not "better"


def test_the_trend_uses_the_first_and_last_week_of_rated_days() -> None:
    ratings = [row(START + timedelta(d), pain=p) for d, p in enumerate([6] * 7 + [9] + [4] * 7)]
    assert course.pain_ends(ratings) == (6.0, 4.0)
    assert course.pain_ends(ratings[:5]) is None  # fewer than TREND_MIN_RATINGS


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


def test_a_day_with_some_exercise_time_is_partial_and_none_is_missed() -> None:
    cut_off = day_of(0, active=HALF - 1, completed=False)
    nothing = day_of(1, active=0, completed=False)
    assert marks([cut_off, nothing], today=2, days=3)[:3] == [Mark.PARTIAL, Mark.MISSED, Mark.TODAY]


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
