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
    from lowback_tui.core import routine_library
    from lowback_tui.core.routine_file import load
    from lowback_tui.core.trainer import Trainer

    app = LowbackApp(Trainer(load(routine_library.resolve(None))))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.save_screenshot(str(HERE / "list-screen.svg"))


if __name__ == "__main__":
    asyncio.run(main())
