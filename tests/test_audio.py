"""The sounds and the voice: the tones, the players, the speech engines, the Speaker and the
sound test, with stand-in programs on PATH (no real sound device exists where tests run)."""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.audio import players, speaker, tones, voices
from lowback_tui.audio.players import Found, Player, find_player
from lowback_tui.audio.sound_test import LINE, STEPS, sound_test
from lowback_tui.audio.speaker import Speaker
from lowback_tui.audio.voices import LONGEST, TEXT, Engine, Voice, find_engine, speakable
from lowback_tui.child_processes import CHILDREN, Child, Children
from lowback_tui.core.logs import log
from lowback_tui.core.session.guidance import Cue, Say, Sound
from lowback_tui.core.settings import Loaded, Preferences, Settings

from .conftest import played

LOWBACK = str(Path(sys.executable).parent / "lowback")
SLEEP = shutil.which("sleep") or "/bin/sleep"
SEPARATOR = "\x1f"
"""Between the arguments an argv-logging stand-in writes (speakable() never lets one through)."""
SSH_VARIABLES = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")


# ---- helpers ---------------------------------------------------------------------------------


def program(folder: Path, name: str, body: str = "", mode: int = 0o755) -> Path:
    """A small bash script called `name` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/bash\n{body}\n")
    path.chmod(mode)
    return path


def logging_program(folder: Path, name: str, log_file: Path, then: str = "") -> Path:
    """A stand-in that appends its name and arguments (one line, SEPARATOR between) to
    `log_file`, then runs `then`."""
    record = f"(IFS=$'{SEPARATOR}'; printf '%s\\n' \"${{0##*/}}${{IFS}}$*\") >> '{log_file}'"
    return program(folder, name, f"{record}\n{then}")


def argvs(log_file: Path, count: int, timeout: float = 10) -> list[list[str]]:
    """The argument lists a logging_program wrote, once there are `count` (or at the deadline)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = log_file.read_text().splitlines() if log_file.exists() else []
        if len(lines) >= count or time.monotonic() > deadline:
            return [line.split(SEPARATOR) for line in lines]
        time.sleep(0.02)


def wait_for_file(path: Path, timeout: float = 10) -> str:
    """The text of `path`, once something was written to it."""
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.read_text().strip()):
        assert time.monotonic() < deadline, f"{path} never written"
        time.sleep(0.02)
    return path.read_text()


def running(pid: int) -> bool:
    """True while `pid` is a live process (a zombie no one has reaped yet counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def until_gone(pid: int, timeout: float = 5) -> bool:
    """Wait (with a deadline) for `pid` to end; True when it did."""
    deadline = time.monotonic() + timeout
    while running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def only_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """PATH is `folder` alone, and lowback is not over SSH."""
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("PATH", str(folder))
    for name in SSH_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def end(processes: list[Child]) -> None:
    """Stop the stand-ins a test started (each by its own process group) and reap them."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(OSError):  # it ended in the meantime
                os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=5)


@pytest.fixture
def warnings_logged() -> Iterator[list[str]]:
    """The warnings lowback's log receives during the test."""
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Keep(logging.WARNING)
    log.addHandler(handler)
    try:
        yield records
    finally:
        log.removeHandler(handler)


def prefs(**settings: Any) -> Preferences:
    """Preferences held in memory, never read from or written to a file."""
    return Preferences(Loaded(Settings(**settings)))


class Bell:
    """A bell that counts its rings."""

    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


# ---- 1. the tones ----------------------------------------------------------------------------


def frames_of(tune: tuple[tones.Note, ...]) -> list[int]:
    """The samples of a tune's WAV file, read back with `wave`, checking its format."""
    with wave.open(io.BytesIO(tones.wav_bytes(tune)), "rb") as file:
        assert (file.getnchannels(), file.getsampwidth(), file.getframerate()) == (1, 2, tones.RATE)
        count = file.getnframes()
        data = file.readframes(count)
    assert count == sum(int(tones.RATE * seconds) for _, seconds in tune)
    assert len(data) == 2 * count
    return list(struct.unpack(f"<{count}h", data))


def notes_of(tune: tuple[tones.Note, ...], samples: list[int]) -> list[list[int]]:
    """The samples cut into the tune's notes."""
    out: list[list[int]] = []
    start = 0
    for _, seconds in tune:
        count = int(tones.RATE * seconds)
        out.append(samples[start : start + count])
        start += count
    return out


def dominant_frequency(samples: list[int]) -> float:
    """The frequency of a tone, from how often it crosses zero."""
    signs = [x > 0 for x in samples if x != 0]
    crossings = sum(1 for a, b in itertools.pairwise(signs) if a != b)
    return crossings / 2 / (len(samples) / tones.RATE)


@pytest.mark.parametrize("sound", list(Sound))
def test_each_tune_is_a_mono_16_bit_wav_that_fades_in_and_out_without_clipping(
    sound: Sound,
) -> None:
    tune = tones.TUNES[sound]
    samples = frames_of(tune)
    loudest = 32767 * tones.VOLUME
    assert max(abs(x) for x in samples) <= loudest + 1  # never clips, never harsh
    assert max(abs(x) for x in samples) > loudest * 0.9  # and is heard
    for note in notes_of(tune, samples):  # every note starts and ends near silence: no click
        assert abs(note[0]) <= 50 and abs(note[-1]) <= 50
        assert abs(note[1]) < loudest / 10 and abs(note[-2]) < loudest / 10


