"""The installed `lowback` in a real terminal plays and speaks what the transcript says."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from lowback_tui.core.routine.file import load
from lowback_tui.core.session_run import SessionRun

from .conftest import played
from .fake_clock import FakeClock
from .pty_run import PtyProgram
from .test_guidance import START, Transcript, wake_as_a_front_end_does

LOWBACK = str(Path(sys.executable).parent / "lowback")
HEARD = """name = "Heard"
[timing]
start_seconds = 3
get_ready_seconds = 3
switch_seconds = 2
rest_seconds = 0
[[exercise]]
name = "Knee"
position = "on your back"
hold_seconds = 3
sides = "alternate"
side_names = ["left leg", "right leg"]
"""
TOLERANCE = 0.25
"""Seconds a sound may be off its planned moment here (a loaded test machine; the benchmark
measures the real figure)."""


def expected(routine_path: Path) -> list[tuple[float, str, str]]:
    """The transcript of the routine under the fake clock: what must be heard, and when."""
    clock = FakeClock(START)
    transcript = Transcript(clock)
    run = SessionRun(load(routine_path), None, None, clock, transcript, 3)
    run.start()
    wake_as_a_front_end_does(run, clock)
    return transcript.lines


def start_session(program: PtyProgram) -> None:
    program.wait_for("Knee")
    program.send(b"\r")
    program.wait_for("Before you exercise")
    program.send(b"\r")
    program.wait_for("How is your back right now?")
    program.send(b"s")
    program.wait_for("Name up to three")  # the course's first session asks; Esc skips
    program.send(b"\x1b")


def test_the_app_plays_and_speaks_the_transcript(tmp_path: Path, fake_speakers: Path) -> None:
    routine = tmp_path / "heard.toml"
    routine.write_text(HEARD)
    plan = expected(routine)
    sounds = [line for line in plan if line[1]]
    program = PtyProgram([LOWBACK, "--voice", str(routine)], size=(80, 24))
    try:
        start_session(program)
        program.wait_for("How is your back now?", timeout=30)
        log = played(fake_speakers, len(sounds) + len(plan) + 1)  # and the question, said
        program.send(b"q")
    finally:
        program.stop()
    heard = [(float(at), name, words) for at, name, words in log]
    tones = [(at, Path(words).name) for at, name, words in heard if name == "pw-play"]
    spoken = [(at, words) for at, name, words in heard if name == "espeak-ng"]
    assert [name for _, name in tones] == [f"{line[1]}-v1.wav" for line in sounds]
    # 0.5 s each: all said; then the summary's question, once "Session done." is over
    assert [words for _, words in spoken] == [*(line[2] for line in plan), "How is your back now?"]
    assert spoken[-1][0] - spoken[-2][0] >= 0.5
    # On time: each sound as far from the first as the plan says, give or take TOLERANCE.
    first = tones[0][0] - sounds[0][0]
    for (at, name), line in zip(tones, sounds, strict=True):
        assert abs(at - first - line[0]) < TOLERANCE, (name, at - first, line)


def test_with_nothing_installed_the_bell_rings_and_keys_say_so(tmp_path: Path) -> None:
    routine = tmp_path / "heard.toml"
    routine.write_text(HEARD)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    environment = {**os.environ, "PATH": str(empty)}
    program = PtyProgram([LOWBACK, "--voice", str(routine)], size=(100, 30), env=environment)
    try:
        start_session(program)
        program.wait_for("How is your back now?", timeout=30)
        program.send(b"s")
        program.wait_for("Session complete")
        program.send(b"?")
        program.wait_for("Sound: the terminal bell; no sound player found")
        program.wait_for("Voice: on, but no speech engine found")
        program.send(b"\x11")  # ctrl+q
        assert program.wait_exit() == 0
    finally:
        program.stop()
    assert program.output.count(b"\x07") >= 4  # start, stop, start, finish


@pytest.mark.parametrize("value", ["loud", "7"])
def test_a_bad_sound_setting_is_reported_and_the_app_still_runs(
    tmp_path: Path, private_home: Path, value: str
) -> None:
    config = private_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"sound = {value}\n" if value.isdigit() else f'sound = "{value}"\n')
    program = PtyProgram([LOWBACK], size=(100, 30))
    try:
        program.wait_for("Seated twist")
        program.wait_for("sound")  # the notice naming the key
        program.send(b"q")
        assert program.wait_exit() == 0
    finally:
        program.stop()
    assert config.read_text().startswith("sound = ")  # never written over
