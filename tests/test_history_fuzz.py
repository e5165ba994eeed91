"""A real history with random cells changed to random values of random types (issue 22): every
reader runs without an exception, says how many rows it left out (as many as the Python twin of
the checks counts), and the file is never moved aside."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lowback_tui.core.history.checks import COURSE, EXERCISE, SESSION, TARGET, BadRow, check
from lowback_tui.core.history.checks import unreadable_notice as notice_of
from lowback_tui.core.history.file import history_path
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.history.text import as_csv, as_json, table
from lowback_tui.core.routine.file import load
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock
from .test_history_rows_bad import TINY, TODAY, a_real_history, cli

TABLES = {
    "sessions": ("session", SESSION, ["id"], 4),
    "exercises": ("exercise result", EXERCISE, ["session_id"], 8),
    "courses": ("course", COURSE, ["id"], 1),
    "targets": ("target", TARGET, [], 1),
}
"""Each table: what the notice calls a row, the columns checked, others worth changing, and
how many rows `made` keeps in it."""

values = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, 1, -1, 10, 11, 99, -3, 86_400, 86_401, 2**31]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([9e999, -9e999, 1e308, -1e9, 0.5, 3.0]),
    st.text(max_size=30),
    st.sampled_from(["garbage", "", "2026-02-30", "2026-11-02", "2026-11-02T08:00:00",
                     "9999-12-31", "0001-01-01", "done", "not reached", "\x1b[2J", "5"]),
    st.binary(max_size=12),
)  # fmt: skip


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[str, str, int, object]]:
    """A few (table, column, rowid, value) changes."""
    found = []
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(TABLES)))
        _, columns, more, count = TABLES[name]
        column = draw(st.sampled_from([c.name for c in columns] + more))
        found.append((name, column, draw(st.integers(1, count)), draw(values)))
    return found


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A real history, made once: four days of sessions and a target raised."""
    home = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LOWBACK_HOME", str(home))
        path = a_real_history()
        store = HistoryStore.open(path)
        store.decide_offer(4, "Tiny", "first", 2, accept=True)
        store.close()
    yield home


def expected(path: Path) -> dict[str, int]:
    """The rows left out, as the Python twin of the checks finds them, row by row."""
    db = sqlite3.connect(path)
    db.text_factory = lambda b: b.decode("utf-8", "replace")
    counts: dict[str, int] = {}
    for name, (kind, columns, _, _) in TABLES.items():
        listed = ", ".join(c.name for c in columns)
        rows = db.execute(f"SELECT {listed} FROM {name} ORDER BY rowid DESC").fetchall()
        if name == "courses":
            rows = db.execute(f"SELECT {listed} FROM courses ORDER BY id DESC LIMIT 1").fetchall()
        for row in rows:
            try:
                check(columns, row)
            except BadRow:
                counts[kind] = counts.get(kind, 0) + 1
    db.close()
    return counts


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(changes=edits())
def test_every_reader_survives_random_cells(
    made: Path, capsys: pytest.CaptureFixture[str], changes: list[tuple[str, str, int, object]]
) -> None:
    path = history_path()
    shutil.rmtree(path.parent.parent, ignore_errors=True)
    shutil.copytree(made, path.parent.parent)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA ignore_check_constraints = ON")
    for name, column, rowid, value in changes:
        with suppress(sqlite3.IntegrityError):  # NOT NULL, or a key taken: sqlite3 says so too
            db.execute(f"UPDATE {name} SET {column} = ? WHERE rowid = ?", (value, rowid))
    db.close()
    want = expected(path)
    event(f"left out: {sum(want.values())}")

    store = HistoryStore.open(path)
    assert (store.notice, store.problem) == (None, None)  # never moved aside
    assert store.unreadable == want
    rows = store.sessions()
    exercises = store.all_exercises()
    table(rows), as_csv(rows, exercises), as_json(rows, exercises)
    for row in rows:
        store.exercises(row.id)
    count, seconds = store.totals()
    if not any(column in ("id", "session_id") for _, column, _, _ in changes):  # none astray
        assert count == len(rows)
        assert seconds == pytest.approx(sum(r.active_seconds for r in rows))
    store.course(), store.targets("Tiny"), store.last_pain_stop()
    store.recent_results("Tiny", "first", 3), store.unfinished_today(TODAY.date())
    store.close()

    trainer = Trainer(load(TINY), clock=FakeClock(), now=lambda: TODAY)
    assert trainer.open_history() == ([notice_of(want)] if want else [])
    trainer.overview(), trainer.progress(), trainer.course_report(), trainer.history_table()
    trainer.carry_on(), trainer.before_session(4), trainer.before_session(9)

    said = f": {notice_of(want)}\n" if want else ""
    for command in (["history"], ["export"], ["export", "--format", "json"], ["report"]):
        code, out, err = cli(capsys, *command)
        assert code in (0, 1) and "Traceback" not in out + err
        if command != ["history"]:
            assert err.startswith(f"lowback {command[0]}{said}" if said else "")
    assert sorted(p.name for p in path.parent.iterdir() if "corrupt" in p.name) == []
