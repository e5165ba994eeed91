"""CPU share of one core while lowback counts down holds, beside termdown, in a real pty.

Run: .venv/bin/python benchmarks/countdown_cpu.py [--seconds 20] [--termdown PATH]
Each program runs on its own 80x24 pty; its output is read (as a terminal would) and its CPU
time is taken from /proc before and after the window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pty_run import PtyProgram

BIN = Path(sys.executable).parent
TICKS = os.sysconf("SC_CLK_TCK")

ROUTINE = """\
name = "Holds"
[timing]
start_seconds = 0
get_ready_seconds = 1
switch_seconds = 3
[[exercise]]
name = "Long holds"
hold_seconds = {hold}
reps = 20
sides = "alternate"
side_names = ["left leg", "right leg"]
"""


def with_bundled_picture(routine_text: str) -> str:
    """`routine_text` (one exercise) with the bundled routine's first picture on its exercise:
    the countdown measured with a real figure on screen."""
    from dataclasses import replace

    from lowback_tui.core.dirs import bundled_dir
    from lowback_tui.core.routine.file import dumps, load, loads

    picture = load(bundled_dir() / "lower-back.toml").exercises[0].picture
    routine = loads(routine_text, Path("holds.toml"))
    return dumps(replace(routine, exercises=(replace(routine.exercises[0], picture=picture),)))


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def measure(program: PtyProgram, seconds: float) -> tuple[float, int]:
    """CPU share over `seconds`, and the bytes the program wrote meanwhile."""
    before, written = cpu_seconds(program.process.pid), len(program.output)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        program.read(0.1)
    share = (cpu_seconds(program.process.pid) - before) / seconds
    return share, len(program.output) - written


def lowback(hold: int, seconds: float, home: str) -> tuple[float, int]:
    path = Path(home) / f"holds-{hold}.toml"
    path.write_text(ROUTINE.format(hold=hold))
    config = Path(home) / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("safety_read = true\n")  # measuring the countdown, not the first run
    program = PtyProgram([str(BIN / "lowback"), str(path)], env={"LOWBACK_HOME": home})
    try:
        program.wait_for("Long holds")
        program.send(b"\r")
        program.wait_for("How is your back right now?")
        program.send(b"s")
        program.begin_after_rating()
        time.sleep(1)
        return measure(program, seconds)
    finally:
        program.stop()


def termdown(command: str, seconds: float) -> tuple[float, int]:
    program = PtyProgram([command, "-b", str(int(seconds) + 30)])
    try:
        time.sleep(2)
        program.read()
        return measure(program, seconds)
    finally:
        program.process.kill()
        program.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--termdown", help="a termdown command to measure beside lowback")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="lowback-bench-")
    rows = [(f"lowback, {h} s holds", *lowback(h, args.seconds, home)) for h in (5, 30)]
    if args.termdown:
        rows.append(("termdown", *termdown(args.termdown, args.seconds)))
    for name, share, written in rows:
        print(f"{name:24} {share * 100:5.2f} % of a core   {written / args.seconds:8.0f} bytes/s")


if __name__ == "__main__":
    main()
