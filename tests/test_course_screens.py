"""The course's screens at a small terminal (40×12): the progress screen, the report, and the
summary of a session ended before it began (its words, "not reached", must fit)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock
from .test_countdown_screen import start, to_summary
from .test_remembering import progress_app

SMALL = (40, 12)


def test_progress_snapshot_small(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(progress_app(routine, tmp_path), terminal_size=SMALL, press=["g"])


def test_course_report_snapshot_small(snap_compare, routine: Routine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = progress_app(routine, tmp_path)
    assert snap_compare(app, terminal_size=SMALL, press=["g", "r"])


def test_summary_snapshot_small(snap_compare, routine: Routine) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await pilot.press("q", "y")
        await to_summary(pilot, pain="3")

    app = LowbackApp(Trainer(routine, clock=FakeClock()))
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_on_a_narrow_terminal_the_name_keeps_its_room_and_the_active_time_goes() -> None:
    from lowback_tui.core.session.results import ExerciseRecord, Outcome
    from lowback_tui.widgets.summary_table import NAME_AT_LEAST, SummaryTable

    record = ExerciseRecord(0, "knee", "Knee to chest", Outcome.NOT_REACHED, 0, 10, 0.0, 50.0)
    table = SummaryTable([record])
    at_the_edge = table.lines(34 + NAME_AT_LEAST).plain.splitlines()  # columns take 34 cells
    assert at_the_edge[0].split() == ["Exercise", "Result", "Done", "Active"]
    wide = table.lines(60).plain.splitlines()
    assert wide[1].split() == ["Knee", "to", "chest", "not", "reached", "0", "of", "10", "0", "s"]
    narrow = table.lines(34 + NAME_AT_LEAST - 1).plain.splitlines()
    assert [line.split() for line in narrow] == [
        ["Exercise", "Result", "Done"], ["Knee", "to", "chest", "not", "reached", "0", "of", "10"],
    ]  # fmt: skip
    assert table.lines(37).plain.splitlines()[1] == "Knee to chest  not reached 0 of 10"
