"""The flows every front end uses, without a front end: the Trainer under a fake clock and date."""

from __future__ import annotations

import errno
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lowback_tui.core.course.calendar import Mark
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine import edits as routine_edits
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.settings import load as load_settings
from lowback_tui.core.trainer import Refused, Trainer

from .conftest import BUNDLED, REPO
from .fake_clock import FakeClock

TODAY = datetime(2026, 11, 25, 8, 0)  # a Wednesday
GENTLE = REPO / "routines" / "gentle-start.toml"
BROKEN = 'name = "Broken"\n[[exercise]]\nname = "Only one"\nhold_second = 7\n'


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "history.db", now=lambda: TODAY)


def trainer_for(routine: Routine, store: HistoryStore | None = None) -> Trainer:
    return Trainer(routine, clock=FakeClock(), now=lambda: TODAY, store=store)


def to_the_end(trainer: Trainer, pain: int = 3) -> SessionRun:
    """A session of the trainer's routine, done in full (no check-in after yet)."""
    run = trainer.start_session(pain)
    run.start()
    clock = trainer.clock
    assert isinstance(clock, FakeClock)
    clock.advance(10_000)
    run.advance()
    return run


def a_full_session(trainer: Trainer, pain: int = 3) -> None:
    to_the_end(trainer, pain).check_in_after(pain)


def own_routine(private_home: Path, text: str) -> Path:
    path = private_home / "config" / "routines" / "mine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ---- the history, and what waits for it ---------------------------------------------------------


def test_before_the_history_opens_there_is_no_course_and_the_routine_is_as_written(
    routine: Routine,
) -> None:
    trainer = trainer_for(routine)
    assert not trainer.history_open
    assert trainer.overview().course is None
    assert trainer.progress() is None
    assert trainer.routine_today() == routine
    assert trainer.open_history() == []  # a fresh history: nothing to tell
    assert trainer.history_open
    assert str(trainer.overview().course) == "Day 1 of 21 · this week 0 of 7"


def test_a_damaged_history_is_told_when_it_opens(routine: Routine, private_home: Path) -> None:
    data = private_home / "data"
    data.mkdir(parents=True)
    (data / "history.db").write_bytes(b"not a database" * 100)
    (notice,) = trainer_for(routine).open_history()
    assert notice.startswith("The history file was damaged; it was moved to")


def test_the_history_table(routine: Routine, store: HistoryStore) -> None:
    trainer = trainer_for(routine, store)
    assert trainer.history_table() == "No sessions yet."
    a_full_session(trainer)
    lines = trainer.history_table().splitlines()
    assert lines[1].startswith("2026-11-25  08:00  Strengthen you…  7/7    6 min")
    assert lines[-1] == "1 session, 6 min of exercise"


# ---- the course -------------------------------------------------------------------------------


def test_a_session_makes_the_day_and_the_course_begins_with_it(
    routine: Routine, store: HistoryStore
) -> None:
    trainer = trainer_for(routine, store)
    a_full_session(trainer)
    assert str(trainer.course_status()) == "Day 1 of 21 (done today) · this week 1 of 7"
    progress = trainer.progress()
    assert progress is not None
    assert (progress.sessions, progress.status.completed_days) == (1, 1)
    assert progress.calendar[0] == (date(2026, 11, 25), Mark.DONE)
    assert progress.trend.latest == ((date(2026, 11, 25), 3.0),)
    assert progress.active_seconds == 380.0  # every hold and effort of the routine
    assert progress.not_improving is False


def test_a_new_course_begins_today(routine: Routine, store: HistoryStore) -> None:
    store.now = lambda: TODAY - timedelta(days=3)
    a_full_session(trainer_for(routine, store))
    store.now = lambda: TODAY
    trainer = trainer_for(routine, store)
    assert trainer.progress().status.day == 4  # type: ignore[union-attr]  # calendar days: 3 ago is day 1
    trainer.new_course()
    assert str(trainer.course_status()) == "Day 1 of 21 · this week 0 of 7"
    assert len(store.sessions()) == 1  # the history keeps the session


# ---- a session --------------------------------------------------------------------------------


def test_the_safety_check_comes_until_it_is_confirmed_and_is_remembered(
    routine: Routine,
) -> None:
    trainer = trainer_for(routine)
    assert trainer.needs_safety_check
    trainer.confirm_safety()
    assert not trainer.needs_safety_check
    assert not trainer_for(routine).needs_safety_check  # saved


