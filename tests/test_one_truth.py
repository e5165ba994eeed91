"""One model of a day for every routine, and one course for every front end (issue 21): a gentle
session on a bad day counts, sessions run by path count, and `lowback report` says what the
report screen says, whichever routine is chosen now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from lowback_tui.app import LowbackApp
from lowback_tui.cli import main
from lowback_tui.core.course.calendar import Mark
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.course_report import CourseReportScreen

from .conftest import BUNDLED, screen_text
from .fake_clock import FakeClock

TODAY = datetime(2026, 11, 25, 8, 0)


def whole_session(trainer: Trainer, pain: int | None, *, gentle: bool = False) -> None:
    run = trainer.start_session(pain, gentle=gentle)
    run.start()
    clock = trainer.clock
    assert isinstance(clock, FakeClock)
    clock.advance(10_000)
    run.advance()
    run.check_in_after(pain)


def test_a_whole_gentle_session_on_a_bad_day_makes_the_day(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: TODAY)
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)
    before = trainer.before_session(8)
    assert before is not None and before.gentle  # the bad day offers the gentle routine
    whole_session(trainer, 8, gentle=True)
    (kept,) = store.sessions()
    assert kept.routine_name == "Gentle start" and kept.planned_seconds == 186.0
    assert kept.active_seconds < 0.5 * 380  # under half of the routine in use
    assert str(trainer.course_status()) == "Day 1 of 21 (done today) · this week 1 of 7"
    progress = trainer.progress()
    assert progress is not None and progress.calendar[0] == (TODAY.date(), Mark.DONE)
    report = trainer.course_report()
    assert report is not None and report.days_done == 1


def days_ago(store: HistoryStore, count: int) -> Callable[[], datetime]:
    """Set the store's clock `count` days back from now; the same clock, for a Trainer."""
    when = datetime.now().replace(microsecond=0) - timedelta(days=count)
    store.now = lambda: when
    return store.now


def a_course_run_by_path(home: Path, tmp_path: Path) -> Path:
    """Three days of sessions of a routine of 10 days, run by its path (`lowback run FILE`),
    each rated; the routine chosen in the app is the bundled lower-back one, twice as long."""
    path = tmp_path / "by-path.toml"
    path.write_text((Path(__file__).parent / "routines" / "tiny.toml").read_text()
                    .replace('name = "Tiny"', 'name = "Tiny"\ncourse_days = 10'))  # fmt: skip
    tiny = load(path)
    store = HistoryStore.open(home / "data" / "history.db")
    for count, pain in ((2, 5), (1, 4), (0, 4)):
        now = days_ago(store, count)
        whole_session(Trainer(tiny, clock=FakeClock(), now=now, store=store), pain)
    store.close()
    save(Settings(routine=str(BUNDLED), safety_read=True))
    return path


def test_sessions_run_by_path_count_whatever_routine_is_chosen(
    private_home: Path, tmp_path: Path
) -> None:
    a_course_run_by_path(private_home, tmp_path)
    store = HistoryStore.open(private_home / "data" / "history.db")
    report = Trainer(load(BUNDLED), store=store).course_report()
    assert report is not None
    assert (report.day, report.days, report.days_done, report.sessions) == (3, 10, 3, 3)
    assert report.status.done_today and report.status.days_left == 7


def test_lowback_report_says_what_the_report_screen_says(
    private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_course_run_by_path(private_home, tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["report"])
    out, err = capsys.readouterr()
    assert (exited.value.code, err) == (0, "")
    store = HistoryStore.open(private_home / "data" / "history.db")
    report = Trainer(load(BUNDLED), store=store).course_report()
    assert report is not None
    assert out == report.text() + "\n"
    assert "Days done: 3 of 10" in out.splitlines()
    save(Settings(routine=str(BUNDLED.parent / "gentle-start.toml"), safety_read=True))
    with pytest.raises(SystemExit):
        main(["report"])
    assert capsys.readouterr().out == out  # another routine chosen: the same report


async def test_the_report_screen_shows_the_same_lines(private_home: Path, tmp_path: Path) -> None:
    a_course_run_by_path(private_home, tmp_path)
    store = HistoryStore.open(private_home / "data" / "history.db")
    trainer = Trainer(load(BUNDLED), store=store)
    report = trainer.course_report()
    assert report is not None
    app = LowbackApp(trainer)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", "r")
        assert isinstance(app.screen, CourseReportScreen)
        shown = [" ".join(line.split()) for line in screen_text(app).splitlines()]
    for label, value in report.rows():
        assert f"{label} {value}" in shown
    assert "Days done 3 of 10" in shown


def test_a_broken_chosen_routine_does_not_stop_the_report(
    private_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_course_run_by_path(private_home, tmp_path)
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n")
    save(Settings(routine=str(broken)))
    with pytest.raises(SystemExit) as exited:
        main(["report"])
    out, err = capsys.readouterr()
    assert (exited.value.code, err) == (0, "")
    assert "Days done: 3 of 10" in out.splitlines()


def test_plain_mode_ends_with_the_course_line(routine: Routine, tmp_path: Path) -> None:
    import io

    from lowback_tui.plain import Plain

    from .test_plain import Script

    save(Settings(safety_read=True))
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: TODAY)
    out, clock = io.StringIO(), FakeClock()
    trainer = Trainer(routine, clock=clock, now=lambda: TODAY, store=store)
    Plain(out, Script(clock, ["3", "3"], {})).run(trainer)
    last = out.getvalue().replace("\a", "").rstrip("\n").rsplit("\n", 1)[-1]
    assert last.endswith("Your course: Day 1 of 21 (done today) · this week 1 of 7.")
    assert f"{trainer.course_status()}" in last
