"""The README's routine section stays true to the format."""

from __future__ import annotations

import re

from lowback_tui.core.picture.check import PICTURE_KEYS
from lowback_tui.core.picture.model import JOINTS
from lowback_tui.core.routine.check import EXERCISE_KEYS, ROUTINE_KEYS
from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import ROUTINE_TIMING_RANGES, Timing

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_example_routine_loads() -> None:
    example = re.search(r"```toml\n(.*?)```", README, re.S)
    assert example is not None
    routine = loads(example.group(1))
    assert routine.exercises[0].side_names == ("left leg", "right leg")
    picture = routine.exercises[0].picture
    assert picture is not None and picture.held.joints["near_knee"] == (38, 30)


def test_every_key_is_documented() -> None:
    for key in (*ROUTINE_KEYS, *ROUTINE_TIMING_RANGES, *EXERCISE_KEYS):
        forms = (f"`{key}`", f"`[{key}]`", f"`[[{key}]]`", f"`[exercise.{key}]`")
        assert any(form in README for form in forms), key
    for key in PICTURE_KEYS:
        assert f"`{key}`" in README or f"`[exercise.picture.{key}]`" in README, key
    for joint in JOINTS:
        assert f"`{joint}`" in README, joint


def test_set_up_is_two_commands() -> None:
    set_up = README.split("## Set-up")[1].split("## ")[0]
    commands = re.findall(r"```sh\n(.*?)\n```", set_up, re.S)
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/lowback",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest -n auto",
    ]


def test_the_timing_table_gives_the_defaults_and_ranges_in_use() -> None:
    # exercises.md chose these (get ready 5 s, switch sides 3 s, rest 15 s between exercises);
    # the README promises them, and a routine without [timing] gets them.
    rows = re.findall(r"^\| `(\w+_seconds)` \| (\d+) \| (\d+)–(\d+) \|", README, re.M)
    documented = {key: (int(default), (int(low), int(high))) for key, default, low, high in rows}
    defaults = Timing()
    assert documented == {
        key: (getattr(defaults, key), bounds) for key, bounds in ROUTINE_TIMING_RANGES.items()
    }
    assert (defaults.get_ready_seconds, defaults.switch_seconds, defaults.rest_seconds) == (
        5,
        3,
        15,
    )
    # Issue 21: the first get-ready came 5 s after the rating; settling in gives 20 s to get
    # down to the floor first.
    assert defaults.start_seconds == 20


def test_every_setting_is_documented_with_its_default() -> None:
    from lowback_tui.core.settings import known

    for key, default in known().items():
        shown = f'"{default}"' if isinstance(default, str) else str(default).lower()
        assert f"| `{key}` | `{shown}` |" in README, key


def test_every_sound_is_explained() -> None:
    from lowback_tui.audio.players import LINUX_PLAYERS
    from lowback_tui.audio.voices import ENGINES

    section = README.split("### Sounds and voice")[1].split("\n## ")[0]
    for name, _ in LINUX_PLAYERS:
        assert f"`{name}`" in section
    for name in ENGINES:
        assert f"`{name}`" in section
    assert "`lowback sound-test`" in section
