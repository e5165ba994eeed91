"""Startup, the progress screen and the history screen with a long history, beside an empty one.

Run: .venv/bin/python benchmarks/history_scale.py [--runs N] [--sessions 3650] [--course-days D]
Each run starts the installed lowback in an 80x24 pty and times (1) the list on screen,
(2) the course line from the history on screen, (3) `g` until the progress screen shows, or
`h` until the history screen shows (each in a run of its own, so that the peak RSS, read from
/proc/PID/status at the end of the run, is that screen's), and, on the history screen, `End`
until its last line (the totals) shows. `--course-days D` begins a new course every D days of
the generated history (0, the default: one course as long as the history).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_history import make
from tests.pty_run import PtyProgram, plain

BIN = Path(sys.executable).parent
SCREENS = {"g": "Your course", "h": "Your sessions"}


def home_with(sessions: int, course_days: int = 0, per_day: int = 1) -> str:
    home = tempfile.mkdtemp(prefix=f"lowback-{sessions}-")
    if sessions:
        path = Path(home) / "data" / "history.db"
        make(path, sessions, course_days=course_days, per_day=per_day)
    return home


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_once(home: str, key: str) -> tuple[float, float, float, float, float]:
    """(list on screen, course line, the screen after `key`, End to the last line, peak RSS)."""
    program = PtyProgram([str(BIN / "lowback")], env={"LOWBACK_HOME": home})
    try:
        listed = program.wait_for("Seated twist")
        course = program.wait_for("this week")
        time.sleep(0.3)
        program.read()
        program.output = b""
        asked = time.perf_counter()
        program.send(key.encode())
        program.wait_for(SCREENS[key])
        shown = time.perf_counter() - asked
        end = float("nan")
        if key == "h" and "No sessions yet." not in plain(program.output):
            time.sleep(0.3)
            program.read()
            program.output = b""
            asked = time.perf_counter()
            program.send(b"\x1b[F")  # End
            try:
                program.wait_for("of exercise", timeout=60)
                end = time.perf_counter() - asked
            except TimeoutError:
                print("End: the last line did not show within 60 s", file=sys.stderr)
        time.sleep(0.2)
        return listed, course, shown, end, peak_rss_mb(program.process.pid)
    finally:
        program.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=3650)
    parser.add_argument("--course-days", type=int, default=0)
    parser.add_argument("--per-day", type=int, default=1, help="sessions a day (100,000: 10)")
    parser.add_argument("--keys", default="gh", help="the screens to time: g, h or both")
    parser.add_argument("--home", help="a LOWBACK_HOME made before, instead of a new one")
    args = parser.parse_args()
    homes = {
        "empty history": home_with(0),
        f"{args.sessions} sessions": args.home
        or home_with(args.sessions, args.course_days, args.per_day),
    }
    runs: dict[tuple[str, str], list[tuple[float, ...]]] = {}
    for key in args.keys:
        for home in homes.values():
            run_once(home, key)  # warm-up
        for _ in range(args.runs):
            for name, home in homes.items():
                runs.setdefault((name, key), []).append(run_once(home, key))
    print(f"{'':16} {'key':>3} {'list on screen':>16} {'course line':>13} {'screen':>13}"
          f" {'End':>9} {'peak RSS':>14}   (ms, median (range); MB)")  # fmt: skip
    for (name, key), found in runs.items():

        def figure(i: int, scale: float = 1000, found: list[tuple[float, ...]] = found) -> str:
            values = [r[i] * scale for r in found]
            if any(v != v for v in values):
                return "-"
            return f"{statistics.median(values):.0f} ({min(values):.0f}-{max(values):.0f})"

        print(f"{name:16} {key:>3} {figure(0):>16} {figure(1):>13} {figure(2):>13}"
              f" {figure(3):>9} {figure(4, 1):>14}")  # fmt: skip


if __name__ == "__main__":
    main()
