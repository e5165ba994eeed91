"""The README's routine section stays true to the format."""

from __future__ import annotations

import re

from lowback_tui.core.routine import TIMING_RANGES
from lowback_tui.core.routine_check import EXERCISE_KEYS, ROUTINE_KEYS
from lowback_tui.core.routine_file import loads

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_example_routine_loads() -> None:
    example = re.search(r"```toml\n(.*?)```", README, re.S)
    assert example is not None
    routine = loads(example.group(1))
    assert routine.exercises[0].side_names == ("left leg", "right leg")


def test_every_key_is_documented() -> None:
    for key in (*ROUTINE_KEYS, *TIMING_RANGES, *EXERCISE_KEYS):
        assert f"`{key}`" in README or f"`[{key}]`" in README or f"`[[{key}]]`" in README, key


def test_set_up_is_two_commands() -> None:
    set_up = README.split("## Set-up")[1].split("## ")[0]
    commands = re.findall(r"```sh\n(.*?)\n```", set_up, re.S)
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/lowback",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest",
    ]
