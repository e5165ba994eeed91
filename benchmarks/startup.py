"""Time until the exercise list is on screen, beside an empty Textual app, in a real pty.

Run: .venv/bin/python benchmarks/startup.py [--runs N]
Both programs are started alternately, so a busy moment hurts both alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pty_run import PtyProgram

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def measure(argv: list[str], marker: str, env: dict[str, str]) -> float:
    program = PtyProgram(argv, env=env)
    try:
        return program.wait_for(marker)
    finally:
        program.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="lowback-bench-")
    env = {"LOWBACK_HOME": home}
    empty = [sys.executable, str(HERE / "empty_app.py")]
    lowback = [str(BIN / "lowback")]
    measure(empty, "ready", env)  # warm the file cache for both
    measure(lowback, "Seated twist", env)
    times: dict[str, list[float]] = {"empty Textual app": [], "lowback list screen": []}
    for _ in range(args.runs):
        times["empty Textual app"].append(measure(empty, "ready", env))
        times["lowback list screen"].append(measure(lowback, "Seated twist", env))
    for name, values in times.items():
        ms = sorted(v * 1000 for v in values)
        print(f"{name:22} median {statistics.median(ms):6.1f} ms   "
              f"min {ms[0]:6.1f}   max {ms[-1]:6.1f}   (n={len(ms)})")  # fmt: skip
    ratio = statistics.median(times["lowback list screen"]) / statistics.median(
        times["empty Textual app"]
    )
    print(f"ratio (medians)        {ratio:.2f}x")


if __name__ == "__main__":
    main()
