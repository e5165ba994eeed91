"""The bundled pictures as a person sees them: the list, the d window and getting ready, at 80×24
and 40×12, without colour and on a light theme. (The list at both sizes, the d window at 40×12
and getting ready at 80×24 are test_list_screen's and test_countdown_screen's own snapshots.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from lowback_tui.app import LowbackApp
from lowback_tui.core.routine.model import Routine
from lowback_tui.core.routine.plan import Kind
from lowback_tui.core.trainer import Trainer

from .fake_clock import FakeClock
from .test_countdown_screen import seconds_into, start, wait
from .test_list_screen import fixed_app

STANDING = 3
"""The standing hamstring stretch: a tall figure, and a wall."""


@pytest.mark.parametrize("exercise", [0, STANDING])
def test_the_d_window_at_80x24(  # type: ignore[no-untyped-def]
    snap_compare, routine: Routine, tmp_path: Path, exercise: int
) -> None:
    """Lying down the two positions go one under the other; standing, side by side."""
    press = ["j"] * exercise + ["d"]
    app = fixed_app(routine, tmp_path / "h.db")
    assert snap_compare(app, terminal_size=(80, 24), press=press)


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
