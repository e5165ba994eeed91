"""No sound or speech process outlives lowback, however it ends: the app quitting (in-process and
with ctrl+q in a terminal), plain mode ending, SIGTERM to either. The player and the speech
engine found on PATH hang for ever, each with a child of its own (tests/test_children.py)."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from lowback_tui.app import LowbackApp
from lowback_tui.audio import players, sound_test, speaker, voices
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock
from .hung import all_gone, hanging, pid_files, pids_in
from .pty_run import PtyProgram
from .test_plain import TINY, _read_until
from .test_sound_pty import HEARD, LOWBACK, start_session

__all__ = ["pid_files"]  # the fixture, used here by name


@pytest.fixture
def hung(tmp_path: Path, pid_files: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A hanging pw-play and espeak-ng first on PATH (also for lowbacks started from here);
    their pids go to pid_files / "pw-play" and "espeak-ng"."""
    folder = tmp_path / "hung-bin"
    for name in ("pw-play", "espeak-ng"):
        hanging(folder, name, pid_files / name)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(speaker, "find_player", players.find_player)
    monkeypatch.setattr(speaker, "find_engine", voices.find_engine)
    yield pid_files


def every_pid(folder: Path) -> list[int]:
    return [int(pid) for path in folder.iterdir() for pid in path.read_text().split()]


async def test_quitting_the_app_ends_every_sound_and_line(
    routine: Routine, hung: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sound_test, "GAP_SECONDS", 0.01)
    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_sound_test()  # four tones, then a line spoken
        await pilot.pause(0.3)
        pids_in(hung / "pw-play", 2 * 4)
        pids_in(hung / "espeak-ng", 2)
        await pilot.press("ctrl+q")
    assert all_gone(every_pid(hung), timeout=2)


def test_plain_mode_ending_ends_every_sound_and_line(private_home: Path, hung: Path) -> None:
    process = subprocess.Popen([LOWBACK, "--voice", str(TINY)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdin is not None
    seen = bytearray()
    try:
        for prompt, answer in [("Press Enter once you have read this", b"\n"),
                               ("How is your back right now?", b"2\n"),
                               ("Activity 1 (or Enter to skip):", b"\n"),
                               ("How is your back now?", b"1\n")]:  # fmt: skip
            _read_until(process, prompt, seen)
            process.stdin.write(answer)
            process.stdin.flush()
        process.stdin.close()
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    assert "Second: done" in seen.decode()
    assert len(pids_in(hung / "pw-play", 2)) >= 2 and len(pids_in(hung / "espeak-ng", 2)) >= 2
    assert all_gone(every_pid(hung), timeout=2)


def heard_routine(tmp_path: Path) -> Path:
    routine = tmp_path / "heard.toml"
    routine.write_text(HEARD)
    return routine


@pytest.mark.parametrize("how", ["ctrl+q", "SIGTERM"])
def test_the_app_in_a_terminal_leaves_no_process_behind(
    tmp_path: Path, hung: Path, how: str
) -> None:
    program = PtyProgram([LOWBACK, "--voice", str(heard_routine(tmp_path))], size=(80, 24))
    try:
        start_session(program)
        pids_in(hung / "pw-play", 2)
        pids_in(hung / "espeak-ng", 2)
        if how == "SIGTERM":
            os.kill(program.process.pid, signal.SIGTERM)
            assert program.wait_exit() == 128 + signal.SIGTERM
        else:
            program.send(b"\x11")  # ctrl+q, in a session: it asks first
            program.wait_for("Quit")
            program.send(b"y")
            assert program.wait_exit() == 0
    finally:
        program.stop()
    assert all_gone(every_pid(hung), timeout=2)


def test_plain_mode_on_sigterm_leaves_no_process_behind(tmp_path: Path, hung: Path) -> None:
    routine = heard_routine(tmp_path)
    program = PtyProgram([LOWBACK, "--plain", "--voice", str(routine)], size=(80, 24))
    try:
        program.wait_for("Press Enter once you have read this")
        program.send(b"\n")
        program.wait_for("How is your back right now?")
        program.send(b"2\n")
        program.wait_for("Activity 1 (or Enter to skip):")
        program.send(b"\n")
        pids_in(hung / "pw-play", 2)
        pids_in(hung / "espeak-ng", 2)
        os.kill(program.process.pid, signal.SIGTERM)
        assert program.wait_exit() == 128 + signal.SIGTERM
    finally:
        program.stop()
    assert all_gone(every_pid(hung), timeout=2)
