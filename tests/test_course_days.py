"""One model of a day: each session judged against its own routine, the course's status and
calendar at their edges (issue 21)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from lowback_tui.core.course import rules as course
from lowback_tui.core.course.calendar import Mark, calendar, weeks
from lowback_tui.core.history.rows import SessionRow
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.plan import active_seconds
from lowback_tui.core.session.results import ExerciseRecord, Outcome

from .conftest import REPO
from .course_rows import PLANNED, START, on, row

HALF = course.HALF * PLANNED
GENTLE = float(active_seconds(load(REPO / "routines" / "gentle-start.toml")))
LOWER_BACK = float(active_seconds(load(REPO / "routines" / "lower-back.toml")))


def status(sessions: list[SessionRow], today: int, days: int = 21) -> course.Status:
    return course.status(sessions, START, days, on(today))


def marks(sessions: list[SessionRow], today: int, days: int = 21) -> list[Mark]:
    return [mark for _, mark in calendar(sessions, START, days, on(today))]


# ---- a day, judged against the routine each session used -------------------------------------


def test_a_whole_gentle_session_on_a_bad_day_makes_the_day() -> None:
    assert GENTLE < course.HALF * LOWER_BACK  # the gentle routine is under half of lower-back
    gentle = row(0, active=GENTLE, planned=GENTLE, routine_name="Gentle start")
    assert status([gentle], today=0).done_today
    assert marks([gentle], today=0)[0] is Mark.DONE


def test_half_exactly_and_just_under_with_two_routines_on_one_day() -> None:
    # 30 % of the gentle routine and 20 % of lower-back: half of a session, between the two.
    gentle = row(0, active=0.3 * GENTLE, planned=GENTLE)
    lower_back = row(0, active=0.2 * LOWER_BACK, planned=LOWER_BACK)
    assert status([gentle, lower_back], today=0).done_today
    just_under = row(0, active=0.2 * LOWER_BACK - 0.1, planned=LOWER_BACK)
    assert not status([gentle, just_under], today=0).done_today
    assert marks([gentle, just_under], today=1)[0] is Mark.PARTIAL


def test_a_day_is_done_at_exactly_half_and_not_just_under() -> None:
    assert status([row(0, active=HALF)], today=0).done_today
    assert not status([row(0, active=HALF - 0.1)], today=0).done_today


def test_two_halves_make_a_day_and_the_last_exercise_of_seven_does_not() -> None:
    assert status([row(0, active=HALF / 2), row(0, active=HALF / 2)], today=0).done_today
    assert not status([row(0, active=PLANNED / 7)], today=0).done_today


def test_a_share_is_capped_at_a_whole_session() -> None:
    assert course.share(row(0, active=3 * PLANNED)) == 1.0
    assert course.share(row(0, active=PLANNED / 4)) == 0.25


def test_an_older_session_counts_by_the_efforts_it_did() -> None:
    # Kept before lowback stored the plan (planned_seconds NULL): its efforts done of planned.
    half = row(0, active=5.0, planned=None, efforts_done=7, efforts_planned=14)
    assert course.share(half) == 0.5 and status([half], today=0).done_today
    under = row(0, active=500.0, planned=None, efforts_done=6, efforts_planned=14)
    assert not status([under], today=0).done_today  # its long active time does not count
    assert course.share(row(0, planned=None)) == 0.0  # nothing kept to judge by


def test_a_store_keeps_each_sessions_plan_and_the_day_is_judged_by_it(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: datetime(2026, 11, 2, 8))
    session = store.begin("Gentle start", "h", 7, planned_seconds=GENTLE, course_days=21)
    record = ExerciseRecord(0, "a", "A", Outcome.DONE, 2, 2, GENTLE, GENTLE)
    store.record_exercise(session, record, 1)
    (kept,) = store.sessions()
    assert (kept.planned_seconds, kept.efforts_done, kept.efforts_planned) == (GENTLE, 2, 2)
    assert course.status([kept], START, 21, START).done_today


def test_the_day_boundary_is_midnight(tmp_path: Path) -> None:
    clock = [datetime(2026, 11, 2, 23, 59)]
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: clock[0])
    for when in (datetime(2026, 11, 2, 23, 59), datetime(2026, 11, 3, 0, 1)):
        clock[0] = when
        session = store.begin("R", "h", None, planned_seconds=PLANNED)
        record = ExerciseRecord(0, "a", "A", Outcome.DONE, 2, 2, HALF / 2, HALF / 2)
        store.record_exercise(session, record, 1)
    sessions = store.sessions()
    assert [s.day for s in sessions] == [START, on(1)]
    assert status(sessions, today=1).completed_days == 0  # half each side of midnight
    assert marks(sessions, today=1)[:2] == [Mark.PARTIAL, Mark.PARTIAL]


# ---- the status line --------------------------------------------------------------------------


def test_day_n_is_the_calendar_day_and_done_days_are_counted_apart() -> None:
    sessions = [row(0), row(1), row(3), row(3), row(4, active=HALF - 1)]  # twice on one day
    today = status(sessions, today=4)
    assert (today.day, today.completed_days, today.done_today, today.this_week) == (5, 3, False, 3)
    assert str(today) == "Day 5 of 21 · this week 3 of 7"
    assert str(status(sessions, today=3)) == "Day 4 of 21 (done today) · this week 3 of 7"


def test_this_week_runs_monday_to_sunday() -> None:
    sessions = [row(d) for d in range(8)]  # Monday to the next Monday
    assert status(sessions, today=6).this_week == 7  # Sunday
    assert status(sessions, today=7).this_week == 1  # Monday: a new week


def test_days_to_go_count_from_tomorrow_once_today_is_done() -> None:
    before = status([row(d) for d in range(8)], today=8)  # day 9, not done yet
    assert (before.day, before.days_left) == (9, 13)  # days 9 to 21
    after = status([row(d) for d in range(9)], today=8)  # day 9, done
    assert after.days_left == 12  # days 10 to 21
    assert status([row(8, active=HALF - 1)], today=8).days_left == 13  # not done: today counts


def test_the_last_day_and_the_day_after() -> None:
    last = status([], today=20)
    assert (last.day, last.finished, last.days_left) == (21, False, 1)
    done = status([row(20)], today=20)
    assert (done.finished, done.days_left) == (True, 0)
    after = status([], today=21)
    assert (after.day, after.finished, after.days_left) == (22, True, 0)
    assert status([], today=22).days_left == 0  # never below nothing
    assert str(after) == "Day 22, past the course's 21 days · 0 days done · this week 0 of 7"


def test_a_clock_set_back_before_the_course_still_says_day_1() -> None:
    assert status([], today=-3).day == 1


def test_sessions_before_the_course_or_after_today_do_not_count() -> None:
    assert status([row(-1)], today=0).completed_days == 0
    assert status([row(5)], today=4).completed_days == 0  # dated later: a clock set wrong
    assert marks([row(5)], today=4, days=7)[5] is Mark.AHEAD


# ---- the calendar -----------------------------------------------------------------------------


def test_calendar_marks_each_day() -> None:
    sessions = [row(0), row(1, active=HALF - 1), row(2, active=0)]
    assert marks(sessions, today=3, days=6) == [
        Mark.DONE, Mark.PARTIAL, Mark.MISSED, Mark.TODAY, Mark.AHEAD, Mark.AHEAD,
    ]  # fmt: skip


@pytest.mark.parametrize("active", [0.0, 0.3, HALF - 1])
def test_a_day_stopped_because_it_hurt_has_its_own_mark(active: float) -> None:
    stopped = row(0, active=active, stopped_for_pain=True, ended_early=True)
    assert marks([stopped], today=1, days=3)[0] is Mark.STOPPED
    assert Mark.STOPPED.value == "stopped: it hurt"


def test_a_done_day_stays_done_when_a_later_session_hurt() -> None:
    sessions = [row(0), row(0, active=2.0, stopped_for_pain=True)]
    assert marks(sessions, today=1, days=3)[0] is Mark.DONE
    hurt_then_done = [row(0, active=HALF, stopped_for_pain=True)]
    assert marks(hurt_then_done, today=1, days=3)[0] is Mark.DONE


def test_no_day_after_the_courses_end_is_missed() -> None:
    sessions = [row(0), row(4, active=HALF - 1), row(5, stopped_for_pain=True, active=0)]
    found = calendar(sessions, START, 3, on(7))  # a 3-day course, looked at on day 8
    assert [(day, mark) for day, mark in found][3:] == [
        (on(4), Mark.PARTIAL), (on(5), Mark.STOPPED), (on(7), Mark.TODAY),
    ]  # fmt: skip
    assert [mark for _, mark in found][:3] == [Mark.DONE, Mark.MISSED, Mark.MISSED]
    rows = weeks(found)
    assert rows[0][3] == (on(3), None) and rows[0][6] == (on(6), None)  # outside the course


def test_a_course_run_past_its_planned_days_goes_on_counting() -> None:
    sessions = [row(d) for d in range(0, 25, 2)]  # every other day, 13 days done
    past = status(sessions, today=24)
    assert (past.day, past.completed_days, past.finished) == (25, 13, True)
    assert (
        str(past)
        == "Day 25 (done today), past the course's 21 days · 13 days done · this week 2 of 7"
    )
    on_the_last_day = status(sessions, today=20)
    assert (on_the_last_day.day, on_the_last_day.finished) == (21, True)
    assert not status(sessions, today=19).finished
    found = calendar(sessions, START, 21, on(24))
    assert len(found) == 21 + 2  # days 23 and 25, with sessions; 22 and 24 are outside it
    assert found[-1] == (on(24), Mark.DONE)
    rows = weeks(found)
    assert len(rows) == 4 and rows[3][3] == (on(24), Mark.DONE)
    assert rows[3][2] == (on(23), None)  # after the end, nothing done: not "missed"


def test_today_is_on_the_calendar_after_the_end() -> None:
    found = calendar([row(0)], START, 3, on(6))  # a 3-day course; today is day 7
    assert [mark for _, mark in found] == [Mark.DONE, Mark.MISSED, Mark.MISSED, Mark.TODAY]
    assert weeks(found)[0][6] == (on(6), Mark.TODAY)


def test_the_calendar_has_monday_to_sunday_rows_from_the_week_the_course_began() -> None:
    wednesday = on(2)
    found = calendar([], wednesday, 21, wednesday)
    assert found[0] == (wednesday, Mark.TODAY) and len(found) == 21
    rows = weeks(found)
    assert [len(r) for r in rows] == [7, 7, 7, 7]
    assert rows[0][:3] == ((START, None), (on(1), None), (wednesday, Mark.TODAY))
    assert rows[3][1] == (on(22), Mark.AHEAD)  # day 21, a Tuesday
    assert rows[3][2] == (on(23), None)  # then the rest of that week
    assert all(day.weekday() == n for r in rows for n, (day, _) in enumerate(r))
    assert weeks([]) == []


def test_a_course_that_begins_on_a_monday_fills_its_rows() -> None:
    rows = weeks(calendar([], START, 21, START))
    assert len(rows) == 3 and all(mark is not None for r in rows for _, mark in r)


def test_one_day_is_a_day_and_the_last_day_is_not_past_the_course() -> None:
    assert (course.plural_days(1), course.plural_days(2), course.plural_days(0)) == (
        "1 day", "2 days", "0 days",
    )  # fmt: skip
    assert str(status([], today=20)) == "Day 21 of 21 · this week 0 of 7"
    assert str(status([row(0)], today=21, days=21)).startswith("Day 22, past the course's 21")
    assert str(status([row(0)], today=1, days=1)) == (
        "Day 2, past the course's 1 day · 1 day done · this week 1 of 7"
    )


def test_half_a_second_of_exercise_is_a_partial_day_and_an_old_share_is_capped() -> None:
    assert marks([row(0, active=0.5)], today=1, days=3)[0] is Mark.PARTIAL
    odd = row(0, planned=None, efforts_done=3, efforts_planned=2)  # more done than kept planned
    assert course.share(odd) == 1.0


def test_a_course_ending_on_a_monday_has_a_row_for_that_monday() -> None:
    rows = weeks(calendar([], START, 8, START))  # Monday to the next Monday
    assert len(rows) == 2 and rows[1][0] == (on(7), Mark.AHEAD)