def test_a_session_is_of_today_s_routine_with_the_reps_moved_up_to(
    routine: Routine, store: HistoryStore
) -> None:
    trainer = trainer_for(routine, store)
    a_full_session(trainer)
    run = to_the_end(trainer)
    (offer,) = run.check_in_after(3).offers
    run.decide(offer, accept=True)
    assert trainer.routine_today().exercises[0].reps == 6
    assert trainer.routine.exercises[0].reps == 5  # the file is not changed
    assert trainer.start_session(None).routine.exercises[0].reps == 6
    overview = trainer.overview()
    assert (overview.routine.exercises[0].reps, overview.as_written.exercises[0].reps) == (6, 5)


# ---- the routine in use --------------------------------------------------------------------------


def test_choosing_a_routine_switches_and_remembers_it(routine: Routine) -> None:
    trainer = trainer_for(routine)
    assert trainer.use_routine(GENTLE) == []
    assert trainer.routine.name == "Gentle start"
    assert load_settings().settings.routine == str(GENTLE)


def test_a_broken_routine_is_not_chosen(routine: Routine, private_home: Path) -> None:
    trainer = trainer_for(routine)
    problems = trainer.use_routine(own_routine(private_home, BROKEN))
    assert [p.key for p in problems] == ["exercise[1]", "exercise[1].hold_second"]
    assert trainer.routine == routine
    assert load_settings().settings.routine == ""


def test_a_file_changed_outside_is_read_again_and_its_problems_told(
    private_home: Path,
) -> None:
    path = own_routine(private_home, 'name = "Mine"\n[[exercise]]\nname = "A"\nhold_seconds = 5\n')
    trainer = trainer_for(load(path))
    assert trainer.check_routine_file() is None  # unchanged
    path.write_text(BROKEN + "\n")
    assert trainer.check_routine_file() == (
        "mine.toml has 2 problems; the last good version is in use"
    )
    assert trainer.routine.name == "Mine" and len(trainer.overview().problems) == 2
    path.write_text('name = "Fixed"\n[[exercise]]\nname = "A"\nhold_seconds = 6\n')
    assert trainer.check_routine_file() is None
    assert (trainer.routine.name, trainer.problems) == ("Fixed", [])


def test_editing_a_bundled_routine_edits_ones_own_copy(
    routine: Routine, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")  # an installed program; nothing here runs it
    trainer = trainer_for(routine)
    edit = trainer.edit_routine()
    path = edit.path
    assert (path, edit.copied) == (private_home / "config" / "routines" / "lower-back.toml", True)
    assert path.read_text() == BUNDLED.read_text()
    assert trainer.routine_path == path
    again = trainer.edit_routine()
    assert (again.path, again.copied) == (path, False)
    path.write_text(BROKEN)
    assert trainer.reread_after_edit() == (
        "lower-back.toml has 2 problems; the last good version is in use"
    )
    path.write_text(BUNDLED.read_text().replace("reps = 5", "reps = 4"))
    assert trainer.reread_after_edit() is None
    assert trainer.routine.exercises[0].reps == 4


def test_one_more_rep_is_saved_in_ones_own_copy_and_never_over_a_broken_file(
    routine: Routine, private_home: Path
) -> None:
    trainer = trainer_for(routine)
    assert trainer.adjust(0, "reps", +1) is None
    mine = private_home / "config" / "routines" / "lower-back.toml"
    assert load(mine).exercises[0].reps == trainer.routine.exercises[0].reps == 6
    assert BUNDLED.read_text() != mine.read_text()
    assert load(BUNDLED).exercises[0].reps == 5  # the bundled file is never changed
    mine.write_text(BROKEN)
    trainer.check_routine_file()
    assert trainer.adjust(0, "reps", +1) == Refused("Fix the file first (e opens it)", False)
    assert mine.read_text() == BROKEN  # what the person typed is kept


def test_an_adjustment_that_cannot_be_written_says_so(
    routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(routine_edits, "write_atomically", full_disk)
    trainer = trainer_for(routine)
    refused = trainer.adjust(0, "seconds", +1)
    assert refused == Refused("Not saved: [Errno 28] No space left on device", error=True)
    assert trainer.routine.exercises[0].hold_seconds == 5


def test_the_report_is_due_once_on_the_course_s_last_day(
    routine: Routine, store: HistoryStore
) -> None:
    from dataclasses import replace

    trainer = trainer_for(replace(routine, course_days=2), store)
    a_full_session(trainer)
    assert trainer.report_due() is None  # day 1 of 2
    trainer.now = lambda: TODAY + timedelta(days=1)
    report = trainer.report_due()
    assert report is not None and (report.day, report.days) == (2, 2)
    assert trainer.report_due() is None  # shown once
