"""Any history the checks read whole, exported and imported into an empty home, exports again
the same, byte for byte; imported again, it changes nothing. Its course's activities (issue 25)
come back with it; those of a course the new history has no course for are counted, not kept."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lowback_tui.core.history import restore
from lowback_tui.core.history.checks import (
    DAY_RANGE,
    MOST_EFFORTS,
    MOST_EXERCISES,
    OUTCOMES,
    PAIN_RANGE,
    SECONDS_IN_A_DAY,
)
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.history.text import export

from .strategies import activity_rows, course_activities

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


Activities = tuple[list[tuple[int, str]], list[tuple[int, int, str, int]]]


def _made(
    path: Path, sessions: list[tuple[Any, ...]], courses: list[tuple[str, Activities | None]]
) -> HistoryStore:
    """A history of `sessions`, and of `courses` (each its first day, and its activities, if
    any), oldest first."""
    store = HistoryStore.open(path)
    assert store._db is not None
    for started_on, activities in courses:
        course_id = store._db.execute(
            "INSERT INTO courses (started_on, days) VALUES (?, 21)", (started_on,)
        ).lastrowid
        assert course_id is not None
        if activities is not None:
            names, ratings = activity_rows(course_id, activities)
            store._db.executemany("INSERT INTO activities VALUES (?, ?, ?)", names)
            store._db.executemany("INSERT INTO activity_ratings VALUES (?, ?, ?, ?, ?)", ratings)
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
@given(sessions=histories(), activities=st.none() | course_activities())
def test_export_import_export_is_the_same(
    sessions: list[tuple[Any, ...]], activities: Activities | None
) -> None:
    days = [s[3] for s in sessions]
    # The course the first session began, as an import makes it again, with its activities.
    course = [(min(days), activities)] if days else []
    named = len(activities[0]) if activities is not None and days else 0
    with tempfile.TemporaryDirectory() as folder:
        original = _made(Path(folder) / "a.db", sessions, course)
        text = export(original, "json")
        original.close()
        parsed = restore.parse_export(text.encode())
        assert len(parsed.sessions) == len(sessions) and len(parsed.activities) == bool(named)
        restored = HistoryStore.open(Path(folder) / "b.db")
        assert restored.restore(parsed.sessions, 21, parsed.activities) == (
            len(sessions), 0, named, 0, 0,
        )  # fmt: skip
        assert export(restored, "json") == text
        assert restored.latest_course() == (
            (date.fromisoformat(min(days)), 21) if days else None
        )  # the course from the earliest day, of the length given
        assert restored.restore(parsed.sessions, 21, parsed.activities) == (
            0, len(sessions), 0, named, 0,
        )  # fmt: skip
        assert export(restored, "json") == text
        restored.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions=histories().filter(bool), older=course_activities(), latest=course_activities())
def test_activities_of_a_course_not_there_are_counted_not_kept(
    sessions: list[tuple[Any, ...]], older: Activities, latest: Activities
) -> None:
    first = min(s[3] for s in sessions)
    step = -1 if first > DAY_RANGE[0].isoformat() else 1
    other = date.fromordinal(date.fromisoformat(first).toordinal() + step).isoformat()
    with tempfile.TemporaryDirectory() as folder:
        original = _made(Path(folder) / "a.db", sessions, [(other, older), (first, latest)])
        parsed = restore.parse_export(export(original, "json").encode())
        original.close()
        assert [c.started_on for c in parsed.activities] == [other, first]
        restored = HistoryStore.open(Path(folder) / "b.db")
        found = restored.restore(parsed.sessions, 21, parsed.activities)
        assert found == (len(sessions), 0, len(latest[0]), 0, len(older[0]))
        again = restored.restore(parsed.sessions, 21, parsed.activities)
        assert again == (0, len(sessions), 0, len(latest[0]), len(older[0]))
        restored.close()
