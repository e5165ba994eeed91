"""Plain mode: a line per change, commands as lines, kept in the history."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from lowback_tui.core import wording
from lowback_tui.core.course import advice
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import total_seconds
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain

from .conftest import played
from .fake_clock import FakeClock

TINY = Path(__file__).resolve().parent / "routines" / "tiny.toml"
LOWBACK = str(Path(sys.executable).parent / "lowback")


class Script:
    """Typed lines at given moments of a fake clock: what select() would see."""

    def __init__(self, clock: FakeClock, answers: list[str], during: dict[float, str]) -> None:
        self.clock = clock
        self.answers = list(answers)  # to questions, in order
        self.during = dict(during)  # seconds after the first wait -> a command line
        self.start: float | None = None

    def __call__(self, timeout: float | None) -> list[str] | None:
        if timeout is None and self.answers:  # a question, or paused: the next answer
            return [self.answers.pop(0)]
        if self.start is None:
            self.start = self.clock.now
        due = sorted(
            at for at in self.during if self.start + at <= self.clock.now + (timeout or 1e9)
        )
        if due:
            self.clock.now = max(self.clock.now, self.start + due[0])
            return [self.during.pop(due[0])]
        if timeout is None:
            return None
        self.clock.advance(timeout)
        return []


def run_plain(
    routine: Routine, store: HistoryStore, answers: list[str], during: dict[float, str]
) -> str:
    out = io.StringIO()
    clock = FakeClock()
    Plain(out, Script(clock, answers, during)).run(Trainer(routine, clock=clock, store=store))
    return out.getvalue()


def test_a_whole_session_a_line_per_change(routine: Routine, tmp_path: Path) -> None:
    save(Settings(safety_read=True))
    store = HistoryStore.open(tmp_path / "h.db")
    text = run_plain(routine, store, ["4", "", "3"], {})  # Enter skips the activities
    lines = text.replace("\a", "").splitlines()
    in_use = "Sound: the terminal bell; no sound player in tests. Voice: off, but none in tests."
    assert in_use in lines  # said once, at the start
    assert lines[lines.index(in_use) + 1].startswith("Take your time to get into position: ")
    first = lines.index("Left leg first.")  # the first get-ready: the side that comes first
    assert lines[first + 1 : first + 4] == ["Hold, left leg.", "Right.", "Hold, right leg."]
    rest = (
        "Rest 15 seconds. Next: Opposite arm and leg lift, lying face down. "
        "Lie face down, arms past your head, forehead on the floor or a towel."
    )
    assert lines[lines.index(rest) + 2] == "Left arm, right leg."  # after its picture in words
    assert lines[lines.index(rest) + 1].startswith("The position: Lying face down")
    assert "Switch to the right leg." in lines  # the 5 s switch of the stretch has the room
    assert "Work, 30 seconds." in lines
    assert "Session done." in lines
    assert "3" not in lines  # the count is heard, not printed
    elapsed = wording.duration(total_seconds(routine))
    assert f"7 done. Active 6 min 20 s of {elapsed} in all." in lines
    assert text.count("\a") == 41 + 40 + 1  # as many bells as the app rings
    (row,) = store.sessions()
    assert (row.pain_before, row.pain_after, row.done, row.completed) == (4, 3, 7, True)


def test_enter_pauses_s_skips_q_ends(routine: Routine, tmp_path: Path) -> None:
    save(Settings(safety_read=True))
    store = HistoryStore.open(tmp_path / "h.db")
    text = run_plain(routine, store, ["", "", ""], {3: "", 10: "", 33: "s", 43: "q"})
    # Enter at 3 s, while settling in: on to the get-ready at once (not a pause); settling in
    # was cut short, so the get-ready says all of it
    assert text.index("Take your time to get into position") < text.index(
        "Knee to chest, lying on your back. Lie on your back, legs long, arms resting by your "
        "sides. Left leg first.") < text.index("Paused.")  # fmt: skip
    assert text.count("Paused. Enter carries on.") == 1 and "Carrying on." in text
    assert "Opposite arm and leg lift, lying face down. Lie face down" in text  # skipped to
    assert "Knee to chest: partial" in text and "Opposite arm and leg lift: partial" in text
    (row,) = store.sessions()
    assert row.ended_early and (row.pain_before, row.pain_after) == (None, None)


def test_the_pain_command_stops_and_advises(routine: Routine, tmp_path: Path) -> None:
    save(Settings(safety_read=True))
    store = HistoryStore.open(tmp_path / "h.db")
    text = run_plain(routine, store, ["3", "", "6"], {12: "!"})
    assert "You stopped because it hurt, and that was right." in text
    assert "Your back hurts 3 points more than before the session." in text
    (row,) = store.sessions()
    assert row.stopped_for_pain


def test_safety_comes_first_and_q_stops_before_anything_starts(
    routine: Routine, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    text = run_plain(routine, store, ["q"], {})
    assert advice.GET_HELP_NOW_HEAD in text and advice.SEE_A_DOCTOR_SOON_HEAD in text
    assert "- weakness or numbness in both legs." in text
    assert text.index(advice.GET_HELP_NOW_HEAD) < text.index(advice.SEE_A_DOCTOR_SOON_HEAD)
    for item in advice.SEE_A_DOCTOR_SOON:
        assert f"- {item}" in text  # both tiers, every item
    assert "Get ready" not in text and store.sessions() == []


def _read_until(process: subprocess.Popen[bytes], text: str, seen: bytearray) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + 20
    while text.encode() not in seen:
        assert time.monotonic() < deadline, seen.decode()
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            seen += os.read(process.stdout.fileno(), 4096)


def test_through_a_pipe_end_to_end(private_home: Path, fake_speakers: Path) -> None:
    """Output that is not a terminal means plain mode, with no --plain needed."""
    process = subprocess.Popen([LOWBACK, str(TINY)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdin is not None
    seen = bytearray()
    try:
        for prompt, answer in [("Press Enter once you have read this", b"\n"),
                               ("How is your back right now?", b"2\n"),
                               ("Activity 1 (or Enter to skip):", b"\n"),
                               ("How is your back now?", b"1\n")]:  # fmt: skip
            _read_until(process, prompt, seen)
            if answer == b"1\n":  # the finish tone was started before this question: a
                played(fake_speakers, 4)  # slow stand-in (a busy machine) gets to log it first
            process.stdin.write(answer)
            process.stdin.flush()
        process.stdin.close()
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
    text = seen.decode()
    assert "First. Hold.\nHold.\n" in text  # 1 s holds with a count: room for no more
    assert "\a" not in text  # tones, through the player found on PATH
    assert [(name, Path(sound).name) for _, name, sound in played(fake_speakers, 4)] == [
        ("pw-play", "start-v1.wav"), ("pw-play", "start-v1.wav"), ("pw-play", "start-v1.wav"),
        ("pw-play", "finish-v1.wav")]  # fmt: skip
    assert "Second: done, 1 of 1." in text
    (row,) = HistoryStore.open(private_home / "data" / "history.db").sessions()
    assert (row.pain_before, row.pain_after, row.done) == (2, 1, 2)
    assert load(TINY).name == "Tiny"