@pytest.mark.parametrize("sound", list(Sound))
def test_each_note_sounds_at_its_own_frequency(sound: Sound) -> None:
    tune = tones.TUNES[sound]
    for (frequency, _), note in zip(tune, notes_of(tune, frames_of(tune)), strict=True):
        assert dominant_frequency(note) == pytest.approx(frequency, rel=0.06)


def test_start_rises_and_stop_falls() -> None:
    def first_and_last(sound: Sound) -> tuple[float, float]:
        tune = tones.TUNES[sound]
        notes = notes_of(tune, frames_of(tune))
        return dominant_frequency(notes[0]), dominant_frequency(notes[-1])

    low, high = first_and_last(Sound.START)
    assert high > low * 1.3
    high, low = first_and_last(Sound.STOP)
    assert high > low * 1.3
    low, high = first_and_last(Sound.FINISH)
    assert high > low * 1.3  # the chord climbs too


def test_the_four_sounds_are_all_different() -> None:
    files = {tones.wav_bytes(tones.TUNES[sound]) for sound in Sound}
    assert len(files) == len(Sound) == 4
    lengths = {sum(seconds for _, seconds in tones.TUNES[sound]) for sound in Sound}
    assert len(lengths) == 4  # each can be told apart by its length alone


def test_sound_files_are_made_once_and_then_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "sounds"
    paths = tones.sound_files(folder)
    assert set(paths) == set(Sound)
    assert sorted(path.name for path in paths.values()) == sorted(
        f"{sound.value}-v{tones.VERSION}.wav" for sound in Sound
    )
    for sound, path in paths.items():
        assert path.parent == folder
        assert path.read_bytes() == tones.wav_bytes(tones.TUNES[sound])
    before = {sound: (path.stat().st_ino, path.stat().st_mtime_ns) for sound, path in paths.items()}
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths.values())

    assert tones.sound_files(folder) == paths
    after = {sound: (path.stat().st_ino, path.stat().st_mtime_ns) for sound, path in paths.items()}
    assert after == before  # not written again (an atomic rewrite would change the inode)


def test_sound_files_default_to_the_cache_folder(private_home: Path) -> None:
    paths = tones.sound_files()
    assert {path.parent for path in paths.values()} == {private_home / "cache" / "sounds"}
    assert all(path.is_file() for path in paths.values())


def test_a_missing_tone_is_made_again(tmp_path: Path) -> None:
    paths = tones.sound_files(tmp_path)
    paths[Sound.TICK].unlink()
    kept = paths[Sound.START].stat().st_ino
    tones.sound_files(tmp_path)
    assert paths[Sound.TICK].read_bytes() == tones.wav_bytes(tones.TUNES[Sound.TICK])
    assert paths[Sound.START].stat().st_ino == kept


