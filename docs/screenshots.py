"""Save the README's screenshots as SVG: .venv/bin/python docs/screenshots.py"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


async def main() -> None:
    os.environ["LOWBACK_HOME"] = tempfile.mkdtemp()  # never the real home
    from lowback_tui.app import LowbackApp
    from lowback_tui.core.routine import library as routine_library
    from lowback_tui.core.routine.file import load
    from lowback_tui.core.settings import Loaded, Preferences, Settings
    from lowback_tui.core.trainer import Trainer

    app = LowbackApp(Trainer(load(routine_library.resolve(None))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.save_screenshot(str(HERE / "list-screen.svg"))
        await pilot.press("j", "d")  # the second exercise's picture, in the d window
        await pilot.pause()
        app.save_screenshot(str(HERE / "picture.svg"))
    # The countdown 1.5 s into the first hold (space ends the settling in at once), on a clock
    # that moves only when told.
    now = [1000.0]
    preferences = Preferences(Loaded(Settings(safety_read=True, sound="off")))
    trainer = Trainer(load(routine_library.resolve(None)), clock=lambda: now[0],
                      preferences=preferences)  # fmt: skip
    app = LowbackApp(trainer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("space")  # settled in already: start now
        await pilot.pause()
        now[0] += 6.5
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        app.save_screenshot(str(HERE / "countdown.svg"))


if __name__ == "__main__":
    asyncio.run(main())
