"""History in the app: check-ins, the pain key, progression, the safety gate, progress."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session.engine import State
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary
from lowback_tui.core.settings import Settings, load, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.countdown import CountdownScreen
from lowback_tui.screens.keys import KeysScreen
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.screens.progress import ProgressScreen
from lowback_tui.screens.safety import SafetyScreen

from .conftest import screen_text
from .fake_clock import FakeClock
from .test_countdown_screen import skip_activities, start, to_summary, wait

TODAY = datetime(2026, 11, 25, 8, 0)


def make_app(routine: Routine, store: HistoryStore, clock: FakeClock | None = None) -> LowbackApp:
    return LowbackApp(Trainer(routine, clock=clock or FakeClock(), now=lambda: TODAY, store=store))


def open_store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)


def full_session(
    store: HistoryStore, routine: Routine, day: datetime, before: int, after: int
) -> None:
    """A session written straight into the store, every exercise done."""
    store.now = lambda: day
    session = store.begin(routine.name, "x", before)
    records = []
    for index, exercise in enumerate(routine.exercises):
        planned = 2 * exercise.reps if exercise.sides.value != "none" else exercise.reps
        record = ExerciseRecord(index, exercise.id, exercise.name, Outcome.DONE, planned,
                                planned, planned * 5.0, planned * 5.0)  # fmt: skip
        store.record_exercise(session, record, exercise.reps)
        records.append(record)
    store.finish(session, Summary(routine.name, tuple(records), 600, 0, False), False)
    store.set_pain_after(session, after)
    store.now = lambda: TODAY


async def test_pain_before_and_after_are_kept(routine: Routine, tmp_path: Path) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain="4")
        await wait(pilot, clock, 700)
        await to_summary(pilot, pain="3")
        assert "Your back: 4 before, 3 after (0 to 10)" in screen_text(app)
    (row,) = store.sessions()
    assert (row.pain_before, row.pain_after, row.completed, row.done) == (4, 3, True, 7)


async def test_arrows_choose_and_skipping_keeps_nothing(routine: Routine, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = make_app(routine, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain="5")  # 5, then the arrows below are never pressed
        await pilot.press("q", "y")
        await to_summary(pilot, pain="s")
    (row,) = store.sessions()
    assert (row.pain_before, row.pain_after) == (5, None)


async def test_a_pain_rise_of_two_says_rest(routine: Routine, tmp_path: Path) -> None:
    app = make_app(routine, open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain="2")
        await pilot.press("q", "y")
        await to_summary(pilot, pain="4")
        text = screen_text(app)
        assert "Your back hurts 2 points more than before the session. Rest today" in text


async def test_the_pain_key_stops_records_and_advises(routine: Routine, tmp_path: Path) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain="3")
        await wait(pilot, clock, 30)
        await pilot.press("exclamation_mark")  # no question asked
        summary = await to_summary(pilot, pain="6")
        assert summary.stopped_for_pain
        assert "You stopped because it hurt, and that was right. Rest now" in screen_text(app)
    (row,) = store.sessions()
    assert row.stopped_for_pain and not row.completed
    assert row.done + row.partial >= 1


async def test_one_more_rep_is_offered_and_accepting_raises_the_target(
    routine: Routine, tmp_path: Path
) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    full_session(store, routine, TODAY - timedelta(days=1), 3, 3)
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, pain="3")
        await wait(pilot, clock, 700)
        summary = await to_summary(pilot, pain="3")
        text = screen_text(app)
        assert "Knee to chest: done in full twice in a row" in text
        assert "Go up to 6" in text and "reps next time? (y yes · n not yet)" in text
        await pilot.press("y")
        assert summary.offers == []
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseListScreen)
        await pilot.pause()
        text = screen_text(app)
        assert "6 × 5 s holds per leg" in text and "(up from 5)" in text
    assert store.targets(routine.name) == {"knee-to-chest": 6}
    assert app.trainer.routine_today().exercises[0].reps == 6


async def test_declining_keeps_the_reps_and_y_means_nothing_after(
    routine: Routine, tmp_path: Path
) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    full_session(store, routine, TODAY - timedelta(days=1), 3, 3)
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await wait(pilot, clock, 700)
        await to_summary(pilot)
        await pilot.press("n")
        await pilot.press("y")  # no offer left: ignored
        assert "Go up to" not in screen_text(app)
    assert store.targets(routine.name) == {}


async def test_no_offer_after_the_pain_key(routine: Routine, tmp_path: Path) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    full_session(store, routine, TODAY - timedelta(days=2), 3, 3)
    full_session(store, routine, TODAY - timedelta(days=1), 3, 3)
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("exclamation_mark")
        summary = await to_summary(pilot)
        assert summary.offers == []


async def test_the_safety_screen_comes_once(routine: Routine, tmp_path: Path) -> None:
    app = make_app(routine, open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen)
        assert "weakness or numbness in both legs" in screen_text(app)
        await pilot.press("enter", "s")
        await skip_activities(pilot)
        await pilot.press("q", "y")
        await to_summary(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, SafetyScreen)  # straight to the pain check-in
    assert load().settings.safety_read


async def test_escape_goes_back_from_the_safety_screen_and_the_pain_check(
    routine: Routine, tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    app = make_app(routine, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
        assert not load().settings.safety_read  # asked again next time
        await pilot.press("enter", "enter", "escape")  # read it; then back from the check-in
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
    assert store.sessions() == []
    assert load().settings.safety_read


async def test_the_safety_information_is_reachable_from_help(
    routine: Routine, tmp_path: Path
) -> None:
    save(Settings(safety_read=True))
    app = make_app(routine, open_store(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("s")
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ExerciseListScreen)


async def test_a_store_that_cannot_save_is_shown_and_the_session_runs(
    routine: Routine, tmp_path: Path
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    store, clock = HistoryStore.open(blocker / "history.db"), FakeClock()
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert "⚠ history is not being saved" in screen_text(app)
        await wait(pilot, clock, 700)
        await to_summary(pilot)
        assert "⚠ history is not being saved" in screen_text(app)


async def test_a_damaged_history_is_reported(routine: Routine, tmp_path: Path) -> None:
    (tmp_path / "history.db").write_bytes(b"garbage" * 1000)
    app = make_app(routine, open_store(tmp_path))
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert any("was moved to" in n.message for n in app._notifications)


async def test_the_course_line_and_a_new_course(routine: Routine, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    for days_ago in (3, 2, 1):
        full_session(store, routine, TODAY - timedelta(days=days_ago), 4, 4)
    app = make_app(routine, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Day 4 of 21 · this week 2 of 7" in screen_text(app)  # the 25th is a Wednesday
        await pilot.press("c", "y")
        await pilot.pause()
        assert "Day 1 of 21 · this week 0 of 7" in screen_text(app)
    assert len(store.sessions()) == 3


async def test_two_weeks_without_improvement_suggests_a_professional(
    routine: Routine, tmp_path: Path
) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    for days_ago in range(14, 0, -1):
        full_session(store, routine, TODAY - timedelta(days=days_ago), 5, 5)
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await start(pilot, pain="5")
        await pilot.press("q", "y")
        await to_summary(pilot, pain="5")
        assert "By day 14 of your course your back is not getting better" in screen_text(app)
        await pilot.press("enter", "g")
        assert isinstance(app.screen, ProgressScreen)
        assert "By day 14 of your course your back is not getting better" in screen_text(app)


def progress_app(routine: Routine, tmp_path: Path) -> LowbackApp:
    """A course begun on Sunday 15 November, seen on its day 11: a missed day, five done,
    a day stopped because it hurt, one cut short, and today."""
    store = open_store(tmp_path)
    store.new_course((TODAY - timedelta(days=10)).date(), 21)
    pains = {9: (6, 5), 8: (6, 6), 7: (5, 4), 5: (5, 5), 4: (4, 3), 2: (4, 4), 1: (3, 3)}
    for days_ago, (before, after) in pains.items():
        full_session(store, routine, TODAY - timedelta(days=days_ago), before, after)
    for days_ago, outcome, done, hurt in ((6, Outcome.PARTIAL, 1, True),
                                          (3, Outcome.PARTIAL, 2, False)):  # fmt: skip
        store.now = lambda days_ago=days_ago: TODAY - timedelta(days=days_ago)  # type: ignore[misc]
        session = store.begin(routine.name, "x", None, planned_seconds=380.0)
        record = ExerciseRecord(0, "knee-to-chest", "Knee to chest", outcome, done, 10,
                                5.0 * done, 50)  # fmt: skip
        store.record_exercise(session, record, 5)
        if hurt:
            store.finish(session, Summary(routine.name, (record,), 30, 0, True), True, 0)
    store.now = lambda: TODAY
    return make_app(routine, store)


async def test_the_progress_screen(routine: Routine, tmp_path: Path) -> None:
    app = progress_app(routine, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        text = screen_text(app)
        assert "Day 11 of 21 · this week 2 of 7" in text
        assert "Nov 9 – Nov 15" + " " * 15 + "·" in text  # the course's first day, missed
        assert "Nov 16 – Nov 22  ● ● ● ! ● ● ◐" in text  # the 19th hurt, the 22nd cut short
        assert "Nov 23 – Nov 29  ● ● ◌ ○ ○ ○ ○" in text
        assert "Nov 30 – Dec 6   ○ ○ ○ ○ ○ ○" in text  # the 5th is day 21
        assert "Before sessions: 6 on Nov 16, 3 on Nov 24." in text
        assert "Time spent exercising: 24 min over 9 sessions in all" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ExerciseListScreen)


def test_progress_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("g")

    app = progress_app(routine, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_progress_snapshot_large(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A large terminal gives the chart a row for each half point."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("g")

    app = progress_app(routine, tmp_path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("size", [(20, 6), (40, 12), (300, 100)])
async def test_the_new_screens_at_any_size(
    routine: Routine, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = progress_app(routine, tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("g")
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape", "enter")  # the safety screen
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("enter", "right", "right")  # the pain check-in
        await pilot.press("enter")
        await skip_activities(pilot)  # the dialog, at this size too
        await pilot.press("exclamation_mark")
        await to_summary(pilot, pain="7")
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseListScreen)


async def test_a_disk_that_fills_mid_session_is_shown_at_once(
    routine: Routine, tmp_path: Path
) -> None:
    store, clock = open_store(tmp_path), FakeClock()
    app = make_app(routine, store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert "not being saved" not in screen_text(app)
        assert store._db is not None
        store._db.execute("PRAGMA query_only = ON")  # as a full or read-only disk would
        await wait(pilot, clock, 90)  # the first exercise finishes and cannot be written
        assert "⚠ history is not being saved (attempt to write a readonly database)" in (
            screen_text(app)
        )
        screen = app.screen
        assert isinstance(screen, CountdownScreen)
        await wait(pilot, clock, 10)
        assert screen.run.state is State.RUNNING  # the session carries on regardless


async def test_r_on_the_progress_screen_shows_the_course_report(
    routine: Routine, tmp_path: Path
) -> None:
    from lowback_tui.screens.course_report import CourseReportScreen

    app = progress_app(routine, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "r")
        assert isinstance(app.screen, CourseReportScreen)
        text = screen_text(app)
        assert "Your course report" in text and "Days done" in text
        assert "Next step:" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ProgressScreen)


def test_course_report_snapshot(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = progress_app(routine, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), press=["g", "r"])


def test_the_calendar_has_monday_to_sunday_rows_and_blanks_outside_the_course() -> None:
    from datetime import date

    from lowback_tui.core.course.calendar import Mark, weeks

    start = date(2026, 11, 25)  # a Wednesday
    days = [(start, Mark.DONE), (date(2026, 11, 26), Mark.MISSED), (date(2026, 12, 1), Mark.TODAY)]
    lines = ProgressScreen._calendar(weeks(days)).plain.splitlines()
    assert lines[0].endswith("M T W T F S S")
    assert lines[1].rstrip() == "Nov 23 – Nov 29      ● ·"  # Monday and Tuesday before it began
    assert lines[2].startswith("Nov 30 – Dec 6     ◌")