def test_sound_files_in_a_folder_that_cannot_be_made_raise_oserror(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        tones.sound_files(blocker / "sounds")
    assert blocker.read_text() == "not a folder"


# ---- 2. the players --------------------------------------------------------------------------


def test_find_player_prefers_pw_play_then_paplay_then_aplay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    found = {name: program(folder, name) for name in ("aplay", "paplay", "pw-play", "afplay")}
    assert find_player("linux") == Found((str(found["pw-play"]),))
    found["pw-play"].unlink()
    assert find_player("linux") == Found((str(found["paplay"]),))
    found["paplay"].unlink()
    assert find_player("linux") == Found((str(found["aplay"]), "-q"))
    assert find_player("freebsd14") == Found((str(found["aplay"]), "-q"))


def test_find_player_on_a_mac_is_afplay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    program(folder, "pw-play")
    afplay = program(folder, "afplay")
    assert find_player("darwin") == Found((str(afplay),))
    afplay.unlink()
    assert find_player("darwin") == Found((), "no sound player found (afplay)")


def test_no_player_says_which_were_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    program(folder, "aplay", mode=0o644)  # not executable: not a player
    found = find_player("linux")
    assert found.command == ()
    assert found.why_not == "no sound player found (pw-play, paplay, aplay)"


@pytest.mark.parametrize("variable", SSH_VARIABLES)
def test_over_ssh_there_is_no_player(
    variable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    program(folder, "pw-play")
    program(folder, "afplay")
    monkeypatch.setenv(variable, "10.0.0.2 50000 10.0.0.1 22")
    for platform in ("linux", "darwin"):
        found = find_player(platform)
        assert found.command == ()
        assert "SSH" in found.why_not
    monkeypatch.setenv(variable, "")  # set but empty: not over SSH
    assert find_player("linux").command == (str(folder / "pw-play"),)


def test_play_returns_at_once_and_passes_the_path_last(tmp_path: Path) -> None:
    log_file = tmp_path / "player.log"
    slow = logging_program(tmp_path / "bin", "slow-play", log_file, f"{SLEEP} 2")
    player = Player((str(slow), "--volume", "0.5"))
    sound = tmp_path / "a sound.wav"
    try:
        started = time.monotonic()
        player.play(sound, 0.1)
        assert time.monotonic() - started < 0.5
        assert argvs(log_file, 1) == [["slow-play", "--volume", "0.5", str(sound)]]
        player.collect()
        assert len(player._playing) == 1  # still playing, kept to be collected later
        assert player.failed == ""
    finally:
        end(player._playing)
    player.collect()
    assert player._playing == [] and player.failed == ""  # ended by a signal: not a failure
    assert player.name == "slow-play"


def test_a_player_that_exits_with_an_error_fails_once(
    tmp_path: Path, warnings_logged: list[str]
) -> None:
    broken = program(tmp_path / "bin", "broken-play", "exit 3")
    player = Player((str(broken),))
    player.play(tmp_path / "start.wav", 0.3)
    (process,) = player._playing
    assert process.wait(timeout=10) == 3
    player.collect()
    assert player._playing == []
    assert player.failed == "broken-play exited with status 3"
    player.play(tmp_path / "stop.wav", 0.3)
    assert player._playing == []  # a failed player is not started again
    assert warnings_logged == [
        "sound: broken-play exited with status 3; the terminal bell is used instead"
    ]


def test_a_player_that_succeeds_is_not_a_failure(tmp_path: Path) -> None:
    fine = program(tmp_path / "bin", "fine-play", "exit 0")
    player = Player((str(fine),))
    player.play(tmp_path / "start.wav", 0.3)
    (process,) = player._playing
    assert process.wait(timeout=10) == 0
    player.collect()
    assert player._playing == [] and player.failed == ""


def test_a_player_that_cannot_start_fails_without_raising(
    tmp_path: Path, warnings_logged: list[str]
) -> None:
    not_executable = program(tmp_path / "bin", "mute-play", mode=0o644)
    player = Player((str(not_executable),))
    player.play(tmp_path / "start.wav", 0.3)
    assert player.failed.startswith("mute-play could not start (")
    assert player._playing == []
    player.play(tmp_path / "stop.wav", 0.3)
    assert len(warnings_logged) == 1 and "mute-play could not start" in warnings_logged[0]


def test_a_missing_player_fails_without_raising(tmp_path: Path) -> None:
    player = Player((str(tmp_path / "gone"),))
    player.play(tmp_path / "start.wav", 0.3)
    assert player.failed.startswith("gone could not start (")


# ---- 3. the voices ---------------------------------------------------------------------------


def test_find_engine_prefers_spd_say_then_espeak_ng_then_espeak(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    found = {name: program(folder, name) for name in ("espeak", "espeak-ng", "spd-say", "say")}
    assert find_engine("", "linux") == Engine((str(found["spd-say"]), "-w", TEXT), "spd-say")
    found["spd-say"].unlink()
    assert find_engine("", "linux") == Engine((str(found["espeak-ng"]), TEXT), "espeak-ng")
    found["espeak-ng"].unlink()
    assert find_engine("", "linux") == Engine((str(found["espeak"]), TEXT), "espeak")
    found["espeak"].unlink()
    assert find_engine("", "linux") == Engine(
        (), "", "no speech engine found (spd-say, espeak-ng, espeak)"
    )


def test_find_engine_on_a_mac_is_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    program(folder, "espeak-ng")
    say = program(folder, "say")
    assert find_engine("", "darwin") == Engine((str(say), TEXT), "say")
    say.unlink()
    assert find_engine("", "darwin") == Engine((), "", "no speech engine found (say)")


def test_an_own_voice_command_puts_the_words_where_text_is_as_one_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    log_file = tmp_path / "spoken.log"
    logging_program(folder, "myspeak", log_file)
    program(folder, "espeak-ng")  # found, but the person's own command wins
    engine = find_engine("myspeak --rate 150 {text} --then 'two words'", "linux")
    assert engine == Engine(("myspeak", "--rate", "150", TEXT, "--then", "two words"), "myspeak")
    Voice(engine).say("Left leg, hold 1 of 5.")
    assert argvs(log_file, 1) == [
        ["myspeak", "--rate", "150", "Left leg, hold 1 of 5.", "--then", "two words"]
    ]


def test_an_own_voice_command_without_text_gets_the_words_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    log_file = tmp_path / "spoken.log"
    myspeak = logging_program(folder, "myspeak", log_file)
    engine = find_engine(f"{myspeak} --rate 150", "linux")
    assert engine == Engine((str(myspeak), "--rate", "150", TEXT), "myspeak")
    Voice(engine).say("Let go.")
    assert argvs(log_file, 1) == [["myspeak", "--rate", "150", "Let go."]]


def test_an_own_voice_command_that_cannot_be_used_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    only_path(monkeypatch, folder)
    program(folder, "myspeak")
    program(folder, "espeak-ng")
    unclosed = find_engine("myspeak 'left {text}", "linux")
    assert unclosed.command == ()
    assert unclosed.why_not.startswith("voice_command cannot be read (")
    missing = find_engine("nospeak {text}", "linux")
    assert missing == Engine((), "", "voice_command 'nospeak {text}': no such program")
    assert Voice(missing).busy is False
    Voice(missing).say("nothing happens")  # no engine: nothing to start, nothing raised
    assert find_engine("   ", "linux").name == "espeak-ng"  # blank: found as usual


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Left leg,\nhold\t1 of 5.", "Left leg, hold 1 of 5."),
        ("\x1b]0;x\x07Hold", "]0;x Hold"),
        ("\x1b[31mred\x1b[0m", "[31mred [0m"),
        ("a\x00b\x08c\x7fd", "a b c d"),
        ("C1\x85next\x9bline", "C1 next line"),
        ("zero\u200bwidth\u2028line\u00a0space", "zero width line space"),
        ("--help me", "help me"),
        ("-  -help", "help"),
        ("-\t-x now", "x now"),
        ("\n --rate=1 go", "rate=1 go"),
        ("----", ""),
        ("   ", ""),
        ("hold - 5 s - then let go", "hold - 5 s - then let go"),
    ],
)
def test_speakable(text: str, expected: str) -> None:
    assert speakable(text) == expected


def test_speakable_is_never_longer_than_longest() -> None:
    words = speakable("word " * 200)
    assert len(words) <= LONGEST
    assert words.startswith("word word") and not words.endswith(" ")
    assert len(speakable("x" * 1000)) == LONGEST


def test_speakable_leaves_no_control_characters_and_no_leading_dash() -> None:
    import unicodedata

    every = "".join(chr(code) for code in range(0x00, 0x250))
    for text in (every, "-" + every, "- \x1b-\x85-x" + every):
        words = speakable(text)
        assert not words.startswith("-")
        assert not any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in words)
        assert "  " not in words and words == words.strip()


