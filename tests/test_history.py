"""The history store on tmp_path: writes, reads, migrations, damage, refusals, kill -9."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from lowback_tui.core.history import file as history_file
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.session.results import ExerciseRecord, Outcome, Summary

NOON = datetime(2026, 11, 2, 12, 0)


def record(index: int, outcome: Outcome = Outcome.DONE, done: int = 4) -> ExerciseRecord:
    return ExerciseRecord(
        index, f"ex-{index}", f"Exercise {index}", outcome, done, 4, 5.0 * done, 20
    )


def summary(*records: ExerciseRecord, early: bool = False) -> Summary:
    return Summary("Routine", records, elapsed_seconds=60.0, paused_seconds=0, ended_early=early)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore.open(tmp_path / "data" / "history.db", now=lambda: NOON)


def test_a_session_is_written_and_read_back(store: HistoryStore) -> None:
    session = store.begin("Routine", "abc", pain_before=5)
    store.record_exercise(session, record(0), reps=2)
    store.record_exercise(session, record(1, Outcome.PARTIAL, 1), reps=2)
    done = summary(record(0), record(1, Outcome.PARTIAL, 1), record(2, Outcome.SKIPPED, 0),
                   record(3, Outcome.NOT_REACHED, 0), early=True)  # fmt: skip
    store.finish(session, done, stopped_for_pain=False)
    store.set_pain_after(session, 3)
    (row,) = store.sessions()
    assert (row.routine_name, row.day, row.pain_before, row.pain_after) == (
        "Routine",
        NOON.date(),
        5,
        3,
    )
    assert (row.done, row.partial, row.skipped, row.not_reached) == (1, 1, 1, 1)
    assert (row.active_seconds, row.efforts_done, row.efforts_planned) == (25.0, 5, 16)
    assert row.ended_early and not row.completed
    assert store.course_start() == NOON.date()  # the first session begins a course
    assert [e[3] for e in store.exercises(row.id)] == ["done", "partial", "skipped", "not reached"]
    assert store.saving and store.problem is None


def test_redoing_an_exercise_replaces_its_result(store: HistoryStore) -> None:
    session = store.begin("Routine", "abc", None)
    store.record_exercise(session, record(0, Outcome.PARTIAL, 1), reps=2)
    store.record_exercise(session, record(0), reps=2)
    assert [e[3] for e in store.exercises(session or 0)] == ["done"]


def test_the_folder_and_file_are_private(store: HistoryStore, tmp_path: Path) -> None:
    store.begin("Routine", "abc", 4)
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "data" / "history.db").stat().st_mode & 0o777 == 0o600


def test_a_fresh_file_is_migrated_to_the_latest_schema(store: HistoryStore) -> None:
    version = sqlite3.connect(store.path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(history_file.MIGRATIONS)
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_later_migration_keeps_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "h.db"
    old = HistoryStore.open(path, now=lambda: NOON)
    old.begin("Routine", "abc", 6)
    old.close()
    monkeypatch.setattr(
        history_file,
        "MIGRATIONS",
        [*history_file.MIGRATIONS, "ALTER TABLE sessions ADD COLUMN note TEXT"],
    )
    new = HistoryStore.open(path, now=lambda: NOON)
    assert [row.pain_before for row in new.sessions()] == [6]
    columns = [c[1] for c in sqlite3.connect(path).execute("PRAGMA table_info(sessions)")]
    assert "note" in columns
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(history_file.MIGRATIONS)


def test_a_file_from_a_newer_lowback_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "h.db"
    HistoryStore.open(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.execute("PRAGMA journal_mode = DELETE")  # everything in the one file, to compare
    db.close()
    before = path.read_bytes()
    store = HistoryStore.open(path)
    assert not store.saving
    assert store.problem is not None and "newer lowback" in store.problem
    assert store.begin("Routine", "abc", None) is None
    assert path.read_bytes() == before


def test_a_damaged_file_is_moved_aside_and_a_fresh_one_begun(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"this is not a database" * 100)
    store = HistoryStore.open(path, now=lambda: NOON)
    aside = tmp_path / "history.db.corrupt-20261102-120000"
    assert aside.read_bytes() == b"this is not a database" * 100
    assert store.notice == (
        f"The history file was damaged; it was moved to {aside} and a new one begun"
    )
    assert store.saving
    assert store.begin("Routine", "abc", None) == 1


def test_a_file_failing_its_integrity_check_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    store = HistoryStore.open(path, now=lambda: NOON)
    for _ in range(200):
        store.begin("Routine", "abc" * 50, 3)
    store.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 + 100 : page * 2 + 400] = b"\xff" * 300  # scribble over a page's cells
    path.write_bytes(bytes(data))
    reopened = HistoryStore.open(path, now=lambda: NOON)
    assert reopened.notice is not None and "moved to" in reopened.notice
    assert reopened.sessions() == []


def test_a_folder_that_cannot_be_made_means_not_saving(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    store = HistoryStore.open(blocker / "history.db")
    assert not store.saving
    assert store.problem is not None and store.problem.startswith("history is not being saved")
    assert store.begin("Routine", "abc", None) is None  # and nothing raises


def test_a_read_only_database_stops_saving_but_never_raises(store: HistoryStore) -> None:
    session = store.begin("Routine", "abc", None)
    assert store._db is not None
    store._db.execute("PRAGMA query_only = ON")
    store.record_exercise(session, record(0), reps=2)
    assert not store.saving
    assert store.problem == ("history is not being saved (attempt to write a readonly database)")


def test_a_full_disk_stops_saving_but_never_raises(store: HistoryStore) -> None:
    session = store.begin("Routine", "abc", None)
    assert store._db is not None
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    for index in range(2000):  # more than the pages a migration left free
        store.record_exercise(session, record(index), reps=2)
    assert store.problem == "history is not being saved (database or disk is full)"


def test_a_new_course_starts_today_and_keeps_the_old_sessions(store: HistoryStore) -> None:
    store.begin("Routine", "abc", None)
    store.new_course(date(2026, 11, 20))
    assert store.course_start() == date(2026, 11, 20)
    assert len(store.sessions()) == 1


def test_accepting_an_offer_sets_the_target(store: HistoryStore) -> None:
    session = store.begin("Routine", "abc", None)
    store.decide_offer(session, "Routine", "knee", 6, accept=False)
    assert store.targets("Routine") == {}
    store.decide_offer(session, "Routine", "knee", 6, accept=True)
    assert store.targets("Routine") == {"knee": 6}


KILLED = """
import sys, time
from datetime import datetime
from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.session.results import ExerciseRecord, Outcome
store = HistoryStore.open(sys.argv[1] and __import__("pathlib").Path(sys.argv[1]))
session = store.begin("Routine", "abc", 4)
for index in range(3):
    store.record_exercise(
        session, ExerciseRecord(index, f"ex-{index}", "x", Outcome.DONE, 2, 2, 10.0, 10.0), 1
    )
