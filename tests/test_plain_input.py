"""Plain mode's input, line by line with nothing dropped; what it says before a session; and
time stopped with ctrl+z, which is a pause, not time held (issue 14)."""

from __future__ import annotations

import io
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lowback_tui import plain
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain
from lowback_tui.plain_terminal import LineReader

from .fake_clock import FakeClock
from .test_plain import Script

LOWBACK = str(Path(sys.executable).parent / "lowback")


class AllAtOnce:
    """Every line arrives in one read, as from `printf '...' | lowback`; then the input ends."""

    def __init__(self, clock: FakeClock, lines: list[str]) -> None:
        self.clock = clock
        self.lines: list[str] | None = lines

    def __call__(self, timeout: float | None) -> list[str] | None:
        lines, self.lines = self.lines, None
        if lines is None and timeout is not None:
            self.clock.advance(timeout)
        return lines


def test_answers_that_arrive_together_are_each_used_in_turn(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    clock = FakeClock()
    out = io.StringIO()
    trainer = Trainer(routine, clock=clock, store=store)
    # Enter for the safety information, 3 before, Enter skips the activities, q ends the session
    # at once, 2 after.
    code = Plain(out, AllAtOnce(clock, ["", "3", "", "q", "2"])).run(trainer)
    assert code == 0
    (row,) = store.sessions()
    assert (row.pain_before, row.pain_after, row.ended_early) == (3, 2, True)
    assert out.getvalue().count("How is your back") == 2  # each asked once, each answered


def test_piped_answers_reach_the_history(private_home: Path) -> None:
    done = subprocess.run([LOWBACK, "--plain"], input=b"\n3\n\nq\n2", capture_output=True,
                          timeout=60)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, b"")
    (row,) = HistoryStore.open(private_home / "data" / "history.db").sessions()
    assert (row.pain_before, row.pain_after) == (3, 2)  # the last line had no newline


def test_a_last_line_without_a_newline_is_read() -> None:
    read, write = os.pipe()
    os.write(write, b"one\ntwo")
    os.close(write)
    reader = LineReader(read)
    lines: list[str] = []
    while (got := reader(1.0)) is not None:
        lines += got
    os.close(read)
    assert lines == ["one", "two"]


