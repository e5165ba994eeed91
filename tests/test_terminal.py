"""The installed `lowback` in a real pseudo-terminal, as a person starts it."""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import BROKEN
from .pty_run import PtyProgram, plain

LOWBACK = str(Path(sys.executable).parent / "lowback")
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


def test_list_appears_and_q_restores_the_terminal() -> None:
    program = PtyProgram([LOWBACK], size=(80, 24))
    try:
        program.wait_for("Seated twist")
        program.send(b"j")
        program.wait_for("Lie face down")  # the pane now shows the second exercise
        program.send(b"q")
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 0
    assert LEAVE_ALTERNATE_SCREEN in program.output
    assert program.output.rfind(SHOW_CURSOR) > program.output.rfind(b"\x1b[?25l")


def test_a_broken_routine_is_refused_before_the_screen_opens() -> None:
    program = PtyProgram([LOWBACK, str(BROKEN / "unknown-key.toml")], size=(80, 24))
    try:
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 2
    assert "hold_second: unknown key; did you mean 'hold_seconds'?" in plain(program.output)
    assert b"\x1b[?1049h" not in program.output  # never entered full screen
    assert "Traceback" not in plain(program.output)
