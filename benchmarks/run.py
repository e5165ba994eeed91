"""Every benchmark beside its yardstick, in one run: `.venv/bin/python benchmarks/run.py`

Runs the installed `lowback` in real pseudo-terminals as a person would. Timing figures are
medians of several runs, taken alternately with their yardstick so a busy moment hurts both
alike; the spread is the lowest and highest run. termdown, the peer for the countdown, is
installed into benchmarks/.peers (a venv of its own) on first use. About four minutes.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.countdown_cpu import ROUTINE, cpu_seconds, with_bundled_picture  # noqa: E402
from benchmarks.make_history import make  # noqa: E402
from tests.pty_run import PtyProgram  # noqa: E402

BIN = Path(sys.executable).parent
LOWBACK = str(BIN / "lowback")
EMPTY = [sys.executable, str(HERE / "empty_app.py")]
PEERS = HERE / ".peers"
OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
"""Escape sequences that end in the same byte as a bell (the window title, for one)."""
CLEAN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Row:
    """One line of the results table."""

    what: str
    ours: str
    yardstick: str
    figure: str
    goal: str
    met: bool | None


def spread(values: list[float], unit: str = "ms", scale: float = 1000, digits: int = 0) -> str:
    v = sorted(x * scale for x in values)
    return f"{statistics.median(v):.{digits}f} {unit} ({v[0]:.{digits}f}-{v[-1]:.{digits}f})"


def home(confirmed: bool = True, sessions: int = 0) -> str:
    """A fresh LOWBACK_HOME; safety already confirmed unless asked otherwise."""
    folder = tempfile.mkdtemp(prefix="lowback-bench-")
    if confirmed:
        (Path(folder) / "config").mkdir()
        (Path(folder) / "config" / "config.toml").write_text("safety_read = true\n")
    if sessions:
        make(Path(folder) / "data" / "history.db", sessions)
    return folder


def on_screen(argv: list[str], marker: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds until `marker` shows, and the peak RSS (kB) by then."""
    program = PtyProgram(argv, env=env)
    try:
        seconds = program.wait_for(marker)
        time.sleep(0.3)
        program.read()
        return seconds, peak_rss(program.process.pid)
    finally:
        program.stop()


def peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def alternate(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Each measure `runs` times, taking turns."""
    results: list[list[float]] = [[] for _ in measures]
    for measure in measures:
        measure()  # warm the file cache
    for _ in range(runs):
        for result, measure in zip(results, measures, strict=True):
            result.append(measure())
    return results


def ratio_row(what: str, ours: list[float], theirs: list[float], yard: str, goal: float) -> Row:
    ratio = statistics.median(ours) / statistics.median(theirs)
    return Row(what, spread(ours), f"{yard} {spread(theirs)}", f"{ratio:.2f}×", f"≤ {goal}×",
               ratio <= goal)  # fmt: skip


# ---- the benchmarks ---------------------------------------------------------------------------


def without_pictures(folder: str) -> tuple[str, str]:
    """The bundled routine as it is, and the same without its pictures, in `folder`."""
    from dataclasses import replace

    from lowback_tui.core.dirs import bundled_dir
    from lowback_tui.core.routine.file import dumps, load

    bundled = bundled_dir() / "lower-back.toml"
    routine = load(bundled)
    bare = replace(routine, exercises=tuple(replace(e, picture=None) for e in routine.exercises))
    pictured, plain = Path(folder) / "pictured.toml", Path(folder) / "bare.toml"
    pictured.write_text(bundled.read_text())
    plain.write_text(dumps(bare))
    return str(pictured), str(plain)


def startup(runs: int) -> list[Row]:
    env = {"LOWBACK_HOME": home()}
    rss: dict[str, list[int]] = {"ours": [], "empty": []}
    pictured, bare = without_pictures(env["LOWBACK_HOME"])

    def ours() -> float:
        seconds, kb = on_screen([LOWBACK], "Seated twist", env)
        rss["ours"].append(kb)
        return seconds

    def empty() -> float:
        seconds, kb = on_screen(EMPTY, "ready", env)
        rss["empty"].append(kb)
        return seconds

    def empty_gc_paused() -> float:
        return on_screen([*EMPTY, "--gc-paused"], "ready", env)[0]

    def with_pictures() -> float:
        return on_screen([LOWBACK, pictured], "Seated twist", env)[0]

    def before_pictures() -> float:
        return on_screen([LOWBACK, bare], "Seated twist", env)[0]

    mine, theirs, alike, drawn, undrawn = alternate(
        runs, ours, empty, empty_gc_paused, with_pictures, before_pictures
    )
    memory = statistics.median(rss["ours"]) / statistics.median(rss["empty"])
    like_for_like = statistics.median(mine) / statistics.median(alike)
    return [
        ratio_row("list on screen (pty 80×24)", mine, theirs, "empty Textual app", 1.15),
        Row("the same, like for like", spread(mine),
            f"empty app, collector paused too {spread(alike)}", f"{like_for_like:.2f}×",
            "(for the record)", None),
        Row("peak RSS at the list", f"{statistics.median(rss['ours']) / 1024:.1f} MB",
            f"empty Textual app {statistics.median(rss['empty']) / 1024:.1f} MB",
            f"{memory:.2f}×", "≤ 1.2×", memory <= 1.2),
        ratio_row("list with its pictures", drawn, undrawn, "the routine without pictures", 1.05),
    ]  # fmt: skip


def termdown_command() -> str:
    command = PEERS / "bin" / "termdown"
    if not command.exists():
        print("installing termdown into benchmarks/.peers ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(PEERS / "bin" / "pip"), "install", "-q", "termdown"], check=True)
    return str(command)


def countdown_share(argv: list[str], env: dict[str, str], start: Callable[[PtyProgram], None],
                    seconds: float) -> float:  # fmt: skip
    program = PtyProgram(argv, env=env)
    try:
        start(program)
        time.sleep(1)
        before = cpu_seconds(program.process.pid)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            program.read(0.1)
        return (cpu_seconds(program.process.pid) - before) / seconds
    finally:
        program.process.kill()
        program.stop()


def countdown(runs: int, seconds: float) -> list[Row]:
    folder = home()
    routine = Path(folder) / "holds.toml"
    routine.write_text(ROUTINE.format(hold=5))
    pictured = Path(folder) / "pictured.toml"
    pictured.write_text(with_bundled_picture(ROUTINE.format(hold=5)))
    from benchmarks.sound_latency import fake_speakers

    fake_speakers(Path(folder))  # tones on, through a stand-in player (no sound card here)
    env = {"LOWBACK_HOME": folder, "PATH": f"{folder}:/usr/bin:/bin"}

    def begin(program: PtyProgram) -> None:
        program.wait_for("Long holds")
        program.send(b"\r")
        program.wait_for("How is your back right now?")
        program.send(b"s")
        program.begin_after_rating()

    termdown = termdown_command()
    ours, theirs, drawn = alternate(
        runs,
        lambda: countdown_share([LOWBACK, str(routine)], env, begin, seconds),
        lambda: countdown_share(
            [termdown, "-b", str(int(seconds) + 60)], {}, lambda p: time.sleep(1), seconds
        ),
        lambda: countdown_share([LOWBACK, str(pictured)], env, begin, seconds),
    )
    share = statistics.median(ours) * 100
    drawn_share = statistics.median(drawn) * 100
    return [Row(f"CPU, {seconds:.0f} s of 5 s holds", spread(ours, "%", 100, 2),
                f"termdown {spread(theirs, '%', 100, 2)}", f"{share:.2f} % of a core", "≤ 1 %",
                share <= 1),
            Row("the same, with its picture", spread(drawn, "%", 100, 2),
                f"without {spread(ours, '%', 100, 2)}", f"{drawn_share - share:+.2f} points",
                "≤ +0.05", drawn_share - share <= 0.05)]  # fmt: skip


def accuracy(repeats: int) -> list[Row]:
    """From each phase's deadline to the start of its sound, in a real 2-minute session with
    tones and voice on (benchmarks/sound_latency.py), and lowback's own CPU meanwhile."""
    from benchmarks.sound_latency import measure

    latencies, shares, length = measure(repeats)
    ms = [x * 1000 for x in latencies]
    median, worst = statistics.median(ms), max(ms)
    share = statistics.median(shares) * 100
    return [
        Row(f"deadline to sound, {repeats} × {length:.0f} s session", spread(latencies),
            f"{len(ms)} sounds; worst {worst:.0f} ms", f"median {median:.0f} ms",
            "≤ 20 ms, worst ≤ 50", median <= 20 and worst <= 50),
        Row("CPU, that session, tones and voice on", f"{share:.2f} %",
            "lowback alone, not its players", f"{share:.2f} % of a core", "≤ 1 %", share <= 1),
    ]  # fmt: skip


def timed(argv: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CLEAN_ENV,
                   check=False)  # fmt: skip
    return time.perf_counter() - began


def non_ui(runs: int) -> list[Row]:
    routine = str(HERE.parent / "routines" / "lower-back.toml")
    mine, theirs = alternate(
        runs,
        lambda: timed([LOWBACK, "validate", routine]),
        lambda: timed([sys.executable, "-c", "import tomllib"]),
    )
    return [ratio_row("lowback validate", mine, theirs, "python -c 'import tomllib'", 2.0)]


def big_routine(path: Path, exercises: int = 1000) -> None:
    """A routine of many varied exercises (fixed seed)."""
    import random

    rng = random.Random(7)
    lines = ['name = "Generated"']
    for n in range(exercises):
        kind = "hold_seconds" if rng.random() < 0.8 else "work_seconds"
        lines += ["[[exercise]]", f'name = "Exercise {n}"', f"{kind} = {rng.randint(3, 60)}",
                  f"reps = {rng.randint(1, 10)}",
                  f'sides = "{rng.choice(["none", "alternate", "each"])}"',
                  'cues = ["one thing", "and another"]']  # fmt: skip
    path.write_text("\n".join(lines) + "\n")


def scale(runs: int) -> list[Row]:
    from lowback_tui.core.routine import plan
    from lowback_tui.core.routine.file import load

    path = Path(tempfile.mkdtemp()) / "big.toml"
    big_routine(path)
    inside = []
    for _ in range(runs):
        began = time.perf_counter()
        plan.total_seconds(load(path))
        inside.append(time.perf_counter() - began)
    command = [timed([LOWBACK, "validate", str(path)]) for _ in range(runs)]
    rows = [Row("validate 1,000 exercises", f"{spread(inside)} checking",
                f"whole command {spread(command)}", f"{statistics.median(inside) * 1000:.0f} ms",
                "< 100 ms", statistics.median(inside) < 0.1)]  # fmt: skip

    empty_env, big_env = {"LOWBACK_HOME": home()}, {"LOWBACK_HOME": home(sessions=3650)}
    progress: list[float] = []

    def with_history(env: dict[str, str], keep: bool) -> float:
        program = PtyProgram([LOWBACK], env=env)
        try:
            listed = program.wait_for("Seated twist")
            program.wait_for("this week")
            time.sleep(0.2)
            program.read()
            asked = time.perf_counter()
            program.send(b"g")
            # the calendar header: "Time spent" is below 52 weeks of it, off an 80×24 screen
            program.wait_for("Its latest" if keep else "Your course")
            if keep:
                progress.append(time.perf_counter() - asked)
            return listed
        finally:
            program.stop()

    big, empty = alternate(runs, lambda: with_history(big_env, True),
                           lambda: with_history(empty_env, False))  # fmt: skip
    ratio = statistics.median(big) / statistics.median(empty)
    rows.append(Row("list on screen, 3,650 sessions", spread(big), f"empty history {spread(empty)}",
                    f"{ratio:.2f}×", "≈ 1×", ratio <= 1.05))  # fmt: skip
    rows.append(Row("progress screen, 3,650 sessions", spread(progress), "",
                    f"{statistics.median(progress) * 1000:.0f} ms", "< 100 ms",
                    statistics.median(progress) < 0.1))  # fmt: skip
    return rows


# ---- the table --------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    head = "| what | lowback | yardstick | figure | goal | met |\n" + "| --- " * 6 + "|"
    marks = {True: "yes", False: "**no**", None: ""}
    body = [f"| {r.what} | {r.ours} | {r.yardstick} | {r.figure} | {r.goal} | {marks[r.met]} |"
            for r in rows]  # fmt: skip
    return "\n".join([head, *body])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.machine())  # fmt: skip
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="repeats of each timing (10)")
    parser.add_argument("--countdown-seconds", type=float, default=20)
    parser.add_argument("--accuracy-repeats", type=int, default=1, help="2-minute sessions (1)")
    parser.add_argument("--only", choices=["startup", "countdown", "accuracy", "non-ui", "scale"])
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "lowback_tui")],
                   env=CLEAN_ENV, check=True)  # a real install has bytecode  # fmt: skip
    parts: dict[str, Callable[[], list[Row]]] = {
        "startup": lambda: startup(args.runs * 3),
        "countdown": lambda: countdown(max(1, args.runs // 5), args.countdown_seconds),
        "accuracy": lambda: accuracy(args.accuracy_repeats),
        "non-ui": lambda: non_ui(args.runs * 3),
        "scale": lambda: scale(args.runs * 2),  # its two figures move by 10 % over 10 runs
    }
    rows: list[Row] = []
    for name, part in parts.items():
        if args.only in (None, name):
            print(f"running {name} ...", file=sys.stderr)
            rows += part()
    print(f"Measured on {machine()}; medians, with the lowest and highest run in brackets.\n")
    print(table(rows))


if __name__ == "__main__":
    main()
