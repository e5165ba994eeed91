"""Issue 25, item 1: the activities kept in the history (migration 5) and asked before a session
by the core's SessionStart: named at a course's first session (skipping asks again), rated at
each course week's first (day 7 is week 1, day 8 week 2)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from lowback_tui.core.activity_log import ActivityAnswer
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session_start import AskActivities, AskPain, Begin, SessionStart
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock

FIRST = datetime(2026, 12, 1, 8, 0)


class Now:
    def __init__(self) -> None:
        self.at = FIRST

    def __call__(self) -> datetime:
        return self.at


def setup(routine: Routine, tmp_path: Path) -> tuple[Trainer, Now]:
    now = Now()
    store = HistoryStore.open(tmp_path / "history.db", now=now)
    trainer = Trainer(routine, clock=FakeClock(), now=now, store=store)
    trainer.confirm_safety()
    return trainer, now


def asked(trainer: Trainer) -> AskActivities | Begin:
    start = SessionStart(trainer)
    assert start.step == AskPain()
    step = start.answer(2)
    assert isinstance(step, AskActivities | Begin), step
    return step


def test_the_first_session_asks_and_a_skip_waits_for_the_next_course_week(
    routine: Routine, tmp_path: Path
) -> None:
    trainer, now = setup(routine, tmp_path)
    start = SessionStart(trainer)
    step = start.answer(2)
    assert isinstance(step, AskActivities) and step.question.naming
    assert isinstance(start.answer(None), Begin)  # a skip never blocks
    assert isinstance(asked(trainer), Begin)  # nor is it asked again the same day
    now.at = FIRST + timedelta(days=6)  # day 7: still week 1
    assert isinstance(asked(trainer), Begin)
    now.at = FIRST + timedelta(days=7)  # day 8: week 2 asks again, still to name them
    again = asked(trainer)
    assert isinstance(again, AskActivities) and again.question.naming
    assert again.question.week == 2


def test_a_skip_is_kept_for_that_course_week_only(routine: Routine, tmp_path: Path) -> None:
    """Remembered in config.toml as the course's first day and week: a new course (begun from
    the list with c) asks again at once."""
    trainer, now = setup(routine, tmp_path)
    start = SessionStart(trainer)
    start.answer(2)
    start.answer(None)
    assert trainer.preferences.settings.activities_skipped == "2026-12-01 week 1"
    now.at = FIRST + timedelta(days=2)
    trainer.new_course()
    step = asked(trainer)
    assert isinstance(step, AskActivities) and step.question.week == 1


def test_three_kept_a_fourth_refused_and_week_2_rates_only(
    routine: Routine, tmp_path: Path
) -> None:
    trainer, now = setup(routine, tmp_path)
    start = SessionStart(trainer)
    start.answer(2)
    four = ActivityAnswer(("a", "b", "c", "d"), (1, 2, 3, 4))
    refused = start.answer(four)
    assert isinstance(refused, AskActivities) and refused.problem == "Up to 3 activities"
    out_of_range = start.answer(ActivityAnswer(("socks",), (11,)))
    assert isinstance(out_of_range, AskActivities) and "0 to 10" in (out_of_range.problem or "")
    assert isinstance(start.answer(ActivityAnswer(("socks", "sit", "walk"), (3, 4, 5))), Begin)
    assert isinstance(asked(trainer), Begin)  # week 1 is rated
    now.at = FIRST + timedelta(days=6)  # day 7: still week 1
    assert isinstance(asked(trainer), Begin)
    now.at = FIRST + timedelta(days=7)  # day 8: week 2
    step = asked(trainer)
    assert isinstance(step, AskActivities)
    assert not step.question.naming and step.question.names == ("socks", "sit", "walk")
    assert step.question.week == 2
    assert trainer.activities.record(ActivityAnswer(step.question.names, (5, 6, 7))) is None
    table = trainer.activities.weeks()
    assert table is not None and table.weeks == (1, 2)
    assert table.rows == ((3, 5), (4, 6), (5, 7))
    moved = trainer.activities.moved()
    assert [(m.name, m.change.value) for m in moved][-1] == ("", "better")  # mean +2.0


def test_no_activities_no_table(routine: Routine, tmp_path: Path) -> None:
    trainer, _ = setup(routine, tmp_path)
    assert trainer.activities.weeks() is None and trainer.activities.moved() == []
