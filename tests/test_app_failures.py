"""The app when something fails under it: an editor that cannot start, a stop with ctrl+z, a
signal, stdin at its end, a very long session to sum up."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core.routine import Routine
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.exercise_list import ExerciseListScreen
from lowback_tui.widgets.exercise_list import ExerciseList

from .pty_run import PtyProgram

LOWBACK = str(Path(sys.executable).parent / "lowback")


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def messages(app: LowbackApp) -> list[str]:
    return [n.message for n in app._notifications]


BAD_EDITORS = [
    ("/nowhere/no-such-editor", "/nowhere/no-such-editor is not an installed program"),
    ("no-such-editor --wait", "no-such-editor is not an installed program"),
    ('vim "x', "No closing quotation"),
]


@pytest.mark.parametrize(("editor", "said"), BAD_EDITORS, ids=["path", "name", "unclosed-quote"])
async def test_a_missing_or_broken_editor_is_one_message_and_the_app_carries_on(
    routine: Routine, monkeypatch: pytest.MonkeyPatch, editor: str, said: str
) -> None:
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and said in errors[0], messages(app)
        assert isinstance(app.screen, ExerciseListScreen)
        await pilot.press("j")  # the next key still acts
        assert app.screen.query_one(ExerciseList).highlighted == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_editor_that_fails_to_start_inside_suspend_resumes_the_app(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found on PATH, but it cannot be run (a script whose interpreter is missing): the error
    comes from inside the suspended stretch, which must still be left."""
    editor = tmp_path / "editor"
    editor.write_text("#!/nowhere/interpreter\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    app = LowbackApp(Trainer(routine))
    left: list[str] = []

    @contextlib.contextmanager
    def suspend() -> Iterator[None]:
        # Textual's suspend() resumes only when its block ends without an exception.
        left.append("suspended")
        yield
        left.append("resumed")

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert left == ["suspended", "resumed"]
        assert any(f"Could not start {editor}" in m for m in messages(app))
        await pilot.press("j")
        assert app.screen.query_one(ExerciseList).highlighted == 1


def test_in_a_terminal_a_broken_editor_leaves_the_app_answering_keys(tmp_path: Path) -> None:
    editor = tmp_path / "editor"
    editor.write_text("#!/nowhere/interpreter\n")
    editor.chmod(0o755)
    for value in (str(editor), 'vim "x'):
        program = PtyProgram([LOWBACK], size=(80, 24), env={"EDITOR": value, "VISUAL": ""})
        try:
            program.wait_for("Seated twist")
            program.send(b"e")
            program.wait_for("Could not")
            program.send(b"j")
            program.wait_for("Lie face down")  # the pane follows the highlight: keys work
            program.send(b"\x11")  # ctrl+q
            code = program.wait_exit()
        finally:
            program.stop()
        assert code == 0, value
