"""Write a history of N sessions of the bundled routine, `--per-day` a day (default: ten
years' worth, one a day), ending yesterday.

Run: .venv/bin/python benchmarks/make_history.py PATH [--sessions 3650] [--per-day 1]

A history is read only back to 1900 (`history_checks.DAY_RANGE`: earlier days are a hand
edit's): 100,000 sessions one a day would begin in 1752, so large histories take several a day
(`history_scale.py` makes 100,000 as ten a day, from 1999).
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine import library as routine_library
from lowback_tui.core.routine import plan
from lowback_tui.core.routine.file import load
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary


def make(path: Path, sessions: int, seed: int = 1, course_days: int = 0, per_day: int = 1) -> None:
    """Fill `path` with `sessions` sessions, `per_day` a day (20 minutes apart from 07:30),
    ending yesterday; a new course every `course_days` days (0: one course, begun by the first
    session, as long as the history)."""
    rng = random.Random(seed)
    routine = load(routine_library.resolve(None))
    days = -(-sessions // per_day)
    first = datetime.now().replace(hour=7, minute=30) - timedelta(days=days)
    clock = [first]
    store = HistoryStore.open(path, now=lambda: clock[0])
    assert store._db is not None
    store._db.execute("PRAGMA synchronous = OFF")  # generating, not keeping: speed over safety
    for number in range(sessions):
        day, nth = divmod(number, per_day)
        clock[0] = first + timedelta(days=day, minutes=20 * nth)
        if course_days and day and not nth and day % course_days == 0:
            store.new_course(clock[0].date(), routine.course_days)
        session = store.begin(routine.name, "generated", rng.randint(0, 6))
        records = []
        for index, exercise in enumerate(routine.exercises):
            planned = sum(p.kind.is_active for p in plan.exercise_phases(routine, index))
            done = planned if rng.random() < 0.9 else rng.randint(0, planned)
            outcome = Outcome.PARTIAL if done else Outcome.SKIPPED
            if done == planned:
                outcome = Outcome.DONE
            seconds = exercise.effort_seconds
            record = ExerciseRecord(
                index, exercise.id, exercise.name, outcome, done, planned,
                done * seconds, planned * seconds,
            )  # fmt: skip
            store.record_exercise(session, record, exercise.reps)
            records.append(record)
        store.finish(session, Summary(routine.name, tuple(records), 620, 0, False), False)
        store.set_pain_after(session, rng.randint(0, 6))
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--sessions", type=int, default=3650)
    parser.add_argument("--course-days", type=int, default=0, help="a new course every N days")
    parser.add_argument("--per-day", type=int, default=1, help="sessions a day")
    args = parser.parse_args()
    make(args.path, args.sessions, course_days=args.course_days, per_day=args.per_day)


if __name__ == "__main__":
    main()
