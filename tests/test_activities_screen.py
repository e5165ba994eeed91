"""The activities dialog (issue 25): Enter moves on, a rating out of range is refused in words,
Escape skips."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Static

from lowback_tui.core.activity_log import ActivityAnswer, ActivityQuestion
from lowback_tui.screens.activities import ActivitiesScreen


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
