"""The installed `lowback` in a real pseudo-terminal, as a person starts it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import BROKEN, REPO
from .pty_run import PtyProgram, plain

LOWBACK = str(Path(sys.executable).parent / "lowback")
TINY = str(Path(__file__).resolve().parent / "routines" / "tiny.toml")
ENTER_ALTERNATE_SCREEN = b"\x1b[?1049h"
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
HIDE_CURSOR, SHOW_CURSOR = b"\x1b[?25l", b"\x1b[?25h"


def restored(output: bytes) -> bool:
    """The alternate screen was left and the cursor shown again, after the last hiding."""
    return LEAVE_ALTERNATE_SCREEN in output and output.rfind(SHOW_CURSOR) > output.rfind(
        HIDE_CURSOR
    )


KILLED = str(Path(__file__).resolve().parent / "routines" / "killed.toml")


def begin_session(program: PtyProgram, listed: str = "Second", pain: bytes = b"s") -> None:
    """Once `listed` is on the list: Enter, confirm the first-run safety screen, answer `pain`,
    skip naming the activities (the course's first session asks)."""
    program.wait_for(listed)
    program.send(b"\r")
    program.wait_for("Before you exercise")
    program.send(b"\r")
    program.wait_for("How is your back right now?")
    program.send(pain)
    program.wait_for("Name up to three")
    program.send(b"\x1b")


def test_list_appears_and_q_restores_the_terminal() -> None:
    program = PtyProgram([LOWBACK], size=(80, 24))
    try:
        program.wait_for("Seated twist")
        program.send(b"j")
        program.wait_for("Lying face down")  # the second exercise, its picture in words
        program.send(b"q")
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 0
    assert restored(program.output)


def test_a_whole_tiny_session_ends_on_the_summary() -> None:
    program = PtyProgram([LOWBACK, TINY], size=(80, 24))
    try:
        begin_session(program)
        program.wait_for("How is your back now?", timeout=30)
        program.send(b"2\r")
        program.wait_for("Your back: – before, 2 after")
        program.wait_for("2 done")
        screen = plain(program.output)
        program.send(b"q")
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 0
    assert "First" in screen and "Second" in screen and "Session complete." in screen
    assert restored(program.output)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_mid_session_restores_the_terminal(signum: int) -> None:
    program = PtyProgram([LOWBACK, TINY], size=(80, 24))
    try:
        begin_session(program)
        program.wait_for("exercise 1 of")
        program.process.send_signal(signum)
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 128 + signum
    assert restored(program.output)


def test_an_unexpected_error_exits_1_with_the_log_path(private_home: Path) -> None:
    crash = (
        "from lowback_tui.screens.countdown import CountdownScreen\n"
        "def broken(self): raise RuntimeError('a bug')\n"
        "CountdownScreen.action_skip = broken\n"
        "from lowback_tui.cli import main\n"
        f"main([{TINY!r}])\n"
    )
    program = PtyProgram([sys.executable, "-c", crash], size=(80, 24))
    try:
        begin_session(program)
        program.wait_for("exercise 1 of")
        program.send(b"n")
        code = program.wait_exit()
    finally:
        program.stop()
    log = private_home / "data" / "lowback.log"
    assert code == 1
    assert restored(program.output)
    assert (
        f"lowback stopped after an unexpected error (RuntimeError); the details are in {log}"
        in plain(program.output)
    )
    assert "Traceback" not in plain(program.output)
    assert "RuntimeError: a bug" in log.read_text()
    assert log.stat().st_mode & 0o777 == 0o600


def test_a_broken_routine_is_refused_before_the_screen_opens() -> None:
    program = PtyProgram([LOWBACK, str(BROKEN / "unknown-key.toml")], size=(80, 24))
    try:
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 2
    assert "hold_second: unknown key; did you mean 'hold_seconds'?" in plain(program.output)
    assert ENTER_ALTERNATE_SCREEN not in program.output  # never entered full screen
    assert "Traceback" not in plain(program.output)


def test_kill_minus_9_mid_session_keeps_the_finished_exercises(private_home: Path) -> None:
    from lowback_tui.core.history.store import HistoryStore

    program = PtyProgram([LOWBACK, KILLED], size=(80, 24))
    try:
        begin_session(program, "Long three", b"3\r")
        program.wait_for("exercise 3 of 3", timeout=20)
        program.process.send_signal(signal.SIGKILL)
        program.wait_exit()
    finally:
        program.stop()
    store = HistoryStore.open(private_home / "data" / "history.db")
    (session,) = store.sessions()
    assert session.ended_at is None and session.pain_before == 3
    names = [(e[2], e[3]) for e in store.exercises(session.id)]
    assert names == [("Quick one", "done"), ("Quick two", "done")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_keeps_finished_exercises_and_records_the_session_as_ended_early(
    signum: int, private_home: Path
) -> None:
    from lowback_tui.core.history.store import HistoryStore

    program = PtyProgram([LOWBACK, KILLED], size=(80, 24))
    try:
        begin_session(program, "Long three")
        program.wait_for("exercise 3 of 3", timeout=20)
        program.process.send_signal(signum)
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 128 + signum and restored(program.output)
    (session,) = HistoryStore.open(private_home / "data" / "history.db").sessions()
    assert (session.done, session.ended_early, session.ended_at is not None) == (2, True, True)


def test_a_damaged_history_is_moved_aside_and_said_in_a_real_terminal(private_home: Path) -> None:
    data = private_home / "data"
    data.mkdir(parents=True)
    (data / "history.db").write_bytes(b"not a database at all" * 50)
    program = PtyProgram([LOWBACK, TINY], size=(120, 30))
    try:
        program.wait_for("history file was damaged", timeout=15)
        program.send(b"q")
        code = program.wait_exit()
    finally:
        program.stop()
    assert code == 0
    assert [p.name.startswith("history.db.corrupt-") for p in data.iterdir()].count(True) == 1


def test_the_collector_paused_for_start_up_is_back_on_once_the_list_is_up(tmp_path: Path) -> None:
    out = tmp_path / "gc.txt"
    probe = (
        "import gc, pathlib\n"
        "from lowback_tui.screens.list_screen import ExerciseListScreen\n"
        "def probe(self):\n"
        "    state = f'{gc.isenabled()} {gc.get_freeze_count()}'\n"
        f"    pathlib.Path({str(out)!r}).write_text(state)\n"
        "ExerciseListScreen.action_open = probe\n"
        "from lowback_tui.cli import main\n"
        "main([])\n"
    )
    program = PtyProgram([sys.executable, "-c", probe], size=(80, 24))
    try:
        program.wait_for("Seated twist")
        program.send(b"d")
        program.send(b"q")
        assert program.wait_exit() == 0
    finally:
        program.stop()
    enabled, frozen = out.read_text().split()
    assert enabled == "True"
    assert int(frozen) > 10_000  # start-up's objects, set aside once the screen was drawn


ORPHAN = """
import os, signal, sys
sys.path.insert(0, {repo!r})
from tests.pty_run import PtyProgram
program = PtyProgram([{lowback!r}, {tiny!r}])
program.wait_for("Second")
print(program.process.pid, flush=True)
{end}
"""


@pytest.mark.parametrize(
    "end",
    ["os.kill(os.getpid(), signal.SIGKILL)", "raise KeyboardInterrupt", "sys.exit(1)"],
    ids=["killed", "interrupted", "exited"],
)
def test_a_test_process_that_dies_takes_its_pty_program_with_it(end: str) -> None:
    script = ORPHAN.format(repo=str(REPO), lowback=LOWBACK, tiny=TINY, end=end)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.05)  # the kernel's work, not ours: poll until it is done
    assert not _running(pid), f"lowback {pid} outlived its test process ({end})"


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return status != "Z"  # a zombie is dead, only not yet reaped
