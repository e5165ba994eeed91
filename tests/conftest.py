"""Every test gets its own home: nothing reads or writes the real one."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.app import App

from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "routines" / "lower-back.toml"
BROKEN = Path(__file__).resolve().parent / "broken"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point LOWBACK_HOME, HOME and the XDG folders at a fresh temporary directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LOWBACK_HOME", str(home / "lowback"))
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    return home / "lowback"


@pytest.fixture(autouse=True)
def no_speakers(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real sound player or speech engine in tests: the bell is in use, the voice finds none
    (`fake_speakers` puts logging stand-ins on PATH instead)."""
    from lowback_tui.audio import speaker
    from lowback_tui.audio.players import Found
    from lowback_tui.audio.voices import Engine

    monkeypatch.setattr(speaker, "find_player", lambda: Found((), "no sound player in tests"))
    monkeypatch.setattr(speaker, "find_engine", lambda own: Engine((), "", "none in tests"))


@pytest.fixture(autouse=True)
def no_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing keeps the real screen awake in tests (test_awake.py puts logging stand-ins on
    PATH instead)."""
    from lowback_tui.desktop import awake

    monkeypatch.setattr(awake, "find_methods", lambda: awake.Found((), "none in tests"))


FAKE = """#!/bin/bash
printf '%s %s %s\n' "$EPOCHREALTIME" "${0##*/}" "$*" >> {log}
{then}
"""


@pytest.fixture
def fake_speakers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A sound player (pw-play) and a speech engine (espeak-ng) first on PATH that write what
    they were asked to do, with the time, to the file returned (the voice takes 0.5 s)."""
    from lowback_tui.audio import players, speaker, voices

    folder = tmp_path / "fake-bin"
    folder.mkdir()
    log = tmp_path / "played.log"
    for name, then in (("pw-play", ""), ("espeak-ng", "sleep 0.5")):
        script = folder / name
        script.write_text(FAKE.replace("{log}", str(log)).replace("{then}", then))
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(speaker, "find_player", players.find_player)
    monkeypatch.setattr(speaker, "find_engine", voices.find_engine)
    return log


def played(log: Path, count: int, timeout: float = 10) -> list[list[str]]:
    """The first `count` lines the fake speakers wrote, split (time, program, arguments...);
    waits for them, since each plays in a process of its own, started and not waited for."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        lines = log.read_text().splitlines() if log.exists() else []
        if len(lines) >= count or time.monotonic() > deadline:
            return [line.split(" ", 2) for line in lines]
        time.sleep(0.05)


@pytest.fixture
def routine() -> Routine:
    """The bundled lower-back routine."""
    return load(BUNDLED)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text: export_screenshot's render, without the SVG."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`pytest -n auto` (README's test command) runs one worker more than there are cores: much
    of the suite waits on pseudo-terminals, subprocesses and threads, and a third worker on two
    cores fills that time (issue 23: -n 2 took 249 s, -n 3 162 s, -n 4 179 s with timing tests
    failing under the load)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1