@pytest.mark.parametrize("safety_read", [False, True])
def test_no_input_at_all_starts_nothing_and_says_so(private_home: Path, safety_read: bool) -> None:
    if safety_read:
        save(Settings(safety_read=True))
    done = subprocess.run([LOWBACK, "--plain"], stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == b"lowback: the input ended before a session began; nothing was started\n"
    history = private_home / "data" / "history.db"
    assert not history.exists() or HistoryStore.open(history).sessions() == []


def test_a_broken_config_and_a_damaged_history_are_said_before_anything(
    routine: Routine, private_home: Path
) -> None:
    (private_home / "config").mkdir(parents=True)
    (private_home / "config" / "config.toml").write_text("sound = [\n")
    (private_home / "data").mkdir()
    (private_home / "data" / "history.db").write_bytes(b"not a database at all" * 100)
    clock = FakeClock()
    out = io.StringIO()
    Plain(out, Script(clock, ["q"], {})).run(Trainer(routine, clock=clock))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Note: ") and lines[0].endswith("; using the defaults.")
    assert "config.toml" in lines[0]
    assert lines[1].startswith("Note: The history file was damaged; it was moved to ")


def test_a_history_that_cannot_be_kept_is_said_before_the_session(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("LOWBACK_HOME", str(blocker / "lowback"))  # can never be a folder
    clock = FakeClock()
    out = io.StringIO()
    code = Plain(out, Script(clock, ["", "4", "q", ""], {})).run(Trainer(routine, clock=clock))
    text = out.getvalue()
    assert code == 0
    note = text.index("Note: history is not being saved")
    assert note < text.index("Get ready")  # before it starts, not after
    assert text.count("history is not being saved") == 1


def test_a_confirmation_that_cannot_be_saved_is_said(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lowback_tui.core import settings

    def read_only(saved: Settings) -> None:
        raise OSError(30, "Read-only file system", str(settings.settings_path()))

    monkeypatch.setattr(settings, "save", read_only)
    clock = FakeClock()
    out = io.StringIO()
    store = HistoryStore.open(tmp_path / "h.db")
    code = Plain(out, Script(clock, ["", "4", "q", ""], {})).run(
        Trainer(routine, clock=clock, store=store)
    )
    assert code == 0
    assert "Note: settings not saved (" in out.getvalue()
    assert "config.toml: Read-only file system); the safety information will be shown again" in (
        out.getvalue()
    )


class StoppedOnce(Script):
    """A Script that is stopped by ctrl+z (SIGTSTP) once, 28 seconds into the session (in the
    first hold, after 20 s of settling in and the 5 s get-ready)."""

    def __init__(self, clock: FakeClock, answers: list[str], during: dict[float, str]) -> None:
        super().__init__(clock, answers, during)
        self.stopped = False

    def __call__(self, timeout: float | None) -> list[str] | None:
        if not self.stopped and self.start is not None and self.clock.now >= self.start + 28:
            self.stopped = True
            signal.raise_signal(signal.SIGTSTP)  # what ctrl+z sends, while plain mode waits
            return []
        return super().__call__(timeout)


def test_time_stopped_with_ctrl_z_is_a_pause(
    routine: Routine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(Settings(safety_read=True))
    clock = FakeClock()

    def ten_minutes_stopped() -> None:
        clock.advance(600)

    monkeypatch.setattr(plain, "stop_process", ten_minutes_stopped, raising=False)
    # Without lowback's own handler, the stop would pass unnoticed: ten minutes held.
    before = signal.signal(signal.SIGTSTP, lambda signum, frame: ten_minutes_stopped())
    try:
        store = HistoryStore.open(tmp_path / "h.db")
        out = io.StringIO()
        script = StoppedOnce(clock, ["4", "", "", "2"], {30: "q"})
        Plain(out, script).run(Trainer(routine, clock=clock, store=store))
    finally:
        signal.signal(signal.SIGTSTP, before)
    text = out.getvalue().replace("\a", "")
    assert script.stopped
    assert "Paused. Enter carries on.\nCarrying on." in text  # Enter after the stop carries on
    (row,) = store.sessions()
    assert 0 < row.active_seconds < 10  # the ten minutes stopped are not time held
    assert (row.done, row.pain_after) == (0, 2)


def _state(pid: int) -> str:
    """The process's state letter from /proc (T: stopped)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_real_ctrl_z_stops_the_process_paused(private_home: Path) -> None:
    save(Settings(safety_read=True))
    process = subprocess.Popen([LOWBACK, "--plain"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    seen = bytearray()

    def read_until(text: bytes) -> None:
        assert process.stdout is not None
        deadline = time.monotonic() + 20
        while text not in seen:
            assert time.monotonic() < deadline, seen.decode()
            if select.select([process.stdout], [], [], 0.1)[0]:
                seen.extend(os.read(process.stdout.fileno(), 4096))

    try:
        read_until(b"How is your back right now?")
        process.stdin.write(b"5\n")
        process.stdin.flush()
        read_until(b"Activity 1 (or Enter to skip):")
        process.stdin.write(b"\n")
        process.stdin.flush()
        read_until(b"Take your time to get into position")  # settling in: stopped there
        process.send_signal(signal.SIGTSTP)
        deadline = time.monotonic() + 10
        while _state(process.pid) != "T":  # it really stops
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert b"Paused" not in seen
        process.send_signal(signal.SIGCONT)
        read_until(b"Paused. Enter carries on.\n")
        process.stdin.write(b"q\n\n")
        process.stdin.close()
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
    (row,) = HistoryStore.open(private_home / "data" / "history.db").sessions()
    assert (row.pain_before, row.ended_early) == (5, True)


def test_ctrl_c_in_plain_mode_keeps_the_session_and_exits_130(private_home: Path) -> None:
    save(Settings(safety_read=True))
    process = subprocess.Popen([LOWBACK, "--plain"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"6\n\n")  # 6, and the activities skipped
        process.stdin.flush()
        seen = b""
        deadline = time.monotonic() + 20
        while b"Take your time to get into position" not in seen:  # the session has begun
            assert time.monotonic() < deadline, seen
            if select.select([process.stdout], [], [], 0.1)[0]:
                seen += os.read(process.stdout.fileno(), 4096)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert (process.returncode, err) == (130, b"lowback: interrupted\n")
    (row,) = HistoryStore.open(private_home / "data" / "history.db").sessions()
    assert (row.pain_before, row.ended_early, row.ended_at is not None) == (6, True, True)


def _feed(write: int, parts: list[tuple[bytes, int]]) -> None:
    """Write each (bytes, times) to the pipe, then close it."""
    with os.fdopen(write, "wb") as pipe:
        for block, times in parts:
            for _ in range(times):
                pipe.write(block)


def test_a_200_mb_line_is_dropped_as_it_comes_and_the_next_is_read() -> None:
    """A 200 MB answer with no newline was read for minutes (the line grew by copying); it is
    now read in bounded pieces, never held, and is TOO_LONG; the next line is read as ever."""
    import threading

    from lowback_tui.plain_terminal import MAX_LINE_BYTES, TOO_LONG

    read, write = os.pipe()
    megabyte = b"7" * 2**20
    feeder = threading.Thread(target=_feed, args=(write, [(megabyte, 200), (b"\n3\n", 1)]))
    started = time.monotonic()
    feeder.start()
    reader = LineReader(read)
    lines: list[str] = []
    largest = 0
    while (got := reader(5.0)) is not None:
        lines += got
        largest = max(largest, len(reader.buffer))
    feeder.join()
    os.close(read)
    assert lines == [TOO_LONG, "3"]
    assert largest <= MAX_LINE_BYTES  # bounded: never more than one answer's worth kept
    assert time.monotonic() - started < 5  # well under a second here; minutes before


def test_a_line_too_long_at_the_pain_question_is_not_understood_and_asked_again(
    routine: Routine, tmp_path: Path
) -> None:
    from lowback_tui.plain_terminal import MAX_LINE_BYTES

    read, write = os.pipe()
    os.write(write, b"\n" + b"4" * (MAX_LINE_BYTES + 1) + b"\n" + b"5\n\nq\n\n")
    os.close(write)
    store = HistoryStore.open(tmp_path / "h.db")
    out = io.StringIO()
    Plain(out, LineReader(read)).run(Trainer(routine, store=store))
    os.close(read)
    text = out.getvalue()
    assert "That line was too long to read; please type a whole number from 0 to 10" in text
    assert text.count("How is your back right now?") == 2
    (row,) = store.sessions()
    assert row.pain_before == 5


def test_a_line_just_short_enough_is_read_whole() -> None:
    from lowback_tui.plain_terminal import MAX_LINE_BYTES, TOO_LONG

    read, write = os.pipe()
    os.write(write, b"x" * MAX_LINE_BYTES + b"\n" + b"y" * (MAX_LINE_BYTES + 1) + b"\n")
    os.close(write)
    reader = LineReader(read)
    lines: list[str] = []
    while (got := reader(1.0)) is not None:
        lines += got
    os.close(read)
    assert lines == ["x" * MAX_LINE_BYTES, TOO_LONG]
