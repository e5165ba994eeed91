"""The daily reminder in the app: `?` says whether it is on, and the palette's "Remind me daily"
sets it (through the stand-ins of test_remind_cli.py, never the real scheduler)."""

from __future__ import annotations

from lowback_tui.app import LowbackApp
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer
from lowback_tui.desktop.schedule import cron_at
from lowback_tui.screens.keys import KeysScreen

from .conftest import screen_text
from .fake_clock import FakeClock
from .test_remind_cli import Fakes, fakes

__all__ = ["fakes"]  # the fixture, used by name


async def test_keys_say_the_reminder_and_the_palette_sets_it(
    routine: Routine, fakes: Fakes
) -> None:
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        assert "Daily reminder: off" in screen_text(app)
        await pilot.press("escape")
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Remind me daily" in commands
        app.action_remind_daily()
        await app.workers.wait_for_complete()
        await pilot.pause()
        at = cron_at(fakes.tab.read_text())
        assert at is not None
        shown = [n.message for n in app._notifications]
        assert any(m.startswith(f"Reminder set: daily at {at} (crontab). lowback remind --at")
                   for m in shown), shown  # fmt: skip
        await pilot.press("question_mark")
        assert f"Daily reminder: daily at {at} (crontab)" in screen_text(app)
