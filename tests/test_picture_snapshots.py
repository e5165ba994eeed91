"""The bundled pictures as a person sees them: each of the seven in the d window and in the
countdown during its hold (or its timed effort) at 80×24 (issue 25: "snapshot each"), getting
ready at 80×24 and 40×12, without colour and on a light theme. (The list at both sizes, the d
window at 40×12 and the other phases of the countdown are test_list_screen's and
test_countdown_screen's own snapshots.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind
from lowback_tui.core.trainer import Trainer
from lowback_tui.screens.countdown import CountdownScreen

from .fake_clock import FakeClock
from .test_countdown_screen import seconds_into, start, wait
from .test_list_screen import fixed_app

STANDING = 3
"""The standing hamstring stretch: a tall figure, and a wall."""


SEVEN = range(7)
"""The bundled routine's exercises, by their place in it (the `routine` fixture's)."""


def test_the_bundled_routine_has_the_seven_these_snapshots_show(routine: Routine) -> None:
    assert len(routine.exercises) == len(SEVEN)


@pytest.mark.parametrize("exercise", SEVEN)
def test_the_d_window_at_80x24(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, tmp_path: Path, exercise: int
) -> None:
    """Each bundled picture: lying down the two positions go one under the other; standing, side
    by side; a second view (from above) beside them where it fits, else under them."""
    press = ["j"] * exercise + ["d"]
    app = fixed_app(routine, tmp_path / "h.db")
    assert snap_compare(app, terminal_size=(80, 24), press=press)


@pytest.mark.parametrize("exercise", SEVEN)
def test_the_countdown_during_each_hold_at_80x24(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, exercise: int
) -> None:
    """Each bundled picture as the countdown shows it 1.5 s into the exercise's first hold (the
    lying bicycle's timed effort): the held position, and a second view beside it where it fits."""
    kind = Kind.HOLD if routine.exercises[exercise].is_hold else Kind.WORK
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, seconds_into(routine, kind, exercise))
        screen = pilot.app.screen
        assert isinstance(screen, CountdownScreen)
        view = screen.run.view()  # the moment meant, not the next exercise's
        assert (view.exercise_number, view.phase.kind) == (exercise + 1, kind)

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_getting_ready_on_the_way_to_the_hold(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, size: tuple[int, int]
) -> None:
    """Half way through getting ready, the figure half way from start to held."""
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, 2.5)

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_getting_ready_standing_without_colour(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: the far limbs and the wall still differ from the near ones (dim)."""
    monkeypatch.setenv("NO_COLOR", "1")
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await wait(pilot, clock, seconds_into(routine, Kind.GET_READY, STANDING) + 3)

    app = LowbackApp(Trainer(routine, clock=clock))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("screen", ["list", "hold"])
def test_on_a_light_theme(snap_compare, routine: Routine, tmp_path: Path, screen: str) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        if screen == "hold":
            await start(pilot)
            await wait(pilot, clock, seconds_into(routine, Kind.HOLD))
        await pilot.pause()

    app = (
        LowbackApp(Trainer(routine, clock=clock))
        if screen == "hold"
        else fixed_app(routine, tmp_path / "h.db")
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
