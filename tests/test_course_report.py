"""The course report: its figures, its words at the edges of the care thresholds, its Markdown."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from lowback_tui.core import course
from lowback_tui.core.course_report import CourseReport, NextStep, course_report
from lowback_tui.core.history_rows import SessionRow
from lowback_tui.core.history_store import HistoryStore
from lowback_tui.core.routine import Routine
from lowback_tui.core.session_results import ExerciseRecord, Outcome
from lowback_tui.core.settings import Preferences
from lowback_tui.core.trainer import Trainer

START = date(2026, 11, 2)  # a Monday
PLANNED = 100.0


def session(offset: int, pain: int | None, active: float = PLANNED) -> SessionRow:
    return SessionRow(
        id=offset, routine_name="R", started_at="", day=START + timedelta(offset),
        ended_at="x", elapsed_seconds=1.0, active_seconds=active, pain_before=pain,
        pain_after=None, stopped_for_pain=False, ended_early=False, done=1, partial=0, skipped=0,
    )  # fmt: skip


def report(first: int, last: int, today: int = 21, days: int = 14) -> CourseReport:
    """`days` days of sessions, the first week rated `first` and the rest `last`."""
    sessions = [session(d, first if d < 7 else last) for d in range(days)]
    return course_report(sessions, START, 21, START + timedelta(today), PLANNED)


def test_the_figures() -> None:
    sessions = [session(0, 5), session(0, None, active=0), session(1, 5, active=40)]
    found = course_report(sessions, START, 21, START + timedelta(1), PLANNED)
    assert (found.day, found.sessions, found.days_done, found.active_seconds) == (2, 2, 1, 140.0)
    assert (found.pain_start, found.pain_now, found.change) == (None, None, None)
    assert dict(found.rows())["Days done"] == "1 of 21"
    assert dict(found.rows())["Time exercising"] == "2 min"


def test_no_ratings_says_so_and_keeps_going() -> None:
    sessions = [session(d, None) for d in range(14)]
    found = course_report(sessions, START, 21, START + timedelta(13), PLANNED)
    assert found.next_step is NextStep.KEEP_GOING
    assert found.change_words.startswith("There are too few ratings to compare yet")
    assert "Pain: too few ratings to compare yet" in found.lines()
    assert found.next_step_words.startswith("Keep going: 8 days of the course to go.")


def test_a_1_point_fall_is_less_than_people_notice() -> None:
    found = report(6, 5)
    assert found.change is course.Change.NO_CLEAR_CHANGE
    assert found.change_words == (
        "Your pain fell by 1.0 points (16 %), less than the change of about 2 points (or 30 %) "
        "that people notice as better."
    )
    assert found.next_step is NextStep.SEE_SOMEONE  # two weeks, 5/10, not noticeably better
    assert found.next_step_words.startswith(
        "After two weeks of the routine your back still hurts and has not got noticeably better: "
        "see a doctor or physiotherapist"
    )


def test_a_2_point_fall_is_the_change_people_notice() -> None:
    found = report(6, 4)
    assert found.change is course.Change.BETTER
    assert found.change_words.startswith("Your pain fell by 2.0 points (33 %): at least the change")
    assert found.next_step is NextStep.KEEP_GOING  # still 4/10: improving, some pain
    assert found.next_step_words.startswith("Your back is getting better and still hurts some")


def test_risen_pain_means_seeing_someone_even_during_the_course() -> None:
    sessions = [session(d, 2 if d < 3 else 4) for d in range(6)]
    found = course_report(sessions, START, 21, START + timedelta(5), PLANNED)
    assert (found.change, found.next_step) == (course.Change.WORSE, NextStep.SEE_SOMEONE)
    assert found.change_words == "Your pain rose by 2.0 points."
    assert found.next_step_words.startswith("Your pain has risen since the start of the course")
    a_point_more = [session(d, 2 if d < 3 else 3) for d in range(6)]
    found = course_report(a_point_more, START, 21, START + timedelta(5), PLANNED)
    assert (found.change, found.next_step) == (course.Change.NO_CLEAR_CHANGE, NextStep.KEEP_GOING)
    assert found.change_words == "Your pain rose by 1.0 points, less than people usually notice."


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
    assert "| Pain at the start | 6.0 of 10 (first week, before sessions) |" in markdown
    assert f"**Next step:** {found.next_step_words}" in markdown
    assert f"**How the pain changed:** {found.change_words}" in markdown


def test_the_trainer_reports_the_course_in_its_store(routine: Routine, tmp_path: Path) -> None:
    now = datetime(2026, 11, 25, 9)
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: now)
    trainer = Trainer(routine, now=lambda: now, store=store, preferences=Preferences.load())
    assert trainer.course_report() is None  # no course before the first session
    run = store.begin(routine.name, "h", 4)
    exercise = routine.exercises[0]
    store.record_exercise(
        run, ExerciseRecord(0, exercise.id, exercise.name, Outcome.DONE, 2, 2, 10.0, 10.0), 5
    )
    found = trainer.course_report()
    assert found is not None
    assert (found.start, found.day, found.sessions, found.days_done) == (now.date(), 1, 1, 0)
