"""Any history the checks read whole, exported and imported into an empty home, exports again
the same, byte for byte; imported again, it changes nothing."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowback_tui.core.history import restore
from lowback_tui.core.history.checks import (
    MOST_EFFORTS,
    MOST_EXERCISES,
    OUTCOMES,
    PAIN_RANGE,
    SECONDS_IN_A_DAY,
)
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.history.text import export

names = st.text(max_size=12) | st.sampled_from(["Lower back", "A\x00\x1b]0;x\x07\x9b\u202e"])
moments = st.sampled_from(["2026-01-05T08:00:00", "2026-01-06T08:00:00"]) | st.datetimes(
    datetime(1900, 1, 1), datetime(9000, 12, 31)
).map(lambda d: d.isoformat(timespec="seconds"))
seconds = st.floats(0, SECONDS_IN_A_DAY)  # never -0.0: min_value 0.0 leaves it out
pains = st.none() | st.integers(*PAIN_RANGE)


@st.composite
def exercises(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    positions = draw(st.lists(st.integers(0, MOST_EXERCISES - 1), unique=True, max_size=4))
    return [
        (p, draw(names), draw(names), draw(st.sampled_from(OUTCOMES)),
         draw(st.integers(0, MOST_EFFORTS)), draw(st.integers(0, MOST_EFFORTS)), draw(seconds))
        for p in positions
    ]  # fmt: skip


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    """Sessions as rows of the sessions table, each with its exercise results: any values the
    history's checks read, numbers below 1 too (a hand edit), starts and routines repeated."""
    ids = draw(st.lists(st.integers(-5, 10**6), unique=True, max_size=6))
    return [
        (i, draw(st.sampled_from(["Lower back", "Tiny"]) | names), draw(moments),
         draw(st.dates(date(1900, 1, 1), date(9000, 12, 31))).isoformat(),
         draw(st.none() | moments), draw(st.none() | seconds), draw(pains), draw(pains),
         draw(st.booleans()), draw(st.booleans()), draw(exercises()))
        for i in ids
    ]  # fmt: skip


def _made(path: Path, sessions: list[tuple[Any, ...]]) -> HistoryStore:
    store = HistoryStore.open(path)
    assert store._db is not None
    for *session, results in sessions:
        store._db.execute(
            "INSERT INTO sessions (id, routine_name, started_at, day, ended_at, elapsed_seconds,"
            " pain_before, pain_after, stopped_for_pain, ended_early, routine_hash,"
            " planned_seconds, stopped_at) VALUES (?,?,?,?,?,?,?,?,?,?,'h',600.0,0)",
            session,
        )
        store._db.executemany(
            "INSERT INTO exercises (session_id, position, exercise_id, name, outcome,"
            " efforts_done, efforts_planned, active_seconds, reps) VALUES (?,?,?,?,?,?,?,?,3)",
            [(session[0], *result) for result in results],
        )
    return store


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions=histories())
def test_export_import_export_is_the_same(sessions: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        original = _made(Path(folder) / "a.db", sessions)
        text = export(original, "json")
        original.close()
        parsed = restore.parse(text.encode())
        assert len(parsed) == len(sessions)
        restored = HistoryStore.open(Path(folder) / "b.db")
        assert restored.restore(parsed, 21) == (len(sessions), 0)
        assert export(restored, "json") == text
        days = [s[3] for s in sessions]
        assert restored.latest_course() == (
            (date.fromisoformat(min(days)), 21) if days else None
        )  # the course from the earliest day, of the length given
        assert restored.restore(parsed, 21) == (0, len(sessions))
        assert export(restored, "json") == text
        restored.close()
