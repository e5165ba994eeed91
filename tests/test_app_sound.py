"""Sound and voice in the app: m, v, the sound test, and what ? says is in use."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lowback_tui.app import LowbackApp
from lowback_tui.audio import sound_test
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.keys import KeysScreen

from .conftest import played, screen_text
from .fake_clock import FakeClock


async def test_v_turns_the_voice_on_and_off_and_remembers(
    routine: Routine, private_home: Path
) -> None:
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        assert app.trainer.preferences.settings.voice is True
        await pilot.press("v", "v")
    saved = tomllib.loads((private_home / "config" / "config.toml").read_text())
    assert saved["voice"] is True


async def test_keys_say_which_sound_and_voice_are_in_use(routine: Routine) -> None:
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        assert "Sound: the terminal bell; no sound player in tests." in text
        assert "Voice: off, but none in tests." in text


async def test_the_sound_test_plays_everything_and_speaks_a_line(
    routine: Routine, fake_speakers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each tone stops the one before (never piling up): 10 ms apart, a busy machine's stand-in
    # player was stopped before it logged its tick (CI, Python 3.12, under -n 3); 0.2 s is room.
    monkeypatch.setattr(sound_test, "GAP_SECONDS", 0.2)
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_sound_test()
        await pilot.pause(1.2)
        heard = played(fake_speakers, 5)
    # Each program logs as it starts; the order within one program is the order played.
    assert [Path(what).stem for _, name, what in heard if name == "pw-play"] == [
        "tick-v1", "start-v1", "stop-v1", "finish-v1"]  # fmt: skip
    assert [what for _, name, what in heard if name == "espeak-ng"] == [sound_test.LINE]


async def test_the_palette_s_sound_test_says_the_truth_about_the_voice(
    routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound_test, "GAP_SECONDS", 0.01)
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(str(message)))
        app.action_sound_test()
        await pilot.pause(0.3)
    # No engine in tests: it says so, and does not claim to speak.
    assert notices[-1] == "No line spoken: there is no speech engine to speak it (see Voice above)."
    assert not any(notice.startswith("Speaking") for notice in notices)


async def test_the_palette_s_sound_test_with_the_voice_off_calls_the_line_a_sample(
    routine: Routine, fake_speakers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound_test, "GAP_SECONDS", 0.01)
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **_: notices.append(str(message)))
        app.action_sound_test()
        await pilot.pause(0.3)
    assert notices[-1] == (
        f"Speaking a sample, though the voice is off (v turns it on): {sound_test.LINE}"
    )