print("three written", flush=True)
time.sleep(60)
"""


def test_kill_minus_9_mid_session_loses_no_finished_exercise(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "three written"
    finally:
        child.kill()  # SIGKILL: no chance to flush or close anything
        child.wait()
    store = HistoryStore.open(path)
    (row,) = store.sessions()
    assert row.ended_at is None  # it never finished...
    assert row.done == 3  # ...but everything it finished is there


def test_the_table_fits_80_columns_and_starts_with_the_newest() -> None:
    from datetime import date

    from lowback_tui.core.history.rows import SessionRow
    from lowback_tui.core.history.text import table

    def row(day: int, name: str, pain: tuple[int | None, int | None]) -> SessionRow:
        return SessionRow(
            id=day, day=date(2026, 11, day), started_at=f"2026-11-{day:02}T07:05:00",
            ended_at=f"2026-11-{day:02}T07:20:00", routine_name=name, pain_before=pain[0],
            pain_after=pain[1], stopped_for_pain=True, ended_early=True, done=12, partial=0,
            skipped=0, active_seconds=3 * 3600.0, elapsed_seconds=3 * 3600.0,
        )  # fmt: skip

    long_name = "A routine with a name as long as eighty characters allows, which is very long"
    text = table([row(1, "Short", (10, 10)), row(2, long_name, (None, 9))])
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[1].startswith("2026-11-02  07:05  A routine with…  12/12  3 h 0 min   – → 9")
    assert lines[2].startswith("2026-11-01  07:05  Short")
    assert lines[1].endswith("stopped: it hurt")


def test_a_short_routine_name_keeps_every_column_under_its_header() -> None:
    from datetime import date

    from lowback_tui.core.history.rows import SessionRow
    from lowback_tui.core.history.text import table

    row = SessionRow(
        id=1, day=date(2026, 11, 1), started_at="2026-11-01T07:05:00",
        ended_at="2026-11-01T07:20:00", routine_name="Tiny", pain_before=3, pain_after=2,
        stopped_for_pain=False, ended_early=False, done=1, partial=0, skipped=0,
        active_seconds=1.0, elapsed_seconds=3.0,
    )  # fmt: skip
    header, line, _ = table([row]).splitlines()
    for column in ("done", "active", "pain"):
        assert line[header.index(column) - 1] == " "  # the column starts where its header does
    assert line[header.index("done") :].startswith("1/1")
