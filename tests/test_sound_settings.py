"""The sound settings in config.toml: old files, wrong values, the `m` cycle, and saving them."""

from __future__ import annotations

from pathlib import Path

import pytest

from lowback_tui.core import settings
from lowback_tui.core.settings import (
    COUNT_RANGE,
    COUNT_SECONDS,
    SOUNDS,
    Loaded,
    Preferences,
    Settings,
    SoundSetting,
    load,
    next_sound,
    save,
    settings_path,
)


def write(text: str) -> Path:
    """config.toml holding `text`, in the test's own LOWBACK_HOME."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_settings_file_is_in_the_tests_own_home(private_home: Path) -> None:
    assert settings_path() == private_home / "config" / "config.toml"


def test_defaults() -> None:
    assert load() == Loaded(Settings())
    defaults = Settings()
    assert (defaults.sound, defaults.voice, defaults.count_seconds, defaults.voice_command) == (
        "tones",
        False,
        COUNT_SECONDS,
        "",
    )
    assert COUNT_SECONDS == 3 and COUNT_RANGE == (0, 10)


@pytest.mark.parametrize(("written", "sound"), [("true", "tones"), ("false", "off")])
def test_an_old_true_or_false_sound_still_loads(written: str, sound: str) -> None:
    write(f"sound = {written}\nvoice = true\n")
    loaded = load()
    assert loaded.problem is None
    assert (loaded.settings.sound, loaded.settings.voice) == (sound, True)


@pytest.mark.parametrize("sound", SOUNDS)
def test_each_sound_is_kept(sound: SoundSetting) -> None:
    write(f'sound = "{sound}"\n')
    assert load() == Loaded(Settings(sound=sound))


@pytest.mark.parametrize("sound", ["loud", "Tones", "", "bell "])
def test_an_unknown_sound_is_a_problem_and_the_defaults_are_used(sound: str) -> None:
    path = write(f'sound = "{sound}"\nvoice = true\ncount_seconds = 5\n')
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert (loaded.problem.path, loaded.problem.key) == (path, "sound")
    assert loaded.problem.message == f"must be one of tones, bell, off (got {sound!r})"


@pytest.mark.parametrize("seconds", [0, 1, 3, 10])
def test_count_seconds_within_the_range_loads(seconds: int) -> None:
    write(f"count_seconds = {seconds}\n")
    loaded = load()
    assert loaded.problem is None
    assert loaded.settings.count_seconds == seconds


@pytest.mark.parametrize("seconds", [-1, 11, 100])
def test_count_seconds_outside_the_range_is_refused(seconds: int) -> None:
    write(f'count_seconds = {seconds}\nsound = "bell"\n')
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert loaded.problem.key == "count_seconds"
    assert loaded.problem.message == f"must be between 0 and 10 (got {seconds})"


@pytest.mark.parametrize(
    ("written", "shown"), [("true", "True"), ('"3"', "'3'"), ("3.0", "3.0"), ("[3]", "[3]")]
)
def test_count_seconds_must_be_a_whole_number(written: str, shown: str) -> None:
    write(f"count_seconds = {written}\n")
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert loaded.problem.key == "count_seconds"
    assert loaded.problem.message == f"must be a whole number (got {shown})"


@pytest.mark.parametrize(
    ("written", "shown"), [('"yes"', "'yes'"), ("1", "1"), ('"true"', "'true'")]
)
def test_voice_must_be_true_or_false(written: str, shown: str) -> None:
    write(f"voice = {written}\n")
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert loaded.problem.key == "voice"
    assert loaded.problem.message == f"must be true or false (got {shown})"


def test_voice_command_must_be_text() -> None:
    write('voice_command = ["espeak-ng", "{text}"]\n')
    loaded = load()
    assert loaded.problem is not None and loaded.problem.key == "voice_command"
    assert loaded.problem.message.startswith("must be text in quotes")


def test_a_sound_that_is_not_text_nor_true_or_false_is_refused() -> None:
    write("sound = 1\n")
    loaded = load()
    assert loaded.problem is not None and loaded.problem.key == "sound"
    assert loaded.problem.message == "must be text in quotes (got 1)"


def test_a_broken_file_is_a_problem_for_the_whole_file() -> None:
    path = write('sound = "tones\n')
    loaded = load()
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert (loaded.problem.path, loaded.problem.key) == (path, "")
    assert loaded.problem.message.startswith("cannot be read (")


def test_next_sound_steps_tones_bell_off_and_round() -> None:
    assert [next_sound(s) for s in ("tones", "bell", "off")] == ["bell", "off", "tones"]
    sound: SoundSetting = "tones"
    seen = []
    for _ in range(6):
        sound = next_sound(sound)
        seen.append(sound)
    assert seen == ["bell", "off", "tones", "bell", "off", "tones"]


@pytest.mark.parametrize("unknown", ["loud", "", "Bell", "on"])
def test_next_sound_from_an_unknown_value_is_tones(unknown: str) -> None:
    assert next_sound(unknown) == "tones"


def test_override_changes_the_settings_without_writing_the_file() -> None:
    preferences = Preferences.load()
    preferences.override(voice=True, sound="bell")
    assert (preferences.settings.voice, preferences.settings.sound) == (True, "bell")
    assert not settings_path().exists()

    path = write('sound = "off"\ntheme = "nord"\n')
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino)
    preferences = Preferences.load()
    preferences.override(voice=True, count_seconds=0)
    assert preferences.settings == Settings(sound="off", theme="nord", voice=True, count_seconds=0)
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert load().settings == Settings(sound="off", theme="nord")


def test_change_saves_but_never_over_a_broken_file() -> None:
    preferences = Preferences.load()
    assert preferences.change(sound="bell") is True
    assert load().settings.sound == "bell"

    path = write('sound = "loud"\n')
    preferences = Preferences.load()
    assert preferences.problem is not None
    assert preferences.change(sound="off") is False
    assert preferences.settings.sound == "off"  # for this run
    assert path.read_text() == 'sound = "loud"\n'  # what the person typed is left alone


def test_save_then_load_round_trips_the_sound_settings() -> None:
    chosen = Settings(sound="bell", voice=True, count_seconds=10,
                      voice_command="myspeak --rate 150 '{text}' \"quoted\" \\ back")  # fmt: skip
    save(chosen)
    loaded = load()
    assert loaded.problem is None
    assert loaded.settings == chosen
    assert (
        loaded.settings.sound,
        loaded.settings.voice,
        loaded.settings.count_seconds,
        loaded.settings.voice_command,
    ) == ("bell", True, 10, "myspeak --rate 150 '{text}' \"quoted\" \\ back")


@pytest.mark.parametrize("sound", SOUNDS)
def test_change_then_load_round_trips_each_sound(sound: SoundSetting) -> None:
    Preferences.load().change(sound=sound, voice=sound != "off", count_seconds=0)
    assert load() == Loaded(Settings(sound=sound, voice=sound != "off", count_seconds=0))


def test_an_old_boolean_sound_is_saved_as_its_new_word() -> None:
    path = write("sound = false\nfuture_key = 7\n")
    preferences = Preferences.load()
    assert preferences.change(voice=True)
    text = path.read_text()
    assert 'sound = "off"' in text and "future_key = 7" in text and "voice = true" in text
    assert load().settings == Settings(sound="off", voice=True, extra={"future_key": 7})
    assert load().settings.extra == {"future_key": 7}


def test_every_sound_setting_is_known() -> None:
    known = settings.known()
    assert {key: known[key] for key in ("sound", "voice", "count_seconds", "voice_command")} == {
        "sound": "tones",
        "voice": False,
        "count_seconds": 3,
        "voice_command": "",
    }
