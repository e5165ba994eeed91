"""Plain mode ended by a signal (SIGTERM, SIGHUP) keeps the session as the app does: ended
early, with the hold in progress kept as partial (issue 22)."""

from __future__ import annotations

import signal
import sys
import termios
import time
from pathlib import Path

import pytest

from lowback_tui.core.history.store import HistoryStore

from .pty_run import PtyProgram, plain

LOWBACK = str(Path(sys.executable).parent / "lowback")
KILLED = str(Path(__file__).resolve().parent / "routines" / "killed.toml")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_hold_keeps_the_session_ended_early_with_the_hold_so_far(
    signum: int, private_home: Path
) -> None:
    program = PtyProgram([LOWBACK, "--plain", KILLED], size=(80, 24))
    try:
        program.wait_for("Press Enter once you have read this")
        program.send(b"\r")
        program.wait_for("How is your back right now?")
        program.send(b"3\r")
        program.wait_for("Activity 1 (or Enter to skip):")
        program.send(b"\r")
        program.wait_for("Long three. Hold")
        held_from = time.monotonic()
        while time.monotonic() < held_from + 1.5:  # more than PARTIAL_AFTER_SECONDS held
            program.read()
        program.process.send_signal(signum)
        code = program.wait_exit()
        attributes = termios.tcgetattr(program.master)
    finally:
        program.stop()
    assert code == 128 + signum  # as the app exits on the same signal
    assert attributes[3] & termios.ECHO and attributes[3] & termios.ICANON  # as it was
    name = signal.Signals(signum).name
    assert f"lowback: ended by {name}; the session so far is kept" in plain(program.output)
    assert "Traceback" not in plain(program.output)
    store = HistoryStore.open(private_home / "data" / "history.db")
    (session,) = store.sessions()
    assert (session.done, session.ended_early, session.ended_at is not None) == (2, True, True)
    (*_, last) = store.exercises(session.id)
    assert last[2:4] == ("Long three", "partial")
    assert 1.0 <= last[6] < 60  # the hold so far, timed


def test_a_signal_before_the_session_ends_at_once_with_nothing_started(private_home: Path) -> None:
    program = PtyProgram([LOWBACK, "--plain", KILLED], size=(80, 24))
    try:
        program.wait_for("Press Enter once you have read this")
        program.process.send_signal(signal.SIGTERM)
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 128 + signal.SIGTERM
    assert "lowback: ended by SIGTERM\r\n" in plain(program.output)  # nothing to keep
    history = private_home / "data" / "history.db"
    assert not history.exists() or HistoryStore.open(history).sessions() == []
