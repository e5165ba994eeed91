"""Choosing, editing and adjusting routines in the app; the palette; themes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from lowback_tui.app import LowbackApp
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.settings import load as load_settings
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.history_view import HistoryScreen
from lowback_tui.screens.list_screen import ExerciseListScreen
from lowback_tui.screens.routine_picker import RoutinePicker

from .conftest import BUNDLED, REPO, screen_text

VALID = 'name = "Edited"\n[[exercise]]\nname = "Only one"\nhold_seconds = 7\n'
INVALID = 'name = "Broken"\n[[exercise]]\nname = "Only one"\nhold_second = 7\n'


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    """Set $EDITOR to a script that writes `text` into the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w').write({text!r})\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    return script


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_picker_switches_routine_and_remembers_it(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, RoutinePicker)
        text = screen_text(app)
        assert "● Strengthen your lower back" in text and "Gentle start" in text
        assert "7 exercises · about 9 min · bundled" in text
        await pilot.press("up", "enter")  # it opens on the routine in use; Gentle start is above
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
        assert app.trainer.routine.name == "Gentle start"
        assert "3 × 5 s holds per leg, alternating" in screen_text(app)
    assert load_settings().settings.routine == str(REPO / "routines" / "gentle-start.toml")


async def test_a_broken_routine_of_ones_own_cannot_be_picked(
    routine: Routine, private_home: Path
) -> None:
    folder = private_home / "config" / "routines"
    folder.mkdir(parents=True)
    (folder / "aaa.toml").write_text(INVALID)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert "cannot be used: 2 problems in aaa.toml" in screen_text(app)
        await pilot.press("enter")  # the broken one is first, and disabled
        await pilot.pause()
        assert app.trainer.routine.name != "Broken"


async def test_editing_a_bundled_routine_copies_it_and_loads_the_edit(
    routine: Routine, private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_editor(tmp_path, monkeypatch, VALID)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert app.trainer.routine.name == "Edited"
        assert "Only one" in screen_text(app)
    mine = private_home / "config" / "routines" / "lower-back.toml"
    assert mine.read_text() == VALID
    assert BUNDLED.read_text() != VALID  # the bundled file is never changed


async def test_an_invalid_edit_shows_the_problems_and_keeps_the_last_good_version(
    routine: Routine, private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_editor(tmp_path, monkeypatch, INVALID)
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        mine = private_home / "config" / "routines" / "lower-back.toml"
        panel = str(app.screen.query_one("#routine-problems", Static).content).splitlines()
        line = f"{mine}:4: exercise[1].hold_second: unknown key; did you mean 'hold_seconds'?"
        assert line in panel  # the same lines as `lowback validate` prints
        assert panel[-1] == "The last good version is in use; e opens the file again."
        assert "did you mean" in screen_text(app)  # and they are on screen
        assert app.trainer.routine.name == routine.name  # still usable
        assert mine.read_text() == INVALID  # what the person typed is kept as it is
        fake_editor(tmp_path, monkeypatch, VALID)  # e again, and this time it is right
        await pilot.press("e")
        await settle(pilot)
        assert app.trainer.routine.name == "Edited"
        assert "The last good version" not in screen_text(app)


async def test_no_editor_at_all_says_so(routine: Routine, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PATH", "")
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        assert any("No editor found" in n.message for n in app._notifications)


async def test_quick_adjust_saves_to_ones_own_copy_and_keeps_comments(
    routine: Routine, private_home: Path
) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus", "plus", "minus")  # Knee to chest: 5 -> 6
        await pilot.press("j", "j", "j", "greater_than_sign")  # hamstring: 30 -> 35 s
        await pilot.pause()
        text = screen_text(app)
        assert "6 × 5 s holds per leg" in text and "3 × 35 s holds per leg" in text
    mine = private_home / "config" / "routines" / "lower-back.toml"
    saved = load(mine)
    assert (saved.exercises[0].reps, saved.exercises[3].hold_seconds) == (6, 35)
    assert saved.exercises[1:3] == routine.exercises[1:3]
    assert "# A lowback routine. Change anything you like" in mine.read_text()
    assert load(BUNDLED) == routine


async def test_a_change_made_outside_the_app_is_picked_up_on_return(
    routine: Routine, private_home: Path
) -> None:
    folder = private_home / "config" / "routines"
    folder.mkdir(parents=True)
    path = folder / "mine.toml"
    path.write_text(VALID)
    app = LowbackApp(Trainer(load(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        path.write_text(VALID.replace("Edited", "Changed outside"))
        await pilot.press("escape")
        await pilot.pause()
        assert "Changed outside" in screen_text(app)
        await pilot.press("g")
        path.unlink()
        await pilot.press("escape")
        await pilot.pause()
        # The message follows the file's path, whose length (a temporary folder's) moves where
        # its lines wrap: read the words whatever the wrapping.
        assert "the file is gone; using the version read before" in " ".join(
            screen_text(app).split()
        )
        assert app.trainer.routine.name == "Changed outside"


async def test_the_palette_offers_lowbacks_commands(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Start", "Pick routine", "Edit routine", "Progress", "History", "Sound: bell",
                      "Voice on", "Sound test", "Safety information", "Theme"):  # fmt: skip
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"History", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "No sessions yet." in screen_text(app)


async def test_the_theme_is_remembered(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine))
    async with app.run_test(size=(80, 24)):
        app.theme = "nord"
    assert load_settings().settings.theme == "nord"
    again = LowbackApp(Trainer(routine))
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"
