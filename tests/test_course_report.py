"""The course report: its figures, its words at the edges of the care thresholds, its Markdown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lowback_tui.core.course import rules as course
from lowback_tui.core.course import trend
from lowback_tui.core.course.report import CourseReport, NextStep, course_report
from lowback_tui.core.history.rows import SessionRow
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.results import ExerciseRecord, Outcome
from lowback_tui.core.settings import Preferences
from lowback_tui.core.trainer import Trainer

from .course_rows import START, on, rated, row


def of(sessions: list[SessionRow], today: int, days: int = 21) -> CourseReport:
    return course_report(sessions, START, days, on(today))


def report(first: int, last: int, today: int = 21, days: int = 14) -> CourseReport:
    """`days` days of sessions, the first week rated `first` and the rest `last`."""
    return of([row(d, pain=first if d < 7 else last) for d in range(days)], today)


def test_the_figures() -> None:
    sessions = [row(0, pain=5), row(0, active=0), row(1, pain=5, active=40)]
    found = of(sessions, today=1)
    assert (found.day, found.sessions, found.days_done, found.active_seconds) == (2, 2, 1, 140.0)
    assert (found.trend.ends, found.change) == (None, None)
    assert dict(found.rows())["Days done"] == "1 of 21"
    assert dict(found.rows())["Time exercising"] == "2 min"


def test_the_pain_rows_name_the_weeks_and_show_the_latest_ratings() -> None:
    found = of(rated([6] * 7 + [5] * 7 + [4, 3, 2]), today=16)
    rows = dict(found.rows())
    assert rows["Pain at the start"] == "6.0 of 10 (week 1, days 1-7, before sessions)"
    assert rows["Pain lately"] == "3.0 of 10 (week 3 so far, days 15-17, before sessions)"
    assert rows["Latest ratings"] == "4 on 16 Nov, 3 on 17 Nov, 2 on 18 Nov"
    assert found.change is trend.Change.BETTER


def test_with_too_few_ratings_it_says_which_are_missing() -> None:
    found = of(rated([5, None, 5] + [None] * 4), today=6)
    rows = dict(found.rows())
    assert rows["Pain at the start"] == "too few ratings (week 1, days 1-7: 2 of the 3 needed)"
    assert rows["Pain lately"] == "no later week rated on 3 days yet"
    assert found.change_words == (
        "This course cannot show how your pain changed: your back was rated before sessions on "
        "2 days of week 1 (days 1-7), and comparing needs 3. A new course (c on the list) "
        "begins a new week 1."
    )
    early = of(rated([5, None, 5]), today=2)
    assert early.change_words == (
        "There are too few ratings to compare yet: comparing needs your back rated before "
        "sessions on at least 3 days of week 1 (days 1-7; 2 so far) and of a later week."
    )
    in_week_1 = of(rated([5, 5, 5]), today=2)
    assert in_week_1.change_words == (
        "There are too few ratings to compare yet: comparing week 1 needs a later week with your "
        "back rated before sessions on at least 3 of its days."
    )
    later_missing = of(rated([5] * 7 + [4, 4]), today=8)
    assert later_missing.change_words.endswith(
        "at least 3 of its days (week 2 so far, days 8-9: 2 rated)."
    )
    assert dict(of([row(0)], today=0).rows())["Pain"] == "no ratings before sessions yet"


def test_no_ratings_says_so_and_keeps_going() -> None:
    found = of([row(d) for d in range(14)], today=13)
    assert found.next_step is NextStep.KEEP_GOING
    assert "Pain: no ratings before sessions yet" in found.lines()
    assert found.next_step_words == (
        "Keep going: 7 days of the course to go. If your back is no better than at the start of "
        "your course, see a doctor or physiotherapist."
    )


def test_days_to_go_before_and_after_todays_session() -> None:
    before = of([row(d) for d in range(8)], today=8)  # day 9, nothing yet today
    assert before.next_step_words.startswith("Keep going: 13 days of the course to go.")
    assert before.next_step_words.endswith(
        "If your back is no better by day 14 of your course, see a doctor or physiotherapist."
    )
    after = of([row(d) for d in range(9)], today=8)  # day 9, done
    assert after.next_step_words.startswith("Keep going: 12 days of the course to go.")
    last_day = of([], today=20)
    assert last_day.next_step_words.startswith("Keep going: 1 day of the course to go.")


def test_a_1_point_fall_is_less_than_people_notice() -> None:
    found = report(6, 5)
    assert found.change is trend.Change.NO_CLEAR_CHANGE
    assert found.change_words == (
        "Your pain fell by 1.0 points (16 %), less than the change of about 2 points (or 30 %) "
        "that people notice as better."
    )
    assert found.next_step is NextStep.SEE_SOMEONE  # day 14 reached, 5/10, no noticeable fall
    assert found.next_step_words.startswith(
        "By day 14 of your course your back still hurts and has not got noticeably better: "
        "see a doctor or physiotherapist"
    )


def test_the_next_step_waits_for_day_14() -> None:
    flat = [row(d, pain=5) for d in range(14)]
    assert of(flat[:13], today=12).next_step is NextStep.KEEP_GOING
    assert of(flat, today=13).next_step is NextStep.SEE_SOMEONE


def test_a_2_point_fall_is_the_change_people_notice() -> None:
    found = report(6, 4)
    assert found.change is trend.Change.BETTER
    assert found.change_words.startswith("Your pain fell by 2.0 points (33 %): at least the change")
    assert found.next_step is NextStep.KEEP_GOING  # still 4/10: improving, some pain
    assert found.next_step_words.startswith("Your back is getting better and still hurts some")


def test_risen_pain_means_seeing_someone_even_during_the_course() -> None:
    found = of(rated([2] * 7 + [4, 4, 4]), today=9)
    assert (found.change, found.next_step) == (trend.Change.WORSE, NextStep.SEE_SOMEONE)
    assert found.change_words == "Your pain rose by 2.0 points."
    assert found.next_step_words.startswith("Your pain has risen since the start of the course")
    a_point_more = of(rated([2] * 7 + [3, 3, 3]), today=9)
    assert (a_point_more.change, a_point_more.next_step) == (
        trend.Change.NO_CLEAR_CHANGE, NextStep.KEEP_GOING,
    )  # fmt: skip
    assert a_point_more.change_words == (
        "Your pain rose by 1.0 points, less than people usually notice."
    )


def test_low_pain_after_the_course_suggests_a_maintenance_routine() -> None:
    for first, last in ((5, 2), (1, 1), (0, 0)):
        found = report(first, last)
        assert found.next_step is NextStep.MAINTENANCE, (first, last)
        assert "2 to 3 times a week" in found.next_step_words
    assert report(0, 0).change_words == "Your pain is about the same as at the start."
    assert report(5, 3).next_step is NextStep.KEEP_GOING  # 3/10 is still worth treating
    assert report(1, 1, today=13).next_step is NextStep.KEEP_GOING  # the course is not over


def test_no_cure_is_promised_and_markdown_holds_the_same() -> None:
    found = report(6, 4)
    text = found.text().lower()
    assert "cure" not in text and "once and for all" not in text
    assert "it is not medical care" in text
    markdown = found.markdown()
    assert markdown.startswith("# lowback course report, 23 November 2026\n")
    assert "| Pain at the start | 6.0 of 10 (week 1, days 1-7, before sessions) |" in markdown
    assert "| Pain lately | 4.0 of 10 (week 2, days 8-14, before sessions) |" in markdown
    assert f"**Next step:** {found.next_step_words}" in markdown
    assert f"**How the pain changed:** {found.change_words}" in markdown
    assert course.TREND_RULE in markdown
    assert "of the routine each of them used" in markdown


def test_the_trainer_reports_the_course_in_its_store(routine: Routine, tmp_path: Path) -> None:
    now = datetime(2026, 11, 25, 9)
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: now)
    trainer = Trainer(routine, now=lambda: now, store=store, preferences=Preferences.load())
    assert trainer.course_report() is None  # no course before the first session
    run = store.begin(routine.name, "h", 4, planned_seconds=380.0, course_days=14)
    exercise = routine.exercises[0]
    store.record_exercise(
        run, ExerciseRecord(0, exercise.id, exercise.name, Outcome.DONE, 2, 2, 10.0, 10.0), 5
    )
    found = trainer.course_report()
    assert found is not None
    assert (found.start, found.day, found.sessions, found.days_done) == (now.date(), 1, 1, 0)
    assert found.days == 14  # the course's own length, not the routine in use's 21


def test_a_fall_the_weeks_mean_hides_is_told_with_the_latest_ratings() -> None:
    falling = rated([6, 6, 6, 5, 5, 5, 5, 5, 4, None, 4, 4, 4, 3])  # the falling person, day 14
    found = of(falling, today=13)
    assert found.change is trend.Change.BETTER
    assert found.next_step is NextStep.KEEP_GOING
    assert found.change_words == (
        "Your pain fell by 1.4 points (26 %) from week 1 to the later week, and your latest 3 "
        "ratings average 3.7, 1.8 points (32 %) below week 1: at least the change of about 2 "
        "points (or 30 %) that people notice as better."
    )


def test_more_days_done_than_planned_are_not_out_of_the_course_length() -> None:
    assert dict(of([row(d) for d in range(21)], today=21).rows())["Days done"] == "21 of 21"
    past = of([row(d) for d in range(23)], today=22)
    assert dict(past.rows())["Days done"] == "23 (the course planned 21)"
