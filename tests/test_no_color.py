"""NO_COLOR (no-color.org): the installed `lowback` writes no colour at all, in the full screen
(Textual's own answer is grey shades, which are colour codes still), in plain mode and on the
command line (issue 22)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .pty_run import PtyProgram
from .test_terminal import KILLED, TINY, begin_session

LOWBACK = str(Path(sys.executable).parent / "lowback")
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
COLOUR = {*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108)}
"""SGR parameters that set a colour (38 and 48 start a 256-colour or RGB one); 39 and 49, the
terminal's own colours, are not a colour added."""


def colours(output: bytes) -> set[bytes]:
    """Every SGR sequence in `output` that sets a foreground or background colour."""
    found = set()
    for parameters in SGR.findall(output):
        numbers = [int(p) for p in re.split(rb"[;:]", parameters) if p]
        if COLOUR & set(numbers):
            found.add(parameters)
    return found


def whole_screen(env: dict[str, str]) -> bytes:
    """The list, the safety screen, the pain check, a hold and the question before quitting, as
    a terminal received them."""
    program = PtyProgram([LOWBACK, KILLED], size=(80, 24), env=env)
    try:
        begin_session(program, "Long three", b"3\r")
        program.wait_for("exercise 3 of 3")
        program.send(b"\x11")  # ctrl+q asks first
        program.wait_for("The session ends here")
        program.send(b"y")
        program.wait_exit()
    finally:
        program.stop()
    return program.output


def test_the_app_writes_colour_without_no_color() -> None:
    """The check below can fail: the same screens, without NO_COLOR, are in colour."""
    assert colours(whole_screen({}))


@pytest.mark.parametrize("value", ["1", "true"])
def test_the_app_writes_no_colour_with_no_color(value: str) -> None:
    output = whole_screen({"NO_COLOR": value})
    assert b"The session ends here" in output  # all of it was drawn
    assert colours(output) == set()


def test_plain_mode_and_the_command_line_write_no_escape_at_all() -> None:
    env = {"NO_COLOR": "1"}
    for argv, given in (([LOWBACK, "--plain", TINY], b"\n3\nq\n2\n"), ([LOWBACK, "--help"], b"")):
        done = subprocess.run(argv, input=given, capture_output=True, timeout=60,
                              env={**os.environ, **env})  # fmt: skip
        assert done.returncode == 0
        assert b"\x1b" not in done.stdout + done.stderr
