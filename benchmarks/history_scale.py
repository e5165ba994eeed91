"""Startup and the progress screen with ten years of history, beside an empty history.

Run: .venv/bin/python benchmarks/history_scale.py [--runs N] [--sessions 3650]
Each run starts the installed lowback in an 80x24 pty and times (1) the list on screen,
(2) the course line from the history on screen, (3) `g` until the progress screen shows.
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
from tests.pty_run import PtyProgram

BIN = Path(sys.executable).parent


def home_with(sessions: int) -> str:
    home = tempfile.mkdtemp(prefix=f"lowback-{sessions}-")
    if sessions:
        make(Path(home) / "data" / "history.db", sessions)
    return home


def run_once(home: str) -> tuple[float, float, float]:
    program = PtyProgram([str(BIN / "lowback")], env={"LOWBACK_HOME": home})
    try:
        listed = program.wait_for("Seated twist")
        course = program.wait_for("this week")
        time.sleep(0.3)
        program.read()
        asked = time.perf_counter()
        program.send(b"g")
        program.wait_for("Your course")
        return listed, course, time.perf_counter() - asked
    finally:
        program.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=3650)
    args = parser.parse_args()
    homes = {"empty history": home_with(0), f"{args.sessions} sessions": home_with(args.sessions)}
    for home in homes.values():
        run_once(home)  # warm-up
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in homes}
    for _ in range(args.runs):
        for name, home in homes.items():
            results[name].append(run_once(home))
    print(f"{'':16} {'list on screen':>16} {'course line':>13} {'progress (g)':>13}   (ms, median)")
    medians = {}
    for name, runs in results.items():
        medians[name] = [statistics.median(r[i] for r in runs) * 1000 for i in range(3)]
        listed, course, progress = medians[name]
        print(f"{name:16} {listed:16.0f} {course:13.0f} {progress:13.0f}")
    empty, big = medians.values()
    print(f"startup ratio (list on screen): {big[0] / empty[0]:.2f}x")


if __name__ == "__main__":
    main()
