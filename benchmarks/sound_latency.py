"""From each phase's deadline to the start of its sound, over a real 2-minute session.

Run: .venv/bin/python benchmarks/sound_latency.py [--repeats 1]
The installed `lowback` runs in a pty with tones and voice on. A stand-in sound player and
speech engine first on PATH (bash scripts) write the wall-clock moment they start, which is as
early as any real player could make a sound. The session's start is the moment lowback logs it,
right after the engine starts; each deadline is that moment plus the plan, and the plan (which
sound, at which second) is the core's own transcript under a fake clock. lowback's own CPU time
(not its players') is taken from /proc over the same session.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.countdown_cpu import cpu_seconds
from lowback_tui.core.routine.file import loads
from lowback_tui.core.session_run import SessionRun
from tests.fake_clock import FakeClock
from tests.pty_run import PtyProgram

LOWBACK = str(Path(sys.executable).parent / "lowback")
TWO_MINUTES = """\
name = "Two minutes"
[timing]
start_seconds = 0
get_ready_seconds = 5
switch_seconds = 3
rest_seconds = 10
[[exercise]]
name = "First"
hold_seconds = 10
reps = 3
sides = "alternate"
[[exercise]]
name = "Second"
work_seconds = 30
"""
FAKE = """#!/bin/bash
printf '%s %s %s\\n' "$EPOCHREALTIME" "${{0##*/}}" "$*" >> {log}
{then}
"""
STARTED = re.compile(r"session started at wall clock ([0-9.]+)")


def fake_speakers(folder: Path) -> Path:
    """pw-play and espeak-ng stand-ins in `folder`; returns the log they write."""
    log = folder / "played.log"
    for name, then in (("pw-play", ""), ("espeak-ng", "sleep 0.4")):
        script = folder / name
        script.write_text(FAKE.format(log=log, then=then))
        script.chmod(0o755)
    return log


def planned_sounds(routine: str) -> list[tuple[float, str]]:
    """(second into the session, sound) for every sound the session makes, from the core."""

    class Plan:
        def __init__(self) -> None:
            self.sounds: list[tuple[float, str]] = []

        def play(self, cues) -> None:  # type: ignore[no-untyped-def]
            self.sounds += [(clock.now, cue.sound.value) for cue in cues if cue.sound]

        def hush(self) -> None:
            pass

    clock, plan = FakeClock(0.0), Plan()
    run = SessionRun(loads(routine), None, None, clock, plan, 3)
    run.start()
    while run.summary is None:
        clock.advance(min(run.view().seconds_left, run.seconds_to_next_cue()))
        run.advance()
    return plan.sounds


def one_session(folder: Path) -> tuple[list[float], float, float]:
    """Latencies (s) of every sound, lowback's CPU share, and the session's length."""
    routine = folder / "two.toml"
    routine.write_text(TWO_MINUTES)
    bin_folder = folder / "bin"
    bin_folder.mkdir(exist_ok=True)
    log = fake_speakers(bin_folder)
    log.unlink(missing_ok=True)
    home = folder / "home"
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text('safety_read = true\nsound = "tones"\n')
    env = {"LOWBACK_HOME": str(home), "PATH": f"{bin_folder}:/usr/bin:/bin"}
    plan = planned_sounds(TWO_MINUTES)
    program = PtyProgram([LOWBACK, "--voice", str(routine)], env=env)
    try:
        program.wait_for("Second")
        program.send(b"\r")
        program.wait_for("How is your back right now?")
        program.send(b"s")
        program.begin_after_rating()
        before = cpu_seconds(program.process.pid)
        program.wait_for("How is your back now?", timeout=plan[-1][0] + 30)
        used = cpu_seconds(program.process.pid) - before
    finally:
        program.stop()
    text = (home / "data" / "lowback.log").read_text()
    started = float(STARTED.findall(text)[-1])
    heard = [line.split(" ", 2) for line in log.read_text().splitlines()]
    tones = [(float(at), Path(what).stem.split("-")[0]) for at, who, what in heard
             if who == "pw-play"]  # fmt: skip
    assert [sound for _, sound in tones] == [sound for _, sound in plan], "not the planned sounds"
    latencies = [at - started - second for (at, _), (second, _) in zip(tones, plan, strict=True)]
    return latencies, used / plan[-1][0], plan[-1][0]


def measure(repeats: int) -> tuple[list[float], list[float], float]:
    """All latencies and CPU shares over `repeats` sessions, and one session's length."""
    latencies: list[float] = []
    shares: list[float] = []
    length = 0.0
    for _ in range(repeats):
        found, share, length = one_session(Path(tempfile.mkdtemp(prefix="lowback-sound-")))
        latencies += found
        shares.append(share)
    return latencies, shares, length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    latencies, shares, length = measure(args.repeats)
    ms = sorted(x * 1000 for x in latencies)
    median = statistics.median(ms)
    print(f"{len(ms)} sounds over {args.repeats} × {length:.0f} s: median {median:.1f} ms, "
          f"worst {ms[-1]:.1f} ms, best {ms[0]:.1f} ms")  # fmt: skip
    print(f"lowback's CPU, tones and voice on: {statistics.median(shares) * 100:.2f} % of a core")


if __name__ == "__main__":
    main()
