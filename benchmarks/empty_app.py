"""The yardstick for startup: a Textual app with one label and nothing else.

With --gc-paused it pauses Python's cyclic collector until its first frame, as `lowback` does,
so the suite can also say how lowback compares with an empty app that does the same.
"""

import gc
import sys

if "--gc-paused" in sys.argv:
    gc.disable()

from textual.app import App, ComposeResult
from textual.widgets import Label


class EmptyApp(App[None]):
    """Shows "ready" and waits."""

    def compose(self) -> ComposeResult:
        yield Label("ready")

    def on_ready(self) -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()


if __name__ == "__main__":
    EmptyApp().run()
