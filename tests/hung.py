"""Stand-ins for a sound player or a speech engine that hang for ever, each with a child of its
own, and what tests need to follow them by their pids."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_audio import SLEEP, program, running, until_gone


def hanging(folder: Path, name: str, pids: Path, stubborn: bool = False) -> Path:
    """A stand-in that never ends: it writes its pid, starts a child that sleeps for ever
    (writing its pid too) and waits for it. `stubborn` ones ignore SIGTERM, and so does the
    child."""
    trap = "trap '' TERM\n" if stubborn else ""
    body = f"{trap}echo $$ >> '{pids}'\n{SLEEP} 1000 &\necho $! >> '{pids}'\nwait"
    return program(folder, name, body)


def pids_in(path: Path, count: int, timeout: float = 10) -> list[int]:
    """The pids written to `path`, once there are `count` of them."""
    deadline = time.monotonic() + timeout
    while True:
        found = [int(pid) for pid in path.read_text().split()] if path.exists() else []
        if len(found) >= count:
            return found
        assert time.monotonic() < deadline, f"only {len(found)} of {count} pids in {path}"
        time.sleep(0.02)


def all_gone(pids: list[int], timeout: float = 5) -> bool:
    """Wait (with a deadline) for every one of `pids` to end."""
    return all(until_gone(pid, timeout) for pid in pids)


def alive(pids: list[int]) -> int:
    return sum(running(pid) for pid in pids)


@pytest.fixture
def pid_files(tmp_path: Path) -> Iterator[Path]:
    """A folder for pid files; whatever is still running from them after the test is killed
    (a test that fails must not leave sleepers behind)."""
    folder = tmp_path / "pids"
    folder.mkdir()
    yield folder
    for path in folder.iterdir():
        for pid in path.read_text().split():
            with contextlib.suppress(OSError):
                os.kill(int(pid), signal.SIGKILL)
