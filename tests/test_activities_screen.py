"""The activities dialog (issue 25): Enter moves on, a rating out of range is refused in words,
Escape skips."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Static

from lowback_tui.app import LowbackApp
from lowback_tui.core.activity_log import ActivityAnswer, ActivityQuestion
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.activities import ActivitiesScreen
from lowback_tui.screens.countdown import CountdownScreen

from .fake_clock import FakeClock


class Host(App[None]):
    def __init__(self, question: ActivityQuestion) -> None:
        super().__init__()
        self.question = question
        self.answers: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(ActivitiesScreen(self.question), callback=self.answers.append)


async def test_out_of_range_is_refused_then_one_activity_is_kept() -> None:
    app = Host(ActivityQuestion(True, (), 1))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press(*"socks", "enter", "1", "1", "enter", "enter")
        message = app.screen.query_one("#activities-message", Static)
        assert str(message.content) == "Rate each activity from 0 to 10."
        assert app.answers == []
        await pilot.press("shift+tab", "backspace", "backspace", "7", "enter", "enter")
        await pilot.pause()
    assert app.answers == [ActivityAnswer(("socks",), (7,))]


async def test_escape_skips() -> None:
    app = Host(ActivityQuestion(False, ("socks", "sit"), 2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [None]


# ---- in the app, before the first session (snapshots at 80×24 and 40×12) ---------------------

FIRST_DAY = datetime(2026, 12, 1, 8, 0)


def first_session_app(routine: Routine, tmp_path: Path) -> LowbackApp:
    store = HistoryStore.open(tmp_path / "h.db", now=lambda: FIRST_DAY)
    trainer = Trainer(routine, clock=FakeClock(), now=lambda: FIRST_DAY, store=store)
    trainer.confirm_safety()
    return LowbackApp(trainer)


async def test_the_first_session_asks_after_the_pain_and_a_skip_begins(
    routine: Routine, tmp_path: Path
) -> None:
    app = first_session_app(routine, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ActivitiesScreen) and app.screen.question.naming
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CountdownScreen)  # never blocks


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_the_dialog_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Naming, one activity typed and rated, the second being typed."""
    press = ["enter", "3", "enter", *"putting on socks", "enter", "4", "enter", *"sitting"]
    assert snap_compare(first_session_app(routine, tmp_path), terminal_size=size, press=press)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_rating_again_snapshot(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A later week: the names as text (a hostile one shown as typed), a rating for each."""
    question = ActivityQuestion(False, ("putting on socks", "[b]sitting[/b] 30 minutes"), 2)
    assert snap_compare(Host(question), terminal_size=size, press=["5"])
