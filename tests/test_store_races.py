"""Several lowbacks opening one history at once: on a first run, and when it is damaged.

Real processes (each with its own SQLite connection and file locks), held at a
barrier so they really start together, over many rounds; each keeps a session, and every
session must be in the history afterwards.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from lowback_tui.core.history.store import HistoryStore

PROCESSES = 4
ROUNDS = 12
COURSE_ROUNDS = 20

fork = pytest.importorskip("multiprocessing").get_context("forkserver")
"""Forked from a server process that has no threads: a plain fork of pytest (which has some)
may deadlock, and Python 3.12+ warned so 176 times a run. The server imports this module once
(preloaded), so each process starts in milliseconds: the file runs in ~4.7 s against ~2.6 s
forked, and spawn took ~25 s."""
fork.set_forkserver_preload([__name__])


def _one_lowback(path: str, barrier: Any, number: int, answers: Any, opened: bool) -> None:
    """What one lowback does: open the history, keep a session, say how that went (`opened`:
    all open it first, then begin their sessions together)."""
    if not opened:
        barrier.wait(timeout=30)
    store = HistoryStore.open(Path(path))
    if opened:
        barrier.wait(timeout=30)
    session = store.begin(f"routine-{number}", "hash", number % 11)
    answers.put((number, session, store.problem, store.notice))
    store.close()


def _race(path: Path, processes: int = PROCESSES, *, opened: bool = False) -> list[tuple[Any, ...]]:
    barrier = fork.Barrier(processes)
    answers = fork.Queue()
    workers = [
        fork.Process(target=_one_lowback, args=(str(path), barrier, n, answers, opened))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [answers.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return sorted(results)


def _kept(path: Path) -> list[str]:
    store = HistoryStore.open(path)
    names = sorted(row.routine_name for row in store.sessions())
    store.close()
    return names


def test_racing_first_runs_lose_no_session(tmp_path: Path) -> None:
    """Before: "table sessions already exists", and that lowback kept nothing."""
    for round_number in range(ROUNDS):
        path = tmp_path / f"round-{round_number}" / "history.db"
        results = _race(path)
        assert [problem for _, _, problem, _ in results] == [None] * PROCESSES
        assert all(session is not None for _, session, _, _ in results)
        assert _kept(path) == [f"routine-{n}" for n in range(PROCESSES)]


def _courses(path: Path) -> int:
    with sqlite3.connect(path) as db:
        (count,) = db.execute("SELECT COUNT(*) FROM courses").fetchone()
    return int(count)


def test_racing_first_sessions_begin_one_course(tmp_path: Path) -> None:
    """Before: each first session saw no course and began one: two or more courses in 4 of
    20 tries (so the course began again with the second session of the morning)."""
    for round_number in range(COURSE_ROUNDS):
        path = tmp_path / f"round-{round_number}" / "history.db"
        results = _race(path, opened=True)  # all open the empty history, then begin at once
        assert all(session is not None for _, session, _, _ in results)
        assert _courses(path) == 1, f"round {round_number}"


def test_racing_recoveries_move_the_damaged_file_once_and_lose_nothing(tmp_path: Path) -> None:
    for round_number in range(ROUNDS):
        folder = tmp_path / f"round-{round_number}"
        folder.mkdir()
        path = folder / "history.db"
        path.write_bytes(b"damaged beyond repair " * 200)
        results = _race(path)
        assert [problem for _, _, problem, _ in results] == [None] * PROCESSES
        notices = [notice for _, _, _, notice in results if notice]
        assert len(notices) == 1 and "was damaged; it was moved to" in notices[0]
        (aside,) = folder.glob("history.db.corrupt-*")
        assert aside.read_bytes().startswith(b"damaged beyond repair")
        assert _kept(path) == [f"routine-{n}" for n in range(PROCESSES)]


def test_a_second_damage_in_the_same_second_keeps_both_damaged_files(tmp_path: Path) -> None:
    from datetime import datetime

    path = tmp_path / "history.db"
    when = datetime(2026, 1, 2, 3, 4, 5)
    for text in (b"first damage " * 100, b"second damage " * 100):
        path.write_bytes(text)
        store = HistoryStore.open(path, now=lambda: when)
        assert store.saving and store.notice
        store.close()
    asides = sorted(p.read_bytes()[:6] for p in tmp_path.glob("history.db.corrupt-*"))
    assert asides == [b"first ", b"second"]


def test_threads_opening_one_history_at_once_all_keep_their_sessions(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    barrier = threading.Barrier(8)
    problems: list[str | None] = []

    def one(number: int) -> None:
        barrier.wait(timeout=30)
        store = HistoryStore.open(path)
        store.begin(f"t{number}", "hash", None)
        problems.append(store.problem)
        store.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert problems == [None] * 8
    assert _kept(path) == sorted(f"t{n}" for n in range(8))


@pytest.mark.parametrize(
    ("swap_in", "said"),
    [("link", "is a symbolic link"), ("file", "changed while it was being opened")],
)
def test_a_file_swapped_while_it_is_opened_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap_in: str, said: str
) -> None:
    """sqlite follows links: a swap between lowback's check and sqlite's open is caught."""
    path = tmp_path / "history.db"
    HistoryStore.open(path).close()
    elsewhere = tmp_path / "elsewhere.db"
    real_connect = sqlite3.connect

    def swap_then_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        path.rename(elsewhere)
        if swap_in == "link":
            path.symlink_to(elsewhere)
        else:
            path.write_bytes(elsewhere.read_bytes())
        connection: sqlite3.Connection = real_connect(*args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", swap_then_connect)
    store = HistoryStore.open(path)
    assert not store.saving
    assert store.problem is not None and said in store.problem
