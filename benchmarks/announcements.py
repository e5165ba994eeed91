"""Every announcement of the bundled routines, how long espeak-ng takes to say it, and the time
it has (issue 21).

Run: .venv/bin/python benchmarks/announcements.py [--count 3] [--routine lower-back ...]
A whole session of each routine runs under a fake clock with the core's own Guide, as the app
and plain mode hear it (settling in run to its end, nothing paused or skipped). For each
distinct line: the phase it begins, its length said by espeak-ng at its default rate (the WAV
it writes, trailing silence included; "-" without espeak-ng), lowback's estimate, and the
seconds it has: until the first counted second, or the next line. A line fits when the engine's
start (speech_time.ENGINE_START) and its length are within that time. Then the first start:
from the Enter on the pain rating to the first hold.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lowback_tui.core.routine.file import load
from lowback_tui.core.routine.library import resolve
from lowback_tui.core.routine.plan import Kind, phases
from lowback_tui.core.session.engine import State
from lowback_tui.core.session.guidance import Cue
from lowback_tui.core.session.speech_time import ENGINE_START, seconds_to_say
from lowback_tui.core.session_run import SessionRun
from tests.fake_clock import FakeClock


class Heard:
    """An Announcer that keeps each line with the moment it was said and its phase."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.run: SessionRun | None = None
        self.lines: list[tuple[float, str, str]] = []
        """(seconds into the session, phase, words); a count's phase is "count"."""

    def play(self, cues: Sequence[Cue]) -> None:
        assert self.run is not None
        for cue in cues:
            kind = self.run.view().phase.kind.value if cue.urgent else "count"
            self.lines.append((self.clock.now, kind, cue.words))

    def hush(self) -> None:
        pass


def session_lines(name: str, count: int) -> list[tuple[float, str, str, float]]:
    """(when, phase, words, seconds it has) for each announcement of a whole session."""
    routine = load(resolve(name))
    clock = FakeClock(0.0)
    heard = Heard(clock)
    run = SessionRun(routine, None, None, clock, heard, count)
    heard.run = run
    run.start()
    while run.state is State.RUNNING:
        clock.advance(min(run.view().seconds_left, run.seconds_to_next_cue()))
        run.advance()
    lines = heard.lines
    return [
        (at, kind, words, lines[n + 1][0] - at)
        for n, (at, kind, words) in enumerate(lines[:-1])
        if kind != "count"
    ]


def wav_seconds(words: str, folder: Path) -> float | None:
    """How long espeak-ng takes to say `words` (None without espeak-ng)."""
    if shutil.which("espeak-ng") is None:
        return None
    out = folder / "line.wav"
    subprocess.run(["espeak-ng", "-w", str(out), words], check=True, timeout=60)
    with wave.open(str(out), "rb") as file:
        return file.getnframes() / file.getframerate()


def table(name: str, count: int, folder: Path) -> None:
    """Print one routine's table and its first start."""
    routine = load(resolve(name))
    print(f"\n{name} (count {count}): phase | said (s) | estimate (s) | has (s) | fits | words")
    seen: dict[tuple[str, str], float] = {}
    worst = -float("inf")
    for _, kind, words, room in session_lines(name, count):
        if (kind, words) in seen:
            seen[(kind, words)] = min(seen[(kind, words)], room)
            continue
        seen[(kind, words)] = room
    for (kind, words), room in seen.items():
        said = wav_seconds(words, folder)
        length = said if said is not None else seconds_to_say(words)
        fits = ENGINE_START + length <= room
        worst = max(worst, ENGINE_START + length - room)
        shown = f"{said:.2f}" if said is not None else "-"
        print(f"  {kind:12} | {shown:>5} | {seconds_to_say(words):5.2f} | {room:5.1f} | "
              f"{'yes' if fits else 'NO'} | {words}")  # fmt: skip
    plan = list(phases(routine))
    first_hold = next(n for n, phase in enumerate(plan) if phase.kind.is_active)
    settle = sum(p.seconds for p in plan[:first_hold] if p.kind is Kind.SETTLE)
    ready = sum(p.seconds for p in plan[:first_hold] if p.kind is not Kind.SETTLE)
    print(f"  {len(seen)} distinct lines; closest to its limit by {-worst:.2f} s")
    print(f"  first start: {settle} s settling in (space starts at once) + {ready} s get ready "
          f"= {settle + ready} s from the rating to the first hold")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=3, help="seconds counted (default 3)")
    parser.add_argument("--routine", action="append", help="lower-back, gentle-start (both)")
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed: the lengths shown are lowback's estimate")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.routine or ["lower-back", "gentle-start"]:
            table(name, args.count, Path(folder))


if __name__ == "__main__":
    main()