def fake_engine(folder: Path, log_file: Path, children: Path, seconds: float = 1) -> Engine:
    """An engine that logs its argv, then speaks (sleeps) `seconds` in a child of its own whose
    pid it appends to `children`."""
    script = logging_program(
        folder, "fake-speak", log_file, f"{SLEEP} {seconds} &\necho $! >> '{children}'\nwait"
    )
    return Engine((str(script), TEXT), "fake-speak")


def test_say_returns_at_once_and_an_urgent_line_cuts_off_the_one_before(tmp_path: Path) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    voice = Voice(fake_engine(tmp_path / "bin", log_file, children, seconds=5))
    started = time.monotonic()
    voice.say("Left leg, hold.")
    assert time.monotonic() - started < 0.5
    first = voice._speaking
    assert first is not None and voice.busy
    try:
        assert argvs(log_file, 1) == [["fake-speak", "Left leg, hold."]]
        child = int(wait_for_file(children).split()[0])
        assert running(child)

        voice.say("Let go.")  # urgent (the default): the line before stops, with its child
        assert first.wait(timeout=5) == -signal.SIGTERM
        assert until_gone(child, timeout=2)  # long before it would have ended by itself
        second = voice._speaking
        assert second is not None and second is not first and voice.busy
        assert argvs(log_file, 2) == [["fake-speak", "Left leg, hold."], ["fake-speak", "Let go."]]
    finally:
        end([p for p in (first, voice._speaking) if p is not None])


def test_a_count_while_busy_is_left_out(tmp_path: Path) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    voice = Voice(fake_engine(tmp_path / "bin", log_file, children))
    voice.say("Right leg, hold.")
    first = voice._speaking
    assert first is not None
    try:
        assert len(argvs(log_file, 1)) == 1
        voice.say("3", interrupt=False)
        assert voice._speaking is first  # not cut off, nothing new started
        assert first.wait(timeout=10) == 0  # the line was said to its end
        assert not voice.busy
        voice.say("2", interrupt=False)  # idle now: said
        assert argvs(log_file, 2) == [["fake-speak", "Right leg, hold."], ["fake-speak", "2"]]
    finally:
        end([p for p in (first, voice._speaking) if p is not None])


def test_stop_ends_the_line_and_does_nothing_when_idle(tmp_path: Path) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    voice = Voice(fake_engine(tmp_path / "bin", log_file, children, seconds=30))
    voice.stop()  # nothing said yet: nothing happens
    assert voice._speaking is None and not voice.busy and voice.failed == ""
    voice.say("Hold.")
    first = voice._speaking
    assert first is not None
    try:
        child = int(wait_for_file(children).split()[0])
        voice.stop()
        assert voice._speaking is None and not voice.busy
        assert first.wait(timeout=5) == -signal.SIGTERM
        assert until_gone(child, timeout=2)
        voice.stop()  # again: still nothing to do
        assert argvs(log_file, 1) == [["fake-speak", "Hold."]]
    finally:
        end([first])


def test_lines_in_turn_wait_for_the_one_before_and_never_cut_it_off(tmp_path: Path) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    voice = Voice(fake_engine(tmp_path / "bin", log_file, children, seconds=0.6))
    started = time.monotonic()
    voice.say("Session done.")  # a phase change: at once
    first = voice._speaking
    voice.say_in_turn("How is your back now?")
    voice.say_in_turn("Your back: 4 before, 3 after (0 to 10).")
    assert time.monotonic() - started < 0.5  # nothing waits here
    assert first is not None and voice.busy
    voice.say("2", interrupt=False)  # a count while lines wait their turn: left out
    try:
        assert first.wait(timeout=10) == 0  # "Session done." said to its end
        said = argvs(log_file, 3)
        assert [argv[1] for argv in said] == [
            "Session done.", "How is your back now?", "Your back: 4 before, 3 after (0 to 10)."
        ]  # fmt: skip
        deadline = time.monotonic() + 10
        while voice.busy:  # the last one is said to its end too, then the voice is quiet
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert time.monotonic() - started >= 3 * 0.6  # one after another, none cut short
        voice.say_in_turn("Quiet now: said at once.")
        assert argvs(log_file, 4)[-1][1] == "Quiet now: said at once."
    finally:
        end([p for p in (first, voice._speaking) if p is not None])


def test_stop_and_a_phase_change_forget_the_lines_waiting_their_turn(tmp_path: Path) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    voice = Voice(fake_engine(tmp_path / "bin", log_file, children, seconds=30))
    voice.say("Session done.")
    first = voice._speaking
    voice.say_in_turn("How is your back now?")
    try:
        assert first is not None
        child = int(wait_for_file(children).split()[0])
        voice.stop()  # a hush: the line stops, with its child, and the waiting one is dropped
        assert first.wait(timeout=5) == -signal.SIGTERM and until_gone(child)
        assert not voice.busy
        voice.say_in_turn("Again.")  # quiet: said at once
        again = voice._speaking
        assert argvs(log_file, 2)[-1][1] == "Again."
        voice.say_in_turn("Dropped.")
        voice.say("Left leg first.")  # a new phase cuts off the line and what waits
        time.sleep(0.3)
        assert [argv[1] for argv in argvs(log_file, 3)] == [
            "Session done.", "Again.", "Left leg first."
        ]  # fmt: skip
    finally:
        end([p for p in (first, again, voice._speaking) if p is not None])


