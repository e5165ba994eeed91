"""Exercises a session ended before are "not reached"; "skipped" is for one the person skipped
or passed (issue 21). The engine, the history, the summary's words and plain mode agree."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lowback_tui.core.history.store import HistoryStore
from lowback_tui.core.routine.file import loads
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.session import words as session_words
from lowback_tui.core.session.engine import Session
from lowback_tui.core.session.results import Outcome
from lowback_tui.core.session_run import SessionRun
from lowback_tui.core.settings import Settings, save
from lowback_tui.core.trainer import Trainer
from lowback_tui.plain import Plain

from .fake_clock import FakeClock
from .test_plain import Script

THREE = loads(
    'name = "Three"\n[timing]\nstart_seconds = 0\n'  # no settling in: the times below are exact
    "get_ready_seconds = 5\nswitch_seconds = 3\nrest_seconds = 15\n"
    '[[exercise]]\nname = "A"\nhold_seconds = 5\nreps = 2\nsides = "alternate"\n'
    '[[exercise]]\nname = "B"\nhold_seconds = 5\n'
    '[[exercise]]\nname = "C"\nwork_seconds = 30\n'
)  # A: ready 5, L 5, sw 3, R 5, sw 3, L 5, sw 3, R 5 (=34); rest 15; B: ready 5, hold 5; rest 15
N, S, P, D = Outcome.NOT_REACHED, Outcome.SKIPPED, Outcome.PARTIAL, Outcome.DONE


def ended_after(seconds: float, *, routine: Routine = THREE) -> list[Outcome]:
    """The outcomes of a session ended (q, or !) `seconds` after it started."""
    clock = FakeClock()
    session = Session(routine, clock=clock)
    session.start()
    clock.advance(seconds)
    (*_, finished) = session.end()
    return [record.outcome for record in finished.summary.records]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("seconds", "outcomes"),
    [
        (0.0, [N, N, N]),  # ! at once: nothing was reached
        (4.9, [N, N, N]),  # still getting ready for A
        (5.0, [P, N, N]),  # A's first hold had begun: cut short, not "not reached"
        (5.5, [P, N, N]),
        (20.0, [P, N, N]),  # in a switch, one hold done
        (34 + 5, [D, N, N]),  # in the rest after A: B not reached
        (34 + 15 + 2, [D, N, N]),  # getting ready for B
        (34 + 15 + 5 + 1, [D, P, N]),
    ],
)
def test_ending_a_session_leaves_the_rest_not_reached(
    seconds: float, outcomes: list[Outcome]
) -> None:
    assert ended_after(seconds) == outcomes


def test_skipping_is_skipped_and_ending_after_it_is_not_reached() -> None:
    clock = FakeClock()
    session = Session(THREE, clock=clock)
    session.start()
    clock.advance(2)
    session.skip()  # A, during its get-ready: skipped
    clock.advance(1)
    (*_, finished) = session.end()  # in B's get-ready
    outcomes = [r.outcome for r in finished.summary.records]  # type: ignore[union-attr]
    assert outcomes == [S, N, N]


def test_an_exercise_passed_on_the_way_back_is_skipped() -> None:
    clock = FakeClock()
    session = Session(THREE, clock=clock)
    session.start()
    clock.advance(34 + 15 + 5 + 2)  # 2 s into B's hold
    session.skip()  # on to C
    clock.advance(2)
    session.back()  # back to B: C was passed
    (*_, finished) = session.end()  # in B's get-ready, B already tried (2 s)
    outcomes = [r.outcome for r in finished.summary.records]  # type: ignore[union-attr]
    assert outcomes == [D, P, N]  # C was only ever in its get-ready: as if never reached


def stopped_in_the_rest_after_a(path: Path) -> tuple[SessionRun, HistoryStore]:
    """A session of THREE, rated 4, stopped with ! in the rest after A: kept in a history."""
    store = HistoryStore.open(path)
    clock = FakeClock()
    run = SessionRun(THREE, store, 4, clock)
    run.start()
    clock.advance(34 + 5)
    run.stop_for_pain()
    return run, store


def test_the_history_and_the_words_say_not_reached(tmp_path: Path) -> None:
    run, store = stopped_in_the_rest_after_a(tmp_path / "h.db")
    assert run.summary is not None
    assert session_words.totals(run.summary) == "1 done · 2 not reached"
    (row,) = store.sessions()
    assert (row.done, row.skipped, row.not_reached, row.stopped_for_pain) == (1, 0, 2, True)
    assert [e[3] for e in store.exercises(row.id)] == ["done", "not reached", "not reached"]


def test_not_reached_replaces_a_skip_kept_before_going_back(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    clock = FakeClock()
    run = SessionRun(THREE, store, None, clock)
    run.start()
    clock.advance(34 + 15 + 1)  # B's get-ready
    run.skip()  # B skipped, kept as skipped at once
    run.back()  # back to B
    assert [e[3] for e in store.exercises(1)] == ["done", "skipped", "skipped"]  # C passed too
    run.end()  # B and C never began: the summary and the history agree
    assert run.summary is not None
    assert [r.outcome for r in run.summary.records] == [D, N, N]
    assert [e[3] for e in store.exercises(1)] == ["done", "not reached", "not reached"]


def test_plain_mode_says_not_reached(routine: Routine, tmp_path: Path) -> None:
    save(Settings(safety_read=True))
    store = HistoryStore.open(tmp_path / "h.db")
    out, clock = io.StringIO(), FakeClock()
    trainer = Trainer(routine, clock=clock, store=store)
    # the first 20 s settle in, then 5 s to get ready: q 2 s after the first hold
    Plain(out, Script(clock, ["3", "", "3"], {32: "q"})).run(trainer)
    lines = out.getvalue().replace("\a", "").splitlines()
    assert "Knee to chest: partial, 1 of 10." in lines
    assert "Opposite arm and leg lift: not reached." in lines
    assert "1 partial · 6 not reached. Active 5 s of 32 s in all." in lines


def test_the_history_table_and_the_export_say_not_reached(tmp_path: Path) -> None:
    import csv
    import json

    from lowback_tui.core.history.text import export, session_table

    _, store = stopped_in_the_rest_after_a(tmp_path / "h.db")
    (line,) = session_table(store).splitlines()[1:2]
    assert line.split()[3:] == ["1/3", "20", "s", "4", "→", "–", "stopped:", "it", "hurt"]
    rows = list(csv.DictReader(export(store, "csv").splitlines()))
    assert [row["outcome"] for row in rows] == ["done", "not reached", "not reached"]
    (session,) = json.loads(export(store, "json"))["sessions"]
    assert [e["outcome"] for e in session["exercises"]] == ["done", "not reached", "not reached"]
