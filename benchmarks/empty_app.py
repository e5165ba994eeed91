"""The yardstick for startup: a Textual app with one label and nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class EmptyApp(App[None]):
    """Shows "ready" and waits."""

    def compose(self) -> ComposeResult:
        yield Label("ready")


if __name__ == "__main__":
    EmptyApp().run()