def test_lowback_leaves_no_voice_speaking_when_it_exits(tmp_path: Path) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    engine = fake_engine(tmp_path / "bin", log_file, children, seconds=30)
    script = (
        "from lowback_tui.audio.voices import Engine, Voice\n"
        f"voice = Voice(Engine({engine.command!r}, 'fake-speak'))\n"
        "voice.say('Session done.')\n"
        "voice.say_in_turn('How is your back now?')\n"
        "import time, pathlib\n"
        f"while not pathlib.Path({str(children)!r}).exists(): time.sleep(0.02)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30)
    child = int(wait_for_file(children).split()[0])
    assert until_gone(child, timeout=5)  # stopped at exit, with its process group
    assert [argv[1] for argv in argvs(log_file, 1)] == ["Session done."]  # the rest never began


def test_hostile_text_arrives_as_one_literal_argument(tmp_path: Path) -> None:
    log_file = tmp_path / "spoken.log"
    marker = tmp_path / "pwned"
    script = logging_program(tmp_path / "bin", "fake-speak", log_file)
    voice = Voice(Engine((str(script), "--", TEXT), "fake-speak"))
    lines = [
        f"; touch {marker}",
        f"$(touch {marker})",
        f"`touch {marker}` && touch {marker} | cat > {marker}",
        "'quoted' \"double\" * ? ~ $HOME",
        "-- --help -x",
    ]
    said: list[list[str]] = []
    for line in lines:
        voice.say(line)
        assert voice._speaking is not None
        voice._speaking.wait(timeout=10)
        said = argvs(log_file, len(said) + 1)
    assert said == [["fake-speak", "--", speakable(line)] for line in lines]
    assert said[0][2] == f"; touch {marker}" and said[3][2] == "'quoted' \"double\" * ? ~ $HOME"
    assert said[4][2] == "help -x"
    assert not marker.exists()


def test_an_engine_that_cannot_start_fails_once_without_raising(
    tmp_path: Path, warnings_logged: list[str]
) -> None:
    mute = program(tmp_path / "bin", "mute-speak", mode=0o644)
    voice = Voice(Engine((str(mute), TEXT), "mute-speak"))
    voice.say("Hold.")
    assert voice.failed == "mute-speak could not start" and voice._speaking is None
    voice.say("Let go.")
    assert len(warnings_logged) == 1 and warnings_logged[0].startswith("voice: ")


# ---- 4. the Speaker --------------------------------------------------------------------------


class RecordingPlayer(Player):
    """A player that keeps what it was asked to play, and can be told to fail."""

    def __init__(self, command: tuple[str, ...], children: Children = CHILDREN) -> None:
        super().__init__(command, children)
        self.played: list[Path] = []
        self.fail_after: int | None = None

    def play(self, path: Path, seconds: float) -> None:
        self.played.append(path)
        if self.fail_after is not None and len(self.played) >= self.fail_after:
            self._fail("the device went away")


def use(
    monkeypatch: pytest.MonkeyPatch,
    player: Found | None = None,
    engine: Engine | None = None,
) -> None:
    """What the Speaker finds on this machine (the conftest's `no_speakers` otherwise)."""
    if player is not None:
        monkeypatch.setattr(speaker, "find_player", lambda: player)
        monkeypatch.setattr(speaker, "Player", RecordingPlayer)
    if engine is not None:
        monkeypatch.setattr(speaker, "find_engine", lambda own: engine)


def recording(spk: Speaker) -> RecordingPlayer:
    assert isinstance(spk._player, RecordingPlayer)
    return spk._player


def every_cue() -> list[Cue]:
    return [
        Cue(None, "Get ready."),
        Cue(Sound.TICK, "3", Say.IF_QUIET),
        Cue(Sound.START, "Hold."),
        Cue(Sound.STOP, "Let go."),
        Cue(Sound.FINISH, "Done."),
    ]


def test_sound_off_plays_and_rings_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    use(monkeypatch, player=Found(("/usr/bin/pw-play",)))
    bell = Bell()
    spk = Speaker(prefs(sound="off"), bell)
    spk.play(every_cue())
    assert bell.rings == 0 and recording(spk).played == []
    assert spk.describe().startswith("Sound: off. ")


def test_the_bell_rings_for_start_stop_and_finish_but_not_a_tick(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use(monkeypatch, player=Found(("/usr/bin/pw-play",)))
    bell = Bell()
    spk = Speaker(prefs(sound="bell"), bell)
    for cue, rings in zip(every_cue(), (0, 0, 1, 2, 3), strict=True):
        spk.play([cue])
        assert bell.rings == rings, cue
    assert recording(spk).played == []  # the bell was chosen: the player stays quiet
    assert spk.describe().startswith("Sound: the terminal bell. ")


def test_tones_play_the_file_of_each_sound_and_never_ring(
    monkeypatch: pytest.MonkeyPatch, private_home: Path
) -> None:
    use(monkeypatch, player=Found(("/usr/bin/pw-play", "--quiet")))
    bell = Bell()
    spk = Speaker(prefs(sound="tones"), bell)
    spk.play(every_cue())
    folder = private_home / "cache" / "sounds"
    assert recording(spk).played == [
        folder / f"{name}-v{tones.VERSION}.wav" for name in ("tick", "start", "stop", "finish")
    ]
    assert recording(spk).command == ("/usr/bin/pw-play", "--quiet")
    assert all(path.is_file() for path in recording(spk).played)
    assert bell.rings == 0
    assert spk.describe() == "Sound: tones, played by pw-play. Voice: off, but none in tests."


def test_tones_without_a_player_ring_like_the_bell() -> None:
    bell = Bell()
    spk = Speaker(prefs(sound="tones"), bell)
    for cue, rings in zip(every_cue(), (0, 0, 1, 2, 3), strict=True):
        spk.play([cue])
        assert bell.rings == rings, cue
    assert spk.sound_in_use() == "the terminal bell; no sound player in tests"


def test_tones_that_cannot_be_made_ring_the_bell_and_say_why(
    monkeypatch: pytest.MonkeyPatch, private_home: Path
) -> None:
    use(monkeypatch, player=Found(("/usr/bin/pw-play",)))
    private_home.mkdir(parents=True)
    (private_home / "cache").write_text("a file where the cache folder should be")
    bell = Bell()
    spk = Speaker(prefs(), bell)
    spk.play([Cue(Sound.START, "Hold.")])
    assert bell.rings == 1
    assert spk._player is None
    assert spk.sound_in_use().startswith("the terminal bell; the tones could not be made (")


def test_a_player_that_fails_midway_falls_back_to_the_bell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use(monkeypatch, player=Found(("/usr/bin/pw-play",)))
    bell = Bell()
    spk = Speaker(prefs(), bell)
    spk.play([Cue(Sound.START, "Hold.")])
    player = recording(spk)
    assert (len(player.played), bell.rings) == (1, 0)
    player.fail_after = 2
    spk.play([Cue(Sound.STOP, "Let go.")])  # fails while playing: the bell rings instead
    assert (len(player.played), bell.rings) == (2, 1)
    spk.play([Cue(Sound.TICK, "3", Say.IF_QUIET), Cue(Sound.START, "Hold.")])
    spk.play([Cue(Sound.FINISH, "Done.")])
    assert (len(player.played), bell.rings) == (2, 3)  # the player is not tried again
    assert spk.sound_in_use() == "the terminal bell; the device went away"


def test_a_real_player_process_that_fails_falls_back_to_the_bell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings_logged: list[str]
) -> None:
    log_file = tmp_path / "played.log"
    broken = logging_program(tmp_path / "bin", "pw-play", log_file, "exit 1")
    monkeypatch.setattr(speaker, "find_player", lambda: Found((str(broken),)))
    bell = Bell()
    spk = Speaker(prefs(), bell)
    assert spk.sound_in_use() == "tones, played by pw-play"
    spk.play([Cue(Sound.START, "Hold.")])
    assert bell.rings == 0
    player = spk._player
    assert player is not None
    (process,) = player._playing
    assert process.wait(timeout=10) == 1
    spk.play([Cue(Sound.STOP, "Let go.")])  # the failure is noticed now: the bell
    assert bell.rings == 1
    assert player._playing == []  # and the failed player is not started again
    spk.play([Cue(Sound.FINISH, "Done.")])
    assert bell.rings == 2
    assert player._playing == []
    assert spk.sound_in_use() == "the terminal bell; pw-play exited with status 1"
    assert [argv[-1].rsplit("/", 1)[1] for argv in argvs(log_file, 1)] == [
        f"start-v{tones.VERSION}.wav"
    ]
    assert len(warnings_logged) == 1


def test_voice_off_says_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    use(monkeypatch, engine=fake_engine(tmp_path / "bin", log_file, children))
    spk = Speaker(prefs(voice=False), Bell())
    spk.play(every_cue())
    assert spk._voice is not None and spk._voice._speaking is None
    assert not log_file.exists()
    assert spk.voice_in_use() == "off, through fake-speak"


def test_voice_on_announcements_interrupt_and_counts_wait_for_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    use(monkeypatch, engine=fake_engine(tmp_path / "bin", log_file, children))
    spk = Speaker(prefs(sound="off", voice=True), Bell())
    assert spk.voice_in_use() == "on, through fake-speak"
    voice = spk._voice
    assert voice is not None
    started: list[Child] = []
    try:
        spk.play([Cue(Sound.START, "Left leg, hold."), Cue(Sound.TICK, "3", Say.IF_QUIET)])
        assert voice._speaking is not None
        started.append(voice._speaking)  # the count was left out: the announcement is busy
        assert len(argvs(log_file, 1)) == 1
        spk.play([Cue(Sound.TICK, "2", Say.IF_QUIET)])
        assert voice._speaking is started[0]
        spk.play([Cue(Sound.STOP, "Let go.")])  # cuts the announcement off
        assert voice._speaking is not started[0] and voice._speaking is not None
        started.append(voice._speaking)
        assert started[0].wait(timeout=5) == -signal.SIGTERM
        assert started[1].wait(timeout=10) == 0
        spk.play([Cue(Sound.TICK, "1", Say.IF_QUIET)])  # quiet now: counted
        assert voice._speaking is not None
        started.append(voice._speaking)
        assert [argv[1] for argv in argvs(log_file, 3)] == ["Left leg, hold.", "Let go.", "1"]
        spk.hush()
        assert started[2].wait(timeout=5) == -signal.SIGTERM
    finally:
        end(started)


def test_voice_on_lines_after_the_session_wait_their_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    use(monkeypatch, engine=fake_engine(tmp_path / "bin", log_file, children, seconds=0.5))
    spk = Speaker(prefs(sound="off", voice=True), Bell())
    voice = spk._voice if spk.can_speak() else None
    assert voice is not None
    spk.play([Cue(Sound.FINISH, "Session done.")])
    first = voice._speaking
    spk.play([Cue(None, "How is your back now?", Say.IN_TURN)])
    try:
        assert voice._speaking is first  # not cut off
        assert first is not None and first.wait(timeout=10) == 0
        said = [argv[1] for argv in argvs(log_file, 2)]
        assert said == ["Session done.", "How is your back now?"]
    finally:
        spk.hush()
        end([p for p in (first, voice._speaking) if p is not None])
    off = Speaker(prefs(voice=False), Bell())
    off.play([Cue(None, "How is your back now?", Say.IN_TURN)])  # the voice is off: nothing
    assert len(argvs(log_file, 3, timeout=0.5)) == 2


def test_describe_names_what_plays_and_speaks(monkeypatch: pytest.MonkeyPatch) -> None:
    use(
        monkeypatch,
        player=Found(("/usr/bin/pw-play",)),
        engine=Engine(("/usr/bin/espeak-ng", TEXT), "espeak-ng"),
    )
    preferences = prefs(voice=True)
    spk = Speaker(preferences, Bell())
    assert spk.describe() == "Sound: tones, played by pw-play. Voice: on, through espeak-ng."
    preferences.override(sound="bell", voice=False)
    assert spk.describe() == "Sound: the terminal bell. Voice: off, through espeak-ng."
    preferences.override(sound="off")
    assert spk.describe() == "Sound: off. Voice: off, through espeak-ng."


def test_describe_says_why_there_is_no_player_or_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_path(monkeypatch, tmp_path / "empty")
    monkeypatch.setattr(speaker, "find_player", lambda: players.find_player("linux"))
    monkeypatch.setattr(speaker, "find_engine", lambda own: voices.find_engine(own, "linux"))
    spk = Speaker(prefs(), Bell())
    assert spk.describe() == (
        "Sound: the terminal bell; no sound player found (pw-play, paplay, aplay). "
        "Voice: off, but no speech engine found (spd-say, espeak-ng, espeak)."
    )
    monkeypatch.setenv("SSH_TTY", "/dev/pts/3")
    spk = Speaker(prefs(voice=True), Bell())
    sound, voice = spk.describe().split(". Voice: ")
    assert sound == "Sound: the terminal bell; over SSH, a sound would play on the other machine"
    assert voice == "on, but no speech engine found (spd-say, espeak-ng, espeak)."


def test_changed_settings_take_effect_at_the_next_cue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    use(
        monkeypatch,
        player=Found(("/usr/bin/pw-play",)),
        engine=fake_engine(tmp_path / "bin", log_file, children, seconds=0),
    )
    preferences = prefs(sound="tones")
    bell = Bell()
    spk = Speaker(preferences, bell)
    start = Cue(Sound.START, "Hold.")
    spk.play([start])
    assert (len(recording(spk).played), bell.rings) == (1, 0)
    preferences.override(sound="bell")  # m
    spk.play([start])
    assert (len(recording(spk).played), bell.rings) == (1, 1)
    preferences.override(sound="off")  # m again
    spk.play([start])
    assert (len(recording(spk).played), bell.rings) == (1, 1)
    voice = spk._voice
    assert voice is not None and voice._speaking is None
    preferences.override(voice=True)  # v
    spk.play([start])
    assert voice._speaking is not None
    assert voice._speaking.wait(timeout=10) == 0
    assert argvs(log_file, 1) == [["fake-speak", "Hold."]]
    preferences.override(sound="tones", voice=False)
    spk.play([Cue(Sound.STOP, "Let go.")])
    assert (len(recording(spk).played), bell.rings) == (2, 1)
    assert len(argvs(log_file, 1)) == 1


def test_the_speaker_looks_for_player_and_engine_once(monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[str] = []

    def player() -> Found:
        looked.append("player")
        return Found(("/usr/bin/pw-play",))

    def engine(own: str) -> Engine:
        looked.append(f"engine {own!r}")
        return Engine((), "", "none")

    monkeypatch.setattr(speaker, "find_player", player)
    monkeypatch.setattr(speaker, "find_engine", engine)
    monkeypatch.setattr(speaker, "Player", RecordingPlayer)
    spk = Speaker(prefs(voice_command="myspeak {text}"), Bell())
    assert looked == []  # nothing looked up before it is needed
    spk.play(every_cue())
    spk.describe()
    spk.play(every_cue())
    assert looked == ["player", "engine 'myspeak {text}'"]


# ---- 5. a real speech engine, once -----------------------------------------------------------


def test_espeak_ng_really_speaks_into_a_wav_file(tmp_path: Path) -> None:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        pytest.skip("espeak-ng is not installed")
    out = tmp_path / "out.wav"
    voice = Voice(Engine((espeak, "-w", str(out), TEXT), "espeak-ng"))
    voice.say("Left leg, hold. 3, 2, 1. Let go.")
    process = voice._speaking
    assert process is not None
    assert process.wait(timeout=60) == 0
    with wave.open(str(out), "rb") as file:
        assert file.getnframes() > file.getframerate() // 2  # over half a second of speech
        frames = file.readframes(file.getnframes())
    assert any(frames)  # not silence


# ---- 6. the sound test -----------------------------------------------------------------------


def test_sound_test_plays_each_sound_in_turn_and_speaks_a_line(fake_speakers: Path) -> None:
    said: list[str] = []
    slept: list[float] = []

    def sleep(seconds: float) -> None:  # each gap waits for the sound just started, no longer
        slept.append(seconds)
        played(fake_speakers, len(slept))

    bell = Bell()
    assert sound_test(prefs(), bell, said.append, sleep=sleep) == 0
    assert said[0] == "Sound: tones, played by pw-play. Voice: off, through espeak-ng."
    # the voice is off: the line is a sample, and it says so (it said "Speaking:" before)
    sample = f"Speaking a sample, though the voice is off (v turns it on): {LINE}"
    assert said[1:] == [*(f"Playing {meaning}" for _, meaning in STEPS), sample]
    assert bell.rings == 0 and len(slept) == 5
    lines = played(fake_speakers, 5)
    assert [(program, Path(argument).name) for _, program, argument in lines[:4]] == [
        ("pw-play", f"{name}-v{tones.VERSION}.wav") for name in ("tick", "start", "stop", "finish")
    ]
    assert [line[1:] for line in lines[4:]] == [["espeak-ng", LINE]]


def test_sound_test_with_sound_off_says_how_to_turn_it_on(fake_speakers: Path) -> None:
    said: list[str] = []
    bell = Bell()
    assert sound_test(prefs(sound="off"), bell, said.append, sleep=lambda seconds: None) == 0
    assert said[0] == "Sound: off. Voice: off, through espeak-ng."
    assert said[1] == 'Sound is off (m in the app, or sound = "tones" in config.toml, turns it on).'
    assert bell.rings == 0
    lines = played(fake_speakers, 1)
    assert [line[1:] for line in lines] == [["espeak-ng", LINE]]  # the line, and no sound


def test_sound_test_with_the_voice_on_just_speaks(fake_speakers: Path) -> None:
    said: list[str] = []
    assert sound_test(prefs(voice=True), Bell(), said.append, sleep=lambda s: None) == 0
    assert said[0] == "Sound: tones, played by pw-play. Voice: on, through espeak-ng."
    assert said[-1] == f"Speaking: {LINE}"
    heard = played(fake_speakers, 5)
    # Each stand-in logs as it starts; with no gaps here (sleep is a no-op) the line's engine
    # can start before the last tone's player under load, so the order is not asserted.
    assert [line[1:] for line in heard if line[1] == "espeak-ng"] == [["espeak-ng", LINE]]
    assert [line[1] for line in heard].count("pw-play") == 4


def test_sound_test_with_no_speech_engine_does_not_claim_to_speak(tmp_path: Path) -> None:
    said: list[str] = []
    slept: list[float] = []
    assert sound_test(prefs(voice=True), Bell(), said.append, sleep=slept.append) == 0
    assert said[0].endswith("Voice: on, but none in tests.")
    assert said[-1] == "No line spoken: there is no speech engine to speak it (see Voice above)."
    assert not any(line.startswith("Speaking") for line in said)
    assert len(slept) == len(STEPS)  # no gap waiting for a line that is not said


def test_sound_test_with_no_player_rings_the_bell(monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    bell = Bell()
    assert sound_test(prefs(), bell, said.append, sleep=lambda seconds: None) == 0
    assert said[0] == (
        "Sound: the terminal bell; no sound player in tests. Voice: off, but none in tests."
    )
    assert bell.rings == 3  # start, stop and finish; the tick has no bell


def test_lowback_sound_test_on_the_command_line(fake_speakers: Path, private_home: Path) -> None:
    assert os.environ["LOWBACK_HOME"] == str(private_home)
    result = subprocess.run(
        [LOWBACK, "sound-test"], capture_output=True, text=True, timeout=60, env=dict(os.environ)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Sound: tones, played by pw-play. Voice: off, through espeak-ng.",
        *(f"Playing {meaning}" for _, meaning in STEPS),
        f"Speaking a sample, though the voice is off (v turns it on): {LINE}",
    ]
    assert "\a" not in result.stdout
    lines = played(fake_speakers, 5)
    assert [(program, Path(argument)) for _, program, argument in lines[:4]] == [
        ("pw-play", private_home / "cache" / "sounds" / f"{name}-v{tones.VERSION}.wav")
        for name in ("tick", "start", "stop", "finish")
    ]
    assert [line[1:] for line in lines[4:]] == [["espeak-ng", LINE]]


def test_finish_lets_the_lines_in_turn_be_said_and_gives_up_at_its_bound(tmp_path: Path) -> None:
    """Plain mode ends right after a session: it lets the voice finish (the advice after a
    session was cut off at close, unsaid, in 7 of 8 sessions of a faketime course), at most
    FINISH_SECONDS."""
    log_file, children = tmp_path / "spoken.log", tmp_path / "children"
    voice = Voice(fake_engine(tmp_path / "bin", log_file, children, seconds=0.3))
    voice.say("Session done.")
    voice.say_in_turn("How is your back now?")
    voice.say_in_turn("Please see a doctor or physiotherapist about it.")
    voice.finish(10)
    assert not voice.busy
    assert [argv[1] for argv in argvs(log_file, 3)][-1] == (
        "Please see a doctor or physiotherapist about it."
    )
    slow = Voice(fake_engine(tmp_path / "slow", tmp_path / "slow.log", children, seconds=30))
    slow.say("A long line.")
    first = slow._speaking
    started = time.monotonic()
    try:
        slow.finish(0.3)
        assert 0.3 <= time.monotonic() - started < 5 and slow.busy  # bounded: it gave up
    finally:
        slow.stop()
        end([p for p in (first,) if p is not None])
